"""Every occurrence of every event and program, computed once for all languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from plaza.model.models import EventRecord, Item, Kind
from plaza.model.site import Site
from plaza.model.timing import as_datetime, day_of
from plaza.time.recurrence import Occurrence, is_unbounded, occurrences


@dataclass(frozen=True)
class Slot:
    """One occurrence of one event or program: the unit of agendas and calendars."""

    item: Item
    occurrence: Occurrence

    @property
    def sort_key(self) -> tuple[datetime, str, str]:
        record = self.item.original
        assert isinstance(record, EventRecord) and record.timing is not None
        return (as_datetime(self.occurrence.start, _tz(record)), self.item.kind.value,
                self.item.id)

    def topic(self, lang: str) -> tuple[str, str]:
        """This session's topic as a reader of ``lang`` sees it, and the language it is
        written in: the translation's topic for this date when it has one, else the
        original's. (Sessions are matched by the date of the regular session.)"""
        day = day_of(self.occurrence.recurrence_id)
        original = _session_topic(self.item.original, day)
        record = self.item.in_language(lang)
        translated = _session_topic(record, day)
        if translated and translated != original:
            return translated, record.lang
        return original, self.item.original_lang

    def ends_after(self, now: datetime) -> bool:
        record = self.item.original
        assert isinstance(record, EventRecord) and record.timing is not None
        end = self.occurrence.end or self.occurrence.start
        if not isinstance(end, datetime):  # all-day: runs through the end of its last day
            end = as_datetime(end + timedelta(days=1), _tz(record))
        return end > now


def _session_topic(record: object, day: date) -> str:
    assert isinstance(record, EventRecord)
    return next((detail.topic for detail in record.sessions if detail.date == day), "")


def _tz(record: EventRecord) -> ZoneInfo:
    assert record.timing is not None
    return ZoneInfo(record.timing.timezone)


