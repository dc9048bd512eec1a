"""``plaza check``, which runs ``scripts/check.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "check"
ORDER = 30
SUMMARY = "look for mistakes in the content, without building"


def main(argv: list[str], prog: str) -> int:
    return int(script("check").main(argv, prog=prog))
