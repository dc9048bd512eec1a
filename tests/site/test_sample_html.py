"""Tier 3: the built sample site's HTML: languages and translations.

Links, third-party loads and the privacy meta tags are quality gates:
tests/quality/test_static_gates.py checks them on this same build.
"""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from plaza.model.languages import language
from plaza.publishing.admin import AdminSettings
from plaza.publishing.hosting import fingerprinted, headers_file, linked
from plaza_quality.gates import html_files as html_pages
from plaza_quality.gates import read as read_page

LANGUAGES = ["en", "es", "zh-Hans", "zh-Hant", "ko", "tl", "vi", "hy", "fa", "ru", "ja",
             "km", "ar"]


PUBLIC_URL = runpy.run_path(str(Path(__file__).parents[2] / "pelicanconf.py"))[
    "PLAZA_PUBLIC_URL"].rstrip("/")
RE_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def public_url_of(root: Path, path: Path) -> str:
    return f"{PUBLIC_URL}/{path.relative_to(root).as_posix().removesuffix('index.html')}"


def head_of(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]], str]:
    """A page's meta contents by name or property, link hrefs by rel, and its title."""
    page = read_page(path)
    metas: dict[str, list[str]] = {}
    for meta in page.metas:
        if key := meta.get("name") or meta.get("property"):
            metas.setdefault(key, []).append(meta.get("content", ""))
    links: dict[str, list[str]] = {}
    for tag, attrs in page.refs:
        if tag == "link":
            links.setdefault(attrs.get("rel", ""), []).append(attrs["href"])
    title = RE_TITLE.search(path.read_text(encoding="utf-8"))
    assert title, path
    return metas, links, html.unescape(title.group(1)).strip()


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


def test_alternate_and_canonical_links_are_absolute(sample_site):
    for path in html_pages(sample_site):
        _, links, _ = head_of(path)
        assert links["canonical"] == [public_url_of(sample_site, path)], path
        assert all(href.startswith(f"{PUBLIC_URL}/") for href in links["alternate"]
                   if not href.endswith((".ics", ".atom", ".rss", ".json"))), path


def test_every_page_has_a_description_and_sharing_tags_in_its_language(sample_site):
    for path in html_pages(sample_site):
        metas, links, title = head_of(path)
        lang = lang_of(sample_site, path)
        [description] = metas["description"]
        assert len(description) >= 10, path  # a sentence (ten characters of Japanese)
        assert metas["og:description"] == [description], path
        assert metas["og:title"] == [title], path
        assert metas["og:url"] == links["canonical"], path
        assert metas["og:locale"] == [language(lang).og_locale], path
        assert sorted(metas["og:locale:alternate"]) == sorted(
            language(code).og_locale for code in LANGUAGES if code != lang), path
        assert metas["twitter:card"] == ["summary"], path


LIST_PAGES = ["", "events/", "events/past/", "programs/", "notes/", "faq/", "subscribe/",
              "search/", "events/2026/12/", "events/audience/residents/",
              "events/language/es/"]


@pytest.mark.parametrize("page", LIST_PAGES, ids=lambda page: page or "home")
def test_list_pages_describe_themselves_in_their_language(sample_site, page):
    def description(lang: str) -> str:
        prefix = "" if lang == "en" else f"{lang.lower()}/"
        metas, _, _ = head_of(sample_site / f"{prefix}{page}index.html")
        return metas["description"][0]

    english = description("en")
    assert [lang for lang in LANGUAGES[1:] if description(lang) == english] == []


def test_every_page_has_the_theme_favicon(sample_site):
    for path in html_pages(sample_site):
        _, links, _ = head_of(path)
        [icon] = links["icon"]
        assert (sample_site / icon.lstrip("/")).read_text().startswith("<svg"), path


