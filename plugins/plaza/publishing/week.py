"""The weekly message: this week's events as one plain text a coordinator copies into a
broadcast list (WhatsApp, Signal, SMS), at ``week/`` and as ``week/week.txt`` per
language; the page doubles as the short "this week" page to read aloud or screenshot.

The week is seven days: the day the build runs on in the site's zone and the six after
it (a nightly build moves it on). An occurrence is in it when it starts on one of those
days there, or is still under way on the first (a fair of several days); a meeting moved
out of the week or into it counts on either day, since both are news to whoever expected
it. Times are said in the site's zone, the readers' own.

Cancellations, postponements and moved meetings come first, then the rest in order.
The message holds at most ``LIMIT`` characters and one link, to the events list: when
not every event fits, the line before the link (on a line of its own) says how many more
there are.
Each line is plain (see ``messages.plain``) and its title and place are cut to a length
that leaves room for several lines. Pure: the catalog is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_interval, format_skeleton

from plaza.model.models import EventRecord, Kind, Status
from plaza.model.site import Site
from plaza.model.timing import day_of
from plaza.publishing.formatting import date_and_time, native_digits, number, time_range
from plaza.publishing.messages import plain, titled
from plaza.publishing.series_words import Catalog
from plaza.publishing.urls import Urls
from plaza.publishing.views import local_day
from plaza.time.schedule import Schedule, Slot, days_of

DAYS = 7
LIMIT = 1000  # characters (code points), what one chat message comfortably holds
TITLE_LIMIT = 90
PLACE_LIMIT = 50


@dataclass(frozen=True)
class WeekRow:
    """One occurrence of the week as a reader of the page's language sees it."""

    slot: Slot
    title: str  # the title, with the session's topic when it has one
    place: str  # the place's name, or "" (``online`` says whether it is online)
    online: bool

    @property
    def changed(self) -> bool:
        occurrence = self.slot.occurrence
        return occurrence.moved or occurrence.status in (Status.CANCELLED, Status.POSTPONED)


@dataclass(frozen=True)
class Week:
    first: date
    last: date
    zone: str
    site_name: str
    link: str  # the events list's absolute address
    rows: tuple[WeekRow, ...]  # changes first, then the rest, each in start order


def week_of(site: Site, schedule: Schedule, lang: str) -> Week:
    """The week of the build's day in ``lang``: made once a build for its page and its
    text file alike."""
    return site.remembered(("week", lang), lambda: _week_of(site, schedule, lang))


def _week_of(site: Site, schedule: Schedule, lang: str) -> Week:
    config = site.config
    zone = config.timezone
    first = schedule.today(zone)
    last = first + timedelta(days=DAYS - 1)
    urls = Urls.for_language(lang, config.default_lang)
    rows = [_row(slot, lang) for slot in _slots(schedule, zone, first, last)]
    ordered = [row for row in rows if row.changed] + [row for row in rows if not row.changed]
    return Week(first, last, zone, config.site_name,
                f"{config.site_url.rstrip('/')}/{urls.listing(Kind.EVENT)}", tuple(ordered))


def _slots(schedule: Schedule, zone: str, first: date, last: date) -> list[Slot]:
    """The occurrences in the week, in start order. Every upcoming one is looked at: a
    meeting moved out of the week may have moved far."""
    return [slot for slot in schedule.upcoming()
            if any(first <= day <= last for day in _days(slot, zone))]


def _days(slot: Slot, zone: str) -> list[date]:
    """The days in the site's zone an occurrence counts on: those it takes place on,
    and for a moved meeting the day it was moved from as well."""
    start = slot.occurrence.start
    days = [local_day(start, zone)] if isinstance(start, datetime) else days_of(slot)
    if slot.occurrence.moved:
        days.append(local_day(slot.occurrence.recurrence_id, zone))
    return days


def _row(slot: Slot, lang: str) -> WeekRow:
    record = slot.item.in_language(lang)
    assert isinstance(record, EventRecord)
    topic, _ = slot.topic(lang)
    title = f"{record.title}: {topic}" if topic else record.title
    return WeekRow(slot, title, record.location.name if record.location else "",
                   bool(record.online))


# --- the text -------------------------------------------------------------------------

