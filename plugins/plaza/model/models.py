"""The typed records that validated content becomes. Plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from markupsafe import Markup

from plaza.model.timing import When


class Status(StrEnum):
    """Event status, as in RFC 5545 STATUS plus "postponed" (schema.org EventPostponed)."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class NotesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class Kind(StrEnum):
    """Content types, named by the folder they live in."""

    EVENT = "events"
    PROGRAM = "programs"
    NOTES = "notes"
    FAQ = "faq"
    PAGE = "pages"


def item_ref(kind: Kind, item_id: str) -> str:
    """How build records name an item: ``events/weekly-circle``."""
    return f"{kind}/{item_id}"


@dataclass(frozen=True)
class Location:
    name: str = ""
    address: str = ""


@dataclass(frozen=True)
class Timing:
    """When something happens. ``end`` of an all-day event is inclusive, as written."""

    start: When
    end: When | None
    timezone: str
    repeat: str | None = None
    except_dates: tuple[date, ...] = ()

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def duration(self) -> timedelta | None:
        if self.end is None:
            return None
        if self.all_day:
            return self.end - self.start + timedelta(days=1)  # type: ignore[operator]
        return self.end - self.start  # type: ignore[operator]


@dataclass(frozen=True)
class SessionDetail:
    """Per-session details of a program, keyed by the date of the regular session."""

    date: date
    topic: str = ""
    start: datetime | None = None  # the session was moved to this time
    status: Status = Status.CONFIRMED


@dataclass(frozen=True)
class ActionItem:
    task: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class FaqQuestion:
    anchor: str
    question: Markup  # the heading's Markdown, sanitized (emphasis and code only)
    answer_html: Markup


@dataclass(frozen=True)
class Record:
    """One language version of one content item, with inherited fields filled in."""

    kind: Kind
    id: str
    lang: str
    source_path: str
    title: str
    summary: str
    body_html: Markup  # sanitized (markup.sanitize): the only HTML a record holds
    # Languages the title and body are actually written in (they may be inherited).
    title_lang: str
    body_lang: str
    image: str = ""  # images/<name>, a picture from content/images/
    image_alt: str = ""  # what the picture shows, for people who cannot see it
    # The language each field is written in (inherited fields keep the original's).
    field_langs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Where each field was written, (path, line), so later checks can point at it.
    field_origin: dict[str, tuple[str, int]] = field(default_factory=dict, compare=False,
                                                     hash=False)


    def lang_of(self, field_name: str) -> str:
        return self.field_langs.get(field_name, self.lang)


@dataclass(frozen=True)
class EventRecord(Record):
    timing: Timing | None = None
    status: Status = Status.CONFIRMED
    location: Location | None = None
    online: str = ""
    program: str = ""
    audience: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    registration: str = ""
    organizer: str = ""
    facilitators: tuple[str, ...] = ()
    sessions: tuple[SessionDetail, ...] = ()

    @property
    def is_hybrid(self) -> bool:
        return bool(self.location and self.online)


@dataclass(frozen=True)
class NotesRecord(Record):
    event: str = ""
    date: date | None = None
    status: NotesStatus = NotesStatus.APPROVED
    attendance: int | None = None
    decisions: tuple[str, ...] = ()
    action_items: tuple[ActionItem, ...] = ()


@dataclass(frozen=True)
class FaqRecord(Record):
    audience: str = ""
    questions: tuple[FaqQuestion, ...] = ()


@dataclass(frozen=True)
class Item:
    """A content item: its original and its translations, keyed by language."""

    kind: Kind
    id: str
    original_lang: str
    versions: dict[str, Record]

    @property
    def original(self) -> Record:
        return self.versions[self.original_lang]

    def in_language(self, lang: str) -> Record:
        """The version for ``lang``, or the original when there is no translation."""
        return self.versions.get(lang, self.original)

    def is_translated(self, lang: str) -> bool:
        return lang in self.versions
