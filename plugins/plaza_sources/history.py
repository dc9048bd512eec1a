"""What git knows about content: when each file last changed, and how often the timing of
an event changed (iCalendar SEQUENCE).

Dates come from commits, never from the build's clock, so two builds of one commit are
identical. The documented fallback, for files git does not know or that have uncommitted
changes, is ``SOURCE_DATE_EPOCH`` when set, else the build's ``now`` (``PLAZA_NOW``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from plaza.model.models import Kind
from plaza.reading.frontmatter import FrontMatterError, parse_source
from plaza.reading.schema import FIELDS
from plaza.time.repeat_words import rule_meant

LOCKED_FIELDS = tuple(sorted({spec.name for kind in (Kind.EVENT, Kind.PROGRAM)
                              for spec in FIELDS[kind] if spec.locked_in_translation}
                             | {"sessions"}))


@dataclass
class History:
    """Commit times and timing revisions for content files (paths relative to ``base``)."""

    base: str
    fallback: datetime
    commits: dict[str, list[tuple[str, datetime]]] = field(default_factory=dict)  # newest 1st
    dirty: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, base: str, folder: str, fallback: datetime) -> History:
        """Ask git once for the history of every file under ``folder``."""
        history = cls(base=base, fallback=fallback)
        if not inside_work_tree(base):
            return history
        log = _git(base, "log", "--format=%x00%H %ct", "--name-only", "--no-renames",
                   "--relative", "--", folder)
        commit, when = "", fallback
        for line in log.splitlines():
            if line.startswith("\0"):
                commit, stamp = line[1:].split()
                when = datetime.fromtimestamp(int(stamp), UTC)
            elif line:
                history.commits.setdefault(line, []).append((commit, when))
        status = _git(base, "status", "--porcelain", "--untracked-files=all", "--", folder)
        history.dirty = {line[3:].strip('"') for line in status.splitlines() if len(line) > 3}
        return history

    def last_changed(self, path: str) -> datetime:
        if path in self.dirty or path not in self.commits:
            return self.fallback
        return self.commits[path][0][1]

    def changed_times(self, paths: Iterable[str]) -> dict[str, datetime]:
        return {path: self.last_changed(path) for path in paths}

    def first_committed(self, path: str) -> datetime:
        """When the file was first committed: an item's publication date. A file git
        does not know yet takes the fallback, like ``last_changed``."""
        if path not in self.commits:
            return self.fallback
        return self.commits[path][-1][1]

    def timing_changes(self, path: str, current_fields: dict[str, object]) -> int:
        """How many times the timing or status fields changed over the file's history
        (``current_fields``: the file as it is now, already parsed)."""
        revisions = [commit for commit, _ in reversed(self.commits.get(path, []))]
        if len(revisions) <= 1 and path not in self.dirty:
            return 0  # one committed version and no edits: nothing has changed yet
        texts = _blobs(self.base, [f"{commit}:{path}" for commit in revisions])
        signatures = [_signature(text) for text in texts if text is not None]
        signatures.append(_fields_signature(current_fields))
        known = [sig for sig in signatures if sig is not None]
        return sum(1 for before, after in zip(known, known[1:], strict=False) if before != after)


def inside_work_tree(base: str) -> bool:
    return _git(base, "rev-parse", "--is-inside-work-tree").strip() == "true"


def state(base: str, folder: str) -> str:
    """What the history of ``folder`` depends on: the commit checked out and the files
    changed since ("" outside a repository)."""
    if not inside_work_tree(base):
        return ""
    head = _git(base, "rev-parse", "HEAD").strip()
    status = _git(base, "status", "--porcelain", "--untracked-files=all", "--", folder)
    return f"{head}\n{status}"


def _signature(text: str) -> tuple[str, ...] | None:
    try:
        fields = parse_source("", text).fields
    except FrontMatterError:
        return None
    return _fields_signature(fields)


def _fields_signature(fields: dict[str, object]) -> tuple[str, ...]:
    return tuple(repr(_meaning(name, fields.get(name))) for name in LOCKED_FIELDS)


def _meaning(name: str, value: object) -> object:
    # Rewriting FREQ=MONTHLY;BYDAY=3TH as "every third Thursday" changes no date, so
    # calendars must not be told the event changed (SEQUENCE).
    if name == "repeat" and isinstance(value, str):
        return rule_meant(value)
    return value


def _git(base: str, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", base, *args], capture_output=True, text=True,
                                check=False, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        return ""
    return result.stdout if result.returncode == 0 else ""


def _blobs(base: str, specs: list[str]) -> list[str | None]:
    """Read many ``commit:path`` blobs through one ``git cat-file --batch`` process."""
    if not specs:
        return []
    result = subprocess.run(["git", "-C", base, "cat-file", "--batch"],
                            input="\n".join(specs).encode() + b"\n", capture_output=True,
                            check=False)
    out, pos = result.stdout, 0
    texts: list[str | None] = []
    for _ in specs:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3 or header[1] == b"missing":
            texts.append(None)
            pos = header_end + 1
            continue
        size = int(header[2])
        texts.append(out[header_end + 1:header_end + 1 + size].decode("utf-8", "replace"))
        pos = header_end + 1 + size + 1
    return texts
