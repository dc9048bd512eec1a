"""Expand a schedule into occurrences: the one code path both HTML and iCalendar use."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from icalendar.prop import vRecur

from plaza.model.models import SessionDetail, Status, Timing
from plaza.model.timing import LAST_YEAR, When, day_of
from plaza.time.repeat_rules import MAX_COUNT

# The most occurrences one series may have: validation refuses a rule that makes more
# (see ``exceeds_limit``); an open-ended series is expanded only up to a horizon.
MAX_OCCURRENCES = MAX_COUNT
LAST_MOMENT = datetime(LAST_YEAR, 12, 31, 23, 59, 59)


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a series. ``recurrence_id`` is its regular start (RECURRENCE-ID)."""

    recurrence_id: When
    start: When
    end: When | None
    status: Status
    topic: str = ""
    moved: bool = False


@dataclass(frozen=True)
class Rule:
    """A parsed RRULE whose UNTIL is known both as local wall time and in UTC."""

    text_without_until: str
    until_local: datetime | date | None
    until_utc: datetime | None

    def ical_parts(self) -> dict[str, object]:
        parts: dict[str, object] = dict(vRecur.from_ical(self.text_without_until))
        if isinstance(self.until_local, datetime):
            parts["UNTIL"] = self.until_utc
        elif self.until_local is not None:
            parts["UNTIL"] = self.until_local
        return parts


@lru_cache(maxsize=4096)
def parse_rule(timing: Timing) -> Rule:
    """Split UNTIL off the rule: RFC 5545 wants it in UTC when DTSTART has a TZID."""
    assert timing.repeat
    parts = vRecur.from_ical(timing.repeat)
    until = parts.pop("UNTIL", [None])[0]
    text = vRecur(parts).to_ical().decode()
    tz = ZoneInfo(timing.timezone)
    if until is None:
        return Rule(text, None, None)
    if timing.all_day:
        until_day = day_of(until.astimezone(tz) if isinstance(until, datetime)
                         and until.tzinfo else until)
        return Rule(text, until_day, None)
    if isinstance(until, datetime):
        local = until.astimezone(tz).replace(tzinfo=None) if until.tzinfo else until
    else:  # a bare date means "through the end of that day"
        local = datetime.combine(until, time(23, 59, 59))
    return Rule(text, local, local.replace(tzinfo=tz).astimezone(UTC))


@lru_cache(maxsize=4096)
def is_unbounded(timing: Timing) -> bool:
    """True for a rule with neither COUNT nor UNTIL: it repeats for ever."""
    if not timing.repeat:
        return False
    return parse_rule(timing).until_local is None and "COUNT" not in vRecur.from_ical(
        timing.repeat)


@lru_cache(maxsize=4096)
def _dateutil_rule(timing: Timing) -> rrule:
    """The rule as dateutil expands it, kept: with ``cache`` it remembers what it has
    expanded, so checking many dates of one series walks the series once."""
    rule = parse_rule(timing)
    start = timing.start
    naive_start = (start.replace(tzinfo=None) if isinstance(start, datetime)
                   else datetime.combine(start, time()))
    expanded = rrulestr(rule.text_without_until, dtstart=naive_start, cache=True)
    assert isinstance(expanded, rrule)
    until = LAST_MOMENT
    if rule.until_local is not None:
        until = min(until, rule.until_local if isinstance(rule.until_local, datetime)
                    else datetime.combine(rule.until_local, time(23, 59, 59)))
    # Never past the last year Plaza accepts, COUNT or not: a series of sparse meetings
    # (29 February on a Monday, COUNT=1000) was expanded day by day for millennia. (A
    # search that finds nothing still runs to year 9999: see ``never_meets``.) dateutil
    # warns that COUNT with UNTIL is not RFC 5545; both bounds hold, as meant here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return expanded.replace(until=until, cache=True)


def never_meets(timing: Timing) -> bool:
    """True for a rule that makes no meeting at all (30 February, every day of February
    that is the 31st).

    dateutil looks for a rule's next meeting day by day up to year 9999, whatever UNTIL
    says, so a daily rule that never meets costs seconds. A yearly rule with the same
    day filters (BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO, plain BYDAY, WKST) meets on
    every day the rule could, and is searched year by year: when it never meets, neither
    does the rule."""
    if not timing.repeat:
        return False
    probe = _probe(timing)
    if probe is not None and next(iter(probe), None) is None:
        return True
    return next(iter(_dateutil_rule(timing)), None) is None


DAY_FILTERS = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY")


