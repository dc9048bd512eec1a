"""A series in the reader's words: "Every third Thursday, 6:00 – 7:30 PM", "Cada tercer
jueves", "سومین پنجشنبه هر ماه", "每月第三个星期四".

The choices behind a rule come from ``plaza.time.repeat_words.Repeat``; this module says
them in any language. Each kind of rule is one whole phrase in the interface catalogs
(with plural forms through ``ngettext`` and the ordinals of "the third Thursday" through
``pgettext``), so every language puts the words in its own order; weekday and month names,
dates and numbers come from Babel (CLDR) in the page's locale, with the page's digits.
The English phrases (the msgids) are ones ``repeat_words`` reads back to the same rule.

A rule outside what the phrases cover gives None: the page then lists the dates.
Pure: no I/O, no Pelican; the catalog is passed in.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from plaza.model.models import Timing
from plaza.model.timing import When, day_of
from plaza.publishing.formatting import join, native_digits, time_range
from plaza.time.recurrence import parse_rule
from plaza.time.repeat_rules import WEEKDAYS
from plaza.time.repeat_words import LAST, Repeat


class Catalog(Protocol):
    """The interface translations of one language (``babel.support.Translations``)."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


def series_line(timing: Timing, locale: str, catalog: Catalog) -> str | None:
    """A series' rule and its time of day ("Every third Thursday, 6:00 – 7:30 PM"), or
    None when the timing does not repeat or its rule is not one the phrases say."""
    if not timing.repeat:
        return None
    said = rule_words(_until_as_local_date(timing), locale, catalog, day_of(timing.start))
    if said is None or not isinstance(timing.start, datetime):
        return said
    end = timing.end if isinstance(timing.end, datetime) else None
    return catalog.pgettext("a series' rule, then its time of day",
                            "%(rule)s, %(time)s") % {
        "rule": said, "time": time_range(timing.start, end, locale)}


def rule_words(rule: str, locale: str, catalog: Catalog, start: date | None = None
               ) -> str | None:
    """An RRULE in the reader's words; what the rule leaves to its first date (the
    weekday of a weekly rule, the day of a monthly one) is said from ``start``."""
    repeat = Repeat.from_rrule(rule)
    if repeat is None:
        return None
    return repeat_words(_implied(repeat, start) if start else repeat, locale, catalog)


def _until_as_local_date(timing: Timing) -> str:
    """The rule with UNTIL as the local day of the last meeting: an UNTIL in UTC
    (``20270228T075959Z``) is 27 February in Los Angeles, and a reader hears "until
    February 27" either way. (The calendars keep the rule as written.)"""
    assert timing.repeat
    until = parse_rule(timing).until_local
    if until is None:
        return timing.repeat
    kept = [part for part in timing.repeat.removeprefix("RRULE:").split(";")
            if part.partition("=")[0].strip().upper() != "UNTIL"]
    return ";".join([*kept, f"UNTIL={day_of(until):%Y%m%d}"])


def _implied(r: Repeat, start: date) -> Repeat:
    """The days a rule leaves to its first date, stated (``FREQ=WEEKLY`` from a Thursday
    meets on Thursdays), as RFC 5545 fills them in."""
    if r.frequency == "WEEKLY" and not r.weekdays:
        return replace(r, weekdays=(WEEKDAYS[start.weekday()],))
    if r.frequency == "MONTHLY" and not (r.weekdays or r.month_days):
        return replace(r, month_days=(start.day,))
    if r.frequency == "YEARLY" and r.month is None:
        return replace(r, month=start.month, month_days=(start.day,))
    return r


def repeat_words(r: Repeat, locale: str, catalog: Catalog) -> str | None:
    """The choices of a series in the reader's words, or None for a combination the
    phrases do not cover."""
    said = _cadence(r, locale, catalog)
    if said is None:
        return None
    if r.until is not None:
        return catalog.gettext("%(rule)s until %(date)s") % {
            "rule": said, "date": _long_day(r.until, locale)}
    if r.count == 1:
        return catalog.gettext("%(rule)s, once") % {"rule": said}
    if r.count is not None:
        # Translators: %(rule)s is a series' rule in words; %(n)s how many times it meets.
        return catalog.ngettext("%(rule)s, %(n)s time", "%(rule)s, %(n)s times",
                                r.count) % {"rule": said, "n": number(r.count, locale)}
    return said


def _cadence(r: Repeat, locale: str, c: Catalog) -> str | None:
    n, shown = r.interval, number(r.interval, locale)
    if r.frequency == "DAILY":
        if n == 1:
            return c.gettext("Every day")
        # Translators: a series that meets every %(n)s days (n is 3 or more).
        return c.ngettext("Every %(n)s day", "Every %(n)s days", n) % {"n": shown}
    if r.frequency == "WEEKLY":
        return _weekly(r, locale, c)
    if r.frequency == "MONTHLY":
        return _monthly(r, locale, c)
    if r.month is None:
        if n == 1:
            return c.gettext("Every year")
        # Translators: a series that meets every %(n)s years (n is 2 or more).
        return c.ngettext("Every %(n)s year", "Every %(n)s years", n) % {"n": shown}
    if r.month_days[0] > monthrange(2024, r.month)[1]:
        return None  # 30 February: a rule that never meets (validation refuses it)
    day = _month_day(r.month, r.month_days[0], locale)
    if n == 1:
        return c.gettext("Every year on %(date)s") % {"date": day}
    # Translators: every %(n)s years on a day of the year (%(date)s: "March 15").
    return c.ngettext("Every %(n)s year on %(date)s", "Every %(n)s years on %(date)s",
                      n) % {"n": shown, "date": day}


