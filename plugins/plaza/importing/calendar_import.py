"""An iCalendar export (Google Calendar, Outlook, Thunderbird, Apple Calendar) as Plaza
content files.

``import_calendar`` takes the file's bytes and returns one file per event or series:
``events/<id>.md``, or ``programs/<id>.md`` for a series with changed sessions (only a
program has ``sessions``). What a field cannot hold is left out and said in the report,
per file: extra dates (RDATE), reminders, attachments, attendees and the organizer (a
person's name and email are never published), rule parts Plaza refuses.

The mapping, field by field:

- ``SUMMARY`` → ``title``; ``DESCRIPTION`` (or Outlook's ``X-ALT-DESC`` HTML) → the
  Markdown body, where only the links are markup (``plaza.importing.text``).
- ``DTSTART``/``DTEND``/``DURATION`` → ``start`` and ``end`` (one event) or ``duration``
  (a series); ``VALUE=DATE`` → an all-day event whose ``end`` is its last day.
- The zone of ``DTSTART`` → ``timezone`` when it is not the site's; a Windows zone name
  (``Pacific Standard Time``) is read through CLDR's table as icalendar ships it.
- ``RRULE`` → ``repeat``, in plain words when ``repeat_words`` says the same rule back;
  an ``UNTIL`` in UTC becomes the local last day. ``EXDATE`` → ``except``.
- A ``RECURRENCE-ID`` override → a session: a moved ``start``, ``status: cancelled``, a
  changed title as its ``topic``.
- ``STATUS`` → ``status``; ``LOCATION`` (and Apple's structured location) → ``location``;
  ``CONFERENCE``, ``X-GOOGLE-CONFERENCE``, a Zoom/Teams/Meet/Webex/Jitsi link in the
  location or description, else ``URL`` → ``online``.
- ``CLASS:PRIVATE`` or ``CONFIDENTIAL``: not imported at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import yaml
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from unidecode import unidecode

from plaza.importing.text import (
    Changes,
    description_markdown,
    is_web_link,
    plain_line,
    plain_lines,
)
from plaza.model.models import Kind, Timing
from plaza.model.timing import FIRST_YEAR, LAST_YEAR, MAX_DURATION
from plaza.reading.assemble import MAX_ID_LENGTH, RESERVED_IDS
from plaza.reading.fields import RE_ID
from plaza.reading.schema import FIELDS
from plaza.time.recurrence import exceeds_limit, never_meets, regular_starts, starts_on
from plaza.time.repeat_rules import CHECKS, MAX_COUNT, SUB_DAILY, rule_problem
from plaza.time.repeat_words import PhraseError, Repeat, parse_phrase, rule_in_words

FOLDERS = {Kind.EVENT: "events", Kind.PROGRAM: "programs"}
CONFERENCE_HOSTS = re.compile(
    r"https://(?:[\w-]+\.)*(?:zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"meet\.google\.com|webex\.com|meet\.jit\.si|whereby\.com|gotomeeting\.com|"
    r"meet\.goto\.com|bluejeans\.com|jitsi\.[\w.-]+)/[^\s<>\"'`\\]*", re.IGNORECASE)
CONFERENCE_PROPERTIES = ("CONFERENCE", "X-GOOGLE-CONFERENCE",
                         "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK")
STATUSES = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
PRIVATE_CLASSES = ("PRIVATE", "CONFIDENTIAL")
# Properties whose loss the report names (the rest are a client's bookkeeping: DTSTAMP,
# SEQUENCE, X-MICROSOFT-CDO-BUSYSTATUS, TRANSP …).
DROPPED = {
    "RDATE": "extra dates (RDATE) are not carried over; add each as an event of its own",
    "ATTACH": "attachments are not carried over; put files in content/ and link them",
    "CATEGORIES": "categories are not carried over; add the site's own under 'categories:'",
    "RESOURCES": "resources are not carried over",
    "CONTACT": "the contact is left out (personal contact details are never published)",
    "COMMENT": "comments are left out",
    "GEO": "the map position is left out",
}
ZONES = frozenset(available_timezones())
# What Outlook, Zoom and Google write as the "location" of a meeting held only online.
ONLINE_PLACES = frozenset({"microsoft teams meeting", "microsoft teams", "teams meeting",
                           "zoom", "zoom meeting", "google meet", "skype meeting", "webex",
                           "online", "virtual", "online meeting"})
SLUG_LENGTH = 60
YAML_WIDTH = 10_000  # no folding of long titles over lines


class CalendarImportError(ValueError):
    """The bytes are not an iCalendar file; the message says what to do."""


@dataclass(frozen=True)
class ImportedFile:
    """One content file: where it goes (under content/), its text, what was left out."""

    path: str
    text: str
    notes: tuple[str, ...] = ()
    uid: str = ""  # the event's UID in the calendar it came from


@dataclass(frozen=True)
class CalendarImport:
    files: tuple[ImportedFile, ...]
    notes: tuple[str, ...] = ()  # about events that were not imported at all
    calendar_name: str = ""

    def report(self) -> list[str]:
        """``file: what was dropped`` lines, then the events left out."""
        return [f"{item.path}: {note}" for item in self.files for note in item.notes] + \
            list(self.notes)


@dataclass
class _Draft:
    """One event's fields as they are worked out, and what the report says about it."""

    uid: str
    fields: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    notes: Changes = field(default_factory=Changes)
    kind: Kind = Kind.EVENT


