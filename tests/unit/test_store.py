"""The cache folder holds only what this machine's Plaza sealed; anything else is missing."""

import os
import pickle
import stat

import pytest

from plaza_build.store import MAGIC, SEAL_BYTES, Store, cache_key

KEY = b"k" * 32


@pytest.fixture
def store(tmp_path):
    return Store(str(tmp_path / "cache"), "code", key=KEY)


def test_what_is_written_is_read_back(store):
    store.write("items.pickle", {"a": [1, 2]})
    assert store.read("items.pickle", None) == {"a": [1, 2]}


def test_a_file_sealed_with_another_key_is_not_unpickled(store, tmp_path):
    Store(store.folder, "code", key=b"x" * 32).write("items.pickle", {"forged": 1})
    assert store.read("items.pickle", "missing") == "missing"


def test_a_raw_pickle_is_never_loaded(store, monkeypatch):
    """A pickle committed with a pull request could run code when loaded."""
    path = os.path.join(store.folder, "items.pickle")
    os.makedirs(store.folder)
    with open(path, "wb") as handle:
        handle.write(pickle.dumps(("code", {"forged": 1})))
    monkeypatch.setattr(pickle, "loads", lambda *_: pytest.fail("unpickled"))
    assert store.read("items.pickle", "missing") == "missing"


def test_a_forged_seal_is_refused(store):
    store.write("items.pickle", {"a": 1})
    path = os.path.join(store.folder, "items.pickle")
    with open(path, "rb") as handle:
        data = handle.read()
    payload = pickle.dumps(("code", {"forged": 1}))
    with open(path, "wb") as handle:
        handle.write(data[: len(MAGIC) + SEAL_BYTES] + payload)
    assert store.read("items.pickle", "missing") == "missing"


def test_another_code_version_reads_as_missing(store):
    Store(store.folder, "other code", key=KEY).write("items.pickle", {"a": 1})
    assert store.read("items.pickle", "missing") == "missing"


def test_a_fifo_or_a_link_in_place_of_a_file_is_missing(store, tmp_path):
    os.makedirs(store.folder)
    os.mkfifo(os.path.join(store.folder, "items.pickle"))
    Store(str(tmp_path / "elsewhere"), "code", key=KEY).write("record.pickle", {"a": 1})
    os.symlink(tmp_path / "elsewhere" / "record.pickle",
               os.path.join(store.folder, "record.pickle"))
    assert store.read("items.pickle", "missing") == "missing"  # and did not hang
    assert store.read("record.pickle", "missing") == "missing"  # not followed


def test_a_link_at_a_temporary_name_is_not_followed(store, tmp_path):
    target = tmp_path / "secret"
    target.write_text("keep me")
    os.makedirs(store.folder)
    for name in ("items.pickle.tmp", f"items.pickle.{os.getpid()}.tmp"):
        os.symlink(target, os.path.join(store.folder, name))
    store.write("items.pickle", {"a": 1})
    assert target.read_text() == "keep me"
    assert store.read("items.pickle", None) == {"a": 1}


def test_a_folder_in_place_of_a_file_costs_only_time(store):
    os.makedirs(os.path.join(store.folder, "parts.pickle"))
    store.write("parts.pickle", {"a": 1})  # no exception
    assert store.read("parts.pickle", "missing") == "missing"
    assert [name for name in os.listdir(store.folder) if name.endswith(".tmp")] == []


def test_the_key_is_made_once_private_and_reused(tmp_path):
    path = str(tmp_path / "keys" / "cache-key")
    first = cache_key(path)
    assert len(first) == 32 and cache_key(path) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_key_that_cannot_be_kept_still_builds(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert len(cache_key(str(blocker / "cache-key"))) == 32  # a key for this build only