def _weekly(r: Repeat, locale: str, c: Catalog) -> str:
    n, shown = r.interval, number(r.interval, locale)
    if not r.weekdays:
        if n <= 2:
            return c.gettext("Every week") if n == 1 else c.gettext("Every other week")
        # Translators: a series that meets every %(n)s weeks (n is 3 or more).
        return c.ngettext("Every %(n)s week", "Every %(n)s weeks", n) % {"n": shown}
    days = _weekday_list(r.weekdays, locale)
    if n == 1:
        return c.gettext("Every %(weekdays)s") % {"weekdays": days}
    if n == 2:
        return c.gettext("Every other %(weekdays)s") % {"weekdays": days}
    # Translators: every %(n)s weeks (3 or more) on %(weekdays)s ("Monday and Thursday").
    return c.ngettext("Every %(n)s week on %(weekdays)s", "Every %(n)s weeks on %(weekdays)s",
                      n) % {"n": shown, "weekdays": days}


def _monthly(r: Repeat, locale: str, c: Catalog) -> str | None:
    n, shown = r.interval, number(r.interval, locale)
    if r.positions:
        values = {"positions": join([_ordinal(p, c) for p in r.positions], locale),
                  "weekdays": _weekday_list(r.weekdays, locale), "n": shown}
        if n == 1 and r.positions == (LAST,):
            return c.gettext("The last %(weekdays)s of every month") % values
        if n == 1:
            return c.gettext("Every %(positions)s %(weekdays)s") % values
        # Translators: "The third Thursday of every 2 months": %(positions)s is "first",
        # "third", "last"... (context: which one in the month), %(weekdays)s the weekday.
        return c.ngettext("The %(positions)s %(weekdays)s of every %(n)s month",
                          "The %(positions)s %(weekdays)s of every %(n)s months", n) % values
    if not r.month_days:
        if n == 1:
            return c.gettext("Every month")
        # Translators: a series that meets every %(n)s months (n is 2 or more).
        return c.ngettext("Every %(n)s month", "Every %(n)s months", n) % {"n": shown}
    if r.month_days == (LAST,):
        return c.gettext("The last day of every month") if n == 1 else None
    if LAST in r.month_days or (n > 1 and len(r.month_days) > 1):
        return None  # "the 1st and the last day": the dates say it better
    days = join([_day_of_month(day, locale) for day in r.month_days], locale)
    if n == 1:
        # Translators: %(days)s is one or more days of the month ("15th", "1st and 15th");
        # the plural form follows how many days there are.
        return c.ngettext("Every month on the %(days)s", "Every month on the %(days)s",
                          len(r.month_days)) % {"days": days}
    # Translators: every %(n)s months (2 or more) on a day of the month (%(days)s: "15th").
    return c.ngettext("Every %(n)s month on the %(days)s", "Every %(n)s months on the %(days)s",
                      n) % {"n": shown, "days": days}


def _ordinal(position: int, c: Catalog) -> str:
    """Which one in the month, as it stands before a weekday ("third" Thursday)."""
    ordinals = {
        1: c.pgettext("which one in the month, before a weekday", "first"),
        2: c.pgettext("which one in the month, before a weekday", "second"),
        3: c.pgettext("which one in the month, before a weekday", "third"),
        4: c.pgettext("which one in the month, before a weekday", "fourth"),
        5: c.pgettext("which one in the month, before a weekday", "fifth"),
        LAST: c.pgettext("which one in the month, before a weekday", "last"),
    }
    return ordinals[position]


@lru_cache(maxsize=1024)
def number(value: int, locale: str) -> str:
    """A count or an interval in the page's digits, without a thousands separator: "1000
    times" reads back as a phrase ("1,000" would be two numbers)."""
    return native_digits(format_decimal(value, locale=locale, group_separator=False,
                                        numbering_system="default"), locale)


@lru_cache(maxsize=256)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def _weekday_list(weekdays: tuple[str, ...], locale: str) -> str:
    names = _locale(locale).days["format"]["wide"]
    return join([str(names[WEEKDAYS.index(day)]) for day in weekdays], locale)


@lru_cache(maxsize=1024)
def _day_of_month(day: int, locale: str) -> str:
    """A day of the month as it follows "on the": "15th" in English, the number
    elsewhere (the phrase around it says "day", "日", "-го числа")."""
    if _locale(locale).language != "en":
        return number(day, locale)
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@lru_cache(maxsize=1024)
def _month_day(month: int, day: int, locale: str) -> str:
    """A yearly date without its year ("March 3", "3 de marzo", "3月3日"); 2024 is a
    leap year, so 29 February has one."""
    return native_digits(format_skeleton("MMMMd", date(2024, month, day), locale=locale),
                         locale)


@lru_cache(maxsize=1024)
def _long_day(day: date, locale: str) -> str:
    """A date without its weekday ("February 24, 2027", "24 de febrero de 2027")."""
    return native_digits(format_date(day, "long", locale=locale), locale)


@lru_cache(maxsize=4096)
def _list_day(day: date, with_year: bool, locale: str) -> str:
    skeleton = "yMMMEd" if with_year else "MMMEd"
    return native_digits(format_skeleton(skeleton, day, locale=locale), locale)


def list_day(value: When, with_year: bool = True, *, locale: str) -> str:
    """A date in a compact list of a series' dates ("Thu, Dec 17, 2026", "jue, 17 dic
    2026"); without the year under a month's heading."""
    return _list_day(day_of(value), with_year, locale)
