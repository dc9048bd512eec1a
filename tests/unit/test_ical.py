"""iCalendar output, organised by the requirement it covers (RFC 5545 / RFC 7986)."""

import dataclasses
from datetime import UTC, date, datetime, timedelta

import icalendar
import recurring_ical_events
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plaza.model.models import Kind
from plaza.model.problems import ContentError
from plaza.publishing.ical import CalendarBuilder, calendars, clean
from plaza.time.schedule import Schedule

from ..conftest import LA, ContentTree

SPANISH = {"Cancelled: %(title)s": "Cancelado: %(title)s"}


def build(tree, item_id, lang="en", kind=Kind.EVENT, gettext=None, **config):
    site = tree.load(**config)
    builder = CalendarBuilder(site, Schedule.of(site), lang,
                              gettext or (lambda text: SPANISH.get(text, text)))
    item = site.get(kind, item_id)
    return builder.calendar("Test", item_id, [item])


def parse(data):
    return icalendar.Calendar.from_ical(data)


def lines(data):
    return data.decode("utf-8").split("\r\n")


DST_MEETING = """
---
title: Weekly meeting
start: 2027-03-04 18:00
duration: 1h
repeat: FREQ=WEEKLY;UNTIL=20271111
---
"""


class TestTimeZones:
    def test_timed_values_carry_tzid_with_a_vtimezone(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        data = build(tree, "weekly")
        assert "DTSTART;TZID=America/Los_Angeles:20270304T180000" in lines(data)
        assert "DTEND;TZID=America/Los_Angeles:20270304T190000" in lines(data)
        assert [tz["TZID"] for tz in parse(data).walk("VTIMEZONE")] == ["America/Los_Angeles"]
        assert b"X-WR-TIMEZONE" not in data

    def test_event_in_another_time_zone(self, tree):
        tree.write("events/call.md", "---\ntitle: Call\nstart: 2027-01-07 19:00\nduration: 1h\n"
                   "timezone: America/New_York\n---\n")
        cal = parse(build(tree, "call"))
        event = cal.walk("VEVENT")[0]
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        assert event.decoded("DTSTART").astimezone(LA).hour == 16
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]

    def test_multi_day_all_day_event_has_exclusive_end(self, tree):
        tree.write("events/drive.md",
                   "---\ntitle: Drive\nstart: 2026-12-19\nend: 2026-12-20\n---\n")
        data = build(tree, "drive")
        assert "DTSTART;VALUE=DATE:20261219" in lines(data)
        assert "DTEND;VALUE=DATE:20261221" in lines(data)
        assert b"VTIMEZONE" not in data

    def test_vtimezone_has_yearly_rules_and_is_the_same_in_every_file(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        tree.write("events/call.md", "---\ntitle: Call\nstart: 2027-01-07 19:00\n---\n")
        site = tree.load()
        files = calendars(site, Schedule.of(site), "en", str)
        zones = {path: data[data.index(b"BEGIN:VTIMEZONE"):data.index(b"END:VTIMEZONE")]
                 for path, data in files.items()}
        assert len(set(zones.values())) == 1  # both start in 2027: one text everywhere
        zone = lines(next(iter(zones.values())))
        assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" in zone
        assert "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU" in zone
        assert not any(line.startswith(("RDATE", "COMMENT")) for line in zone)

    def test_no_floating_times(self, tree):
        tree.write("events/weekly.md", DST_MEETING.replace("UNTIL=20271111",
                                                           "UNTIL=20271111\nexcept: [2027-03-18]"))
        for event in parse(build(tree, "weekly")).walk("VEVENT"):
            values = [event.decoded(key) for key in ("DTSTART", "DTEND") if key in event]
            values += [d.dt for d in event["EXDATE"].dts] if "EXDATE" in event else []
            assert values and all(v.tzinfo is not None for v in values)


class TestRecurrence:
    def test_series_in_words_is_written_as_its_rule(self, tree):
        tree.write("events/dialogue.md", "---\ntitle: Dialogue\nstart: 2026-10-07 18:30\n"
                   "repeat: every other Wednesday, 4 times\n---\n")
        assert "RRULE:FREQ=WEEKLY;COUNT=4;INTERVAL=2;BYDAY=WE" in lines(build(tree, "dialogue"))

    def test_rrule_is_local_and_until_is_utc(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        assert "RRULE:FREQ=WEEKLY;UNTIL=20271112T075959Z" in lines(build(tree, "weekly"))

    def test_meeting_stays_at_six_pm_across_both_dst_changes(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        cal = parse(build(tree, "weekly"))
        found = recurring_ical_events.of(cal).between(date(2027, 3, 1), date(2027, 11, 30))
        starts = [e.decoded("DTSTART") for e in found]
        assert len(starts) == 37
        assert {s.astimezone(LA).hour for s in starts} == {18}
        offsets = {s.astimezone(LA).utcoffset() for s in starts}
        assert offsets == {timedelta(hours=-8), timedelta(hours=-7)}

    def test_except_becomes_exdate_matching_the_occurrence(self, tree):
        tree.write("events/weekly.md", DST_MEETING.replace("UNTIL=20271111",
                                                           "UNTIL=20271111\nexcept: [2027-03-18]"))
        data = build(tree, "weekly")
        assert "EXDATE;TZID=America/Los_Angeles:20270318T180000" in lines(data)
        found = recurring_ical_events.of(parse(data)).between(date(2027, 3, 17), date(2027, 3, 26))
        assert [e.decoded("DTSTART").date() for e in found] == [date(2027, 3, 25)]

    def test_moved_and_cancelled_sessions_are_overrides(self, tree):
        tree.write("programs/dialogue.md", """
            ---
            title: Dialogue
            start: 2027-01-06 18:30
            duration: 2h
            repeat: FREQ=WEEKLY;COUNT=4
            sessions:
              - date: 2027-01-13
                start: 2027-01-14 18:30
                topic: Moved
              - date: 2027-01-20
                status: cancelled
            ---
            """)
        data = build(tree, "dialogue", lang="es", kind=Kind.PROGRAM)
        events = parse(data).walk("VEVENT")
        master, moved, cancelled = events
        assert {e["UID"] for e in events} == {"programs-dialogue@test"}
        assert "RECURRENCE-ID" not in master
        assert moved.decoded("RECURRENCE-ID") == datetime(2027, 1, 13, 18, 30, tzinfo=LA)
        assert moved.decoded("DTSTART") == datetime(2027, 1, 14, 18, 30, tzinfo=LA)
        assert moved["SUMMARY"] == "Dialogue: Moved"
        assert cancelled["STATUS"] == "CANCELLED"
        assert cancelled["SUMMARY"] == "Cancelado: Dialogue"
        expanded = recurring_ical_events.of(parse(data)).between(date(2027, 1, 1), date(2027, 2, 1))
        assert [(e.decoded("DTSTART").day, str(e.get("STATUS"))) for e in expanded] == [
            (6, "CONFIRMED"), (14, "CONFIRMED"), (20, "CANCELLED"), (27, "CONFIRMED")]


class TestIdentityAndCancellation:
    def test_cancelled_one_off_event_stays_and_says_so(self, tree):
        tree.write("events/fair.md", "---\ntitle: Fair\nstart: 2026-12-12 10:00\n"
                   "status: cancelled\n---\n")
        event = parse(build(tree, "fair", lang="es")).walk("VEVENT")[0]
        assert event["STATUS"] == "CANCELLED"
        assert event["SUMMARY"] == "Cancelado: Fair"

    def test_uid_comes_from_the_content_id_and_bytes_repeat(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        first, second = build(tree, "weekly"), build(tree, "weekly")
        assert first == second
        event = parse(first).walk("VEVENT")[0]
        assert event["UID"] == "events-weekly@test"
        assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt

    def test_dtstamp_comes_from_the_content_change_not_the_clock(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        site = tree.load()
        changed = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
        site = dataclasses.replace(site, changed={"content/events/weekly.md": changed},
                                   sequence={"weekly": 3})
        data = CalendarBuilder(site, Schedule.of(site), "en", str).calendar(
            "T", "k", [site.get(Kind.EVENT, "weekly")])
        assert "DTSTAMP:20260501T120000Z" in lines(data)
        assert "LAST-MODIFIED:20260501T120000Z" in lines(data)
        assert "SEQUENCE:3" in lines(data)


class TestFreeBusy:
    def test_cancelled_event_and_cancelled_session_are_transparent(self, tree):
        tree.write("events/fair.md", "---\ntitle: Fair\nstart: 2026-12-12 10:00\n"
                   "status: postponed\n---\n")
        tree.write("programs/dialogue.md", """
            ---
            title: Dialogue
            start: 2027-01-06 18:30
            repeat: FREQ=WEEKLY;COUNT=3
            sessions:
              - date: 2027-01-13
                status: cancelled
              - date: 2027-01-20
                topic: Housing
            ---
            """)
        fair = parse(build(tree, "fair")).walk("VEVENT")[0]
        assert (fair["STATUS"], fair["TRANSP"]) == ("CANCELLED", "TRANSPARENT")
        master, cancelled, renamed = parse(build(tree, "dialogue", kind=Kind.PROGRAM)
                                           ).walk("VEVENT")
        assert (cancelled["STATUS"], cancelled["TRANSP"]) == ("CANCELLED", "TRANSPARENT")
        assert "TRANSP" not in master and "TRANSP" not in renamed  # opaque, the default


SUBSCRIPTION = ("NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")


def test_per_item_files_import_and_site_calendars_subscribe(tree):
    tree.write("events/fair.md", "---\ntitle: Fair\nstart: 2026-12-12 10:00\n---\n")
    tree.write("programs/dialogue.md", "---\ntitle: Dialogue\nstart: 2027-01-06 18:30\n"
               "repeat: FREQ=WEEKLY\n---\n")
    site = tree.load()
    files = calendars(site, Schedule.of(site), "en", str)
    for path in ("events/fair/fair.ics", "programs/dialogue/dialogue.ics"):
        header = lines(files[path].split(b"BEGIN:V", 2)[1])  # before the first component
        assert not any(line.split(":")[0].split(";")[0] in SUBSCRIPTION for line in header)
        assert "METHOD:PUBLISH" in header and len(parse(files[path]).walk("VEVENT")) == 1
    header = lines(files["calendars/all.ics"].split(b"BEGIN:V", 2)[1])
    assert {line.split(":")[0].split(";")[0] for line in header} >= set(SUBSCRIPTION)


class TestHeaderAndBytes:
    def test_calendar_header(self, tree):
        tree.write("events/weekly.md", DST_MEETING)
        text = lines(build(tree, "weekly"))
        for expected in ("VERSION:2.0", "METHOD:PUBLISH", "NAME:Test", "X-WR-CALNAME:Test",
                         "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H"):
            assert expected in text
        assert any(line.startswith("PRODID:-//Plaza//") for line in text)
        assert not any(line.startswith(("ORGANIZER", "ATTENDEE")) for line in text)

    def test_calendar_name_is_escaped_text(self, tree):
        tree.write("events/fair.md",
                   "---\ntitle: 'Fair, food; music'\nstart: 2026-12-12 10:00\n---\n")
        site = tree.load()
        data = CalendarBuilder(site, Schedule.of(site), "en", str).calendar(
            "Coalition: Fair, food; music", "k", [site.get(Kind.EVENT, "fair")])
        assert "NAME:Coalition: Fair\\, food\\; music" in lines(data)
        assert "X-WR-CALNAME:Coalition: Fair\\, food\\; music" in lines(data)
        assert "SUMMARY:Fair\\, food\\; music" in lines(data)

    def test_url_location_categories_and_conference(self, tree):
        tree.write("events/hybrid.md", """
            ---
            title: Hybrid
            start: 2026-12-03 18:00
            location:
              name: Hall
              address: 1 Main St, Los Angeles
            online: https://meet.example.org/room
            categories: [know-your-rights]
            audience: [residents]
            ---
            """)
        event = parse(build(tree, "hybrid", lang="es")).walk("VEVENT")[0]
        assert event["URL"] == "https://example.org/es/events/hybrid/"
        assert event["LOCATION"] == "Hall, 1 Main St, Los Angeles"
        # Topics and audiences by their labels, in the calendar's language.
        assert [str(c) for c in event["CATEGORIES"].cats] == ["Know your rights", "Residents"]
        assert event["CONFERENCE"] == "https://meet.example.org/room"

    def test_crlf_and_folding_within_75_octets(self, tree):
        tree.write("events/long.md", "---\ntitle: " + "جلسهٔ ماهانه 中文 한국어 🎉 " * 8
                   + "\nstart: 2026-12-03 18:00\n---\n")
        data = build(tree, "long")
        assert b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # no character was split across a fold


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)


@settings(max_examples=60, deadline=None)
@given(title=TEXT, place=TEXT)
def test_any_text_folds_escapes_and_round_trips(tmp_path_factory, title, place):
    tree = ContentTree(tmp_path_factory.mktemp("t"))
    fields = {"title": title, "location": {"name": place}, "start": "2026-12-03 18:00"}
    tree.write("events/e.md", "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n")
    try:
        site = tree.load()
    except ContentError:  # e.g. a title that is only white space: rejected, not emitted
        return
    data = CalendarBuilder(site, Schedule.of(site), "en", str).calendar(
        "T", "k", [site.get(Kind.EVENT, "e")])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == clean(site.get(Kind.EVENT, "e").original.title)
    # Compare with what YAML read (it folds some line breaks), after cleaning.
    written = site.get(Kind.EVENT, "e").original.location
    if written and clean(written.name):
        assert str(event["LOCATION"]) == clean(written.name)
    else:
        assert "LOCATION" not in event


def test_site_calendars_keep_a_window_of_past_events(tree):
    tree.write("events/old.md", "---\ntitle: Old\nstart: 2025-06-01 10:00\n---\n")
    tree.write("events/new.md", "---\ntitle: New\nstart: 2026-12-01 10:00\n---\n")
    site = tree.load()
    files = calendars(site, Schedule.of(site), "en", str)
    assert b"SUMMARY:Old" not in files["calendars/all.ics"]
    assert b"SUMMARY:New" in files["calendars/all.ics"]
    assert b"SUMMARY:Old" in files["events/old/old.ics"]
