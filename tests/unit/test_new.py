"""`make new` writes files that pass `make check` as written, for every type."""

from __future__ import annotations

from pathlib import Path

import pytest

from plaza.reading.placeholders import PLACEHOLDERS
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
    capsys.readouterr()
    assert check(str(site)) == 1  # until the placeholders are replaced
    assert capsys.readouterr().err.splitlines() == [
        "content/events/know-your-rights.md:14: the description is still the placeholder "
        "written by make new; write what the event is about",
        "content/faq/residents.md:7: the answer is still the placeholder written by make new; "
        "write the answer to the question above it",
        "content/faq/residents.md:11: the answer is still the placeholder written by make new; "
        "write the answer to the question above it",
        "content/pages/volunteer-with-us.md:4: the text is still the placeholder written by "
        "make new; write the page",
        "content/programs/dialogue-circles.md:7: the description is still the placeholder "
        "written by make new; write what the series is about",
        "", "5 problems found. Nothing was published; fix the lines above and run the command "
        "again."]
    for path in content.rglob("*.md"):
        text = path.read_text()
        for placeholder in PLACEHOLDERS:
            text = text.replace(placeholder, "Our own words.")
        path.write_text(text)
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


def test_interactive_event_asks_for_place_length_languages_and_audience(site, monkeypatch):
    answers = iter(["event", "Know your rights", "2027-01-14 18:00", "", "https://meet.example.org/kyr",
                    "90m", "en, es", "tourists", "residents"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new.main(["--settings", str(site)], interactive=lambda: True) == 0
    text = (site.parent / "content/events/know-your-rights.md").read_text()
    assert text.startswith(
        "---\ntitle: Know your rights\nstart: 2027-01-14 18:00\nduration: 90m\n"
        "online: https://meet.example.org/kyr\naudience:\n- residents\nlanguages:\n- en\n"
        "- es\n---\n")


def test_interactive_event_with_a_place(site, monkeypatch):
    answers = iter(["Library", "1 Main St", "", "", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new.main(["--settings", str(site), "--type", "event", "--title", "Circle",
                     "--start", "2027-01-14 18:00"], interactive=lambda: True) == 0
    text = (site.parent / "content/events/circle.md").read_text()
    assert "location:\n  name: Library\n  address: 1 Main St\n" in text
