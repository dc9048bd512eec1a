"""Tier 1: the month view's grid, the months the schedule gives pages, and the filters."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plaza.model.languages import KNOWN_LANGUAGES
from plaza.publishing import filters, months
from plaza.publishing.filters import FilterGroup
from plaza.publishing.ical import calendars
from plaza.publishing.urls import Urls
from plaza.time.schedule import Schedule, months_between

MONDAY, SATURDAY, SUNDAY = 0, 5, 6


@pytest.mark.parametrize(("locale", "first"), [
    ("en_US", SUNDAY), ("es_US", SUNDAY), ("fa_IR", SATURDAY), ("ru_RU", MONDAY),
    ("ko_KR", SUNDAY), ("ja_JP", SUNDAY), ("zh_Hans_CN", MONDAY), ("vi_VN", MONDAY),
    # No territory: the one CLDR finds most likely (Egypt), where weeks start on Saturday.
    ("ar", SATURDAY), ("ar_EG", SATURDAY), ("en_GB", MONDAY),
])
def test_weeks_start_on_the_locales_first_day(locale, first):
    assert months.first_weekday(locale) == first
    assert months.weekday_order(first)[0] == first


def test_every_site_language_has_a_first_weekday():
    for info in KNOWN_LANGUAGES.values():
        assert months.first_weekday(info.babel_locale) in range(7), info.code


@pytest.mark.parametrize(("month", "days"), [
    (date(2028, 2, 1), 29), (date(2027, 2, 1), 28), (date(2100, 2, 1), 28),
    (date(2000, 2, 1), 29), (date(2027, 1, 1), 31), (date(2027, 4, 1), 30)])
def test_february_in_leap_years_and_month_lengths(month, days):
    weeks = months.month_weeks(month, SUNDAY)
    shown = [day for week in weeks for day in week if day]
    assert len(shown) == days
    assert shown[-1] == date(month.year, month.month, days)


# 2027: February starts on a Monday, June on a Tuesday, September on a Wednesday, April on
# a Thursday, January on a Friday, May on a Saturday, August on a Sunday.
@pytest.mark.parametrize("month", [date(2027, m, 1) for m in (2, 6, 9, 4, 1, 5, 8)])
@pytest.mark.parametrize("first", range(7))
def test_months_starting_on_each_weekday(month, first):
    weeks = months.month_weeks(month, first)
    order = months.weekday_order(first)
    column = order.index(month.weekday())
    assert weeks[0][column] == month
    assert all(cell is None for cell in weeks[0][:column])
    for week in weeks:
        for index, cell in enumerate(week):
            if cell is not None:
                assert cell.weekday() == order[index]


def test_a_month_that_fits_four_weeks_has_four():
    # February 2026 starts on a Sunday and has 28 days.
    assert len(months.month_weeks(date(2026, 2, 1), SUNDAY)) == 4
    assert len(months.month_weeks(date(2026, 2, 1), MONDAY)) == 5


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_every_day_appears_once_in_weeks_of_seven(day, first):
    month = day.replace(day=1)
    weeks = months.month_weeks(month, first)
    cells = [cell for week in weeks for cell in week]
    assert all(len(week) == 7 for week in weeks)
    shown = [cell for cell in cells if cell is not None]
    assert shown == [month + timedelta(days=n)
                     for n in range(calendar.monthrange(month.year, month.month)[1])]
    # Empty cells only before the first day and after the last, never a whole empty week.
    start = cells.index(shown[0])
    assert cells[start:start + len(shown)] == shown
    assert all(any(cell for cell in week) for week in weeks)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 1, 1)),
       st.integers(min_value=0, max_value=60))
def test_months_between_are_consecutive_firsts(first, count):
    last = first + timedelta(days=31 * count)
    found = months_between(first, last)
    assert found[0] == first.replace(day=1)
    assert found[-1] == last.replace(day=1)
    for before, after in zip(found, found[1:], strict=False):
        assert (before + timedelta(days=31)).replace(day=1) == after


MEETING = """
---
title: {title}
start: {start}
duration: 1h
audience: [{audience}]
languages: [{languages}]
{extra}
---
"""


def write(tree, name, start, audience="residents", languages="en", extra="", title=None):
    tree.write(f"events/{name}.md", MEETING.format(
        title=title or name.title(), start=start, audience=audience, languages=languages,
        extra=extra))


def test_the_months_run_from_the_window_through_the_horizon(tree):
    write(tree, "one", "2026-12-03 18:00")
    site = tree.load(calendar_past_months=2, recurrence_horizon_days=70)
    shown = Schedule.of(site).months()  # now is 2026-11-26
    assert shown == (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1),
                     date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1))
    assert months.this_month(site, Schedule.of(site)) == date(2026, 11, 1)


def test_each_day_lists_its_events_in_their_own_zone_and_order(tree):
    write(tree, "late", "2026-12-03 19:00")
    write(tree, "early", "2026-12-03 09:00")
    # 11 pm in New York on the 3rd, 8 pm in Los Angeles: shown on its own zone's day.
    write(tree, "east", "2026-12-03 23:00", extra="timezone: America/New_York")
    tree.write("events/drive.md", "---\ntitle: Drive\nstart: 2026-12-30\nend: 2027-01-02\n"
               "---\n")
    site = tree.load()
    schedule = Schedule.of(site)
    december = months.month_view(site, schedule, "en", "en_US", date(2026, 12, 1))
    cells = {cell.day: cell for week in december.weeks for cell in week if cell}
    assert [row.entry.item.id for row in cells[date(2026, 12, 3)].rows] == \
        ["early", "late", "east"]
    assert [row.continued for row in cells[date(2026, 12, 30)].rows] == [False]
    assert [row.continued for row in cells[date(2026, 12, 31)].rows] == [True]
    january = months.month_view(site, schedule, "en", "en_US", date(2027, 1, 1))
    days = {cell.day: [row.entry.item.id for row in cell.rows]
            for week in january.weeks for cell in week if cell}
    assert days[date(2027, 1, 2)] == ["drive"] and days[date(2027, 1, 3)] == []
    assert december.has_events and december.weekdays[0] == SUNDAY


def test_previous_and_next_stop_at_the_window(tree):
    write(tree, "one", "2026-12-03 18:00")
    site = tree.load(calendar_past_months=1, recurrence_horizon_days=40)
    schedule = Schedule.of(site)
    first, *_, last = schedule.months()
    start = months.month_view(site, schedule, "es", "es_US", first)
    end = months.month_view(site, schedule, "es", "es_US", last)
    assert start.previous is None and start.next is not None
    assert start.next.url == "es/events/2026/11/"
    assert end.next is None and end.previous is not None
    assert months.month_view(site, schedule, "fa", "fa_IR", first).weekdays[0] == SATURDAY


def test_cancelled_sessions_keep_their_status_on_their_day(tree):
    tree.write("programs/weekly.md", "---\ntitle: Weekly\nstart: 2026-12-01 18:00\n"
               "duration: 1h\nrepeat: FREQ=WEEKLY;COUNT=3\nsessions:\n"
               "  - date: 2026-12-08\n    status: cancelled\n---\n")
    site = tree.load()
    view = months.month_view(site, Schedule.of(site), "en", "en_US", date(2026, 12, 1))
    statuses = {cell.day.day: [str(row.occurrence.status) for row in cell.rows]
                for week in view.weeks for cell in week if cell and cell.rows}
    assert statuses == {1: ["confirmed"], 8: ["cancelled"], 15: ["confirmed"]}


def test_filters_keep_the_events_of_an_audience_or_a_language(tree):
    write(tree, "clinic", "2026-12-03 18:00", audience="residents", languages="es, en")
    write(tree, "training", "2026-12-04 18:00", audience="community-leaders",
          languages="en")
    write(tree, "korean", "2026-12-05 18:00", audience="residents", languages="ko")
    write(tree, "old", "2026-10-05 18:00", audience="residents", languages="es")
    site = tree.load(audiences=("community-leaders", "residents"))
    schedule = Schedule.of(site)
    found = filters.filters(site, "es")
    assert [(f.group, f.key) for f in found] == [
        ("audience", "community-leaders"), ("audience", "residents"),
        # the site's languages first, in its order; then the others
        ("language", "en"), ("language", "es"), ("language", "ko")]
    assert found[1].url == "es/events/audience/residents/"
    assert found[1].calendar == "es/calendars/audience-residents.ics"
    assert found[3].url == "es/events/language/es/"

    def ids(group, key):
        return [slot.item.id for slot in filters.upcoming(site, schedule, group, key)]
    assert ids(FilterGroup.AUDIENCE, "residents") == ["clinic", "korean"]
    assert ids(FilterGroup.LANGUAGE, "es") == ["clinic"]
    assert ids(FilterGroup.LANGUAGE, "en") == ["clinic", "training"]


def test_language_calendars_hold_the_events_held_or_interpreted_in_it(tree):
    write(tree, "clinic", "2026-12-03 18:00", languages="es, en")
    write(tree, "training", "2026-12-04 18:00", languages="en")
    site = tree.load()
    files = calendars(site, Schedule.of(site), "es", str)
    spanish = icalendar.Calendar.from_ical(files["es/calendars/language-es.ics"])
    assert [str(event["SUMMARY"]) for event in spanish.walk("VEVENT")] == ["Clinic"]
    # Named in the reader's language: the Spanish page's calendar of Spanish events.
    assert str(spanish["X-WR-CALNAME"]) == "Test Coalition: In español"
    english = icalendar.Calendar.from_ical(files["es/calendars/language-en.ics"])
    assert sorted(str(event["SUMMARY"]) for event in english.walk("VEVENT")) == \
        ["Clinic", "Training"]


def test_month_and_filter_addresses():
    urls = Urls.for_language("zh-Hans", "en")
    assert urls.month(2027, 1) == "zh-hans/events/2027/01/"
    assert urls.events_for_audience("residents") == "zh-hans/events/audience/residents/"
    assert urls.events_in_language("zh-Hant") == "zh-hans/events/language/zh-Hant/"
    assert Urls.for_language("en", "en").month(2026, 12) == "events/2026/12/"
