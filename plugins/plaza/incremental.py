"""Which outputs an edit can change, so a rebuild makes only those.

A build records two kinds of *state*:

- each item's state: its content key (its files, the settings and the code), when git
  says each of its files changed, its SEQUENCE, how many occurrences it has up to the
  horizon and how many of them have ended by "now";
- the site's state: everything else pages are made from: which items exist and how they
  refer to each other (notes to events, events to programs, audiences, categories), what
  every page of a language shares (navigation, the calendar and feed lists, the footer),
  the calendar window, the code and settings, the published images.

It also records, for every item's page, which items its template was given (``deps``),
and for every page of a long list, which rows it showed.

When the next build finds the same site state, an item page can only differ if one of
the items it showed changed state, and a list page only if its rows or their items did;
every other such page in the previous output is still right. The other pages, feeds and
calendars are compared by their fingerprints as before (search, which shows every item,
is simply made again). When the site state differs, the build falls back to
fingerprinting every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .cache import fingerprint
from .models import Kind, item_ref
from .schedule import Schedule
from .site import Site

# Fields by which one item refers to others, or sorts itself into a group that has
# its own calendar, feed or FAQ page.
RELATION_FIELDS = ("event", "date", "program", "audience", "categories")


def item_states(site: Site, schedule: Schedule, now: datetime) -> dict[str, str]:
    states = {}
    for kind in Kind:
        for item in site.of_kind(kind):
            slots = schedule.by_item.get(item.id, ()) if kind in (Kind.EVENT,
                                                                   Kind.PROGRAM) else ()
            # A rule's occurrences only grow as the horizon moves, so their number tells
            # whether the horizon added one; likewise for occurrences that have ended.
            ended = sum(1 for slot in slots if not slot.ends_after(now))
            dates = [(lang, site.changed.get(record.source_path))
                     for lang, record in sorted(item.versions.items())]
            dates.append(("published", site.published.get(item.original.source_path)))
            states[item_ref(kind, item.id)] = fingerprint(
                site.keys.get((kind, item.id)), site.sequence.get(item.id, 0), dates,
                len(slots), ended)
    return states


def site_state(site: Site, shared: Iterable[Any]) -> str:
    """``shared``: everything pages share that does not come from one item (already
    plain data: common contexts, settings, code, calendar window, images)."""
    structure = [(kind.value, item.id, item.original_lang,
                  [repr(getattr(item.original, name, None)) for name in RELATION_FIELDS])
                 for kind in Kind for item in site.of_kind(kind)]
    # With no dated file at all, feeds fall back to "now" for their own date.
    undated_now = "" if site.changed else site.config.now.isoformat()
    return fingerprint(structure, undated_now, list(shared))


@dataclass(frozen=True)
class State:
    site: str
    items: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {"site": self.site, "items": self.items}

    @classmethod
    def from_dict(cls, data: Any) -> State | None:
        if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
            return None
        return cls(str(data.get("site", "")), dict(data["items"]))

    def changed_since(self, previous: State | None) -> set[str] | None:
        """Items whose state changed, or None when only a full comparison will do."""
        if previous is None or previous.site != self.site or previous.items.keys() != \
                self.items.keys():
            return None
        return {ref for ref, state in self.items.items() if previous.items[ref] != state}


def affected_pages(deps: Mapping[str, Iterable[str]], changed: set[str]) -> set[str]:
    """Output files of item pages that showed one of the ``changed`` items."""
    return {path for path, shown in deps.items() if not changed.isdisjoint(shown)}


@dataclass
class KeyRecorder(Mapping[tuple[Kind, str], str]):
    """Content keys, remembering which items were looked up: what a page was given."""

    content_keys: Mapping[tuple[Kind, str], str]
    touched: set[tuple[Kind, str]] = field(default_factory=set)

    def get(self, key: tuple[Kind, str], default: Any = None) -> Any:
        self.touched.add(key)
        return self.content_keys.get(key, default)

    def __getitem__(self, key: tuple[Kind, str]) -> str:
        self.touched.add(key)
        return self.content_keys[key]

    def __iter__(self) -> Iterator[tuple[Kind, str]]:
        return iter(self.content_keys)

    def __len__(self) -> int:
        return len(self.content_keys)

    def refs(self) -> list[str]:
        return sorted(item_ref(kind, item_id) for kind, item_id in self.touched)
