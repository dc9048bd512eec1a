"""Converters from raw YAML values to typed values, one per ``FieldType``.

Each converter returns the typed value or raises ``FieldError`` with a message that says
what is wrong and what is expected. ``sub`` names a nested field (``location.address``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar.prop import vRecur
from markupsafe import Markup

from plaza.model.config import SiteConfig
from plaza.model.languages import is_language_code
from plaza.model.models import ActionItem, Location, NotesStatus, SessionDetail, Status
from plaza.model.timing import TimingError, parse_duration, parse_when, zone
from plaza.reading.markup import render as render_markdown
from plaza.reading.plaintext import markup_problem
from plaza.reading.schema import ACTION_ITEM_KEYS, LOCATION_KEYS, SESSION_KEYS, FieldType
from plaza.time.repeat_form import ChoiceError, repeat_from_choices
from plaza.time.repeat_rules import MAX_COUNT, rule_problem
from plaza.time.repeat_words import PhraseError, looks_like_rrule, phrase_to_rrule

RE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class FieldError(ValueError):
    def __init__(self, message: str, sub: str = ""):
        self.sub = sub
        super().__init__(message)

    def for_field(self, name: str) -> str:
        """The message for the field ``name``; some fixes quote the field's own line."""
        return str(self)


class NotAList(FieldError):
    """``languages: en, es``: YAML reads one piece of text, the volunteer meant two."""

    def __init__(self, items: list[str]):
        self.items = items
        super().__init__(f"write a list: [{', '.join(items)}]")

    def for_field(self, name: str) -> str:
        return (f"several values need square brackets around them; write a list: {name}: "
                f"[{', '.join(self.items)}]")


@dataclass(frozen=True)
class Context:
    config: SiteConfig
    tz: ZoneInfo
    images: frozenset[str]  # the pictures content/images/ holds, as images/<name>
    render: Callable[[str], Markup] = field(default=render_markdown, compare=False)


def text(value: Any, ctx: Context) -> str:
    """Plain text a reader sees: never markup (see ``plaintext``)."""
    result = _scalar(value)
    problem = markup_problem(result)
    if problem:
        raise FieldError(problem)
    return result


def _scalar(value: Any) -> str:
    """A single value as written, for fields that check its form themselves."""
    if isinstance(value, dict | list):
        raise FieldError("expected plain text, not a list or a group of fields")
    if value is None:
        raise FieldError("is empty; write a value or remove the line")
    return str(value).strip()


def text_list(value: Any, ctx: Context) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FieldError("expected a list, one item per line starting with '- '")
    _check_length(value, "items")
    items = []
    for index, item in enumerate(value):
        if isinstance(item, dict | list) or item is None or str(item).strip() == "":
            raise FieldError("expected plain text for each list item", f"[{index}]")
        problem = markup_problem(str(item))
        if problem:
            raise FieldError(problem, f"[{index}]")
        items.append(str(item).strip())
    return tuple(items)


# Lists a page shows in full, in every language (decisions, facilitators, audiences,
# action items): far more than any real one; 70,000 decisions took seconds a language.
MAX_LIST_ITEMS = 500


def _check_length(value: list[Any], what: str) -> None:
    if len(value) > MAX_LIST_ITEMS:
        raise FieldError(f"lists {len(value)} {what}; at most {MAX_LIST_ITEMS} are taken, "
                         "split the list or the page")


def code_list(value: Any, ctx: Context) -> tuple[str, ...]:
    """A list of codes (no code holds a comma): ``en, es`` is two codes meant as a list,
    unlike ``decisions: Rent, then repairs``, one item of free text."""
    if isinstance(value, str) and "," in value:
        raise NotAList([part.strip() for part in value.split(",") if part.strip()])
    return text_list(value, ctx)


