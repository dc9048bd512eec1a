"""PyYAML's complaints ("expected <block end>, but found '<scalar>'") in plain words.

A volunteer who has never seen YAML makes a handful of mistakes: a tab for indentation,
a quote or a bracket never closed, no space after a colon, a colon inside a value. The
parser notices them later than where they are, and names them in its own terms; here we
look at the lines themselves and say where the problem starts and how to fix it.
"""

from __future__ import annotations

import re

import yaml

# "title:Meeting": a field name, a colon and no space. A volunteer's value never starts
# with "//", so "online:https://…" is caught too but a link's own "https:" is not.
RE_NO_SPACE = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<value>[^\s/].*)$")
RE_FIELD = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_][A-Za-z0-9_-]*): (?P<value>.*)$")
QUOTES = ("\"", "'")


def plain_problem(error: yaml.YAMLError, lines: list[str]) -> tuple[int, str]:
    """The index of the line where the problem starts, and what to do about it."""
    # The parser stops at or after the mistake, never before it: a line past that point
    # (a "Note:this" in a later paragraph of text) is not the cause.
    mark = getattr(error, "problem_mark", None)
    last = mark.line if mark is not None else len(lines)
    found = [problem for problem in (_first_tab(lines), _first_unclosed_quote(lines),
                                     _first_unclosed_bracket(lines), _first_missing_space(lines))
             if problem is not None and problem[0] <= last]
    if found:
        return min(found)
    return _from_parser(error, lines)


def field_on(line: str) -> str:
    """The field name a line starts with ('' if none), to name it in the message."""
    match = RE_NO_SPACE.match(line) or RE_FIELD.match(line.lstrip(" \t"))
    return match["key"] if match else ""


def missing_space(lines: list[str]) -> tuple[int, str] | None:
    """For front matter that parses as one piece of text ("title:Meeting" alone)."""
    return _first_missing_space(lines)


def _first_tab(lines: list[str]) -> tuple[int, str] | None:
    for index, line in enumerate(lines):
        if "\t" in line[:len(line) - len(line.lstrip())]:
            return index, ("this line is indented with a tab, which YAML does not accept; "
                           "replace the tab with two spaces")
    return None


def _first_unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    for index, (key, value) in _fields(lines):
        if value[:1] in QUOTES and not _closes(value):
            quote = value[0]
            return index, (f"the quote {quote} opened on this line is never closed; add a "
                           f"closing {quote} at the end of the value: {key}: "
                           f"{value.rstrip(quote)}{quote}")
    return None


def _fields(lines: list[str]) -> list[tuple[int, tuple[str, str]]]:
    """The 'name: value' lines, by index, with the value stripped."""
    matches = ((index, RE_FIELD.match(line)) for index, line in enumerate(lines))
    return [(index, (match["key"], match["value"].strip())) for index, match in matches
            if match]


def _closes(value: str) -> bool:
    """Whether a quoted value ends on its own line (a quote is doubled, or escaped with
    a backslash in double quotes, to be written inside)."""
    quote, inner = value[0], value[1:]
    inner = inner.replace("''", "") if quote == "'" else re.sub(r"\\.", "", inner)
    return quote in inner


def _first_unclosed_bracket(lines: list[str]) -> tuple[int, str] | None:
    for index, (key, value) in _fields(lines):
        for opening, closing in (("[", "]"), ("{", "}")):
            if value.startswith(opening) and closing not in value:
                return index, (f"the '{opening}' opened on this line is never closed; end "
                               f"the list with '{closing}' on the same line: "
                               f"{key}: {value}{closing}")
    return None


def _first_missing_space(lines: list[str]) -> tuple[int, str] | None:
    for index, line in enumerate(lines):
        match = RE_NO_SPACE.match(line)
        if match:
            return index, (f"put a space after the colon, or YAML reads the whole line as "
                           f"one piece of text: {match['key']}: {match['value']}")
    return None


def _from_parser(error: yaml.YAMLError, lines: list[str]) -> tuple[int, str]:
    if isinstance(error, yaml.reader.ReaderError):
        return _control_character(error, lines)
    mark = getattr(error, "problem_mark", None)
    index = mark.line if mark is not None else 0
    problem = str(getattr(error, "problem", None) or error)
    line = lines[index] if index < len(lines) else ""
    match = RE_FIELD.match(line)
    if "mapping values are not allowed" in problem and match and ": " in match["value"]:
        value = match["value"].replace("\\", "\\\\").replace("\"", "\\\"")
        return index, ("the value contains ': ', which YAML reads as the start of another "
                       f"field; put the value in quotes: {match['key']}: \"{value}\"")
    if "mapping values are not allowed" in problem and line[:1] == " ":
        return index, ("this line is indented, but the field above it already has a value; "
                       "remove the spaces at the start of the line")
    return index, (f"the fields could not be read ({problem}); check that each line is "
                   "'name: value', indented with spaces, and put values that contain ':' "
                   "in quotes")


def _control_character(error: yaml.reader.ReaderError, lines: list[str]) -> tuple[int, str]:
    """NUL and its kind: invisible, so the line is found for the volunteer."""
    character = error.character if isinstance(error.character, str) else chr(error.character)
    index = next((i for i, line in enumerate(lines) if character in line), 0)
    return index, (f"this line holds an invisible control character (U+{ord(character):04X}) "
                   "that YAML does not accept; retype the line")
