"""What a build keeps for the next one (the cache/ folder), keyed by content hashes.

- validated items, keyed by the bytes of their files, the settings and Plaza's own code;
- every output file's fingerprint (a hash of everything its template was given), so an
  unchanged page is linked from the previous output instead of rendered again.

A build never trusts a fingerprint whose file is not in the previous output, and the
manifest is saved only after the new output is in place, so a failed build cannot leave
the two out of step. Anything unreadable is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .models import Item

CODE_ROOTS = (Path(__file__).resolve().parent,)
ITEMS_FILE = "items.pickle"
MANIFEST_FILE = "manifest.json"
STAGED_MANIFEST = ".plaza-manifest.json"  # in the new output until it is swapped in


def code_fingerprint(*extra_roots: str) -> str:
    """Plaza's code, the theme (templates, CSS, catalogs) and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for root in (*CODE_ROOTS, *map(Path, extra_roots)):
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


class BuildCache:
    def __init__(self, folder: str | None, code: str):
        self.folder, self.code = folder, code
        self.items: dict[str, Item] = {}
        self.events: dict[str, Any] = {}  # serialized VEVENTs, see ical.CalendarBuilder
        self.sources: dict[str, Any] = {}  # parsed and checked files, see loader._read
        self.used_sources: dict[str, Any] = {}
        self.manifest: dict[str, str] = {}
        self.manifest_output = ""  # the output folder the manifest describes
        self.used_items: dict[str, Item] = {}
        if folder:
            self._load()

    def _load(self) -> None:
        assert self.folder
        try:
            with open(os.path.join(self.folder, ITEMS_FILE), "rb") as handle:
                code, items, events, sources = pickle.load(handle)  # noqa: S301 - ours
            if code == self.code:
                self.items, self.events, self.sources = items, events, sources
            with open(os.path.join(self.folder, MANIFEST_FILE), encoding="utf-8") as handle:
                manifest = json.load(handle)
            if manifest.get("code") == self.code:
                self.manifest = manifest["files"]
                self.manifest_output = manifest.get("output", "")
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, KeyError,
                AttributeError, TypeError):
            self.items, self.events, self.sources, self.manifest = {}, {}, {}, {}

    def item(self, key: str) -> Item | None:
        found = self.items.get(key)
        if found is not None:
            self.used_items[key] = found
        return found

    def remember(self, key: str, item: Item) -> None:
        self.used_items[key] = item

    def source(self, key: str) -> Any:
        found = self.sources.get(key)
        if found is not None:
            self.used_sources[key] = found
        return found

    def remember_source(self, key: str, source: Any) -> None:
        self.used_sources[key] = source

    def save_items(self, events: dict[str, Any]) -> None:
        """Keep the items and events this build used (not those whose files are gone)."""
        if not self.folder:
            return
        os.makedirs(self.folder, exist_ok=True)
        _atomic_write(os.path.join(self.folder, ITEMS_FILE),
                      pickle.dumps((self.code, self.used_items, events, self.used_sources),
                                   protocol=5))

    def manifest_text(self, files: dict[str, str], output: str) -> bytes:
        return json.dumps({"code": self.code, "output": output,
                           "files": dict(sorted(files.items()))}).encode()

    def fingerprints_for(self, output: str) -> dict[str, str]:
        """The previous fingerprints, if they describe ``output`` (one cache may serve
        builds into different folders; a manifest is only valid for its own)."""
        return self.manifest if output and self.manifest_output == output else {}


def install_manifest(output: str, folder: str | None) -> None:
    """Move the manifest a build left in its output into the cache, after the swap."""
    staged = os.path.join(output, STAGED_MANIFEST)
    if not os.path.exists(staged):
        return
    if folder:
        os.makedirs(folder, exist_ok=True)
        os.replace(staged, os.path.join(folder, MANIFEST_FILE))
    else:
        os.remove(staged)


def fingerprint(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _atomic_write(path: str, data: bytes) -> None:
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
