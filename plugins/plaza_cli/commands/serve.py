"""``plaza serve``, which runs ``scripts/serve.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "serve"
ORDER = 20
SUMMARY = "see the site in your browser; it is built again when a file changes"


def main(argv: list[str], prog: str) -> int:
    return int(script("serve").main(argv, prog=prog))