def _vocabulary_list(vocabulary: tuple[str, ...], what: str) -> Callable[[Any, Context],
                                                                         tuple[str, ...]]:
    def convert(value: Any, ctx: Context) -> tuple[str, ...]:
        items = code_list(value, ctx)
        for index, item in enumerate(items):
            _check_vocabulary(item, vocabulary, what, f"[{index}]")
        return items
    return convert


def _check_vocabulary(item: str, vocabulary: tuple[str, ...], what: str, sub: str = "") -> None:
    if item not in vocabulary:
        raise FieldError(f"unknown {what} '{item}'; expected one of: {', '.join(vocabulary)}",
                         sub)


def category_list(value: Any, ctx: Context) -> tuple[str, ...]:
    """Topics: ids (they name calendar files) from the site's declared categories."""
    items = code_list(value, ctx)
    for index, item in enumerate(items):
        if not RE_ID.match(item):
            raise FieldError(f"'{item}' is not a category id; use lower-case letters, digits "
                             "and '-', e.g. know-your-rights", f"[{index}]")
        if item not in ctx.config.category_ids:
            known = ", ".join(ctx.config.category_ids) or "none yet"
            raise FieldError(f"unknown category '{item}'; expected one of: {known} (a new "
                             "one is added to PLAZA_CATEGORIES in the settings, with its "
                             "label)", f"[{index}]")
    return items


def audience(value: Any, ctx: Context) -> str:
    item = _scalar(value)
    _check_vocabulary(item, ctx.config.audiences, "audience")
    return item


def audience_list(value: Any, ctx: Context) -> tuple[str, ...]:
    return _vocabulary_list(ctx.config.audiences, "audience")(value, ctx)


def accessibility_list(value: Any, ctx: Context) -> tuple[str, ...]:
    return _vocabulary_list(ctx.config.accessibility, "accessibility value")(value, ctx)


def language_code(value: Any, ctx: Context) -> str:
    code = _scalar(value)
    if not is_language_code(code):
        raise FieldError(f"unknown language code '{code}'; use a code such as en, es, "
                         "zh-Hant, ko, tl, vi, fa")
    return code


def language_list(value: Any, ctx: Context) -> tuple[str, ...]:
    items = code_list(value, ctx)
    for index, code in enumerate(items):
        if not is_language_code(code):
            raise FieldError(f"unknown language code '{code}'; use codes such as en, es, "
                             "zh-Hant, ko, tl, vi, fa", f"[{index}]")
    return items


def when(value: Any, ctx: Context) -> Any:
    try:
        return parse_when(_scalar(value), ctx.tz)
    except TimingError as exc:
        raise FieldError(str(exc)) from None


def plain_date(value: Any, ctx: Context) -> date:
    result = when(value, ctx)
    if not isinstance(result, date) or hasattr(result, "hour"):
        raise FieldError(f"'{value}' is not a date; expected YYYY-MM-DD")
    return result


def date_list(value: Any, ctx: Context) -> tuple[date, ...]:
    if not isinstance(value, list):
        value = [value]
    if len(value) > MAX_COUNT:  # each date is checked against the series
        raise FieldError(f"lists {len(value)} dates; a series has at most {MAX_COUNT} "
                         "meetings, so there are no more to skip")
    dates = []
    for index, item in enumerate(value):
        try:
            dates.append(plain_date(item, ctx))
        except FieldError as exc:
            raise FieldError(str(exc), f"[{index}]") from None
    return tuple(sorted(set(dates)))


def duration(value: Any, ctx: Context) -> Any:
    try:
        return parse_duration(value)
    except TimingError as exc:
        raise FieldError(str(exc)) from None


def timezone(value: Any, ctx: Context) -> str:
    name = _scalar(value)
    try:
        zone(name)
    except TimingError as exc:
        raise FieldError(str(exc)) from None
    return name


def status(value: Any, ctx: Context) -> Status:
    return _enum(Status, value, ctx)


def notes_status(value: Any, ctx: Context) -> NotesStatus:
    return _enum(NotesStatus, value, ctx)


