"""JSON Schemas for each content type's front matter, generated from ``schema.FIELDS``.

Editors that speak the YAML language server use them for completion and inline errors.
The validator in ``records``/``fields`` stays the authority (it also checks what a schema
cannot: real dates, time zones' daylight-saving gaps, references between files); a test
keeps the two in agreement on the valid and invalid fixtures.
"""

from __future__ import annotations

from typing import Any

from plaza.model.config import SiteConfig
from plaza.model.models import Kind, NotesStatus, Status
from plaza.reading.schema import (
    ACTION_ITEM_KEYS,
    FIELDS,
    LOCATION_KEYS,
    SESSION_KEYS,
    FieldSpec,
    FieldType,
)
from plaza.time.repeat_form import FREQUENCIES, MONTH_NAMES, POSITION_NAMES, WEEKDAY_NAMES
from plaza.time.repeat_rules import MAX_COUNT, MAX_INTERVAL
from plaza.time.repeat_words import FIRST_WORDS

DATE = r"^\d{4}-\d{2}-\d{2}$"
WHEN = r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2})?$"
ID = r"^[a-z0-9][a-z0-9-]*$"
LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def _string_or_list(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}]}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def _repeat_choices() -> dict[str, Any]:
    """``repeat:`` as the content editor writes it (``plaza.time.repeat_form``)."""
    def names(values: Any) -> dict[str, Any]:
        return {"enum": list(values)}
    number = {"type": "integer", "minimum": 1}
    day = {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 31}, {"const": "last"}]}
    return _object({
        "every": names(FREQUENCIES), "interval": {**number, "maximum": MAX_INTERVAL},
        "weekdays": _string_or_list(names(WEEKDAY_NAMES)),
        "which": _string_or_list(names(POSITION_NAMES)),
        "days": {"anyOf": [day, {"type": "array", "items": day}]},
        "month": {"anyOf": [names(MONTH_NAMES), {"type": "integer", "minimum": 1,
                                                  "maximum": 12}]},
        "until": {"type": "string", "pattern": DATE}, "times": {**number, "maximum": MAX_COUNT},
    }, required=("every",))


def _phrase_pattern() -> str:
    """Plain words for a series (``every third Thursday``), by their first word only: Plaza's
    own check says what is wrong with the rest. In any case, without a regex flag."""
    def any_case(word: str) -> str:
        return "".join(f"[{letter.upper()}{letter}]" for letter in word)
    return r"^\s*(" + "|".join(any_case(word) for word in FIRST_WORDS) + r")\b[^=]*$"


def _type_schema(spec: FieldSpec, config: SiteConfig) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    t = spec.type
    simple: dict[FieldType, dict[str, Any]] = {
        FieldType.TEXT: text,
        FieldType.WHEN: {"type": "string", "pattern": WHEN},
        FieldType.DATE: {"type": "string", "pattern": DATE},
        FieldType.DURATION: {"type": "string", "pattern": r"^(?=.)(\d+h)?(\d+m)?$"},
        FieldType.TIMEZONE: {"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"},
        FieldType.STATUS: {"enum": [s.value for s in Status]},
        FieldType.NOTES_STATUS: {"enum": [s.value for s in NotesStatus]},
        FieldType.URL: {"type": "string", "pattern": r"^https?://[^\s/]+"},
        FieldType.EVENT_REF: {"type": "string", "pattern": ID},
        FieldType.PROGRAM_REF: {"type": "string", "pattern": ID},
        FieldType.AUDIENCE: {"enum": list(config.audiences)},
        FieldType.AUDIENCE_LIST: _string_or_list({"enum": list(config.audiences)}),
        FieldType.CATEGORY_LIST: _string_or_list({"enum": list(config.category_ids)}),
        FieldType.ACCESSIBILITY_LIST: _string_or_list({"enum": list(config.accessibility)}),
        FieldType.LANGUAGE: {"type": "string", "pattern": LANGUAGE},
        FieldType.LANGUAGE_LIST: _string_or_list({"type": "string", "pattern": LANGUAGE}),
        FieldType.TEXT_LIST: _string_or_list(text),
        FieldType.DATE_LIST: _string_or_list({"type": "string", "pattern": DATE}),
        FieldType.RRULE: {"anyOf": [
            {"type": "string", "pattern": r"^(RRULE:)?(.*;)?FREQ=(SECONDLY|MINUTELY|HOURLY|"
                                          r"DAILY|WEEKLY|MONTHLY|YEARLY)(;.*)?$"},
            {"type": "string", "pattern": _phrase_pattern()},
            _repeat_choices()]},
        FieldType.COUNT: {"type": "integer", "minimum": 0},
        FieldType.IMAGE: {"type": "string", "pattern": r"^images/(?!.*\.\.)[^\s]+$"},
    }
    if t in simple:
        return simple[t]
    if t == FieldType.LOCATION:
        return {"anyOf": [text, _object({key: text for key in LOCATION_KEYS})]}
    if t == FieldType.SESSIONS:
        session = _object({"date": simple[FieldType.DATE], "topic": text,
                           "start": simple[FieldType.WHEN],
                           "status": simple[FieldType.STATUS]}, ("date",))
        assert set(session["properties"]) == set(SESSION_KEYS)
        return {"type": "array", "items": session}
    assert t == FieldType.ACTION_ITEMS
    item = _object({"task": text, "owner": text, "due": simple[FieldType.DATE]},
                   ("task", "owner"))
    assert set(item["properties"]) == set(ACTION_ITEM_KEYS)
    return {"type": "array", "items": item}


def front_matter_schema(kind: Kind, config: SiteConfig, translation: bool = False
                        ) -> dict[str, Any]:
    specs = [spec for spec in FIELDS[kind]
             if not (translation and (spec.original_only or spec.locked_in_translation))]
    properties = {spec.name: {**_type_schema(spec, config), "description": spec.help}
                  for spec in specs}
    what = f"a translation of {kind.value}" if translation else kind.value
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"plaza/{kind.value}{'.translation' if translation else ''}.schema.json",
        "title": f"Plaza front matter: {what}",
        **_object(properties, () if translation else
                  tuple(spec.name for spec in specs if spec.required)),
    }
    return schema
