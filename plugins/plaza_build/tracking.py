"""The site as an output sees it: every read is noted, as a key with a value.

Invariant: an output made from a ``TrackingSite`` and ``TrackingSchedule`` reads nothing
of the site that is not noted as a key, and a key's value in a build is a function of the
site, the schedule and the files alone: when every key an output read has the same value
in the next build, that output would be made again byte for byte.

Keys name what was read, as finely as the methods of ``Site`` and ``Schedule`` allow:

- ``("item", ref)``: an item's content (the hash of its files, the settings and code);
- ``("listing", ref)``: an item without its long text (``LONG_TEXT``: body, answers,
  decisions, action items), which is what lists, cards and the search page read. Items
  handed out by a ``TrackingSite`` note this key; reading a long-text field of one of
  their records notes ``("item", ref)`` as well, so an edit to an event's description
  remakes its own page and feeds, not every list that names it;
- ``("dates", ref)``: when git says its files changed, and its SEQUENCE;
- ``("ids", kind)``, ``("notes-for", id)``, ``("program-events", id)``,
  ``("used", field, kinds)``, ``("having", field, value, kinds)``: which items exist and
  how they refer to each other, without their words;
- ``("slots", ref)``, ``("order", "upcoming" | "past")``, ``("over", ref)``,
  ``("window",)`` (which items site-wide calendars keep), ``("months",)`` (which months
  have a month page), ``("month", "2027-01")`` (what happens on each day of one) and
  ``("today", zone)`` (the day the build runs on, for "Today" and "Tomorrow"): what time
  does to the schedule (never "now" itself);
- ``("config", name)``: one setting; ``("last-change",)``: the site's newest date;
- ``("shared", name)``: a shared value (see ``queries``), by its result;
  (a file assembled from parts reads what each of its parts read: see ``parts``);
- ``("file", path)``: a file an output is made from directly (a picture).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, TypeVar

from plaza.model.config import SiteConfig
from plaza.model.models import EventRecord, FaqRecord, Item, Kind, NotesRecord, Record, item_ref
from plaza.model.site import Site
from plaza.time.schedule import Schedule, Slot

Key = tuple[str, ...]
T = TypeVar("T")
CONFIG_FIELDS = frozenset(field.name for field in dataclasses.fields(SiteConfig))
# A record's long text: read only by the item's own pages, feeds and calendars.
LONG_TEXT = frozenset({"body_html", "questions", "decisions", "action_items"})


class Recorder:
    """Collects what is read while one output, part or shared value is made; reads
    outside any recording (while the outputs are only being listed) are not kept, nor
    any read at all by a recorder that does not ``keep`` (a build with no cache to
    remember them in)."""

    def __init__(self, keep: bool = True) -> None:
        self._stack: list[set[Key]] = []
        self._keep = keep

    def note(self, key: Key) -> None:
        if self._stack and self._keep:
            self._stack[-1].add(key)

    @contextmanager
    def recording(self) -> Iterator[set[Key]]:
        reads: set[Key] = set()
        self._stack.append(reads)
        try:
            yield reads
        finally:
            self._stack.pop()


class TrackingConfig(SiteConfig):
    """Settings whose every field read is noted as ``("config", name)``."""

    @classmethod
    def watching(cls, config: SiteConfig, recorder: Recorder) -> TrackingConfig:
        watched = object.__new__(cls)
        watched.__dict__.update(config.__dict__)
        object.__setattr__(watched, "_recorder", recorder)
        return watched

    def __getattribute__(self, name: str) -> Any:
        if name in CONFIG_FIELDS:
            object.__getattribute__(self, "_recorder").note(("config", name))
        return object.__getattribute__(self, name)


def _ref(item: Item) -> str:
    return item_ref(item.kind, item.id)


def _kinds(kinds: tuple[Kind, ...]) -> str:
    return ",".join(str(kind) for kind in kinds)


class TrackingSite(Site):
    """A ``Site`` whose every read is noted (see the module docstring)."""

    _recorder: Recorder
    _shared: Callable[[Callable[..., Any], tuple[str, ...]], Any]
    _watched: dict[str, Item]  # ref -> the item as handed out, made once a build
    _remembered: dict[tuple[str, ...], tuple[Any, tuple[Key, ...]]]  # value, its reads

    @classmethod
    def watching(cls, site: Site, recorder: Recorder,
                 shared: Callable[[Callable[..., Any], tuple[str, ...]], Any]) -> TrackingSite:
        watched = object.__new__(cls)
        watched.__dict__.update(site.__dict__)
        object.__setattr__(watched, "config", TrackingConfig.watching(site.config, recorder))
        object.__setattr__(watched, "_recorder", recorder)
        object.__setattr__(watched, "_shared", shared)
        object.__setattr__(watched, "_watched", {})
        object.__setattr__(watched, "_remembered", {})
        return watched

    def _items(self, items: list[Item]) -> list[Item]:
        return [self.watch(item) for item in items]

    def watch(self, item: Item) -> Item:
        """The item as its listing (noted as read), whose records note the whole item
        when their long text is read."""
        ref = _ref(item)
        self._recorder.note(("listing", ref))
        watched = self._watched.get(ref)
        if watched is None:
            watched = self._watched[ref] = _watched_item(item, ref, self._recorder)
        return watched

    def ids(self, kind: Kind) -> list[str]:
        self._recorder.note(("ids", str(kind)))
        return super().ids(kind)

    def of_kind(self, kind: Kind) -> list[Item]:
        self._recorder.note(("ids", str(kind)))
        return self._items(super().of_kind(kind))

    def get(self, kind: Kind, item_id: str) -> Item | None:
        found = super().get(kind, item_id)
        if found is None:
            self._recorder.note(("listing", item_ref(kind, item_id)))  # it may come
            return None
        return self.watch(found)

    def notes_for(self, item_id: str) -> list[Item]:
        self._recorder.note(("notes-for", item_id))
        return self._items(super().notes_for(item_id))

    def events_of_program(self, program_id: str) -> list[Item]:
        self._recorder.note(("program-events", program_id))
        return self._items(super().events_of_program(program_id))

    def used(self, field_name: str, kinds: tuple[Kind, ...] = (Kind.EVENT, Kind.PROGRAM)
             ) -> list[str]:
        self._recorder.note(("used", field_name, _kinds(kinds)))
        return super().used(field_name, kinds)

    def ids_having(self, field_name: str, value: str,
                   kinds: tuple[Kind, ...] = (Kind.EVENT, Kind.PROGRAM)
                   ) -> list[tuple[Kind, str]]:
        self._recorder.note(("having", field_name, value, _kinds(kinds)))
        return super().ids_having(field_name, value, kinds)

    def last_changed(self, item: Item) -> datetime:
        self._recorder.note(("dates", _ref(item)))
        return super().last_changed(item)

    def first_published(self, item: Item) -> datetime:
        self._recorder.note(("dates", _ref(item)))
        return super().first_published(item)

    def stale_since(self, item: Item, lang: str) -> datetime | None:
        self._recorder.note(("dates", _ref(item)))
        return super().stale_since(item, lang)

    def version_changed(self, item: Item, lang: str) -> datetime | None:
        self._recorder.note(("dates", _ref(item)))
        return super().version_changed(item, lang)

    def sequence_of(self, item: Item) -> int:
        self._recorder.note(("dates", _ref(item)))
        return super().sequence_of(item)

    def last_change(self) -> datetime:
        self._recorder.note(("last-change",))
        return super().last_change()

    def shared(self, function: Callable[..., T], *args: str) -> T:
        return self._shared(function, args)  # type: ignore[no-any-return]

    def remembered(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """Made once in this process, with what it read noted again for every user."""
        found = self._remembered.get(key)
        if found is None:
            with self._recorder.recording() as reads:
                value = make()
            found = self._remembered[key] = (value, tuple(reads))
        for read in found[1]:
            self._recorder.note(read)
        return found[0]  # type: ignore[no-any-return]


def _watched_item(item: Item, ref: str, recorder: Recorder) -> Item:
    """A copy of ``item`` whose records are watched (``_watched_record``)."""
    watched = object.__new__(type(item))
    watched.__dict__.update(item.__dict__)
    watched.__dict__["versions"] = {lang: _watched_record(record, ref, recorder)
                                    for lang, record in item.versions.items()}
    return watched


def _watched_record(record: Record, ref: str, recorder: Recorder) -> Record:
    cls = WATCHED_RECORDS.get(type(record)) or _long_text_watched(type(record))
    watched = object.__new__(cls)
    watched.__dict__.update(record.__dict__)
    watched.__dict__["_recorder"], watched.__dict__["_ref"] = recorder, ref
    return watched


def _long_text_watched(cls: type[Record]) -> type[Record]:
    """A subclass of a record class whose long-text fields, when read, note the whole
    item: a property on the class takes precedence over the instance's own value."""
    names = LONG_TEXT & {field.name for field in dataclasses.fields(cls)}
    return type(cls.__name__, (cls,), {name: _long_text(name) for name in names})


