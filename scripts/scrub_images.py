"""Remove photo metadata from content/images/: `make scrub-images`.

GPS positions, camera serial numbers and author names are dropped; orientation is kept.
Pictures are rewritten exactly as the build publishes them (``plaza_sources.pictures.clean``);
files the build would refuse are left alone and listed with the reason.
"""

from __future__ import annotations

import argparse
import sys

from plaza.model.problems import shown_name
from plaza_cli.help import HelpFormatter
from plaza_sources.pictures import scrub_in_place

DESCRIPTION = """\
Remove the hidden details that photos carry (the place where a photo was taken, the
camera's serial number, the name of whoever took it) from every picture in
content/images/. The pictures are rewritten in place; their orientation is kept.
The build removes these details from what it publishes anyway; this cleans the files
you keep and share, too.
"""
EXAMPLES = """\
examples:
  %(prog)s               clean the pictures in content/images/
  %(prog)s my-content    clean the pictures in my-content/images/
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("content", nargs="?", default="content",
                        help="the content folder (default: content)")
    content = parser.parse_args(argv).content
    done = scrub_in_place(content)
    for path in done.changed:
        print(f"scrubbed {shown_name(content)}/{path}")
    for path, reason in done.refused:
        print(f"skipped {shown_name(content)}/{shown_name(path)}: {reason}")
    print(f"{len(done.changed)} picture(s) rewritten without metadata.")
    if done.refused:
        print(f"{len(done.refused)} file(s) skipped: fix them as said above.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
