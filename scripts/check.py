"""Validate the content without building: `python scripts/check.py [settings.py]`."""

from __future__ import annotations

import argparse
import sys

from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import check

DESCRIPTION = """\
Check the content for mistakes without building the site. Every mistake is listed as
file:line: field: what is wrong, and how to fix it. Nothing is written.
"""
EXAMPLES = """\
examples:
  %(prog)s                  check the content of the site in pelicanconf.py
  %(prog)s publishconf.py   check with other settings
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    return check(parser.parse_args(argv).settings)


if __name__ == "__main__":
    sys.exit(main())