def _long_text(name: str) -> property:
    def read(self: Any) -> Any:
        own = self.__dict__
        recorder = own.get("_recorder")
        if recorder is not None:
            recorder.note(("item", own["_ref"]))
        return own[name]

    def write(self: Any, value: Any) -> None:  # dataclasses.replace makes a new one
        self.__dict__[name] = value

    return property(read, write)


WATCHED_RECORDS = MappingProxyType({cls: _long_text_watched(cls) for cls in
                                    (Record, EventRecord, NotesRecord, FaqRecord)})


def listing_digest(item: Item) -> str:
    """What a ``("listing", ref)`` read sees: every field of every version but the long
    text."""
    return digest(item.kind, item.id, item.original_lang, [
        (lang, type(record).__name__,
         [(f.name, getattr(record, f.name)) for f in dataclasses.fields(record)
          if f.name not in LONG_TEXT])
        for lang, record in sorted(item.versions.items())])


class TrackingSchedule(Schedule):
    """A ``Schedule`` whose every read is noted (see the module docstring). Given the
    watching site's ``watch``, the slots it hands out hold watched items, read as their
    listing; without it, a slot's item counts as read whole."""

    _recorder: Recorder
    _watch: Callable[[Item], Item] | None

    @classmethod
    def watching(cls, schedule: Schedule, recorder: Recorder,
                 watch: Callable[[Item], Item] | None = None) -> TrackingSchedule:
        watched = object.__new__(cls)
        watched.__dict__.update(schedule.__dict__)
        object.__setattr__(watched, "_recorder", recorder)
        object.__setattr__(watched, "_watch", watch)
        return watched

    def _item(self, item: Item) -> Item:
        if self._watch is None:
            self._recorder.note(("item", _ref(item)))
            return item
        return self._watch(item)

    def _watched(self, slots: Iterable[Slot]) -> list[Slot]:
        return [Slot(self._item(slot.item), slot.occurrence) for slot in slots]

    def _slots(self, slots: list[Slot], order: str) -> list[Slot]:
        self._recorder.note(("order", order))
        return self._watched(slots)

    def slots_of(self, item_id: str) -> tuple[Slot, ...]:
        slots = super().slots_of(item_id)
        ref = _schedule_ref(self, item_id)
        self._recorder.note(("slots", ref))
        if not slots:
            self._recorder.note(("listing", ref))
        return tuple(self._watched(slots))

    def upcoming(self, start: int = 0, stop: int | None = None) -> list[Slot]:
        return self._slots(super().upcoming(start, stop), "upcoming")

    def past(self, start: int = 0, stop: int | None = None) -> list[Slot]:
        return self._slots(super().past(start, stop), "past")

    def count(self, which: str) -> int:
        self._recorder.note(("order", which))
        return super().count(which)

    def next_items(self, limit: int) -> list[Item]:
        self._recorder.note(("order", "upcoming"))
        return [self._item(item) for item in super().next_items(limit)]

    def is_over(self, slot: Slot) -> bool:
        self._recorder.note(("over", _ref(slot.item)))
        return super().is_over(slot)

    def today(self, zone: str) -> date:
        self._recorder.note(("today", zone))
        return super().today(zone)

    def in_window(self) -> frozenset[str]:
        self._recorder.note(("window",))
        return super().in_window()

    def months(self) -> tuple[date, ...]:
        self._recorder.note(("months",))
        return super().months()

    def in_month(self, month: date) -> tuple[tuple[date, Slot], ...]:
        self._recorder.note(("month", month.isoformat()[:7]))
        days = super().in_month(month)
        for _, slot in days:
            self._recorder.note(("item", _ref(slot.item)))
        return days


