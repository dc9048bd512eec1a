"""Build the site atomically: `python scripts/build.py [settings.py] [--output DIR]`."""

from __future__ import annotations

import argparse
import sys

from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import build

DESCRIPTION = """\
Make the website from the files in content/: every page in every language, the
calendar files and the news feeds. The finished site goes into the output folder
(output/ unless the settings say otherwise); if anything in the content is wrong,
each mistake is listed with its file and line, and the previous site is left as it was.
"""
EXAMPLES = """\
examples:
  %(prog)s                     build the site described by pelicanconf.py
  %(prog)s publishconf.py      build with other settings (the public address)
  %(prog)s --output /tmp/site  put the site somewhere else
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    parser.add_argument("--output", metavar="FOLDER",
                        help="where to put the site (default: OUTPUT_PATH in the settings)")
    args = parser.parse_args(argv)
    return build(args.settings, args.output)


if __name__ == "__main__":
    sys.exit(main())
