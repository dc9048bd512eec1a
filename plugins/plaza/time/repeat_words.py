"""A series in plain words: ``every third Thursday`` and the RRULE it stands for.

Volunteers write ``repeat:`` in English; everything after reading (calendars, occurrences,
the checks of ``repeat_rules``) sees only the RRULE the words mean. The reverse,
``rule_in_words``, says a rule back in words for readers.

Both directions go through ``Repeat``, the choices a person makes (how often, on which
weekdays, which one in the month, until when or how many times), so a form editor can
offer the same choices as fields. The grammar is small and regular on purpose: a phrase is
a cadence (``every other Tuesday``, ``the last Friday of every month``, ``every month on the
15th``), then an optional end (``until 2027-06-30``, ``8 times``). Every phrase the
formatter writes is one the parser reads back to the same rule.

The formatter's words come from one table (``Words``), one entry per part, so another
language can later supply its own table (through gettext and Babel) without touching the
logic. Only English exists today.
"""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import TypeVar

from plaza.time.repeat_rules import MAX_COUNT, WEEKDAYS, rule_problem

_Item = TypeVar("_Item", int, str)
LAST = -1  # "the last ...": RRULE's -1 in BYDAY (-1FR) and BYMONTHDAY
EXAMPLES = ("every Thursday", "every third Thursday", "every month on the 15th")
RULE_EXAMPLE = "FREQ=WEEKLY;BYDAY=TH"
ALLOWED_PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "UNTIL",
                           "COUNT"})


@dataclass(frozen=True)
class Repeat:
    """The choices that make a series; each field is one control of a form.

    ``positions`` with ``weekdays`` means "the first and third Monday" (each position with
    each weekday, RRULE ``BYDAY=1MO,3MO``); ``month_days`` are days of the month, ``-1`` the
    last; ``month`` with one month day is a yearly date. Tuples are in calendar order.
    """

    frequency: str  # DAILY, WEEKLY, MONTHLY or YEARLY
    interval: int = 1
    weekdays: tuple[str, ...] = ()  # MO … SU
    positions: tuple[int, ...] = ()  # 1 … 5 or -1, the nth of those weekdays in the month
    month_days: tuple[int, ...] = ()  # 1 … 31 or -1
    month: int | None = None  # 1 … 12, for a yearly date
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        # Choices in any order are the same series: keep one order, so equal means equal.
        object.__setattr__(self, "weekdays", _sorted_weekdays(self.weekdays))
        object.__setattr__(self, "positions", _sorted_days(self.positions))
        object.__setattr__(self, "month_days", _sorted_days(self.month_days))

    def to_rrule(self) -> str:
        parts = [f"FREQ={self.frequency}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.month is not None:
            parts.append(f"BYMONTH={self.month}")
        if self.month_days:
            parts.append("BYMONTHDAY=" + ",".join(str(day) for day in self.month_days))
        if self.weekdays:
            numbers = [str(p) for p in self.positions] or [""]
            parts.append("BYDAY=" + ",".join(n + day for n in numbers for day in self.weekdays))
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    @classmethod
    def from_rrule(cls, rule: str) -> Repeat | None:
        """The choices behind an RRULE, or None for a rule outside what they can say."""
        rule = rule.removeprefix("RRULE:").strip()
        if rule_problem(rule):
            return None
        parts = {name.strip().upper(): value.strip().upper() for name, _, value in
                 (piece.partition("=") for piece in rule.split(";"))}
        if not set(parts) <= ALLOWED_PARTS:
            return None
        try:
            weekdays, positions = _byday_choices(_items(parts, "BYDAY"))
            repeat = cls(frequency=parts["FREQ"], interval=int(parts.get("INTERVAL", "1")),
                         month_days=_sorted_days(int(d) for d in _items(parts, "BYMONTHDAY")),
                         month=int(parts["BYMONTH"]) if "BYMONTH" in parts else None,
                         until=_rule_date(parts.get("UNTIL")),
                         count=int(parts["COUNT"]) if "COUNT" in parts else None,
                         weekdays=weekdays, positions=positions)
        except ValueError:
            return None
        return repeat if _in_family(repeat) else None


def _items(parts: dict[str, str], name: str) -> list[str]:
    return [item for item in parts.get(name, "").split(",") if item]


def _sorted_days(days: Iterable[int]) -> tuple[int, ...]:
    """Positions or month days in calendar order, "last" after the numbered ones."""
    return tuple(sorted(set(days), key=lambda n: n if n > 0 else 100 - n))


def _sorted_weekdays(days: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(days), key=WEEKDAYS.index))


