"""What a build tells the person who ran it, in one paragraph of plain words.

Pelican ends every run with "Done: Processed 0 articles, 0 drafts, … in 3.1 seconds":
true of Pelican's own generators, which Plaza leaves with nothing to read, and so
misleading. Plaza says instead what its engine wrote (pages, calendars, feeds, other
files, counted from the paths of the outputs it made), in how many languages, how long
it took, where the site is, and what to run next. Problems are not summarised here:
they are printed first, each on its own line, with their count (``commands.report``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from plaza.model.problems import shown_name
from plaza_build.engine import Summary

# Pelican's closing line, printed through its rich console (pelican.log.console).
# Rich wraps it at the console's width, so it may span lines.
PELICAN_DONE = re.compile(r"^Done: Processed \d+ articles?,.*? in [\d.]+ seconds\.\n?",
                          re.MULTILINE | re.DOTALL)


def kind_of(path: str) -> str:
    """What an output is, for counting: a page, a calendar, a feed or another file."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".html"):
        return "page"
    if name.endswith(".ics"):
        return "calendar"
    if "/feeds/" in f"/{path}" and name.endswith((".atom", ".rss", ".json", ".xml")):
        return "feed"
    return "file"


@dataclass(frozen=True)
class Counts:
    pages: int = 0
    calendars: int = 0
    feeds: int = 0
    files: int = 0

    @classmethod
    def of(cls, paths: Iterable[str]) -> Counts:
        kinds = [kind_of(path) for path in paths]
        return cls(kinds.count("page"), kinds.count("calendar"), kinds.count("feed"),
                   kinds.count("file"))

    @property
    def total(self) -> int:
        return self.pages + self.calendars + self.feeds + self.files

    def words(self) -> str:
        """"455 pages, 390 calendars, 286 feeds and 32 other files" (empty kinds left out)."""
        named = [_count(self.pages, "page", "pages"),
                 _count(self.calendars, "calendar", "calendars"),
                 _count(self.feeds, "feed", "feeds"),
                 _count(self.files, "other file", "other files")]
        named = [words for words, number in zip(named, (self.pages, self.calendars,
                                                         self.feeds, self.files),
                                                 strict=True) if number]
        if len(named) <= 1:
            return "".join(named)
        return f"{', '.join(named[:-1])} and {named[-1]}"


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _seconds(seconds: float) -> str:
    return "1 second" if round(seconds, 1) == 1 else f"{seconds:.1f} seconds"


def shown_folder(folder: str, cwd: str) -> str:
    """The output folder as the person can type it: relative when it is under ``cwd``;
    control and invisible characters in it escaped (it is the one thing in the summary
    the person did not type as a number)."""
    folder = os.path.abspath(folder)
    relative = os.path.relpath(folder, cwd)
    if relative == "." or relative.startswith(".."):
        return shown_name(folder)
    return shown_name(relative + os.sep)


def summary_text(summary: Summary, languages: int, seconds: float, output: str,
                 next_command: str | None, cwd: str) -> str:
    """The lines a finished build prints (see the module's docstring)."""
    total = len(summary.made) + summary.kept
    made = Counts.of(summary.made)
    took = _seconds(seconds)
    in_languages = _count(languages, "language", "languages")
    if summary.full:
        first = f"Built {_count(total, 'file', 'files')} in {in_languages} in {took}"
        if made.total:
            first += f": {made.words()}."
        else:
            first += "."
    elif not summary.made and not summary.removed:
        first = (f"Nothing changed since the last build: all {total:,} files in "
                 f"{in_languages} are up to date (checked in {took}).")
    else:
        first = f"Updated {len(summary.made):,} of {_count(total, 'file', 'files')} in {took}"
        if made.total:
            first += f" ({made.words()})"
        if summary.removed:
            first += f"; removed {_count(len(summary.removed), 'file', 'files')} no longer" \
                     " published"
        first += "."
    lines = [first, f"The site is in {shown_folder(output, cwd)}"]
    if next_command:
        lines.append(f"To look at it in your browser, run: {shown_name(next_command)}")
    return "\n".join(lines)


@contextlib.contextmanager
def without_pelican_done_line() -> Iterator[None]:
    """Run Pelican with its closing "Done: Processed …" line left out, and everything
    else its console prints (its log, when a caller set it up) printed as usual."""
    from pelican.log import console

    capture = console.capture()
    try:
        with capture:
            yield
    finally:
        text = PELICAN_DONE.sub("", capture.get())
        if text:
            console.file.write(text)
            console.file.flush()
