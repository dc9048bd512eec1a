"""The parsed-file and item caches: reading and validating are done once per content.

Invariant: a parsed file is kept only when it had no problem, keyed by the settings, its
type, its shown path and the hash of its bytes; an item is keyed by its content key (the
code, the settings, and the path and hash of its original and each translation). Either
is reused only for exactly those inputs, so a reused one is what reading or validating
again would give. Only entries this build used are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plaza.model.models import Item
from plaza.reading.assemble import ParsedFile


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

    @property
    def changed(self) -> bool:
        return self.used_parsed.keys() != self.parsed.keys() or \
            self.used_items.keys() != self.items.keys()

    def kept(self) -> tuple[dict[str, ParsedFile], dict[str, Item]]:
        return self.used_parsed, self.used_items
