"""``plaza import``, which runs ``scripts/import_ics.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "import"
ORDER = 75
SUMMARY = "bring events in from a calendar file (.ics) exported from Google, Outlook or Apple"


def main(argv: list[str], prog: str) -> int:
    return int(script("import_ics").main(argv, prog=prog))
