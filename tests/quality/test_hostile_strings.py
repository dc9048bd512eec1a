"""No volunteer text becomes markup, in any output (the trust issue, section 1).

A site with a hostile string in every text field of every content type (and in their
translations, FAQ questions and Markdown bodies) is built, and every file of the output is
searched for markup, structure or properties that string could have made.

Validation refuses most of these strings; to test the escaping itself, the first test
turns those checks off (escaping must hold even if a check were missing). The second
shows the test can fail: with autoescaping off, it finds the leaks.
"""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from plaza.model.models import Kind
from plaza_pelican.commands import build, check
from plaza_pelican.generator import PlazaGenerator
from scripts.regenerate_golden import FIXTURE_NOW, FIXTURE_SETTINGS

from ..hostile import MARKER, PAYLOADS, escaped_twice_in_titles, leaks, text_fields, write_site


def hostile_site(root: Path) -> tuple[Path, list[str]]:
    content = root / "content"
    covered = write_site(content)
    (content / "images").mkdir()
    Image.new("RGB", (4, 4), "white").save(content / "images" / "room.png")
    settings = root / "settings.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(FIXTURE_SETTINGS)!r})"
        ".items() if k.isupper())\n"
        f"PATH = {str(content)!r}\n"
        # This content has none of the fixture's pages the help block links to.
        "PLAZA_HELP = {'phones': PLAZA_HELP['phones']}\n")
    return settings, covered


def without_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn off what refuses markup, hidden characters and raw HTML at validation."""
    monkeypatch.setattr("plaza.reading.fields.markup_problem", lambda text: None)
    monkeypatch.setattr("plaza.reading.privacy.check_source", lambda *args: None)


@pytest.fixture
def environment(monkeypatch):
    monkeypatch.setenv("PLAZA_NOW", FIXTURE_NOW)
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")


def test_every_text_field_of_every_type_is_in_the_corpus(tmp_path):
    _, covered = hostile_site(tmp_path)
    expected = {f"{kind.value}.{name}" for kind in Kind for name in text_fields(kind)}
    assert set(covered) == expected


def test_no_hostile_string_becomes_markup_in_any_output(tmp_path, monkeypatch, environment):
    settings, _ = hostile_site(tmp_path)
    without_checks(monkeypatch)
    output = tmp_path / "output"
    assert build(str(settings), str(output)) == 0
    built = "".join(p.read_text("utf-8") for p in output.rglob("*.html"))
    assert built.count(MARKER) > 100  # the strings did reach the pages
    assert leaks(output) == []
    assert escaped_twice_in_titles(output) == []
    # The month view and the filters show the titles and session topics too, as text.
    shown = {"events/2026/12/": ["events.title", "programs.sessions.topic"],
             "es/events/2026/12/": ["events.title", "programs.es.sessions.topic"],
             "fa/events/2026/12/": ["events.title", "programs.sessions.topic"],
             "events/audience/residents/": ["events.title", "programs.sessions.topic"],
             "es/events/language/es/": ["events.title"]}
    for path, fields in shown.items():
        text = (output / path / "index.html").read_text("utf-8")
        for field in fields:
            assert f"{MARKER}[{field}] &lt;img src=x onerror=alert(1)&gt;" in text, \
                (path, field)
    shared_messages_hold_hostile_text_as_text(output)


def shared_messages_hold_hostile_text_as_text(output: Path) -> None:
    """The weekly message (the program meets on December 2, in the week of November 26)
    and the share links carry the hostile titles as plain text, each in its own line or
    query value: no tag, no line break, no direction override, no second query part."""
    for lang in ("", "es/", "fa/"):
        text = (output / lang / "week" / "week.txt").read_text("utf-8")
        assert f"{MARKER}[programs.title] ‹img src=x onerror=alert(1)›" in text, lang
        assert not any(c in text for c in "<>\u202e\u2066\x07\x85"), lang
        assert len(text) <= 1000 and text.count("://") == 1
        page = (output / lang / "events" / "hostile-event" / "index.html").read_text("utf-8")
        hrefs = re.findall(r'<a href="((?:https://(?:wa|t)\.me|sms:|mailto:)[^"]*)"', page)
        assert len(hrefs) == 4, lang
        for href in hrefs:
            parts = urlsplit(html.unescape(href))
            assert parts.fragment == "" and parts.query.isascii()
            values = parse_qs(parts.query, keep_blank_values=True)
            assert set(values) <= {"text", "url", "body", "subject"}, href[:80]
            said = "".join(value for found in values.values() for value in found)
            assert f"{MARKER}[events.title]" in said and "<" not in said


def test_the_search_finds_leaks_when_autoescaping_is_off(tmp_path, monkeypatch, environment):
    settings, _ = hostile_site(tmp_path)
    without_checks(monkeypatch)
    original = PlazaGenerator.generate_context

    def unescaped(self):
        original(self)
        self.env.autoescape = False

    monkeypatch.setattr(PlazaGenerator, "generate_context", unescaped)
    output = tmp_path / "output"
    assert build(str(settings), str(output)) == 0
    found = leaks(output)
    assert any("<img onerror=…>" in leak for leak in found), found[:5]
    assert any("<script>" in leak for leak in found)


def test_check_reports_every_hostile_field_in_plain_words(tmp_path, capsys, environment):
    settings, covered = hostile_site(tmp_path)
    assert check(str(settings)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "title: contains HTML '<img'; plain text only" in err
    for name in covered:
        kind, field = name.split(".", 1)
        assert f"content/{kind}/hostile-" in err and f" {field}" in err, name
    assert "U+202E" in err  # the hidden direction control, from the privacy guard


def test_corpus_payloads_are_distinct():
    assert len(set(PAYLOADS.values())) == len(PAYLOADS)
    assert runpy  # the settings files above are run this way
