"""Tier 1: messages people forward: an event's share links and the weekly message, in every
language, with hostile text in every field (the now of ``tree`` is 2026-11-26 09:00)."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from plaza.model.languages import language
from plaza.model.models import EventRecord, Kind
from plaza.publishing import messages, week
from plaza.publishing.views import LanguageView
from plaza.time.schedule import Schedule
from tests.hostile import MARKER, PAYLOADS

from .test_series_words import CATALOGS, LANGUAGES

HOSTILE = f"{MARKER} " + " ".join(PAYLOADS.values()) + " a&b=c #frag ?q 'x' \"y\" \u200f\u202e"


def event_file(title: str, start: str, extra: str = "") -> str:
    return (f"---\ntitle: {json.dumps(title)}\nstart: {start}\nduration: 1h30m\n"
            f"audience: [residents]\n{extra}---\n")


def share(site, lang: str, kind: Kind, item_id: str) -> messages.Message:
    """The message an item's page shares, as the template asks for it."""
    context = LanguageView(site, Schedule.of(site), lang).item_context(site.get(kind, item_id))
    record = context["entry"].record
    rows, next_row = context["rows"], context["next_row"]
    return messages.event_message(
        record, record.title, rows[0].occurrence if rows else None,
        next_row.occurrence if next_row else None, context["series"],
        f"https://example.org/{context['entry'].url}", language(lang).babel_locale,
        CATALOGS[lang])


def decoded(link: messages.ShareLink) -> dict[str, str]:
    """The query of a share link, decoded (``sms:?&body=`` and ``mailto:?`` included)."""
    parts = urlsplit(link.href)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    assert all(len(values) == 1 for values in query.values()), link.href
    return {name: values[0] for name, values in query.items()}


def test_plain_keeps_one_line_without_controls_or_tags():
    text = messages.plain("a\r\nb\u2028c\u202ed\u2066e\u2069 <img src=x>\x07 f\u200c", 0)
    assert text == "a b c d e ‹img src=x› f\u200c"
    assert messages.plain("x" * 50, 10) == "x" * 9 + "…"


def test_a_one_off_event_is_title_when_in_words_and_its_address(tree):
    tree.write("events/town-hall.md", event_file("Town hall", "2027-01-13 18:00"))
    site = tree.load()
    found = share(site, "en", Kind.EVENT, "town-hall")
    assert found.text.split("\n") == [
        "Town hall", "Wednesday, January 13, 2027, 6:00\u2009–\u20097:30\u202fPM "
        "Pacific Standard Time", "https://example.org/events/town-hall/"]
    assert found.subject == "Town hall"


def test_a_series_says_its_rule_and_next_meeting_and_a_cancelled_one_says_so(tree):
    tree.write("events/circle.md", event_file(
        "Circle", "2026-12-03 18:00", "repeat: every third Thursday\nstatus: cancelled\n"))
    site = tree.load()
    found = share(site, "en", Kind.EVENT, "circle")
    lines = found.text.split("\n")
    assert lines[0] == "Cancelled: Circle" == found.subject
    assert lines[1].startswith("Every third Thursday, 6:00")
    assert lines[-1] == "https://example.org/events/circle/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_share_links_carry_the_message_percent_encoded_in_every_language(tree, lang):
    tree.write("events/town-hall.md", event_file("Town hall", "2027-01-13 18:00"))
    site = tree.load(languages=tuple(LANGUAGES))
    found = share(site, lang, Kind.EVENT, "town-hall")
    links = {link.service: link for link in messages.share_links(found)}
    assert list(links) == ["whatsapp", "telegram", "sms", "email"]
    for link in links.values():
        assert link.href.isascii() and not any(c in link.href for c in " \n\"'<>")
    assert links["whatsapp"].href.startswith("https://wa.me/?text=")
    assert decoded(links["whatsapp"]) == {"text": found.text}
    telegram = decoded(links["telegram"])
    assert urlsplit(links["telegram"].href)[:3] == ("https", "t.me", "/share/url")
    assert telegram["url"] == found.url and found.text == f"{telegram['text']}\n{found.url}"
    assert links["sms"].href.startswith("sms:?&body=")
    assert decoded(links["sms"]) == {"body": found.text}
    assert links["email"].href.startswith("mailto:?subject=")
    email = decoded(links["email"])
    assert email == {"subject": found.subject, "body": found.text.replace("\n", "\r\n")}


def test_hostile_text_stays_inside_its_query_value(tree, monkeypatch):
    monkeypatch.setattr("plaza.reading.fields.markup_problem", lambda text: None)
    monkeypatch.setattr("plaza.reading.privacy.check_source", lambda *args: None)
    tree.write("events/bad.md", event_file(HOSTILE, "2027-01-13 18:00"))
    site = tree.load()
    found = share(site, "en", Kind.EVENT, "bad")
    assert "<" not in found.text and ">" not in found.text and "\u202e" not in found.text
    assert len(found.text.split("\n")) == 3  # a line break in the title is a space
    for link in messages.share_links(found):
        parts = urlsplit(link.href)
        assert parts.fragment == ""  # '#' never ends the query
        values = decoded(link)
        assert set(values) <= {"text", "url", "body", "subject"}, link.href
        assert MARKER in unquote(parts.query)
        assert found.subject in values.get("subject", found.text)


