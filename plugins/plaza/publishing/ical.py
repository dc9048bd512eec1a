"""iCalendar output (RFC 5545, RFC 7986) built with icalendar.

Rules this module keeps, each tested in tests/test_ical.py:
- timed values carry the event's TZID and every TZID has a VTIMEZONE; all-day values are
  DATEs with an exclusive DTEND; nothing floats; no X-WR-TIMEZONE;
- RRULE stays in local time; UNTIL is UTC; skipped dates are EXDATEs; moved or cancelled
  sessions are overrides with RECURRENCE-ID;
- UID comes from the content id, DTSTAMP/LAST-MODIFIED from the content's last change,
  SEQUENCE from how often its timing changed: the same commit gives the same bytes;
- cancelled and postponed items stay, with STATUS, a title that says so and
  TRANSP:TRANSPARENT (they do not block free/busy time);
- every VTIMEZONE comes from ``vtimezone``: yearly rules from the first year a file's
  events use, that hold for every later occurrence; one text per zone and year a build;
- a per-item file ("Add to calendar") has no calendar name and no refresh interval, so
  clients import its event instead of offering a subscription.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial

from icalendar import Calendar, Event
from icalendar.parser import Contentline, Parameters
from icalendar.prop import vDuration, vText, vUri

from .cache import Fragments, fingerprint, reused
from .config import SiteConfig
from .models import EventRecord, Item, Kind, Status, item_ref
from .recurrence import Occurrence, is_unbounded, parse_rule, starts_on
from .schedule import Schedule
from .site import Site
from .urls import Urls
from .vocabulary import AUDIENCE_LABELS, N_, STATUS_TITLE_PREFIX, label
from .vtimezone import vtimezone_ical

Gettext = Callable[[str], str]
# (path, fingerprint or None, build): an output file that may not need building.
LazyFile = tuple[str, "str | None", Callable[[], bytes]]
PRODID = "-//Plaza//Plaza community calendar//EN"
# C0 and C1 control characters except tab and newline. NEL (\x85) is among the C1 ones:
# parsers that split lines with str.splitlines() would break a content line there.
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ICAL_STATUS = {Status.CONFIRMED: "CONFIRMED", Status.TENTATIVE: "TENTATIVE",
               Status.CANCELLED: "CANCELLED", Status.POSTPONED: "CANCELLED"}
REFRESH = timedelta(hours=12)
CALENDAR_END = b"END:VCALENDAR\r\n"
JOIN_ONLINE = N_("Join online")
REGISTER = N_("Register")


def clean(text: str) -> str:
    """Strip control characters (keeping newline and tab); icalendar escapes the rest."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return RE_CONTROL.sub("", text)


def uid(site: Site, item: Item) -> str:
    """Stable across builds, languages and URL changes: derived from the content id only."""
    return f"{item.kind.value}-{item.id}@{site.config.uid_namespace}"


@dataclass(frozen=True)
class CalendarInfo:
    """One subscribable calendar of one language, for the Subscribe page."""

    group: str  # all, program, audience, category
    key: str
    title: str  # not yet translated for audiences and categories; templates translate
    path: str


def calendar_list(site: Site, lang: str) -> list[CalendarInfo]:
    urls = Urls.for_language(lang, site.config.default_lang)
    found = [CalendarInfo("all", "", "", urls.calendar())]
    for item in site.of_kind(Kind.PROGRAM):
        found.append(CalendarInfo("program", item.id, item.in_language(lang).title,
                                  urls.calendar("program", item.id)))
    for audience in _used(site, "audience"):
        found.append(CalendarInfo("audience", audience, label(AUDIENCE_LABELS, audience),
                                  urls.calendar("audience", audience)))
    for category in _used(site, "categories"):
        found.append(CalendarInfo("category", category,
                                  site.config.category_label(category),
                                  urls.calendar("category", category)))
    return found


def _used(site: Site, field: str) -> list[str]:
    values = {value for item in _schedule_items(site)
              for value in getattr(item.original, field)}
    return sorted(values)


def _schedule_items(site: Site) -> list[Item]:
    return site.of_kind(Kind.EVENT) + site.of_kind(Kind.PROGRAM)


@dataclass(frozen=True)
class SerializedEvents:
    """An item's VEVENTs as bytes, with the time zones they need and the first year."""

    data: bytes
    tzids: tuple[str, ...]
    first_year: int


