"""Reading the files of a pull request: only regular files inside ``content/``, bounded.

Every file under ``content/`` arrives in a pull request and is hostile until checked. This
module is the only way Plaza lists and reads them, and it promises:

- a link (symlink) is followed only when it stays inside the content folder, and the
  content folder itself may be a link only to a folder inside the project: nothing from
  elsewhere on the machine (``.git/config``, ``/etc/passwd``) can be published;
- only regular files are read: a FIFO would hang the build, ``/dev/zero`` would fill the
  memory;
- no file is read beyond a size limit, checked on the open file before reading;
- a file name with control characters never reaches a log or an output path: it is
  reported with those characters escaped (a newline in a name could forge a GitHub
  workflow command in the annotations).

Problems are returned as plain messages, for the caller's ``ProblemLog``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from plaza.model.problems import RE_UNSAFE_NAME, shown_name

MAX_CONTENT_BYTES = 1024 * 1024  # a Markdown file: far above any real page
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 120  # an id appears twice in some output paths (events/<id>/<id>.ics)
SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
                 (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISDIR, "a folder"))


class UnsafeFile(ValueError):
    """A file Plaza will not read; the message says why and what to do."""


def name_problem(name: str) -> str | None:
    """Why a file or folder name is refused, or None."""
    if RE_UNSAFE_NAME.search(name):
        return ("the file name contains control or invisible characters; rename the file "
                "using letters, digits and '-'")
    if len(name) > MAX_NAME_LENGTH:
        return (f"the file name is {len(name)} characters long; keep it under "
                f"{MAX_NAME_LENGTH}")
    return None


def inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or below it (both already resolved)."""
    return path == folder or path.startswith(os.path.join(folder, ""))


def resolve_root(content_root: str, project_root: str) -> str:
    """The real content folder; refused when it is a link leading out of the project."""
    real = os.path.realpath(content_root)
    project = os.path.realpath(project_root)
    if os.path.islink(content_root.rstrip(os.sep)) and not inside(real, project):
        raise UnsafeFile(f"{shown_name(content_root)} is a link to {shown_name(real)}, "
                         "outside the project; put the content folder itself in the "
                         "project")
    return real


@dataclass(frozen=True)
class Found:
    """One entry of a content folder: a readable file, or a problem with it."""

    path: str  # as walked (under the content folder)
    problem: str | None = None


def walk(folder: str, root: str) -> Iterator[Found]:
    """Every file below ``folder``, sorted; links and special files come with a problem.

    ``root`` is the resolved content folder that links must stay inside. Links to folders
    below ``folder`` are never followed (a loop, or a way out), and ``folder`` itself must
    lead inside ``root``; a link to a file inside ``root`` is fine.
    """
    if not os.path.isdir(folder):
        return
    if not inside(os.path.realpath(folder), root):  # ``folder`` itself is a link out
        yield Found(folder, "is a link to a folder outside the content folder; move the "
                    "files here instead")
        return
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        kept = []
        for name in dirnames:
            path = os.path.join(dirpath, name)
            problem = name_problem(name)
            if problem is None and os.path.islink(path):
                problem = ("is a link to a folder; Plaza does not follow links to folders, "
                           "move the files here instead")
            if problem:
                yield Found(path, problem)
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            yield Found(path, name_problem(name) or file_problem(path, root))


def file_problem(path: str, root: str) -> str | None:
    """Why ``path`` may not be read (a link out of ``root``, a special file), or None."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if not inside(target, root):
                return ("is a link to a file outside the content folder; copy the file "
                        "here instead of linking to it")
            info = os.stat(target)
    except OSError as error:
        return f"cannot be read ({error.strerror}); check the file"
    for test, what in SPECIAL_KINDS:
        if test(info.st_mode):
            return f"is {what}, not a file; remove it"
    return None


def read_bounded(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``UnsafeFile`` otherwise.

    The checks are made on the open file, so a file swapped for a FIFO or a device after
    it was listed is still refused, and opening never blocks.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnsafeFile(f"cannot be read ({error.strerror}); check the file") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("is not a regular file; remove it")
        if info.st_size > limit:
            raise UnsafeFile(f"is {_size(info.st_size)}; the largest file Plaza reads here "
                             f"is {_size(limit)}")
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise UnsafeFile(f"is larger than {_size(limit)}, the largest file Plaza reads here")
    return data


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count / 1024:.0f} KB"


def output_target(folder: str, relative: str) -> str:
    """Where an output file goes: ``relative`` below ``folder``, never beside or above it.

    Every part of an output path comes from validated ids; this is the last line of
    defence, checked before anything is written (a path that climbed out of the staging
    folder would land in the live site, or anywhere)."""
    normal = os.path.normpath(relative)
    if (not relative or os.path.isabs(relative) or normal == "." or normal.startswith("..")
            or "\x00" in relative or RE_UNSAFE_NAME.search(relative)):
        raise UnsafeFile(f"the output path '{shown_name(relative)}' would leave the output "
                         "folder")
    return os.path.join(folder, normal)
