"""`make new` writes files that pass `make check` as written, for every type."""

from __future__ import annotations

from pathlib import Path

import pytest

from plaza_pelican.commands import check
from scripts import new

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r})"
        ".items() if k.isupper())\n"
        f"PATH = {str(tmp_path / 'content')!r}\n"
        # An empty site has none of the pages the sample's help block links to.
        "PLAZA_HELP = {'phones': PLAZA_HELP['phones']}\n")
    return settings


def run(settings: Path, *options: str) -> int:
    return new.main(["--settings", str(settings), *options], interactive=lambda: False)


def test_every_type_passes_check(site, capsys):
    assert run(site, "--type", "event", "--title", "Know your rights", "--start",
               "2027-01-14 18:00", "--duration", "90m", "--location", "Library",
               "--address", "1 Main St", "--audience", "residents", "--languages", "en,es") == 0
    assert run(site, "--type", "program", "--title", "Dialogue circles", "--start",
               "2027-01-09 10:00", "--end", "2027-01-09 11:30", "--repeat",
               "FREQ=WEEKLY;BYDAY=SA;COUNT=6") == 0
    assert run(site, "--type", "notes", "--title", "Notes of the first circle", "--event",
               "dialogue-circles", "--date", "2027-01-09") == 0
    assert run(site, "--type", "faq", "--audience", "residents", "--question",
               "Can I bring my children?") == 0
    assert run(site, "--type", "faq", "--audience", "residents", "--question",
               "Is there parking?") == 0
    assert run(site, "--type", "page", "--title", "Volunteer with us") == 0
    content = site.parent / "content"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")) == [
        "events/know-your-rights.md", "faq/residents.md", "notes/notes-of-the-first-circle.md",
        "pages/volunteer-with-us.md", "programs/dialogue-circles.md"]
    assert (content / "faq/residents.md").read_text().count("\n## ") == 2
    assert check(str(site)) == 0
    assert "Content is valid" in capsys.readouterr().out


def test_invalid_values_leave_no_file(site, capsys):
    assert run(site, "--type", "event", "--title", "Bad", "--start", "2027-03-14 02:30") == 1
    assert not list((site.parent / "content").rglob("*.md"))
    assert "does not exist in America/Los_Angeles" in capsys.readouterr().err


def test_missing_values_without_a_terminal_say_what_to_give(site):
    with pytest.raises(SystemExit, match="missing START"):
        run(site, "--type", "event", "--title", "No start")


def test_interactive_questions(site, monkeypatch):
    answers = iter(["page", "Our partners"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new.main(["--settings", str(site)], interactive=lambda: True) == 0
    assert (site.parent / "content/pages/our-partners.md").exists()