def _schedule_ref(schedule: Schedule, item_id: str) -> str:
    slots = schedule.by_item.get(item_id)
    kind = slots[0].item.kind if slots else Kind.EVENT
    return item_ref(kind, item_id)


# --- values ---------------------------------------------------------------------------

def digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=10).hexdigest()


class Values:
    """The value of every key in this build (see the module docstring), each worked out
    once. ``content_keys`` are the items' content hashes (from the item cache), ``files``
    the hashes of files outputs are made from; shared values and parts are answered by
    the callables given, which know their own records."""

    def __init__(self, site: Site, schedule: Schedule, content_keys: dict[str, str],
                 files: dict[str, str], shared: Callable[[str], str],
                 listings_before: Mapping[str, tuple[str, str]] | None = None):
        self.site, self.schedule = site, schedule
        self.content_keys, self.files = content_keys, files
        self._shared = shared
        self._known: dict[Key, str] = {}
        # ref -> (content key, listing digest): a listing is worked out again only for
        # an item whose content changed
        self._listings_before = listings_before or {}
        self.listings: dict[str, tuple[str, str]] = {}

    def __call__(self, key: Key) -> str:
        if key[0] == "shared":  # known to the shared values, which may be made meanwhile
            return self._value(key)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._value(key)
        return found

    def _value(self, key: Key) -> str:  # noqa: PLR0911 - one answer per kind of key
        what, *rest = key
        if what == "item":
            return self.content_keys.get(rest[0], "")
        if what == "listing":
            return self._listing(rest[0])
        if what == "dates":
            return self._dates(rest[0])
        if what == "slots":
            return digest([_slot_identity(slot) for slot in
                           self.schedule.by_item.get(rest[0].split("/", 1)[1], ())])
        if what == "over":
            return digest([self.schedule.is_over(slot) for slot in
                           self.schedule.by_item.get(rest[0].split("/", 1)[1], ())])
        if what == "order":
            slots = (self.schedule.upcoming_slots if rest[0] == "upcoming"
                     else self.schedule.past_slots)
            return digest([_slot_identity(slot) for slot in slots])
        if what == "window":
            return digest(sorted(self.schedule.in_window()))
        if what == "today":
            return self.schedule.today(rest[0]).isoformat()
        if what == "months":
            return digest([month.isoformat() for month in self.schedule.months()])
        if what == "month":
            month = date.fromisoformat(f"{rest[0]}-01")
            return digest([(day.isoformat(), *_slot_identity(slot))
                           for day, slot in self.schedule.in_month(month)])
        if what == "config":
            return digest(getattr(self.site.config, rest[0]))
        if what == "shared":
            return self._shared(rest[0])
        if what == "file":
            return self.files.get(rest[0], "")
        return self._structure(what, rest)

    def _structure(self, what: str, rest: list[str]) -> str:
        site = self.site
        if what == "ids":
            return digest(site.ids(Kind(rest[0])))
        if what == "notes-for":
            return digest([item.id for item in site.notes_for(rest[0])])
        if what == "program-events":
            return digest([item.id for item in site.events_of_program(rest[0])])
        if what == "used":
            return digest(site.used(rest[0], _parse_kinds(rest[1])))
        if what == "having":
            return digest(site.ids_having(rest[0], rest[1], _parse_kinds(rest[2])))
        if what == "last-change":
            return site.last_change().isoformat()
        raise KeyError(f"unknown kind of read {what!r}")

    def _listing(self, ref: str) -> str:
        content = self.content_keys.get(ref, "")
        before = self._listings_before.get(ref)
        if before is not None and before[0] == content:
            found = before[1]
        else:
            kind, _, item_id = ref.partition("/")
            item = self.site.get(Kind(kind), item_id)
            found = listing_digest(item) if item is not None else ""
        self.listings[ref] = (content, found)
        return found

    def _dates(self, ref: str) -> str:
        kind, _, item_id = ref.partition("/")
        item = self.site.get(Kind(kind), item_id)
        if item is None:
            return ""
        return digest(sorted((lang, self.site.changed.get(record.source_path))
                             for lang, record in item.versions.items()),
                      self.site.published.get(item.original.source_path),
                      self.site.sequence_of(item))


def _parse_kinds(text: str) -> tuple[Kind, ...]:
    return tuple(Kind(value) for value in text.split(","))


def _slot_identity(slot: Slot) -> tuple[str, ...]:
    occurrence = slot.occurrence
    return (str(slot.item.kind), slot.item.id, occurrence.recurrence_id.isoformat(),
            occurrence.start.isoformat(), _iso(occurrence.end), str(occurrence.status),
            str(occurrence.moved))


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""
