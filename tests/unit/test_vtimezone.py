"""VTIMEZONEs (plaza.vtimezone): yearly rules as servers write them, read back by
independent implementations and compared with the tz database hour by hour."""

from __future__ import annotations

import io
from bisect import bisect_right
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from plaza.time.vtimezone import vtimezone_ical

# zone: the first year to test from, early enough to show what its past periods need
ZONES = {
    "America/Los_Angeles": 2024,
    "America/New_York": 2024,
    "Europe/London": 2024,
    "Australia/Sydney": 2024,  # southern hemisphere: daylight time over the new year
    "America/Sao_Paulo": 2015,  # daylight time abolished in 2019
    "Asia/Tokyo": 2024,  # no daylight time
    "America/Phoenix": 2024,  # no daylight time, unlike the rest of its state's zone
    "Asia/Tehran": 2018,  # daylight time abolished in 2022, east of UTC
    "Africa/Casablanca": 2018,  # irregular: clocks go back for Ramadan
}
LAST = datetime(2041, 1, 1, tzinfo=UTC)  # checked through 2040


def calendar(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                        b"PRODID:-//test//EN\r\n" + data
                                        + b"END:VCALENDAR\r\n")


def observances(tzid: str, first_year: int) -> list[icalendar.Component]:
    zone = calendar(vtimezone_ical(tzid, first_year)).walk("VTIMEZONE")[0]
    return list(zone.subcomponents)


def tzical(data: bytes) -> tzinfo:
    """dateutil's reader of VTIMEZONEs, the one vobject (and so Radicale) uses."""
    return tz.tzical(io.StringIO(data.decode())).get()


def wrong_hours(tzid: str, engine: tzinfo, first: datetime, last: datetime,
                step: int = 3600) -> list[datetime]:
    """Each ``step`` from ``first``: the wall-clock time zoneinfo shows then, given to the
    engine (with zoneinfo's fold for a repeated hour) as an event's DTSTART would be;
    the instants where the engine's UTC offset is not zoneinfo's."""
    zone = ZoneInfo(tzid)
    wrong = []
    for timestamp in range(int(first.timestamp()), int(last.timestamp()), step):
        local = datetime.fromtimestamp(timestamp, zone)
        theirs = tz.enfold(local.replace(tzinfo=engine), fold=local.fold).utcoffset()
        if theirs != local.utcoffset():
            wrong.append(local)
    return wrong


def icalendar_offsets(data: bytes) -> tuple[list[datetime], list[timedelta]]:
    """Onsets (naive UTC) and offsets as icalendar's own expansion reads them."""
    times, info = calendar(data).walk("VTIMEZONE")[0].get_transitions()
    return times, [offset for offset, _, _ in info]


@pytest.mark.parametrize("tzid", ZONES)
def test_every_hour_matches_zoneinfo(tzid):
    first_year = ZONES[tzid]
    data = vtimezone_ical(tzid, first_year)
    first = datetime(first_year, 1, 1, tzinfo=ZoneInfo(tzid))
    assert wrong_hours(tzid, tzical(data), first, LAST) == []
    # icalendar's expansion stops rules without UNTIL at the end of 2038 (its
    # ``fix_rrule_until``), so it is compared up to then.
    times, offsets = icalendar_offsets(data)
    zone = ZoneInfo(tzid)
    start = int(first.timestamp())
    for timestamp in range(start, int(datetime(2039, 1, 1, tzinfo=UTC).timestamp()), 3600):
        moment = datetime.fromtimestamp(timestamp, UTC)
        index = bisect_right(times, moment.replace(tzinfo=None)) - 1
        assert index >= 0 and offsets[index] == moment.astimezone(zone).utcoffset(), moment


def test_los_angeles_is_two_yearly_rules_for_ever():
    assert vtimezone_ical("America/Los_Angeles", 2026).decode().split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:America/Los_Angeles",
        "BEGIN:DAYLIGHT",
        "DTSTART:20250309T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "TZNAME:PDT",
        "TZOFFSETFROM:-0800",
        "TZOFFSETTO:-0700",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20251102T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "TZNAME:PST",
        "TZOFFSETFROM:-0700",
        "TZOFFSETTO:-0800",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def rules(tzid: str, first_year: int) -> list[tuple[str, str, str]]:
    return [(part.name, part["DTSTART"].to_ical().decode(),
             part["RRULE"].to_ical().decode() if "RRULE" in part else "")
            for part in observances(tzid, first_year)]


