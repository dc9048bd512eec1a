"""Importing calendars: exports in the form Google, Outlook and Apple write them become
content files that Plaza's own loader accepts, with the same meetings as the calendar.

The meetings are checked against the source expanded by recurring-ical-events (an
independent implementation of RFC 5545): same starts and ends as instants, same
cancelled ones, over the next twelve months.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plaza.importing.calendar_import import (
    CalendarImportError,
    import_calendar,
    unique_id,
    zone_name,
)
from plaza.importing.text import Changes, description_markdown, looks_like_html, plain_line
from plaza.model.models import Kind, Status
from plaza.model.timing import as_datetime
from plaza.reading.frontmatter import parse_source
from plaza.reading.plaintext import markup_problem
from plaza.time.recurrence import occurrences
from plaza_pelican.commands import check
from plaza_pelican.project import loaded, project_of, settings_from
from scripts.import_ics import main as import_main

from ..conftest import LA, NOW, ContentTree
from ..hostile import PAYLOADS
from ..sites import copy_fixture

ICS = Path(__file__).resolve().parent.parent / "fixtures" / "ics"
SITE_ZONE = "America/Los_Angeles"


def imported(name: str) -> dict[str, Any]:
    result = import_calendar((ICS / name).read_bytes(), SITE_ZONE)
    return {item.path: item for item in result.files} | {"": result}


def front(text: str) -> dict[str, Any]:
    return parse_source("x.md", text).fields


def body(text: str) -> str:
    return parse_source("x.md", text).body


def event(lines: str, extra: str = "") -> bytes:
    """A one-event calendar, CRLF as every client writes it."""
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\n" + extra +
            "BEGIN:VEVENT\nUID:test-1\nDTSTAMP:20261120T000000Z\n" + lines.strip() +
            "\nEND:VEVENT\nEND:VCALENDAR\n")
    return text.replace("\n", "\r\n").encode()


# --- Google -------------------------------------------------------------------------------

def test_google_series_with_overrides_is_a_program_in_words():
    files = imported("google.ics")
    item = files["programs/rapid-response-check-in.md"]
    fields = front(item.text)
    assert fields["title"] == "Rapid response check-in"
    assert fields["start"] == "2026-12-03 18:00"
    assert fields["duration"] == "1h30m"
    # UNTIL=20270401T015959Z is 18:59 on 31 March in Los Angeles: through that day.
    assert fields["repeat"] == "every Thursday until March 31, 2027"
    assert fields["except"] == ["2026-12-24", "2026-12-31"]
    assert fields["sessions"] == [
        {"date": "2026-12-10", "start": "2026-12-10 19:00",
         "topic": "know your rights at work"},  # the series' title left off
        {"date": "2027-01-14", "status": "cancelled"}]
    assert fields["online"] == "https://meet.google.com/abc-defg-hij"
    assert fields["location"] == {"name": "Centro Comunitario",
                                  "address": "123 Main St, Los Angeles, CA 90012, USA"}
    assert "timezone" not in fields  # the site's own zone
    assert "[know-your-rights guide](https://example.org/rights)" in body(item.text)
    assert "reminders (alarms) are not carried over; readers set their own" in item.notes


def test_google_monthly_rule_in_words_and_utc_event_in_site_zone():
    files = imported("google.ics")
    dialogue = front(files["events/community-dialogue.md"].text)
    assert dialogue["repeat"] == "the third Thursday of every month, 6 times"
    assert dialogue["location"] == "Boyle Heights Library"
    fair = front(files["events/know-your-rights-fair.md"].text)
    assert (fair["start"], fair["end"], fair["status"]) == \
        ("2026-12-12 10:00", "2026-12-12 13:00", "tentative")


def test_private_events_are_not_imported_and_are_reported():
    google, outlook = imported("google.ics"), imported("outlook.ics")
    texts = " ".join(item.text for result in (google, outlook)
                     for key, item in result.items() if key)
    assert "Lawyer call" not in texts and "Case review" not in texts
    assert "'Lawyer call for a family' is marked private in the calendar; not imported" in \
        google[""].report()
    assert any("Case review" in line for line in outlook[""].report())


# --- Outlook ------------------------------------------------------------------------------

def test_outlook_windows_zones_become_iana():
    files = imported("outlook.ics")
    planning = front(files["programs/winter-drive-planning.md"].text)
    assert planning["start"] == "2026-12-08 17:30" and "timezone" not in planning
    assert planning["repeat"] == "every other Tuesday, 10 times"  # WKST changes nothing
    assert planning["sessions"] == [{"date": "2026-12-22", "start": "2026-12-23 17:30"}]
    call = front(files["events/east-coast-call.md"].text)
    assert call["timezone"] == "America/New_York"
    assert call["start"] == "2027-01-20 19:00" and call["end"] == "2027-01-20 20:00"
    assert call["online"] == "https://zoom.us/j/98765432100?pwd=abcDEF"
    assert "location" not in call  # the Zoom link was the location
    assert "location" not in planning  # "Microsoft Teams Meeting" is not a place


@pytest.mark.parametrize("tzid, zone", [
    ("Pacific Standard Time", "America/Los_Angeles"), ("Eastern Standard Time",
                                                       "America/New_York"),
    ("W. Europe Standard Time", "Europe/Berlin"), ("America/Chicago", "America/Chicago"),
    ("/mozilla.org/20070129_1/America/Denver", "America/Denver"), ("Mars/Olympus", None)])
def test_zone_names(tzid, zone):
    assert zone_name(tzid) == zone


def test_outlook_html_description_is_markdown_text_and_links_only():
    item = imported("outlook.ics")["programs/winter-drive-planning.md"]
    text = body(item.text)
    assert "[Join the meeting now](https://teams.microsoft.com/l/meetup-join/" in text
    for gone in ("<", "script", "alert", "evil.example", "mailto", "tel:", "color:red",
                 "maria.lopez", "323"):
        assert gone not in text.lower()
    assert "- Bring \\*coats\\* &amp; \\[blankets\\]" in text
    assert "\\{\\{ volunteers \\}\\}" in text
    assert any("organizer" in note for note in item.notes)


# --- Apple --------------------------------------------------------------------------------

def test_apple_structured_location_all_day_and_duration():
    files = imported("apple.ics")
    drive = files["events/winter-coat-drive.md"]
    fields = front(drive.text)
    assert fields["start"] == "2026-12-19" and "end" not in fields  # one day
    assert fields["location"] == {"name": "Central Library",
                                  "address": "630 W 5th St, Los Angeles CA 90071, United States"}
    assert any("RDATE" in note for note in drive.notes)
    rally = front(files["events/dia-de-accion-ciudad-santuario.md"].text)
    assert (rally["start"], rally["end"]) == ("2027-01-15", "2027-01-17")  # inclusive
    clinic = front(files["events/know-your-rights-clinic.md"].text)
    assert clinic["duration"] == "1h30m"
    assert clinic["repeat"] == "the first Saturday of every month"
    assert clinic["online"] == "https://example.org/clinic"
    assert "events/know-your-rights-clinic-2.md" in files  # same title, unique id


# --- personal data --------------------------------------------------------------------------

def test_personal_details_never_reach_the_files_and_are_reported():
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        result = import_calendar((ICS / name).read_bytes(), SITE_ZONE)
        for item in result.files:
            lowered = item.text.lower()
            for secret in ("ana.organizer", "jose.vecino", "maria.lopez", "@gmail", "@outlook",
                           "555-0147", "555.0188", "555-0199", "617-675-4444", "mailto"):
                assert secret not in lowered, (item.path, secret)
    google = import_calendar((ICS / "google.ics").read_bytes(), SITE_ZONE).report()
    assert "programs/rapid-response-check-in.md: 2 attendees left out (names and emails " \
           "are never published)" in google
    assert any("a phone number removed" in line for line in google)


def test_contacts_in_title_and_place_removed():
    result = import_calendar(event(
        "SUMMARY:Call 213-555-0147 or write ana@example.com\n"
        "DTSTART;TZID=America/Los_Angeles:20261210T180000\n"
        "LOCATION:Ana's house\\, 12 Elm St\\, call (323) 555-0100\n"), SITE_ZONE)
    (item,) = result.files
    assert "555" not in item.text and "ana@" not in item.text
    assert front(item.text)["location"]["address"] == "12 Elm St, call (contact removed)"


# --- what cannot be carried over -----------------------------------------------------------

def test_refused_rule_parts_are_reported():
    hourly = import_calendar(event("SUMMARY:Hourly\nDTSTART:20261210T180000Z\n"
                                   "RRULE:FREQ=HOURLY;COUNT=5\n"), SITE_ZONE)
    assert "repeat" not in front(hourly.files[0].text)
    assert any("hourly" in note for note in hourly.files[0].notes)
    byhour = import_calendar(event(
        "SUMMARY:Twice\nDTSTART;TZID=America/Los_Angeles:20261210T090000\n"
        "RRULE:FREQ=DAILY;COUNT=4;BYHOUR=9,17\n"), SITE_ZONE)
    assert front(byhour.files[0].text)["repeat"] == "every day, 4 times"
    assert any("BYHOUR=9,17" in note for note in byhour.files[0].notes)
    long = import_calendar(event(
        "SUMMARY:Daily\nDTSTART;TZID=America/Los_Angeles:20261210T090000\n"
        "RRULE:FREQ=DAILY;UNTIL=20400101T000000Z\n"), SITE_ZONE)
    assert front(long.files[0].text)["repeat"] == "every day, 1000 times"


def test_rfc_7986_conference_the_first_web_link_wins():
    result = import_calendar(event(
        "SUMMARY:Call\nDTSTART;TZID=America/Los_Angeles:20261210T180000\n"
        "CONFERENCE;VALUE=URI;FEATURE=PHONE;LABEL=Dial in:tel:+1-213-555-0147\n"
        "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Jitsi:https://meet.jit.si/coalition\n"),
        SITE_ZONE)
    assert front(result.files[0].text)["online"] == "https://meet.jit.si/coalition"
    assert "555" not in result.files[0].text


def test_a_changed_meeting_without_its_series_is_an_event():
    result = import_calendar(event(
        "SUMMARY:Moved meeting\nRECURRENCE-ID;TZID=America/Los_Angeles:20261210T180000\n"
        "DTSTART;TZID=America/Los_Angeles:20261211T180000\nDURATION:PT1H\n"), SITE_ZONE)
    (item,) = result.files
    assert item.path == "events/moved-meeting.md"
    assert front(item.text)["start"] == "2026-12-11 18:00"
    assert any("series that is not in the file" in note for note in item.notes)


def test_a_start_the_rule_does_not_make_is_reported():
    result = import_calendar(event(
        "SUMMARY:Odd start\nDTSTART;TZID=America/Los_Angeles:20261209T180000\n"
        "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=3\n"), SITE_ZONE)
    assert any("not a date the rule makes" in note for note in result.files[0].notes)


def test_floating_and_utc_series_keep_their_clock():
    utc = import_calendar(event("SUMMARY:UTC call\nDTSTART:20261210T180000Z\n"
                                "DURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3\n"), SITE_ZONE)
    fields = front(utc.files[0].text)
    assert (fields["start"], fields["timezone"]) == ("2026-12-10 18:00", "UTC")
    floating = import_calendar(event("SUMMARY:Local\nDTSTART:20261210T180000\n"), SITE_ZONE)
    assert front(floating.files[0].text)["start"] == "2026-12-10 18:00"


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"hello", "not an iCalendar file"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n",
     "cannot be read|holds no calendar")])
def test_not_a_calendar(data, message):
    with pytest.raises(CalendarImportError, match=message):
        import_calendar(data, SITE_ZONE)


def test_ids_are_slugs_unique_and_never_reserved():
    taken: set[str] = {"past"}
    assert unique_id("Día de acción!", taken) == "dia-de-accion"
    assert unique_id("Día de acción?", taken) == "dia-de-accion-2"
    assert unique_id("Past", taken) == "past-2"
    assert unique_id("***", taken) == "event"
    assert unique_id("x" * 200, taken) == "x" * 60


# --- hostile text -------------------------------------------------------------------------

HOSTILE = [*PAYLOADS.values(), "---", "key: value", "- item", "{{ site }}", "{% raw %}",
           "&amp; *bold* _em_ `code` [link](javascript:alert(1)) ![img](https://evil.x/a.png)",
           "# heading", "    indented code", "~~~", "| a | b |", "? : ! % @ ` '\" \\",
           "\u202etxet\u202c", "nul\x00byte", "مرکز جامعه", "x" * 5000]


def test_hostile_strings_pass_the_loader_and_never_become_markup(tree: ContentTree):
    lines = []
    for index, text in enumerate(HOSTILE):
        escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,") \
            .replace(";", "\\;").replace("\x00", "")
        lines.append(f"BEGIN:VEVENT\nUID:h{index}\nDTSTAMP:20261120T000000Z\n"
                     f"SUMMARY:{escaped}\nDESCRIPTION:{escaped}\\n{escaped}\n"
                     f"LOCATION:{escaped}\nDTSTART;TZID=America/Los_Angeles:"
                     f"2026121{index % 10}T180000\nEND:VEVENT\n")
    data = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//T//EN\n" + "".join(lines) +
            "END:VCALENDAR\n").replace("\n", "\r\n").encode("utf-8")
    result = import_calendar(data, SITE_ZONE)
    assert len(result.files) == len(HOSTILE)
    for item in result.files:
        tree.write(item.path, item.text)
        fields = front(item.text)
        assert set(fields) <= {"title", "start", "location"}
        place = fields.get("location") or ""
        places = list(place.values()) if isinstance(place, dict) else [place]
        for value in (fields["title"], *places):
            assert markup_problem(value) is None
            assert "\u202e" not in value and "\x00" not in value
    assert tree.problems() == []
    site = tree.load()
    for item in site.items[Kind.EVENT].values():
        html = str(item.original.body_html)
        for markup in ("<script", "<img", "<svg", "<iframe", "<form", "<meta", "<input",
                       "<!--", "<h1", "<pre", "<code", "<table", "<em", "<strong"):
            assert markup not in html, (item.id, markup)
        assert 'href="javascript' not in html


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_title_survives_the_front_matter(title):
    changes = Changes()
    cleaned = plain_line(title, "title", changes) or "Untitled event"
    from plaza.importing.calendar_import import front_matter

    text = f"---\n{front_matter({'title': cleaned, 'start': '2026-12-10 18:00'})}---\n"
    assert front(text)["title"] == cleaned
    assert yaml.safe_load(text.split("---\n")[1])["title"] == cleaned
    assert markup_problem(cleaned) is None


# --- the command and a real site ---------------------------------------------------------

def test_command_never_overwrites_and_dry_run_writes_nothing(tmp_path, capsys):
    settings_file = copy_fixture(tmp_path)
    content = tmp_path / "content"
    before = (content / "events" / "east-coast-call.md").read_text()
    assert import_main([str(ICS / "outlook.ics"), "--settings", str(settings_file)]) == 1
    err = capsys.readouterr().err
    assert "east-coast-call.md: already exists; not overwritten" in err
    assert not (content / "programs" / "winter-drive-planning.md").exists()
    assert import_main([str(ICS / "apple.ics"), "--settings", str(settings_file),
                        "--dry-run"]) == 0
    assert not (content / "events" / "winter-coat-drive.md").exists()
    assert "Would write 4 files" in capsys.readouterr().out
    assert import_main([str(ICS / "outlook.ics"), "--settings", str(settings_file),
                        "--force"]) == 0
    assert (content / "events" / "east-coast-call.md").read_text() != before
    assert import_main([str(tmp_path / "missing.ics"), "--settings", str(settings_file)]) == 2
    (tmp_path / "bad.ics").write_bytes(b"not a calendar")
    assert import_main([str(tmp_path / "bad.ics"), "--settings", str(settings_file)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def _source_meetings(calendar: Any, uid: str, start: datetime, stop: datetime
                     ) -> set[tuple[Any, Any, bool]]:
    found = set()
    for component in recurring_ical_events.of(calendar).between(start, stop):
        if str(component["UID"]) != uid:
            continue
        begin, end = component["DTSTART"].dt, component["DTEND"].dt
        if isinstance(begin, datetime):
            if not start <= begin < stop:
                continue
            key = (begin.astimezone(UTC), end.astimezone(UTC))
        else:
            if not start.date() <= begin < stop.date():
                continue
            key = (begin, end - timedelta(days=1))  # Plaza's end is the last day
        found.add((*key, str(component.get("STATUS", "")).upper() == "CANCELLED"))
    return found


def _plaza_meetings(record: Any, start: datetime, stop: datetime
                    ) -> set[tuple[Any, Any, bool]]:
    found = set()
    tz = ZoneInfo(record.timing.timezone)
    for meeting in occurrences(record.timing, record.status, record.sessions, stop):
        if isinstance(meeting.start, datetime):
            if not start <= meeting.start < stop:
                continue
            end = meeting.end or meeting.start
            key = (meeting.start.astimezone(UTC), as_datetime(end, tz).astimezone(UTC))
        else:
            if not start.date() <= meeting.start < stop.date():
                continue
            key = (meeting.start, meeting.end or meeting.start)
        found.add((*key, meeting.status == Status.CANCELLED))
    return found


def test_imported_site_checks_and_meets_as_the_calendar(tmp_path, monkeypatch, capsys):
    settings_file = copy_fixture(tmp_path)
    for name in ("east-coast-call.md",):  # the fixture has an event of that name
        os.remove(tmp_path / "content" / "events" / name)
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        assert import_main([str(ICS / name), "--settings", str(settings_file)]) == 0
    monkeypatch.setenv("PLAZA_NOW", "2026-11-26 09:00")
    assert check(str(settings_file)) == 0, capsys.readouterr()
    site = loaded(project_of(settings_from(str(settings_file)))).site
    start, stop = NOW, NOW + timedelta(days=365)
    compared = 0
    assert LA.key == SITE_ZONE
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        calendar = icalendar.Calendar.from_ical((ICS / name).read_bytes())
        for item in import_calendar((ICS / name).read_bytes(), SITE_ZONE).files:
            kind = Kind.PROGRAM if item.path.startswith("programs/") else Kind.EVENT
            record = site.items[kind][item.path.split("/")[1][:-3]].original
            expected = _source_meetings(calendar, item.uid, start, stop)
            got = _plaza_meetings(record, start, stop)
            if "RDATE" in " ".join(item.notes):  # reported as not carried over
                rdates = {date(2026, 12, 26)}
                dropped = {m for m in expected if m[0] in rdates}
                assert dropped and dropped == expected - got
                expected -= dropped
            assert got == expected, item.path
            compared += len(got)
    assert compared > 40


def _timing_of(text: str) -> Any:
    """The Timing a written file means, read as Plaza reads the fields."""
    from plaza.model.models import Timing
    from plaza.model.timing import parse_duration, parse_when
    from plaza.time.repeat_words import looks_like_rrule, phrase_to_rrule

    fields = front(text)
    tz = ZoneInfo(fields.get("timezone", SITE_ZONE))
    start = parse_when(fields["start"], tz)
    end = parse_when(fields["end"], tz) if "end" in fields else (
        start + parse_duration(fields["duration"]) if "duration" in fields else None)
    repeat = fields.get("repeat")
    rule = None if repeat is None else repeat if looks_like_rrule(repeat) \
        else phrase_to_rrule(repeat)
    return Timing(start, end, tz.key, rule,
                  tuple(date.fromisoformat(day) for day in fields.get("except", ())))


@settings(max_examples=40, deadline=None)
@given(frequency=st.sampled_from(["WEEKLY", "MONTHLY"]),
       days=st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), min_size=1,
                     max_size=3, unique=True),
       position=st.sampled_from(["", "1", "2", "3", "-1"]),
       interval=st.integers(1, 3), first=st.dates(date(2026, 11, 27), date(2027, 6, 1)),
       hour=st.integers(0, 23), minutes=st.sampled_from([30, 60, 90, 150]),
       ending=st.one_of(st.integers(1, 15), st.integers(0, 500)), wkst=st.booleans())
def test_rules_keep_their_meetings(frequency, days, position, interval, first, hour, minutes,
                                   ending, wkst):
    """Any weekly or monthly series imported meets when the calendar says it does."""
    byday = ",".join(position + day if frequency == "MONTHLY" else day for day in days)
    rule = f"FREQ={frequency};INTERVAL={interval};BYDAY={byday}" + (";WKST=SU" if wkst else "")
    start = datetime(first.year, first.month, first.day, hour, 0)
    if isinstance(ending, int) and ending <= 15:
        rule += f";COUNT={ending}"
    else:
        until = start + timedelta(days=ending, hours=ending % 24)
        # In UTC, as RFC 5545 requires with a TZID start (a date or a floating time is
        # read differently by different engines).
        rule += f";UNTIL={until.replace(tzinfo=LA).astimezone(UTC):%Y%m%dT%H%M%SZ}"
    data = event(f"SUMMARY:Series\nDTSTART;TZID=America/Los_Angeles:{start:%Y%m%dT%H%M%S}\n"
                 f"DURATION:PT{minutes}M\nRRULE:{rule}\n")
    (item,) = import_calendar(data, SITE_ZONE).files
    timing = _timing_of(item.text)
    window_start = datetime(2026, 11, 1, tzinfo=LA)
    window_stop = datetime(2028, 12, 31, tzinfo=LA)
    calendar = icalendar.Calendar.from_ical(data)
    expected = _source_meetings(calendar, "test-1", window_start, window_stop)
    # DURATION in minutes is exact (RFC 5545 3.3.6); recurring-ical-events adds it to the
    # wall time, so a meeting starting in the skipped hour comes out empty and one across
    # the autumn change an hour long or short. The ends are compared as the RFC says.
    length = timedelta(minutes=minutes)
    expected = {(begin, begin + length, cancelled) for begin, _, cancelled in expected}
    if "not a date the rule makes" in " ".join(item.notes):
        # RFC 5545 counts DTSTART as a meeting; Plaza does not, and says so.
        expected = {m for m in expected if m[0] != start.replace(tzinfo=LA).astimezone(UTC)}
    if "falls in the hour the clocks skip" in " ".join(item.notes):
        # Calendars hold it an hour late; Plaza cannot write a start that does not exist.
        expected = {m for m in expected if m[0] != min(expected)[0]}
    got = set()
    for meeting in occurrences(timing, Status.CONFIRMED, (), window_stop):
        if window_start <= meeting.start < window_stop:
            got.add((meeting.start.astimezone(UTC), meeting.end.astimezone(UTC), False))
    assert got == expected


def _shown_text(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.tags.add(tag)

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    reader = Text()
    reader.feed(html)
    assert reader.tags <= {"p", "a", "ul", "li", "br"}, reader.tags
    return "".join("".join(reader.parts).split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf",
                                                                           "Zl", "Zp")),
               max_size=300))
def test_every_character_of_a_description_means_itself(text):
    """The Markdown written for a description shows exactly its text: no character of it
    becomes a heading, emphasis, code, a list number, an entity or a tag."""
    from plaza.reading.markup import render

    if looks_like_html(text):  # read as HTML, as Google writes descriptions
        return
    changes = Changes()
    written = description_markdown(text, None, changes)
    if changes.said:  # a contact was removed: that text is not shown, on purpose
        return
    shown = _shown_text(str(render(written)))
    if re.search(r"(?m)^\s*[•·▪‣◦*-]\s", text):  # bullets become a list (tested below)
        return
    assert shown == "".join(text.split())


def test_bullets_stay_one_list():
    markdown = description_markdown("Bring:\n• coats\n• blankets\n\n- water", None, Changes())
    assert markdown == "Bring:\n\n- coats\n- blankets\n- water"


def test_plaza_import_is_the_same_command(tmp_path, capsys):
    from plaza_cli import cli

    settings_file = copy_fixture(tmp_path)
    assert cli.main(["import", str(ICS / "apple.ics"), "--settings", str(settings_file),
                     "--dry-run"]) == 0
    assert "Would write 4 files" in capsys.readouterr().out
    assert cli.main(["import", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: plaza import ")


def test_a_series_that_first_meets_in_the_skipped_hour_keeps_its_own_time():
    """02:00 on the spring-forward Sunday does not exist: calendars hold that one meeting
    at 03:00 and every later one at 02:00. Writing 03:00 as the start would move the
    whole series an hour; it starts with its next meeting instead, and says so."""
    data = event("SUMMARY:Night shift check-in\n"
                 "DTSTART;TZID=America/Los_Angeles:20270314T020000\nDURATION:PT1H\n"
                 "RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=4\n")
    (item,) = import_calendar(data, SITE_ZONE).files
    fields = front(item.text)
    assert str(fields["start"]) == "2027-03-21 02:00"
    assert fields["repeat"] == "every Sunday, 3 times"
    assert any("2027-03-14 02:00" in note and "03:00" in note for note in item.notes)
    timing = _timing_of(item.text)
    starts = [m.start.astimezone(UTC) for m in occurrences(timing, Status.CONFIRMED, ())]
    assert starts == [datetime(2027, 3, d, 9, tzinfo=UTC) for d in (21, 28)] + \
        [datetime(2027, 4, 4, 9, tzinfo=UTC)]


def test_a_single_meeting_in_the_skipped_hour_is_where_calendars_show_it():
    data = event("SUMMARY:Once\nDTSTART;TZID=America/Los_Angeles:20270314T023000\n"
                 "DURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=1\n")
    (item,) = import_calendar(data, SITE_ZONE).files
    assert str(front(item.text)["start"]) == "2027-03-14 03:30"
