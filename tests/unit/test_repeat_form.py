"""``repeat:`` as a form's choices (what the content editor writes): each mapping means
the same rule as the words, and a wrong choice is named with its fix."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from hypothesis import given

from plaza.model.models import Kind
from plaza.reading.jsonschemas import front_matter_schema
from plaza.time.repeat_form import ChoiceError, choices_of, repeat_from_choices
from plaza.time.repeat_words import phrase_to_rrule

from ..conftest import make_config
from .test_repeat_words import SERIES


@pytest.mark.parametrize(("choices", "phrase"), [
    ({"every": "week", "weekdays": ["thursday"]}, "every Thursday"),
    ({"every": "week", "interval": 2, "weekdays": "tuesday"}, "every other Tuesday"),
    ({"every": "month", "weekdays": ["thursday"], "which": ["third"]}, "every third Thursday"),
    ({"every": "month", "weekdays": "friday", "which": "last"}, "the last Friday of every month"),
    ({"every": "month", "days": [15]}, "every month on the 15th"),
    ({"every": "week", "weekdays": ["monday", "wednesday"], "until": "2027-06-30"},
     "weekly on Monday and Wednesday until 2027-06-30"),
    ({"every": "weeks", "times": 8}, "every week, 8 times"),
])
def test_choices_mean_what_the_words_mean(choices, phrase):
    assert repeat_from_choices(choices).to_rrule() == phrase_to_rrule(phrase)


@given(SERIES)
def test_a_series_round_trips_through_its_choices(repeat):
    if repeat.month is not None:  # a yearly date comes from the start; the form has none
        return
    choices = choices_of(repeat)
    assert repeat_from_choices(yaml.safe_load(yaml.safe_dump(choices))) == repeat


@pytest.mark.parametrize(("choices", "message"), [
    ({"evry": "week"}, "'evry' is not a choice of a series; did you mean 'every'?"),
    ({"weekdays": ["monday"]}, "every: '' is not one of day, week, month, year"),
    ({"every": "fortnight"}, "every: 'fortnight' is not one of day, week, month, year"),
    ({"every": "week", "weekdays": ["thurs"]}, "weekdays: 'thurs' is not one of monday, tuesday"),
    ({"every": "week", "weekdays": "monday", "which": "third"},
     "which: 'the third Thursday' is counted in a month; write every: month"),
    ({"every": "month", "which": "third"}, "which: say on which weekday"),
    ({"every": "week", "days": [15]}, "days: days of the month need every: month"),
    ({"every": "month", "days": [32]}, "days: '32' is not a day of the month"),
    ({"every": "week", "until": "next June"}, "until: 'next June' is not a date"),
    ({"every": "week", "times": 0}, "times: '0' is not a whole number from 1 to 1000"),
    ({"every": "week", "until": "2027-06-30", "times": 8},
     "until and times: choose one way for the series to end"),
])
def test_a_wrong_choice_is_named_with_its_fix(choices, message):
    with pytest.raises(ChoiceError, match="^" + message.replace("(", r"\(").replace(
            ")", r"\)").replace("?", r"\?")):
        repeat_from_choices(choices)


EVENT = "---\ntitle: Circle\nstart: 2026-12-03 18:00\nduration: 1h\n{repeat}\n---\nHi\n"


def test_a_file_with_choices_passes_the_check_and_meets_as_the_words_say(tree):
    tree.write("events/circle.md", EVENT.format(
        repeat="repeat:\n  every: month\n  weekdays: [thursday]\n  which: [third]\n  times: 3"))
    assert tree.problems() == []
    timing = tree.load().get(Kind.EVENT, "circle").original.timing
    assert timing.repeat == phrase_to_rrule("every third Thursday, 3 times")


def test_a_wrong_choice_in_a_file_names_the_file_the_line_and_the_fix(tree):
    tree.write("events/circle.md", EVENT.format(repeat="repeat:\n  every: fortnight"))
    [problem] = tree.problems()
    assert problem.startswith("content/events/circle.md:")
    assert "repeat: every: 'fortnight' is not one of day, week, month, year" in problem


def test_the_json_schema_takes_the_choices_too():
    schema = front_matter_schema(Kind.EVENT, make_config())
    base = {"title": "Circle", "start": "2026-12-03 18:00"}
    jsonschema.validate({**base, "repeat": {"every": "week", "weekdays": ["thursday"]}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**base, "repeat": {"every": "fortnight"}}, schema)
