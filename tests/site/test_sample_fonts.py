"""The built sample and its fonts: every Khmer and Armenian character any published file
holds (the km and hy pages, the language lists on every page, calendars, feeds) is one the
self-hosted font has, so no reader without the script sees a box."""

from __future__ import annotations

import pytest

from scripts.fonts import SCRIPTS, coverage

TEXT_SUFFIXES = {".html", ".ics", ".xml", ".json", ".txt"}


@pytest.mark.parametrize(("script", "folder"), [("khmer", "km"), ("armenian", "hy")])
def test_the_font_has_every_character_of_its_script_in_the_built_site(sample_site, script,
                                                                      folder):
    blocks = SCRIPTS[script].blocks
    has = coverage(SCRIPTS[script].woff2.read_bytes())
    used: dict[int, str] = {}
    for path in sorted(sample_site.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        for c in {ord(c) for c in path.read_text(encoding="utf-8", errors="replace")}:
            if any(first <= c <= last for first, last in blocks):
                used.setdefault(c, str(path.relative_to(sample_site)))
    in_language = {c for c, where in used.items() if where.startswith(f"{folder}/")}
    assert len(in_language) > 40, f"the sample's /{folder}/ pages should be in the script"
    assert {f"U+{c:04X} in {used[c]}" for c in set(used) - has} == set()
