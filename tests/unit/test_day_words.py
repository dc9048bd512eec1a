"""How near a meeting is ("Today", "Tomorrow", "This Thursday"), counted from the day the
site is built in the site's zone, with weeks as the reader's locale counts them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from plaza.publishing.views import WEEKDAY_WORDS, day_word, local_day

WEDNESDAY = date(2026, 12, 2)
SUNDAY, MONDAY, SATURDAY = 6, 0, 5


def test_today_and_tomorrow():
    assert day_word(WEDNESDAY, WEDNESDAY, SUNDAY) == "today"
    assert day_word(WEDNESDAY + timedelta(days=1), WEDNESDAY, SUNDAY) == "tomorrow"


def test_later_this_week_and_in_the_next_depend_on_where_weeks_start():
    saturday, monday = date(2026, 12, 5), date(2026, 12, 7)
    assert day_word(saturday, WEDNESDAY, SUNDAY) == "this-saturday"
    assert day_word(monday, WEDNESDAY, SUNDAY) == "next-monday"
    # where weeks start on Saturday (Iran), that Saturday already begins the next week
    assert day_word(saturday, WEDNESDAY, SATURDAY) == "next-saturday"
    # and where they start on Monday, Sunday the 6th is still this week
    assert day_word(date(2026, 12, 6), WEDNESDAY, MONDAY) == "this-sunday"


def test_a_week_or_more_ahead_or_already_begun_says_nothing():
    assert day_word(WEDNESDAY + timedelta(days=7), WEDNESDAY, SUNDAY) == ""
    assert day_word(WEDNESDAY - timedelta(days=1), WEDNESDAY, SUNDAY) == ""


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
       st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=6))
def test_the_word_names_the_day_it_is_about(today, ahead, first):
    day = today + timedelta(days=ahead)
    word = day_word(day, today, first)
    if ahead >= 7:
        assert word == ""
    elif ahead >= 2:
        which, weekday = word.split("-")
        assert weekday == WEEKDAY_WORDS[day.weekday()] and which in ("this", "next")
        # "this" is before the next first day of the week; "next" on or after it
        starts = [today + timedelta(days=n) for n in range(1, ahead + 1)
                  if (today + timedelta(days=n)).weekday() == first]
        assert (which == "next") == bool(starts)


def test_the_day_is_the_site_zone_s():
    late = datetime(2026, 12, 3, 1, 30, tzinfo=ZoneInfo("America/New_York"))
    assert local_day(late, "America/Los_Angeles") == date(2026, 12, 2)
    assert local_day(date(2026, 12, 3), "America/Los_Angeles") == date(2026, 12, 3)