def import_calendar(data: bytes, site_timezone: str, taken_ids: Iterable[str] = ()
                    ) -> CalendarImport:
    """Every event and series of an iCalendar file as content files (see the module)."""
    calendar = _parse(data)
    site_tz = ZoneInfo(site_timezone)
    masters: dict[str, Any] = {}
    overrides: dict[str, list[Any]] = {}
    order: list[str] = []
    lone: list[Any] = []
    for index, component in enumerate(calendar.walk("VEVENT")):
        uid = str(component.get("UID") or f"no-uid-{index}")
        if component.get("RECURRENCE-ID") is not None:
            overrides.setdefault(uid, []).append(component)
            continue
        if uid in masters:
            uid = f"{uid}#{index}"
        masters[uid] = component
        order.append(uid)
    notes: list[str] = []
    for uid, found in overrides.items():
        if uid not in masters:  # one changed meeting of a series that is not in the file
            lone.extend(found)
    taken = set(taken_ids)
    files = []
    for uid in order:
        component = masters[uid]
        title = _title(component, Changes())
        if _private(component):
            notes.append(f"'{title}' is marked private in the calendar; not imported")
            continue
        draft = _convert(component, overrides.get(uid, []), site_tz)
        if draft is not None:
            files.append(_file(draft, taken))
        else:
            notes.append(f"'{title}' has no start (DTSTART) Plaza can read; not imported")
    for component in lone:
        title = _title(component, Changes())
        if _private(component):
            notes.append(f"'{title}' is marked private in the calendar; not imported")
            continue
        draft = _convert(component, [], site_tz)
        if draft is not None:
            draft.notes.add("this is one changed meeting of a series that is not in the file; "
                            "imported as an event of its own")
            files.append(_file(draft, taken))
    name = str(calendar.get("X-WR-CALNAME") or calendar.get("NAME") or "")
    return CalendarImport(tuple(files), tuple(notes), " ".join(name.split()))


def _parse(data: bytes) -> Any:
    if not data.strip():
        raise CalendarError("the file is empty; export the calendar again (.ics)")
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarError("this is not an iCalendar file (it does not start with "
                            "BEGIN:VCALENDAR); export the calendar as .ics and try again")
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as error:  # noqa: BLE001 - any parse failure is the file's problem
        raise CalendarError(f"the calendar cannot be read ({error}); export it again as "
                            ".ics") from None
    if not calendars:
        raise CalendarError("the file holds no calendar; export it again as .ics")
    first = calendars[0]
    for extra in calendars[1:]:
        for component in extra.subcomponents:
            first.add_component(component)
    return first


CalendarError = CalendarImportError


def _private(component: Any) -> bool:
    return str(component.get("CLASS") or "").upper() in PRIVATE_CLASSES


def _title(component: Any, notes: Changes) -> str:
    title = plain_line(component.get("SUMMARY") or "", "title", notes, limit=200)
    if not title:
        notes.add("title: the event had no title; 'Untitled event' written, change it")
        return "Untitled event"
    return title