# --- the weekly message -------------------------------------------------------------

def weekly(site, lang: str) -> tuple[week.Week, str]:
    found = week.week_of(site, Schedule.of(site), lang)
    return found, week.message(found, language(lang).babel_locale, CATALOGS[lang])


def test_the_week_is_today_and_six_days_in_the_site_zone_changes_first(tree):
    tree.write("events/today.md", event_file("Today", "2026-11-26 18:00"))
    tree.write("events/last.md", event_file("Last day", "2026-12-02 20:00"))
    tree.write("events/after.md", event_file("After", "2026-12-03 09:00"))
    tree.write("events/over.md", event_file("Over", "2026-11-26 06:00"))
    tree.write("events/off.md", event_file("Fair", "2026-11-30 10:00", "status: cancelled\n"))
    tree.write("programs/weekly.md", "---\ntitle: Weekly\nstart: 2026-11-24 18:00\n"
               "duration: 1h\nrepeat: FREQ=WEEKLY;COUNT=3\nsessions:\n"
               "  - date: 2026-12-08\n    start: 2026-12-01 19:00\n---\n")
    site = tree.load()
    found, text = weekly(site, "en")
    assert (found.first, found.last) == (date(2026, 11, 26), date(2026, 12, 2))
    assert [row.slot.item.id for row in found.rows] == ["off", "weekly", "today", "weekly",
                                                        "last"]
    assert text == (
        "This week at Test Coalition, Thu, Nov 26\u2009–\u2009Wed, Dec 2:\n\n"
        "Changes and cancellations:\n"
        "• Mon, Nov 30, 10:00\u2009–\u200911:30\u202fAM: Cancelled: Fair\n"
        "• Tue, Dec 1, 7:00\u2009–\u20098:00\u202fPM: Weekly (moved from Tue, Dec 8)\n\n"
        "• Thu, Nov 26, 6:00\u2009–\u20097:30\u202fPM: Today\n"
        "• Tue, Dec 1, 6:00\u2009–\u20097:00\u202fPM: Weekly\n"
        "• Wed, Dec 2, 8:00\u2009–\u20099:30\u202fPM: Last day\n\n"
        "All events:\nhttps://example.org/events/\n")


def test_an_empty_week_says_so_with_its_one_link(tree):
    tree.write("events/later.md", event_file("Later", "2027-01-13 18:00"))
    _, text = weekly(tree.load(languages=("en", "es")), "es")
    assert text.splitlines()[2:] == ["No hay eventos esta semana.", "",
                                     "Todos los eventos:", "https://example.org/es/events/"]


def hostile_week(tree, monkeypatch, count: int):
    monkeypatch.setattr("plaza.reading.fields.markup_problem", lambda text: None)
    monkeypatch.setattr("plaza.reading.privacy.check_source", lambda *args: None)
    long = "Very long title " * 20
    for n in range(count):
        status = "status: cancelled\n" if n % 7 == 0 else ""
        place = (f"location:\n  name: {json.dumps(f'{HOSTILE} {long}')}\n" if n % 2
                 else "online: https://x.org\n")
        tree.write(f"events/e{n:03d}.md", event_file(
            f"{HOSTILE} {n} {long}", f"2026-11-{26 + n % 5} {10 + n % 10}:00",
            status + place))
    return tree.load(languages=tuple(LANGUAGES))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_crowded_hostile_week_fits_in_1000_characters_with_one_link(tree, monkeypatch, lang):
    site = hostile_week(tree, monkeypatch, 60)
    found, text = weekly(site, lang)
    assert len(found.rows) == 60
    assert len(text) <= week.LIMIT
    assert not any(c in text for c in "<>\u202e\u2066\x07")
    assert text.count("https://") == 1 and text.rstrip("\n").endswith(found.link)
    lines = text.splitlines()
    shown = sum(1 for line in lines if line.startswith("• "))
    assert 0 < shown < 60
    # The changes come first: every cancelled event is among those shown.
    cancelled = CATALOGS[lang].gettext("Cancelled: %(title)s").split("%(title)s")[0]
    assert all(cancelled in line for line in lines[3:3 + min(shown, 9)])
    more = week.number(60 - shown, language(lang).babel_locale)
    assert more in lines[-2] and lines[-1] == found.link


def test_every_line_of_a_hostile_week_is_one_event(tree, monkeypatch):
    site = hostile_week(tree, monkeypatch, 3)
    found, text = weekly(site, "en")
    lines = [line for line in text.splitlines() if line]
    assert len(lines) == 1 + 1 + 3 + 2  # heading, changes heading, 3 events, the link
    assert isinstance(found.rows[0].slot.item.original, EventRecord)
