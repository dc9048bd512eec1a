"""Tier 3: every calendar of the built sample site, read by three independent parsers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from plaza.model.config import SiteConfig
from plaza.model.models import Kind
from plaza.model.timing import as_datetime
from plaza.time.schedule import Schedule
from plaza_pelican.commands import settings_from

from ..conftest import load_content
from .conftest import ROOT

LA = ZoneInfo("America/Los_Angeles")


def calendars(root: Path) -> list[Path]:
    found = sorted(root.rglob("*.ics"))
    assert len(found) > 100  # 13 languages, every event and program, every group
    return found


def test_every_calendar_parses_in_icalendar_ical_and_recurring_ical_events(sample_site):
    for path in calendars(sample_site):
        data = path.read_bytes()
        cal = icalendar.Calendar.from_ical(data)
        assert cal.get_missing_tzids() == set(), path
        IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        recurring_ical_events.of(cal).between(date(2025, 1, 1), date(2028, 1, 1))


def test_every_calendar_has_crlf_folded_lines_and_no_x_wr_timezone(sample_site):
    for path in calendars(sample_site):
        data = path.read_bytes()
        assert b"X-WR-TIMEZONE" not in data and b"\r\n" in data
        assert b"\n" not in data.replace(b"\r\n", b""), path
        assert max(len(line) for line in data.split(b"\r\n")) <= 75, path
        assert len(data) < 1_000_000, path


def plaza_schedule() -> Schedule:
    settings = settings_from(str(ROOT / "pelicanconf.py"))
    now = datetime(2026, 11, 26, 9, 0, tzinfo=LA)
    config = SiteConfig.from_settings(settings, now)
    return Schedule.of(load_content(ROOT / "content", config))


@pytest.mark.parametrize("kind", [Kind.EVENT, Kind.PROGRAM])
def test_expanded_occurrences_match_plazas_own(sample_site, kind):
    """The HTML pages list Plaza's occurrences; a calendar app must see the same ones."""
    schedule = plaza_schedule()
    for item_id, slots in schedule.by_item.items():
        item = slots[0].item if slots else None
        if item is None or item.kind != kind:
            continue
        path = sample_site / kind.value / item_id / f"{item_id}.ics"
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        last = max(as_datetime(slot.occurrence.start, LA) for slot in slots)
        expanded = recurring_ical_events.of(cal).between(date(2025, 1, 1),
                                                         last + timedelta(days=1))
        theirs = sorted((as_datetime(e.decoded("DTSTART"), LA), str(e.get("STATUS")))
                        for e in expanded)
        ours = sorted((as_datetime(s.occurrence.start, LA), s.occurrence.status.name
                       .replace("POSTPONED", "CANCELLED")) for s in slots)
        assert theirs == ours, item_id


def test_cancelled_event_stays_in_every_language_calendar(sample_site):
    for path in sorted(sample_site.rglob("calendars/all.ics")):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        fair = [e for e in cal.walk("VEVENT") if e["UID"].startswith("events-resource-fair-long")]
        assert len(fair) == 1 and fair[0]["STATUS"] == "CANCELLED", path


def test_uids_unique_within_each_calendar(sample_site):
    for path in calendars(sample_site):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        keys = [(str(e["UID"]), str(e.get("RECURRENCE-ID", "").to_ical() if "RECURRENCE-ID"
                                    in e else "")) for e in cal.walk("VEVENT")]
        assert len(keys) == len(set(keys)), path
