"""Rebuild tests/golden/ from the fixture site: `make golden`. Review the diff, then commit."""

from __future__ import annotations

import os
import shutil
import sys

from plaza_pelican.commands import build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE_SETTINGS = os.path.join(ROOT, "tests", "fixtures", "site", "settings.py")
GOLDEN = os.path.join(ROOT, "tests", "golden", "site")
# The fixture's "now": fixed, so upcoming and past never drift.
FIXTURE_NOW = "2026-11-26 09:00"


def build_fixture(output: str) -> int:
    os.environ["PLAZA_NOW"] = FIXTURE_NOW
    return build(FIXTURE_SETTINGS, output)


def main() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    status = build_fixture(GOLDEN)
    if status == 0:
        print(f"Golden files written to {os.path.relpath(GOLDEN, ROOT)}; review `git diff`.")
    return status


if __name__ == "__main__":
    sys.exit(main())
