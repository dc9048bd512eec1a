"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for each language, built with feedgen; and the
structured ``events.json`` partner sites can use without scraping.

Rules kept here, each tested in tests/unit/test_feeds.py:
- entry ids are ``urn:uuid:`` values derived from the content id (and, for a cancellation
  or postponement, its status, so that readers see it as news, not a silent edit);
- dates come from the content's last change, never from the build's clock;
- the RSS channel ``<link>`` is the site page: feedgen keeps the last link added, so the
  ``self`` link is added first;
- control characters are stripped before lxml sees them; content has absolute URLs.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from feedgen.feed import FeedGenerator

from .cache import Fragments, fingerprint, reused
from .ical import ICAL_STATUS, clean
from .models import (
    EventRecord,
    Item,
    Kind,
    NotesRecord,
    NotesStatus,
    Record,
    Status,
    item_ref,
)
from .schedule import Schedule, Slot
from .site import Site
from .structured_data import html_safe_json
from .timing import day_of
from .urls import Urls
from .vocabulary import AUDIENCE_LABELS, N_, STATUS_TITLE_PREFIX, label

Gettext = Callable[[str], str]
RE_ROOT_URL = re.compile(r'(\s(?:href|src))="/(?!/)')
FORMATS = ("atom", "rss")


@dataclass(frozen=True)
class FeedInfo:
    """One feed of one language, for discovery links and the Subscribe page."""

    name: str  # updates, upcoming, notes, program-<id>, audience-<key>
    title: str  # English msgid or content title; templates translate msgids


def feed_list(site: Site, lang: str) -> list[FeedInfo]:
    found = [FeedInfo("updates", N_("Updates")), FeedInfo("upcoming", N_("Upcoming events")),
             FeedInfo("notes", N_("Meeting notes"))]
    found += [FeedInfo(f"program-{item.id}", item.in_language(lang).title)
              for item in site.of_kind(Kind.PROGRAM)]
    audiences = sorted({a for kind in (Kind.EVENT, Kind.PROGRAM, Kind.FAQ)
                        for item in site.of_kind(kind) for a in _audiences(item.original)})
    found += [FeedInfo(f"audience-{a}", label(AUDIENCE_LABELS, a)) for a in audiences]
    return found


def _audiences(record: Record) -> tuple[str, ...]:
    value = getattr(record, "audience", ())
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class FeedEntry:
    item: Item
    record: Record
    published: datetime  # the item's first commit: stays put however often it changes
    updated: datetime
    title: str
    id: str
    url: str


