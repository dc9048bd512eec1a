"""What a plain-text field may hold: text, never markup.

Titles, summaries, places, topics, decisions and the other plain-text fields are always
escaped in every output, so markup in them could never run. It is still refused, so that
the reviewer of a pull request sees an attempt instead of a page that silently shows
``<img src=x onerror=…>`` as text. Plain characters such as ``<``, ``&`` and quotes are
allowed ("Ages 5 < 12", "Q&A"): only what a browser would read as a tag, an event
handler or a script address is refused, written out or hidden behind HTML entities.
"""

from __future__ import annotations

import html
import re

# What a browser starts a tag or comment at: '<' directly followed by a letter, '/', '!'
# or '?' ("5 < 12" and "I <3" stay text).
RE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*|<!--|<!\[CDATA\[|<[!?/]")
RE_HANDLER = re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE)
RE_SCRIPT_URL = re.compile(r"\b(?:java|vb|live)script\s*:|\bdata\s*:\s*text/html",
                           re.IGNORECASE)
# C0 and C1 control characters other than tab and newline: invisible, and they break
# calendars, feeds and HTML validators.
RE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def markup_problem(text: str) -> str | None:
    """Why ``text`` cannot be a plain-text value, or None when it is plain text."""
    found = _markup(text)
    if found:
        return f"contains {found}; plain text only"
    decoded = html.unescape(text)
    if decoded != text:
        found = _markup(decoded)
        if found:
            return f"contains {found} written with HTML entities; plain text only"
    control = RE_CONTROL.search(text)
    if control:
        return (f"contains the invisible control character U+{ord(control.group()):04X}; "
                "retype the text without it")
    return None


def _markup(text: str) -> str | None:
    tag = RE_TAG.search(text)
    if tag:
        return f"HTML '{tag.group()}'"
    handler = RE_HANDLER.search(text)
    if handler:
        return f"an HTML event handler '{handler.group().replace(' ', '')}'"
    script = RE_SCRIPT_URL.search(text)
    if script:
        return f"a script address '{script.group().replace(' ', '')}'"
    return None