# --- time -----------------------------------------------------------------------------------

def zone_name(tzid: str) -> str | None:
    """The IANA zone a TZID means: itself, a Windows name (``Pacific Standard Time``), or
    the ``/vendor/…/Area/City`` form of Thunderbird and Evolution; None when unknown."""
    cleaned = tzid.strip().strip('"').strip()
    candidates = [cleaned.strip("/"), WINDOWS_TO_OLSON.get(cleaned, "")]
    parts = cleaned.strip("/").split("/")
    candidates += ["/".join(parts[start:]) for start in range(1, len(parts))]
    return next((name for name in candidates if name in ZONES), None)


@dataclass(frozen=True)
class _Moment:
    value: date | datetime  # a date (all day) or an aware time in ``zone``
    zone: str | None  # the IANA zone it was written in; None for UTC or floating


def _moment(prop: Any, site_tz: ZoneInfo, notes: Changes, what: str) -> _Moment | None:
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        if value.tzinfo is None:  # floating: the wall time wherever one is
            return _Moment(_wall(value, site_tz), None)
        if tzid:
            name = zone_name(str(tzid))
            if name:
                return _Moment(_wall(value.replace(tzinfo=None), ZoneInfo(name)), name)
            notes.add(f"{what}: the time zone '{plain_line(tzid, what, Changes())}' is not "
                      "one Plaza knows; the time was converted to the site's zone")
        return _Moment(value.astimezone(site_tz), None)
    if isinstance(value, date):
        return _Moment(value, None)
    return None


def _wall(naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in ``tz``; one in a spring-forward gap moves forward, as RFC 5545
    says, and an ambiguous one takes its first occurrence."""
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def _in_zone(value: date | datetime, tz: ZoneInfo) -> date | datetime:
    return value.astimezone(tz) if isinstance(value, datetime) else value


def _written(value: date | datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else f"{value:%Y-%m-%d}"


def _duration_text(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{rest}m" if rest or not hours else "")


def _end(component: Any, start: _Moment, tz: ZoneInfo, site_tz: ZoneInfo, notes: Changes
         ) -> date | datetime | None:
    """The end as Plaza holds it: a local time, or an all-day event's last day."""
    moment = _moment(component.get("DTEND"), site_tz, notes, "end")
    length: timedelta | None = None
    if moment is not None:
        if isinstance(start.value, datetime) != isinstance(moment.value, datetime):
            notes.add("end: the start and end were of different kinds (a date and a time); "
                      "the end was left out")
            return None
        if isinstance(moment.value, datetime) and isinstance(start.value, datetime):
            return _in_zone(moment.value, tz)
        length = _day(moment.value) - _day(start.value)
    elif component.get("DURATION") is not None:
        length = component.get("DURATION").dt
    if length is None:
        return None
    if isinstance(start.value, datetime):
        return start.value + length
    days = max(length.days, 1)  # an all-day event lasts at least its day
    return start.value + timedelta(days=days - 1)


# --- repeat -----------------------------------------------------------------------------------

def _rule_text(component: Any, start: date | datetime, tz: ZoneInfo, notes: Changes
               ) -> str | None:
    rules = component.get("RRULE")
    if rules is None:
        return None
    if isinstance(rules, list):
        if len(rules) > 1:
            notes.add("repeat: the event had more than one RRULE; only the first was kept")
        rules = rules[0]
    written = rules.to_ical().decode()
    parts: dict[str, str] = {}
    for piece in written.split(";"):
        name, _, value = piece.partition("=")
        parts[name.strip().upper()] = value.strip().upper()
    if parts.get("FREQ") in SUB_DAILY:
        notes.add(f"repeat: the event repeats {parts['FREQ'].lower()}, more often than "
                  "daily; only its first meeting was imported")
        return None
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            value = parts.pop(name)
            own = {"BYHOUR": "hour", "BYMINUTE": "minute", "BYSECOND": "second"}[name]
            if not isinstance(start, datetime) or value != str(getattr(start, own)):
                notes.add(f"repeat: {name}={value} (several times a day) is not carried "
                          "over; the series meets at the start's time of day")
    if "UNTIL" in parts:
        parts["UNTIL"] = _until(parts["UNTIL"], start, tz)
        if "COUNT" in parts:
            notes.add("repeat: the rule had both COUNT and UNTIL; UNTIL was kept")
            parts.pop("COUNT")
    for name in list(parts):
        if name not in CHECKS:
            notes.add(f"repeat: the rule part {name}={parts[name]} is not one Plaza takes; "
                      "left out, so check the dates")
            parts.pop(name)
    if "WKST" in parts and not _week_start_matters(parts, start):
        parts.pop("WKST")  # Google and Outlook always write it; here it changes nothing
    rule = ";".join(f"{name}={value}" for name, value in parts.items())
    problem = rule_problem(rule)
    if problem:
        notes.add(f"repeat: '{rule}' cannot be carried over ({problem}); only the first "
                  "meeting was imported")
        return None
    return rule


def _week_start_matters(parts: dict[str, str], start: date | datetime) -> bool:
    """WKST changes a rule only for weeks counted in steps (INTERVAL above 1) where a
    week's days are not just the start's weekday, or for numbered weeks of the year
    (RFC 5545 3.3.10)."""
    if "BYWEEKNO" in parts:
        return True
    if parts.get("FREQ") != "WEEKLY" or parts.get("INTERVAL", "1") == "1":
        return False
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    own = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()]
    return bool(days) and days != [own]


