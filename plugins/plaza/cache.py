"""What a build keeps for the next one (the cache/ folder), keyed by content hashes.

- parsed files and validated items, keyed by the bytes of their files, the settings and
  Plaza's own code, and each file's stat when it was hashed (``items.pickle``);
- per item and language, the latest calendar events and events.json line
  (``fragments.pickle``, see ``reused``);
- a record of the last build (``BuildRecord``, ``record.pickle``): every output file's
  fingerprint (a hash of everything its template was given), the items each item page
  showed, the rows each list page showed, and the states ``incremental`` compares.

Every file starts with the code fingerprint: another version of Plaza ignores it. The
record is saved only after the new output is in place, so a failed build cannot leave the
two out of step. Anything unreadable is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from .config import SiteConfig
from .models import Item

T = TypeVar("T")
CODE_ROOTS = (Path(__file__).resolve().parent,)
ITEMS_FILE = "items.pickle"  # parsed files, validated items, files as last seen
FRAGMENTS_FILE = "fragments.pickle"
RECORD_FILE = "record.pickle"  # the last build's BuildRecord
STAGED_RECORD = ".plaza-record.pickle"  # in the new output until it is swapped in

# Pieces of output made for one item in one language (a calendar's VEVENTs, a line of
# events.json), kept between builds: the latest per (item ref, language, kind), with the
# key of what it was made from. Keeping only the latest keeps the cache from growing.
Fragments = dict[tuple[str, str, str], tuple[str, Any]]


def reused(stored: Fragments, slot: tuple[str, str, str], key: str,
           make: Callable[[], T]) -> T:
    """The stored piece when it was made from ``key``; else a new one, stored."""
    found = stored.get(slot)
    if found is not None and found[0] == key:
        return found[1]  # type: ignore[no-any-return]
    value = make()
    stored[slot] = (key, value)
    return value


def code_fingerprint(*extra_roots: str) -> str:
    """Plaza's code, the theme (templates, CSS, catalogs) and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for root in (*CODE_ROOTS, *map(Path, extra_roots)):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def config_fingerprint(config: SiteConfig, content_root: str) -> str:
    """Settings that shape items (not "now"), plus which images exist."""
    stable = dataclasses.replace(config, now=datetime(2000, 1, 1, tzinfo=UTC))
    images = sorted(str(p.relative_to(content_root)) for p in
                    Path(content_root, "images").rglob("*") if p.is_file())
    return hashlib.sha256(repr((stable, images)).encode()).hexdigest()


@dataclass
class BuildRecord:
    """What one build wrote into one output folder (see ``incremental``)."""

    output: str = ""  # the folder
    output_id: str = ""  # its device and inode: a folder replaced since is not the same
    files: dict[str, str] = field(default_factory=dict)  # path -> fingerprint
    deps: dict[str, list[str]] = field(default_factory=dict)  # item page -> items shown
    state: dict[str, Any] = field(default_factory=dict)  # incremental.State.as_dict()
    lists: dict[str, str] = field(default_factory=dict)  # list page -> rows it showed

    def describes(self, output: str) -> bool:
        """Still the folder this record was written for, as that build left it?"""
        return bool(output) and self.output == output and self.output_id == folder_id(output)


def folder_id(path: str) -> str:
    """A folder's identity: its device, inode and change time. The change time matters:
    a folder made by another build (one without the cache) can get a freed inode back,
    but never the same change time, so a record is only trusted for the exact folder it
    was written for."""
    try:
        found = os.stat(path)
    except OSError:
        return ""
    return f"{found.st_dev}:{found.st_ino}:{found.st_ctime_ns}"


class BuildCache:
    def __init__(self, folder: str | None, code: str):
        self.folder, self.code = folder, code
        self.items: dict[str, Item] = {}
        self.fragments: Fragments = {}  # see ``reused``
        self.sources: dict[str, Any] = {}  # parsed and checked files, see loader._read
        self.used_sources: dict[str, Any] = {}
        # Each content file as last seen: its stat and the hash of its bytes.
        self.digests: dict[str, Any] = {}
        self.used_digests: dict[str, Any] = {}
        self.record = BuildRecord()
        self.used_items: dict[str, Item] = {}
        self.learned = False  # validated something the cache did not hold
        if folder:
            self._load()

    def _load(self) -> None:
        """Each file on its own: a build that failed before writing its record still
        leaves validated items worth keeping."""
        self.items, self.sources, self.digests = self._read(ITEMS_FILE, ({}, {}, {}))
        self.fragments = self._read(FRAGMENTS_FILE, {})
        self.record = self._read(RECORD_FILE, BuildRecord())

    def _read(self, name: str, empty: Any) -> Any:
        assert self.folder
        try:
            with open(os.path.join(self.folder, name), "rb") as handle:
                code, content = pickle.load(handle)  # noqa: S301 - our own files
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError,
                TypeError, ImportError):
            return empty
        return content if code == self.code else empty

    def item(self, key: str) -> Item | None:
        found = self.items.get(key)
        if found is not None:
            self.used_items[key] = found
        return found

    def remember(self, key: str, item: Item) -> None:
        self.used_items[key] = item
        self.learned = True

    def source(self, key: str) -> Any:
        found = self.sources.get(key)
        if found is not None:
            self.used_sources[key] = found
        return found

    def remember_source(self, key: str, source: Any) -> None:
        self.used_sources[key] = source
        self.learned = True

    def save_items(self) -> None:
        """Keep the files and items this build used (not those whose files are gone)."""
        unchanged = (not self.learned and len(self.used_items) == len(self.items)
                     and len(self.used_sources) == len(self.sources)
                     and self.used_digests == self.digests)
        if self.folder and not unchanged:
            self._write(ITEMS_FILE, (self.used_items, self.used_sources, self.used_digests))

    def save_fragments(self, fragments: Fragments, refs: set[str]) -> None:
        """Keep the fragments of items that still exist."""
        kept = {slot: value for slot, value in fragments.items() if slot[0] in refs}
        if self.folder and _keys(kept) != _keys(self.fragments):
            self._write(FRAGMENTS_FILE, kept)

    def _write(self, name: str, content: Any) -> None:
        assert self.folder
        os.makedirs(self.folder, exist_ok=True)
        _atomic_write(os.path.join(self.folder, name),
                      pickle.dumps((self.code, content), protocol=5))

    def record_bytes(self, record: BuildRecord) -> bytes:
        return pickle.dumps((self.code, record), protocol=5)

    def record_for(self, output: str) -> BuildRecord:
        """The previous build's record, if it was written for ``output`` (one cache may
        serve builds into different folders; a record is only valid for its own)."""
        return self.record if output and self.record.output == output else BuildRecord()


def install_record(output: str, folder: str | None) -> None:
    """Move the record a build left in its output into the cache, after the swap, with
    the identity the output folder has now that nothing more will change in it."""
    staged = os.path.join(output, STAGED_RECORD)
    if not os.path.exists(staged):
        return
    with open(staged, "rb") as handle:
        data = handle.read()
    os.remove(staged)
    if not folder:
        return
    code, record = pickle.loads(data)  # noqa: S301 - written by this build
    record.output_id = folder_id(output)
    os.makedirs(folder, exist_ok=True)
    _atomic_write(os.path.join(folder, RECORD_FILE), pickle.dumps((code, record), protocol=5))


def fingerprint(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _keys(fragments: Fragments) -> dict[tuple[str, str, str], str]:
    return {slot: key for slot, (key, _) in fragments.items()}


def _atomic_write(path: str, data: bytes) -> None:
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