def test_the_stylesheet_is_named_after_its_content_and_hosts_get_headers(sample_site):
    [stylesheet] = sample_site.glob("theme/css/plaza.*.css")
    static = Path(__file__).parents[2] / "theme" / "static"
    # The fonts under their fingerprints, byte for byte; the stylesheet links them so.
    fonts = sorted((static / "fonts").iterdir())
    renamed = {f"fonts/{font.name}": fingerprinted(f"fonts/{font.name}", font.read_bytes())
               for font in fonts}
    assert fonts and sorted(p.name for p in sample_site.glob("theme/fonts/*")) == \
        sorted(name.rpartition("/")[2] for name in renamed.values())
    for font in fonts:
        published = sample_site / "theme" / renamed[f"fonts/{font.name}"]
        assert published.read_bytes() == font.read_bytes()
    source = linked((static / "css" / "plaza.css").read_bytes(), "css/plaza.css", renamed)
    assert source != (static / "css" / "plaza.css").read_bytes()
    assert stylesheet.read_bytes() == source
    assert stylesheet.name == fingerprinted("plaza.css", source)
    for address in re.findall(r'url\("([^"]+)"\)', source.decode()):
        assert (stylesheet.parent / address).is_file(), address
    for path in html_pages(sample_site):
        _, links, _ = head_of(path)
        assert links["stylesheet"] == [f"/{stylesheet.relative_to(sample_site).as_posix()}"]
    settings = runpy.run_path(str(Path(__file__).parents[2] / "pelicanconf.py"))
    editor = AdminSettings.from_settings(settings)
    assert editor is not None  # the sample site has the content editor at /admin/
    assert (sample_site / "_headers").read_bytes() == headers_file("theme", editor)


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
        # (Plural messages all have a number in them, so none is a whole element's text.)
        msgids = [m.id for m in read_po(handle) if isinstance(m.id, str) and m.id
                  and "%(" not in m.id and m.id not in SAME_AS_ENGLISH_OK]
    needles = [">" + html_module.escape(msgid, quote=False) + "<" for msgid in msgids]
    for lang in LANGUAGES[1:]:
        for path in sorted((sample_site / lang.lower()).rglob("index.html")):
            # Content shown in its original language is not interface text.
            text = re.sub(r'<div class="prose" lang="[^"]+" dir="[^"]+">.*?</div>', "",
                          path.read_text(), flags=re.S)
            left = [n for n in needles if n in text]
            assert not left, f"{path.relative_to(sample_site)} shows in English: {left[:3]}"


