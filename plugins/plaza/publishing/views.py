"""What each page of one language shows: entries, agendas and page contexts.

Views hold records and occurrences, never formatted strings: templates format dates in
the page's locale. Every item appears in every language; when a translation is missing
the original is shown (``Entry.fallback``) and the template labels it. Whether an
occurrence is over is decided here, from the schedule, so templates never see "now".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from plaza.model.languages import language
from plaza.model.models import EventRecord, Item, Kind, NotesRecord, Record, Status, Timing
from plaza.model.site import Site
from plaza.model.timing import day_of
from plaza.publishing.formatting import first_weekday
from plaza.publishing.translation_status import missing_parts, translation_report
from plaza.publishing.urls import Urls
from plaza.time.recurrence import Occurrence
from plaza.time.schedule import Schedule, Slot


class PageType(StrEnum):
    """What a page is (its body class, and what the quality gates group by)."""

    HOME = "home"
    EVENT_LIST = "event-list"
    MONTH = "month"
    EVENT_FILTER = "event-filter"
    PROGRAM_LIST = "program-list"
    NOTES_LIST = "notes-list"
    FAQ_INDEX = "faq-index"
    WEEK = "week"
    SUBSCRIBE = "subscribe"
    SEARCH = "search"
    TRANSLATIONS = "translations"
    HELP = "help"
    EVENT = "event"
    PROGRAM = "program"
    NOTES = "notes"
    FAQ = "faq"
    PAGE = "page"


@dataclass(frozen=True)
class Entry:
    """An item as shown in one language: its record (maybe the original) and its URL."""

    item: Item
    record: Record
    url: str
    lang: str  # the page's language
    # When the original changed after this translation did: readers see a notice.
    stale_since: datetime | None = None
    original_url: str = ""
    # What this translation has fewer of than its original (paragraphs, list items,
    # questions): readers see the same notice, so a shorter text never passes as whole.
    partial: tuple[str, ...] = ()

    @property
    def fallback(self) -> bool:
        return self.record.lang != self.lang


@dataclass(frozen=True)
class AgendaRow:
    """One occurrence in a list: the item's entry, the slot, its notes, whether it is
    over, and its topic in the page's language (or the original's)."""

    entry: Entry
    slot: Slot
    notes: Entry | None
    over: bool
    topic: str
    topic_lang: str
    day_word: str = ""  # see ``day_word``: only where the page says how near things are

    @property
    def month(self) -> date:
        """The first day of the month it happens in, in its own zone."""
        return day_of(self.slot.occurrence.start).replace(day=1)

    @property
    def occurrence(self) -> Occurrence:
        return self.slot.occurrence


@dataclass(frozen=True)
class Pagination:
    """Where one page sits in a list that is split over several."""

    number: int
    total: int
    previous: str | None  # URL paths
    next: str | None


@dataclass(frozen=True)
class PageInfo:
    """What templates know of the page itself."""

    path: str  # URL path; directories end in '/'
    type: PageType
    item: Item | None = None
    pagination: Pagination | None = None


WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday")


def day_word(day: date, today: date, first_weekday: int) -> str:
    """How near a day is, as a word the template translates: ``today``, ``tomorrow``,
    ``this-thursday`` for a day later in this week, ``next-thursday`` for one in the next
    (weeks start on ``first_weekday``, 0 for Monday, as in the reader's locale), or ""
    when the date alone says it (a week or more ahead, or already begun)."""
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if not 1 < ahead < 7:
        return ""
    week_ends = today + timedelta(days=7 - (today.weekday() - first_weekday) % 7)
    return f"{'this' if day < week_ends else 'next'}-{WEEKDAY_WORDS[day.weekday()]}"


def local_day(when: date | datetime, zone: str) -> date:
    """The day something happens on in ``zone``: a time is moved there, a date is kept."""
    return when.astimezone(ZoneInfo(zone)).date() if isinstance(when, datetime) else when


def by_month(rows: list[AgendaRow]) -> list[tuple[date, list[AgendaRow]]]:
    """Rows in runs of one month each, in the order given (soonest first for what is
    coming, latest first for what is past)."""
    months: list[tuple[date, list[AgendaRow]]] = []
    for row in rows:
        if not months or months[-1][0] != row.month:
            months.append((row.month, []))
        months[-1][1].append(row)
    return months


def by_month_and_item(rows: list[AgendaRow]
                      ) -> list[tuple[date, list[tuple[AgendaRow, ...]]]]:
    """Rows in runs of one month, and in each month one group per item, where its first
    row stands: a series is listed once a month, with its dates, not once a meeting."""
    return [(month, by_item(month_rows)) for month, month_rows in by_month(rows)]


def by_item(rows: list[AgendaRow]) -> list[tuple[AgendaRow, ...]]:
    """Rows in one group per item, where its first row stands, each in the order given."""
    groups: dict[tuple[str, str], list[AgendaRow]] = {}
    for row in rows:
        groups.setdefault((row.entry.item.kind.value, row.entry.item.id), []).append(row)
    return [tuple(group) for group in groups.values()]


def is_series(record: Record) -> bool:
    """Whether an event or program repeats: its page and its list entries say the rule
    and list the dates."""
    return isinstance(record, EventRecord) and record.timing is not None and \
        bool(record.timing.repeat)


def skipped_days(timing: Timing, rows: list[AgendaRow]) -> list[date]:
    """The days of a series with no meeting, from the last meeting that is over on: the
    dates it skips (``except``) and the sessions called off, in order. None once the
    series has no meeting to come. (Counted from a meeting, not from "now": a page
    changes when a meeting ends, so a day skipped just before the next meeting is still
    said until that meeting is over.)"""
    upcoming = [row for row in rows if not row.over]
    if not upcoming:
        return []
    past = [day_of(row.occurrence.recurrence_id) for row in rows if row.over]
    off = {day for day in timing.except_dates if not past or day > max(past)}
    off |= {day_of(row.occurrence.recurrence_id) for row in upcoming
            if row.occurrence.status == Status.CANCELLED}
    return sorted(off)


class LanguageView:
    """The entries, agendas and page contexts of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str):
        self.site, self.schedule, self.lang = site, schedule, lang
        self.urls = Urls.for_language(lang, site.config.default_lang)

    def entry(self, item: Item) -> Entry:
        return entry_of(self.site, item, self.lang)

    def entries(self, kind: Kind) -> list[Entry]:
        return [self.entry(item) for item in self.site.of_kind(kind)]

    def agenda(self, slots: list[Slot]) -> list[AgendaRow]:
        rows = []
        for slot in slots:
            notes = self._notes_for_slot(slot)
            topic, topic_lang = slot.topic(self.lang)
            rows.append(AgendaRow(self.entry(slot.item), slot,
                                  self.entry(notes) if notes else None,
                                  self.schedule.is_over(slot), topic, topic_lang))
        return rows

    def _notes_for_slot(self, slot: Slot) -> Item | None:
        day = day_of(slot.occurrence.recurrence_id)
        for notes in self.site.notes_for(slot.item.id):
            record = notes.original
            assert isinstance(record, NotesRecord)
            if record.date in (None, day):
                return notes
        return None

    # --- the contexts of collection pages ---------------------------------------------

    def home(self) -> dict[str, Any]:
        return {**self.help(), "upcoming": self.soon(self.agenda(self.schedule.upcoming(0, 6))),
                "latest_notes": [self.entry(item) for item in self.notes_newest_first(0, 3)],
                "faqs": self.faqs_by_audience(), "programs": self.entries(Kind.PROGRAM)}

    def soon(self, rows: list[AgendaRow]) -> list[AgendaRow]:
        """Rows that say how near they are ("Today", "Tomorrow", "This Thursday"),
        counted from the day the site is built, in the site's zone."""
        zone = self.site.config.timezone
        today = self.schedule.today(zone)
        first = first_weekday(language(self.lang).babel_locale)
        return [replace(row, day_word=day_word(local_day(row.occurrence.start, zone), today,
                                               first)) for row in rows]

    def help(self) -> dict[str, Any]:
        """The help block: numbers to call and links to the answers people need first."""
        config = self.site.config
        links = [(link.label, self._help_url(link.kind, link.item_id, link.anchor))
                 for link in config.help_links]
        return {"help_lines": config.help_lines,
                "help_links": [(label, url) for label, url in links if url]}

    def _help_url(self, kind: str, item_id: str, anchor: str) -> str:
        if self.site.get(Kind(kind), item_id) is None:  # refused when the site was loaded
            return ""
        return self.urls.item(Kind(kind), item_id) + (f"#{anchor}" if anchor else "")

    def faqs_by_audience(self) -> list[Entry]:
        """The FAQs in the order the settings list audiences (residents first in the
        sample), not by file name."""
        order = {audience: index for index, audience in enumerate(self.site.config.audiences)}
        return sorted(self.entries(Kind.FAQ),
                      key=lambda entry: order.get(getattr(entry.record, "audience", ""),
                                                  len(order)))

    def events(self, past: bool, start: int, stop: int) -> dict[str, Any]:
        slots = self.schedule.past(start, stop) if past else \
            self.schedule.upcoming(start, stop)
        return {"rows": self.agenda(slots), "past": past}

    def notes_list(self, start: int, stop: int) -> dict[str, Any]:
        return {"notes": [self.entry(item) for item in self.notes_newest_first(start, stop)]}

    def programs(self) -> dict[str, Any]:
        return {"programs": self.entries(Kind.PROGRAM)}

    def faq_index(self) -> dict[str, Any]:
        return {"faqs": self.faqs_by_audience()}

    def search(self) -> dict[str, Any]:
        return {"groups": [(kind, self.entries(kind)) for kind in
                           (Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ, Kind.PAGE)]}

    def translations(self) -> dict[str, Any]:
        return {"report": self.site.shared(translation_report)}

    # --- the contexts of item pages ----------------------------------------------------

    def item_context(self, item: Item) -> dict[str, Any]:
        if item.kind in (Kind.EVENT, Kind.PROGRAM):
            return self._event(item)
        if item.kind == Kind.NOTES:
            return self._notes(item)
        return {"entry": self.entry(item)}

    def _event(self, item: Item) -> dict[str, Any]:
        record = item.in_language(self.lang)
        assert isinstance(record, EventRecord)
        rows = self.agenda(list(self.schedule.slots_of(item.id)))
        program = self.site.get(Kind.PROGRAM, record.program) if record.program else None
        upcoming = [row for row in rows if not row.over]
        series = is_series(record) or len(rows) > 1
        called_off = record.status in (Status.CANCELLED, Status.POSTPONED)
        assert record.timing is not None
        return {
            "entry": self.entry(item),
            "rows": rows,
            "series": series,
            "upcoming_rows": upcoming,
            "past_rows": [row for row in rows if row.over],
            # The next meeting that takes place (a called-off one is in the dates).
            "next_row": next((row for row in upcoming
                              if row.occurrence.status != Status.CANCELLED), None),
            "skipped": [] if called_off or not series else
            skipped_days(record.timing, rows),
            "moved_rows": [row for row in upcoming if row.occurrence.moved],
            "program": self.entry(program) if program else None,
            "events": [self.entry(e) for e in self.site.events_of_program(item.id)],
            "notes": [self.entry(n) for n in self.site.notes_for(item.id)],
            "ics_url": self.urls.item_ics(item.kind, item.id),
        }

    def _notes(self, item: Item) -> dict[str, Any]:
        record = item.original
        assert isinstance(record, NotesRecord)
        target = self.site.schedule_item(record.event)
        assert target is not None
        day = notes_date(self.site, item)
        slot = self.schedule.slot_on(target.id, day) if day else None
        return {"entry": self.entry(item), "target": self.entry(target), "slot": slot}

    def notes_newest_first(self, start: int, stop: int | None) -> list[Item]:
        order = self.site.shared(notes_by_date)
        return [item for notes_id in order[start:stop]
                if (item := self.site.get(Kind.NOTES, notes_id)) is not None]


def entry_of(site: Site, item: Item, lang: str) -> Entry:
    """An item as a reader of ``lang`` sees it."""
    config = site.config
    original_lang = (item.original_lang if item.original_lang in config.languages
                     else config.default_lang)
    urls = Urls.for_language(lang, config.default_lang)
    original = Urls.for_language(original_lang, config.default_lang)
    return Entry(item, item.in_language(lang), urls.item(item.kind, item.id), lang,
                 site.stale_since(item, lang), original.item(item.kind, item.id),
                 missing_parts(item, lang))


def notes_by_date(site: Site) -> list[str]:
    """Ids of the notes, newest meeting first."""
    found = [(notes_date(site, item) or date.min, item.id) for item in site.of_kind(Kind.NOTES)]
    return [notes_id for _, notes_id in sorted(found, reverse=True)]


def notes_date(site: Site, item: Item) -> date | None:
    """The day the notes record: their own date, or the one-off event's."""
    record = item.original
    assert isinstance(record, NotesRecord)
    if record.date:
        return record.date
    target = site.schedule_item(record.event)
    assert target is not None and isinstance(target.original, EventRecord)
    assert target.original.timing is not None
    return day_of(target.original.timing.start)
