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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import partial

from feedgen.feed import FeedGenerator

from plaza.model.models import (
    EventRecord,
    Item,
    Kind,
    NotesRecord,
    NotesStatus,
    Record,
    Status,
    item_ref,
)
from plaza.model.site import Site
from plaza.model.timing import day_of
from plaza.model.vocabulary import AUDIENCE_LABELS, N_, STATUS_TITLE_PREFIX, label
from plaza.publishing.artifacts import Artifact, Composite, Part
from plaza.publishing.ical import ICAL_STATUS, clean
from plaza.publishing.structured_data import html_safe_json
from plaza.publishing.urls import Urls
from plaza.time.schedule import Schedule, Slot

Gettext = Callable[[str], str]
RE_ROOT_URL = re.compile(r'(\s(?:href|src))="/(?!/)')
FORMATS = ("atom", "rss")


class FeedGroup(StrEnum):
    """The kinds of feed: everything changed, what is coming, meeting notes, one
    program's, one audience's."""

    UPDATES = "updates"
    UPCOMING = "upcoming"
    NOTES = "notes"
    PROGRAM = "program"
    AUDIENCE = "audience"


@dataclass(frozen=True)
class FeedInfo:
    """One feed of one language, for discovery links and the Subscribe page."""

    group: FeedGroup
    key: str  # the program's id or the audience (else "")
    title: str  # English msgid or content title; templates translate msgids

    @property
    def name(self) -> str:
        """Its file name without the format: updates, program-<id>, audience-<key>…"""
        return f"{self.group}-{self.key}" if self.key else str(self.group)


def feed_list(site: Site, lang: str) -> list[FeedInfo]:
    found = [FeedInfo(FeedGroup.UPDATES, "", N_("Updates")),
             FeedInfo(FeedGroup.UPCOMING, "", N_("Upcoming events")),
             FeedInfo(FeedGroup.NOTES, "", N_("Meeting notes"))]
    found += [FeedInfo(FeedGroup.PROGRAM, item.id, item.in_language(lang).title)
              for item in site.of_kind(Kind.PROGRAM)]
    audiences = site.used("audience", (Kind.EVENT, Kind.PROGRAM, Kind.FAQ))
    found += [FeedInfo(FeedGroup.AUDIENCE, a, label(AUDIENCE_LABELS, a)) for a in audiences]
    return found


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
                 language_name: Callable[[str], str]):
        self.site, self.schedule, self.lang, self._ = site, schedule, lang, gettext
        self.language_name = language_name
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.base = site.config.site_url.rstrip("/")

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
        key = f"{self.site.config.uid_namespace}/{item.kind}/{item.id}"
        if status in (Status.CANCELLED, Status.POSTPONED):
            key += f"/{status}"
        return FeedEntry(item, record, self.site.first_published(item).astimezone(UTC),
                         self.site.last_changed(item).astimezone(UTC), clean(title),
                     f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'plaza:' + key)}",
                     self.absolute(self.urls.item(item.kind, item.id)))

    # --- which entries each feed holds, in a deliberate order ---------------------------

    def upcoming(self) -> list[Item]:
        """Events and programs that still meet, soonest first."""
        return self.schedule.next_items(self.site.config.feed_max_items)

    def entries_for(self, name: str) -> list[FeedEntry]:
        """A feed's entries, capped like any feed: readers want the latest, not years."""
        if name == "upcoming":
            chosen = self.upcoming()
        else:  # the same in every language: chosen once a build
            chosen = [item for kind, item_id in self.site.shared(feed_selection, name)
                      if (item := self.site.get(Kind(kind), item_id)) is not None]
        return [self.entry(item) for item in chosen]

    # --- serialisation -------------------------------------------------------------------

    def feed(self, info: FeedInfo, fmt: str) -> bytes:
        entries = self.entries_for(info.name)
        fg = FeedGenerator()
        fg.load_extension("dc")
        name = info.title if info.group == FeedGroup.PROGRAM else self._(info.title)
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
        return self.site.last_change().astimezone(UTC)

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

    def event_part(self, key: str) -> Part:
        """The events.json line of one event or program: a part, made once a build."""
        kind, item_id = key.split("/")[2:]
        return Part(key, partial(self._event_line, Kind(kind), item_id))

    def event_keys(self) -> list[str]:
        return [f"json/{self.lang}/{item_ref(kind, item_id)}"
                for kind in (Kind.EVENT, Kind.PROGRAM) for item_id in self.site.ids(kind)]

    def events_json(self, lines: Sequence[bytes]) -> bytes:
        """Every event and program with every occurrence, as structured data."""
        # One event a line, compact: the file holds every occurrence of every event (it
        # is the largest the site writes), and json's C encoder does not indent.
        head = json.dumps(self.lang)
        return (f'{{"language":{head},"events":[\n'.encode() + b",\n".join(lines)
                + b"\n]}\n")

    def _event_line(self, kind: Kind, item_id: str) -> bytes:
        item = self.site.get(kind, item_id)
        assert item is not None
        return html_safe_json(json.dumps(self._event_data(item), ensure_ascii=False,
                                         separators=(",", ":"))).encode()

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
                            self.schedule.slots_of(item.id)],
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


def feed_selection(site: Site, name: str) -> list[tuple[str, str]]:
    """(kind, id) of the items a feed holds, newest change first, as many as a feed
    shows: everything (``updates``), approved ``notes``, a ``program-<id>`` with its events
    and notes, or what is for an ``audience-<key>``."""
    if name.startswith("program-"):
        program_id = name.removeprefix("program-")
        items = [i for i in [site.get(Kind.PROGRAM, program_id)] if i is not None]
        items += site.events_of_program(program_id) + site.notes_for(program_id)
    elif name.startswith("audience-"):
        found = site.ids_having("audience", name.removeprefix("audience-"),
                                (Kind.EVENT, Kind.PROGRAM, Kind.FAQ))
        items = [item for kind, item_id in found if (item := site.get(kind, item_id))]
    elif name == "notes":
        items = [n for n in site.of_kind(Kind.NOTES) if _published(n)]
    else:
        items = [i for kind in (Kind.EVENT, Kind.PROGRAM, Kind.FAQ) for i in
                 site.of_kind(kind)] + [n for n in site.of_kind(Kind.NOTES) if _published(n)]
    newest = sorted(items, key=lambda i: (-site.last_changed(i).timestamp(), i.kind.value,
                                          i.id))
    return [(item.kind.value, item.id) for item in newest[: site.config.feed_max_items]]


def _published(item: Item) -> bool:
    record = item.original
    return isinstance(record, NotesRecord) and record.status == NotesStatus.APPROVED


def feed_artifacts(site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                   language_name: Callable[[str], str]) -> Iterator[Artifact | Composite]:
    """Every feed of one language (Atom, RSS, the JSON Feed of upcoming events) and
    ``events.json``, assembled from one part per event."""
    builder = FeedBuilder(site, schedule, lang, gettext, language_name)
    for info in feed_list(site, lang):
        for fmt in FORMATS:
            yield Artifact(builder.urls.feed(info.name, fmt), partial(builder.feed, info, fmt),
                           lang)
    yield Artifact(builder.urls.feed("upcoming", "json"), builder.json_feed, lang)
    yield Composite(f"{builder.urls.prefix}events.json", builder.event_keys,
                    builder.event_part, builder.events_json, lang)
