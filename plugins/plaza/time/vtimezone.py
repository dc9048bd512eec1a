"""VTIMEZONE components written the way calendar servers write them (RFC 5545 §3.6.5).

Each rule period of a zone becomes one observance with a yearly RRULE: a STANDARD and a
DAYLIGHT one for as long as the zone keeps the same rule, with UNTIL when the rule
ended, without UNTIL for the rule in force today. A transition that fits no yearly rule
(an irregular year, a rule that lasted one year, the abolition of daylight time) is an
observance of its own with a single DTSTART. A zone without daylight time has a single
observance.

Why not icalendar's ``Timezone.from_tzid``: it lists transitions as one comma-separated
RDATE and stops a few years ahead. Mozilla's ical.js (Thunderbird) and vobject (Radicale)
read only the first date of such a list, and every engine that trusts the embedded zone
is wrong after its last year, while an "Add to calendar" file is never refreshed.

How transitions are found: by probing ``zoneinfo`` (the same tz database and code Plaza
uses for every wall-clock time), one probe a day from the start to ``END_YEAR``, and
bisection to the second where the offset, the daylight flag or the abbreviation
changed. Reading TZif files ourselves would mean a second parser (and the POSIX TZ rule
in the footer) that could disagree with the one Plaza uses; zoneinfo keeps its
transitions private. A daily probe can miss only two transitions less than a day apart
that return to the same state: in tzdata 2026.6 no two transitions since 1970 are less
than six days apart (America/Cambridge_Bay, 2000). Past the last transition a TZif file
lists, zoneinfo applies the footer rule, so a period still going in ``END_YEAR`` is the
zone's current rule and is written without UNTIL. (A one-off check over all 599 zones of
tzdata 2026.6, from 1995 and from 2020, around every transition and every few days:
dateutil's ``tzical`` reads zoneinfo's offsets back.)

Everything here is pure: the same zone and first year give the same bytes.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vRecur

END_YEAR = 2100  # probe this far: a rule still in force then goes on for ever
PROBE_STEP = 86_400  # seconds; see the module docstring
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# A yearly rule for a transition's local date: ("nth", n, weekday), ("last", weekday),
# ("from", first day, weekday) for "weekday on or after that day", ("day", day).
YearlyRule = tuple[str | int, ...]


@dataclass(frozen=True)
class State:
    """What a zone's clocks say: offset from UTC, daylight time or not, abbreviation."""

    offset: timedelta
    dst: bool
    name: str


@dataclass(frozen=True)
class Transition:
    """A change of state at ``at`` (UTC). ``onset`` is that instant in local time before
    the change, as an observance's DTSTART and RRULE are written."""

    at: datetime
    before: State
    after: State

    @property
    def onset(self) -> datetime:
        return (self.at + self.before.offset).replace(tzinfo=None)


@dataclass(frozen=True)
class Observance:
    """One STANDARD or DAYLIGHT component: ``transitions`` are its onsets, one a year
    when ``rule`` is set (``open_ended``: and for ever after the last)."""

    transitions: tuple[Transition, ...]
    rule: YearlyRule | None
    open_ended: bool

    @property
    def first(self) -> Transition:
        return self.transitions[0]


class _ServerOrderRecur(vRecur):
    """An RRULE written in the order calendar servers use (FREQ, BYMONTH, BYDAY, UNTIL)."""

    canonical_order = (  # type: ignore[assignment]  # icalendar types it as its 17 keys
        "FREQ", "BYMONTH", "BYMONTHDAY", "BYDAY", "UNTIL")


def _probe(zone: ZoneInfo, timestamp: int) -> tuple[timedelta, timedelta, str]:
    local = datetime.fromtimestamp(timestamp, zone)
    return local.utcoffset(), local.dst(), local.tzname()  # type: ignore[return-value]


def _state(probed: tuple[timedelta, timedelta, str]) -> State:
    offset, dst, name = probed
    return State(offset, bool(dst), name or "")


def transitions(tzid: str, start: datetime, end: datetime) -> list[Transition]:
    """Every change of state of the zone in (start, end], found through zoneinfo."""
    zone = ZoneInfo(tzid)
    found: list[Transition] = []
    low, last = int(start.timestamp()), int(end.timestamp())
    state = _probe(zone, low)
    while low < last:
        high = min(low + PROBE_STEP, last)
        reached = _probe(zone, high)
        while reached != state:  # one change or more in (low, high]
            before, after = low, high
            while after - before > 1:
                middle = (before + after) // 2
                if _probe(zone, middle) == state:
                    before = middle
                else:
                    after = middle
            changed = _probe(zone, after)
            if _state(changed) != _state(state):  # not just zoneinfo's DST amount
                found.append(Transition(datetime.fromtimestamp(after, UTC), _state(state),
                                        _state(changed)))
            low, state = after, changed
        low = high
    return found


