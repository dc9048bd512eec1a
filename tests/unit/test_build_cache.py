"""The build cache saves work without ever hiding a change."""

from __future__ import annotations

import os

from plaza import loader
from plaza.cache import BuildCache
from plaza.loader import load_site
from plaza.models import Kind

from ..conftest import make_config

EVENT = "---\ntitle: Meeting {n}\nstart: 2026-12-03 18:00\nduration: 1h\n---\nBody.\n"


def load(tree, folder):
    cache = BuildCache(str(folder), "code")
    site = load_site(str(tree.content), make_config(), cache=cache)
    cache.save_items()
    return site


def test_an_unchanged_file_is_not_read_again(tree, tmp_path, monkeypatch):
    tree.write("events/meeting.md", EVENT.format(n=1))
    load(tree, tmp_path / "cache")
    reads = []
    original = loader._bytes
    monkeypatch.setattr(loader, "_bytes", lambda path: reads.append(path) or original(path))
    site = load(tree, tmp_path / "cache")
    assert reads == []
    assert site.get(Kind.EVENT, "meeting").original.title == "Meeting 1"


def test_an_edit_of_the_same_size_is_seen(tree, tmp_path):
    path = tree.write("events/meeting.md", EVENT.format(n=1))
    load(tree, tmp_path / "cache")
    before = os.stat(path)
    path.write_text(EVENT.format(n=2))  # same length, new bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old mtime
    site = load(tree, tmp_path / "cache")
    assert site.get(Kind.EVENT, "meeting").original.title == "Meeting 2"
