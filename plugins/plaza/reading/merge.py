"""Merge a translation's fields over its original's.

Most fields are replaced whole. Two are merged key by key, because replacing them whole
would let a translation silently drop what it did not repeat:
- ``location``: a translated ``name`` keeps the original ``address``;
- ``sessions``: a translation supplies topics by ``date``; the moved ``start`` and the
  ``status`` of each session always come from the original.
"""

from __future__ import annotations

from typing import Any

LOCKED_SESSION_KEYS = ("start", "status")


def merge_fields(original: dict[str, Any], own: dict[str, Any]
                 ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The merged fields, and problems as (field path, message)."""
    merged = {name: value for name, value in original.items() if name != "lang"}
    problems: list[tuple[str, str]] = []
    for name, value in own.items():
        if name == "lang":
            continue
        if name == "location" and isinstance(value, dict) and \
                isinstance(original.get("location"), dict):
            merged[name] = {**original["location"], **value}
        elif name == "sessions" and isinstance(value, list) and \
                isinstance(original.get("sessions"), list):
            merged[name] = _merge_sessions(original["sessions"], value, problems)
        else:
            merged[name] = value
    return merged, problems


def _merge_sessions(original: list[Any], own: list[Any],
                    problems: list[tuple[str, str]]) -> list[Any]:
    by_date = {str(s.get("date")): dict(s) for s in original if isinstance(s, dict)}
    for index, session in enumerate(own):
        if not isinstance(session, dict) or "date" not in session:
            continue  # the record's own validation reports the shape
        day = str(session["date"])
        base = by_date.setdefault(day, {"date": session["date"]})
        for key in LOCKED_SESSION_KEYS:
            if key in session and str(session[key]) != str(base.get(key)):
                problems.append((f"sessions[{index}].{key}", f"a translation cannot change "
                                 f"a session's {key}; remove this line (it is taken from "
                                 "the original)"))
        if "topic" in session:
            base["topic"] = session["topic"]
    return [by_date[key] for key in sorted(by_date)]
