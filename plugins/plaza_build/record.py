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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .queries import QueryRecord
from .tracking import Key


@dataclass
class BuildRecord:
    frame: str = ""
    output: str = ""
    output_id: str = ""
    keys: list[Key] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    outputs: dict[str, tuple[int, ...]] = field(default_factory=dict)  # path -> key positions
    queries: dict[str, QueryRecord] = field(default_factory=dict)

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
              value: Callable[[Key], str], queries: dict[str, QueryRecord]) -> BuildRecord:
    """A record of this build: every output's reads, each key once with its value."""
    positions: dict[Key, int] = {}
    keys: list[Key] = []
    outputs: dict[str, tuple[int, ...]] = {}
    for path in sorted(reads):
        indices = []
        for key in reads[path]:
            index = positions.get(key)
            if index is None:
                index = positions[key] = len(keys)
                keys.append(key)
            indices.append(index)
        outputs[path] = tuple(sorted(indices))
    return BuildRecord(frame, output, "", keys, [value(key) for key in keys], outputs,
                       queries)


def folder_id(path: str) -> str:
    """A folder's identity: device, inode and change time ("" when it does not exist)."""
    try:
        found = os.stat(path)
    except OSError:
        return ""
    return f"{found.st_dev}:{found.st_ino}:{found.st_ctime_ns}"
