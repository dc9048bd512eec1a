"""The cache folder: each file a pickle headed by the code that wrote it.

Invariant: a cache file is only ever read back by the same code that wrote it (the code
fingerprint covers Plaza's packages, the theme, the site's catalogs and the Python
version), and a file that cannot be read is as if it were missing: the cache only ever
saves time. Files are written whole, through a temporary name, or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

PACKAGES = ("plaza", "plaza_build", "plaza_sources", "plaza_pelican")


def code_fingerprint(*extra_roots: str) -> str:
    """Plaza's code, the theme (templates, CSS, catalogs), the site's own catalogs and
    the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    here = Path(__file__).resolve().parent.parent
    roots = [here / package for package in PACKAGES] + [Path(root) for root in extra_roots]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.is_symlink():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class Store:
    """Named pickles in one folder (None: no cache; everything reads as missing)."""

    def __init__(self, folder: str | None, code: str):
        self.folder, self.code = folder, code

    def read(self, name: str, empty: Any) -> Any:
        if not self.folder:
            return empty
        try:
            # Not blocking, and only a regular file: a FIFO or device put in place of a
            # cache file must not hang or flood the build.
            fd = os.open(os.path.join(self.folder, name), os.O_RDONLY | os.O_NONBLOCK)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return empty
                code, content = pickle.load(handle)  # noqa: S301 - our own files
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError,
                TypeError, ImportError, IndexError, MemoryError, KeyError):
            return empty
        return content if code == self.code else empty

    def write(self, name: str, content: Any) -> None:
        if not self.folder:
            return
        path = os.path.join(self.folder, name)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(self.folder, exist_ok=True)
            with open(temporary, "wb") as handle:
                pickle.dump((self.code, content), handle, protocol=5)
            os.replace(temporary, path)
        except OSError:  # a cache that cannot be written only costs the next build time
            with contextlib.suppress(OSError):
                os.remove(temporary)

    def forget(self, name: str) -> None:
        if self.folder:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(self.folder, name))
