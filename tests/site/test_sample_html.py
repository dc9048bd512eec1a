"""Tier 3: the built sample site's HTML: languages and translations.

Links, third-party loads and the privacy meta tags are quality gates:
tests/quality/test_static_gates.py checks them on this same build.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from plaza.model.languages import language
from plaza_quality.gates import html_files as html_pages
from plaza_quality.gates import read as read_page

LANGUAGES = ["en", "es", "zh-Hans", "zh-Hant", "ko", "tl", "vi", "hy", "fa", "ru", "ja",
             "km", "ar"]


def lang_of(root: Path, path: Path) -> str:
    first = path.relative_to(root).parts[0]
    return next((code for code in LANGUAGES if code.lower() == first), "en")


def target_file(root: Path, url: str) -> Path:
    path = urlsplit(url).path
    file = root / path.lstrip("/")
    return file / "index.html" if path.endswith("/") else file


def test_every_page_declares_its_language_and_direction(sample_site):
    pages = html_pages(sample_site)
    assert len(pages) > 13 * 20
    for path in pages:
        page = read_page(path)
        lang = lang_of(sample_site, path)
        assert page.html_attrs["lang"] == lang, path
        assert page.html_attrs["dir"] == language(lang).dir, path


def test_hreflang_sets_are_complete_and_reciprocal(sample_site):
    alternates = {}
    for path in html_pages(sample_site):
        links = [attrs for tag, attrs in read_page(path).refs
                 if tag == "link" and attrs.get("hreflang")]
        alternates[path] = {attrs["hreflang"]: target_file(sample_site, attrs["href"])
                            for attrs in links}
    for path, links in alternates.items():
        assert set(links) == {*LANGUAGES, "x-default"}, path
        assert links[lang_of(sample_site, path)] == path
        for other in links.values():
            assert alternates[other] == links, (path, other)


def test_untranslated_content_is_shown_with_its_language(sample_site):
    page = (sample_site / "ko/programs/community-safety-dialogue/index.html").read_text()
    assert 'class="notice notice-fallback"' in page
    assert '<div class="prose" lang="en" dir="ltr">' in page
    translated = (sample_site / "es/programs/community-safety-dialogue/index.html").read_text()
    assert "notice-fallback" not in translated


def test_rtl_pages_isolate_left_to_right_fragments(sample_site):
    page = (sample_site / "fa/events/county-town-hall/index.html").read_text()
    assert '<html lang="fa" dir="rtl">' in page
    assert '<bdi class="address" dir="ltr">500 W Temple St' in page


def test_no_interface_string_is_left_in_english(sample_site):
    """Every element whose whole text is an interface string is translated."""
    import html as html_module

    from babel.messages.pofile import read_po

    from ..unit.test_catalogs import SAME_AS_ENGLISH_OK, TRANSLATIONS

    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        msgids = [m.id for m in read_po(handle) if m.id and "%(" not in m.id
                  and m.id not in SAME_AS_ENGLISH_OK]
    needles = [">" + html_module.escape(msgid, quote=False) + "<" for msgid in msgids]
    for lang in LANGUAGES[1:]:
        for path in sorted((sample_site / lang.lower()).rglob("index.html")):
            # Content shown in its original language is not interface text.
            text = re.sub(r'<div class="prose" lang="[^"]+" dir="[^"]+">.*?</div>', "",
                          path.read_text(), flags=re.S)
            left = [n for n in needles if n in text]
            assert not left, f"{path.relative_to(sample_site)} shows in English: {left[:3]}"
