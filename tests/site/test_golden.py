"""Tier 2: the whole fixture site, built and compared byte for byte with tests/golden/.

When a change is intended, run `make golden` and review the diff like any other code.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from scripts.regenerate_golden import GOLDEN, build_fixture


def tree_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("fixture") / "output"
    assert build_fixture(str(output)) == 0
    return output


def test_same_files_as_golden(built: Path) -> None:
    assert sorted(tree_files(built)) == sorted(tree_files(Path(GOLDEN))), \
        "files differ from tests/golden/site; run `make golden` and review the diff"


def test_same_bytes_as_golden(built: Path) -> None:
    actual, expected = tree_files(built), tree_files(Path(GOLDEN))
    for name in sorted(set(actual) & set(expected)):
        if actual[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode("utf-8", "replace").splitlines(),
                actual[name].decode("utf-8", "replace").splitlines(),
                f"golden/{name}", f"built/{name}", lineterm="", n=2)
            pytest.fail(f"{name} differs from the golden file (run `make golden` if this "
                        "is intended):\n" + "\n".join(list(diff)[:60]))


def test_golden_shows_the_calendar_edge_cases() -> None:
    """The golden tree is only worth reviewing if it holds the cases it is meant to show."""
    golden = Path(GOLDEN)
    weekly = (golden / "events/weekly-circle/weekly-circle.ics").read_bytes()
    assert b"EXDATE;TZID=America/Los_Angeles:20270318T180000" in weekly
    program = (golden / "es/programs/dialogue/dialogue.ics").read_bytes()
    assert program.count(b"RECURRENCE-ID;TZID=America/Los_Angeles") == 3
    assert b"STATUS:CANCELLED" in program
    about = (golden / "about/index.html").read_text()
    # The fixture's allowed raw HTML survives sanitization (scripts are refused earlier,
    # by the privacy guard: tests/unit/test_privacy.py).
    assert '<abbr title="Fixture Coalition">FC</abbr>' in about
    assert os.path.exists(golden / "es/faq/residents/index.html")


def test_golden_shows_a_partial_translation_and_session_agreement() -> None:
    """The fixture's Persian FAQ has one of its original's two questions: readers see the
    notice with a link to the original, and the coordinators' page lists it. The Spanish
    session statuses agree with "sesión" (feminine), not with "evento"."""
    golden = Path(GOLDEN)
    persian = (golden / "fa/faq/residents/index.html").read_text()
    assert ('<p class="notice notice-stale">این ترجمه از نسخهٔ اصلی (انگلیسی) کوتاه‌تر است'
            in persian)
    assert 'href="/faq/residents/" lang="en" hreflang="en">English</a></p>' in persian
    assert "notice-stale" not in (golden / "es/faq/residents/index.html").read_text()
    report = (golden / "translations/index.html").read_text()
    assert "<h3>Shorter than the original</h3>\n  <ul><li><bdi dir=\"ltr\">" \
           "content/faq/residents.fa.md</bdi></li></ul>" in report
    assert "1 translation is shorter than its original." in report
    sessions = (golden / "es/programs/dialogue/index.html").read_text()
    assert 'data-label="Estado">Confirmada · pasada<' in sessions
    assert 'data-label="Estado">Cancelada<' in sessions
    assert "Confirmado" not in sessions
    subscribe = (golden / "es/subscribe/index.html").read_text()
    assert "<h3>Para residentes</h3>" in subscribe and "Para Residentes" not in subscribe
