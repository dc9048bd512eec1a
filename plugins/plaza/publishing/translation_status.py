"""Which content is not translated, or translated from an older original (by git).

Used by ``make translations`` and by the unlinked coordinators' page /translations/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .models import Item, Kind
from .site import Site


@dataclass(frozen=True)
class StaleTranslation:
    item: Item
    path: str
    original_changed: datetime
    translation_changed: datetime


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    total: int
    translated: int
    missing: tuple[Item, ...]
    stale: tuple[StaleTranslation, ...]


def translation_report(site: Site) -> list[LanguageStatus]:
    items = [item for kind in Kind for item in site.of_kind(kind)]
    report = []
    for lang in site.config.languages:
        candidates = [item for item in items if item.original_lang != lang]
        missing = tuple(item for item in candidates if not item.is_translated(lang))
        stale = tuple(
            StaleTranslation(item, item.versions[lang].source_path,
                             site.changed[item.original.source_path],
                             site.changed[item.versions[lang].source_path])
            for item in candidates if site.stale_since(item, lang) is not None)
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
        lines.extend(f"  missing  {item.original.source_path}" for item in status.missing)
        lines.extend(f"  stale    {entry.path} (original changed "
                     f"{entry.original_changed:%Y-%m-%d}, translation "
                     f"{entry.translation_changed:%Y-%m-%d})" for entry in status.stale)
    return "\n".join(lines)