def _rules_for(day: datetime) -> set[YearlyRule]:
    """Every yearly rule that puts a transition on this local date."""
    weekday = WEEKDAYS[day.weekday()]
    month_length = calendar.monthrange(day.year, day.month)[1]
    shortest = 28 if day.month == 2 else month_length  # "on or after" must fit every year
    rules: set[YearlyRule] = {("day", day.day)}
    nth = (day.day - 1) // 7 + 1
    if nth <= 4:
        rules.add(("nth", nth, weekday))
    if day.day > month_length - 7:
        rules.add(("last", weekday))
    for first in range(max(1, day.day - 6), day.day + 1):
        if first + 6 <= shortest and (first - 1) % 7:  # 1, 8, 15, 22: that is "nth"
            rules.add(("from", first, weekday))
    return rules


RULE_PREFERENCE = ("nth", "last", "from", "day")  # when several rules fit every year


def _preferred(rules: Iterable[YearlyRule]) -> YearlyRule:
    return min(rules, key=lambda rule: (RULE_PREFERENCE.index(str(rule[0])), str(rule)))


def _kind(transition: Transition) -> tuple[object, ...]:
    """What must stay the same for transitions to be one observance: offsets, state,
    month and local time of the onset."""
    onset = transition.onset
    return (transition.before.offset, transition.after, onset.month, onset.time())


def observances(found: list[Transition]) -> list[Observance]:
    """Group transitions into yearly rules where consecutive years share one; a rule
    that lasts a single year is a single onset."""
    groups: list[tuple[list[Transition], set[YearlyRule]]] = []
    latest: dict[tuple[object, ...], int] = {}  # kind -> index of its latest group
    for transition in found:
        kind, rules = _kind(transition), _rules_for(transition.onset)
        index = latest.get(kind)
        if index is not None:
            members, common = groups[index]
            if (members[-1].onset.year == transition.onset.year - 1
                    and common & rules):
                members.append(transition)
                common &= rules
                continue
        latest[kind] = len(groups)
        groups.append(([transition], rules))
    result = []
    for members, common in groups:
        if len(members) == 1:
            result.append(Observance(tuple(members), None, False))
            continue
        # The rule still in force at the end of the probe goes on for ever.
        open_ended = members[-1].onset.year == END_YEAR
        result.append(Observance(tuple(members), _preferred(common), open_ended))
    return result


def _rrule(observance: Observance) -> _ServerOrderRecur:
    assert observance.rule is not None
    month = observance.first.onset.month
    parts: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": month}
    match observance.rule:
        case ("nth", int(n), str(weekday)):
            parts["BYDAY"] = f"{n}{weekday}"
        case ("last", str(weekday)):
            parts["BYDAY"] = f"-1{weekday}"
        case ("from", int(first), str(weekday)):
            parts["BYMONTHDAY"] = list(range(first, first + 7))
            parts["BYDAY"] = weekday
        case ("day", int(day)):
            parts["BYMONTHDAY"] = day
    if not observance.open_ended:
        parts["UNTIL"] = _until(observance.transitions[-1])
    return _ServerOrderRecur(parts)


def _until(last: Transition) -> datetime:
    """UNTIL for a rule whose last onset is ``last``: that instant in UTC or, east of
    UTC, the onset's local time read as UTC (hours later, long before the next year's).
    dateutil's ``tzical``, which vobject uses, compares UNTIL with local times and would
    drop an exact last onset east of UTC; the later value is right either way."""
    return max(last.at, last.onset.replace(tzinfo=UTC))


def _component(state: State, offset_from: timedelta, onset: datetime,
               rule: _ServerOrderRecur | None) -> TimezoneStandard | TimezoneDaylight:
    component = TimezoneDaylight() if state.dst else TimezoneStandard()
    component.add("DTSTART", onset)
    if rule is not None:
        component.add("RRULE", rule)
    if state.name:
        component.add("TZNAME", state.name)
    component.add("TZOFFSETFROM", offset_from)
    component.add("TZOFFSETTO", state.offset)
    return component


def observance_components(tzid: str, first_year: int) -> Iterator[
        TimezoneStandard | TimezoneDaylight]:
    """The observances a file whose events start in ``first_year`` or later needs.

    The probe starts a year early, so that every instant of ``first_year`` follows an
    onset (engines differ about instants before the first one: ical.js takes UTC).
    When no transition comes before ``first_year``, the state then is an observance of
    its own, starting on 1 January of the year before.
    """
    start = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    found = transitions(tzid, start, datetime(END_YEAR + 1, 1, 1, tzinfo=UTC))
    if not found or found[0].at > datetime(first_year, 1, 1, tzinfo=UTC) - timedelta(days=1):
        initial = _state(_probe(ZoneInfo(tzid), int(start.timestamp())))
        onset = datetime.combine(start.date(), time())
        yield _component(initial, initial.offset, onset, None)
    for observance in observances(found):
        first = observance.first
        rule = None if observance.rule is None else _rrule(observance)
        yield _component(first.after, first.before.offset, first.onset, rule)


def vtimezone(tzid: str, first_year: int) -> Timezone:
    """A VTIMEZONE valid for every instant from 1 January ``first_year`` on."""
    zone = Timezone()
    zone.add("TZID", tzid)
    for component in observance_components(tzid, first_year):
        zone.add_component(component)
    return zone


@functools.cache  # a pure function of two plain values, asked for by every calendar
def vtimezone_ical(tzid: str, first_year: int) -> bytes:
    """The VTIMEZONE as bytes: CRLF line ends, lines folded at 75 octets."""
    return vtimezone(tzid, first_year).to_ical()
