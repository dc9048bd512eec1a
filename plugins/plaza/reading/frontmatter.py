"""Split a Markdown file into YAML front matter (with line numbers) and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from plaza.reading.yaml_problems import field_on, missing_space, plain_problem

INT_TAG = "tag:yaml.org,2002:int"
STR_TAG = "tag:yaml.org,2002:str"
MAX_INT_DIGITS = 15
MAX_DEPTH = 12  # front matter nests three or four levels; far deeper is an attack
# The tags plain front matter uses; !!binary, !!set, !!omap and the like are refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
              ("str", "int", "float", "bool", "null", "seq", "map")}


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates and times as the strings the volunteer wrote, and
    that a hostile file cannot make work without end.

    YAML 1.1 would turn ``2026-12-03`` into a date and ``18:00`` into the integer 1080;
    we want to parse both ourselves, in the event's time zone, with our own messages.
    Aliases are refused (``*name``: a few lines of them expand into billions of values),
    nesting is bounded (composing is recursive) and so are integers (see below).
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise _Refused(event.start_mark, f"'*{event.anchor}' repeats another value (a "
                           "YAML alias), which Plaza does not accept; write the value out "
                           "in full")
        if self._depth >= MAX_DEPTH:
            raise _Refused(self.peek_event().start_mark, "the fields are nested more than "
                           f"{MAX_DEPTH} levels deep; check the indentation")
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is None:
            return None
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(node.start_mark, f"the YAML tag '{tag}' is not accepted; write "
                           "plain text, numbers and lists")
        if node.tag == INT_TAG and len(str(node.value)) > MAX_INT_DIGITS:  # an explicit !!int
            raise _Refused(node.start_mark, "this number is too long; write it as text in "
                           "quotes if it is not a number")
        return node


class _Refused(Exception):
    """What the loader refuses, with where (a YAML mark); see ``parse_source``."""

    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        super().__init__(message)


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads "18:00" as the sexagesimal integer 1080. Replace the int resolver with
# one that knows only plain decimal integers, so times stay strings.
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:int"]
    for first, resolvers in _PlainLoader.yaml_implicit_resolvers.items()
}
# At most 15 digits: a 4,301-digit number would stop Python's int() (CVE-2020-10735's
# limit); longer ones stay text and the field's own check explains.
_PlainLoader.add_implicit_resolver(
    INT_TAG, re.compile(rf"^[-+]?(?:0|[1-9][0-9]{{0,{MAX_INT_DIGITS - 1}}})$"),
    list("-+0123456789")
)


# The last part of a field path: the parent of "except[0]" is "except", of
# "sessions[1].topic" "sessions[1]".
RE_LAST_PART = re.compile(r"(?:\[\d+\]|\.[^.\[\]]*)$")


@dataclass
class SourceFile:
    """A content file's raw parts. ``lines`` maps a field path to its line number."""

    path: str
    fields: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    # Fields written twice: (field path, first line, second line).
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)

    def line_of(self, field_path: str) -> int:
        """Line of a field, of its nearest parent, or of the front matter's start."""
        while field_path:
            if field_path in self.lines:
                return self.lines[field_path]
            parent = RE_LAST_PART.sub("", field_path, count=1)
            field_path = parent if parent != field_path else ""
        return 1


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, field: str = ""):
        self.line, self.field = line, field
        super().__init__(message)


def parse_source(path: str, text: str) -> SourceFile:
    """Parse ``---`` delimited YAML front matter and the Markdown body after it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the file must start with a line '---', then the fields, "
                                  "then another '---' line, then the text")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise FrontMatterError(1, "the front matter is not closed: add a line '---' "
                                  "after the last field") from None
    yaml_text = "\n".join(lines[1:end])
    try:
        fields, line_map, duplicates = _load_with_lines(yaml_text, first_line=2)
    except _Refused as refused:
        raise FrontMatterError(refused.mark.line + 2, str(refused)) from None
    except yaml.YAMLError as exc:
        index, message = plain_problem(exc, lines[1:end])
        raise FrontMatterError(index + 2, message, field_on(lines[index + 1])) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        index, message = missing_space(lines[1:end]) or (0, "the front matter must be a "
                                                            "list of 'name: value' fields")
        raise FrontMatterError(index + 2, message, field_on(lines[index + 1]))
    body = "\n".join(lines[end + 1:])
    return SourceFile(path=path, fields=fields, body=body, body_line=end + 2, lines=line_map,
                      duplicates=duplicates)


def _load_with_lines(text: str, first_line: int
                     ) -> tuple[Any, dict[str, int], list[tuple[str, int, int]]]:
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        line_map: dict[str, int] = {}
        duplicates: list[tuple[str, int, int]] = []
        _record_lines(node, "", first_line, line_map, duplicates)
        return loader.construct_document(node), line_map, duplicates
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, prefix: str, first_line: int, out: dict[str, int],
                  duplicates: list[tuple[str, int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.tag != STR_TAG:  # 1:, true:, ~: would be a number, a yes, nothing
                shown = (f"'{key_node.value[:80]}'" if isinstance(key_node, yaml.ScalarNode)
                         else "a list or a group of fields")
                raise _Refused(key_node.start_mark, f"{shown} is not a field name; names "
                               "are words such as title (put it in quotes if it is meant as "
                               "a name)")
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            line = key_node.start_mark.line + first_line
            if path in out:  # YAML keeps the last value silently; a volunteer must know
                duplicates.append((path, out[path], line))
            out[path] = line
            _record_lines(value_node, path, first_line, out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            out[path] = item.start_mark.line + first_line
            _record_lines(item, path, first_line, out, duplicates)
