"""Which content is not translated, or translated from an older original (by git).

Used by ``make translations`` and by the unlinked coordinators' page /translations/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from plaza.model.models import Kind
from plaza.model.site import Site


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
        report.append(LanguageStatus(lang, len(candidates), len(candidates) - len(missing),
                                     missing, stale))
    return report


def format_report(report: list[LanguageStatus]) -> str:
    """Plain text for the terminal: one block per language."""
    lines = []
    for status in report:
        if status.total == 0:
            continue
        lines.append(f"{status.lang}: {status.translated}/{status.total} translated, "
                     f"{len(status.stale)} stale")
        lines.extend(f"  missing  {path}" for path in status.missing)
        lines.extend(f"  stale    {entry.path} (original changed "
                     f"{entry.original_changed:%Y-%m-%d}, translation "
                     f"{entry.translation_changed:%Y-%m-%d})" for entry in status.stale)
    return "\n".join(lines)
