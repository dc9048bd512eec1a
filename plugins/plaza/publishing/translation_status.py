"""Which content is not translated, translated from an older original (by git), or
translated only in part (shorter than its original).

Used by ``make translations``, by the unlinked coordinators' page /translations/, and by
the notice readers see above a stale or partial translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from plaza.model.models import FaqRecord, Item, Kind, Record
from plaza.model.site import Site

# Sanitized HTML (markup.sanitize) writes every paragraph and list item as a plain
# opening tag, so counting the tags counts the blocks a reader sees.
RE_PARAGRAPH = re.compile(r"<p[\s>]")
RE_LIST_ITEM = re.compile(r"<li[\s>]")


@dataclass(frozen=True, order=True)
class Shape:
    """How much text a version has: what a translation must not have fewer of."""

    paragraphs: int
    list_items: int
    questions: int

    def short_of(self, original: Shape) -> tuple[str, ...]:
        """The parts this version has fewer of than ``original`` (empty: none)."""
        names = ("paragraphs", "list items", "questions")
        return tuple(name for name, mine, theirs in zip(names, self.counts, original.counts,
                                                         strict=True) if mine < theirs)

    @property
    def counts(self) -> tuple[int, int, int]:
        return (self.paragraphs, self.list_items, self.questions)


def shape(record: Record) -> Shape:
    """The paragraphs and list items of a record's body (and its FAQ answers), and its
    number of FAQ questions."""
    html = [str(record.body_html)]
    questions = 0
    if isinstance(record, FaqRecord):
        html += [str(question.answer_html) for question in record.questions]
        questions = len(record.questions)
    return Shape(sum(len(RE_PARAGRAPH.findall(part)) for part in html),
                 sum(len(RE_LIST_ITEM.findall(part)) for part in html), questions)


def missing_parts(item: Item, lang: str) -> tuple[str, ...]:
    """What a translation has fewer of than its original ("paragraphs", "list items",
    "questions"); empty when it is complete, is the original, or does not exist."""
    if lang == item.original_lang or not item.is_translated(lang):
        return ()
    return shape(item.versions[lang]).short_of(shape(item.original))


@dataclass(frozen=True)
class PartialTranslation:
    path: str
    short_of: tuple[str, ...]  # "paragraphs", "list items", "questions"


@dataclass(frozen=True)
class StaleTranslation:
    path: str
    original_changed: datetime
    translation_changed: datetime


@dataclass(frozen=True)
class LanguageStatus:
    """One language's translations, by file: what the report shows, and nothing more
    (so it changes only when which files are missing or out of date does)."""

    lang: str
    total: int
    translated: int
    missing: tuple[str, ...]  # paths of originals without a translation
    stale: tuple[StaleTranslation, ...]
    partial: tuple[PartialTranslation, ...] = ()


def translation_report(site: Site) -> list[LanguageStatus]:
    items = [item for kind in Kind for item in site.of_kind(kind)]
    report = []
    for lang in site.config.languages:
        candidates = [item for item in items if item.original_lang != lang]
        missing = tuple(item.original.source_path for item in candidates
                        if not item.is_translated(lang))
        stale = tuple(
            StaleTranslation(item.versions[lang].source_path, since,
                             site.version_changed(item, lang) or since)
            for item in candidates if (since := site.stale_since(item, lang)) is not None)
        partial = tuple(PartialTranslation(item.versions[lang].source_path, short)
                        for item in candidates if (short := missing_parts(item, lang)))
        report.append(LanguageStatus(lang, len(candidates), len(candidates) - len(missing),
                                     missing, stale, partial))
    return report


def format_report(report: list[LanguageStatus]) -> str:
    """Plain text for the terminal: one block per language."""
    lines = []
    for status in report:
        if status.total == 0:
            continue
        lines.append(f"{status.lang}: {status.translated}/{status.total} translated, "
                     f"{len(status.stale)} stale, {len(status.partial)} partial")
        lines.extend(f"  missing  {path}" for path in status.missing)
        lines.extend(f"  stale    {entry.path} (original changed "
                     f"{entry.original_changed:%Y-%m-%d}, translation "
                     f"{entry.translation_changed:%Y-%m-%d})" for entry in status.stale)
        lines.extend(f"  partial  {entry.path} (fewer {', '.join(entry.short_of)} than "
                     "the original)" for entry in status.partial)
    return "\n".join(lines)