NAME_MARK = b"plaza-calendar-name"
UID_MARK = b"00000000-0000-5000-8000-000000000000"


class SharedWork:
    """What the calendars of every language have in common, worked out once a build:
    serialized VTIMEZONEs, each calendar's members, whether an item meets after a date."""

    def __init__(self) -> None:
        self._zones: dict[tuple[str, int], bytes] = {}
        self._members: dict[str, list[Item]] = {}
        self._meets_after: dict[tuple[str, datetime], bool] = {}
        self._headers: dict[bool, list[bytes]] = {}

    def header_lines(self, subscription: bool = True) -> list[bytes]:
        """A calendar's header as icalendar writes it, with marks where each file's name
        and UID go: made once, since building a Calendar per file is slow. Without
        ``subscription`` (a per-item file): no name, no refresh interval."""
        if subscription not in self._headers:
            cal = Calendar.new(prodid=PRODID, method="PUBLISH", uid=UID_MARK.decode())
            if subscription:
                cal.add("NAME", vText(NAME_MARK.decode()))
                cal.add("X-WR-CALNAME", vText(NAME_MARK.decode()))
                cal.add("REFRESH-INTERVAL", vDuration(REFRESH),
                        parameters={"VALUE": "DURATION"})
                cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
            data = cal.to_ical()
            assert data.endswith(CALENDAR_END)
            self._headers[subscription] = data[: -len(CALENDAR_END)].split(b"\r\n")
        return self._headers[subscription]

    def vtimezone(self, tzid: str, first_year: int) -> bytes:
        """The zone's VTIMEZONE from ``first_year`` on, valid for ever after (see
        ``vtimezone``): one text for every file whose events start that year."""
        key = (tzid, first_year)
        if key not in self._zones:
            self._zones[key] = vtimezone_ical(tzid, first_year)
        return self._zones[key]

    def members(self, site: Site, info: CalendarInfo) -> list[Item]:
        key = f"{info.group}/{info.key}"
        if key not in self._members:
            self._members[key] = _members(site, info)
        return self._members[key]

    def meets_after(self, schedule: Schedule, item: Item, moment: datetime) -> bool:
        key = (item.id, moment)
        if key not in self._meets_after:
            slots = schedule.by_item.get(item.id, ())
            record = item.original
            assert isinstance(record, EventRecord) and record.timing is not None
            self._meets_after[key] = is_unbounded(record.timing) or any(
                slot.ends_after(moment) for slot in slots)
        return self._meets_after[key]


