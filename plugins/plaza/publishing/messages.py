"""Messages people forward: an event's text, and the links that open the reader's own apps
with it written in.

A message is plain text, one field a line: the title (with "Cancelled:" when it is),
when in words (a series as its rule and its next date), and the page's absolute address.
Each field is said on one line with the characters that could make it something else
taken out: line breaks (a title could add a line that looks like another link), direction
overrides and isolates (they could show the address reversed), control characters, and
``<``/``>``, shown as ``‹``/``›`` (a mail client that turns plain text into HTML, or an
app that reads ``<https://…>`` as a link, never sees a tag).

The share links are plain ``<a href>``s that open the reader's app: nothing from those
services is loaded until the reader taps one, and the text is percent-encoded
(``urllib.parse.quote`` with nothing left safe), so ``&``, ``#``, quotes and line breaks
stay inside their query value. Signal has no address that opens it with a text written
in (its apps answer ``sgnl://`` only for its own invitation links, see
signalapp/Signal-Android#8578 and signalapp/Signal-iOS#706), so the page offers the
message to copy instead; none is invented here.
Pure: the catalog and the locale are passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from plaza.model.models import EventRecord, Status
from plaza.model.vocabulary import STATUS_TITLE_PREFIX
from plaza.publishing.formatting import when
from plaza.publishing.series_words import Catalog, series_line
from plaza.time.recurrence import Occurrence

# Controls (C0, C1), direction embeddings, overrides and isolates, and the line and
# paragraph separators; not ZWJ/ZWNJ (scripts need them) nor LRM/RLM (direction marks
# that reorder nothing).
RE_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]+")
RE_SPACES = re.compile(r"\s+")


def plain(text: str, limit: int = 0) -> str:
    """One field of a message: on one line, without hidden controls or angle brackets,
    and when ``limit`` is given at most that many characters (cut with "…")."""
    text = RE_SPACES.sub(" ", RE_HIDDEN.sub(" ", text)).strip()
    text = text.replace("<", "‹").replace(">", "›")
    if limit and len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text


def titled(title: str, status: Status, catalog: Catalog) -> str:
    """A title as a message says it: "Cancelled: …" for a cancelled or postponed one."""
    prefix = STATUS_TITLE_PREFIX.get(status)
    return catalog.gettext(prefix) % {"title": title} if prefix else title


@dataclass(frozen=True)
class Message:
    """What a share link sends: a subject (for email), the text, the address in it."""

    subject: str
    text: str
    url: str


def event_message(record: EventRecord, title: str, first: Occurrence | None,
                  next_meeting: Occurrence | None, series: bool, url: str, locale: str,
                  catalog: Catalog) -> Message:
    """An event's or program's message: its title (``title``, with its topic when the
    page shows one), when (a series as its rule and its next meeting; one meeting as
    ``first``), and ``url``, the page's absolute address."""
    subject = plain(titled(title, record.status, catalog), 200)
    lines = [subject]
    timing = record.timing
    rule = series_line(timing, locale, catalog) if series and timing else None
    if rule:
        lines.append(plain(rule))
    shown = next_meeting if series else first
    if shown is not None:
        said = when(shown.start, shown.end, locale)
        lines.append(catalog.gettext("Next: %(date)s") % {"date": said} if series else said)
    elif series:
        lines.append(catalog.gettext("No upcoming dates."))
    return Message(subject, "\n".join([*lines, url]), url)


@dataclass(frozen=True)
class ShareLink:
    """A link that opens one app with the message: ``service`` names it (the template
    gives its label), ``href`` is the whole address."""

    service: str
    href: str


def encoded(text: str) -> str:
    """A query value: every character but letters, digits and ``-._~`` percent-encoded
    as UTF-8 (a space as %20, which every one of these apps reads)."""
    return quote(text, safe="")


def share_links(message: Message) -> tuple[ShareLink, ...]:
    """WhatsApp, Telegram, a text message and an email with ``message`` written in.
    Telegram takes the address apart and shows it under the text; an email's line
    breaks are CRLF, as RFC 6068 asks."""
    without_url = message.text.removesuffix(message.url).rstrip("\n")
    email = message.text.replace("\n", "\r\n")
    return (
        ShareLink("whatsapp", f"https://wa.me/?text={encoded(message.text)}"),
        ShareLink("telegram", f"https://t.me/share/url?url={encoded(message.url)}"
                              f"&text={encoded(without_url)}"),
        # "?&body=": the one form both iOS and Android open with the text written in.
        ShareLink("sms", f"sms:?&body={encoded(message.text)}"),
        ShareLink("email", f"mailto:?subject={encoded(message.subject)}&body={encoded(email)}"),
    )
