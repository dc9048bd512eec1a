"""Front matter: YAML between --- lines, with the line of every field."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plaza.reading.frontmatter import FrontMatterError, parse_source


def test_fields_body_and_lines():
    source = parse_source("x.md", "---\ntitle: Hi\nlocation:\n  name: Hall\n---\nBody\n")
    assert source.fields == {"title": "Hi", "location": {"name": "Hall"}}
    assert source.body == "Body\n"
    assert source.line_of("title") == 2
    assert source.line_of("location.name") == 4
    assert source.line_of("location.missing") == 3  # the nearest parent


def test_dates_and_times_stay_strings():
    # YAML 1.1 would make a date object of the first and the integer 1080 of the second.
    source = parse_source("x.md", "---\nstart: 2026-12-03\nat: 18:00\ncount: 12\n---\n")
    assert source.fields == {"start": "2026-12-03", "at": "18:00", "count": 12}


def test_missing_opening_line():
    with pytest.raises(FrontMatterError, match="must start with a line '---'"):
        parse_source("x.md", "title: Hi\n")


def test_unclosed_front_matter():
    with pytest.raises(FrontMatterError, match="not closed"):
        parse_source("x.md", "---\ntitle: Hi\n")


def test_invalid_yaml_reports_its_line():
    with pytest.raises(FrontMatterError) as error:
        parse_source("x.md", "---\ntitle: Hi\nsummary: [unclosed\n---\n")
    assert error.value.line >= 3


def test_windows_line_endings_and_bom():
    source = parse_source("x.md", "\ufeff---\r\ntitle: Hi\r\n---\r\nBody")
    assert source.fields == {"title": "Hi"} and source.body == "Body"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_quoted_title_round_trips(title):
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    source = parse_source("x.md", f'---\ntitle: "{escaped}"\n---\n')
    assert source.fields["title"] == title


def test_a_yaml_mistake_is_not_blamed_on_a_later_line():
    # "Note:this" further down is text, not the cause of the ': ' problem on line 2.
    with pytest.raises(FrontMatterError) as error:
        parse_source("x.md", "---\ntitle: Meeting: the sequel\nsummary: >\n  Note:this\n---\n")
    assert (error.value.line, error.value.field) == (2, "title")
    assert str(error.value).startswith("the value contains ': '")
