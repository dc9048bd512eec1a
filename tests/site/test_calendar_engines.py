"""Tier 3: the calendars as Thunderbird (ical.js) and Radicale (vobject) read them.

Both engines expand every event with nothing but the VTIMEZONEs the file embeds; each
occurrence's UTC start must be the one Plaza computes through the tz database, through
2031, which is years past the build's horizon (an "Add to calendar" file is never
refreshed, and an open-ended series goes on).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from plaza.model.config import SiteConfig
from plaza.model.models import Kind
from plaza.model.site import Site
from plaza.publishing.ical import calendars, uid
from plaza.time.schedule import Schedule
from plaza_pelican.commands import settings_from

from ..conftest import LA, ROOT, ContentTree, load_content
from ..engines import (
    HOW_TO_INSTALL_ICAL_JS,
    Seen,
    ical_js,
    ical_js_available,
    plaza_occurrences,
    vobject_occurrences,
)
from ..quality.conftest import require

FIRST, LAST = date(2026, 1, 1), date(2031, 12, 31)
SUBSCRIPTION = ("NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")


def expected_by_uid(site: Site) -> dict[str, set[Seen]]:
    items = site.of_kind(Kind.EVENT) + site.of_kind(Kind.PROGRAM)
    return {uid(site, item): plaza_occurrences(site, item, FIRST, LAST) for item in items}


@pytest.fixture(scope="module")
def sample_expected() -> dict[str, set[Seen]]:
    settings = settings_from(str(ROOT / "pelicanconf.py"))
    config = SiteConfig.from_settings(settings, datetime(2026, 11, 26, 9, 0, tzinfo=LA))
    return expected_by_uid(load_content(ROOT / "content", config))


def uids(data: bytes) -> set[str]:
    return {str(event["UID"]) for event in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def differences(found: dict[Path, set[Seen]],
                expected: dict[str, set[Seen]]) -> list[str]:
    """Per file, what an engine saw that Plaza did not say, and the reverse."""
    problems = []
    for path, seen in found.items():
        wanted = set().union(*(expected[key] for key in uids(path.read_bytes())))
        if seen != wanted:
            problems.append(f"{path}: missing {sorted(wanted - seen)[:3]}, "
                            f"unexpected {sorted(seen - wanted)[:3]}")
    return problems


def sample_calendars(root: Path) -> list[Path]:
    found = sorted(root.rglob("*.ics"))
    assert len(found) > 100
    return found


def test_open_ended_series_are_checked_through_2031(sample_expected):
    monthly = sample_expected["events-monthly-coalition-meeting@icefreezones-la"]
    assert {seen.start[:4] for seen in monthly} >= {"2027", "2029", "2031"}


def test_ical_js_sees_plazas_occurrences_in_every_sample_calendar(sample_site,
                                                                  sample_expected):
    require(ical_js_available(), "Mozilla's ical.js (Thunderbird's parser)",
            HOW_TO_INSTALL_ICAL_JS)
    found = ical_js(sample_calendars(sample_site), FIRST, LAST)
    assert differences(found, sample_expected) == []


def test_vobject_sees_plazas_occurrences_in_every_sample_calendar(sample_site,
                                                                  sample_expected):
    paths = sample_calendars(sample_site)
    found = {path: vobject_occurrences(path.read_bytes(), FIRST, LAST) for path in paths}
    assert differences(found, sample_expected) == []


ZONES_AROUND_THE_WORLD = {
    "events/sydney.md": """
        ---
        title: Sydney weekly call
        start: 2026-01-08 19:00
        duration: 1h
        timezone: Australia/Sydney
        repeat: FREQ=WEEKLY
        ---
        """,
    "events/tokyo.md": """
        ---
        title: Tokyo monthly call
        start: 2026-02-15 09:30
        duration: 1h
        timezone: Asia/Tokyo
        repeat: FREQ=MONTHLY;BYMONTHDAY=15
        ---
        """,
    "events/phoenix.md": """
        ---
        title: Phoenix meeting
        start: 2026-03-03 18:00
        duration: 90m
        timezone: America/Phoenix
        repeat: FREQ=MONTHLY;BYDAY=1TU
        ---
        """,
    "programs/london.md": """
        ---
        title: London weekly meeting
        start: 2027-03-04 18:00
        duration: 1h
        timezone: Europe/London
        repeat: FREQ=WEEKLY;UNTIL=20271111
        except: [2027-04-01]
        sessions:
          - date: 2027-03-25
            start: 2027-03-26 18:00
          - date: 2027-10-28
            status: cancelled
        ---
        """,
    "events/jerusalem.md": """
        ---
        title: Friday morning circle
        start: 2026-03-06 10:00
        duration: 1h
        timezone: Asia/Jerusalem
        repeat: FREQ=WEEKLY;BYDAY=FR
        ---
        """,
    "events/la.md": """
        ---
        title: Monthly meeting at 6 pm
        start: 2026-12-17 18:00
        duration: 90m
        repeat: FREQ=MONTHLY;BYDAY=3TH
        ---
        """,
}


@pytest.fixture
def world_calendars(tree: ContentTree, tmp_path: Path) -> tuple[list[Path], dict[str, set[Seen]]]:
    for path, text in ZONES_AROUND_THE_WORLD.items():
        tree.write(path, text)
    site = tree.load()
    written = []
    for relative, data in calendars(site, Schedule.of(site), "en", str).items():
        path = tmp_path / "out" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written, expected_by_uid(site)


def test_zones_around_the_world_in_ical_js(world_calendars):
    require(ical_js_available(), "Mozilla's ical.js (Thunderbird's parser)",
            HOW_TO_INSTALL_ICAL_JS)
    paths, expected = world_calendars
    assert differences(ical_js(paths, FIRST, LAST), expected) == []


def test_zones_around_the_world_in_vobject(world_calendars):
    paths, expected = world_calendars
    found = {path: vobject_occurrences(path.read_bytes(), FIRST, LAST) for path in paths}
    assert differences(found, expected) == []
    # The comparison covers both changes of every year and both hemispheres.
    sydney = sorted(expected["events-sydney@test"])
    assert len(sydney) > 300 and sydney[-1].start.startswith("2031")
    assert {seen.start[9:11] for seen in sydney} == {"08", "09"}  # 19:00 AEDT and AEST


def test_cancelled_is_transparent_and_only_site_calendars_subscribe(sample_site):
    cancelled = overrides = 0
    for path in sample_calendars(sample_site):
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        for event in calendar.walk("VEVENT"):
            if event["STATUS"] == "CANCELLED":
                cancelled += 1
                overrides += "RECURRENCE-ID" in event
                assert event["TRANSP"] == "TRANSPARENT", (path, event["UID"])
            else:
                assert "TRANSP" not in event, (path, event["UID"])
        present = {name for name in SUBSCRIPTION if name in calendar}
        if path.parent.name == "calendars":
            assert present == set(SUBSCRIPTION), path
        else:  # an event's or a program's own file: imported, not subscribed to
            assert present == set(), path
    assert cancelled > overrides > 0  # cancelled events and cancelled sessions
