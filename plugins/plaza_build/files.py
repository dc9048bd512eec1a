"""The file-stat cache: a file's hash, without reading it when it looks unchanged.

Invariant: a file's hash is taken from the cache only when its size, modification time,
change time and inode are all what they were when it was hashed; otherwise the file is
read (under ``safe_files``' rules) and hashed anew. Only files this build saw are kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

Seen = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


class FileStats:
    def __init__(self, stored: dict[str, tuple[Seen, str]]):
        self.stored = stored
        self.seen: dict[str, tuple[Seen, str]] = {}

    def digest(self, path: str, read: Callable[[str], bytes]) -> tuple[str, bytes | None]:
        """(hash, bytes): the bytes only when the file had to be read. ``read`` raises
        what it refuses (``safe_files.UnsafeFile``), or ``OSError``."""
        info = os.stat(path)
        seen = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        known = self.stored.get(path)
        if known is not None and known[0] == seen:
            self.seen[path] = known
            return known[1], None
        data = read(path)
        found = hashlib.sha256(data).hexdigest()
        self.seen[path] = (seen, found)
        return found, data

    @property
    def changed(self) -> bool:
        return self.seen != self.stored
