"""Print, per language, the content with no translation and the stale translations.

`python scripts/translations.py [settings.py]` (`make translations`). A translation is
stale when git shows its original changed after the translation last did.
"""

from __future__ import annotations

import argparse
import sys

from plaza.model.problems import ContentError
from plaza.publishing.translation_status import format_report, translation_report
from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import report
from plaza_pelican.project import loaded, open_project

DESCRIPTION = """\
List, for each language of the site, the content that has no translation yet and the
translations that are out of date (their original changed after they were written).
"""
EXAMPLES = """\
examples:
  %(prog)s                  list for the site in pelicanconf.py
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    try:
        site = loaded(open_project(parser.parse_args(argv).settings)).site
    except ContentError as error:
        report(error.problems)
        return 1
    print(format_report(translation_report(site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