def _byday_choices(items: list[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``1MO,3MO`` as positions and weekdays; ValueError when they are not every
    position with every weekday (``1MO,3TU`` is not one list of each, so no form says it)."""
    pairs = {(item[:-2], item[-2:]) for item in items}
    positions = _sorted_days(int(n) for n, _ in pairs if n) if any(n for n, _ in pairs) else ()
    weekdays = _sorted_weekdays(day for _, day in pairs)
    wanted = {(str(p) if positions else "", day) for p in positions or (0,) for day in weekdays}
    if {(n.lstrip("+"), day) for n, day in pairs} != wanted:
        raise ValueError("not a product of positions and weekdays")
    return weekdays, positions


def _rule_date(value: str | None) -> date | None:
    if value is None:
        return None
    if len(value) != 8:  # an UNTIL with a time of day is more than a date in words
        raise ValueError("UNTIL has a time")
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


def _in_family(r: Repeat) -> bool:
    """Whether the words can say this rule (one kind of day choice per frequency)."""
    if r.positions and any(not (1 <= p <= 5 or p == LAST) for p in r.positions):
        return False
    if r.frequency == "DAILY":
        return not (r.weekdays or r.month_days or r.month)
    if r.frequency == "WEEKLY":
        return not (r.positions or r.month_days or r.month)
    if r.frequency == "MONTHLY":
        return r.month is None and not (r.month_days and r.weekdays) and \
            bool(r.positions) == bool(r.weekdays)
    if r.frequency != "YEARLY":  # a hand-made Repeat with a frequency Plaza does not take
        return False
    return not r.weekdays and (r.month is None) == (not r.month_days) and \
        len(r.month_days) <= 1 and all(day > 0 for day in r.month_days)


# --- Words out -------------------------------------------------------------------------


def _english_day_ordinal(day: int) -> str:
    if day == LAST:
        return "last"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@dataclass(frozen=True)
class Words:
    """Every word the formatter writes, one entry per part (the unit of translation)."""

    weekdays: tuple[str, ...]  # in the order of WEEKDAYS
    months: tuple[str, ...]  # January first
    ordinals: tuple[str, ...]  # first … fifth
    last: str
    units: Mapping[str, tuple[str, str]]  # frequency: (one, many)
    every_one: str  # every {unit}
    every_other: str  # every other {unit}
    every_n: str  # every {n} {units}
    on_weekdays: str  # {cadence} on {weekdays}
    every_weekdays: str  # every {weekdays}
    every_other_weekdays: str  # every other {weekdays}
    nth_weekdays: str  # the {positions} {weekdays} of {cadence}
    on_month_days: str  # {cadence} on the {days}
    last_day: str  # for a month day list ending in the last day: {days} day
    on_date: str  # {cadence} on {month} {day}
    until: str  # {cadence} until {date}
    times: str  # {cadence}, {n} times
    once: str  # {cadence}, once
    full_date: str  # {month} {day}, {year}
    and_: str  # {items} and {last}
    comma: str
    day_ordinal: Callable[[int], str]


ENGLISH = Words(
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    ordinals=("first", "second", "third", "fourth", "fifth"),
    last="last",
    units=MappingProxyType({"DAILY": ("day", "days"), "WEEKLY": ("week", "weeks"),
                            "MONTHLY": ("month", "months"), "YEARLY": ("year", "years")}),
    every_one="every {unit}", every_other="every other {unit}", every_n="every {n} {units}",
    on_weekdays="{cadence} on {weekdays}", every_weekdays="every {weekdays}",
    every_other_weekdays="every other {weekdays}",
    nth_weekdays="the {positions} {weekdays} of {cadence}",
    on_month_days="{cadence} on the {days}", last_day="{days} day",
    on_date="{cadence} on {month} {day}", until="{cadence} until {date}",
    times="{cadence}, {n} times", once="{cadence}, once",
    full_date="{month} {day}, {year}",
    and_="{items} and {last}", comma=", ", day_ordinal=_english_day_ordinal,
)


def rule_in_words(rule: str, words: Words = ENGLISH) -> str | None:
    """An RRULE said in words (``the third Thursday of every month``), or None for a rule
    outside what the words cover (the caller then lists the dates instead)."""
    repeat = Repeat.from_rrule(rule)
    return None if repeat is None else repeat_in_words(repeat, words)


def repeat_in_words(r: Repeat, words: Words = ENGLISH) -> str:
    said = _cadence_words(r, words)
    if r.until is not None:
        return words.until.format(cadence=said, date=_date_words(r.until, words))
    if r.count == 1:
        return words.once.format(cadence=said)
    if r.count is not None:
        return words.times.format(cadence=said, n=r.count)
    return said


def _cadence_words(r: Repeat, w: Words) -> str:
    every = _every(r.frequency, r.interval, w)
    if r.weekdays and not r.positions:
        days = _listed([w.weekdays[WEEKDAYS.index(d)] for d in r.weekdays], w)
        if r.interval <= 2:
            return (w.every_weekdays if r.interval == 1 else w.every_other_weekdays).format(
                weekdays=days)
        return w.on_weekdays.format(cadence=every, weekdays=days)
    if r.positions:
        return w.nth_weekdays.format(
            positions=_listed([w.last if p == LAST else w.ordinals[p - 1]
                               for p in r.positions], w),
            weekdays=_listed([w.weekdays[WEEKDAYS.index(d)] for d in r.weekdays], w),
            cadence=every)
    if r.month is not None:
        return w.on_date.format(cadence=every, month=w.months[r.month - 1],
                                day=r.month_days[0])
    if r.month_days:
        days = _listed([w.day_ordinal(day) for day in r.month_days], w)
        if r.month_days[-1] == LAST:
            days = w.last_day.format(days=days)
        return w.on_month_days.format(cadence=every, days=days)
    return every


def _every(frequency: str, interval: int, w: Words) -> str:
    one, many = w.units[frequency]
    if interval == 1:
        return w.every_one.format(unit=one)
    if interval == 2:
        return w.every_other.format(unit=one)
    return w.every_n.format(n=interval, units=many)


def _listed(items: list[str], w: Words) -> str:
    if len(items) == 1:
        return items[0]
    return w.and_.format(items=w.comma.join(items[:-1]), last=items[-1])


def _date_words(day: date, w: Words) -> str:
    return w.full_date.format(month=w.months[day.month - 1], day=day.day, year=day.year)


# --- Words in --------------------------------------------------------------------------

# The words a phrase may use (read-only: the parser shares them between calls).
WEEKDAY_WORDS = MappingProxyType({name.lower(): code for name, code in
                                  zip(ENGLISH.weekdays, WEEKDAYS, strict=True)})
MONTH_WORDS = MappingProxyType({name.lower(): number for number, name in
                                enumerate(ENGLISH.months, 1)})
ORDINAL_WORDS = MappingProxyType({name: number for number, name in
                                  enumerate(ENGLISH.ordinals, 1)} | {ENGLISH.last: LAST})
NUMBER_WORDS = MappingProxyType({"two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                                 "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                                 "eleven": 11, "twelve": 12})
UNIT_WORDS = MappingProxyType({"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY",
                               "year": "YEARLY"})
ADVERBS = MappingProxyType({"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
                            "yearly": "YEARLY", "annually": "YEARLY"})
FIRST_WORDS = ("every", "the", *ADVERBS)  # every phrase starts with one of these
KEYWORDS = ("every", "other", "the", "of", "on", "and", "until", "time", "times", "once",
            "each", "day", "week", "month", "year", *ADVERBS)
RE_TOKEN = re.compile(r"\s*(\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th)?|[a-z]+|,)")
RE_ORDINAL_NUMBER = re.compile(r"^(\d+)(st|nd|rd|th)$")


class PhraseError(ValueError):
    """Words that are not a repeat; the message (if any) says what exactly is wrong."""


def looks_like_rrule(text: str) -> bool:
    """An RRULE has NAME=value parts; no phrase has an '='."""
    return "=" in text


def rule_meant(written: str) -> str:
    """The RRULE a ``repeat`` value stands for, to compare two values by meaning (a
    translation, or an old version of the file): words become their rule; an RRULE, or
    words Plaza does not read, stay as written."""
    if looks_like_rrule(written):
        return written
    try:
        return phrase_to_rrule(written)
    except PhraseError:
        return written


def phrase_to_rrule(phrase: str) -> str:
    """The RRULE a phrase means; PhraseError (with the message for the volunteer) if none."""
    try:
        repeat = parse_phrase(phrase)
    except PhraseError as error:
        raise PhraseError(phrase_problem(phrase, str(error))) from None
    return repeat.to_rrule()


def phrase_problem(phrase: str, detail: str = "") -> str:
    """The message for words that are not a repeat: what is wrong, then three that work."""
    shown = " ".join(phrase.split())
    hint = detail or _did_you_mean(phrase)
    examples = ", ".join(f"'{e}'" for e in EXAMPLES[:-1]) + f" or '{EXAMPLES[-1]}'"
    return (f"'{shown}' is not a repeat Plaza understands{f' ({hint})' if hint else ''}; "
            f"write it like {examples} (or an RRULE such as {RULE_EXAMPLE})")


def _did_you_mean(phrase: str) -> str:
    # Number words are left out: "sixth" is not a misspelt "six".
    known = [*WEEKDAY_WORDS, *MONTH_WORDS, *ORDINAL_WORDS, *KEYWORDS]
    for word in re.findall(r"\b[a-z]+\b", phrase.lower()):
        if word in known or word.removesuffix("s") in known or word in NUMBER_WORDS:
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.7)
        if close:
            shown = close[0].capitalize() if close[0] in WEEKDAY_WORDS or \
                close[0] in MONTH_WORDS else close[0]
            return f"did you mean '{shown}'?"
    return ""


def parse_phrase(phrase: str) -> Repeat:
    """The choices a phrase makes. PhraseError when it is not one Plaza reads."""
    reader = _Reader(_tokens(phrase))
    repeat = _ending(reader, _cadence(reader))
    if not reader.done():
        raise PhraseError()
    if not _in_family(repeat):
        raise PhraseError()
    if repeat.count is not None and repeat.count > MAX_COUNT:
        raise PhraseError(f"a series has at most {MAX_COUNT} meetings")
    return repeat


def _tokens(phrase: str) -> list[str]:
    text = " ".join(phrase.lower().split()).removesuffix(".").strip()
    tokens, at = [], 0
    while at < len(text):
        match = RE_TOKEN.match(text, at)
        if not match:
            raise PhraseError()
        tokens.append(match[1])
        at = match.end()
    return tokens


class _Reader:
    """The phrase's words, read left to right."""

    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else ""

    def take(self, *words: str) -> str:
        """The next word if it is one of ``words`` (consumed), else ''."""
        word = self.peek()
        if word and word in words:
            self.at += 1
            return word
        return ""

    def expect(self, *words: str) -> str:
        word = self.take(*words)
        if not word:
            raise PhraseError()
        return word

    def advance(self, words: int = 1) -> None:
        self.at += words

    def done(self) -> bool:
        return self.at == len(self.tokens)


def _cadence(r: _Reader) -> Repeat:
    """How often: the first part of every phrase."""
    if r.take("the"):
        return _nth_of_month(r)
    adverb = r.take(*ADVERBS)
    if adverb:
        return _on_days(r, ADVERBS[adverb], 1)
    r.expect("every")
    if _ordinal(r.peek()) and not _unit_word(r.peek(1)):
        return _nth_weekdays(r)
    if _weekday(r.peek()):
        return Repeat("WEEKLY", 1, _weekday_list(r))
    if r.peek() == "other" and _weekday(r.peek(1)):
        r.advance()
        return Repeat("WEEKLY", 2, _weekday_list(r))
    interval = _interval_words(r)
    return _on_days(r, _unit(r), interval)


def _nth_weekdays(r: _Reader) -> Repeat:
    """``every third Thursday``, ``every first and third Monday``: each month, as people
    say it (``every 3 weeks on Thursday`` is the other meaning, written another way)."""
    positions = _ordinal_list(r, highest=5)
    weekdays = _weekday_list(r)
    interval = _of_months(r) if r.peek() == "of" else 1
    return Repeat("MONTHLY", interval, weekdays, positions)


def _nth_of_month(r: _Reader) -> Repeat:
    """``the last Friday of every month``, ``the 15th of every month``."""
    days = _days_of_month(r)
    return replace(days, interval=_of_months(r))


def _days_of_month(r: _Reader) -> Repeat:
    """``first and third Monday`` or ``15th``, ``1st and last day``: which days of a month
    (the interval is the caller's)."""
    numbers = _ordinal_list(r, highest=31)
    if not _weekday(r.peek()):
        r.take("day", "days")
        return Repeat("MONTHLY", month_days=numbers)
    if any(n > 5 for n in numbers):
        raise PhraseError("a month has at most five of each weekday")
    return Repeat("MONTHLY", weekdays=_weekday_list(r), positions=numbers)


def _of_months(r: _Reader) -> int:
    """``of every month``, ``of each month``, ``of the month``, ``of every other month``,
    ``of every 3 months``: the interval in months."""
    r.expect("of")
    if r.take("each", "the"):
        r.expect("month")
        return 1
    r.expect("every")
    interval = _interval_words(r)
    if _unit(r) != "MONTHLY":
        raise PhraseError()
    return interval


def _interval_words(r: _Reader) -> int:
    """Before a unit: ``other`` (2), a number (``3``, ``three``), an ordinal (``second``
    week) or nothing (1)."""
    if r.take("other"):
        return 2
    number = _cardinal(r.peek()) or (_ordinal(r.peek()) if _unit_word(r.peek(1)) else 0)
    if number < 1:  # "every last week" is no interval; the unit check refuses it
        return 1
    r.advance()
    return number


def _on_days(r: _Reader, frequency: str, interval: int) -> Repeat:
    """What may follow a cadence such as ``every 2 weeks``: ``on Monday``, ``on the 15th``,
    ``on the first Monday``, ``on March 3``."""
    if not r.take("on"):
        return Repeat(frequency, interval)
    if frequency == "WEEKLY":
        return Repeat(frequency, interval, _weekday_list(r))
    if frequency == "MONTHLY":
        r.take("the")
        return replace(_days_of_month(r), interval=interval)
    if frequency == "YEARLY":
        month, day = _month_and_day(r)
        if day > monthrange(2024, month)[1]:  # a leap year: 29 February is a date
            raise PhraseError(f"{ENGLISH.months[month - 1]} has no day {day}")
        return Repeat(frequency, interval, month_days=(day,), month=month)
    raise PhraseError()


def _ending(r: _Reader, repeat: Repeat) -> Repeat:
    """An optional ``until <date>`` or ``<n> times``, after an optional comma."""
    r.take(",")
    if r.take("until"):
        return replace(repeat, until=_date(r))
    if r.take("once"):
        return replace(repeat, count=1)
    count = _cardinal(r.peek())
    if count and r.peek(1) in ("time", "times"):
        r.advance(2)
        return replace(repeat, count=count)
    return repeat


def _date(r: _Reader) -> date:
    word = r.peek()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", word):
        r.advance()
        return _real_date(int(word[:4]), int(word[5:7]), int(word[8:]), word)
    month, day = _month_and_day(r)
    r.take(",")
    year = r.peek()
    if not (year.isdigit() and len(year) == 4):
        raise PhraseError("give the year of the last date, e.g. until 2027-06-30")
    r.advance()
    return _real_date(int(year), month, day, f"{year}-{month:02}-{day:02}")


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PhraseError(f"{shown} is not a real date") from None


def _month_and_day(r: _Reader) -> tuple[int, int]:
    """``March 3``, ``March 3rd``, ``3 March``, ``the 3rd of March``."""
    month = MONTH_WORDS.get(r.peek())
    if month is not None:
        r.advance()
        return month, _day_number(r)
    r.take("the")
    day = _day_number(r)
    r.take("of")
    month = MONTH_WORDS.get(r.peek())
    if month is None:
        raise PhraseError()
    r.advance()
    return month, day


def _day_number(r: _Reader) -> int:
    word = r.peek()
    match = RE_ORDINAL_NUMBER.match(word)
    number = int(match[1]) if match else int(word) if word.isdigit() else 0
    if not 1 <= number <= 31:
        raise PhraseError()
    r.advance()
    return number


def _weekday(word: str) -> str:
    return WEEKDAY_WORDS.get(word) or WEEKDAY_WORDS.get(word.removesuffix("s"), "")


def _weekday_list(r: _Reader) -> tuple[str, ...]:
    """``Monday``, ``Monday and Wednesday``, ``Monday, Wednesday, and Friday``."""
    return _sorted_weekdays(_listed_items(r, _weekday))


def _ordinal(word: str, highest: int = 5) -> int:
    match = RE_ORDINAL_NUMBER.match(word)
    number = int(match[1]) if match else ORDINAL_WORDS.get(word, 0)
    return number if number == LAST or 1 <= number <= highest else 0


def _ordinal_list(r: _Reader, highest: int) -> tuple[int, ...]:
    return _sorted_days(_listed_items(r, lambda word: _ordinal(word, highest)))


def _listed_items(r: _Reader, read: Callable[[str], _Item]) -> list[_Item]:
    """Items joined by commas and 'and'; PhraseError when the first is not one."""
    first = read(r.peek())
    if not first:
        raise PhraseError()
    items = [first]
    r.advance()
    while True:
        skip = 1 if r.peek() in (",", "and") else 0
        skip += 1 if skip and r.peek() == "," and r.peek(1) == "and" else 0
        item = read(r.peek(skip)) if skip else None  # "Monday, 8 times" ends the list
        if not item:
            return items
        items.append(item)
        r.advance(skip + 1)


def _cardinal(word: str) -> int:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word, 0)


def _unit_word(word: str) -> str:
    return UNIT_WORDS.get(word) or UNIT_WORDS.get(word.removesuffix("s"), "")


def _unit(r: _Reader) -> str:
    frequency = _unit_word(r.peek())
    if not frequency:
        raise PhraseError()
    r.advance()
    return frequency
