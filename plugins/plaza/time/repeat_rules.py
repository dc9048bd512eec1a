"""What a ``repeat`` rule may say: RFC 5545 RRULE parts, each within its range.

A rule comes from a pull request, so it is checked part by part before anything expands
it: a value out of range (``BYHOUR=25``, ``BYSETPOS=0``, ``BYDAY=9MO``) would end in a
traceback deep inside dateutil, and a rule that repeats every second or minute would
never finish. Plaza lists events by day, so a rule repeats at most daily; its time of day
is the event's ``start``, so BYHOUR, BYMINUTE and BYSECOND are not taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_COUNT = 1000  # the most occurrences one series may have
MAX_INTERVAL = 1000
RE_INT = re.compile(r"^[+-]?\d{1,4}$")
RE_BYDAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
RE_UNTIL = re.compile(r"^\d{8}(T\d{6}Z?)?$")
EXAMPLE = "e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=8"


def rule_problem(rule: str) -> str | None:
    """What is wrong with an RRULE (without its ``RRULE:`` prefix), or None."""
    parts: dict[str, str] = {}
    for piece in rule.split(";"):
        name, equals, value = piece.partition("=")
        name = name.strip().upper()
        if not equals or not name or not value.strip():
            return f"'{piece}' is not a rule part; parts look like NAME=value ({EXAMPLE})"
        if name in parts:
            return f"{name} is given twice; keep one"
        parts[name] = value.strip().upper()
    if "FREQ" not in parts:
        return f"an RRULE needs FREQ ({EXAMPLE})"
    for name, value in parts.items():
        check = CHECKS.get(name)
        if check is None:
            return _unknown(name)
        problem = check(value, parts)
        if problem:
            return f"{name}={value}: {problem}"
    if "COUNT" in parts and "UNTIL" in parts:
        return "use COUNT or UNTIL, not both (RFC 5545)"
    return None


def _unknown(name: str) -> str:
    if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        return (f"{name} is not taken: the time of day comes from 'start' (give the "
                "series a separate file for another time)")
    return (f"unknown RRULE part {name}; expected parts such as FREQ, INTERVAL, BYDAY, "
            "COUNT, UNTIL")


def _freq(value: str, parts: dict[str, str]) -> str | None:
    if value in SUB_DAILY:
        return ("Plaza lists events by day, so a series repeats at most daily; use "
                "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
    if value not in FREQUENCIES:
        return f"expected one of {', '.join(FREQUENCIES)}"
    return None


def _numbers(low: int, high: int, allow_negative: bool) -> Callable[[str, dict[str, str]],
                                                                     str | None]:
    def check(value: str, parts: dict[str, str]) -> str | None:
        for item in value.split(","):
            if not RE_INT.match(item):
                return f"'{item}' is not a whole number"
            number = int(item)
            if number == 0 or abs(number) < low or abs(number) > high or \
                    (number < 0 and not allow_negative):
                span = f"-{high} to -{low} or {low} to {high}" if allow_negative \
                    else f"{low} to {high}"
                return f"'{item}' is out of range; expected {span}"
        return None
    return check


def _positive(high: int) -> Callable[[str, dict[str, str]], str | None]:
    def check(value: str, parts: dict[str, str]) -> str | None:
        if not value.isdigit() or not 1 <= int(value) <= high:
            return f"expected a whole number from 1 to {high}"
        return None
    return check


def _byday(value: str, parts: dict[str, str]) -> str | None:
    # An ordinal ("2TH": the second Thursday) is the nth in the month or the year.
    highest = 53 if parts.get("FREQ") == "YEARLY" and "BYMONTH" not in parts else 5
    for item in value.split(","):
        match = RE_BYDAY.match(item)
        if not match:
            return f"'{item}' is not a weekday; use MO, TU, WE, TH, FR, SA, SU, e.g. 2TH"
        if match[2] is not None:
            if parts.get("FREQ") not in ("MONTHLY", "YEARLY"):
                return f"'{item}': a numbered weekday needs FREQ=MONTHLY or FREQ=YEARLY"
            if not 1 <= int(match[2]) <= highest:
                return f"'{item}': the number before the weekday is 1 to {highest} (or -1 " \
                       "for the last)"
    return None


def _wkst(value: str, parts: dict[str, str]) -> str | None:
    return None if value in WEEKDAYS else f"expected one of {', '.join(WEEKDAYS)}"


def _until(value: str, parts: dict[str, str]) -> str | None:
    if not RE_UNTIL.match(value):
        return "expected a date such as 20270630 (or 20270630T235959Z)"
    if not 1900 <= int(value[:4]) <= 2199:
        return "the year is outside 1900 to 2199"
    return None


CHECKS: dict[str, Callable[[str, dict[str, str]], str | None]] = {
    "FREQ": _freq,
    "INTERVAL": _positive(MAX_INTERVAL),
    "COUNT": _positive(MAX_COUNT),
    "UNTIL": _until,
    "BYDAY": _byday,
    "BYMONTHDAY": _numbers(1, 31, allow_negative=True),
    "BYYEARDAY": _numbers(1, 366, allow_negative=True),
    "BYWEEKNO": _numbers(1, 53, allow_negative=True),
    "BYMONTH": _numbers(1, 12, allow_negative=False),
    "BYSETPOS": _numbers(1, 366, allow_negative=True),
    "WKST": _wkst,
}
