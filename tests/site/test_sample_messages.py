"""Tier 3: messages people forward, in the built sample (its "now" is 2026-11-26 09:00, a
Thursday): the weekly message at week/ and week/week.txt in every language, and the share
section of event and program pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html

from plaza.publishing.week import LIMIT

from .test_sample_html import LANGUAGES
from .test_sample_months import c, exists, page, prefix

PUBLIC = "https://icefreezones-la.example.org"
SHARED = ["events/county-town-hall", "events/monthly-coalition-meeting",
          "events/resource-fair-long-beach", "programs/community-safety-dialogue"]


def week_text(root: Path, lang: str) -> str:
    data = (root / prefix(lang) / "week" / "week.txt").read_bytes()
    return data.decode("utf-8")  # strict: the file is UTF-8 or this fails


def inside(root: Path, url: str) -> bool:
    assert url.startswith(f"{PUBLIC}/"), url
    return exists(root, url[len(PUBLIC):])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_weekly_message_is_short_plain_text_with_one_link_inside_the_site(sample_site,
                                                                           lang):
    text = week_text(sample_site, lang)
    assert 0 < len(text) <= LIMIT
    assert "<" not in text and ">" not in text
    links = [word for word in text.split() if "://" in word]
    assert links == [f"{PUBLIC}/{prefix(lang)}events/"]
    assert inside(sample_site, links[0])
    assert text.endswith(f"\n{links[0]}\n")  # on its own line, last
    # The week of November 26: the two meetings of December 2, each on its own line.
    assert sum(line.startswith("• ") for line in text.splitlines()) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_week_page_shows_the_same_text_and_links_its_file(sample_site, lang):
    doc = page(sample_site, f"{prefix(lang)}week")
    [block] = doc.xpath(f"//pre[{c('week-message')}]")
    assert block.text_content() == week_text(sample_site, lang)
    assert not block.getchildren()  # text only, no markup inside
    assert f"/{prefix(lang)}week/week.txt" in doc.xpath("//main//a/@href")
    assert doc.xpath("//h1")[0].text_content().strip()


def test_the_events_list_and_the_sitemap_lead_to_the_week(sample_site):
    doc = page(sample_site, "fa/events")
    assert "/fa/week/" in doc.xpath(f"//nav[{c('event-views')}]//a/@href")
    sitemap = (sample_site / "sitemap.xml").read_text()
    assert f"<loc>{PUBLIC}/week/</loc>" in sitemap and f"<loc>{PUBLIC}/km/week/</loc>" in sitemap


def share_section(root: Path, path: str) -> lxml_html.HtmlElement:
    [section] = page(root, path).xpath(f"//section[{c('share')}]")
    return section


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", SHARED)
def test_share_links_open_apps_with_the_pages_message_percent_encoded(sample_site, lang,
                                                                     path):
    section = share_section(sample_site, f"{prefix(lang)}{path}")
    url = f"{PUBLIC}/{prefix(lang)}{path}/"
    [copy] = section.xpath(".//input")
    assert copy.get("readonly") is not None and copy.get("value") == url
    [message] = section.xpath(f".//pre[{c('message-text')}]")
    text = message.text_content()
    lines = text.split("\n")
    assert lines[-1] == url and len(lines) >= 3 and len(text) <= LIMIT
    links = section.xpath(".//a")
    assert len(links) == 4
    assert all(a.get("rel") == "noopener noreferrer" and not a.get("target") for a in links)
    assert not section.xpath(".//img|.//script|.//iframe|.//*[@src]")
    by_scheme = {}
    for a in links:
        href = a.get("href")
        assert href.isascii() and " " not in href, href
        parts = urlsplit(href)
        query = {name: value[0] for name, value in
                 parse_qs(parts.query, keep_blank_values=True).items()}
        by_scheme[(parts.scheme, parts.netloc, parts.path)] = query
    assert by_scheme[("https", "wa.me", "/")] == {"text": text}
    assert by_scheme[("https", "t.me", "/share/url")] == {
        "url": url, "text": text.removesuffix(f"\n{url}")}
    assert by_scheme[("sms", "", "")] == {"body": text}
    assert by_scheme[("mailto", "", "")] == {"subject": lines[0],
                                             "body": text.replace("\n", "\r\n")}
    assert section.xpath(f".//p[{c('share-note')}]")[0].text_content().strip()


def test_a_cancelled_event_is_shared_as_cancelled(sample_site):
    section = share_section(sample_site, "es/events/resource-fair-long-beach")
    first = section.xpath(f".//pre[{c('message-text')}]")[0].text_content().split("\n")[0]
    assert first.startswith("Cancelado: ")


def test_a_series_is_shared_as_its_rule_and_next_meeting(sample_site):
    section = share_section(sample_site, "events/monthly-coalition-meeting")
    lines = section.xpath(f".//pre[{c('message-text')}]")[0].text_content().split("\n")
    assert lines[1].startswith("Every ") and lines[2].startswith("Next: ")
