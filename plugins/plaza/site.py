"""The whole site's content: every item with its translations, ready for any language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TypeVar

from .config import SiteConfig
from .models import EventRecord, FaqRecord, Item, Kind, NotesRecord


@dataclass
class Site:
    config: SiteConfig
    items: dict[Kind, dict[str, Item]]
    # When each source file last changed (git commit time, or the documented fallback).
    changed: dict[str, datetime] = field(default_factory=dict)
    # When each original was first committed: what feeds give as "published".
    published: dict[str, datetime] = field(default_factory=dict)
    # How many times each item's timing or status changed: iCalendar SEQUENCE.
    sequence: dict[str, int] = field(default_factory=dict)
    # A hash of each item's files, settings and code: what its outputs depend on.
    keys: dict[tuple[Kind, str], str] = field(default_factory=dict)

    def of_kind(self, kind: Kind) -> list[Item]:
        """Items of a kind, sorted by id (a copy: callers may sort it their own way)."""
        return list(self._sorted[kind])

    @cached_property
    def _sorted(self) -> dict[Kind, list[Item]]:
        return {kind: [self.items.get(kind, {})[key] for key in sorted(self.items.get(kind, {}))]
                for kind in Kind}

    def get(self, kind: Kind, item_id: str) -> Item | None:
        return self.items.get(kind, {}).get(item_id)

    def schedule_item(self, item_id: str) -> Item | None:
        """An event or program by id: notes may record either."""
        return self.get(Kind.EVENT, item_id) or self.get(Kind.PROGRAM, item_id)

    def notes_for(self, item_id: str) -> list[Item]:
        return self._notes_by_target.get(item_id, [])

    def events_of_program(self, program_id: str) -> list[Item]:
        return self._events_by_program.get(program_id, [])

    # Indexes, built on first use: a listing asks these for every one of its rows.
    @cached_property
    def _notes_by_target(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = {}
        for notes in self.of_kind(Kind.NOTES):
            index.setdefault(_original(notes, NotesRecord).event, []).append(notes)
        return index

    @cached_property
    def _events_by_program(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = {}
        for event in self.of_kind(Kind.EVENT):
            program = _original(event, EventRecord).program
            if program:
                index.setdefault(program, []).append(event)
        return index

    def faq_for(self, audience: str) -> Item | None:
        return next((faq for faq in self.of_kind(Kind.FAQ)
                     if _original(faq, FaqRecord).audience == audience), None)

    def stale_since(self, item: Item, lang: str) -> datetime | None:
        """When the original changed after the translation last did (by git), else None."""
        if not item.is_translated(lang) or lang == item.original_lang:
            return None
        original = self.changed.get(item.original.source_path)
        translation = self.changed.get(item.versions[lang].source_path)
        if original is None or translation is None or original <= translation:
            return None
        return original

    def first_published(self, item: Item) -> datetime:
        """When the item was first published: its original's first commit (never later
        than its last change)."""
        first = self.published.get(item.original.source_path, self.config.now)
        return min(first, self.last_changed(item))

    def last_changed(self, item: Item) -> datetime:
        """The newest change among an item's original and translations."""
        return max(self.changed.get(record.source_path, self.config.now)
                   for record in item.versions.values())


R = TypeVar("R")


def _original(item: Item, cls: type[R]) -> R:
    record = item.original
    assert isinstance(record, cls)
    return record
