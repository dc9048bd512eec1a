"""Every occurrence of every event and program, computed once for all languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .models import EventRecord, Item, Kind
from .recurrence import Occurrence, occurrences
from .site import Site
from .timing import as_datetime, day_of


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
    slots: tuple[Slot, ...]  # sorted by start
    by_item: dict[str, tuple[Slot, ...]]

    @classmethod
    def of(cls, site: Site) -> Schedule:
        horizon = site.config.now + timedelta(days=site.config.recurrence_horizon_days)
        by_item: dict[str, tuple[Slot, ...]] = {}
        for item in site.of_kind(Kind.EVENT) + site.of_kind(Kind.PROGRAM):
            record = item.original
            assert isinstance(record, EventRecord) and record.timing is not None
            found = occurrences(record.timing, record.status, record.sessions, horizon)
            by_item[item.id] = tuple(Slot(item, occurrence) for occurrence in found)
        slots = sorted((slot for group in by_item.values() for slot in group),
                       key=lambda slot: slot.sort_key)
        return cls(tuple(slots), by_item)

    def upcoming(self, now: datetime) -> list[Slot]:
        return [slot for slot in self.slots if slot.ends_after(now)]

    def past(self, now: datetime) -> list[Slot]:
        return [slot for slot in reversed(self.slots) if not slot.ends_after(now)]

    def slot_on(self, item_id: str, day: date) -> Slot | None:
        return next((slot for slot in self.by_item.get(item_id, ())
                     if day_of(slot.occurrence.recurrence_id) == day), None)
