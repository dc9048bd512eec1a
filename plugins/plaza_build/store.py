"""The cache folder: each file a pickle headed by the code that wrote it, sealed.

Invariant: a cache file is only ever read back by the same code that wrote it (the code
fingerprint covers Plaza's packages, the theme, the site's catalogs and the Python
version), and a file that cannot be read is as if it were missing: the cache only ever
saves time. Files are written whole, through a temporary name, or not at all.

The cache folder sits in the checkout, where a pull request can add files (``git add
-f cache/items.pickle``). Unpickling such a file could run any code and would publish
Items that were never validated, so every file is sealed with a MAC whose key lives
outside the checkout (``PLAZA_CACHE_KEY_FILE``, else the user's cache folder) and a file
whose seal does not match is never unpickled.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGES = ("plaza", "plaza_build", "plaza_sources", "plaza_pelican")
MAGIC = b"plaza-cache-1\n"
SEAL_BYTES = 32  # keyed BLAKE2b
MAX_CACHE_BYTES = 2 * 1024**3  # far above any real site; a bound on what is read


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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while millions of objects are unpickled: it would
    otherwise traverse the growing heap again and again (five times the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def key_file() -> str:
    """Where the cache key is kept: outside any checkout, in the user's own folders."""
    chosen = os.environ.get("PLAZA_CACHE_KEY_FILE")
    if chosen:
        return chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "plaza", "cache-key")


def cache_key(path: str | None = None) -> bytes:
    """The key sealing this machine's cache files, made on first use. When it can be
    neither read nor made, a key for this build only: the cache is then never reused,
    which costs time and nothing else."""
    path = path or key_file()
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            key = os.read(fd, 64) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        if len(key) == 32:
            return key
    key = secrets.token_bytes(32)
    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    # Another build made it first (O_EXCL): use theirs if it can be read.
    with contextlib.suppress(OSError):
        existing = Path(path).read_bytes()
        if len(existing) == 32 and not os.path.islink(path):
            return existing
    return key


class Store:
    """Named pickles in one folder (None: no cache; everything reads as missing)."""

    def __init__(self, folder: str | None, code: str, key: bytes | None = None):
        self.folder, self.code = folder, code
        self._key = key

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = cache_key()
        return self._key

    def read(self, name: str, empty: Any) -> Any:
        if not self.folder:
            return empty
        data = self._read_bytes(os.path.join(self.folder, name))
        if data is None or not data.startswith(MAGIC):
            return empty
        view = memoryview(data)  # no copies of a file of tens of megabytes
        seal, payload = view[len(MAGIC):len(MAGIC) + SEAL_BYTES], view[len(MAGIC) + SEAL_BYTES:]
        if not hmac.compare_digest(seal, self._seal(payload)):
            return empty  # not written by this machine's Plaza: never unpickled
        try:
            with collector_paused():
                code, content = pickle.loads(payload)  # noqa: S301 - sealed by this machine
        except Exception:  # noqa: BLE001 - a damaged file is a missing file
            return empty
        return content if code == self.code else empty

    @staticmethod
    def _read_bytes(path: str) -> bytes | None:
        """A regular file's bytes; None for anything else. Not blocking, not following a
        link: a FIFO, device or link put in place of a cache file must not hang, flood
        or redirect the build."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read(MAX_CACHE_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)

    def _seal(self, payload: bytes | memoryview) -> bytes:
        # Keyed BLAKE2b is a MAC in its own right (RFC 7693), and faster than HMAC-SHA256
        # over tens of megabytes.
        seal = hashlib.blake2b(MAGIC, key=self.key, digest_size=SEAL_BYTES)
        seal.update(payload)
        return seal.digest()

    def write(self, name: str, content: Any) -> None:
        if not self.folder:
            return
        path = os.path.join(self.folder, name)
        temporary = None
        try:
            payload = pickle.dumps((self.code, content), protocol=5)
            os.makedirs(self.folder, exist_ok=True)
            # mkstemp creates a new file (O_EXCL): a link planted at a temporary name is
            # never followed.
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + self._seal(payload))
                handle.write(payload)
            os.replace(temporary, path)
        except OSError:  # a cache that cannot be written only costs the next build time
            if temporary:
                with contextlib.suppress(OSError):
                    os.remove(temporary)

    def forget(self, name: str) -> None:
        if self.folder:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(self.folder, name))
