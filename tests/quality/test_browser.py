"""Gates in headless Chromium (Debian's chromium, driven by Playwright): accessibility
with axe-core, no third-party requests, keyboard use, small screens, right-to-left, and
pages that work with JavaScript off.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from plaza_quality.gates import AXE_JS

from .conftest import chromium_path, require

LANGUAGES = ["", "es/", "zh-hans/", "zh-hant/", "ko/", "tl/", "vi/", "hy/", "fa/", "ru/",
             "ja/", "km/", "ar/"]
PAGE_TYPES = {
    "home": "", "event list": "events/", "event": "events/county-town-hall/",
    "series": "events/monthly-coalition-meeting/",
    "program": "programs/community-safety-dialogue/", "notes": "notes/coalition-meeting-2026-10/",
    "faq index": "faq/", "faq": "faq/residents/", "plain page": "ice-free-zones/",
    "subscribe": "subscribe/", "search": "search/",
    "month": "events/2026/12/", "filter": "events/language/es/", "week": "week/",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()
    require(executable is not None, "Chromium", "apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright", "pip install playwright (no browser download needed)")
    require(AXE_JS.exists(), "axe-core", "run `npm install` in the project folder")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def axe(page, tags=WCAG_TAGS, rules=None) -> list[str]:
    page.evaluate(AXE_JS.read_text())
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else \
        {"runOnly": {"type": "tag", "values": tags}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.strip("/") or "en")
def test_axe_finds_no_violations_on_every_page_type(browser, served_site, lang):
    context = browser.new_context(bypass_csp=True)  # to inject axe, not to relax the site
    page = context.new_page()
    failures = []
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served_site}/{lang}{path}")
        failures += [f"{kind} /{lang}{path}: {v}" for v in axe(page)]
    context.close()
    assert failures == []


@pytest.mark.parametrize("lang", ["", "fa/"], ids=["en", "fa"])
def test_colour_contrast_holds_in_dark_mode(browser, served_site, lang):
    context = browser.new_context(bypass_csp=True, color_scheme="dark")
    page = context.new_page()
    failures = []
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served_site}/{lang}{path}")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        failures += [f"{kind}: {v}" for v in axe(page, rules=["color-contrast"])]
    context.close()
    assert failures == []


def test_axe_gate_fails_on_a_missing_alt(browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<!doctype html><html lang="en"><title>x</title><main>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>')
    assert any(v.startswith("image-alt") for v in axe(page))
    context.close()


def test_no_request_leaves_the_site(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for lang in ("", "fa/", "ko/"):
        for path in PAGE_TYPES.values():
            page.goto(f"{served_site}/{lang}{path}")
    context.close()
    foreign = [url for url in requests if not url.startswith(served_site)]
    assert requests and foreign == []


def test_request_gate_fails_on_a_third_party_font(browser, served_site):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requests: list[str] = []
    page.route("https://**", lambda route: route.abort())
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_site}/")
    page.evaluate("""() => { const l = document.createElement('link'); l.rel = 'stylesheet';
        l.href = 'https://fonts.example.com/font.css'; document.head.append(l); }""")
    page.wait_for_timeout(200)
    context.close()
    assert any(url.startswith("https://fonts.example.com") for url in requests)


def focus_order(browser, url: str, width: int, presses: int = 20) -> list[list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url)
    focused = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName, "
            "e.getAttribute('href') || '', e.className || ''] }"))
    page.close()
    return focused


def test_keyboard_reaches_skip_link_help_language_and_main_links(browser, served_site):
    wide = focus_order(browser, f"{served_site}/es/", 1280)
    assert wide[0] == ["A", "#main-content", "skip-link"]
    assert ["A", "/es/help/", "header-help"] in wide[:4]
    assert ["A", "/es/events/", ""] in wide and ["A", "/es/subscribe/", ""] in wide
    assert ["A", "/fa/", ""] in wide  # every language's name, in the header
    narrow = focus_order(browser, f"{served_site}/es/", 360, 6)
    assert ["A", "/es/help/", "header-help"] in narrow
    assert ["A", "#site-menu", "menu-link"] in narrow
    assert ["SUMMARY", "", ""] in narrow  # the language switcher


@pytest.mark.parametrize("lang", ["", "es/", "fa/", "km/"],
                         ids=lambda lang: lang.strip("/") or "en")
def test_program_sessions_are_read_whole_on_a_phone(browser, served_site, lang):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{served_site}/{lang}programs/community-safety-dialogue/")
    cut = page.evaluate("""() => [...document.querySelectorAll('table.sessions td')]
        .filter(td => td.scrollWidth > td.clientWidth + 1
                      || td.getBoundingClientRect().right > innerWidth)
        .map(td => td.textContent.trim())""")
    lines = page.evaluate("""() => { const td = document.querySelector('table.sessions td');
        return td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight)
        }""")
    page.close()
    assert cut == []
    assert lines < 3.5  # a date and time on three lines at most, not one word a line


def test_the_phone_menu_is_at_the_foot_of_the_page(browser, served_site):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{served_site}/es/")
    assert not page.locator("nav.main-nav").is_visible()
    page.locator("a.menu-link").click()
    assert page.locator("#site-menu a[href='/es/events/']").is_visible()
    assert page.evaluate("location.hash") == "#site-menu"
    page.close()


def test_the_header_is_short_on_a_phone(browser, served_site):
    tall = []
    for lang in LANGUAGES:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(f"{served_site}/{lang}")
        height = page.locator("header.site-header").bounding_box()["height"]
        if height > 150:
            tall.append(f"{lang or 'en'}: {height:.0f}px")
        page.close()
    assert tall == []


def test_help_and_the_first_meeting_are_above_the_fold_on_a_phone(browser, served_site):
    below = []
    for lang in ("", "es/", "fa/", "ko/", "km/"):
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(f"{served_site}/{lang}")
        # The help heading, and the first meeting's title: at least its first line.
        for what, shown in (("section.help h2", None), ("#next-meetings ~ * a", 28)):
            box = page.locator(what).first.bounding_box()
            if box is None or box["y"] + (shown or box["height"]) > 800:
                below.append(f"{lang or 'en'} {what}: {box}")
        page.close()
    assert below == []


def test_skip_link_moves_focus_to_main(browser, served_site):
    page = browser.new_page()
    page.goto(f"{served_site}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.close()


@pytest.mark.parametrize("lang", ["", "tl/", "hy/", "ru/", "km/", "fa/"],
                         ids=lambda lang: lang.strip("/") or "en")
def test_skip_link_is_hidden_until_focused_at_every_width(browser, served_site, lang):
    # Its text wraps to two or three lines at 320 px in some languages: moving it just
    # above the top of the page left a strip of it showing.
    for width in (320, 1280):
        page = browser.new_page(viewport={"width": width, "height": 640})
        page.goto(f"{served_site}/{lang}")
        hidden = page.locator(".skip-link").bounding_box()
        assert hidden is None or hidden["width"] * hidden["height"] <= 1 \
            or hidden["y"] + hidden["height"] <= 0, (width, hidden)
        page.keyboard.press("Tab")
        shown = page.locator(".skip-link").bounding_box()
        assert shown is not None and shown["y"] >= 0 and shown["x"] >= 0, (width, shown)
        assert shown["x"] + shown["width"] <= width and shown["height"] >= 24, (width, shown)
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.strip("/") or "en")
def test_usable_at_320_pixels_without_horizontal_scrolling(browser, served_site, lang):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    wide = []
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served_site}/{lang}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{kind}: {width}px")
    page.close()
    assert wide == []


@pytest.mark.parametrize("lang", ["fa/", "ar/"])
def test_rtl_pages_are_mirrored(browser, served_site, lang):
    page = browser.new_page(viewport={"width": 800, "height": 600})
    page.goto(f"{served_site}/{lang}")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    name = page.locator(".site-name").bounding_box()
    assert name["x"] + name["width"] > 800 / 2  # the site name starts on the right
    page.goto(f"{served_site}/")
    name = page.locator(".site-name").bounding_box()
    assert name["x"] < 800 / 2
    page.close()


@pytest.mark.parametrize("lang", ["", "fa/", "ko/"], ids=["en", "fa", "ko"])
def test_the_month_is_a_table_on_a_large_screen_and_a_list_of_days_on_a_phone(
        browser, served_site, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served_site}/{lang}events/2026/12/")
    headers = page.locator(".month-grid thead th")
    assert headers.count() == 7
    first, last = headers.first.bounding_box(), headers.last.bounding_box()
    # The week's first day is on the reading side: left in English, right in Persian.
    assert (first["x"] > last["x"]) == (lang == "fa/")
    assert page.locator(".month-grid td.day").first.is_visible()
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".month-grid thead").bounding_box()["height"] <= 1
    shown = page.locator(".month-grid td:visible")
    with_events = page.locator(".month-grid td.has-events")
    assert shown.count() == with_events.count() > 0  # empty days and blanks are hidden
    assert page.locator(".month-grid td.has-events .day-date").first.is_visible()
    assert not page.locator(".month-grid td.has-events .day-number").first.is_visible()
    boxes = [shown.nth(index).bounding_box() for index in range(shown.count())]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 360 for box in boxes)
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)  # one column
    page.close()


def test_every_page_type_works_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in PAGE_TYPES.values():
        page.goto(f"{served_site}/ko/{path}")
        assert page.locator("main h1").is_visible()
    assert page.locator("nav.language-list a[hreflang=fa]").is_visible()
    context.close()
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{served_site}/ko/")
    page.locator("details.language-switcher summary").click()
    assert page.locator("details.language-switcher a[hreflang=fa]").is_visible()
    context.close()


def test_a_series_page_shows_when_where_and_add_to_calendar_on_a_phones_first_screen(
        browser, served_site):
    """At 360 × 800: the rule in words, the next date, where, and the calendar button.
    (Pages showing a note that the translation is missing or stale, and languages that
    take more lines, fit when and where; the button comes a few lines later.)"""
    below = []
    for lang in ("", "es/", "zh-hans/", "zh-hant/", "ko/", "tl/", "vi/", "hy/", "fa/", "ru/",
                 "ja/", "km/", "ar/"):
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(f"{served_site}/{lang}events/monthly-coalition-meeting/")
        wanted = [".series-rule", ".when-block .when", ".details dt"]
        if lang in ("", "zh-hans/", "zh-hant/", "ko/", "ja/", "tl/"):
            wanted.append("a.button[download]")
        for what in wanted:
            box = page.locator(what).first.bounding_box()
            if box is None or box["y"] + box["height"] > 800:
                below.append(f"{lang or 'en'} {what}: {box}")
        page.close()
    assert below == []
