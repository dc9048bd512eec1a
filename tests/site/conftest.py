"""Build the sample site once for the tests that check the real output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plaza_pelican.commands import build

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_NOW = "2026-11-26 09:00"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("sample") / "output"
    previous = os.environ.get("PLAZA_NOW")
    os.environ["PLAZA_NOW"] = SAMPLE_NOW
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        assert build("pelicanconf.py", str(output)) == 0
    finally:
        os.chdir(cwd)
        if previous is None:
            os.environ.pop("PLAZA_NOW", None)
        else:
            os.environ["PLAZA_NOW"] = previous
    return output