def _until(value: str, start: date | datetime, tz: ZoneInfo) -> str:
    """UNTIL as the local last day of the series: the form the words say."""
    text = value.rstrip("Z")
    if "T" not in text:
        return text[:8]
    moment = datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
    local = moment.replace(tzinfo=UTC).astimezone(tz) if value.endswith("Z") else \
        moment.replace(tzinfo=tz)
    last = local.date()
    if isinstance(start, datetime) and local.replace(tzinfo=None).time() < start.time():
        last -= timedelta(days=1)  # that day's meeting starts after UNTIL
    return f"{max(last, _day(start)):%Y%m%d}"


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _in_words(rule: str) -> str:
    """The rule in plain words when they say the same rule back; else the RRULE."""
    words = rule_in_words(rule)
    if words is None:
        return rule
    try:
        if parse_phrase(words) == Repeat.from_rrule(rule):
            return words
    except PhraseError:
        pass
    return rule


def _bounded(timing: Timing, notes: Changes) -> Timing | None:
    """The timing with a rule Plaza accepts: at most ``MAX_COUNT`` meetings, at least one."""
    assert timing.repeat is not None
    if exceeds_limit(timing):
        rule = ";".join(piece for piece in timing.repeat.split(";")
                        if not piece.startswith(("UNTIL=", "COUNT="))) + f";COUNT={MAX_COUNT}"
        notes.add(f"repeat: the series has more than {MAX_COUNT} meetings; only the first "
                  f"{MAX_COUNT} were imported")
        timing = Timing(timing.start, timing.end, timing.timezone, rule, timing.except_dates)
    if never_meets(timing):
        notes.add("repeat: the rule makes no meetings; only the first was imported")
        return None
    return timing


# --- one event ----------------------------------------------------------------------------