def message(week: Week, locale: str, catalog: Catalog) -> str:
    """The week's message in the reader's words, at most ``LIMIT`` characters."""
    c = catalog
    dates = _interval(week.first, week.last, locale)
    # Translators: the first line of the weekly message people forward: %(site)s is the
    # site's name, %(dates)s the seven days ("Thu, Nov 26 – Wed, Dec 2").
    head = [c.gettext("This week at %(site)s, %(dates)s:") % {
        "site": plain(week.site_name, 80), "dates": dates}]
    changes = [_line(row, week.zone, locale, c) for row in week.rows if row.changed]
    others = [_line(row, week.zone, locale, c) for row in week.rows if not row.changed]
    if not week.rows:
        return _joined([*head, "", c.gettext("No events this week."), "",
                        c.gettext("All events:"), week.link])
    lines = changes + others
    for shown in range(len(lines), -1, -1):
        text = _compose(head, lines[:shown], len(changes), len(lines) - shown, week.link,
                        locale, c)
        if len(text) <= LIMIT:
            return text
    return text[:LIMIT]  # only a site name and catalog of absurd length come here


def _compose(head: list[str], lines: list[str], changes: int, more: int, link: str,
             locale: str, c: Catalog) -> str:
    """The message from its lines: the changes under their own heading, a blank line
    between the parts, and the one link last."""
    parts = [*head, ""]
    if changes and lines:
        # Translators: in the weekly message, above the meetings that are cancelled,
        # postponed or moved this week.
        parts += [c.gettext("Changes and cancellations:"), *lines[:changes], ""]
    parts += lines[changes:] + ([""] if lines[changes:] else [])
    if more:
        # Translators: near the end of the weekly message, when not every event of the
        # week fits in it: %(n)s is how many are left out; the address of the events
        # list follows on the next line.
        parts.append(c.ngettext("And %(n)s more:", "And %(n)s more:", more) % {
            "n": number(more, locale)})
    else:
        # Translators: near the end of the weekly message; the address of the list of
        # upcoming events follows on the next line.
        parts.append(c.gettext("All events:"))
    # The address on a line of its own: in a right-to-left message it then reads left
    # to right whole, its final "/" included.
    return _joined([*parts, link])


def _joined(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _line(row: WeekRow, zone: str, locale: str, c: Catalog) -> str:
    """One occurrence: "• Thu, Nov 26, 6:00 – 7:30 PM: Title, Place"."""
    occurrence = row.slot.occurrence
    title = plain(row.title, TITLE_LIMIT)
    if occurrence.moved:
        # Translators: %(date)s is the day the meeting was to be on ("Thu, Dec 3").
        title = c.pgettext("weekly message: a meeting moved to another day or time",
                           "%(title)s (moved from %(date)s)") % {
            "title": title, "date": _day(local_day(occurrence.recurrence_id, zone), locale)}
    title = titled(title, occurrence.status, c)
    place = plain(row.place, PLACE_LIMIT) or (c.gettext("Online") if row.online else "")
    values = {"when": _when(row.slot, zone, locale), "title": title, "place": place}
    # Translators: one meeting in the weekly message: %(when)s is its day and time,
    # %(title)s its name, %(place)s where it is (or "Online").
    if place:
        said = c.pgettext("weekly message: one meeting", "%(when)s: %(title)s, %(place)s")
    else:
        said = c.pgettext("weekly message: one meeting", "%(when)s: %(title)s")
    return "• " + said % values


def _when(slot: Slot, zone: str, locale: str) -> str:
    """When, briefly, in the site's zone: "Thu, Nov 26, 6:00 – 7:30 PM"; an all-day
    occurrence as its day or days."""
    start, end = slot.occurrence.start, slot.occurrence.end
    if not isinstance(start, datetime):
        last = day_of(end) if end is not None else start
        return _interval(start, last, locale) if last != start else _day(start, locale)
    there = ZoneInfo(zone)
    local_start = start.astimezone(there)
    local_end = end.astimezone(there) if isinstance(end, datetime) else None
    return date_and_time(_day(local_start.date(), locale),
                         time_range(local_start, local_end, locale), locale, "medium")


@lru_cache(maxsize=1024)
def _day(day: date, locale: str) -> str:
    """A day in words without its year: "Thu, Nov 26", "jue, 26 nov"."""
    return native_digits(format_skeleton("MMMEd", day, locale=locale), locale)


@lru_cache(maxsize=1024)
def _interval(first: date, last: date, locale: str) -> str:
    """Two days as the locale joins them: "Thu, Nov 26 – Wed, Dec 2"."""
    return native_digits(format_interval(first, last, "MMMEd", locale=locale), locale)
