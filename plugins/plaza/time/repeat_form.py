"""A series as a form's choices: ``repeat:`` written as fields instead of words.

A form can offer how often, on which weekdays, which one in the month, until when or how
many times as separate controls, and save them as a mapping::

    repeat:
      every: month
      weekdays: [thursday]
      which: [third]
      times: 8

Each mapping is the ``Repeat`` those choices make, so it means exactly the RRULE the
words ``every third Thursday, 8 times`` mean. The keys are English, like the words.
(The content editor at /admin/ does not use it yet: its one field cannot be either text or
choices, and a series saved in words would lose them.)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from typing import Any

from plaza.time.repeat_rules import MAX_COUNT, MAX_INTERVAL, WEEKDAYS
from plaza.time.repeat_words import LAST, Repeat

FREQUENCIES = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday")
POSITION_NAMES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": LAST}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
KEYS = ("every", "interval", "weekdays", "which", "days", "month", "until", "times")
EXAMPLE = "every: week, weekdays: [thursday]"


class ChoiceError(ValueError):
    """A choice that makes no series; the message names the key and the fix."""


def repeat_from_choices(choices: Mapping[Any, Any]) -> Repeat:
    """The series the choices make; ChoiceError names the first wrong one."""
    unknown = [str(key) for key in choices if key not in KEYS]
    if unknown:
        near = difflib.get_close_matches(unknown[0], KEYS, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        raise ChoiceError(f"'{unknown[0]}' is not a choice of a series; {hint}"
                          f"the choices are: {', '.join(KEYS)}")
    every = _one_of(choices.get("every"), "every", FREQUENCIES, required=True)
    repeat = Repeat(
        frequency=FREQUENCIES[every], interval=_whole(choices, "interval", 1, MAX_INTERVAL) or 1,
        weekdays=tuple(WEEKDAYS[WEEKDAY_NAMES.index(day)] for day in
                       _many(choices, "weekdays", WEEKDAY_NAMES)),
        positions=tuple(POSITION_NAMES[p] for p in _many(choices, "which", POSITION_NAMES)),
        month_days=_month_days(choices.get("days")),
        month=_month(choices.get("month")), until=_until(choices.get("until")),
        count=_whole(choices, "times", 1, MAX_COUNT))
    _check_together(repeat)
    return repeat


def choices_of(repeat: Repeat) -> dict[str, Any]:
    """The choices a form shows for a series (the reverse of ``repeat_from_choices``)."""
    every = next(name for name, freq in FREQUENCIES.items() if freq == repeat.frequency)
    names = {number: name for name, number in POSITION_NAMES.items()}
    found: dict[str, Any] = {"every": every}
    if repeat.interval != 1:
        found["interval"] = repeat.interval
    if repeat.weekdays:
        found["weekdays"] = [WEEKDAY_NAMES[WEEKDAYS.index(day)] for day in repeat.weekdays]
    if repeat.positions:
        found["which"] = [names[p] for p in repeat.positions]
    if repeat.month_days:
        found["days"] = ["last" if day == LAST else day for day in repeat.month_days]
    if repeat.month is not None:
        found["month"] = MONTH_NAMES[repeat.month - 1]
    if repeat.until is not None:
        found["until"] = repeat.until
    if repeat.count is not None:
        found["times"] = repeat.count
    return found


def _one_of(value: Any, key: str, allowed: Mapping[str, Any] | tuple[str, ...],
            required: bool = False) -> str:
    if value is None and not required:
        return ""
    word = str(value).strip().lower() if value is not None else ""
    word = word[:-1] if word.endswith("s") and word[:-1] in allowed else word
    if word not in allowed:
        raise ChoiceError(f"{key}: '{value if value is not None else ''}' is not one of "
                          f"{', '.join(allowed)}; write e.g. {EXAMPLE}")
    return word


def _many(choices: Mapping[Any, Any], key: str,
          allowed: Mapping[str, Any] | tuple[str, ...]) -> list[str]:
    value = choices.get(key)
    if value is None or value == "" or value == []:
        return []
    values = value if isinstance(value, list) else [value]
    return [_one_of(item, key, allowed, required=True) for item in values]


def _whole(choices: Mapping[Any, Any], key: str, low: int, high: int) -> int | None:
    value = choices.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ChoiceError(f"{key}: '{value}' is not a whole number from {low} to {high}")
    return value


def _month_days(value: Any) -> tuple[int, ...]:
    if value is None or value == "" or value == []:
        return ()
    days = []
    for day in value if isinstance(value, list) else [value]:
        if str(day).strip().lower() == "last":
            days.append(LAST)
        elif isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 31:
            days.append(day)
        else:
            raise ChoiceError(f"days: '{day}' is not a day of the month; write a number "
                              "from 1 to 31, or last")
    return tuple(days)


def _month(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return value
    name = str(value).strip().lower()
    if name in MONTH_NAMES:
        return MONTH_NAMES.index(name) + 1
    raise ChoiceError(f"month: '{value}' is not a month; write its name, e.g. march")


def _until(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ChoiceError(f"until: '{value}' is not a date; write YYYY-MM-DD, "
                          "e.g. 2027-06-30") from None


def _check_together(r: Repeat) -> None:
    """Choices that are each fine but say nothing together."""
    if r.until is not None and r.count is not None:
        raise ChoiceError("until and times: choose one way for the series to end")
    if r.positions and not r.weekdays:
        raise ChoiceError("which: say on which weekday, e.g. which: [third], "
                          "weekdays: [thursday]")
    if r.positions and r.frequency not in ("MONTHLY", "YEARLY"):
        raise ChoiceError("which: 'the third Thursday' is counted in a month; "
                          "write every: month")
    if r.month_days and r.frequency not in ("MONTHLY", "YEARLY"):
        raise ChoiceError("days: days of the month need every: month (or year)")
    if r.month is not None and r.frequency != "YEARLY":
        raise ChoiceError("month: a month is for a yearly series; write every: year")