def test_sydney_and_london_use_first_and_last_sundays():
    assert rules("Australia/Sydney", 2026) == [
        ("STANDARD", "20250406T030000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4"),
        ("DAYLIGHT", "20251005T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10")]
    assert rules("Europe/London", 2026) == [
        ("DAYLIGHT", "20250330T010000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        ("STANDARD", "20251026T020000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10")]


def test_weekday_on_or_after_a_day_is_a_rule_too():
    """Israel: the Friday before the last Sunday of March, i.e. a Friday on 23-29."""
    written = vtimezone_ical("Asia/Jerusalem", 2026).decode()
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR" in written


@pytest.mark.parametrize("tzid", ["Asia/Tokyo", "America/Phoenix"])
def test_zone_without_daylight_time_has_one_observance(tzid):
    (only,) = observances(tzid, 2026)
    assert only.name == "STANDARD" and "RRULE" not in only
    assert only["TZOFFSETFROM"].td == only["TZOFFSETTO"].td


@pytest.mark.parametrize(("tzid", "first_year", "last_change"),
                         [("America/Sao_Paulo", 2015, 2019), ("Asia/Tehran", 2018, 2022)])
def test_abolished_daylight_time_ends_every_rule(tzid, first_year, last_change):
    parts = observances(tzid, first_year)
    ruled = [part for part in parts if "RRULE" in part]
    assert ruled and all("UNTIL" in part["RRULE"] for part in ruled)
    untils = [part["RRULE"]["UNTIL"][0].year for part in ruled]
    starts = [part.DTSTART.year for part in parts]
    assert max(untils + starts) == last_change
    # Later first years need only the state the zone has kept since.
    (only,) = observances(tzid, last_change + 2)
    assert only.name == "STANDARD" and "RRULE" not in only


def test_irregular_transitions_are_single_onsets():
    parts = observances("Africa/Casablanca", 2026)
    singles = [part for part in parts if "RRULE" not in part]
    assert len(singles) > 100  # Ramadan moves every year, until tzdata's list ends (2087)
    assert len({part.DTSTART for part in singles}) == len(singles)


@pytest.mark.parametrize("tzid", ZONES)
def test_each_dtstart_is_the_local_time_before_an_onset(tzid):
    """RFC 5545 §3.6.5: DTSTART is local time in the offset before the change."""
    zone = ZoneInfo(tzid)
    for part in observances(tzid, ZONES[tzid]):
        before, after = part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td
        onset = (part.DTSTART - before).replace(tzinfo=UTC)
        if before != after:
            assert (onset - timedelta(seconds=1)).astimezone(zone).utcoffset() == before
        assert onset.astimezone(zone).utcoffset() == after
        assert str(part["TZNAME"]) == onset.astimezone(zone).tzname()


@pytest.mark.parametrize("tzid", ZONES)
def test_text_is_deterministic_folded_crlf_without_rdate_lists(tzid):
    data = vtimezone_ical(tzid, ZONES[tzid])
    assert data == vtimezone_ical(tzid, ZONES[tzid])
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"RDATE" not in data and b"COMMENT" not in data


MORE_ZONES = [*ZONES, "Asia/Jerusalem", "Europe/Dublin", "Pacific/Auckland",
              "Pacific/Chatham", "Australia/Lord_Howe", "America/Santiago",
              "America/St_Johns", "America/Havana", "Asia/Kolkata", "Europe/Moscow",
              "America/Asuncion", "Asia/Gaza", "Pacific/Apia", "America/Godthab"]


@settings(max_examples=40, deadline=None)
@given(tzid=st.sampled_from(MORE_ZONES), first_year=st.integers(2000, 2035),
       hours=st.lists(st.integers(0, 45 * 366 * 24), min_size=1, max_size=30))
def test_any_zone_from_any_year_matches_zoneinfo(tzid, first_year, hours):
    engine = tzical(vtimezone_ical(tzid, first_year))
    first = datetime(first_year, 1, 1, tzinfo=ZoneInfo(tzid))
    for hour in hours:
        moment = first + timedelta(hours=hour)
        if moment < LAST:
            assert wrong_hours(tzid, engine, moment, moment + timedelta(seconds=1)) == []
