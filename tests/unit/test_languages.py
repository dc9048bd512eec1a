"""The languages Plaza knows: codes, directions and the locale forms other formats need."""

from __future__ import annotations

import pytest

from plaza.model.languages import KNOWN_LANGUAGES, language


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "en_US"), ("es", "es_US"), ("zh-Hans", "zh_CN"), ("zh-Hant", "zh_TW"),
    ("tl", "fil_PH"), ("fa", "fa_IR"), ("ar", "ar"),
])
def test_open_graph_locale_is_language_and_territory_without_script(code, expected):
    assert language(code).og_locale == expected


def test_every_known_language_has_an_open_graph_locale_of_two_parts_at_most():
    for info in KNOWN_LANGUAGES.values():
        parts = info.og_locale.split("_")
        assert 1 <= len(parts) <= 2 and all(len(part) in (2, 3) for part in parts), info
