"""A series in plain words: each phrase's exact RRULE, the rule said back in words, and the
round trip rule → words → rule over every rule the words cover."""

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plaza.reading.reference import REPEAT_EXAMPLES
from plaza.time.repeat_rules import MAX_COUNT, MAX_INTERVAL, WEEKDAYS, rule_problem
from plaza.time.repeat_words import (
    PhraseError,
    Repeat,
    parse_phrase,
    phrase_to_rrule,
    repeat_in_words,
    rule_in_words,
)

PHRASES = [
    # The examples of issue 15
    ("every Thursday", "FREQ=WEEKLY;BYDAY=TH"),
    ("every other Tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
    ("every third Thursday", "FREQ=MONTHLY;BYDAY=3TH"),
    ("the last Friday of every month", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("every month on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("weekly on Monday and Wednesday until 2027-06-30",
     "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270630"),
    ("every week, 8 times", "FREQ=WEEKLY;COUNT=8"),
    # Days and weeks
    ("every day", "FREQ=DAILY"),
    ("daily", "FREQ=DAILY"),
    ("every other day", "FREQ=DAILY;INTERVAL=2"),
    ("every week", "FREQ=WEEKLY"),
    ("weekly", "FREQ=WEEKLY"),
    ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
    ("every 2 weeks on Monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ("every two weeks on Monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ("every second week on Friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("every 3 weeks on Tuesday and Thursday", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH"),
    ("every week on Saturday", "FREQ=WEEKLY;BYDAY=SA"),
    ("every Monday and Wednesday", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("every Monday, Wednesday and Friday", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    ("every Monday, Wednesday, and Friday", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    ("every Friday, Monday", "FREQ=WEEKLY;BYDAY=MO,FR"),
    ("weekly on Mondays", "FREQ=WEEKLY;BYDAY=MO"),
    ("every other Monday and Thursday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
    # Months
    ("every month", "FREQ=MONTHLY"),
    ("monthly", "FREQ=MONTHLY"),
    ("every 3 months", "FREQ=MONTHLY;INTERVAL=3"),
    ("every first and third Monday", "FREQ=MONTHLY;BYDAY=1MO,3MO"),
    ("every 1st and 3rd Monday", "FREQ=MONTHLY;BYDAY=1MO,3MO"),
    ("every last Friday", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("every third Thursday of the month", "FREQ=MONTHLY;BYDAY=3TH"),
    ("the second Tuesday of every month", "FREQ=MONTHLY;BYDAY=2TU"),
    ("the second Tuesday of each month", "FREQ=MONTHLY;BYDAY=2TU"),
    ("the first Monday and Wednesday of every month", "FREQ=MONTHLY;BYDAY=1MO,1WE"),
    ("the third Thursday of every other month", "FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH"),
    ("the third Thursday of every 3 months", "FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH"),
    ("monthly on the third Thursday", "FREQ=MONTHLY;BYDAY=3TH"),
    ("every month on the last Friday", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("every month on the last day", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("every month on the 1st and 15th", "FREQ=MONTHLY;BYMONTHDAY=1,15"),
    ("every month on the 1st and last day", "FREQ=MONTHLY;BYMONTHDAY=1,-1"),
    ("every other month on the 15th", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15"),
    ("the 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("the last day of every month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    # Years
    ("every year", "FREQ=YEARLY"),
    ("yearly", "FREQ=YEARLY"),
    ("annually", "FREQ=YEARLY"),
    ("every other year", "FREQ=YEARLY;INTERVAL=2"),
    ("every year on March 3", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
    ("every year on March 3rd", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
    ("every year on 3 March", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
    ("every year on the 3rd of March", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3"),
    # Ends
    ("every Thursday until 2027-06-30", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270630"),
    ("every Thursday, until 2027-06-30", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270630"),
    ("every Thursday until June 30, 2027", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270630"),
    ("every Thursday until 30 June 2027", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270630"),
    ("every Thursday 8 times", "FREQ=WEEKLY;BYDAY=TH;COUNT=8"),
    ("every Monday and Wednesday, 10 times", "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"),
    ("every month on the 1st and 15th, 6 times", "FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6"),
    ("every year on March 3, once", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3;COUNT=1"),
    # Written loosely
    ("  Every   THURSDAY. ", "FREQ=WEEKLY;BYDAY=TH"),
    ("The Last Friday Of Every Month.", "FREQ=MONTHLY;BYDAY=-1FR"),
]


@pytest.mark.parametrize(("phrase", "rule"), PHRASES, ids=[p for p, _ in PHRASES])
def test_phrase_means_exactly_this_rule(phrase, rule):
    assert phrase_to_rrule(phrase) == rule
    assert rule_problem(rule) is None


@pytest.mark.parametrize(("phrase", "rule"), PHRASES, ids=[p for p, _ in PHRASES])
def test_phrase_round_trips_through_english(phrase, rule):
    words = rule_in_words(rule)
    assert words is not None
    assert phrase_to_rrule(words) == rule


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=WEEKLY;BYDAY=TH", "every Thursday"),
    ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "every Monday, Wednesday and Friday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=8", "every other Wednesday, 8 times"),
    ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU", "every 3 weeks on Tuesday"),
    ("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270227", "every Saturday until February 27, 2027"),
    ("FREQ=WEEKLY", "every week"),
    ("FREQ=DAILY;COUNT=1", "every day, once"),
    ("FREQ=MONTHLY;BYDAY=3TH", "the third Thursday of every month"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "the last Friday of every month"),
    ("FREQ=MONTHLY;BYDAY=3MO,1MO", "the first and third Monday of every month"),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU", "the second Tuesday of every other month"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "every month on the 15th"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,2,3,11,21,22,23,-1",
     "every month on the 1st, 2nd, 3rd, 11th, 21st, 22nd, 23rd and last day"),
    ("FREQ=YEARLY", "every year"),
    ("FREQ=YEARLY;INTERVAL=4;BYMONTHDAY=3;BYMONTH=3", "every 4 years on March 3"),
    ("BYDAY=TH;FREQ=WEEKLY", "every Thursday"),
    ("RRULE:freq=weekly;byday=th", "every Thursday"),
])
def test_rule_in_words(rule, words):
    assert rule_in_words(rule) == words


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3",  # the same as 3TH, written another way
    "FREQ=MONTHLY;BYDAY=TH",  # every Thursday of a monthly series
    "FREQ=MONTHLY;BYDAY=1MO,3TU",  # not each position with each weekday
    "FREQ=MONTHLY;BYDAY=-2FR",  # second to last
    "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1,2,3,4,5,6,7",
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630T235959Z",  # an end with a time of day
    "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=MO,SU",
    "FREQ=YEARLY;BYMONTH=3",
    "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=DAILY;BYDAY=MO",
    "FREQ=HOURLY",
    "not a rule",
])
def test_rules_outside_the_words_fall_back_to_none(rule):
    assert rule_in_words(rule) is None


EXAMPLES = ("write it like 'every Thursday', 'every third Thursday' or 'every month on the "
            "15th' (or an RRULE such as FREQ=WEEKLY;BYDAY=TH)")


@pytest.mark.parametrize(("phrase", "problem"), [
    ("every thrusday", "(did you mean 'Thursday'?)"),
    ("every Tuesday and Thrusday", "(did you mean 'Thursday'?)"),
    ("evry Monday", "(did you mean 'every'?)"),
    ("every thrid Thursday", "(did you mean 'third'?)"),
    ("the last Friday of every mnth", "(did you mean 'month'?)"),
    ("every Thursday until 2027-02-30", "(2027-02-30 is not a real date)"),
    ("every Thursday until June 30", "(give the year of the last date, e.g. until "
                                     "2027-06-30)"),
    ("the 15th Monday of every month", "(a month has at most five of each weekday)"),
    ("every week, 5000 times", f"(a series has at most {MAX_COUNT} meetings)"),
    ("every year on February 30", "(February has no day 30)"),
    ("every blue moon", ""),
    ("every day on Monday", ""),
    ("every Thursday until 2027-06-30, 8 times", ""),
    ("every sixth Monday", ""),
    ("every Monday & Friday", ""),
])
def test_unrecognised_phrase_shows_three_that_work(phrase, problem):
    with pytest.raises(PhraseError) as error:
        phrase_to_rrule(phrase)
    hint = f" {problem}" if problem else ""
    assert str(error.value) == f"'{phrase}' is not a repeat Plaza understands{hint}; {EXAMPLES}"


@pytest.mark.parametrize(("phrase", "rule"), REPEAT_EXAMPLES)
def test_documented_examples_mean_what_the_reference_says(phrase, rule):
    assert phrase_to_rrule(phrase) == rule


def test_choices_in_any_order_are_one_series():
    assert Repeat("WEEKLY", weekdays=("FR", "MO")) == Repeat("WEEKLY", weekdays=("MO", "FR"))
    assert Repeat("MONTHLY", weekdays=("MO",), positions=(-1, 1)).to_rrule() == \
        "FREQ=MONTHLY;BYDAY=1MO,-1MO"


def test_parser_gives_the_choices_a_form_shows():
    assert parse_phrase("weekly on Monday and Wednesday until 2027-06-30") == Repeat(
        "WEEKLY", weekdays=("MO", "WE"), until=date(2027, 6, 30))
    assert parse_phrase("every first and third Monday") == Repeat(
        "MONTHLY", weekdays=("MO",), positions=(1, 3))


# Every rule the words cover, generated from the choices.
DAYS_IN_MONTH = dict(enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1))
INTERVALS = st.integers(1, MAX_INTERVAL)
WEEKDAY_SETS = st.sets(st.sampled_from(WEEKDAYS), min_size=1).map(tuple)
POSITIONS = st.sets(st.sampled_from((1, 2, 3, 4, 5, -1)), min_size=1).map(tuple)
MONTH_DAYS = st.sets(st.sampled_from((*range(1, 32), -1)), min_size=1, max_size=5).map(tuple)
CADENCES = st.one_of(
    st.builds(Repeat, st.just("DAILY"), INTERVALS),
    st.builds(Repeat, st.just("WEEKLY"), INTERVALS, st.one_of(st.just(()), WEEKDAY_SETS)),
    st.builds(Repeat, st.just("MONTHLY"), INTERVALS),
    st.builds(Repeat, st.just("MONTHLY"), INTERVALS, WEEKDAY_SETS, POSITIONS),
    st.builds(Repeat, st.just("MONTHLY"), INTERVALS, month_days=MONTH_DAYS),
    st.builds(Repeat, st.just("YEARLY"), INTERVALS),
    st.integers(1, 12).flatmap(lambda month: st.builds(
        Repeat, st.just("YEARLY"), INTERVALS, month=st.just(month),
        # Only days the month has (February 29 in leap years): "February 30" is refused.
        month_days=st.integers(1, DAYS_IN_MONTH[month]).map(lambda day: (day,)))),
)
ENDS = st.one_of(st.just({}),
                 st.builds(lambda day: {"until": day}, st.dates(date(1900, 1, 1),
                                                                date(2199, 12, 31))),
                 st.builds(lambda n: {"count": n}, st.integers(1, MAX_COUNT)))
SERIES = st.builds(lambda cadence, end: Repeat(**{**cadence.__dict__, **end}), CADENCES, ENDS)


@given(SERIES)
def test_rule_to_words_to_rule_is_the_identity(repeat):
    rule = repeat.to_rrule()
    assert rule_problem(rule) is None
    assert Repeat.from_rrule(rule) == repeat
    words = rule_in_words(rule)
    assert words == repeat_in_words(repeat)
    assert parse_phrase(words) == repeat
    assert phrase_to_rrule(words) == rule


@given(SERIES)
def test_part_order_does_not_change_the_rule(repeat):
    parts = repeat.to_rrule().split(";")
    assert Repeat.from_rrule(";".join(reversed(parts))) == repeat


VOCABULARY = ("every", "other", "the", "of", "on", "and", ",", "until", "times", "once",
              "day", "weeks", "month", "year", "daily", "weekly", "Monday", "Fridays",
              "first", "third", "last", "second", "2", "15th", "31st", "0", "March", "3",
              "2027-06-30", "2027", "June", "each", ".", "thrusday", "1000", "5001")


@given(st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join) | st.text(max_size=40))
@example("every 5001 weeks")
def test_any_words_give_a_rule_or_a_message_never_a_traceback(phrase):
    try:
        rule = phrase_to_rrule(phrase)
    except PhraseError as error:
        assert "is not a repeat Plaza understands" in str(error)
    else:  # a rule out of range is refused by the RRULE checks (see test_validation)
        assert rule_problem(rule) or Repeat.from_rrule(rule) == parse_phrase(phrase)
