"""Dates, times, durations and time zones as volunteers write them."""

from __future__ import annotations

import difflib
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}$")
RE_DURATION = re.compile(r"^(?:(?P<h>\d{1,6})h)?(?:(?P<m>\d{1,7})m)?$")

When = date | datetime  # a bare date is all-day; a datetime is always time-zone aware
# Years Plaza accepts: far enough for history and long series, near enough that time
# zone rules exist and no arithmetic on them overflows (year 9999 + a day does).
FIRST_YEAR, LAST_YEAR = 1900, 2199
MAX_DURATION = timedelta(days=14)  # longer events give an end date instead


class TimingError(ValueError):
    """A message for a volunteer: what is wrong, and what is expected."""


def zone(name: str) -> ZoneInfo:
    if name not in _zone_names():
        raise TimingError(f"unknown time zone '{name}'; {_zone_hint(name)}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimingError(f"unknown time zone '{name}'") from None


def _zone_names() -> frozenset[str]:
    return _ZONES


def _zone_hint(name: str) -> str:
    """A did-you-mean that forgives case and spaces (``america/los angeles``)."""
    wanted = _folded(name)
    close = ([_FOLDED_ZONES[wanted]] if wanted in _FOLDED_ZONES else
             difflib.get_close_matches(wanted, _FOLDED_ZONES, n=1, cutoff=0.8))
    if close:
        return f"did you mean '{_FOLDED_ZONES.get(close[0], close[0])}'?"
    return ("write a time zone name such as America/Los_Angeles, Europe/Madrid or "
            "Asia/Seoul (a region, a slash and the largest city, with underscores for spaces)")


def _folded(name: str) -> str:
    return "_".join(name.strip().split()).lower()


# "localtime" is whatever zone the machine building the site is set to (two builds of
# one commit would differ), "Factory" no place's time.
_ZONES = frozenset(available_timezones()) - {"localtime", "Factory", "posixrules"}
_FOLDED_ZONES = {_folded(name): name for name in sorted(_ZONES)}


def parse_when(value: object, tz: ZoneInfo) -> When:
    """``YYYY-MM-DD`` gives a date (all day); ``YYYY-MM-DD HH:MM`` a local time in ``tz``."""
    text = str(value).strip()
    if (RE_DATE.match(text) or RE_DATETIME.match(text)) and \
            not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
        raise TimingError(f"'{text}' is outside the years Plaza accepts ({FIRST_YEAR} to "
                          f"{LAST_YEAR}); check the year")
    if RE_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise TimingError(f"'{text}' is not a real date; expected YYYY-MM-DD") from None
    if RE_DATETIME.match(text):
        day, _, clock = text.replace("T", " ").partition(" ")
        try:
            naive = datetime.fromisoformat(f"{day} {int(clock.split(':')[0]):02d}:"
                                           f"{clock.split(':')[1]}")
        except ValueError:
            raise TimingError(f"'{text}' is not a real date and time; "
                              "expected YYYY-MM-DD HH:MM (24-hour clock)") from None
        return localize(naive, tz)
    raise TimingError(f"'{text}' is not a date; expected YYYY-MM-DD HH:MM "
                      "(24-hour clock), or YYYY-MM-DD for an all-day event")


def localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a wall-clock time, refusing times that a clock change skips."""
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:
        raise TimingError(f"{naive:%Y-%m-%d %H:%M} does not exist in {tz.key}: the clocks "
                          "skip that hour for daylight saving time; choose a time outside "
                          "the gap")
    return aware


def parse_duration(value: object) -> timedelta:
    text = str(value).strip().replace(" ", "")
    match = RE_DURATION.match(text)
    if not text or not match or not (match["h"] or match["m"]):
        raise TimingError(f"'{value}' is not a duration; expected hours and minutes "
                          "such as 90m, 2h or 1h30m")
    minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    if minutes == 0:
        raise TimingError("a duration must be longer than zero, such as 90m")
    if minutes > MAX_DURATION.total_seconds() // 60:
        raise TimingError(f"'{value}' is longer than {MAX_DURATION.days} days; for a long "
                          "event give its 'end' instead")
    return timedelta(minutes=minutes)


def parse_now(value: str | None, tz: ZoneInfo) -> datetime:
    """The build's "now": ``PLAZA_NOW`` (site time zone) when set, else the clock."""
    if not value:
        return datetime.now(tz).replace(second=0, microsecond=0)
    when = parse_when(value, tz)
    if not isinstance(when, datetime):
        raise TimingError(f"PLAZA_NOW '{value}' needs a time: YYYY-MM-DD HH:MM")
    return when


def day_of(when: When) -> date:
    """The local day a date or time falls on."""
    return when.date() if isinstance(when, datetime) else when


def as_datetime(when: When, tz: ZoneInfo) -> datetime:
    """A sortable instant: all-day values count from local midnight."""
    if isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=tz)
