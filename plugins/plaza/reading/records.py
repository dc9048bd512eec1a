"""Turn the fields of one language version of an item into a typed, validated record."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from plaza.model.models import (
    EventRecord,
    FaqRecord,
    Kind,
    NotesRecord,
    NotesStatus,
    Record,
    Status,
    Timing,
)
from plaza.model.problems import ProblemLog
from plaza.model.timing import zone
from plaza.reading.fields import CONVERTERS, Context, FieldError
from plaza.reading.frontmatter import SourceFile
from plaza.reading.schema import (
    ACTION_ITEM_KEYS,
    LOCATION_KEYS,
    SESSION_KEYS,
    UNSAFE_FIELDS,
    FieldSpec,
    FieldType,
    spec_for,
)
from plaza.time.recurrence import MAX_OCCURRENCES, exceeds_limit, never_meets, starts_on
from plaza.time.repeat_words import rule_meant

from . import markup


@dataclass
class Draft:
    """The merged fields of one language version, with where each field was written."""

    kind: Kind
    id: str
    lang: str
    fields: dict[str, Any]
    origin: dict[str, SourceFile]  # field name -> the file that set it
    body_file: SourceFile
    main_file: SourceFile  # the file this version lives in
    title_lang: str
    body_lang: str
    original_lang: str

    def lang_of(self, field: str) -> str:
        """The language a field's value is written in: its file's language."""
        source = self.origin.get(field, self.main_file)
        return self.lang if source is self.main_file else self.original_lang


class _Reporter:
    def __init__(self, draft: Draft, log: ProblemLog):
        self.draft, self.log, self.count = draft, log, 0

    def __call__(self, field: str, message: str, sub: str = "") -> None:
        source = self.draft.origin.get(field, self.draft.main_file)
        self.log.add(source.path, source.line_of(field + sub), field + sub, message)
        self.count += 1


def check_field_names(source: SourceFile, kind: Kind, log: ProblemLog,
                      is_translation: bool) -> None:
    """Unknown, unsafe, original-only and repeated fields in one file."""
    for name, first, again in source.duplicates:
        log.add(source.path, again, name, f"is written twice (lines {first} and {again}); "
                "keep one of them")
    specs = spec_for(kind)
    for name in source.fields:
        line = source.line_of(name)
        if name in UNSAFE_FIELDS:
            log.add(source.path, line, name, f"not allowed: {UNSAFE_FIELDS[name]}; remove "
                    "this line")
        elif name not in specs:
            log.add(source.path, line, name, _unknown_field(source, str(name), kind))
        elif is_translation and specs[name].original_only:
            log.add(source.path, line, name, "a translation's language comes from its file "
                    "name (e.g. .es.md); remove this line")


# The fields made of fields of their own, and those they take: an "address:" at the left
# edge after "location:" is the location's, indented too little.
GROUPS = {FieldType.LOCATION: LOCATION_KEYS, FieldType.SESSIONS: SESSION_KEYS,
          FieldType.ACTION_ITEMS: ACTION_ITEM_KEYS}


def _unknown_field(source: SourceFile, name: str, kind: Kind) -> str:
    specs = spec_for(kind)
    group = _group_above(source, name, kind)
    if group:
        how = ("by two spaces, like the line above" if specs[group].type == FieldType.LOCATION
               else "so that it lines up with the fields of its item, like the line above")
        return (f"looks like part of '{group}:' (line {source.line_of(group)}) but starts at "
                f"the left edge; indent it {how}")
    close = difflib.get_close_matches(name, specs, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"{kind.value} take: {', '.join(specs)}"
    return f"unknown field; {hint}"


def _group_above(source: SourceFile, name: str, kind: Kind) -> str:
    """The nearest group field written above ``name`` that takes ``name``, or ''."""
    line = source.line_of(name)
    groups = [(source.line_of(spec.name), spec.name) for spec in spec_for(kind).values()
              if name in GROUPS.get(spec.type, ()) and spec.name in source.fields
              and source.line_of(spec.name) < line]
    return max(groups)[1] if groups else ""


def build(draft: Draft, base: Context, log: ProblemLog,
          faq_anchors: list[str] | None = None) -> Record | None:
    """Validate a draft; report every problem to ``log``; return the record if clean."""
    report = _Reporter(draft, log)
    specs = spec_for(draft.kind)
    for spec in specs.values():
        if spec.required and spec.name not in draft.fields:
            report(spec.name, f"missing; add a line '{spec.name}: …' ({spec.help})")
    tz_name = base.config.timezone
    if "timezone" in draft.fields:
        tz_name = _convert(specs["timezone"], draft.fields["timezone"], base, report) or tz_name
    ctx = Context(base.config, zone(tz_name), base.images, base.render)
    values = {name: _convert(specs[name], value, ctx, report)
              for name, value in draft.fields.items() if name in specs and name != "timezone"}
    values["timezone"] = tz_name
    record: Record | None
    if draft.kind in (Kind.EVENT, Kind.PROGRAM):
        record = _event(draft, values, report, ctx)
    elif draft.kind == Kind.NOTES:
        record = _notes(draft, values, report, ctx)
    elif draft.kind == Kind.FAQ:
        record = _faq(draft, values, faq_anchors, ctx)
    else:
        record = _common(draft, values, Record, ctx)
    return record if report.count == 0 else None


def _convert(spec: FieldSpec, value: Any, ctx: Context, report: _Reporter) -> Any:
    try:
        return CONVERTERS[spec.type](value, ctx)
    except FieldError as exc:
        report(spec.name, exc.for_field(spec.name), exc.sub)
        return None


def _common(draft: Draft, values: dict[str, Any], cls: type, ctx: Context,
            **extra: Any) -> Any:
    return cls(
        kind=draft.kind, id=draft.id, lang=draft.lang, source_path=draft.main_file.path,
        title=values.get("title") or "", summary=values.get("summary") or "",
        body_html=(extra.pop("body_html") if "body_html" in extra
                   else ctx.render(draft.body_file.body)),
        title_lang=draft.title_lang, body_lang=draft.body_lang,
        image=values.get("image") or "", image_alt=values.get("image_alt") or "",
        field_langs={name: draft.lang_of(name) for name in draft.fields},
        field_origin={name: (draft.origin.get(name, draft.main_file).path,
                             draft.origin.get(name, draft.main_file).line_of(name))
                      for name in draft.fields},
        **extra)


def _event(draft: Draft, values: dict[str, Any], report: _Reporter, ctx: Context
           ) -> EventRecord | None:
    timing = _timing(values, report)
    organizer = values.get("organizer") or ""
    if values.get("image") and not values.get("image_alt"):
        report("image", "add 'image_alt:' describing the picture for people who cannot see it")
    sessions = values.get("sessions") or ()
    if timing and (sessions or timing.except_dates):
        _check_series_dates(timing, sessions, report)
    if timing is None:
        return None
    return _common(
        draft, values, EventRecord, ctx, timing=timing,
        status=values.get("status") or Status.CONFIRMED,
        location=values.get("location") or None, online=values.get("online") or "",
        program=values.get("program") or "", audience=values.get("audience") or (),
        categories=values.get("categories") or (), languages=values.get("languages") or (),
        accessibility=values.get("accessibility") or (),
        registration=values.get("registration") or "", organizer=organizer,
        facilitators=values.get("facilitators") or (), sessions=sessions)


def _timing(values: dict[str, Any], report: _Reporter) -> Timing | None:
    start, end, duration = values.get("start"), values.get("end"), values.get("duration")
    if start is None:
        return None
    timed = isinstance(start, datetime)
    if end is not None and duration is not None:
        report("duration", "give either end or duration, not both")
        return None
    if end is not None and isinstance(end, datetime) != timed:
        report("end", "start and end must both have a time (YYYY-MM-DD HH:MM) or both be "
                      "dates (YYYY-MM-DD)")
        return None
    if duration is not None:
        if not timed:
            report("duration", "an all-day event takes 'end: YYYY-MM-DD' (its last day), "
                               "not a duration")
            return None
        end = start + duration
    if end is not None and end < start:
        report("end", f"{_show(end)} is before start {_show(start)}; the end must come "
                      "after the start")
        return None
    if end is not None and timed and end == start:
        report("end", "the end is the same as the start; remove end or make it later")
        return None
    if values.get("except") and not values.get("repeat"):
        report("except", "only a repeating event can skip dates; add 'repeat:' or remove "
                         "'except:'")
        return None
    timing = Timing(start=start, end=end, timezone=values["timezone"],
                    repeat=values.get("repeat") or None,
                    except_dates=values.get("except") or ())
    if exceeds_limit(timing):
        report("repeat", f"the rule makes more than {MAX_OCCURRENCES} meetings before it "
                         "ends; end the series sooner (an earlier 'until …' or fewer '… "
                         "times'; in an RRULE, UNTIL or COUNT) or split it into two files")
        return None
    if never_meets(timing):
        report("repeat", "the rule makes no meetings; check its days (there is no 30 "
                         "February; in an RRULE, BYMONTH, BYMONTHDAY and BYDAY) and that its "
                         "end ('until …', or UNTIL) comes after start")
        return None
    return timing


def _show(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


def _check_series_dates(timing: Timing, sessions: Any, report: _Reporter) -> None:
    if not timing.repeat:
        if sessions:
            report("sessions", "per-session details need a repeating schedule; add "
                               "'repeat:' (e.g. FREQ=WEEKLY;COUNT=6)")
        return
    for index, day in enumerate(timing.except_dates):
        if not starts_on(timing, day):
            report("except", f"{day} is not a date the series meets on; list only dates "
                             "that 'repeat' produces", f"[{index}]")
    for index, detail in enumerate(sessions):
        if not starts_on(timing, detail.date):
            report("sessions", f"{detail.date} is not a date the series meets on; 'date' "
                               "names the regular session being described", f"[{index}].date")
        elif detail.date in timing.except_dates:
            report("sessions", f"{detail.date} is also listed under 'except'; a skipped "
                               "date has no session to describe", f"[{index}].date")


def _notes(draft: Draft, values: dict[str, Any], report: _Reporter, ctx: Context
           ) -> NotesRecord | None:
    return _common(
        draft, values, NotesRecord, ctx, event=values.get("event") or "", date=values.get("date"),
        status=values.get("status") or NotesStatus.APPROVED,
        attendance=values.get("attendance"), decisions=values.get("decisions") or (),
        action_items=values.get("action_items") or ())


def _faq(draft: Draft, values: dict[str, Any], anchors: list[str] | None, ctx: Context
         ) -> FaqRecord:
    intro, questions = markup.faq_questions(draft.body_file.body, anchors, ctx.render)
    return _common(draft, values, FaqRecord, ctx, body_html=intro,
                   audience=values.get("audience") or "", questions=questions)


def locked_fields_differ(kind: Kind, original: dict[str, Any], translation: dict[str, Any]
                         ) -> list[str]:
    """Timing and status fields a translation sets to a value other than the original's."""
    specs = spec_for(kind)
    return [name for name, value in translation.items()
            if name in specs and specs[name].locked_in_translation
            and _normal(value, specs[name]) != _normal(original.get(name), specs[name])]


def _normal(value: Any, spec: FieldSpec) -> Any:
    if isinstance(value, str):
        text = " ".join(value.split())
        # An original may say every third Thursday and its translation FREQ=MONTHLY;BYDAY=3TH.
        return rule_meant(text) if spec.type == FieldType.RRULE else text
    return value
