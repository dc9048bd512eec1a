"""Tier 3: the self-hosted Khmer and Armenian fonts in Chromium (docs/fonts.md).

Chromium is given its own fontconfig setup, so the tests do not depend on the fonts this
machine happens to have: "a phone without the script" is the system's fonts with every
Khmer- and Armenian-capable font rejected, "a phone with it" is the system's fonts plus
the committed fonts installed as system fonts. Each Khmer or Armenian run of text on a
page is measured where it stands (in its element, so with its language, weight and font
stack) through the DevTools protocol's ``CSS.getPlatformFontsForNode``, which names the
font each glyph was drawn with: any font but one that has the script draws boxes.
"""

from __future__ import annotations

import io
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.fonts import SCRIPTS

from .conftest import chromium_path, require
from .test_browser import CHROMIUM_ARGS, PAGE_TYPES

KHMER = r"[\u1780-\u17FF\u19E0-\u19FF]"
# The language, the characters of its script, and the family its font names itself.
LANGUAGES = {
    # (Khmer with the joiners and zero-width spaces inside a run, which shaping needs.)
    "km": ("khmer", KHMER + rf"(?:[\u200B-\u200D]*{KHMER})*", "Noto Sans Khmer"),
    "hy": ("armenian", r"[\u0530-\u058F\uFB13-\uFB17]+", "Noto Sans Armenian"),
}
# Each run of the script in the page's text, once per element language and weight, put
# back as a span of its own (an inline block, so that it is shaped on its own) at the end
# of the element it stands in.
PROBE = r"""(pattern) => {
  const script = new RegExp(pattern, 'gu');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  const seen = new Set(), runs = [];
  for (const text of texts) {
    const element = text.parentElement;
    // Not drawn: no box, or inside a closed <details> (its content is kept from
    // rendering by content-visibility, yet still has boxes).
    if (!element || element.getClientRects().length === 0 || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    for (const run of text.data.match(script) || []) {
      const key = [run, style.fontWeight, style.fontFamily].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const probe = document.createElement('span');
      probe.dataset.fontProbe = String(runs.length);
      probe.textContent = run;
      probe.style.display = 'inline-block';  // shaped alone, not with the text before it
      element.append(probe);
      runs.push(run);
    }
  }
  return runs;
}"""


def fontconfig(folder: Path, *, reject: tuple[str, ...] = (), add: Path | None = None) -> str:
    """A fontconfig file: the system's setup, less the fonts for ``reject``'s languages,
    plus the fonts in ``add``."""
    folder.mkdir(parents=True, exist_ok=True)
    rejected = "".join(f'<pattern><patelt name="lang"><string>{lang}</string></patelt>'
                       "</pattern>" for lang in reject)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + (f"  <dir>{add}</dir>\n" if add else "")
        + f"  <cachedir>{folder / 'cache'}</cachedir>\n"
        + (f"  <selectfont><rejectfont>{rejected}</rejectfont></selectfont>\n"
           if reject else "")
        + "</fontconfig>\n", encoding="utf-8")
    return str(config)


@pytest.fixture(scope="module")
def playwright() -> Iterator[object]:
    require(chromium_path() is not None, "Chromium", "apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright", "pip install playwright (no browser download needed)")
    with sync_playwright() as instance:
        yield instance


def launch(playwright, config: str):
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=chromium_path(), args=CHROMIUM_ARGS,
        env={**os.environ, "FONTCONFIG_FILE": config})


@pytest.fixture(scope="module")
def bare_browser(playwright, tmp_path_factory) -> Iterator[object]:
    """Chromium on a device with no Khmer or Armenian font."""
    browser = launch(playwright, fontconfig(tmp_path_factory.mktemp("bare"),
                                            reject=("km", "hy")))
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def equipped_browser(playwright, tmp_path_factory) -> Iterator[object]:
    """Chromium on a device that has Noto Sans Khmer and Noto Sans Armenian installed."""
    from fontTools.ttLib import TTFont

    folder = tmp_path_factory.mktemp("equipped")
    installed = folder / "fonts"
    installed.mkdir()
    for script in SCRIPTS.values():
        font = TTFont(io.BytesIO(script.woff2.read_bytes()))
        font.flavor = None
        font.save(installed / f"{script.stem}.ttf")
    browser = launch(playwright, fontconfig(folder / "config", add=installed))
    yield browser
    browser.close()


def rendered(page, pattern: str) -> list[tuple[str, list[dict]]]:
    """Each run of ``pattern`` on the page with the fonts Chromium drew it with."""
    page.evaluate("async () => { await document.fonts.ready; }")
    runs = page.evaluate(PROBE, pattern)
    page.evaluate("async () => { await document.fonts.ready; }")
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = []
    for node in session.send("DOM.querySelectorAll",
                             {"nodeId": root, "selector": "[data-font-probe]"})["nodeIds"]:
        index = int(session.send("DOM.getAttributes", {"nodeId": node})["attributes"][1])
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        found.append((runs[index], fonts))
    session.detach()
    assert len(found) == len(runs)
    return found


