"""Validation problems: every message names the file, line, field and the fix.

A bug in Plaza met while reading one file is a problem of that file too (``crashed``):
the volunteer sees which file and what went wrong, in one line, and the traceback is kept
apart (``ProblemLog.details``) for a debug log, never shown as the build's answer.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text:
# never printed as they are (a newline in a file name could forge a workflow command).
RE_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                            "\u2066-\u2069\ufeff]")


RE_POSITION = re.compile(r"\[(\d+)\]")


def counted_from_one(field_path: str) -> str:
    """``languages[0]`` as a volunteer counts it, ``languages[1]``: the first item. Paths
    inside Plaza count from 0 as Python does; only what is shown changes."""
    return RE_POSITION.sub(lambda m: f"[{int(m.group(1)) + 1}]", field_path)


def shown_name(path: str) -> str:
    """A path fit for a log line: control and invisible characters escaped."""
    return RE_UNSAFE_NAME.sub(lambda m: f"\\u{ord(m.group()):04x}", path)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """One line: a message quotes what the file says (``'2026\\n::warning::…' is not a
        date``), and a line break or a terminal control in it must not start a line of
        its own (a workflow command, in CI) or drive the terminal: they are escaped, as
        in file names."""
        where = f"{shown_name(self.path)}:{self.line}"
        if self.field:
            return f"{where}: {shown_name(self.field)}: {shown_name(self.message)}"
        return f"{where}: {shown_name(self.message)}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the PR line.

        Property values and the message are escaped as the workflow-command format asks
        (``%``, CR and LF everywhere; ``:`` and ``,`` in properties too), so nothing in a
        file name or a message can end the command or start another; other control
        characters are escaped as in ``__str__``."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return (f"::error file={_property(shown_name(self.path))},line={self.line}::"
                f"{_data(shown_name(text))}")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def crashed(error: BaseException) -> str:
    """The one-line message for a bug in Plaza met while handling a file."""
    summary = " ".join(str(error).split())[:200] or "no details"
    return (f"Plaza could not process this file ({type(error).__name__}: {summary}); this is "
            "a bug in Plaza, not in the file's words: report it with this file attached")


class FileFailure(Exception):
    """The build stopped on one file: ``path: message``, with the traceback apart."""

    def __init__(self, path: str, message: str, details: str = ""):
        self.path, self.message, self.details = path, message, details
        super().__init__(f"{shown_name(path)}: {message}")


class ContentError(Exception):
    """Raised when content has problems; carries all of them, sorted by place."""

    def __init__(self, problems: list[Problem], details: list[str] | None = None):
        self.problems = sorted(problems)
        self.details = details or []
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ProblemLog:
    """Collects problems so that every one is reported, not only the first."""

    problems: list[Problem] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # tracebacks of ``crash``es

    def add(self, path: str, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(path, line, counted_from_one(field), message))

    def crash(self, path: str, error: BaseException) -> None:
        """A bug met while handling ``path``: reported as its problem, traceback kept."""
        self.add(path, 1, "", crashed(error))
        self.details.append(f"{path}:\n" + "".join(traceback.format_exception(error)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems, self.details)
