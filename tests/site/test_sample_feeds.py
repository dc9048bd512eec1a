"""Tier 3: the built sample site's feeds, JSON, JSON-LD and sitemap, read by real parsers."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser

from plaza_quality.gates import html_files as html_pages

PUBLIC = "https://icefreezones-la.example.org"
RE_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_every_feed_parses_cleanly_with_complete_entries(sample_site):
    feeds = sorted(sample_site.rglob("feeds/*.atom")) + sorted(sample_site.rglob("feeds/*.rss"))
    assert len(feeds) >= 13 * 2 * 3
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), path
        for entry in parsed.entries:
            assert entry.id and entry.link and entry.title, path
            assert "updated_parsed" in entry or "published_parsed" in entry, path


def test_json_feed_and_events_json(sample_site):
    for path in sorted(sample_site.rglob("feeds/upcoming.json")):
        feed = json.loads(path.read_text())
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert all(item["id"] and item["url"] for item in feed["items"])
    events = json.loads((sample_site / "events.json").read_text())["events"]
    assert {e["id"] for e in events} >= {"monthly-coalition-meeting", "resource-fair-long-beach"}
    for event in events:
        assert event["ics"].startswith(PUBLIC) and event["occurrences"]
        for occurrence in event["occurrences"]:
            assert re.match(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$",
                            occurrence["start"])


def test_event_program_and_faq_pages_embed_json_ld(sample_site):
    expected = {"events": "Event", "programs": "EventSeries", "faq": "FAQPage"}
    seen = set()
    for path in html_pages(sample_site):
        parts = path.relative_to(sample_site).parts
        kind = next((p for p in parts if p in expected), None)
        if kind is None or len(parts) < 3 or parts[-2] in ("past", kind) \
                or parts[-3] in ("audience", "language", "page") or parts[-3].isdigit():
            continue  # lists: past events, filters, their pages, month pages
        blocks = RE_JSON_LD.findall(path.read_text())
        assert len(blocks) == 1, path
        data = json.loads(blocks[0])
        assert data["@type"] == expected[kind], path
        seen.add(kind)
        if kind != "faq":
            for key in ("eventStatus", "eventAttendanceMode", "inLanguage", "organizer",
                        "startDate"):
                assert key in data, (path, key)
            assert re.search(r"T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", data["startDate"]) or \
                re.match(r"^\d{4}-\d{2}-\d{2}$", data["startDate"])
            assert data["organizer"]["@type"] == "Organization"
    assert seen == set(expected)
    cancelled = json.loads(RE_JSON_LD.findall(
        (sample_site / "events/resource-fair-long-beach/index.html").read_text())[0])
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_sitemap_is_valid_and_every_url_exists(sample_site):
    tree = ET.parse(sample_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.getroot().findall("s:url", ns)
    assert len(urls) > 13 * 20
    for url in urls:
        loc = url.find("s:loc", ns).text
        alternates = url.findall("x:link", ns)
        assert len(alternates) == 14 and all(a.get("href") for a in alternates)
        for href in [loc] + [a.get("href") for a in alternates]:
            path = urlsplit(href).path
            assert (sample_site / path.lstrip("/") / "index.html").exists(), href
    assert (sample_site / "robots.txt").read_text().startswith("User-agent: *")
