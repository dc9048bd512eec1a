"""The parts composite files are assembled from, kept between builds.

Invariant: a part is taken from the store only when every key it read has the same value
now as when it was made; then its bytes are what making it again would give. A file made
of parts counts every part's reads as its own, so it is made again exactly when one of
its parts would be. Parts do not depend on the output folder, so they survive a clean
output (``make clean``) or a build without the store; only parts that outputs of this
build hold are kept, so the store cannot grow without bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .tracking import Key


@dataclass(frozen=True)
class StoredPart:
    reads: tuple[tuple[Key, str], ...]  # each key read, with its value then
    data: bytes

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple(key for key, _ in self.reads)


class Parts:
    """The parts of one build: taken from the store, or made and noted."""

    def __init__(self, stored: dict[str, StoredPart], value: Callable[[Key], str]):
        self.stored, self.value = stored, value
        self.made: dict[str, StoredPart] = {}  # made or confirmed by this build

    def current(self, key: str) -> StoredPart | None:
        """The part as it stands in this build, if known without making it."""
        found = self.made.get(key)
        if found is not None:
            return found
        before = self.stored.get(key)
        if before is not None and all(self.value(k) == v for k, v in before.reads):
            self.made[key] = before
            return before
        return None

    def keep(self, key: str, reads: set[Key], data: bytes) -> StoredPart:
        part = StoredPart(tuple(sorted((k, self.value(k)) for k in reads)), data)
        self.made[key] = part
        return part