def _enum(enum: Any, value: Any, ctx: Context) -> Any:
    item = _scalar(value).lower()
    try:
        return enum(item)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise FieldError(f"unknown status '{item}'; expected one of: {allowed}") from None


RE_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\]")


def url(value: Any, ctx: Context) -> str:
    link = _scalar(value)
    if RE_URL_UNSAFE.search(link):
        raise FieldError("a link is one line with no spaces, quotes, angle brackets or "
                         "backslashes; copy the address again from the browser's address bar")
    parts = urlsplit(link)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise FieldError(f"'{link}' is not a web address; expected a full link starting "
                         "with https://")
    return link


def content_id(value: Any, ctx: Context) -> str:
    ident = _scalar(value)
    if not RE_ID.match(ident):
        raise FieldError(f"'{ident}' is not an id; use the file name without .md "
                         "(lower-case letters, digits and '-')")
    return ident


def count(value: Any, ctx: Context) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldError(f"'{value}' is not a count; expected a whole number such as 24")
    return value


def rrule(value: Any, ctx: Context) -> str:
    """An RRULE, plain words (``every third Thursday``) or a form's choices
    (``repeat_form``), turned into the RRULE they mean, so everything after reading sees
    only rules."""
    if isinstance(value, Mapping):  # the content editor's choices: every, on, which, …
        try:
            rule = repeat_from_choices(value).to_rrule()
        except ChoiceError as error:
            raise FieldError(str(error)) from None
    else:
        written = _scalar(value)
        rule = written.removeprefix("RRULE:").strip() if looks_like_rrule(written) \
            else _rule_from_words(written)
    problem = rule_problem(rule)
    if problem:
        raise FieldError(problem)
    try:
        vRecur.from_ical(rule)
    except (ValueError, TypeError, KeyError):
        raise FieldError(f"'{rule}' is not an RRULE; expected e.g. "
                         "FREQ=WEEKLY;BYDAY=TH;COUNT=8") from None
    return rule


def _rule_from_words(words: str) -> str:
    try:
        rule = phrase_to_rrule(words)
    except PhraseError as error:
        raise FieldError(str(error)) from None
    problem = rule_problem(rule)
    if problem:  # words that ask for more than a rule may hold, e.g. every 5000 weeks
        raise FieldError(f"'{' '.join(words.split())}' means {rule}, and {problem}")
    return rule


def location(value: Any, ctx: Context) -> Location:
    if isinstance(value, str):
        return Location(name=value.strip())
    if not isinstance(value, dict):
        raise FieldError("expected 'name:' and 'address:' on indented lines below location")
    for key in value:
        if key not in LOCATION_KEYS:
            raise FieldError(f"unknown field '{key}'; location takes name and address",
                             f".{key}")
    return Location(name=_optional_text(value, "name", ctx),
                    address=_optional_text(value, "address", ctx))


def _optional_text(mapping: dict[str, Any], key: str, ctx: Context) -> str:
    if key not in mapping:
        return ""
    try:
        return text(mapping[key], ctx)
    except FieldError as exc:
        raise FieldError(str(exc), f".{key}") from None


