"""The whole site's content: every item with its translations, ready for any language.

A ``Site`` is complete when it is made and never changes. What publishing reads of it
goes through its methods (which items exist, an item, the notes of an event, the dates
git gives a file), so a build engine can watch those reads through a subclass and know
what each output was made from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from plaza.model.config import SiteConfig
from plaza.model.models import EventRecord, Item, Kind, NotesRecord

T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    items: dict[Kind, dict[str, Item]]
    # When each source file last changed (git commit time, or the documented fallback).
    changed: dict[str, datetime] = field(default_factory=dict)
    # When each original was first committed: what feeds give as "published".
    published: dict[str, datetime] = field(default_factory=dict)
    # How many times each item's timing or status changed: iCalendar SEQUENCE.
    sequence: dict[str, int] = field(default_factory=dict)
    _sorted: dict[Kind, list[Item]] = field(init=False, repr=False, compare=False)
    _notes_by_target: dict[str, list[Item]] = field(init=False, repr=False, compare=False)
    _events_by_program: dict[str, list[Item]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes, made once: a listing asks these for every one of its rows.
        ordered = {kind: [item for _, item in sorted(self.items.get(kind, {}).items())]
                   for kind in Kind}
        notes: dict[str, list[Item]] = {}
        for item in ordered[Kind.NOTES]:
            notes.setdefault(_original(item, NotesRecord).event, []).append(item)
        events: dict[str, list[Item]] = {}
        for item in ordered[Kind.EVENT]:
            if program := _original(item, EventRecord).program:
                events.setdefault(program, []).append(item)
        object.__setattr__(self, "_sorted", ordered)
        object.__setattr__(self, "_notes_by_target", notes)
        object.__setattr__(self, "_events_by_program", events)

    # --- which items exist ----------------------------------------------------------

    def ids(self, kind: Kind) -> list[str]:
        """The ids of a kind's items, sorted: which items exist, without reading them."""
        return [item.id for item in self._sorted[kind]]

    def of_kind(self, kind: Kind) -> list[Item]:
        """Items of a kind, sorted by id (a copy: callers may sort it their own way)."""
        return list(self._sorted[kind])

    def get(self, kind: Kind, item_id: str) -> Item | None:
        return self.items.get(kind, {}).get(item_id)

    def schedule_item(self, item_id: str) -> Item | None:
        """An event or program by id: notes may record either."""
        return self.get(Kind.EVENT, item_id) or self.get(Kind.PROGRAM, item_id)

    def notes_for(self, item_id: str) -> list[Item]:
        return list(self._notes_by_target.get(item_id, []))

    def events_of_program(self, program_id: str) -> list[Item]:
        return list(self._events_by_program.get(program_id, []))

    def used(self, field_name: str, kinds: tuple[Kind, ...] = (Kind.EVENT, Kind.PROGRAM)
             ) -> list[str]:
        """Every value a list field (audience, categories) takes across items, sorted."""
        found: set[str] = set()
        for kind in kinds:
            for item in self._sorted[kind]:
                found.update(_values(item.original, field_name))
        return sorted(found)

    def ids_having(self, field_name: str, value: str,
                   kinds: tuple[Kind, ...] = (Kind.EVENT, Kind.PROGRAM)
                   ) -> list[tuple[Kind, str]]:
        """(kind, id) of the items whose field holds ``value``, in kind and id order."""
        return [(kind, item.id) for kind in kinds for item in self._sorted[kind]
                if value in _values(item.original, field_name)]

    # --- dates from git ----------------------------------------------------------------

    def last_changed(self, item: Item) -> datetime:
        """The newest change among an item's original and translations."""
        found = [self.changed.get(record.source_path) for record in item.versions.values()]
        known = [when for when in found if when is not None]
        # "Now" only for a file git gave no date: reading it makes a page change with time.
        return max(known) if len(known) == len(found) else max([*known, self.config.now])

    def first_published(self, item: Item) -> datetime:
        """When the item was first published: its original's first commit (never later
        than its last change)."""
        first = self.published.get(item.original.source_path)
        last = self.last_changed(item)
        return last if first is None else min(first, last)

    def stale_since(self, item: Item, lang: str) -> datetime | None:
        """When the original changed after the translation last did (by git), else None."""
        if not item.is_translated(lang) or lang == item.original_lang:
            return None
        original = self.changed.get(item.original.source_path)
        translation = self.changed.get(item.versions[lang].source_path)
        if original is None or translation is None or original <= translation:
            return None
        return original

    def version_changed(self, item: Item, lang: str) -> datetime | None:
        """When the file of one language version last changed (None: no such version)."""
        record = item.versions.get(lang)
        return self.changed.get(record.source_path) if record else None

    def sequence_of(self, item: Item) -> int:
        """iCalendar SEQUENCE: how often the item's timing or status changed."""
        return self.sequence.get(item.id, 0)

    def last_change(self) -> datetime:
        """The newest change of any file, or "now" when no file is dated."""
        return max(self.changed.values()) if self.changed else self.config.now

    # --- derived values ------------------------------------------------------------------

    def shared(self, function: Callable[..., T], *args: str) -> T:
        """``function(self, *args)``: a value many outputs use (a language's navigation,
        the order of the notes). ``function`` is a module-level function of the site and
        plain arguments, so a build engine's subclass can make it once a build, remember
        what it read, and on the next build make it again only when those reads changed,
        telling its users it changed only when its result did."""
        return function(self, *args)

    def remembered(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """``make()``: a value several outputs of one build compute alike (the events one
        filter keeps, for each of its pages in each language). A build engine's subclass
        makes it once and tells each later user it read what ``make`` read."""
        return make()


def _values(record: Any, field_name: str) -> tuple[str, ...]:
    value = getattr(record, field_name, ())
    return (value,) if isinstance(value, str) else tuple(value)


R = TypeVar("R")


def _original(item: Item, cls: type[R]) -> R:
    record = item.original
    assert isinstance(record, cls)
    return record
