"""The Markdown files of ``content/``: found and read under ``safe_files``' rules.

Each file is named twice: by its path on disk, and as shown to volunteers (relative to
the project folder: ``content/events/x.md``); messages, records and caches use the shown
one, so a site builds the same wherever it is checked out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from plaza.model.models import Kind
from plaza.model.problems import ProblemLog, shown_name

from . import safe_files


@dataclass(frozen=True)
class ContentPath:
    kind: Kind
    path: str  # on disk
    shown: str  # relative to the project folder, with '/'


def discover(content_root: str, project_root: str, log: ProblemLog) -> list[ContentPath]:
    """Every Markdown file under each content folder, sorted. Links out of the content
    folder, special files, unsafe names and files that are not Markdown are reported
    to ``log`` and left out; so is a content folder that leads out of the project."""
    try:
        root = safe_files.resolve_root(content_root, project_root)
    except safe_files.UnsafeFile as error:
        log.add(shown_name(os.path.basename(content_root.rstrip(os.sep))), 1, "", str(error))
        return []
    found = []
    prefix = os.path.join(os.path.abspath(project_root), "")
    for kind in Kind:
        for entry in safe_files.walk(os.path.join(content_root, kind.value), root):
            absolute = os.path.abspath(entry.path)
            # os.path.relpath costs too much for thousands of files; they are nearly
            # always below the project folder.
            shown = (absolute[len(prefix):] if absolute.startswith(prefix)
                     else os.path.relpath(absolute, project_root)).replace(os.sep, "/")
            name = os.path.basename(entry.path)
            problem = entry.problem
            if problem is None and name.startswith("."):
                continue  # .gitkeep and the like
            if problem is None and not name.endswith(".md"):
                problem = ("is not a content file; content files are Markdown ending in "
                           ".md (pictures go in content/images/)")
            if problem is None:
                found.append(ContentPath(kind, entry.path, shown))
            else:
                log.add(shown_name(shown), 1, "", problem)
    return found


def read(path: str) -> bytes:
    """A content file's bytes (``safe_files.UnsafeFile`` when it may not be read)."""
    return safe_files.read_bounded(path, safe_files.MAX_CONTENT_BYTES)
