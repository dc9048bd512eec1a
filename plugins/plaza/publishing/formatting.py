"""Dates, times, numbers and lists in a reader's language (Babel), time zone stated."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_day_names,
    get_timezone_location,
    get_timezone_name,
)
from babel.lists import format_list
from babel.numbers import format_decimal

from plaza.model.timing import When, day_of

DayWidth = Literal["abbreviated", "narrow", "short", "wide"]


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


# Digits of the CLDR numbering systems our languages use by default. Babel formats
# separators for these systems but leaves the digits Latin.
NUMBERING_DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "khmr": "០១២៣៤៥៦៧៨៩",
    "deva": "०१२३४५६७८९",
    "beng": "০১২৩৪৫৬৭৮৯",
}


@lru_cache(maxsize=64)
def _digits(locale: str) -> dict[int, str]:
    """ASCII digit -> the locale's usual digit (Persian digits for fa, for example)."""
    digits = NUMBERING_DIGITS.get(_locale(locale).default_numbering_system, "0123456789")
    return {ord(str(d)): digits[d] for d in range(10) if digits[d] != str(d)}


def native_digits(text: str, locale: str) -> str:
    return text.translate(_digits(locale))


def _time_skeleton(locale: str) -> str:
    return "hm" if "h" in _locale(locale).time_formats["short"].pattern else "Hm"


# Listings format thousands of occurrences, but few distinct days, clock times and zones:
# each part is formatted once per locale (Babel takes tens of microseconds a call).

def long_date(value: When, locale: str) -> str:
    return _long_date(day_of(value), locale)


@lru_cache(maxsize=1024)
def month_heading(day: date, locale: str) -> str:
    """A month and its year as the locale names them standing alone ("December 2026",
    "diciembre de 2026", "2026年12月")."""
    return native_digits(format_skeleton("yMMMM", day, locale=locale), locale)


@lru_cache(maxsize=4096)
def _long_date(day: date, locale: str) -> str:
    return native_digits(format_date(day, "full", locale=locale), locale)


def short_date(value: When, locale: str) -> str:
    return native_digits(format_date(day_of(value), "medium", locale=locale), locale)


def clock(value: datetime, locale: str) -> str:
    return _clock(value.replace(tzinfo=None).time(), locale)


@lru_cache(maxsize=4096)
def _clock(value: time, locale: str) -> str:
    return native_digits(format_time(value, "short", locale=locale), locale)


def zone_name(value: datetime, locale: str) -> str:
    return _zone_name(_ZoneMoment(value), locale)


class _ZoneMoment:
    """A moment that equals any other with the same zone, UTC offset and daylight-saving
    state: all a zone's name depends on."""

    __slots__ = ("key", "value")

    def __init__(self, value: datetime):
        self.value = value
        self.key = (str(value.tzinfo), value.utcoffset(), value.dst())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ZoneMoment) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


@lru_cache(maxsize=1024)
def _zone_name(moment: _ZoneMoment, locale: str) -> str:
    return get_timezone_name(moment.value, "long", locale=locale)


def time_range(start: datetime, end: datetime | None, locale: str) -> str:
    """``6:00 – 7:30 PM``, or just the start time; end on another day shows its date."""
    if end is None:
        return clock(start, locale)
    if end.date() != start.date():
        return f"{clock(start, locale)} – {long_date(end, locale)} {clock(end, locale)}"
    return _same_day_range(start.time(), end.time(), locale)


@lru_cache(maxsize=4096)
def _same_day_range(start: time, end: time, locale: str) -> str:
    try:
        text = format_interval(start, end, _time_skeleton(locale), locale=locale)
    except NotImplementedError:  # Babel cannot format some day periods ("B") in intervals
        return f"{_clock(start, locale)} – {_clock(end, locale)}"
    return native_digits(text, locale)


@lru_cache(maxsize=8192)
def when(start: When, end: When | None, locale: str) -> str:
    """The full human statement of when something happens, time zone included."""
    if not isinstance(start, datetime):
        if end is None or end == start:
            return long_date(start, locale)
        return f"{long_date(start, locale)} – {long_date(end, locale)}"
    assert end is None or isinstance(end, datetime)
    clock_part = f"{time_range(start, end, locale)} {zone_name(start, locale)}"
    return date_and_time(long_date(start, locale), clock_part, locale, "full")


def date_and_time(day: str, clock_part: str, locale: str, width: str = "full") -> str:
    """A day and a time joined the locale's own way ("{1}، ساعت {0}" in Persian)."""
    pattern = str(_locale(locale).datetime_formats[width])
    return pattern.replace("{1}", day).replace("{0}", clock_part)


def time_in_zone(start: When, end: When | None, zone: str, locale: str) -> str:
    """When a timed occurrence happens in ``zone`` (the site's), for readers there: the
    time range, with the date when it is another day there; "" when the occurrence is in
    that zone already or has no time of day."""
    if not isinstance(start, datetime) or str(start.tzinfo) == zone:
        return ""
    there = ZoneInfo(zone)
    local_start = start.astimezone(there)
    local_end = end.astimezone(there) if isinstance(end, datetime) else None
    text = time_range(local_start, local_end, locale)
    if local_start.date() != start.date():
        text = f"{long_date(local_start, locale)} {text}"
    return text


@lru_cache(maxsize=1024)
def weekday_name(weekday: int, width: DayWidth, locale: str) -> str:
    """A weekday (0 is Monday) standing alone, as a column header names it: ``abbreviated``
    ("Sun", "dom") or ``wide`` ("Sunday", "domingo")."""
    return str(get_day_names(width, context="stand-alone", locale=locale)[weekday])


@lru_cache(maxsize=256)
def zone_city(zone: str, locale: str) -> str:
    """The city a time zone is named after, in the reader's language (Los Ángeles)."""
    return str(get_timezone_location(ZoneInfo(zone), locale=locale, return_city=True))


@lru_cache(maxsize=1024)
def language_name(code: str, locale: str) -> str:
    """A language's name in the reader's language: "English" reads "영어" in Korean."""
    names = _locale(locale).languages
    return str(names.get(code.replace("-", "_")) or names.get(code.split("-")[0]) or code)


@lru_cache(maxsize=4096)
def number(value: int, locale: str) -> str:
    return native_digits(format_decimal(value, locale=locale, numbering_system="default"),
                         locale)


def join(items: Iterable[str], locale: str) -> str:
    return _join(tuple(items), locale)


@lru_cache(maxsize=4096)
def _join(items: tuple[str, ...], locale: str) -> str:
    return format_list(list(items), locale=locale)


def iso(value: When) -> str:
    """Machine-readable value for ``<time datetime>``: offset included for times."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()



@lru_cache(maxsize=64)
def first_weekday(locale: str) -> int:
    """The day weeks start on in ``locale`` (0 is Monday, 6 Sunday, as in ``calendar``).
    A locale without a territory (``ar``) takes the one CLDR thinks most likely for it
    (Egypt for Arabic)."""
    parsed = _locale(locale)
    if parsed.territory is None:
        likely = get_global("likely_subtags").get(parsed.language)
        if likely:
            parsed = Locale.parse(likely)
    return int(parsed.first_week_day)
