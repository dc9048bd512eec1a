"""The build's caches save work without ever hiding a change."""

from __future__ import annotations

import os

from plaza.model.models import Kind
from plaza_build.items import SHARDS, shard_name
from plaza_build.loading import Project, load
from plaza_build.store import Store
from plaza_sources import content_files

from ..conftest import make_config

EVENT = "---\ntitle: Meeting {n}\nstart: 2026-12-03 18:00\nduration: 1h\n---\nBody.\n"


def loaded(tree, folder):
    project = Project(str(tree.root), str(tree.content), make_config(), "", "", str(folder))
    return load(project, Store(str(folder), "code")).site


def test_an_unchanged_file_is_not_read_again(tree, tmp_path, monkeypatch):
    tree.write("events/meeting.md", EVENT.format(n=1))
    loaded(tree, tmp_path / "cache")
    reads = []
    original = content_files.read
    monkeypatch.setattr(content_files, "read", lambda path: reads.append(path) or
                        original(path))
    site = loaded(tree, tmp_path / "cache")
    assert reads == []
    assert site.get(Kind.EVENT, "meeting").original.title == "Meeting 1"


def test_an_edit_of_the_same_size_is_seen(tree, tmp_path):
    path = tree.write("events/meeting.md", EVENT.format(n=1))
    loaded(tree, tmp_path / "cache")
    before = os.stat(path)
    path.write_text(EVENT.format(n=2))  # same length, new bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old mtime
    site = loaded(tree, tmp_path / "cache")
    assert site.get(Kind.EVENT, "meeting").original.title == "Meeting 2"


def test_a_cache_from_other_code_is_not_used(tree, tmp_path):
    tree.write("events/meeting.md", EVENT.format(n=1))
    loaded(tree, tmp_path / "cache")
    project = Project(str(tree.root), str(tree.content), make_config(), "", "",
                      str(tmp_path / "cache"))
    store = Store(str(tmp_path / "cache"), "other code")
    assert all(store.read(shard_name(index), None) is None for index in range(SHARDS))
    assert any((tmp_path / "cache" / shard_name(index)).exists() for index in range(SHARDS))
    assert load(project, store).site.get(Kind.EVENT, "meeting") is not None
