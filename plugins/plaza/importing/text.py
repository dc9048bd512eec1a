"""Foreign text made safe for a content file: plain-text fields and Markdown bodies.

Text from another calendar was typed by anyone who could invite the coalition to a
meeting, so it is treated as hostile: hidden direction and control characters are
removed, anything a browser would read as markup is changed so that it reads as text
(Plaza's plain-text fields refuse markup), personal contact details are removed (the
privacy guard would refuse them), and descriptions become Markdown in which every
character means itself: HTML from Outlook is read for its text and links, never passed
through. Each function says what it changed, for the import report.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from plaza.reading.plaintext import RE_CONTROL, RE_HANDLER, RE_SCRIPT_URL, RE_TAG, markup_problem
from plaza.reading.privacy import RE_EMAILS, RE_EXTENSION_PART, RE_HIDDEN, RE_PHONES

REMOVED = "(contact removed)"
RE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
RE_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\]")
URL_TRAILING = ".,;:!?)]}'\""
# What Python-Markdown treats as markup inside a line, escaped with a backslash.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|!#])")
RE_LINE_START = re.compile(r"^([-+=:]|\d+[.)])")  # a list, a heading underline, a definition
RE_DECORATION = re.compile(r"^[-:~=_*.#\s]{8,}$")  # Google's "-::~:~::~:~:~::-" rule
RE_BULLET = re.compile(r"^\s*[•·▪‣◦*-]\s+")
RE_LOOKS_HTML = re.compile(r"<(?:a|br|p|div|span|b|i|u|em|strong|ul|ol|li|html|body|font)\b",
                           re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5",
              "h6", "blockquote", "pre", "hr", "title"}
SKIPPED_TAGS = {"script", "style", "head", "title", "template", "noscript", "object",
                "iframe", "svg", "math"}
MAX_BODY = 100_000  # characters of description carried over


@dataclass
class Changes:
    """What cleaning did to one field, said once each."""

    said: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if message not in self.said:
            self.said.append(message)


def is_web_link(link: str) -> bool:
    """Whether ``link`` passes Plaza's check of ``online`` and ``registration``."""
    if RE_URL_UNSAFE.search(link):
        return False
    parts = urlsplit(link)
    return parts.scheme in ("https", "http") and bool(parts.netloc)


def _invisible(text: str, what: str, changes: Changes) -> str:
    cleaned = RE_CONTROL.sub("", RE_HIDDEN.sub("", text.replace("\r\n", "\n").replace("\r",
                                                                                     "\n")))
    if cleaned != text.replace("\r\n", "\n").replace("\r", "\n"):
        changes.add(f"{what}: hidden direction or control characters removed")
    return cleaned


def _redact(text: str, what: str, changes: Changes) -> str:
    """Phone numbers and email addresses replaced by ``REMOVED``, as the privacy guard finds
    them (run on what is left until nothing is found)."""
    for pattern in RE_EMAILS:
        text, found = pattern.subn(REMOVED, text)
        if found:
            changes.add(f"{what}: an email address removed (personal contact details are "
                        "never published)")
    for pattern, lengths in RE_PHONES:
        def phone(match: re.Match[str], lengths: range = lengths) -> str:
            digits = re.sub(r"\D", "", RE_EXTENSION_PART.sub("", match.group()))
            if len(digits) not in lengths:
                return match.group()
            changes.add(f"{what}: a phone number removed (personal contact details are "
                        "never published)")
            return REMOVED
        text = pattern.sub(phone, text)
    return text


def _defang(text: str, what: str, changes: Changes) -> str:
    """Plain text that Plaza's plain-text check accepts: what a browser would read as a tag,
    an event handler or a script address is broken up with a space or a look-alike."""
    for _ in range(8):
        if markup_problem(text) is None:
            return text
        changes.add(f"{what}: text that looked like HTML was changed so it shows as text")
        decoded = html.unescape(text)
        text = RE_TAG.sub(lambda m: "‹" + m.group()[1:], decoded)
        text = RE_HANDLER.sub(lambda m: "on " + m.group()[2:], text)
        text = RE_SCRIPT_URL.sub(lambda m: m.group()[:-1].rstrip() + " ꞉"
                                 if m.group().rstrip().endswith(":")
                                 else m.group().replace("/", " /"), text)
    return re.sub(r"[<>=&:]", " ", text)


def plain_line(value: object, what: str, changes: Changes, limit: int = 300) -> str:
    """One line of plain text (a title, a place, a topic)."""
    text = _invisible(str(value), what, changes)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
        changes.add(f"{what}: shortened to {limit} characters")
    return _defang(_redact(text, what, changes), what, changes)