def boxes(runs: list[tuple[str, list[dict]]], family: str, *, custom: bool) -> list[str]:
    """The runs drawn with any font but ``family`` (the self-hosted one when ``custom``):
    on a device without the script, those glyphs are boxes."""
    return [f"{run!r}: {font['familyName']} ({font['postScriptName']}, "
            f"{'web' if font['isCustomFont'] else 'system'} font, {font['glyphCount']} glyphs)"
            for run, fonts in runs for font in fonts
            if font["familyName"] != family or font["isCustomFont"] != custom
            or font["glyphCount"] == 0] + \
        [f"{run!r}: drawn with no font" for run, fonts in runs if not fonts]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_khmer_and_armenian_pages_show_no_box_on_a_device_without_those_fonts(
        bare_browser, served_site, lang):
    _, pattern, family = LANGUAGES[lang]
    page = bare_browser.new_page()
    problems, measured = [], 0
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served_site}/{lang}/{path}")
        runs = rendered(page, pattern)
        measured += len(runs)
        problems += [f"{kind} /{lang}/{path}: {problem}"
                     for problem in boxes(runs, family, custom=True)]
    page.close()
    assert measured > 100  # the pages are really in the script
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_check_finds_boxes_without_the_self_hosted_fonts(bare_browser, served_site, lang):
    """The same page, its stylesheet without the @font-face rules: the check must fail."""
    _, pattern, family = LANGUAGES[lang]
    page = bare_browser.new_page()

    def without_font_faces(route) -> None:
        css = route.fetch().text()
        route.fulfill(body=re.sub(r"@font-face\s*\{.*?\}", "", css, flags=re.S),
                      content_type="text/css")

    page.route("**/theme/css/*.css", without_font_faces)
    page.goto(f"{served_site}/{lang}/")
    problems = boxes(rendered(page, pattern), family, custom=True)
    page.close()
    assert problems
    assert all(family not in problem for problem in problems)


def test_fonts_come_from_the_site_and_only_for_a_page_that_shows_the_script(
        bare_browser, served_site):
    page = bare_browser.new_page()
    responses: list[tuple[str, int]] = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    fonts = {script.stem: script.woff2.read_bytes() for script in SCRIPTS.values()}
    for lang in LANGUAGES:
        page.goto(f"{served_site}/{lang}/")
        page.evaluate("async () => { await document.fonts.ready; }")
    assert [url for url, _ in responses if not url.startswith(served_site)] == []
    loaded = {url: status for url, status in responses if "/fonts/" in url}
    # Each font once (both weights' rules name one file), under its fingerprinted name.
    assert sorted(re.sub(r".*/theme/fonts/(.*)\.[0-9a-f]{10}\.woff2$", r"\1", url)
                  for url in loaded) == sorted(fonts)
    for url, status in loaded.items():
        assert status in (200, 304)  # 304: the same font again, still fresh
        with urllib.request.urlopen(url) as response:
            assert response.read() in fonts.values()

    # unicode-range: on the English home page the language list (a closed <details>) is
    # the only Khmer and Armenian; opened, it loads both fonts; without those two names,
    # opened, it loads neither.
    def fonts_loaded_by_the_opened_language_list() -> list[str]:
        responses.clear()
        page.goto(f"{served_site}/")
        page.evaluate("async () => { document.querySelectorAll('details')"
                      ".forEach(d => { d.open = true; }); await document.fonts.ready; }")
        assert responses
        return [url for url, _ in responses if "/fonts/" in url]

    assert len(fonts_loaded_by_the_opened_language_list()) == len(fonts)

    def without_other_scripts(route) -> None:
        html = route.fetch().text()
        route.fulfill(body=re.sub(r"[\u0530-\u058F\u1780-\u17FF]+", "", html),
                      content_type="text/html; charset=utf-8")

    page.close()  # a new page (and context): the fonts are in this one's cache
    page = bare_browser.new_page()
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.route(f"{served_site}/", without_other_scripts)
    assert fonts_loaded_by_the_opened_language_list() == []
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_device_that_has_the_fonts_downloads_nothing(equipped_browser, served_site, lang):
    _, pattern, family = LANGUAGES[lang]
    page = equipped_browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_site}/{lang}/")
    runs = rendered(page, pattern)
    page.close()
    assert runs and boxes(runs, family, custom=False) == []
    assert requests and [url for url in requests if "/fonts/" in url] == []


# Khmer as a hostile or careless contributor may write it: a subscript sign (coeng) with
# nothing to stack, vowel signs and marks without a base (HarfBuzz shows them on a dotted
# circle, which the font has), a pile of the same mark, joiners and zero-width spaces
# between every letter, Khmer symbols, digits and lunar dates, and the hostile strings
# every field is tested with.
HOSTILE_KHMER = [
    "\u17d2", "\u17b6\u17c6\u17cb", "\u1780" + "\u17cb" * 30,
    "\u1780\u17d2\u1780\u17d2\u1780\u17d2\u1780",
    "\u1780\u200d\u17d2\u200c\u1781\u200b\u1782", "\u19e0\u19f0\u19ff", "\u17e0\u17e9\u17f0",
    "\u17d4\u17d5\u17d6\u17d7\u17d8\u17d9\u17da\u17db\u17dc\u17dd", "\u1780\u17dd\u17d3",
]


def test_hostile_khmer_is_drawn_with_the_font_and_never_as_boxes(bare_browser, served_site):
    from tests.hostile import PAYLOADS

    _, pattern, family = LANGUAGES["km"]
    page = bare_browser.new_page()
    page.goto(f"{served_site}/km/")
    page.evaluate("""texts => { const main = document.querySelector('main');
        for (const text of texts) { const p = document.createElement('p');
          p.textContent = text; main.prepend(p); } }""",
                  [*HOSTILE_KHMER, *(f"\u1780\u17d2{p}\u17b6" for p in PAYLOADS.values())])
    runs = rendered(page, pattern)
    page.close()
    drawn = {run for run, _ in runs}
    assert {"\u17d2", "\u19e0\u19f0\u19ff", HOSTILE_KHMER[4]} <= drawn
    assert boxes(runs, family, custom=True) == []
