"""What each page of each language shows: the page list the adapter renders.

Views hold records and occurrences, never formatted strings: templates format dates in
the page's locale. Every item appears in every language; when a translation is missing
the original is shown (``Entry.fallback``) and the template labels it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .models import EventRecord, Item, Kind, NotesRecord, Record
from .schedule import Schedule, Slot
from .site import Site
from .timing import day_of
from .translation_status import translation_report
from .urls import Urls


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

    @property
    def fallback(self) -> bool:
        return self.record.lang != self.lang

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def kind(self) -> str:
        return self.item.kind.value


@dataclass(frozen=True)
class AgendaRow:
    entry: Entry
    slot: Slot
    notes: Entry | None = None

    @property
    def occurrence(self):  # type: ignore[no-untyped-def]
        return self.slot.occurrence


@dataclass(frozen=True)
class Page:
    path: str  # URL path; directories end in '/'
    template: str
    kind: str  # page type, for body classes and the quality gates
    context: dict[str, Any] = field(default_factory=dict)
    # The item shown, so the language switcher can tell whether it is translated.
    item: Item | None = None


class LanguageView:
    """Builds the pages of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str):
        self.site, self.schedule, self.lang = site, schedule, lang
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.now = site.config.now

    def entry(self, item: Item) -> Entry:
        config = self.site.config
        original_lang = (item.original_lang if item.original_lang in config.languages
                         else config.default_lang)
        original = Urls.for_language(original_lang, config.default_lang)
        return Entry(item, item.in_language(self.lang), self.urls.item(item.kind, item.id),
                     self.lang, self.site.stale_since(item, self.lang),
                     original.item(item.kind, item.id))

    def entries(self, kind: Kind) -> list[Entry]:
        return [self.entry(item) for item in self.site.of_kind(kind)]

    def agenda(self, slots: list[Slot]) -> list[AgendaRow]:
        return [AgendaRow(self.entry(slot.item), slot, self._notes_for_slot(slot))
                for slot in slots]

    def _notes_for_slot(self, slot: Slot) -> Entry | None:
        day = day_of(slot.occurrence.recurrence_id)
        for notes in self.site.notes_for(slot.item.id):
            record = notes.original
            assert isinstance(record, NotesRecord)
            if record.date in (None, day):
                return self.entry(notes)
        return None

    def pages(self) -> list[Page]:
        u = self.urls
        upcoming = self.agenda(self.schedule.upcoming(self.now))
        pages = [
            Page(u.home(), "index", "home", {
                "upcoming": upcoming[:6], "latest_notes": self._notes_newest_first()[:3],
                "faqs": self.entries(Kind.FAQ), "programs": self.entries(Kind.PROGRAM)}),
            Page(u.listing(Kind.EVENT), "events", "event-list",
                 {"rows": upcoming, "past": False}),
            Page(u.past_events(), "events", "event-list",
                 {"rows": self.agenda(self.schedule.past(self.now)), "past": True}),
            Page(u.listing(Kind.PROGRAM), "programs", "program-list",
                 {"programs": self.entries(Kind.PROGRAM)}),
            Page(u.listing(Kind.NOTES), "notes_index", "notes-list",
                 {"notes": self._notes_newest_first()}),
            Page(u.listing(Kind.FAQ), "faq_index", "faq-index",
                 {"faqs": self.entries(Kind.FAQ)}),
            Page(u.subscribe(), "subscribe", "subscribe", {}),
            Page(u.search(), "search", "search", {"groups": [
                (kind, self.entries(kind)) for kind in
                (Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ, Kind.PAGE)]}),
            # Unlinked, for coordinators: what is missing or stale in each language.
            Page(u.translations_report(), "translations", "translations",
                 {"report": translation_report(self.site)}),
        ]
        pages += [self._event_page(item) for item in self.site.of_kind(Kind.EVENT)]
        pages += [self._event_page(item) for item in self.site.of_kind(Kind.PROGRAM)]
        pages += [self._notes_page(item) for item in self.site.of_kind(Kind.NOTES)]
        pages += [Page(u.item(Kind.FAQ, e.id), "faq", "faq", {"entry": e}, e.item)
                  for e in self.entries(Kind.FAQ)]
        pages += [Page(u.item(Kind.PAGE, e.id), "page", "page", {"entry": e}, e.item)
                  for e in self.entries(Kind.PAGE)]
        return pages

    def _event_page(self, item: Item) -> Page:
        entry = self.entry(item)
        record = entry.record
        assert isinstance(record, EventRecord)
        rows = self.agenda(list(self.schedule.by_item.get(item.id, ())))
        program = self.site.get(Kind.PROGRAM, record.program) if record.program else None
        kind = "program" if item.kind == Kind.PROGRAM else "event"
        return Page(entry.url, kind, kind, {
            "entry": entry,
            "rows": rows,
            "upcoming_rows": [row for row in rows if row.slot.ends_after(self.now)],
            "past_rows": [row for row in rows if not row.slot.ends_after(self.now)],
            "program": self.entry(program) if program else None,
            "events": [self.entry(e) for e in self.site.events_of_program(item.id)],
            "notes": [self.entry(n) for n in self.site.notes_for(item.id)],
            "ics_url": self.urls.item_ics(item.kind, item.id),
        }, item)

    def _notes_page(self, item: Item) -> Page:
        entry = self.entry(item)
        record = entry.record
        assert isinstance(record, NotesRecord)
        target = self.site.schedule_item(record.event)
        assert target is not None
        day = self.notes_date(item)
        slot = self.schedule.slot_on(target.id, day) if day else None
        return Page(entry.url, "notes", "notes",
                    {"entry": entry, "target": self.entry(target), "slot": slot}, item)

    def notes_date(self, item: Item) -> date | None:
        record = item.original
        assert isinstance(record, NotesRecord)
        if record.date:
            return record.date
        target = self.site.schedule_item(record.event)
        assert target is not None and isinstance(target.original, EventRecord)
        assert target.original.timing is not None
        return day_of(target.original.timing.start)

    def _notes_newest_first(self) -> list[Entry]:
        notes = self.site.of_kind(Kind.NOTES)
        notes.sort(key=lambda item: (self.notes_date(item) or date.min, item.id), reverse=True)
        return [self.entry(item) for item in notes]

    def faq_for(self, audience: str) -> Entry | None:
        item = self.site.faq_for(audience)
        return self.entry(item) if item else None
