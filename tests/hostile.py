"""Hostile strings, a site with them in every field, and a search of every output for them.

Used by tests/quality/test_hostile_strings.py. Kept apart from the tests so the same
corpus and the same checks can be pointed at any built site.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from plaza.model.models import Kind
from plaza.reading.schema import FIELDS, FieldType

# Each payload attacks one way text becomes markup, or one output format.
PAYLOADS = {
    "tag": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "close-script": "</script><script>alert(2)</script>",
    "comment": "<!-- x",
    "close-attribute": "\"><svg onload=alert(3)>",
    "close-single": "' autofocus onfocus=alert(4) x='",
    "handler": "x onmouseover=alert(5)",
    "javascript": "javascript:alert(6)",
    "entities": "&lt;img src=x onerror=alert(7)&gt;",
    "numeric-entities": "&#60;iframe src=javascript:alert(8)&#62;",
    "cdata-end": "]]><x-cdata/>",
    "ics-line": "line\r\nBEGIN:VEVENT\r\nX-INJECTED:1",
    "ics-newline": "a\nX-INJECTED-LF:1",
    "refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "form": '<form action="https://evil.example"><input name=q></form>',
    "bidi": "abc\u202edcba\u2066x\u2069",
    "controls": "bell\x07nel\x85end",
}
MARKER = "HOSTILE"  # every hostile value starts with it, so it can be found in outputs


def hostile(field: str) -> str:
    """One value that carries every payload, named after its field."""
    return f"{MARKER}[{field}] " + " ".join(PAYLOADS.values())


# Free-text fields; the others have a form that is checked (ids, dates, links, lists).
TEXT_TYPES = {FieldType.TEXT, FieldType.TEXT_LIST, FieldType.LOCATION, FieldType.SESSIONS,
              FieldType.ACTION_ITEMS}

BASE = {
    Kind.EVENT: {"start": "2026-12-10 18:00", "duration": "1h", "audience": ["residents"],
                 "languages": ["es"], "image": "images/room.png",
                 "online": "https://meet.example.org/x"},
    Kind.PROGRAM: {"start": "2026-12-02 18:00", "duration": "2h",
                   "repeat": "FREQ=WEEKLY;COUNT=4", "audience": ["residents"],
                   "image": "images/room.png"},
    Kind.NOTES: {"event": "hostile-program", "date": "2026-12-02", "status": "approved"},
    Kind.FAQ: {"audience": "residents"},
    Kind.PAGE: {},
}


def text_fields(kind: Kind) -> list[str]:
    return [spec.name for spec in FIELDS[kind] if spec.type in TEXT_TYPES]


def _value(kind: Kind, name: str, field_type: FieldType) -> Any:
    text = hostile(f"{kind.value}.{name}")
    if field_type == FieldType.TEXT_LIST:
        return [text]
    if field_type == FieldType.LOCATION:
        return {"name": hostile(f"{kind.value}.location.name"),
                "address": hostile(f"{kind.value}.location.address")}
    if field_type == FieldType.SESSIONS:
        return [{"date": "2026-12-09", "topic": hostile(f"{kind.value}.sessions.topic")}]
    if field_type == FieldType.ACTION_ITEMS:
        return [{"task": hostile("notes.action_items.task"),
                 "owner": "Outreach team " + hostile("notes.action_items.owner")}]
    return text


def front_matter(kind: Kind) -> dict[str, Any]:
    fields = dict(BASE[kind])
    for spec in FIELDS[kind]:
        if spec.type in TEXT_TYPES:
            fields[spec.name] = _value(kind, spec.name, spec.type)
    return fields


def body(kind: Kind) -> str:
    """Markdown with raw HTML and hostile headings: the sanitizer's side of the corpus."""
    raw = " ".join(value for key, value in PAYLOADS.items()
                   if key not in ("entities", "numeric-entities"))
    text = f"{MARKER}[{kind.value}.body] {raw}\n\n[click](javascript:alert(9))\n"
    if kind == Kind.FAQ:
        text += f"\n## {hostile('faq.question')}\n\nAnswer {raw}\n"
    return text


def write_site(content: Path) -> list[str]:
    """Every content type with hostile text in every text field, and a Spanish
    translation of each; returns the field names covered, as kind.field."""
    names = {Kind.EVENT: "hostile-event", Kind.PROGRAM: "hostile-program",
             Kind.NOTES: "hostile-notes", Kind.FAQ: "hostile-faq", Kind.PAGE: "hostile-page"}
    covered = []
    for kind, item_id in names.items():
        fields = front_matter(kind)
        _write(content / kind.value / f"{item_id}.md", fields, body(kind))
        translated = {name: value for name, value in fields.items()
                      if name in text_fields(kind) and name not in ("image_alt",)}
        if kind == Kind.PROGRAM:
            translated["sessions"] = [{"date": "2026-12-09",
                                       "topic": hostile("programs.es.sessions.topic")}]
        _write(content / kind.value / f"{item_id}.es.md", translated, body(kind))
        covered += [f"{kind.value}.{name}" for name in fields if name in text_fields(kind)]
    return covered