def plain_lines(value: object, what: str, changes: Changes) -> list[str]:
    """Each non-empty line, cleaned as ``plain_line`` (an address over several lines)."""
    text = _invisible(str(value), what, changes)
    return [line for line in (plain_line(part, what, changes) for part in text.split("\n"))
            if line]


# --- descriptions ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Link:
    label: str
    url: str


_Piece = str | _Link


class _HtmlText(HTMLParser):
    """The text and the web links of an HTML description; every other tag is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[_Piece] = []
        self._skipping = 0
        self._href: str | None = None
        self._label: list[str] = []
        self.dropped_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "a":
            self._close_link()
            self._href = dict(attrs).get("href") or ""
            self._label = []
        elif tag == "li":
            self.pieces.append("\n- ")
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "a":
            self._close_link()
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._href is not None:
            self._label.append(data)
        else:
            self.pieces.append(data)

    def _close_link(self) -> None:
        if self._href is None:
            return
        label = " ".join("".join(self._label).split())
        href = self._href.strip()
        if is_web_link(href):
            self.pieces.append(_Link(label or href, href))
        else:  # mailto:, tel:, javascript: … the words stay, the address goes
            if href:
                self.dropped_links += 1
            self.pieces.append(label)
        self._href, self._label = None, []

    def close(self) -> None:
        super().close()
        self._close_link()


def looks_like_html(text: str) -> bool:
    return bool(RE_LOOKS_HTML.search(text))


def _pieces_of_text(text: str) -> list[_Piece]:
    """Plain text with each web address as a link."""
    pieces: list[_Piece] = []
    at = 0
    for match in RE_URL.finditer(text):
        url = match.group().rstrip(URL_TRAILING)
        pieces.append(text[at:match.start()])
        pieces.append(_Link(url, url))
        at = match.start() + len(url)
    pieces.append(text[at:])
    return pieces


def _escape(text: str) -> str:
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("~", "&#126;")  # '~~~' would open a code block


def _link_markdown(link: _Link) -> str:
    label = _escape(" ".join(link.label.split()) or link.url)
    # No '<…>' (Plaza's check reads it as raw HTML) and no bare ')' in the address.
    url = quote(link.url, safe=":/?#@!$&'*+,;=%-._~")
    return f"[{label}]({url})"


def description_markdown(text: str, html_text: str | None, changes: Changes) -> str:
    """A description as Markdown in which nothing is markup but the links."""
    what = "description"
    source = html_text if html_text is not None else text
    source = _invisible(source, what, changes)
    if len(source) > MAX_BODY:
        source = source[:MAX_BODY]
        changes.add(f"{what}: shortened to {MAX_BODY} characters")
    if html_text is not None or looks_like_html(source):
        parser = _HtmlText()
        parser.feed(source)
        parser.close()
        if parser.dropped_links:
            changes.add(f"{what}: links that were not web addresses (email, phone) left out")
        raw: list[_Piece] = []
        for piece in parser.pieces:
            raw.extend(_pieces_of_text(piece) if isinstance(piece, str) else [piece])
    else:
        raw = _pieces_of_text(source)
    out: list[str] = []
    for piece in raw:
        if isinstance(piece, _Link):
            out.append(_link_markdown(_Link(_redact(piece.label, what, changes), piece.url)))
        else:
            out.append(_escape(_redact(piece, what, changes)))
    return _paragraphs("".join(out))


def _line_start(line: str) -> str:
    """A line whose first characters Markdown reads as a list, a heading underline or a
    definition, with them written so they are only text ('\\=' is not an escape)."""
    if line[0].isdigit():
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
    if line[0] in "=:":
        return f"&#{ord(line[0])};{line[1:]}"
    return "\\" + line


def _paragraphs(markdown: str) -> str:
    """Each line its own paragraph (a calendar's line breaks are meant), bullets as a
    list, nothing indented into a code block, no run of blank lines."""
    lines: list[str] = []
    for line in markdown.split("\n"):
        line = line.replace("\t", " ").strip()
        if RE_DECORATION.match(html.unescape(line.replace("\\", ""))):
            line = ""
        bullet = RE_BULLET.match(line) or line.startswith("\\* ")
        if bullet:
            line = "- " + RE_BULLET.sub("", line.removeprefix("\\* "), count=1)
        elif RE_LINE_START.match(line):
            line = _line_start(line)
        if not line:
            if lines and lines[-1] != "":
                lines.append("")
            continue
        if bullet and len(lines) > 1 and lines[-1] == "" and lines[-2].startswith("- "):
            lines.pop()  # one list, not a list of paragraphs
        if lines and lines[-1] != "" and not (bullet and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)