@dataclass(frozen=True)
class Schedule:
    """Every occurrence of every event and program, as of ``now``.

    What publishing reads of time goes through these methods (upcoming and past in
    order, whether a slot is over, the site-wide calendars' window), never through "now"
    itself: what a page shows changes when one of those answers does, not every minute.
    """

    now: datetime
    window_start: datetime  # site-wide calendars leave out what ended before this
    slots: tuple[Slot, ...]  # sorted by start
    by_item: dict[str, tuple[Slot, ...]]
    upcoming_slots: tuple[Slot, ...]  # soonest first
    past_slots: tuple[Slot, ...]  # latest first
    windowed: frozenset[str]  # ids of the items site-wide calendars keep (``in_window``)
    # The first day of each month with a month page: from the window's start through the
    # month the recurrence horizon ends in.
    months_shown: tuple[date, ...] = ()
    # Per month shown: each day of it an occurrence takes place on (an all-day event of
    # several days on each of them), with the occurrence, in day and start order.
    month_slots: dict[date, tuple[tuple[date, Slot], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> Schedule:
        now = site.config.now
        horizon = now + timedelta(days=site.config.recurrence_horizon_days)
        by_item: dict[str, tuple[Slot, ...]] = {}
        for item in site.of_kind(Kind.EVENT) + site.of_kind(Kind.PROGRAM):
            record = item.original
            assert isinstance(record, EventRecord) and record.timing is not None
            found = occurrences(record.timing, record.status, record.sessions, horizon)
            by_item[item.id] = tuple(Slot(item, occurrence) for occurrence in found)
        slots = tuple(sorted((slot for group in by_item.values() for slot in group),
                             key=lambda slot: slot.sort_key))
        upcoming = tuple(slot for slot in slots if slot.ends_after(now))
        past = tuple(slot for slot in reversed(slots) if not slot.ends_after(now))
        window = window_start(now, site.config.calendar_past_months)
        windowed = frozenset(
            item.id for item in site.of_kind(Kind.EVENT) + site.of_kind(Kind.PROGRAM)
            if _meets_after(item, by_item.get(item.id, ()), window))
        shown = months_between(window.date(), (horizon).date())
        return cls(now, window, slots, by_item, upcoming, past, windowed, shown,
                   _by_month(slots, frozenset(shown)))

    def slots_of(self, item_id: str) -> tuple[Slot, ...]:
        """An event's or program's occurrences, in order."""
        return self.by_item.get(item_id, ())

    def upcoming(self, start: int = 0, stop: int | None = None) -> list[Slot]:
        """Occurrences that have not ended, soonest first (a slice of them)."""
        return list(self.upcoming_slots[start:stop])

    def past(self, start: int = 0, stop: int | None = None) -> list[Slot]:
        """Occurrences that have ended, latest first (a slice of them)."""
        return list(self.past_slots[start:stop])

    def count(self, which: str) -> int:
        """How many ``upcoming`` or ``past`` occurrences there are."""
        return len(self.upcoming_slots if which == "upcoming" else self.past_slots)

    def next_items(self, limit: int) -> list[Item]:
        """Events and programs that still meet, soonest first, each once."""
        found: dict[str, Item] = {}
        for slot in self.upcoming_slots:
            found.setdefault(slot.item.id, slot.item)
            if len(found) >= limit:
                break
        return list(found.values())

    def is_over(self, slot: Slot) -> bool:
        return not slot.ends_after(self.now)

    def today(self, zone: str) -> date:
        """The day it is in ``zone`` (the site's) when the site is built: what "Today" and
        "Tomorrow" on the home page count from."""
        return self.now.astimezone(ZoneInfo(zone)).date()

    def in_window(self) -> frozenset[str]:
        """The ids of the items a site-wide calendar keeps: those that meet after the
        window starts (a series that never ends always does)."""
        return self.windowed

    def months(self) -> tuple[date, ...]:
        """The first day of every month that has a month page, in order."""
        return self.months_shown

    def in_month(self, month: date) -> tuple[tuple[date, Slot], ...]:
        """Each (day, occurrence) of the month ``month`` (its first day) starts: the days
        an occurrence takes place on, in its own zone, in day and start order."""
        return self.month_slots.get(month, ())

    def slot_on(self, item_id: str, day: date) -> Slot | None:
        return next((slot for slot in self.slots_of(item_id)
                     if day_of(slot.occurrence.recurrence_id) == day), None)


def _meets_after(item: Item, slots: tuple[Slot, ...], moment: datetime) -> bool:
    record = item.original
    assert isinstance(record, EventRecord) and record.timing is not None
    return is_unbounded(record.timing) or any(slot.ends_after(moment) for slot in slots)


def window_start(now: datetime, months: int) -> datetime:
    """The first of the month, ``months`` before ``now``."""
    year, month = divmod(now.month - 1 - months, 12)
    return now.replace(year=now.year + year, month=month + 1, day=1, hour=0, minute=0,
                       second=0, microsecond=0)


def months_between(first: date, last: date) -> tuple[date, ...]:
    """The first day of every month from ``first``'s through ``last``'s."""
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(found)


def days_of(slot: Slot) -> list[date]:
    """The days an occurrence takes place on, in its own zone: every day of an all-day
    event of several days; the day a timed one starts (one past midnight is shown on the
    day it starts, as calendar apps list it)."""
    start = day_of(slot.occurrence.start)
    end = slot.occurrence.end
    if isinstance(slot.occurrence.start, datetime) or end is None or isinstance(end, datetime):
        return [start]
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def _by_month(slots: tuple[Slot, ...], shown: frozenset[date]
              ) -> dict[date, tuple[tuple[date, Slot], ...]]:
    found: dict[date, list[tuple[date, Slot]]] = {}
    for slot in slots:
        for day in days_of(slot):
            month = day.replace(day=1)
            if month in shown:
                found.setdefault(month, []).append((day, slot))
    # Sorting by day only keeps the start order within a day (the slots are sorted).
    return {month: tuple(sorted(days, key=lambda pair: pair[0]))
            for month, days in found.items()}
