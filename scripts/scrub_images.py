"""Remove photo metadata from content/images/: `make scrub-images`.

GPS positions, camera serial numbers and author names are dropped; orientation is kept.
Pictures are rewritten exactly as the build publishes them (``plaza_sources.pictures.clean``);
files the build would refuse are left alone and listed with the reason.
"""

from __future__ import annotations

import sys

from plaza.model.problems import shown_name
from plaza_sources.pictures import scrub_in_place


def main(argv: list[str] | None = None) -> int:
    content = (argv or sys.argv[1:] or ["content"])[0]
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
