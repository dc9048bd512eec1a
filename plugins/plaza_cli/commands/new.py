"""``plaza new``, which runs ``scripts/new.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "new"
ORDER = 40
SUMMARY = "create an event, program, meeting notes, FAQ question or page"


def main(argv: list[str], prog: str) -> int:
    return int(script("new").main(argv, prog=prog))
