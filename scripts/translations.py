"""Print, per language, the content with no translation and the stale translations.

`python scripts/translations.py [settings.py]` (`make translations`). A translation is
stale when git shows its original changed after the translation last did.
"""

from __future__ import annotations

import argparse
import sys

from plaza.config import SiteConfig
from plaza.problems import ContentError
from plaza.project import load_project
from plaza.translation_status import format_report, translation_report
from plaza_pelican.commands import report, settings_from
from plaza_pelican.generator import now_from_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    settings = settings_from(parser.parse_args(argv).settings)
    config = SiteConfig.from_settings(settings, now_from_environment(settings))
    try:
        site = load_project(settings["PATH"], config)
    except ContentError as error:
        report(error.problems)
        return 1
    print(format_report(translation_report(site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
