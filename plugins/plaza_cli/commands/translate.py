"""``plaza translate``, which runs ``scripts/translate.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "translate"
ORDER = 50
SUMMARY = "start translating one content file into another language"


def main(argv: list[str], prog: str) -> int:
    return int(script("translate").main(argv, prog=prog))