def sections_of(page: str) -> list[str]:
    """The ids of a page's headings, in order."""
    return re.findall(r'<h[12] id="([^"]+)"', page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_puts_help_first_then_meetings_answers_and_the_zones(sample_site, lang):
    prefix = "" if lang == "en" else f"{lang.lower()}/"
    page = (sample_site / prefix / "index.html").read_text()
    assert sections_of(page)[:5] == ["help-heading", "next-meetings", "faqs", "featured",
                                     "latest-notes"]
    assert re.search(r'<a class="help-call" href="tel:\+18886244752">', page)
    assert 'href="tel:211"' in page
    answers = page[page.index('id="faqs"'):page.index('id="featured"')]
    assert answers.index(f"/{prefix}faq/residents/") < answers.index(
        f"/{prefix}faq/community-leaders/")
    featured = page[page.index('id="featured"'):page.index('id="latest-notes"')]
    assert f'href="/{prefix}ice-free-zones/"' in featured


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_page_is_one_tap_from_every_page(sample_site, lang):
    prefix = "" if lang == "en" else f"{lang.lower()}/"
    help_page = (sample_site / prefix / "help" / "index.html").read_text()
    assert 'href="tel:211"' in help_page and "help-heading" in help_page
    assert f'href="/{prefix}faq/residents/#agents-at-the-door"' in help_page
    for path in html_pages(sample_site / prefix.rstrip("/")) if prefix else [
            sample_site / "index.html", sample_site / "events" / "index.html"]:
        if lang_of(sample_site, path) == lang:
            assert f'<a class="header-help" href="/{prefix}help/">' in path.read_text(), path


def test_help_words_are_translated(sample_site):
    english = (sample_site / "help" / "index.html").read_text()
    for lang in LANGUAGES[1:]:
        page = (sample_site / lang.lower() / "help" / "index.html").read_text()
        for words in ("Report immigration agents (CHIRLA hotline)", "Free legal help",
                      "If agents come to your door", "Get help"):
            assert words in english and words not in page, (lang, words)


def test_the_language_links_mark_languages_without_a_translation(sample_site):
    page = (sample_site / "ko" / "programs" / "community-safety-dialogue" / "index.html"
            ).read_text()
    links = page[page.index('class="wrap language-list"'):]
    links = links[:links.index("</nav>")]
    assert re.search(r'hreflang="ko" dir="ltr" aria-current="page" class="untranslated"', links)
    assert re.search(r'hreflang="es" dir="ltr">Español</a>', links)  # Spanish has one
    listing = (sample_site / "ko" / "programs" / "index.html").read_text()
    assert 'class="untranslated"' not in listing  # a list is always in its language


def test_an_address_has_directions_for_a_phone_and_for_openstreetmap(sample_site):
    page = (sample_site / "fa/events/county-town-hall/index.html").read_text()
    address = re.search(r'<bdi class="address" dir="ltr">([^<]+)</bdi>', page).group(1)
    query = quote(html.unescape(address), safe="/")
    assert f'<a href="geo:0,0?q={query}">مسیریابی</a>' in page
    assert f'<a href="https://www.openstreetmap.org/search?query={query}" rel="noreferrer">' \
        in page


@pytest.mark.parametrize(("lang", "site_time"), [
    ("en", "(4:00\u2009–\u20095:00\u202fPM in Los Angeles)"),
    ("es", "(4:00–5:00\u202fp.m. en Los Ángeles)"),
])
def test_an_event_in_another_zone_also_shows_the_site_time(sample_site, lang, site_time):
    prefix = "" if lang == "en" else f"{lang}/"
    page = (sample_site / prefix / "events/national-trainers-call/index.html").read_text()
    assert f'<span class="site-time">{site_time}</span>' in page
    local = (sample_site / prefix / "events/county-town-hall/index.html").read_text()
    assert "site-time" not in local


@pytest.mark.parametrize(("page", "order"), [("events/", 1), ("events/past/", -1)])
def test_event_lists_have_a_heading_for_each_month(sample_site, page, order):
    text = (sample_site / page / "index.html").read_text()
    sections = re.findall(r'<section class="month" aria-labelledby="month-(\d{4}-\d\d)">'
                          r'(.*?)</section>', text, re.S)
    months = [month for month, _ in sections]
    assert len(months) >= 3 and months == sorted(months, reverse=order < 0)
    for month, body in sections:
        dates = re.findall(r'<time datetime="(\d{4}-\d\d)', body)
        assert dates and set(dates) == {month}, month


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_an_english_place_and_its_address_are_one_isolate_on_rtl_lists(sample_site, lang):
    # Two left-to-right isolates on one right-to-left line swap places when the line
    # wraps; one isolate holding both wraps in reading order.
    page = (sample_site / lang / "events" / "index.html").read_text()
    places = re.findall(r'<p class="agenda-where">(.*?)</p>', page)
    with_address = [p for p in places if 'class="address"' in p]
    assert with_address
    for place in with_address:
        assert place.startswith('<bdi dir="ltr"><span class="place"') and \
            place.count("<bdi") == 1, place


@pytest.mark.parametrize("page", ["fa/events/resource-fair-long-beach/", "ar/subscribe/",
                                  "es/subscribe/"])
def test_the_kind_of_calendar_file_is_its_own_left_to_right_isolate(sample_site, page):
    # "(.ics)" inside a right-to-left sentence lost its closing bracket to the other side.
    text = (sample_site / page / "index.html").read_text()
    assert text.count("(.ics)") >= 1
    assert text.count("(.ics)") == text.count('<bdi dir="ltr">(.ics)</bdi>')


RE_AGENDA_ITEM = re.compile(r'<li class="agenda-item.*?</li>', re.S)
RE_SOON = re.compile(r'class="agenda-soon">([^<]*)<')
RE_START = re.compile(r'<time datetime="([^"]+)"')


@pytest.mark.parametrize("lang", ["en", "es", "fa"])
def test_the_home_page_says_how_near_the_next_meetings_are(sample_site, lang):
    """The sample is built on Thursday 26 November 2026 (in Los Angeles): a meeting on
    the 27th would be "Tomorrow", one on the 28th "This Saturday", the one on 2 December
    is "Next Wednesday", each in the page's language; one a week or more ahead has no
    word."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from plaza.publishing.formatting import first_weekday
    from plaza.publishing.views import day_word

    home = sample_site / ("index.html" if lang == "en" else f"{lang}/index.html")
    items = RE_AGENDA_ITEM.findall(home.read_text(encoding="utf-8"))
    assert items
    seen = set()
    for item in items:
        start = RE_START.search(item).group(1)
        day = (datetime.fromisoformat(start).astimezone(ZoneInfo("America/Los_Angeles"))
               .date() if "T" in start else date.fromisoformat(start))
        found = RE_SOON.search(item)
        expected = day_word(day, date(2026, 11, 26), first_weekday(language(lang).babel_locale))
        assert bool(found) == bool(expected), (start, item)
        if found:
            word = html.unescape(found.group(1))
            seen.add(word)
            which, _, weekday = expected.partition("-")
            english = f"{which.title()} {weekday.title()}" if weekday else expected.title()
            assert (word == english) == (lang == "en"), word  # translated elsewhere
    assert seen  # the sample has a meeting next Wednesday, 2 December


# --- A series appears once --------------------------------------------------------------

MONTHLY = "events/monthly-coalition-meeting/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_series_is_listed_once_a_month_with_its_dates(sample_site, lang):
    prefix = "" if lang == "en" else f"{lang.lower()}/"
    page = (sample_site / prefix / "events" / "index.html").read_text()
    months = re.findall(r'<section class="month".*?</section>', page, flags=re.S)
    assert months
    seen = 0
    for month in months:
        cards = month.count(f'href="/{prefix}{MONTHLY}"')
        assert cards <= 1, "one card per series and month, not one per meeting"
        seen += cards
        if cards:
            card = re.search(rf'<li class="agenda-item agenda-series">(?:(?!</ul>).)*'
                             rf'href="/{prefix}{MONTHLY}".*?</ul>', month, flags=re.S)
            assert card and '<p class="agenda-when series-rule">' in card[0]
            assert re.search(r'<ul class="date-list">\s*<li class="status-\w+"><time '
                             r'datetime="\d{4}-\d\d-\d\dT18:00', card[0])
    assert seen >= 6  # a meeting every month the page shows, each month once
    # The dialogue series meets twice in December: one card with both dates.
    december = next(m for m in months if 'id="month-2026-12"' in m)
    dialogue = re.search(r'<li class="agenda-item agenda-series">(?:(?!</li>\s*</ol>).)*?'
                         r'community-safety-dialogue/.*?</ul>', december, flags=re.S)
    assert dialogue and dialogue[0].count("<time datetime=") >= 2


@pytest.mark.parametrize("lang", ["en", "es", "fa"])
def test_a_series_page_says_when_where_and_add_to_calendar_first_then_the_dates(
        sample_site, lang):
    prefix = "" if lang == "en" else f"{lang.lower()}/"
    page = (sample_site / prefix / MONTHLY / "index.html").read_text()
    article = page[page.index("<article>"):page.index("</article>")]
    order = [article.index(marker) for marker in (
        '<p class="series-rule">', '<p class="when">', '<dl class="details">',
        'type="text/calendar" download', '<p class="lead"', '<div class="prose"',
        '<h2 id="dates">')]
    assert order == sorted(order), order
    where = article.index("4801 E 3rd St")
    assert order[1] < where < order[3]
    # December's meeting is skipped, and said so before the dates.
    assert article.index('<p class="series-skipped">') < order[2]
    dates = article[order[-1]:]
    assert re.search(r'<details class="past-dates"><summary>[^<]+</summary>\s*'
                     r'<ul class="date-list date-list-lines">', dates)  # with their notes
    upcoming = dates[:dates.index("<details")]
    assert "2026-12-17" not in upcoming and "2027-01-21T18:00" in upcoming
    assert '<ol class="agenda">' not in article  # dates only, no repeated cards


def spaced(text: str) -> str:
    """CLDR's thin and narrow no-break spaces ("6:00\u2009–\u20097:30\u202fPM") as spaces."""
    return re.sub("[\u2009\u202f]", " ", text)


def test_a_series_page_in_english_reads_as_the_issue_asks(sample_site):
    page = spaced((sample_site / MONTHLY / "index.html").read_text())
    assert '<p class="series-rule">Every third Thursday, 6:00 – 7:30 PM</p>' in page
    assert re.search(r'<p class="when">Next: <time datetime="2027-01-21T18:00-08:00">'
                     r'Thursday, January 21, 2027', page)
    assert '<p class="series-skipped">No meeting on Thu, Dec 17, 2026</p>' in page
    listing = spaced((sample_site / "events/index.html").read_text())
    assert '<p class="agenda-when series-rule">Every other Wednesday, 8 times, 6:30 – 8:30 PM' \
        in listing
