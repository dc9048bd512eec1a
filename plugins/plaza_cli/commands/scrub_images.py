"""``plaza scrub-images``, which runs ``scripts/scrub_images.py``."""

from __future__ import annotations

from plaza_cli.scripts import script

NAME = "scrub-images"
ORDER = 70
SUMMARY = "remove hidden location and camera details from photos"


def main(argv: list[str], prog: str) -> int:
    return int(script("scrub_images").main(argv, prog=prog))
