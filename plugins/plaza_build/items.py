"""The parsed-file and item caches: reading and validating are done once per content.

Invariant: a parsed file is kept only when it had no problem, keyed by the settings, its
type, its shown path and the hash of its bytes; an item is keyed by its content key (the
code, the settings, and the path and hash of its original and each translation). Either
is reused only for exactly those inputs, so a reused one is what reading or validating
again would give. Only entries this build used are kept.

The cache is kept in ``SHARDS`` files by key, and a file is written only when its
entries changed: an edit rewrites one sixteenth of the cache, not all of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from plaza.model.models import Item
from plaza.reading.assemble import ParsedFile

from .store import Store

SHARDS = 16


def shard_of(key: str) -> int:
    """Keys are hex digests: their first two digits spread them evenly."""
    return int(key[:2], 16) % SHARDS


def shard_name(index: int) -> str:
    return f"items-{index:02d}.pickle"


@dataclass
class ItemCache:
    parsed: dict[str, ParsedFile] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    used_parsed: dict[str, ParsedFile] = field(default_factory=dict)
    used_items: dict[str, Item] = field(default_factory=dict)

    def parsed_file(self, key: str) -> ParsedFile | None:
        found = self.parsed.get(key)
        if found is not None:
            self.used_parsed[key] = found
        return found

    def keep_parsed(self, key: str, parsed: ParsedFile) -> None:
        self.used_parsed[key] = parsed

    def item(self, key: str) -> Item | None:
        found = self.items.get(key)
        if found is not None:
            self.used_items[key] = found
        return found

    def keep_item(self, key: str, item: Item) -> None:
        self.used_items[key] = item

    @classmethod
    def read(cls, store: Store) -> ItemCache:
        cache = cls()
        for index in range(SHARDS):
            parsed, items = store.read(shard_name(index), ({}, {}))
            cache.parsed.update(parsed)
            cache.items.update(items)
        return cache

    def write(self, store: Store) -> None:
        """Each shard whose entries are not the ones it holds."""
        before = zip(_by_shard(self.parsed), _by_shard(self.items), strict=True)
        now = zip(_by_shard(self.used_parsed), _by_shard(self.used_items), strict=True)
        for index, (old, new) in enumerate(zip(before, now, strict=True)):
            if old != new:
                parsed, items = new
                store.write(shard_name(index), (
                    {key: self.used_parsed[key] for key in parsed},
                    {key: self.used_items[key] for key in items}))


def _by_shard(keys: Iterable[str]) -> list[set[str]]:
    shards: list[set[str]] = [set() for _ in range(SHARDS)]
    for key in keys:
        shards[shard_of(key)].add(key)
    return shards
