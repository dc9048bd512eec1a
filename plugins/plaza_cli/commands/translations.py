"""``plaza translations``, which runs ``scripts/translations.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "translations"
ORDER = 60
SUMMARY = "list what is not translated yet, or out of date, per language"


def main(argv: list[str], prog: str) -> int:
    return int(script("translations").main(argv, prog=prog))
