"""Build the site atomically: `python scripts/build.py [settings.py] [--output DIR]`."""

from __future__ import annotations

import argparse
import sys

from plaza_pelican.commands import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    args = parser.parse_args(argv)
    return build(args.settings, args.output)


if __name__ == "__main__":
    sys.exit(main())
