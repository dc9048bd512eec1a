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


# As stored: (reads, data) pairs, which unpickle twice as fast as dataclasses.
Stored = dict[str, tuple[tuple[tuple[Key, str], ...], bytes]]


class Parts:
    """The parts of one build: taken from the store, or made and noted."""

    def __init__(self, stored: Callable[[], Stored], value: Callable[[Key], str]):
        self._read_stored, self.value = stored, value
        self._stored: Stored | None = None
        self.made: dict[str, StoredPart] = {}  # made or confirmed by this build
        self.fresh = False  # a part was made anew

    @property
    def stored(self) -> Stored:
        """The parts of earlier builds, read from the store when first needed (a build
        that assembles no file never reads them)."""
        if self._stored is None:
            self._stored = self._read_stored()
        return self._stored

    def preload(self) -> None:
        """Read the stored parts now (before workers fork, so that they are read once)."""
        _ = self.stored

    def current(self, key: str) -> StoredPart | None:
        """The part as it stands in this build, if known without making it."""
        found = self.made.get(key)
        if found is not None:
            return found
        before = self.stored.get(key)
        if before is not None and all(self.value(k) == v for k, v in before[0]):
            self.made[key] = StoredPart(*before)
            return self.made[key]
        return None

    def keep(self, key: str, reads: set[Key], data: bytes) -> StoredPart:
        part = StoredPart(tuple(sorted((k, self.value(k)) for k in reads)), data)
        self.made[key] = part
        self.fresh = True
        return part

    def to_store(self, made: dict[str, StoredPart], held: set[str]) -> Stored:
        """The parts to keep: those ``held`` by this build's files, made now or before."""
        kept = {key: part for key, part in self.stored.items() if key in held}
        kept.update((key, (part.reads, part.data)) for key, part in made.items()
                    if key in held)
        return kept
