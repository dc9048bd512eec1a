"""What fields each content type takes: one declarative table.

The same table drives validation (``records``), the JSON Schemas editors use, and the
field reference in ``docs/content.md``, so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from plaza.model.models import Kind


class FieldType(StrEnum):
    TEXT = "text"
    WHEN = "when"  # YYYY-MM-DD HH:MM or YYYY-MM-DD
    DATE = "date"
    DURATION = "duration"
    TIMEZONE = "timezone"
    STATUS = "status"
    NOTES_STATUS = "notes_status"
    URL = "url"
    EVENT_REF = "event_ref"  # id of an event or program
    PROGRAM_REF = "program_ref"
    AUDIENCE = "audience"  # one value from the audience vocabulary
    AUDIENCE_LIST = "audience_list"
    CATEGORY_LIST = "category_list"
    ACCESSIBILITY_LIST = "accessibility_list"
    LANGUAGE = "language"
    LANGUAGE_LIST = "language_list"
    TEXT_LIST = "text_list"
    DATE_LIST = "date_list"
    RRULE = "rrule"
    COUNT = "count"
    LOCATION = "location"
    SESSIONS = "sessions"
    ACTION_ITEMS = "action_items"
    IMAGE = "image"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    help: str
    required: bool = False
    # Timing and status fields: a translation may repeat them but never change them.
    locked_in_translation: bool = False
    original_only: bool = False


_TITLE = FieldSpec("title", FieldType.TEXT, "The title, in the file's language.", required=True)
_SUMMARY = FieldSpec("summary", FieldType.TEXT, "One or two sentences shown in lists and feeds.")
_LANG = FieldSpec("lang", FieldType.LANGUAGE,
                  "The language the original is written in, when it is not the site's "
                  "default language.", original_only=True)
_IMAGE = FieldSpec("image", FieldType.IMAGE,
                   "A picture from content/images/, e.g. images/clinic.jpg.")
_IMAGE_ALT = FieldSpec("image_alt", FieldType.TEXT,
                       "What the picture shows, for people who cannot see it.")

_TIMING = (
    FieldSpec("start", FieldType.WHEN, "Local start: YYYY-MM-DD HH:MM (24-hour clock), or "
              "YYYY-MM-DD for an all-day event.", required=True, locked_in_translation=True),
    FieldSpec("end", FieldType.WHEN, "Local end, in the same form as start. For an all-day "
              "event, the last day (inclusive).", locked_in_translation=True),
    FieldSpec("duration", FieldType.DURATION, "Instead of end: 90m, 2h or 1h30m.",
              locked_in_translation=True),
    FieldSpec("timezone", FieldType.TIMEZONE,
              "Time zone name such as America/Los_Angeles; defaults to the site's.",
              locked_in_translation=True),
    FieldSpec("repeat", FieldType.RRULE, "How the series repeats, in plain words such as "
              "'every Thursday', 'every third Thursday' or 'every month on the 15th, 8 times' "
              "(docs/content.md lists them all), or as an RFC 5545 RRULE, e.g. "
              "FREQ=WEEKLY;BYDAY=TH;COUNT=8. A form may also write it as choices: every "
              "(day, week, month or year), interval, weekdays, which (first … fifth, "
              "last), days (of the month), until or times.",
              locked_in_translation=True),
    FieldSpec("except", FieldType.DATE_LIST, "Dates (YYYY-MM-DD) of skipped occurrences.",
              locked_in_translation=True),
    FieldSpec("status", FieldType.STATUS, "confirmed (default), tentative, cancelled or "
              "postponed.", locked_in_translation=True),
)

_GATHERING = (
    FieldSpec("location", FieldType.LOCATION, "Where: a 'name' and an 'address'."),
    FieldSpec("online", FieldType.URL, "Public link to join online (https://…)."),
    FieldSpec("audience", FieldType.AUDIENCE_LIST, "Who it is for, from the site's audiences."),
    FieldSpec("categories", FieldType.CATEGORY_LIST,
              "Topics, from the site's categories (PLAZA_CATEGORIES), e.g. know-your-rights."),
    FieldSpec("languages", FieldType.LANGUAGE_LIST,
              "Languages spoken or interpreted, as codes: en, es, ko, …"),
    FieldSpec("accessibility", FieldType.ACCESSIBILITY_LIST,
              "Access provided, from the site's accessibility list."),
    FieldSpec("registration", FieldType.URL, "Link to register (https://…)."),
    FieldSpec("organizer", FieldType.TEXT, "An organisation or role; never a person's email."),
)

FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {
    Kind.EVENT: (
        _TITLE, _SUMMARY, _LANG, *_TIMING, *_GATHERING,
        FieldSpec("program", FieldType.PROGRAM_REF, "Id of the program this event belongs to."),
        _IMAGE, _IMAGE_ALT,
    ),
    Kind.PROGRAM: (
        _TITLE, _SUMMARY, _LANG, *_TIMING, *_GATHERING,
        FieldSpec("facilitators", FieldType.TEXT_LIST,
                  "Organisations or roles that facilitate the sessions."),
        FieldSpec("sessions", FieldType.SESSIONS,
                  "Per-session details keyed by 'date': topic, a moved 'start', or "
                  "'status: cancelled'."),
        _IMAGE, _IMAGE_ALT,
    ),
    Kind.NOTES: (
        _TITLE, _SUMMARY, _LANG,
        FieldSpec("event", FieldType.EVENT_REF, "Id of the event or program these notes record.",
                  required=True),
        FieldSpec("date", FieldType.DATE, "For a program: the date of the session (YYYY-MM-DD)."),
        FieldSpec("status", FieldType.NOTES_STATUS, "draft or approved.",
                  locked_in_translation=True),
        FieldSpec("attendance", FieldType.COUNT, "How many people attended (a number)."),
        FieldSpec("decisions", FieldType.TEXT_LIST, "What was decided."),
        FieldSpec("action_items", FieldType.ACTION_ITEMS,
                  "Follow-ups: 'task', 'owner' (a role or group, never a person) and 'due'."),
    ),
    Kind.FAQ: (
        _TITLE, _SUMMARY, _LANG,
        FieldSpec("audience", FieldType.AUDIENCE, "The audience this FAQ answers.",
                  required=True),
    ),
    Kind.PAGE: (_TITLE, _SUMMARY, _LANG),
}

# Pelican fields that would let a file choose where it is written.
UNSAFE_FIELDS = {
    "save_as": "Plaza decides where pages are written",
    "url": "Plaza decides page addresses",
    "template": "Plaza picks the template for each content type",
    "slug": "the file name is the id and decides the address",
    "path": "Plaza decides where pages are written",
}

SESSION_KEYS = ("date", "topic", "start", "status")
ACTION_ITEM_KEYS = ("task", "owner", "due")
LOCATION_KEYS = ("name", "address")


def spec_for(kind: Kind) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in FIELDS[kind]}
