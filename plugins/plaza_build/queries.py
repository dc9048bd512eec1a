"""Shared values (``Site.shared``): made once a build, told apart by their result.

Invariant: a shared value's key ``("shared", name)`` has the hash of the value's result
as its value, so an output that used it is made again only when the result changed (not
whenever something it was made from did: the order of the notes does not change when a
note's words do). A shared value is made again in a new build only when one of its own
reads changed; its function is a module-level function of the site and plain arguments,
found again by its qualified name.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from plaza.model.models import Item, Record, item_ref

from .tracking import Key, Recorder, digest


@dataclass(frozen=True)
class QueryRecord:
    """What a shared value was made with and from, and the hash of its result."""

    function: str  # module:qualname
    args: tuple[str, ...]
    reads: tuple[Key, ...]
    result: str


def name_of(function: Callable[..., Any], args: tuple[str, ...]) -> str:
    return f"{function.__module__}:{function.__qualname__}({','.join(args)})"


class Queries:
    """The shared values of one build (in one process)."""

    def __init__(self, recorder: Recorder, content_keys: Mapping[str, str],
                 previous: Mapping[str, QueryRecord], unchanged: Callable[[Key], bool]):
        self.recorder, self.content_keys = recorder, content_keys
        self.previous, self.unchanged = previous, unchanged
        self.site: Any = None  # the tracking site, set once it exists
        self._results: dict[str, Any] = {}
        self.records: dict[str, QueryRecord] = {}

    def get(self, function: Callable[..., Any], args: tuple[str, ...]) -> Any:
        """The value (made now if this build has not made it), noted as read."""
        name = name_of(function, args)
        if name not in self._results:
            self._make(name, function, args)
        self.recorder.note(("shared", name))
        return self._results[name]

    def value(self, name: str) -> str:
        """The hash of a shared value's result in this build, for ``Values``: the
        previous one when none of its reads changed, else its result made again."""
        if name in self.records:
            return self.records[name].result
        before = self.previous.get(name)
        if before is None:
            return ""  # never made: nothing can have read it
        if all(self.unchanged(key) for key in before.reads):
            self.records[name] = before
            return before.result
        module, _, qualname = before.function.partition(":")
        function: Any = importlib.import_module(module)
        for part in qualname.split("."):
            function = getattr(function, part)
        self._make(name, function, before.args)
        return self.records[name].result

    def _make(self, name: str, function: Callable[..., Any], args: tuple[str, ...]) -> None:
        with self.recorder.recording() as reads:
            result = function(self.site, *args)
        self._results[name] = result
        self.records[name] = QueryRecord(f"{function.__module__}:{function.__qualname__}",
                                         args, tuple(sorted(reads)),
                                         digest(stable(result, self.content_keys)))


def stable(value: Any, content_keys: Mapping[str, str]) -> Any:
    """A value as plain data to hash: items stand in as their content hash."""
    if isinstance(value, Item):
        return ("item", content_keys.get(item_ref(value.kind, value.id), repr(value)))
    if isinstance(value, Record):
        return ("record", content_keys.get(item_ref(value.kind, value.id), ""), value.lang)
    if isinstance(value, str | int | float | bool | type(None) | Enum | date | datetime):
        return repr(value)
    if isinstance(value, Mapping):
        return tuple((stable(k, content_keys), stable(v, content_keys))
                     for k, v in sorted(value.items(), key=lambda kv: repr(kv[0])))
    if isinstance(value, list | tuple):
        return tuple(stable(item, content_keys) for item in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(stable(item, content_keys)) for item in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(stable(getattr(value, f.name), content_keys)
                                        for f in dataclasses.fields(value)))
    return repr(value)
