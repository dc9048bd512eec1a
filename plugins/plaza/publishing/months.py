"""The month view: one page per month of the calendar window, as a grid of weeks.

Weeks start on the day the reader's locale starts them (Sunday in the United States,
Saturday in Iran, Monday in Russia). A locale without a territory (``ar``) takes the
territory CLDR thinks most likely for it (Egypt for Arabic). The grid holds dates and
occurrences, never formatted strings: the template formats them in the page's locale.
Nothing here knows the build's day: which months exist and what happens on each day
come from the schedule.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from plaza.model.site import Site
from plaza.model.timing import day_of
from plaza.publishing.formatting import first_weekday
from plaza.publishing.urls import Urls
from plaza.publishing.views import Entry, entry_of
from plaza.time.schedule import Schedule, Slot


def weekday_order(first: int) -> tuple[int, ...]:
    """The weekdays of a week starting on ``first``, in column order."""
    return tuple((first + offset) % 7 for offset in range(7))


def month_weeks(month: date, first: int) -> tuple[tuple[date | None, ...], ...]:
    """The weeks of the month of ``month``, seven cells each, starting on ``first``: the
    month's days in order, and None for the cells before its first and after its last."""
    weeks = calendar.Calendar(firstweekday=first).monthdatescalendar(month.year, month.month)
    return tuple(tuple(day if day.month == month.month else None for day in week)
                 for week in weeks)


@dataclass(frozen=True)
class MonthRow:
    """One occurrence on one day of the grid, as a reader of the page's language sees it.
    ``continued`` when the day is not the first of an event of several days."""

    entry: Entry
    slot: Slot
    topic: str
    topic_lang: str
    continued: bool

    @property
    def occurrence(self) -> Any:
        return self.slot.occurrence


@dataclass(frozen=True)
class DayCell:
    day: date
    rows: tuple[MonthRow, ...]


@dataclass(frozen=True)
class MonthLink:
    month: date
    url: str


@dataclass(frozen=True)
class MonthView:
    """A month's page: its weeks of days (None outside the month), the weekdays of the
    columns, and the months before and after it that have a page."""

    month: date
    weekdays: tuple[int, ...]
    weeks: tuple[tuple[DayCell | None, ...], ...]
    previous: MonthLink | None
    next: MonthLink | None

    @property
    def has_events(self) -> bool:
        return any(cell and cell.rows for week in self.weeks for cell in week)


def month_url(urls: Urls, month: date) -> str:
    return urls.month(month.year, month.month)


def month_view(site: Site, schedule: Schedule, lang: str, locale: str, month: date
               ) -> MonthView:
    """The page of ``month`` (its first day) in ``lang``, weeks as ``locale`` starts them."""
    urls = Urls.for_language(lang, site.config.default_lang)
    by_day: dict[date, list[MonthRow]] = {}
    for day, slot in schedule.in_month(month):
        topic, topic_lang = slot.topic(lang)
        by_day.setdefault(day, []).append(MonthRow(
            entry_of(site, slot.item, lang), slot, topic, topic_lang,
            day != day_of(slot.occurrence.start)))
    first = first_weekday(locale)
    weeks = tuple(tuple(DayCell(day, tuple(by_day.get(day, ()))) if day else None
                        for day in week)
                  for week in month_weeks(month, first))
    months = schedule.months()
    index = months.index(month)
    before = months[index - 1] if index > 0 else None
    after = months[index + 1] if index + 1 < len(months) else None
    return MonthView(month, weekday_order(first), weeks,
                     MonthLink(before, month_url(urls, before)) if before else None,
                     MonthLink(after, month_url(urls, after)) if after else None)


def this_month(site: Site, schedule: Schedule) -> date | None:
    """The month the build's day falls in, where "Month by month" starts: the window
    begins ``calendar_past_months`` before it. Found through the months that have a page
    and that setting, so a page linking it changes when they do, not every day."""
    months = schedule.months()
    if not months:
        return None
    return months[min(len(months) - 1, site.config.calendar_past_months)]
