"""Split a Markdown file into YAML front matter (with line numbers) and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates and times as the strings the volunteer wrote.

    YAML 1.1 would turn ``2026-12-03`` into a date and ``18:00`` into the integer 1080;
    we want to parse both ourselves, in the event's time zone, with our own messages.
    """


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
_PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)


@dataclass
class SourceFile:
    """A content file's raw parts. ``lines`` maps a field path to its line number."""

    path: str
    fields: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, field_path: str) -> int:
        """Line of a field, of its nearest parent, or of the front matter's start."""
        while field_path:
            if field_path in self.lines:
                return self.lines[field_path]
            field_path = field_path.rpartition(".")[0]
        return 1


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
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
        fields, line_map = _load_with_lines(yaml_text, first_line=2)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(line, f"the front matter is not valid YAML ({problem}); "
                                     "check indentation and quote values containing ':'"
                               ) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterError(2, "the front matter must be a list of 'name: value' fields")
    body = "\n".join(lines[end + 1:])
    return SourceFile(path=path, fields=fields, body=body, body_line=end + 2, lines=line_map)


def _load_with_lines(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        line_map: dict[str, int] = {}
        _record_lines(node, "", first_line, line_map)
        return loader.construct_document(node), line_map
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, prefix: str, first_line: int, out: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            out[path] = key_node.start_mark.line + first_line
            _record_lines(value_node, path, first_line, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            out[path] = item.start_mark.line + first_line
            _record_lines(item, path, first_line, out)
