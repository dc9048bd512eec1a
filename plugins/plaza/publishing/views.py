"""What each page of each language shows: the page list the adapter renders.

Views hold records and occurrences, never formatted strings: templates format dates in
the page's locale. Every item appears in every language; when a translation is missing
the original is shown (``Entry.fallback``) and the template labels it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .models import EventRecord, Item, Kind, NotesRecord, Record, item_ref
from .recurrence import Occurrence
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
    def occurrence(self) -> Occurrence:
        return self.slot.occurrence

    @property
    def topic(self) -> str:
        """The session's topic in the page's language (or the original's)."""
        return self.slot.topic(self.entry.lang)[0]

    @property
    def topic_lang(self) -> str:
        return self.slot.topic(self.entry.lang)[1]


@dataclass(frozen=True)
class Pagination:
    """Where one page sits in a list that is split over several."""

    number: int
    total: int
    previous: str | None  # URL paths
    next: str | None


@dataclass(frozen=True)
class Page:
    path: str  # URL path; directories end in '/'
    template: str
    kind: str  # page type, for body classes and the quality gates
    context: dict[str, Any] = field(default_factory=dict)
    # The item shown, so the language switcher can tell whether it is translated.
    item: Item | None = None
    # Set on the pages of a long list (``context["pagination"]``).
    pagination: Pagination | None = None
    # Shows every item's words (search): any edit changes it, so fingerprinting it to
    # find out would be wasted work.
    shows_everything: bool = False


@dataclass(frozen=True)
class ListPart:
    """One page of a long list, before what it shows is built."""

    path: str
    template: str
    kind: str
    rows: list[Any]  # slots or items
    pagination: Pagination
    build: Callable[[list[Any]], dict[str, Any]]

    def page(self) -> Page:
        return Page(self.path, self.template, self.kind,
                    {**self.build(self.rows), "pagination": self.pagination},
                    pagination=self.pagination)


class LanguageView:
    """Builds the pages of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str,
                 shared: dict[str, Any] | None = None):
        self.site, self.schedule, self.lang = site, schedule, lang
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.now = site.config.now
        # What is the same in every language, worked out once for all of them.
        self._shared = shared if shared is not None else {}

    def _once(self, name: str, work: Callable[[], Any]) -> Any:
        if name not in self._shared:
            self._shared[name] = work()
        return self._shared[name]

    def _upcoming(self) -> list[Slot]:
        return self._once("upcoming", lambda: self.schedule.upcoming(self.now))  # type: ignore

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
        notes = self._notes_item_for_slot(slot)
        return self.entry(notes) if notes else None

    def _notes_item_for_slot(self, slot: Slot) -> Item | None:
        day = day_of(slot.occurrence.recurrence_id)
        for notes in self.site.notes_for(slot.item.id):
            record = notes.original
            assert isinstance(record, NotesRecord)
            if record.date in (None, day):
                return notes
        return None

    def summary_pages(self) -> list[Page]:
        """The collection pages that are not long lists: home, indexes, search…"""
        return [Page(path, template, kind, context(),
                     shows_everything=kind == "search")
                for path, template, kind, context in self._collections()]

    def collection_addresses(self) -> list[tuple[str, str]]:
        """(path, page type) of the collection pages, without building what they show;
        of a list split over pages, only its first."""
        first = [(path, kind) for path, _, kind, _, _ in self._lists()]
        found = [(path, kind) for path, _, kind, _ in self._collections()]
        return found[:1] + first + found[1:]

    def list_parts(self) -> list[ListPart]:
        """Each page of each long list, with its rows, before its context is built."""
        size = self.site.config.list_page_size
        parts = []
        for first, template, kind, rows, build in self._lists():
            total = max(1, -(-len(rows) // size))
            for number in range(1, total + 1):
                pagination = Pagination(
                    number, total,
                    self.urls.numbered(first, number - 1) if number > 1 else None,
                    self.urls.numbered(first, number + 1) if number < total else None)
                parts.append(ListPart(self.urls.numbered(first, number), template, kind,
                                      rows[(number - 1) * size: number * size], pagination,
                                      build))
        return parts

    def shown_in(self, row: Slot | Item) -> tuple[str, ...]:
        """The items a list row shows (and which occurrence): what its words come from."""
        if isinstance(row, Item):
            return (item_ref(row.kind, row.id),)
        notes = self._notes_item_for_slot(row)
        return (item_ref(row.item.kind, row.item.id), row.occurrence.recurrence_id.isoformat(),
                item_ref(notes.kind, notes.id) if notes else "")

    def _lists(self) -> list[tuple[str, str, str, list[Any],
                                   Callable[[list[Any]], dict[str, Any]]]]:
        u = self.urls
        return [
            (u.listing(Kind.EVENT), "events", "event-list",
             self._upcoming(), lambda part: {"rows": self.agenda(part), "past": False}),
            (u.past_events(), "events", "event-list",
             self._once("past", lambda: self.schedule.past(self.now)),
             lambda part: {"rows": self.agenda(part), "past": True}),
            (u.listing(Kind.NOTES), "notes_index", "notes-list", self._notes_newest_first(),
             lambda part: {"notes": [self.entry(item) for item in part]}),
        ]

    def _collections(self) -> list[tuple[str, str, str, Callable[[], dict[str, Any]]]]:
        u = self.urls
        return [
            (u.home(), "index", "home", lambda: {
                "upcoming": self.agenda(self._upcoming()[:6]),
                "latest_notes": [self.entry(item) for item in
                                 self._notes_newest_first()[:3]],
                "faqs": self.entries(Kind.FAQ), "programs": self.entries(Kind.PROGRAM)}),
            (u.listing(Kind.PROGRAM), "programs", "program-list",
             lambda: {"programs": self.entries(Kind.PROGRAM)}),
            (u.listing(Kind.FAQ), "faq_index", "faq-index",
             lambda: {"faqs": self.entries(Kind.FAQ)}),
            (u.subscribe(), "subscribe", "subscribe", dict),
            (u.search(), "search", "search", lambda: {"groups": [
                (kind, self.entries(kind)) for kind in
                (Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ, Kind.PAGE)]}),
            # Unlinked, for coordinators: what is missing or stale in each language.
            (u.translations_report(), "translations", "translations",
             lambda: {"report": self._once("report", lambda: translation_report(self.site))}),
        ]

    def page_items(self) -> list[Item]:
        """Every item with a page of its own, in page order."""
        return [item for kind in (Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ, Kind.PAGE)
                for item in self.site.of_kind(kind)]

    def item_page(self, item: Item) -> Page:
        """The page of one item; it shows that item and the few it links to."""
        if item.kind in (Kind.EVENT, Kind.PROGRAM):
            return self._event_page(item)
        if item.kind == Kind.NOTES:
            return self._notes_page(item)
        entry = self.entry(item)
        kind = item.kind.value if item.kind == Kind.FAQ else "page"
        return Page(entry.url, kind, kind, {"entry": entry}, item)

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

    def _notes_newest_first(self) -> list[Item]:
        def newest_first() -> list[Item]:
            notes = self.site.of_kind(Kind.NOTES)
            notes.sort(key=lambda item: (self.notes_date(item) or date.min, item.id),
                       reverse=True)
            return notes
        return self._once("notes", newest_first)  # type: ignore[no-any-return]

    def faq_for(self, audience: str) -> Entry | None:
        item = self.site.faq_for(audience)
        return self.entry(item) if item else None
