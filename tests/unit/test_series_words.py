"""A series in the reader's words, in every site language: the English words read back
as the same rule (what a volunteer writes and what a reader is shown round-trip), every
kind of rule in every language without English left in, the page's digits, plural and
ordinal forms where they can be checked, and the rules the words do not cover."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.support import NullTranslations
from hypothesis import given

from plaza.model.languages import language
from plaza.model.models import Timing
from plaza.publishing import formatting
from plaza.publishing.series_words import list_day, number, repeat_words, rule_words, series_line
from plaza.time.repeat_words import LAST, parse_phrase
from plaza_sources.catalogs import load_translations

from .test_repeat_words import SERIES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "theme" / "translations"
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402

ENGLISH = NullTranslations()  # the msgids are the English words
LANGUAGES = list(pelicanconf.PLAZA_LANGUAGES)
assert len(LANGUAGES) == 13


def catalog(code: str) -> NullTranslations:
    locale = language(code).babel_locale
    return ENGLISH if code == "en" else load_translations(str(TRANSLATIONS), locale)


CATALOGS = {code: catalog(code) for code in LANGUAGES}


def words(rule: str, code: str, start: date | None = None) -> str | None:
    return rule_words(rule, language(code).babel_locale, CATALOGS[code], start)


# What a volunteer may write, one or more of each kind of rule the words cover.
PHRASES = [
    "every day", "every 3 days",
    "every week", "every other week", "every 4 weeks",
    "every Thursday", "every Monday and Wednesday", "every Monday, Wednesday and Friday",
    "every other Tuesday", "every 3 weeks on Tuesday and Thursday",
    "every third Thursday", "the last Friday of every month", "every first and third Monday",
    "the first Monday and Wednesday of every month", "the third Thursday of every other month",
    "every month", "every 3 months", "every month on the 15th", "every month on the 1st and 15th",
    "every 2 months on the 21st", "the last day of every month",
    "every year", "every 2 years", "every year on March 3", "every 4 years on February 29",
    "every Wednesday until 2027-02-24", "every other Wednesday, 8 times", "every week, once",
    "every third Thursday until February 24, 2027", "every month on the 2nd, 1000 times",
]

# One rule of each kind, for the tests in every language.
KINDS = {
    "daily": "FREQ=DAILY", "every n days": "FREQ=DAILY;INTERVAL=3",
    "weekly": "FREQ=WEEKLY", "every other week": "FREQ=WEEKLY;INTERVAL=2",
    "every n weeks": "FREQ=WEEKLY;INTERVAL=3",
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,WE", "one weekday": "FREQ=WEEKLY;BYDAY=TH",
    "every other weekday": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "every n weeks on weekdays": "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH",
    "nth weekday": "FREQ=MONTHLY;BYDAY=3TH", "last weekday": "FREQ=MONTHLY;BYDAY=-1FR",
    "nth weekdays": "FREQ=MONTHLY;BYDAY=1MO,3MO",
    "nth weekday every n months": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
    "monthly": "FREQ=MONTHLY", "every n months": "FREQ=MONTHLY;INTERVAL=3",
    "month day": "FREQ=MONTHLY;BYMONTHDAY=15", "month days": "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "month day every n months": "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=21",
    "last day": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "yearly": "FREQ=YEARLY", "every n years": "FREQ=YEARLY;INTERVAL=2",
    "yearly date": "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3",
    "every n years on a date": "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
    "until": "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270224", "count": "FREQ=WEEKLY;BYDAY=WE;COUNT=8",
    "once": "FREQ=WEEKLY;COUNT=1",
}
ENGLISH_WORDS = re.compile(
    r"\b(every|other|the|of|on|and|until|once|times?|days?|weeks?|months?|years?|first|"
    r"second|third|fourth|fifth|last|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b", re.I)


@pytest.mark.parametrize("phrase", PHRASES)
def test_the_words_a_reader_sees_read_back_as_the_rule_the_volunteer_wrote(phrase):
    repeat = parse_phrase(phrase)
    shown = repeat_words(repeat, "en_US", ENGLISH)
    assert shown is not None
    assert parse_phrase(shown) == repeat, shown


@given(SERIES)
def test_every_rule_the_english_words_say_reads_back(repeat):
    shown = repeat_words(repeat, "en_US", ENGLISH)
    if shown is None:  # a combination the page lists as dates instead
        days = repeat.month_days
        assert (LAST in days and days != (LAST,)) or (repeat.interval > 1 and (
            len(days) > 1 or days == (LAST,))) or (
            repeat.month is not None and days[0] > 29), repeat
        return
    assert parse_phrase(shown) == repeat, shown


def test_the_examples_of_the_issue_in_english():
    assert words("FREQ=MONTHLY;BYDAY=3TH", "en") == "Every third Thursday"
    assert words("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270224", "en") == \
        "Every Wednesday until February 24, 2027"
    assert words("FREQ=MONTHLY;BYDAY=-1FR", "en") == "The last Friday of every month"
    assert words("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=8", "en") == \
        "Every other Wednesday, 8 times"


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_rule_is_said_in_every_language(code, kind):
    shown = words(KINDS[kind], code)
    assert shown and shown.strip() == shown
    assert "%(" not in shown and "%" not in shown
    if code != "en":
        assert not ENGLISH_WORDS.search(shown), (code, kind, shown)
        assert shown != words(KINDS[kind], "en")


@pytest.mark.parametrize("code", LANGUAGES)
def test_numbers_are_in_the_pages_digits(code):
    locale = language(code).babel_locale
    shown = words("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU", code)
    assert shown is not None and number(3, locale) in shown
    assert formatting.number(3, locale) == number(3, locale)  # as the rest of the page
    if code == "fa":
        assert "۳" in shown and not re.search(r"[0-9]", shown)
    counted = words("FREQ=WEEKLY;BYDAY=WE;COUNT=8", code)
    assert counted is not None and number(8, locale) in counted


def test_ordinals_and_word_order_in_languages_that_can_be_checked():
    third_thursday = "FREQ=MONTHLY;BYDAY=3TH"
    assert words(third_thursday, "es") == "Cada tercer jueves"
    assert words("FREQ=MONTHLY;BYDAY=1MO", "es") == "Cada primer lunes"
    assert words("FREQ=MONTHLY;BYDAY=1MO,3MO", "es") == "Cada primer y tercer lunes"
    assert words("FREQ=MONTHLY;BYDAY=-1FR", "es") == "El último viernes de cada mes"
    assert words(third_thursday, "fa") == "سومین پنجشنبه هر ماه"
    assert words(third_thursday, "ar") == "الخميس الثالث من كل شهر"
    assert words(third_thursday, "zh-Hans") == "每月第三个星期四"
    assert words(third_thursday, "zh-Hant") == "每月第三個星期四"
    assert words(third_thursday, "ja") == "毎月第3木曜日"
    assert words(third_thursday, "ko") == "매월 셋째 목요일"
    assert words("FREQ=MONTHLY;BYMONTHDAY=15", "en") == "Every month on the 15th"
    assert words("FREQ=MONTHLY;BYMONTHDAY=1,22", "en") == "Every month on the 1st and 22nd"
    assert words("FREQ=MONTHLY;BYMONTHDAY=15", "es") == "Cada mes, el día 15"
    assert words("FREQ=MONTHLY;BYMONTHDAY=1,15", "es") == "Cada mes, los días 1 y 15"


def test_plural_forms_follow_each_languages_rules():
    weeks = {n: words(f"FREQ=WEEKLY;INTERVAL={n}", "ru") for n in (3, 5, 21)}
    assert weeks == {3: "Каждые 3 недели", 5: "Каждые 5 недель", 21: "Каждую 21 неделю"}
    assert words("FREQ=DAILY;INTERVAL=2", "es") == "Cada 2 días"
    assert words("FREQ=WEEKLY;COUNT=3", "ar").endswith("3 مرات")
    assert words("FREQ=WEEKLY;COUNT=11", "ar").endswith("11 مرة")


def test_what_a_rule_leaves_to_its_first_date_is_said():
    thursday = date(2026, 9, 17)
    assert words("FREQ=WEEKLY", "en", thursday) == "Every Thursday"
    assert words("FREQ=WEEKLY;INTERVAL=2", "en", thursday) == "Every other Thursday"
    assert words("FREQ=MONTHLY", "en", thursday) == "Every month on the 17th"
    assert words("FREQ=YEARLY", "en", thursday) == "Every year on September 17"
    assert words("FREQ=YEARLY", "es", thursday) == "Cada año, el 17 de septiembre"


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;BYMONTHDAY=1,-1",  # the 1st and the last day
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYDAY=1MO,3TU",  # not every position with every weekday
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270224T080000Z",  # a time: series_line says its day
    "FREQ=HOURLY",
])
def test_rules_the_words_do_not_cover_give_none(rule):
    assert all(words(rule, code) is None for code in LANGUAGES)


def timing(repeat: str, start: datetime, minutes: int | None = 90) -> Timing:
    zone = ZoneInfo("America/Los_Angeles")
    start = start.replace(tzinfo=zone)
    end = start + timedelta(minutes=minutes) if minutes else None
    return Timing(start, end, "America/Los_Angeles", repeat)


def test_the_series_line_adds_the_time_of_day_as_the_page_writes_it():
    meeting = timing("FREQ=MONTHLY;BYDAY=3TH", datetime(2026, 9, 17, 18, 0))
    assert meeting.end is not None
    for code in LANGUAGES:
        locale = language(code).babel_locale
        line = series_line(meeting, locale, CATALOGS[code])
        assert line is not None
        assert words(meeting.repeat or "", code) in line
        assert formatting.time_range(meeting.start, meeting.end, locale) in line  # type: ignore
    english = series_line(meeting, "en_US", ENGLISH)
    assert english == "Every third Thursday, " + formatting.time_range(
        meeting.start, meeting.end, "en_US")  # type: ignore[arg-type]
    assert series_line(timing("", datetime(2026, 9, 17, 18, 0)), "en_US", ENGLISH) is None


def test_an_until_in_utc_is_said_as_the_local_day_of_the_last_meeting():
    # 07:59 UTC on 28 February is the evening of the 27th in Los Angeles.
    circles = timing("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270228T075959Z",
                     datetime(2027, 1, 9, 10, 0))
    line = series_line(circles, "en_US", ENGLISH)
    assert line is not None and line.startswith("Every Saturday until February 27, 2027, ")
    all_day = Timing(date(2027, 1, 9), None, "America/Los_Angeles",
                     "FREQ=WEEKLY;UNTIL=20270227")
    assert series_line(all_day, "en_US", ENGLISH) == "Every Saturday until February 27, 2027"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_dates_of_a_series_are_short_and_in_the_pages_digits(code):
    locale = language(code).babel_locale
    day = date(2026, 12, 17)
    with_year, without = list_day(day, locale=locale), list_day(day, False, locale=locale)
    assert formatting.number(17, locale) in without and without != with_year
    assert formatting.native_digits("2026", locale) in with_year
    assert len(with_year) <= len(formatting.long_date(day, locale))
