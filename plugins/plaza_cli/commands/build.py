"""``plaza build``, which runs ``scripts/build.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "build"
ORDER = 10
SUMMARY = "make the website in the output folder (output/)"


def main(argv: list[str], prog: str) -> int:
    return int(script("build").main(argv, prog=prog))
