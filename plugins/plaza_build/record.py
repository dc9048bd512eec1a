"""What the last build wrote, and what each of its outputs read: the build record.

Invariant: a record is used only for the output folder it describes, exactly as that
build left it (its path, and its device, inode and change time measured after the swap:
a folder another build made can get a freed inode back, never the same change time),
made by the same code with the same page frame (``frame``: the code, theme, catalogs
and template settings). Anything else builds every output afresh.

Reads are kept in one table of keys, each with its value in that build; an output keeps
the positions of the keys it read. A key whose value is the same now is unchanged for
every output that read it, so deciding what to make again is one pass over the table.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .queries import QueryRecord
from .tracking import Key

Positions = array  # of "I": a key's position in the table


def positions_of(indices: Iterable[int]) -> Positions:
    return array("I", sorted(indices))


@dataclass
class BuildRecord:
    frame: str = ""
    output: str = ""
    output_id: str = ""
    keys: list[Key] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    # path -> positions of the keys it read (an array: one object per output, not tens)
    outputs: dict[str, Positions] = field(default_factory=dict)
    queries: dict[str, QueryRecord] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # composite -> parts
    plan: Positions = field(default_factory=lambda: array("I"))  # what the plan read
    # item ref -> (content key, listing digest), so the next build works a listing out
    # again only for an item whose content changed
    listings: dict[str, tuple[str, str]] = field(default_factory=dict)

    def describes(self, output: str, frame: str) -> bool:
        return (bool(output) and self.output == output and self.frame == frame
                and self.output_id == folder_id(output))

    def changed_keys(self, value: Callable[[Key], str]) -> set[int]:
        """Positions of the keys whose value is not the same in this build."""
        return {index for index, (key, before) in enumerate(zip(self.keys, self.values,
                                                                strict=True))
                if value(key) != before}

    def reads_of(self, path: str) -> list[Key]:
        return [self.keys[index] for index in self.outputs.get(path, ())]


def record_of(frame: str, output: str, reads: Mapping[str, Iterable[Key]],
              value: Callable[[Key], str], queries: Mapping[str, QueryRecord],
              plan_reads: Iterable[Key] = ()) -> BuildRecord:
    """A record of a full build: every output's reads, each key once with its value."""
    record = BuildRecord(frame, output)
    return updated_record(record, {}, reads, queries, value, plan_reads)


def updated_record(previous: BuildRecord, kept: Mapping[str, Positions],
                   made: Mapping[str, Iterable[Key]], queries: Mapping[str, QueryRecord],
                   value: Callable[[Key], str], plan_reads: Iterable[Key] = ()
                   ) -> BuildRecord:
    """The record after an update: the outputs ``kept`` keep their key positions, those
    ``made`` get theirs, and so do the plan's reads (which outputs there are); every
    key's value is this build's; shared values still read are kept, with their own reads
    in the table. When most of the table is no longer read, it is made anew."""
    keys = list(previous.keys)
    positions = {key: index for index, key in enumerate(keys)}

    def position(key: Key) -> int:
        found = positions.get(key)
        if found is None:
            found = positions[key] = len(keys)
            keys.append(key)
        return found

    outputs = dict(kept)
    for path, reads in made.items():
        outputs[path] = positions_of(position(key) for key in reads)
    plan = positions_of(position(key) for key in plan_reads)
    read = set(plan).union(*outputs.values())
    still = {key[1]: queries[key[1]] for key in (keys[i] for i in read)
             if key[0] == "shared" and key[1] in queries}
    for query in still.values():  # their own reads decide their value next time
        read.update(position(key) for key in query.reads)
    record = BuildRecord(previous.frame, previous.output, "", keys,
                         [value(key) for key in keys], outputs, still, dict(previous.members),
                         plan)
    if len(keys) > 2 * len(read) + 1024:  # mostly keys nothing reads any more
        return _compacted(record, read)
    return record


def _compacted(record: BuildRecord, read: set[int]) -> BuildRecord:
    order = sorted(read)
    renumber = {old: new for new, old in enumerate(order)}
    record.keys = [record.keys[i] for i in order]
    record.values = [record.values[i] for i in order]
    record.outputs = {path: positions_of(renumber[i] for i in indices)
                      for path, indices in record.outputs.items()}
    record.plan = positions_of(renumber[i] for i in record.plan)
    return record


def folder_id(path: str) -> str:
    """A folder's identity: device, inode and change time ("" when it does not exist)."""
    try:
        found = os.stat(path)
    except OSError:
        return ""
    return f"{found.st_dev}:{found.st_ino}:{found.st_ctime_ns}"