class CalendarBuilder:
    """Builds the calendars of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                 shared: SharedWork | None = None,
                 stored: Fragments | None = None):
        self.site, self.schedule, self.lang, self._ = site, schedule, lang, gettext
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.public_url = site.config.site_url.rstrip("/")
        self.shared = shared or SharedWork()
        self._events: dict[str, SerializedEvents] = {}
        # Events serialized by earlier builds (see ``cache.reused``); new ones are added.
        self.stored = stored if stored is not None else {}

    def calendar(self, name: str, key: str, items: Iterable[Item],
                 window_start: datetime | None = None) -> bytes:
        """A subscribable calendar file, named ``name``. Each item's events are serialized
        once per language and each VTIMEZONE once per build, then assembled: the
        site-wide calendars repeat the same events many times over."""
        return self._assemble(self._header(key, name), items, window_start)

    def item_calendar(self, item: Item) -> bytes:
        """The "Add to calendar" file of one event or program: complete, and without the
        headers that make clients offer it as a subscription."""
        return self._assemble(self._header(f"{item.kind.value}/{item.id}"), [item])

    def _assemble(self, header: bytes, items: Iterable[Item],
                  window_start: datetime | None = None) -> bytes:
        chosen = [self._serialized(item) for item in items
                  if window_start is None or
                  self.shared.meets_after(self.schedule, item, window_start)]
        tzids = sorted({tzid for events in chosen for tzid in events.tzids})
        zones = []
        if tzids:
            first_year = min(events.first_year for events in chosen)
            zones = [self.shared.vtimezone(tzid, first_year) for tzid in tzids]
        return (header + b"".join(zones)
                + b"".join(events.data for events in chosen) + CALENDAR_END)

    def _header(self, key: str, name: str | None = None) -> bytes:
        """The header with this file's UID and, for a subscription, its name."""
        uid = str(uuid.uuid5(uuid.NAMESPACE_URL,
                             f"plaza:{self.site.config.uid_namespace}/{self.lang}/{key}"))
        lines = self.shared.header_lines(subscription=name is not None)
        if name is None:
            return b"\r\n".join(line.replace(UID_MARK, uid.encode()) for line in lines)
        # As vText: icalendar writes a plain str NAME without escaping commas,
        # semicolons and backslashes, which RFC 5545 TEXT requires.
        value = vText(clean(name))
        return b"\r\n".join(
            Contentline.from_parts(line.split(b":", 1)[0].decode(), Parameters(),
                                   value).to_ical()
            if NAME_MARK in line else line.replace(UID_MARK, uid.encode())
            for line in lines)

    def events_key(self, item: Item) -> str | None:
        """What an item's VEVENTs depend on, when its content key is known (the number
        of occurrences: the horizon can bring a changed session, an override, into
        range)."""
        content = self.site.keys.get((item.kind, item.id))
        if content is None:
            return None
        return fingerprint(content, self.lang, self.site.sequence.get(item.id, 0),
                           self.site.last_changed(item), self.site.config.site_url,
                           self.site.config.uid_namespace,
                           len(self.schedule.by_item.get(item.id, ())))

    def _serialized(self, item: Item) -> SerializedEvents:
        if item.id not in self._events:
            key = self.events_key(item)
            made = partial(self._serialize, item)
            self._events[item.id] = (made() if key is None else reused(
                self.stored, (item_ref(item.kind, item.id), self.lang, "ics"), key, made))
        return self._events[item.id]

    def _serialize(self, item: Item) -> SerializedEvents:
        record = item.original
        assert isinstance(record, EventRecord) and record.timing is not None
        starts = [slot.occurrence.start for slot in self.schedule.by_item.get(item.id, ())]
        first_year = min(value.year for value in (record.timing.start, *starts))
        tzids = () if record.timing.all_day else (record.timing.timezone,)
        data = b"".join(component.to_ical() for component in self.components(item))
        return SerializedEvents(data, tzids, first_year)

    def components(self, item: Item) -> list[Event]:
        """The master VEVENT of an item, then an override for each changed session."""
        record = item.in_language(self.lang)
        assert isinstance(record, EventRecord) and record.timing is not None
        timing = record.timing
        master = self._event(item, record, timing.start, _end(timing.start, timing.end),
                             record.status)
        if timing.repeat:
            master.add("RRULE", parse_rule(timing).ical_parts())
            exdates = [start for day in timing.except_dates
                       for start in _starts_on(item, day)]
            if exdates:
                master.add("EXDATE", exdates)
        slots = self.schedule.by_item.get(item.id, ())
        topics = [slot.topic(self.lang)[0] for slot in slots]
        overrides = [self._override(item, record, slot.occurrence, topic)
                     for slot, topic in zip(slots, topics, strict=True)
                     if _is_override(slot.occurrence, record.status, topic)]
        return [master, *overrides]

    def _override(self, item: Item, record: EventRecord, occurrence: Occurrence,
                  topic: str) -> Event:
        """A session that differs from the rule: moved, cancelled, or with a topic (in
        this calendar's language, matched by date)."""
        event = self._event(item, record, occurrence.start,
                            _end(occurrence.start, occurrence.end), occurrence.status,
                            topic=topic)
        event.add("RECURRENCE-ID", occurrence.recurrence_id)
        return event

    def _event(self, item: Item, record: EventRecord, start: date, end: date | None,
               status: Status, topic: str = "") -> Event:
        changed = self.site.last_changed(item).astimezone(UTC)
        title = f"{record.title}: {topic}" if topic else record.title
        if status in STATUS_TITLE_PREFIX:
            title = self._(STATUS_TITLE_PREFIX[status]) % {"title": title}
        event = Event.new(
            uid=uid(self.site, item), summary=clean(title), start=start, end=end,
            stamp=changed, last_modified=changed,
            sequence=self.site.sequence.get(item.id, 0),
            status=ICAL_STATUS[status],  # type: ignore[arg-type]
            url=self._absolute(self.urls.item(item.kind, item.id)),
            description=clean(self._description(record)) or None,
            location=clean(_location(record)) or None,
            categories=[clean(c) for c in _categories(record, self.site.config, self._)],
        )
        if ICAL_STATUS[status] == "CANCELLED":
            # Not busy: a cancelled meeting must not block anyone's free/busy time.
            event.add("TRANSP", "TRANSPARENT")
        if record.online:
            event.add("CONFERENCE", vUri(record.online),
                      parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        return event

    def _description(self, record: EventRecord) -> str:
        parts = [record.summary]
        if record.online:
            parts.append(f"{self._(JOIN_ONLINE)}: {record.online}")
        if record.registration:
            parts.append(f"{self._(REGISTER)}: {record.registration}")
        return "\n\n".join(part for part in parts if part)

    def _absolute(self, path: str) -> str:
        return f"{self.public_url}/{path}"


def _is_override(occurrence: Occurrence, series_status: Status, topic: str) -> bool:
    return occurrence.moved or bool(topic) or occurrence.status != series_status


def _starts_on(item: Item, day: date) -> list[date]:
    record = item.original
    assert isinstance(record, EventRecord) and record.timing is not None
    return starts_on(record.timing, day)


def _end(start: date, end: date | None) -> date | None:
    """DTEND: all-day ends are exclusive in iCalendar, inclusive as volunteers write them."""
    if end is None:
        return None
    if not isinstance(start, datetime):
        return end + timedelta(days=1)
    return end


def _location(record: EventRecord) -> str:
    if not record.location:
        return ""
    return ", ".join(part for part in (record.location.name, record.location.address) if part)


def _categories(record: EventRecord, config: SiteConfig, gettext: Gettext) -> list[str]:
    """Topics and audiences by their labels, in the calendar's language."""
    topics = [gettext(config.category_label(c)) for c in record.categories]
    audiences = [gettext(label(AUDIENCE_LABELS, a)) for a in record.audience]
    return list(dict.fromkeys([*topics, *audiences]))


def calendar_files(site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                   shared: SharedWork | None = None,
                   stored: Fragments | None = None,
                   only: set[str] | None = None) -> Iterator[LazyFile]:
    """Every .ics file of one language: per item (complete, to import), and subscribable
    calendars.

    Each comes with a fingerprint (None: always build) and a function that builds it,
    so an unchanged file need not be built at all. With ``only`` (the refs of changed
    items, see ``incremental``), just the files that hold one of them.
    """
    builder = CalendarBuilder(site, schedule, lang, gettext, shared, stored)
    urls = builder.urls
    for item in _schedule_items(site):
        if only is not None and item_ref(item.kind, item.id) not in only:
            continue
        key = builder.events_key(item)
        yield (urls.item_ics(item.kind, item.id), key and fingerprint("ics", key),
               partial(builder.item_calendar, item))
    window = window_start(site)
    for info in calendar_list(site, lang):
        items = builder.shared.members(site, info)
        if only is not None and only.isdisjoint(item_ref(i.kind, i.id) for i in items):
            continue
        name = _calendar_name(site, info, gettext)
        yield info.path, None, partial(builder.calendar, name, f"{info.group}/{info.key}",
                                       items, window)


def window_start(site: Site) -> datetime:
    """Site-wide calendars leave out what ended before this: the first of the month,
    ``calendar_past_months`` ago."""
    now = site.config.now
    months = site.config.calendar_past_months
    year, month = divmod(now.month - 1 - months, 12)
    return now.replace(year=now.year + year, month=month + 1, day=1, hour=0, minute=0)


def _members(site: Site, info: CalendarInfo) -> list[Item]:
    items = _schedule_items(site)
    if info.group == "program":
        return [i for i in items if i.id == info.key or
                getattr(i.original, "program", "") == info.key]
    if info.group == "audience":
        return [i for i in items if info.key in getattr(i.original, "audience", ())]
    if info.group == "category":
        return [i for i in items if info.key in getattr(i.original, "categories", ())]
    return items


def _calendar_name(site: Site, info: CalendarInfo, gettext: Gettext) -> str:
    if info.group == "all":
        return gettext("%(site)s: all events") % {"site": site.config.site_name}
    title = gettext(info.title) if info.group in ("audience", "category") else info.title
    return f"{site.config.site_name}: {title}"