def _probe(timing: Timing) -> rrule | None:
    """A yearly rule meeting on every day ``timing``'s rule can meet on, or None when
    there is none to write (without a day filter, dateutil would fill in the start's
    day and the probe would meet on fewer days)."""
    parts: dict[str, str] = {}
    for piece in (timing.repeat or "").upper().split(";"):
        name, _, value = piece.partition("=")
        if name == "BYDAY":  # "2TH" counts in a month or a year: left out, for all days
            value = ",".join(day for day in value.split(",") if day.isalpha())
        if value and name in ("BYMONTH", "WKST", *DAY_FILTERS):
            parts[name] = value
    if not any(name in parts for name in DAY_FILTERS):
        return None
    start = timing.start
    naive_start = (start.replace(tzinfo=None) if isinstance(start, datetime)
                   else datetime.combine(start, time()))
    text = ";".join(["FREQ=YEARLY", *(f"{name}={value}" for name, value in parts.items())])
    probe = rrulestr(text, dtstart=naive_start)
    assert isinstance(probe, rrule)
    return probe


def exceeds_limit(timing: Timing) -> bool:
    """True when a bounded rule makes more than ``MAX_OCCURRENCES`` occurrences."""
    if not timing.repeat or is_unbounded(timing):
        return False
    counted = enumerate(_dateutil_rule(timing), start=1)
    return any(count > MAX_OCCURRENCES for count, _ in counted)


def regular_starts(timing: Timing, horizon: datetime | None) -> list[When]:
    """Every start the rule makes (before ``except``), up to ``horizon`` if unbounded."""
    if not timing.repeat:
        return [timing.start]
    tz = ZoneInfo(timing.timezone)
    expanded = _dateutil_rule(timing)
    limit = None
    if is_unbounded(timing) and horizon is not None:
        limit = horizon.astimezone(tz).replace(tzinfo=None)
    starts: list[When] = []
    for naive in expanded:
        if limit is not None and naive > limit or len(starts) >= MAX_OCCURRENCES:
            break
        starts.append(naive.date() if timing.all_day else _wall_time(naive, tz))
    return starts


def _wall_time(naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in ``tz``; a time in a DST gap moves forward, as RFC 5545 says."""
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def starts_on(timing: Timing, day: date) -> list[When]:
    """The rule's regular starts on one local day, found exactly (no horizon needed)."""
    if not timing.repeat:
        return [timing.start] if day_of(timing.start) == day else []
    tz = ZoneInfo(timing.timezone)
    found = _days(timing).starts_on(day)
    return [naive.date() if timing.all_day else _wall_time(naive, tz) for naive in found]


class _Days:
    """A series' starts by local day, expanded once and only as far as asked: every
    'except' date, session and calendar EXDATE of a series is looked up here, and a
    search from the start for each (dateutil's ``between``) cost the square of their
    number (1,000 skipped days in 2199: 40 s)."""

    def __init__(self, timing: Timing):
        self._starts = iter(_dateutil_rule(timing))
        self._by_day: dict[date, list[datetime]] = {}
        self._reached: date | None = None  # the latest day expanded
        self._done = False

    def starts_on(self, day: date) -> list[datetime]:
        while not self._done and (self._reached is None or self._reached <= day):
            naive = next(self._starts, None)
            if naive is None:
                self._done = True
            else:
                self._by_day.setdefault(naive.date(), []).append(naive)
                self._reached = naive.date()
        return list(self._by_day.get(day, ()))


@lru_cache(maxsize=4096)
def _days(timing: Timing) -> _Days:
    return _Days(timing)


def occurrences(timing: Timing, status: Status, sessions: tuple[SessionDetail, ...] = (),
                horizon: datetime | None = None) -> list[Occurrence]:
    """The series as people experience it: skipped dates removed, sessions applied."""
    duration = timing.duration
    by_day = {detail.date: detail for detail in sessions}
    result = []
    for regular in regular_starts(timing, horizon):
        if day_of(regular) in timing.except_dates:
            continue
        detail = by_day.get(day_of(regular))
        start = detail.start if detail and detail.start else regular
        end = _end(start, duration, timing.all_day)
        result.append(Occurrence(
            recurrence_id=regular,
            start=start,
            end=end,
            status=_session_status(status, detail),
            topic=detail.topic if detail else "",
            moved=bool(detail and detail.start and detail.start != regular),
        ))
    return result


def _end(start: When, duration: timedelta | None, all_day: bool) -> When | None:
    if duration is None:
        return None
    if all_day:
        return start + duration - timedelta(days=1)  # stored inclusive, as written
    if not isinstance(start, datetime):
        return None
    # An exact length, as calendars apply a series' DTEND - DTSTART to each meeting:
    # 01:00 + 1h on the autumn night clocks go back ends at the second 01:00, not 02:00
    # (Python's aware arithmetic would add wall time).
    return (start.astimezone(UTC) + duration).astimezone(start.tzinfo)


def _session_status(series: Status, detail: SessionDetail | None) -> Status:
    if series in (Status.CANCELLED, Status.POSTPONED):
        return series
    if detail and detail.status != Status.CONFIRMED:
        return detail.status
    return series
