"""Fingerprints of what an output file is made from, so an unchanged file is reused.

``stable`` turns a template context into plain data. Items stand in as their content key
(a hash of their files, the settings and the code), so a fingerprint is cheap to compute
and changes whenever anything the page could show changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from .cache import fingerprint
from .languages import Language
from .models import Item, Kind, Record
from .recurrence import Occurrence
from .schedule import Slot
from .translation_status import LanguageStatus
from .views import AgendaRow, Entry

Keys = Mapping[tuple[Kind, str], str]


def stable(value: Any, keys: Keys) -> Any:
    # Fast paths for the objects listings hold by the thousand.
    if isinstance(value, Occurrence):
        return _occurrence(value)
    if isinstance(value, Slot):
        return ("slot", _key(value.item, keys), _occurrence(value.occurrence))
    if isinstance(value, Entry):
        return ("entry", _key(value.item, keys), value.record.lang, value.url, value.lang,
                repr(value.stale_since), value.original_url)
    if isinstance(value, Language):
        return ("language", value.code)
    if isinstance(value, AgendaRow):
        return ("row", stable(value.entry, keys), stable(value.slot, keys),
                value.notes and stable(value.notes, keys))
    if isinstance(value, LanguageStatus):
        # The status page shows files, not what is in them: an edit that does not change
        # which translations are missing or out of date leaves it as it is.
        return ("status", value.lang, value.total, value.translated,
                tuple(item.original.source_path for item in value.missing),
                tuple((s.path, s.original_changed.isoformat(),
                       s.translation_changed.isoformat()) for s in value.stale))
    if isinstance(value, Item):
        return ("item", keys.get((value.kind, value.id)) or repr(value))
    if isinstance(value, Record):
        return ("record", keys.get((value.kind, value.id)) or repr(value), value.lang)
    if isinstance(value, str | int | float | bool | type(None) | Enum | date | datetime):
        return repr(value)
    if isinstance(value, dict):
        return tuple((stable(k, keys), stable(v, keys)) for k, v in sorted(
            value.items(), key=lambda kv: repr(kv[0])))
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return tuple(stable(item, keys) for item in items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            stable(getattr(value, f.name), keys) for f in dataclasses.fields(value))
    return repr(value)


def _key(item: Item, keys: Keys) -> str:
    return keys.get((item.kind, item.id)) or repr(item)


def _occurrence(value: Occurrence) -> tuple[str, str, str, str, str, bool]:
    end = value.end.isoformat() if value.end is not None else ""
    return (value.recurrence_id.isoformat(), value.start.isoformat(), end, value.status,
            value.topic, value.moved)


def of_page(code: str, template: str, shared: Any, own: dict[str, Any], keys: Keys) -> str:
    """A page's fingerprint: ``shared`` is the language's common context, already stable."""
    return fingerprint(code, template, shared, stable(own, keys))
