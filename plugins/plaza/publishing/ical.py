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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import partial

from icalendar import Calendar, Event
from icalendar.parser import Contentline, Parameters
from icalendar.prop import vDuration, vText, vUri

from plaza.model.config import SiteConfig
from plaza.model.languages import language
from plaza.model.models import EventRecord, Item, Kind, Status, item_ref
from plaza.model.site import Site
from plaza.model.vocabulary import AUDIENCE_LABELS, N_, STATUS_TITLE_PREFIX, label
from plaza.publishing.artifacts import Composite, Part, made
from plaza.publishing.filters import FilterGroup, filter_keys
from plaza.publishing.formatting import language_name
from plaza.publishing.urls import Urls
from plaza.time.recurrence import Occurrence, parse_rule, starts_on
from plaza.time.schedule import Schedule
from plaza.time.vtimezone import vtimezone_ical

Gettext = Callable[[str], str]
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
    return f"{item.kind}-{item.id}@{site.config.uid_namespace}"


class CalendarGroup(StrEnum):
    """The kinds of subscribable calendar: every event, or one program, audience, topic
    or language (the events held in it or interpreted into it)."""

    ALL = "all"
    PROGRAM = "program"
    AUDIENCE = "audience"
    CATEGORY = "category"
    LANGUAGE = "language"


@dataclass(frozen=True)
class CalendarInfo:
    """One subscribable calendar of one language, for the Subscribe page."""

    group: CalendarGroup
    key: str
    title: str  # not yet translated for audiences and categories; templates translate;
    # the language's code for a language
    path: str


def calendar_list(site: Site, lang: str) -> list[CalendarInfo]:
    urls = Urls.for_language(lang, site.config.default_lang)
    found = [CalendarInfo(CalendarGroup.ALL, "", "", urls.calendar())]
    for item in site.of_kind(Kind.PROGRAM):
        found.append(CalendarInfo(CalendarGroup.PROGRAM, item.id, item.in_language(lang).title,
                                  urls.calendar("program", item.id)))
    for audience in site.used("audience"):
        found.append(CalendarInfo(CalendarGroup.AUDIENCE, audience,
                                  label(AUDIENCE_LABELS, audience),
                                  urls.calendar("audience", audience)))
    for category in site.used("categories"):
        found.append(CalendarInfo(CalendarGroup.CATEGORY, category,
                                  site.config.category_label(category),
                                  urls.calendar("category", category)))
    for code in filter_keys(site, FilterGroup.LANGUAGE):
        found.append(CalendarInfo(CalendarGroup.LANGUAGE, code, code,
                                  urls.calendar("language", code)))
    return found


NAME_MARK = b"plaza-calendar-name"
UID_MARK = b"00000000-0000-5000-8000-000000000000"
PART_HEAD = b"X-PLAZA-PART:"  # a part's first line: the zone and first year it needs


class CalendarWork:
    """What the calendars of a build share, worked out once: each VTIMEZONE text (one
    per zone and first year) and the two headers. Made by whoever plans a build."""

    def __init__(self) -> None:
        self._zones: dict[tuple[str, int], bytes] = {}
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


class CalendarBuilder:
    """Builds the calendars of one language: each item's VEVENTs (a part every calendar
    holding the item shares), and whole files assembled from those parts."""

    def __init__(self, site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                 work: CalendarWork | None = None):
        self.site, self.schedule, self.lang, self._ = site, schedule, lang, gettext
        self.urls = Urls.for_language(lang, site.config.default_lang)
        self.public_url = site.config.site_url.rstrip("/")
        self.work = work or CalendarWork()

    def part_key(self, kind: Kind, item_id: str) -> str:
        return f"ics/{self.lang}/{item_ref(kind, item_id)}"

    def part(self, key: str) -> Part:
        kind, item_id = key.split("/")[2:]
        return Part(key, partial(self.events, Kind(kind), item_id))

    def events(self, kind: Kind, item_id: str) -> bytes:
        """An item's VEVENTs, after a line naming the zone and first year they need."""
        item = self.site.get(kind, item_id)
        assert item is not None
        record = item.original
        assert isinstance(record, EventRecord) and record.timing is not None
        starts = [slot.occurrence.start for slot in self.schedule.slots_of(item.id)]
        first_year = min(value.year for value in (record.timing.start, *starts))
        tzid = "" if record.timing.all_day else record.timing.timezone
        head = PART_HEAD + f"{tzid};{first_year}".encode() + b"\r\n"
        return head + b"".join(component.to_ical() for component in self.components(item))

    def assemble(self, key: str, name: str | None, parts: Sequence[bytes]) -> bytes:
        """A whole file from its parts: the header (named when ``name`` is given: a
        subscription), the VTIMEZONEs they need, their events."""
        needs, events = [], []
        for part in parts:
            head, _, data = part.partition(b"\r\n")
            tzid, _, year = head.removeprefix(PART_HEAD).decode().partition(";")
            needs.append((tzid, int(year)))
            events.append(data)
        tzids = sorted({tzid for tzid, _ in needs if tzid})
        zones = []
        if tzids:
            first_year = min(year for _, year in needs)
            zones = [self.work.vtimezone(tzid, first_year) for tzid in tzids]
        return self._header(key, name) + b"".join(zones) + b"".join(events) + CALENDAR_END

    def calendar(self, name: str | None, key: str, items: Sequence[Item]) -> bytes:
        """A whole file of ``items``, made directly (named: a subscription)."""
        return self.assemble(key, name, [self.events(item.kind, item.id) for item in items])

    def _header(self, key: str, name: str | None = None) -> bytes:
        """The header with this file's UID and, for a subscription, its name."""
        uid = str(uuid.uuid5(uuid.NAMESPACE_URL,
                             f"plaza:{self.site.config.uid_namespace}/{self.lang}/{key}"))
        lines = self.work.header_lines(subscription=name is not None)
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
        slots = self.schedule.slots_of(item.id)
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
            sequence=self.site.sequence_of(item),
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


