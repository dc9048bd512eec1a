"""The staging folder, and how its files reach the live output folder.

Invariant: the live output folder changes only after every output of a build was made,
and every file is written inside the staging folder, once: a build that fails, or an
output path that would climb out, leaves the live folder exactly as it was. A full build
replaces the folder in one rename; an update moves just its new files into place (and
removes the outputs that are gone), after the caller withdrew the record describing the
old folder, so a crash half-way is followed by a full build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile

from plaza.model.problems import FileFailure
from plaza_sources.safe_files import UnsafeFile, output_target


class Staging:
    def __init__(self, final: str):
        self.final = os.path.abspath(final)
        os.makedirs(os.path.dirname(self.final), exist_ok=True)
        self.folder = tempfile.mkdtemp(prefix=".plaza-build-", dir=os.path.dirname(self.final))
        self._made: set[str] = {self.folder}
        self.written: dict[str, str] = {}  # output path -> what it was made from

    def write(self, path: str, data: bytes, source: str = "") -> None:
        """One output file: inside the staging folder, and only once a build."""
        try:
            target = output_target(self.folder, path)
        except UnsafeFile as error:
            raise FileFailure(source or path, str(error)) from None
        earlier = self.written.setdefault(path, source)
        if earlier != source:
            raise FileFailure(source, f"would write {path}, which {earlier or 'Plaza'} "
                              "writes too; rename one of them")
        self._folder(os.path.dirname(target))
        with open(target, "wb") as handle:
            handle.write(data)

    def _folder(self, folder: str) -> None:
        """mkdir, remembering what exists: thousands of pages share few folders."""
        if folder in self._made:
            return
        self._folder(os.path.dirname(folder))
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        self._made.add(folder)

    def replace_output(self) -> None:
        """A full build: the staging folder becomes the output folder, in one rename."""
        os.chmod(self.folder, 0o755)  # mkdtemp makes it private; a published site is not
        retired = None
        if os.path.lexists(self.final):
            retired = tempfile.mkdtemp(prefix=".plaza-old-", dir=os.path.dirname(self.final))
            os.rename(self.final, os.path.join(retired, "output"))
        os.rename(self.folder, self.final)
        if retired:
            _remove_later(retired)

    def update_output(self, removed: list[str]) -> None:
        """An update: each new file replaces its namesake; outputs that are gone go."""
        for folder, _, names in os.walk(self.folder):
            target = os.path.join(self.final, os.path.relpath(folder, self.folder))
            os.makedirs(target, exist_ok=True)
            for name in names:
                os.replace(os.path.join(folder, name), os.path.join(target, name))
        for path in removed:
            with contextlib.suppress(OSError, UnsafeFile):
                os.remove(output_target(self.final, path))
                _remove_empty_folders(self.final, os.path.dirname(path))
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _remove_empty_folders(root: str, relative: str) -> None:
    while relative:
        try:
            os.rmdir(os.path.join(root, relative))
        except OSError:
            return
        relative = os.path.dirname(relative)


def _remove_later(folder: str) -> None:
    """Delete the replaced output without making the person wait for it."""
    try:
        subprocess.Popen(["rm", "-rf", folder], start_new_session=True,  # noqa: S603,S607
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