def _convert(component: Any, overrides: list[Any], site_tz: ZoneInfo) -> _Draft | None:
    draft = _Draft(uid=str(component.get("UID") or ""))
    notes = draft.notes
    start = _moment(component.get("DTSTART"), site_tz, notes, "start")
    if start is None or not FIRST_YEAR <= _day(start.value).year <= LAST_YEAR:
        return None
    rule_zone = start.zone
    if rule_zone is None and isinstance(start.value, datetime) and component.get("RRULE") \
            is not None and component.get("DTSTART").dt.tzinfo is not None \
            and not component.get("DTSTART").params.get("TZID"):
        rule_zone = "UTC"  # a series written in UTC repeats at the same UTC time
    zone = rule_zone or site_tz.key
    tz = ZoneInfo(zone)
    begin = _in_zone(start.value, tz)
    end = _end(component, start, tz, site_tz, notes)
    if end is not None and (end < begin or (isinstance(begin, datetime) and end == begin)):
        end = None
    fields = draft.fields
    fields["title"] = _title(component, notes)
    fields["start"] = _written(begin)
    rule = _rule_text(component, begin, tz, notes)
    if rule is not None and isinstance(begin, datetime):
        moved = _past_the_gap(component, begin, end, tz, rule, notes)
        if moved is not None:
            begin, end, rule = moved
            fields["start"] = _written(begin)
    timing = Timing(begin, end, zone, rule)
    if rule is not None:
        bounded = _bounded(timing, notes)
        timing = bounded or Timing(begin, end, zone)
    if timing.repeat and isinstance(begin, datetime) and end is not None and \
            timedelta(0) < end - begin <= MAX_DURATION:
        fields["duration"] = _duration_text(end - begin)
    elif end is not None and end != begin:
        fields["end"] = _written(end)
    if zone != site_tz.key:
        fields["timezone"] = zone
    if timing.repeat and not starts_on(timing, _day(begin)):
        notes.add(f"repeat: the first meeting ({_written(begin)}) is not a date the rule "
                  "makes; Plaza's series meets only on the rule's dates, so add that "
                  "meeting as an event of its own if it still matters")
    if timing.repeat:
        fields["repeat"] = _in_words(timing.repeat)
        excepted = _except_dates(component, timing, tz, site_tz, notes)
        timing = Timing(timing.start, timing.end, zone, timing.repeat, excepted)
        if excepted:
            fields["except"] = [f"{day:%Y-%m-%d}" for day in excepted]
        sessions = _sessions(component, overrides, timing, tz, site_tz, notes)
        if sessions:
            fields["sessions"] = sessions
            draft.kind = Kind.PROGRAM
    elif overrides:
        notes.add("sessions: changed meetings of a series whose rule could not be carried "
                  "over were left out")
    status = STATUSES.get(str(component.get("STATUS") or "").upper())
    if status and status != "confirmed":
        fields["status"] = status
    _place(component, draft)
    _personal(component, notes)
    for name, message in DROPPED.items():
        if component.get(name) is not None:
            notes.add(message)
    if any(sub.name == "VALARM" for sub in component.subcomponents):
        notes.add("reminders (alarms) are not carried over; readers set their own")
    return draft


def _past_the_gap(component: Any, begin: datetime, end: date | datetime | None,
                  tz: ZoneInfo, rule: str, notes: Changes
                  ) -> tuple[datetime, datetime | None, str] | None:
    """A series whose first meeting is in the hour a clock change skips (02:30 on the
    spring-forward Sunday): calendars hold that one meeting an hour later, as RFC 5545
    says, but every other meeting at the written time. Plaza's start cannot be a time
    that does not exist, and writing the moved time would move the whole series, so the
    series starts with its next meeting at its own time; the first is left to a note.
    None when the start is a time that exists."""
    written = component.get("DTSTART").dt
    if not isinstance(written, datetime):
        return None
    wall = written.replace(tzinfo=None)
    if written.tzinfo is not None and not component.get("DTSTART").params.get("TZID"):
        return None  # UTC: every instant exists
    if begin.replace(tzinfo=None) == wall or _wall(wall, tz) != begin:
        return None
    series = Timing(wall.replace(tzinfo=tz), None, tz.key, rule)
    later = [start for start in regular_starts(series, begin + timedelta(days=5 * 366))
             if isinstance(start, datetime) and start > begin]
    if not later:
        return None  # its only meeting: kept where calendars show it
    count = re.search(r"COUNT=(\d+)", rule)
    if count and starts_on(series, wall.date()):  # the first meeting was one of them
        rule = rule.replace(count.group(0), f"COUNT={int(count.group(1)) - 1}")
    length = end - begin if isinstance(end, datetime) else None
    nxt = later[0]
    notes.add(f"start: the first meeting ({wall:%Y-%m-%d %H:%M}) falls in the hour the "
              f"clocks skip in {tz.key}, so calendars show it at {begin:%H:%M}; the series "
              f"now starts with its next meeting ({_written(nxt)}) at its own time, so add "
              "the first meeting as an event of its own if it still matters")
    return nxt, (nxt + length if length is not None else None), rule


