"""schema.org JSON-LD for event, program and FAQ pages, and the sitemap.

JSON-LD sits in ``<script type="application/ld+json">``: data, not code, so the strict
Content-Security-Policy does not need to allow scripts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from plaza.model.html import trusted_html
from plaza.model.models import EventRecord, FaqRecord, Status
from plaza.model.timing import When
from plaza.time.schedule import Slot

EVENT_STATUS = {
    Status.CONFIRMED: "https://schema.org/EventScheduled",
    Status.TENTATIVE: "https://schema.org/EventScheduled",
    Status.CANCELLED: "https://schema.org/EventCancelled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
}
RE_TAGS = re.compile(r"<[^>]+>")


def _iso(value: When | None) -> str | None:
    return value.isoformat() if value is not None else None


def _location(record: EventRecord) -> list[dict[str, object]]:
    places: list[dict[str, object]] = []
    if record.location:
        places.append({"@type": "Place", "name": record.location.name,
                       "address": {"@type": "PostalAddress",
                                   "streetAddress": record.location.address}})
    if record.online:
        places.append({"@type": "VirtualLocation", "url": record.online})
    return places


def _attendance_mode(record: EventRecord) -> str:
    if record.location and record.online:
        return "https://schema.org/MixedEventAttendanceMode"
    if record.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def event(record: EventRecord, slot: Slot | None, url: str, organization: str,
          series: bool = False) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "EventSeries" if series else "Event",
        "name": record.title,
        "url": url,
        "inLanguage": record.title_lang,
        "eventStatus": EVENT_STATUS[record.status],
        "eventAttendanceMode": _attendance_mode(record),
        "organizer": {"@type": "Organization", "name": record.organizer or organization},
    }
    if record.summary:
        data["description"] = record.summary
    if slot is not None:
        data["startDate"] = _iso(slot.occurrence.start)
        if slot.occurrence.end is not None:
            data["endDate"] = _iso(slot.occurrence.end)
    places = _location(record)
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    return data


def faq_page(record: FaqRecord, url: str) -> dict[str, object]:
    return {
        "@context": "https://schema.org", "@type": "FAQPage", "url": url,
        "inLanguage": record.body_lang, "name": record.title,
        "mainEntity": [{"@type": "Question", "name": RE_TAGS.sub("", q.question),
                        "acceptedAnswer": {"@type": "Answer", "text": q.answer_html}}
                       for q in record.questions],
    }


# What Django's json_script escapes: nothing in the data can end the element (</script>),
# open a comment (<!--) or be read as markup by anything that looks inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                       0x2028: "\\u2028", 0x2029: "\\u2029"}


def html_safe_json(text: str) -> str:
    """JSON text with ``<``, ``>``, ``&`` and the line separators as \\u escapes: the same
    data to any JSON parser, and inert wherever a partner pastes it into a page."""
    return text.translate(JSON_SCRIPT_ESCAPES)


def script_json(data: dict[str, object]) -> Markup:
    """JSON safe to place inside a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return trusted_html(html_safe_json(text))


def sitemap(pages: Iterable[tuple[list[str], list[tuple[str, str]], str | None]]) -> bytes:
    """``pages``: ([URL in each language], [(hreflang, URL)], lastmod)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for locations, alternates, lastmod in pages:
        links = [f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} '
                 f"href={quoteattr(href)}/>" for code, href in alternates]
        for loc in locations:  # every language version lists the same alternates
            lines.append(f"<url><loc>{escape(loc)}</loc>")
            if lastmod:
                lines.append(f"<lastmod>{lastmod}</lastmod>")
            lines.extend(links)
            lines.append("</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()