def _list_of_mappings(value: Any, keys: tuple[str, ...], what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise FieldError(f"expected a list of {what}, each starting with '- '")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise FieldError(f"expected {', '.join(keys)} fields for each of the {what}",
                             f"[{index}]")
        for key in item:
            if key not in keys:
                raise FieldError(f"unknown field '{key}'; expected {', '.join(keys)}",
                                 f"[{index}].{key}")
    return value


def sessions(value: Any, ctx: Context) -> tuple[SessionDetail, ...]:
    details = []
    items = _list_of_mappings(value, SESSION_KEYS, "sessions")
    if len(items) > MAX_COUNT:  # each is checked against the series
        raise FieldError(f"lists {len(items)} sessions; a series has at most {MAX_COUNT} "
                         "meetings")
    for index, item in enumerate(items):
        here = f"[{index}]"
        if "date" not in item:
            raise FieldError("each session needs the 'date' of the regular session it "
                             "describes (YYYY-MM-DD)", here)
        details.append(SessionDetail(
            date=_nested(plain_date, item, "date", ctx, here),
            topic=_nested(text, item, "topic", ctx, here) if "topic" in item else "",
            start=_nested(when, item, "start", ctx, here) if "start" in item else None,
            status=_nested(status, item, "status", ctx, here) if "status" in item
            else Status.CONFIRMED,
        ))
        if details[-1].start is not None and not hasattr(details[-1].start, "hour"):
            raise FieldError("a moved session needs a time: YYYY-MM-DD HH:MM", f"{here}.start")
    seen: set[date] = set()
    for index, detail in enumerate(details):
        if detail.date in seen:
            raise FieldError(f"session {detail.date} is listed twice; merge the two entries",
                             f"[{index}].date")
        seen.add(detail.date)
    return tuple(details)


def action_items(value: Any, ctx: Context) -> tuple[ActionItem, ...]:
    items = []
    listed = _list_of_mappings(value, ACTION_ITEM_KEYS, "action items")
    _check_length(listed, "action items")
    for index, item in enumerate(listed):
        here = f"[{index}]"
        for key in ("task", "owner"):
            if key not in item:
                raise FieldError(f"each action item needs a '{key}'", here)
        owner = _nested(text, item, "owner", ctx, here)
        items.append(ActionItem(
            task=_nested(text, item, "task", ctx, here),
            owner=owner,
            due=_nested(plain_date, item, "due", ctx, here) if "due" in item else None,
        ))
    return tuple(items)


def _nested(convert: Callable[[Any, Context], Any], mapping: dict[str, Any], key: str,
            ctx: Context, here: str) -> Any:
    try:
        return convert(mapping[key], ctx)
    except FieldError as exc:
        raise FieldError(str(exc), f"{here}.{key}{exc.sub}") from None


def image(value: Any, ctx: Context) -> str:
    path = _scalar(value)
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "://" in path or path.startswith("//"):
        raise FieldError(f"'{path}' leaves the site; use a path inside content/images/, "
                         "e.g. images/clinic.jpg")
    if pure.parts[:1] != ("images",):
        raise FieldError(f"'{path}' is not in content/images/; put the picture there and "
                         "write images/<file name>")
    if any(part.startswith(".") for part in pure.parts):
        raise FieldError(f"'{path}' is a hidden file, which the site does not publish (nor "
                         "check); rename it so that its name does not start with '.'")
    if path not in ctx.images:
        raise FieldError(f"there is no picture content/{path}; check the spelling (only "
                         "pictures the build can publish count)")
    return path


CONVERTERS: dict[FieldType, Callable[[Any, Context], Any]] = {
    FieldType.TEXT: text,
    FieldType.WHEN: when,
    FieldType.DATE: plain_date,
    FieldType.DURATION: duration,
    FieldType.TIMEZONE: timezone,
    FieldType.STATUS: status,
    FieldType.NOTES_STATUS: notes_status,
    FieldType.URL: url,
    FieldType.EVENT_REF: content_id,
    FieldType.PROGRAM_REF: content_id,
    FieldType.AUDIENCE: audience,
    FieldType.AUDIENCE_LIST: audience_list,
    FieldType.CATEGORY_LIST: category_list,
    FieldType.ACCESSIBILITY_LIST: accessibility_list,
    FieldType.LANGUAGE: language_code,
    FieldType.LANGUAGE_LIST: language_list,
    FieldType.TEXT_LIST: text_list,
    FieldType.DATE_LIST: date_list,
    FieldType.RRULE: rrule,
    FieldType.COUNT: count,
    FieldType.LOCATION: location,
    FieldType.SESSIONS: sessions,
    FieldType.ACTION_ITEMS: action_items,
    FieldType.IMAGE: image,
}