def _except_dates(component: Any, timing: Timing, tz: ZoneInfo, site_tz: ZoneInfo,
                  notes: Changes) -> tuple[date, ...]:
    values = component.get("EXDATE")
    if values is None:
        return ()
    days: set[date] = set()
    for listed in values if isinstance(values, list) else [values]:
        for item in listed.dts:
            value = item.dt
            tzid = item.params.get("TZID") or listed.params.get("TZID")
            if isinstance(value, datetime):
                name = zone_name(str(tzid)) if tzid else None
                if name and value.tzinfo is not None:
                    value = _wall(value.replace(tzinfo=None), ZoneInfo(name))
                elif value.tzinfo is None:
                    value = value.replace(tzinfo=tz)
                value = value.astimezone(tz).date()
            if starts_on(timing, value):
                days.add(value)
            else:
                notes.add(f"except: {value:%Y-%m-%d} is not a date the series meets on; "
                          "left out")
    return tuple(sorted(days))


def _sessions(component: Any, overrides: list[Any], timing: Timing, tz: ZoneInfo,
              site_tz: ZoneInfo, notes: Changes) -> list[dict[str, str]]:
    master_title = str(component.get("SUMMARY") or "")
    sessions: dict[date, dict[str, str]] = {}
    for override in overrides:
        rid = _moment(override.get("RECURRENCE-ID"), site_tz, notes, "sessions")
        if rid is None:
            continue
        day = _day(_in_zone(rid.value, tz))
        regular = starts_on(timing, day)
        if not regular:
            notes.add(f"sessions: the changed meeting of {day:%Y-%m-%d} is not a date the "
                      "series meets on; left out")
            continue
        if day in timing.except_dates:
            continue
        session: dict[str, str] = {"date": f"{day:%Y-%m-%d}"}
        status = STATUSES.get(str(override.get("STATUS") or "").upper(), "confirmed")
        if status != "confirmed":
            session["status"] = status
        moved = _moment(override.get("DTSTART"), site_tz, notes, "sessions")
        if moved is not None and status != "cancelled":
            start = _in_zone(moved.value, tz)
            if start != regular[0]:
                if isinstance(start, datetime):
                    session["start"] = _written(start)
                else:
                    notes.add(f"sessions: the all-day meeting of {day:%Y-%m-%d} was moved to "
                              f"{start:%Y-%m-%d}; a moved all-day meeting is not carried over")
            own_end = _end(override, moved, tz, site_tz, Changes())
            if own_end is not None and timing.duration is not None and isinstance(
                    start, datetime) and own_end - start != timing.duration:
                notes.add(f"sessions: the meeting of {day:%Y-%m-%d} had its own length; the "
                          "series' length is kept")
        title = str(override.get("SUMMARY") or "")
        if title and " ".join(title.split()) != " ".join(master_title.split()):
            session["topic"] = plain_line(_topic(title, master_title), "sessions.topic",
                                          notes, limit=200)
        for name, what in (("LOCATION", "place"), ("DESCRIPTION", "description")):
            if override.get(name) is not None and str(override.get(name)) != \
                    str(component.get(name) or ""):
                notes.add(f"sessions: the meeting of {day:%Y-%m-%d} had its own {what}; not "
                          "carried over")
        if len(session) > 1:
            sessions[day] = session
    return [sessions[day] for day in sorted(sessions)]


def _topic(title: str, series: str) -> str:
    """A changed meeting's own part of its title: "Check-in: housing" of the series
    "Check-in" is the topic "housing" (the page shows the series' title above it)."""
    title, series = " ".join(title.split()), " ".join(series.split())
    if series and title.lower().startswith(series.lower()):
        rest = title[len(series):].lstrip(" :-–—|·").strip()
        if rest and rest != title[len(series):]:
            return rest
    return title