def _write(path: Path, fields: dict[str, Any], text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{front}---\n{text}", encoding="utf-8")


# --- the search -----------------------------------------------------------------------

# The theme has an <svg> icon and the subscribe page read-only <input>s: injected ones
# show themselves by their handlers (onload=…) or by the <form> around them.
DANGEROUS_TAGS = {"script", "iframe", "form", "object", "embed", "x-cdata", "style", "base",
                  "frame"}
RE_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


class _Markup(HTMLParser):
    """Finds markup a hostile string could have made: tags, handlers, script links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_json = False
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self.in_json = True
                self.json_blocks.append("")
                return
            self.found.append("<script>")
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on") or name == "autofocus":
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and value and \
                    RE_SCRIPT_URL.match(value):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_json = False

    def handle_data(self, data: str) -> None:
        if self.in_json:
            self.json_blocks[-1] += data


def html_markup(text: str) -> list[str]:
    """Injected markup in an HTML document (or fragment)."""
    parser = _Markup()
    parser.feed(text)
    parser.close()
    found = list(parser.found)
    for block in parser.json_blocks:
        if re.search(r"</script|<!--", block, re.I):
            found.append("JSON-LD that can end its <script>")
        json.loads(block)
    return found


ATOM = "{http://www.w3.org/2005/Atom}"
RSS_ELEMENTS = {"rss", "channel", "title", "link", "description", "language", "lastBuildDate",
                "generator", "docs", "item", "guid", "pubDate", "author", "category",
                "managingEditor", "webMaster", "copyright", "ttl", "image", "url"}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed_markup(data: bytes) -> list[str]:
    """Injected elements in a feed, and markup in the parts readers show as HTML."""
    root = etree.fromstring(data)
    found = []
    known_namespaces = ("http://www.w3.org/2005/Atom", "http://purl.org/rss/1.0/modules/",
                        "http://purl.org/dc/elements/1.1/")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace = element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""
        if namespace and not namespace.startswith(known_namespaces):
            found.append(f"element {element.tag}")
        if not namespace and (root.tag.startswith(ATOM) or element.tag not in RSS_ELEMENTS):
            found.append(f"element {element.tag}")
        is_html = (element.tag in ("description", CONTENT) or
                   (element.tag in (f"{ATOM}content", f"{ATOM}summary")
                    and element.get("type") == "html"))
        if is_html and element.text:
            found += [f"{element.tag}: {m}" for m in html_markup(element.text)]
    return found


ICS_PROPERTIES = {
    "BEGIN", "END", "VERSION", "PRODID", "METHOD", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL",
    "X-PUBLISHED-TTL", "UID", "TZID", "DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME",
    "RRULE", "RDATE", "SUMMARY", "DTEND", "DTSTAMP", "SEQUENCE", "EXDATE", "CATEGORIES",
    "DESCRIPTION", "LAST-MODIFIED", "LOCATION", "STATUS", "URL", "CONFERENCE",
    "RECURRENCE-ID", "TRANSP", "X-LIC-LOCATION", "COMMENT",
}


def ics_problems(data: bytes) -> list[str]:
    """Properties a hostile string could have started with a line break."""
    text = data.decode("utf-8")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    found = []
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        name = re.split(r"[;:]", line, maxsplit=1)[0]
        if name not in ICS_PROPERTIES:
            found.append(f"property {name}")
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", line):
            found.append("control character")
    return found


def json_problems(data: bytes) -> list[str]:
    json.loads(data)
    found = []
    if re.search(rb"[<>]", data):
        found.append("'<' or '>' left unescaped in JSON")
    return found


def escaped_twice_in_titles(root: Path) -> list[str]:
    """Plain text written with entities must show as written: in every page's <title>,
    '&lt;' must be escaped again (an unescaped title would show '<img …>')."""
    found = []
    for path in sorted(root.rglob("*.html")):
        text = path.read_text("utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        if title and MARKER in title.group(1) and \
                "&amp;lt;img src=x onerror=alert(7)&amp;gt;" not in title.group(1):
            found.append(f"{path.relative_to(root)}: <title> {title.group(1)[:80]}")
    return found


def leaks(root: Path) -> list[str]:
    """Every place in a built site where a hostile string became markup or structure."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = str(path.relative_to(root))
        suffix = path.suffix
        if suffix == ".html":
            text = data.decode("utf-8")
            problems = html_markup(text)
            problems += [f"raw '{PAYLOADS['tag']}'"] if PAYLOADS["tag"] in text else []
        elif suffix in (".atom", ".rss"):
            problems = feed_markup(data)
        elif suffix == ".ics":
            problems = ics_problems(data)
        elif suffix == ".json":
            problems = json_problems(data)
        elif suffix == ".xml":
            etree.fromstring(data)
            problems = [f"raw {p}" for p in ("<img", "<script") if p.encode() in data]
        else:
            problems = [f"raw {p}" for p in ("<img", "<script") if p.encode() in data]
        found += [f"{name}: {problem}" for problem in problems]
    return found
