"""Long lists are split over numbered pages that link to each other."""

from __future__ import annotations

from pathlib import Path

from plaza_pelican.commands import build
from plaza_quality.gates import broken_links, vnu_available, vnu_errors

from .conftest import require

FIXTURE_GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "site"


def test_lists_split_into_linked_pages(fixture_site):
    site, output = fixture_site
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_LIST_PAGE_SIZE = 2\n")
    assert build(str(site / "settings.py"), str(output)) == 0
    first = (output / "events" / "index.html").read_text()
    second = (output / "events" / "page" / "2" / "index.html").read_text()
    assert 'href="/events/page/2/" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/events/" rel="prev"' in second
    assert "<title>Upcoming events · Page 2 of" in second
    pages = sorted((output / "events" / "page").glob("*/index.html"),
                   key=lambda path: int(path.parent.name))
    last = pages[-1].read_text()
    assert 'rel="next"' not in last and 'rel="prev"' in last
    # Every meeting is on exactly one page (a series once a page, with its dates there).
    rows = [html.count("<time datetime=") for html in [first, *(p.read_text() for p in pages)]]
    golden = (FIXTURE_GOLDEN / "events" / "index.html").read_text()
    assert rows[:-1] == [2] * (len(rows) - 1) and 1 <= rows[-1] <= 2
    assert sum(rows) == golden.count("<time datetime=")
    spanish = (output / "es" / "events" / "page" / "2" / "index.html").read_text()
    assert "Página 2 de" in spanish and "Página anterior" in spanish
    assert broken_links(output) == []
    assert f"{len(pages) + 1}" in second  # "Page 2 of N"


def test_only_first_pages_are_in_the_sitemap(fixture_site):
    site, output = fixture_site
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_LIST_PAGE_SIZE = 2\n")
    assert build(str(site / "settings.py"), str(output)) == 0
    sitemap = (output / "sitemap.xml").read_text()
    assert "/events/</loc>" in sitemap and "/page/" not in sitemap


def test_list_pages_are_valid_html(fixture_site):
    require(vnu_available(), "The Nu HTML Checker",
            "apt-get install default-jre-headless, then `npm install`")
    site, output = fixture_site
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_LIST_PAGE_SIZE = 2\n")
    assert build(str(site / "settings.py"), str(output)) == 0
    assert vnu_errors([output / "events" / "index.html",
                       output / "es" / "events" / "page" / "2" / "index.html"]) == []