def calendar_artifacts(site: Site, schedule: Schedule, lang: str, gettext: Gettext,
                       work: CalendarWork) -> Iterator[Composite]:
    """Every .ics file of one language: per item (complete, to import) and subscribable
    calendars (with the past months the settings keep), each assembled from the VEVENT
    parts of its items."""
    builder = CalendarBuilder(site, schedule, lang, gettext, work)
    for kind in (Kind.EVENT, Kind.PROGRAM):
        for item_id in site.ids(kind):
            key = item_ref(kind, item_id)
            yield Composite(builder.urls.item_ics(kind, item_id),
                            partial(lambda kind, item_id: [builder.part_key(kind, item_id)],
                                    kind, item_id),
                            builder.part, partial(builder.assemble, key, None), lang,
                            f"content/{key}.md")
    for info in calendar_list(site, lang):
        yield Composite(info.path, partial(_member_keys, builder, info), builder.part,
                        partial(_assemble_named, builder, info), lang)


def calendars(site: Site, schedule: Schedule, lang: str, gettext: Gettext
              ) -> dict[str, bytes]:
    """Every .ics file of one language, made directly: for tools and tests."""
    return {output.path: made(output) for output in
            calendar_artifacts(site, schedule, lang, gettext, CalendarWork())}


def _assemble_named(builder: CalendarBuilder, info: CalendarInfo,
                    parts: Sequence[bytes]) -> bytes:
    name = _calendar_name(builder.site, info, builder._, language(builder.lang).babel_locale)
    return builder.assemble(f"{info.group}/{info.key}", name, parts)


def _member_keys(builder: CalendarBuilder, info: CalendarInfo) -> list[str]:
    """The parts of a subscribable calendar: its items that meet within the window."""
    members = builder.site.shared(calendar_members, info.group, info.key)
    kept = builder.schedule.in_window()
    return [builder.part_key(Kind(kind), item_id) for kind, item_id in members
            if item_id in kept]


def calendar_members(site: Site, group: str, key: str) -> list[tuple[str, str]]:
    """(kind, id) of the items of a subscribable calendar (the same in every language),
    before the window is applied (that needs the schedule: ``_member_keys``)."""
    members: list[tuple[Kind, str]]
    if group == CalendarGroup.PROGRAM:
        members = [(Kind.PROGRAM, key), *site.ids_having("program", key, (Kind.EVENT,))]
    elif group in FIELD_OF_GROUP:
        members = site.ids_having(FIELD_OF_GROUP[CalendarGroup(group)], key)
    else:
        members = [(kind, item_id) for kind in (Kind.EVENT, Kind.PROGRAM)
                   for item_id in site.ids(kind)]
    return [(kind.value, item_id) for kind, item_id in
            sorted(members, key=lambda m: (m[0].value, m[1]))]


FIELD_OF_GROUP = {CalendarGroup.AUDIENCE: "audience", CalendarGroup.CATEGORY: "categories",
                  CalendarGroup.LANGUAGE: "languages"}
IN_LANGUAGE = N_("In %(language)s")


def _calendar_name(site: Site, info: CalendarInfo, gettext: Gettext, locale: str) -> str:
    if info.group == CalendarGroup.ALL:
        return gettext("%(site)s: all events") % {"site": site.config.site_name}
    if info.group == CalendarGroup.LANGUAGE:
        name = language_name(info.key, locale)
        return f"{site.config.site_name}: {gettext(IN_LANGUAGE) % {'language': name}}"
    title = gettext(info.title) if info.group in (CalendarGroup.AUDIENCE,
                                                  CalendarGroup.CATEGORY) else info.title
    return f"{site.config.site_name}: {title}"