class FeedBuilder:
    """Builds every feed of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                 language_name: Callable[[str], str],
                 selections: dict[str, list[Item]] | None = None,
                 stored: Fragments | None = None):
        self.site, self.schedule, self.lang, self._ = site, schedule, lang, gettext
        self.stored = stored if stored is not None else {}  # see ``cache.reused``
        # Which items each feed holds is the same in every language: chosen once.
        self.selections = selections if selections is not None else {}
        self.language_name = language_name
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.base = site.config.site_url.rstrip("/")
        self._entries: dict[str, list[FeedEntry]] = {}

    def absolute(self, path: str) -> str:
        return f"{self.base}/{path}"

    def entry(self, item: Item) -> FeedEntry:
        record = item.in_language(self.lang)
        status = getattr(record, "status", None)
        title = record.title
        if status in STATUS_TITLE_PREFIX:
            title = self._(STATUS_TITLE_PREFIX[status]) % {"title": title}
        if record.title_lang != self.lang:
            title = f"{title} ({self.language_name(record.title_lang)})"
        key = f"{self.site.config.uid_namespace}/{item.kind.value}/{item.id}"
        if status in (Status.CANCELLED, Status.POSTPONED):
            key += f"/{status.value}"
        return FeedEntry(item, record, self.site.first_published(item).astimezone(UTC),
                         self.site.last_changed(item).astimezone(UTC), clean(title),
                     f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'plaza:' + key)}",
                     self.absolute(self.urls.item(item.kind, item.id)))

    # --- which entries each feed holds, in a deliberate order ---------------------------

    def updates(self) -> list[Item]:
        """Everything announced or changed, newest change first."""
        items = [i for kind in (Kind.EVENT, Kind.PROGRAM, Kind.FAQ) for i in
                 self.site.of_kind(kind)] + [n for n in self.site.of_kind(Kind.NOTES)
                                              if _published(n)]
        return self._newest_first(items)

    def upcoming(self) -> list[Item]:
        """Events and programs that still meet, soonest first."""
        nxt: dict[str, Item] = {}
        for slot in self.schedule.upcoming(self.site.config.now):
            nxt.setdefault(slot.item.id, slot.item)
        return list(nxt.values())

    def notes(self) -> list[Item]:
        return self._newest_first([n for n in self.site.of_kind(Kind.NOTES) if _published(n)])

    def program(self, program_id: str) -> list[Item]:
        items = [i for i in self.site.of_kind(Kind.PROGRAM) if i.id == program_id]
        items += self.site.events_of_program(program_id) + self.site.notes_for(program_id)
        return self._newest_first(items)

    def audience(self, audience: str) -> list[Item]:
        items = [i for kind in (Kind.EVENT, Kind.PROGRAM, Kind.FAQ)
                 for i in self.site.of_kind(kind) if audience in _audiences(i.original)]
        return self._newest_first(items)

    def _newest_first(self, items: list[Item]) -> list[Item]:
        return sorted(items, key=lambda i: (-self.site.last_changed(i).timestamp(),
                                            i.kind.value, i.id))

    def entries_for(self, name: str) -> list[FeedEntry]:
        """A feed's entries, capped like any feed: readers want the latest, not years."""
        if name not in self._entries:
            chosen = self._select(name)[: self.site.config.feed_max_items]
            self._entries[name] = [self.entry(item) for item in chosen]
        return self._entries[name]

    def stamp(self, name: str, fmt: str) -> str:
        """What a feed file is made from: its items' content keys and dates (an entry's
        words come from its item's files, its labels from the code)."""
        keys = self.site.keys
        chosen = self._select(name)[: self.site.config.feed_max_items]
        # An empty feed is dated by the site's last change.
        return fingerprint("feed", self.lang, name, fmt, self.site.config.site_url,
                           [(item.id, keys.get((item.kind, item.id)),
                             self.site.first_published(item).isoformat(),
                             self.site.last_changed(item).isoformat()) for item in chosen],
                           "" if chosen else self._site_updated().isoformat())

    def _select(self, name: str) -> list[Item]:
        if name not in self.selections:
            self.selections[name] = self._choose(name)
        return self.selections[name]

    def _choose(self, name: str) -> list[Item]:
        if name.startswith("program-"):
            return self.program(name.removeprefix("program-"))
        if name.startswith("audience-"):
            return self.audience(name.removeprefix("audience-"))
        return {"updates": self.updates, "upcoming": self.upcoming, "notes": self.notes}[name]()

    # --- serialisation -------------------------------------------------------------------

    def feed(self, info: FeedInfo, fmt: str) -> bytes:
        entries = self.entries_for(info.name)
        fg = FeedGenerator()
        fg.load_extension("dc")
        name = self._(info.title) if info.name in ("updates", "upcoming", "notes") \
            or info.name.startswith("audience-") else info.title
        fg.title(clean(f"{self.site.config.site_name}: {name}"))
        key = f"plaza:{self.site.config.uid_namespace}/{self.lang}/feed/{info.name}"
        fg.id(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}")
        description = clean(f"{self.site.config.site_name}: {name}")
        # RSS readers show a channel's <description> as HTML (Atom's subtitle is text).
        fg.description(html.escape(description, quote=False) if fmt == "rss" else description)
        fg.language(self.lang)
        fg.author(name=self.site.config.organization)
        fg.dc.dc_creator(self.site.config.organization)
        fg.generator("Plaza")
        fg.link(href=self.absolute(self.urls.feed(info.name, fmt)), rel="self")
        fg.link(href=self.absolute(self.urls.home()), rel="alternate")
        fg.updated(max((e.updated for e in entries), default=self._site_updated()))
        for entry in reversed(entries):  # feedgen prepends: add oldest first
            self._add(fg, entry, rss=fmt == "rss")
        return fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)

    def _add(self, fg: FeedGenerator, entry: FeedEntry, rss: bool) -> None:
        fe = fg.add_entry()
        fe.id(entry.id)
        fe.guid(entry.id, permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.url)
        fe.updated(entry.updated)
        fe.published(entry.published)
        fe.author(name=self.site.config.organization)
        if entry.record.summary:
            # RSS readers show <description> as HTML: the plain-text summary is escaped
            # for that (Atom's <summary> is declared as text and needs nothing more).
            summary = clean(entry.record.summary)
            fe.summary(html.escape(summary, quote=False) if rss else summary)
        body = self.absolute_html(entry.record.body_html)
        if body:
            fe.content(clean(body), type="html")

    def absolute_html(self, html: str) -> str:
        return RE_ROOT_URL.sub(lambda m: f'{m.group(1)}="{self.base}/', html)

    def _site_updated(self) -> datetime:
        return max(self.site.changed.values(), default=self.site.config.now).astimezone(UTC)

    # --- JSON ----------------------------------------------------------------------------

    def json_feed(self) -> bytes:
        """JSON Feed 1.1 of upcoming events."""
        items = []
        for entry in self.entries_for("upcoming"):
            item = {"id": entry.id, "url": entry.url, "title": entry.title,
                    "date_published": entry.published.isoformat(),
                    "date_modified": entry.updated.isoformat(), "language": entry.record.lang}
            if entry.record.summary:
                item["summary"] = clean(entry.record.summary)
            item["content_html"] = clean(self.absolute_html(entry.record.body_html))
            items.append(item)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"{self.site.config.site_name}: {self._('Upcoming events')}",
            "home_page_url": self.absolute(self.urls.home()),
            "feed_url": self.absolute(self.urls.feed("upcoming", "json")),
            "language": self.lang,
            "authors": [{"name": self.site.config.organization}],
            "items": items,
        }
        return _json(document)

    def events_json(self) -> bytes:
        """Every event and program with every occurrence, as structured data."""
        # One event a line, compact: the file holds every occurrence of every event (it
        # is the largest the site writes), and json's C encoder does not indent.
        lines = ",\n".join(self._event_line(item) for kind in (Kind.EVENT, Kind.PROGRAM)
                            for item in self.site.of_kind(kind))
        head = json.dumps(self.lang)
        return f'{{"language":{head},"events":[\n{lines}\n]}}\n'.encode()

    def _event_line(self, item: Item) -> str:
        def make() -> str:
            return html_safe_json(json.dumps(self._event_data(item), ensure_ascii=False,
                                             separators=(",", ":")))
        content = self.site.keys.get((item.kind, item.id))
        if content is None:
            return make()
        # A line shows the item's files in this language and its occurrences.
        key = fingerprint(content, self.lang, self.site.config.site_url,
                          len(self.schedule.by_item.get(item.id, ())))
        return reused(self.stored, (item_ref(item.kind, item.id), self.lang, "json"), key,
                      make)

    def _event_data(self, item: Item) -> dict[str, object]:
        record = item.in_language(self.lang)
        assert isinstance(record, EventRecord) and record.timing is not None
        tz = record.timing.timezone
        return {
            "id": item.id, "type": "program" if item.kind == Kind.PROGRAM else "event",
            "title": record.title, "language": record.title_lang, "summary": record.summary,
            "status": record.status.value, "timezone": tz,
            "all_day": record.timing.all_day, "repeat": record.timing.repeat,
            "location": ({"name": record.location.name, "address": record.location.address}
                         if record.location else None),
            "online": record.online or None, "registration": record.registration or None,
            "audiences": list(record.audience), "categories": list(record.categories),
            "languages": list(record.languages), "accessibility": list(record.accessibility),
            "url": self.absolute(self.urls.item(item.kind, item.id)),
            "ics": self.absolute(self.urls.item_ics(item.kind, item.id)),
            "occurrences": [self._occurrence(slot) for slot in
                            self.schedule.by_item.get(item.id, ())],
        }

    def _occurrence(self, slot: Slot) -> dict[str, object]:
        """One occurrence. ``end`` is as volunteers write it: for an all-day event the
        last day, inclusive (the .ics DTEND is the day after); ``last_day`` says the
        same for every event, so partners need not know the difference."""
        occurrence = slot.occurrence
        topic, topic_lang = slot.topic(self.lang)
        last = occurrence.end if occurrence.end is not None else occurrence.start
        return {"start": _iso(occurrence.start), "end": _iso(occurrence.end),
                "all_day": not isinstance(occurrence.start, datetime),
                "last_day": day_of(last).isoformat(),
                "status": occurrence.status.value, "ical_status": ICAL_STATUS[occurrence.status],
                "topic": topic or None, "topic_language": topic_lang if topic else None,
                "moved": occurrence.moved}


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _json(document: object) -> bytes:
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
    return (html_safe_json(text) + "\n").encode()


def _published(item: Item) -> bool:
    record = item.original
    return isinstance(record, NotesRecord) and record.status == NotesStatus.APPROVED


def feed_files(site: Site, schedule: Schedule, lang: str, gettext: Gettext,
               language_name: Callable[[str], str],
               selections: dict[str, list[Item]] | None = None,
               stored: Fragments | None = None
               ) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
    """Every feed of one language, with its fingerprint, built on demand."""
    builder = FeedBuilder(site, schedule, lang, gettext, language_name, selections, stored)
    for info in feed_list(site, lang):
        for fmt in FORMATS:
            yield (builder.urls.feed(info.name, fmt), builder.stamp(info.name, fmt),
                   partial(builder.feed, info, fmt))
    yield (builder.urls.feed("upcoming", "json"), builder.stamp("upcoming", "json"),
           builder.json_feed)
    everything = sorted((kind.value, item_id, key) for (kind, item_id), key in site.keys.items())
    yield (f"{builder.urls.prefix}events.json",
           fingerprint("events.json", lang, site.config.now.isoformat(), everything),
           builder.events_json)