def _place(component: Any, draft: _Draft) -> None:
    notes = draft.notes
    location = str(component.get("LOCATION") or "")
    links = [str(value) for name in CONFERENCE_PROPERTIES for value in _all(component, name)]
    text = f"{location}\n{component.get('DESCRIPTION') or ''}\n" \
           f"{component.get('X-ALT-DESC') or ''}"
    links += [match.group().rstrip(".,;:!?)]}'\"") for match in CONFERENCE_HOSTS.finditer(text)]
    links += [str(value) for value in _all(component, "URL")]
    online = next((link.strip() for link in links if is_web_link(link.strip())), "")
    if links and not online:
        notes.add("online: the meeting link is not a web address (https://…); left out")
    if online:
        draft.fields["online"] = online
    if location.strip().lower().rstrip(".") in ONLINE_PLACES and online:
        location = ""  # not a place: the meeting is online
    if location.strip() and not is_web_link(location.strip()):
        apple = component.get("X-APPLE-STRUCTURED-LOCATION")
        title = str(apple.params.get("X-TITLE", "")) if apple is not None and hasattr(
            apple, "params") else ""
        place = _location(location, title, notes)
        if place:
            draft.fields["location"] = place
    html_text = None
    alt = component.get("X-ALT-DESC")
    if alt is not None and str(getattr(alt, "params", {}).get("FMTTYPE", "")).lower() \
            == "text/html":
        html_text = str(alt)
    description = str(component.get("DESCRIPTION") or "")
    body = description_markdown(description, html_text, notes)
    draft.body = body


def _all(component: Any, name: str) -> list[Any]:
    """Every value of a property that may be given more than once."""
    value = component.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


RE_STREET = re.compile(r"^\d")


def _location(text: str, title: str, notes: Changes) -> dict[str, str] | str:
    """``name`` and ``address`` when the text shows where one ends; else all of it as the
    name. Apple writes the name, then the address on the next lines; Google and Outlook
    write "name, 12 street, city"."""
    lines = plain_lines(text, "location", notes)
    if not lines:
        return ""
    name = plain_line(title, "location", notes) if title else ""
    if name and lines[0] == name:
        lines = lines[1:]
    if name:
        return {"name": name, "address": ", ".join(lines)} if lines else name
    if len(lines) > 1:
        return {"name": lines[0], "address": ", ".join(lines[1:])}
    parts = [part.strip() for part in lines[0].split(",")]
    for index in range(1, len(parts)):
        if RE_STREET.match(parts[index]) and not RE_STREET.match(parts[0]):
            return {"name": ", ".join(parts[:index]), "address": ", ".join(parts[index:])}
    return lines[0]


def _personal(component: Any, notes: Changes) -> None:
    attendees = component.get("ATTENDEE")
    if attendees is not None:
        count = len(attendees) if isinstance(attendees, list) else 1
        notes.add(f"{count} attendee{'s' if count != 1 else ''} left out (names and emails "
                  "are never published)")
    if component.get("ORGANIZER") is not None:
        notes.add("the organizer's name and email left out; write the organisation under "
                  "'organizer:' if you want it shown")


# --- the file -------------------------------------------------------------------------------

def slug(text: str) -> str:
    """An id from a title: ASCII lower-case letters, digits and '-'."""
    ascii_text = unidecode(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_LENGTH].strip("-")


def unique_id(title: str, taken: set[str]) -> str:
    """A new id for ``title``, not in ``taken`` (which it joins): ``-2``, ``-3`` … added."""
    base = slug(title) or "event"
    reserved = set().union(*RESERVED_IDS.values())
    candidate, number = base, 1
    while candidate in taken or candidate in reserved:
        number += 1
        candidate = f"{base[:MAX_ID_LENGTH - len(str(number)) - 1]}-{number}"
    assert RE_ID.match(candidate)
    taken.add(candidate)
    return candidate


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def front_matter(fields: dict[str, Any]) -> str:
    return yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=YAML_WIDTH)


def _file(draft: _Draft, taken: set[str]) -> ImportedFile:
    ident = unique_id(draft.fields["title"], taken)
    path = f"{FOLDERS[draft.kind]}/{ident}.md"
    order = [spec.name for spec in FIELDS[draft.kind]]
    fields = {name: draft.fields[name] for name in order if name in draft.fields}
    text = f"---\n{front_matter(fields)}---\n"
    if draft.body:
        text += f"{draft.body}\n"
    return ImportedFile(path, text, tuple(draft.notes.said), draft.uid)
