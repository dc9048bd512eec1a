"""Validate the content without building: `python scripts/check.py [settings.py]`."""

from __future__ import annotations

import argparse
import sys

from plaza_pelican.commands import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    return check(parser.parse_args(argv).settings)


if __name__ == "__main__":
    sys.exit(main())
