"""Markdown to safe HTML: Python-Markdown renders, nh3 sanitizes with an allow-list.

What ``sanitize`` returns is the HTML of a record (see ``plaza.model.html``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markupsafe import Markup

from plaza.model.html import trusted_html
from plaza.model.models import FaqQuestion
from plaza.reading.plaintext import RE_CONTROL

RE_FAQ_HEADING = re.compile(r"^##(?!#)\s*(?P<text>.+?)\s*(?:\{#(?P<anchor>[^}\s]+)\})?\s*#*\s*$")
RE_FENCE = re.compile(r"^\s*(```|~~~)")

ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "li", "mark", "ol", "p", "pre", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "id", "title", "class"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _same_origin_images_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop ``src`` values that would make the reader's browser contact another server."""
    if tag == "img" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("//"):
            return None
    return value


# Python-Markdown takes time that grows with the square of some characters: '[' in a
# paragraph ("![" 4,000 times: 3 s; 50,000 times: hours) and unclosed '<' anywhere
# ("<a " 20,000 times: 30 s); and it recurses once per level of a list or quote written on
# one line ("1. 1. 1. …"). Each inline element (an escape, a code span, emphasis, an
# entity, a hard line break) copies the rest of its paragraph once: a paragraph of
# 300,000 backslashes or 100,000 "_a_" took minutes; and even in short paragraphs an
# element costs some 30 µs. An FAQ's every question is laid out on its own, at some
# 0.3 ms a question and language (100,000 "## q" lines: 30 s). Plain short lines cost
# some 40 µs each (a megabyte of one-word paragraphs: 13 s). Real pages have a handful of
# each; these limits are far above.
MAX_BRACKETS_PER_PARAGRAPH = 200
MAX_BRACKETS = 3000
MAX_ANGLES = 2000
MAX_NESTING = 20
MAX_INLINE_PER_PARAGRAPH = 5000
MAX_INLINE = 20_000
MAX_HEADINGS = 500
MAX_LINES = 20_000
INLINE_MARKS = ("`", "*", "_", "\\", "&")
RE_NESTING = re.compile(
    rf"^(?:[ \t]*(?:[-*+][ \t]+|\d{{1,9}}[.)][ \t]+|>[ \t]*)){{{MAX_NESTING}}}")


def body_problem(body: str) -> tuple[int, str] | None:
    """Why a Markdown body would take unbounded time to lay out: (line offset, message)."""
    total, count, first, angles = 0, 0, -1, 0
    inline_total, inline, headings = 0, 0, 0
    lines = body.split("\n")
    for offset, line in enumerate(lines):
        if offset == MAX_LINES:
            return offset, (f"the text has {len(lines)} lines, more than {MAX_LINES}; split "
                            "it into several pages")
        angles += line.count("<")
        if angles > MAX_ANGLES:
            return offset, (f"the text has more than {MAX_ANGLES} '<' characters; Plaza "
                            "cannot lay it out, remove them or split the page")
        if RE_NESTING.match(line) or \
                len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) > 4 * MAX_NESTING:
            return offset, (f"this line nests lists or quotes more than {MAX_NESTING} deep; "
                            "Plaza cannot lay it out")
        if not line.strip():
            count = inline = 0
            first = -1
            continue
        headings += line.lstrip().startswith("#")
        if headings > MAX_HEADINGS:
            return offset, (f"the text has more than {MAX_HEADINGS} headings (or FAQ "
                            "questions); split it into several pages")
        if first < 0:
            first = offset
        # Counted in code blocks too: a fence that is never closed is no code block.
        marks = sum(line.count(mark) for mark in INLINE_MARKS) + line.endswith("  ")
        inline += marks
        inline_total += marks
        if inline > MAX_INLINE_PER_PARAGRAPH:
            return first, (f"this paragraph has more than {MAX_INLINE_PER_PARAGRAPH} "
                           "formatting characters (` * _ \\ & and line breaks); Plaza "
                           "cannot lay it out, split it into paragraphs or remove them")
        if inline_total > MAX_INLINE:
            return offset, (f"the text has more than {MAX_INLINE} formatting characters "
                            "(` * _ \\ & and line breaks); split it into several pages")
        brackets = line.count("[")
        count += brackets
        total += brackets
        if count > MAX_BRACKETS_PER_PARAGRAPH:
            return first, (f"this paragraph has more than {MAX_BRACKETS_PER_PARAGRAPH} '[' "
                           "characters; Plaza cannot lay it out, split it or remove them")
        if total > MAX_BRACKETS:
            return offset, (f"the text has more than {MAX_BRACKETS} '[' characters (links "
                            "and pictures); split it into several pages")
    return None


def sanitize(html: str) -> Markup:
    """Keep structure, language and links; drop scripts, styles, frames and handlers."""
    return trusted_html(nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_same_origin_images_only,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ))


class Renderer:
    """Markdown to sanitized HTML. One instance is reused (reset between documents):
    building a Markdown object with its extensions costs more than converting a page."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc"],
            extension_configs={"toc": {"slugify": slugify_unicode, "permalink": False}},
            output_format="html",
        )

    def __call__(self, text: str) -> Markup:
        if not text.strip():
            return trusted_html("")
        self._md.reset()
        return sanitize(self._md.convert(RE_CONTROL.sub("", text)))


def render(text: str) -> Markup:
    """Render one Markdown body to sanitized HTML (a fresh renderer: for one-off use)."""
    return Renderer()(text)


def split_faq(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Split an FAQ body at its ``##`` headings: (intro, [(anchor, question, answer_md)])."""
    intro: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    in_fence = False
    for line in text.split("\n"):
        if RE_FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else RE_FAQ_HEADING.match(line)
        if heading:
            sections.append((heading["anchor"] or "", heading["text"], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            intro.append(line)
    return "\n".join(intro), [(a, q, "\n".join(body)) for a, q, body in sections]


def faq_questions(text: str, anchors_from: list[str] | None = None,
                  render_body: Callable[[str], Markup] | None = None
                  ) -> tuple[Markup, tuple[FaqQuestion, ...]]:
    """Render an FAQ body into its intro and its questions, each with a stable anchor.

    A translation passes the original's anchors in ``anchors_from`` so that a link to a
    question works in every language, as long as the questions line up one to one.
    """
    render_body = render_body or Renderer()
    intro, sections = split_faq(text)
    reuse = anchors_from if anchors_from and len(anchors_from) == len(sections) else None
    seen: set[str] = set()
    questions = []
    for index, (explicit, question, answer) in enumerate(sections):
        anchor = explicit or (reuse[index] if reuse else "") or _slug(question, index)
        while anchor in seen:
            anchor = f"{anchor}-{index + 1}"
        seen.add(anchor)
        questions.append(FaqQuestion(anchor, question_html(question), render_body(answer)))
    return render_body(intro), tuple(questions)


def question_html(question: str) -> Markup:
    """An FAQ heading's Markdown: emphasis and code only, everything else as text."""
    html = nh3.clean(markdown.markdown(question), tags={"em", "strong", "code"})
    return trusted_html(html.removeprefix("<p>").removesuffix("</p>"))


def _slug(text: str, index: int) -> str:
    slug = slugify_unicode(re.sub(r"[*_`]", "", text), "-")
    return slug or f"q{index + 1}"
