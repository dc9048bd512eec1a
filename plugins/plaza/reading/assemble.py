"""From the bytes of content files to validated items and the ``Site``.

Pure: the sources layer lists and reads the files, the build engine keeps what can be
kept between builds; this module only turns bytes into records and records into items.
Three steps, each usable alone (the engine caches the first two per file and per item):

1. ``parse_file``: one file's name, front matter, field names, privacy guard and limits;
2. ``assemble_item``: an original and its translations, validated, merged, rendered;
3. ``check_references`` and ``site_of``: what refers to what across files, and the site.

``read_site`` runs all three for tools and tests. Every problem is collected, not only
the first: a volunteer fixing a pull request sees every mistake in one run.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import datetime

from plaza.model.config import SiteConfig
from plaza.model.models import EventRecord, FaqRecord, Item, Kind, NotesRecord, Record
from plaza.model.problems import ProblemLog
from plaza.model.site import Site
from plaza.model.timing import day_of, zone
from plaza.reading import markup, privacy
from plaza.reading.fields import RE_ID, Context, FieldError, language_code
from plaza.reading.frontmatter import FrontMatterError, SourceFile, parse_source
from plaza.reading.merge import merge_fields
from plaza.reading.placeholders import placeholder_problems
from plaza.reading.records import Draft, build, check_field_names, locked_fields_differ
from plaza.time.recurrence import starts_on

# Page ids that would collide with the addresses Plaza writes itself (language prefixes
# are reserved too: a page "es" would take over the Spanish home page).
RESERVED_PAGE_IDS = {"events", "programs", "notes", "faq", "subscribe", "calendars", "feeds",
                     "theme", "images", "search", "pagefind", "translations", "index",
                     "sitemap", "feed", "admin", "embed", "week", "flyer", "help", "partners",
                     "offline", "fonts", "months"}
# Ids of other kinds that a list Plaza writes beside them takes (events/past/).
RESERVED_IDS = {Kind.EVENT: {"past"}}
MAX_ID_LENGTH = 80  # ids appear twice in some file names (events/<id>/<id>.ics)


@dataclass(frozen=True)
class ParsedFile:
    """One content file, parsed and checked on its own."""

    kind: Kind
    id: str
    lang: str | None  # None for the original
    source: SourceFile


@dataclass
class Group:
    """An item's files: its original and translations (by language)."""

    kind: Kind
    id: str
    original: ParsedFile | None = None
    translations: dict[str, ParsedFile] = field(default_factory=dict)


def file_identity(kind: Kind, shown: str, config: SiteConfig) -> tuple[str, str] | str:
    """(id, language or "") from a file's name, or why the name cannot be used."""
    name = os.path.basename(shown)[: -len(".md")]
    item_id, dot, lang = name.partition(".")
    if not RE_ID.match(item_id) or "." in lang or (dot and not lang) or \
            len(item_id) > MAX_ID_LENGTH:
        return (f"'{name}.md' is not a valid file name; use lower-case letters, digits and "
                "'-', then .md or .<language>.md (e.g. know-your-rights.es.md)")
    if lang and lang not in config.languages:
        return (f"'.{lang}.md' names a language this site does not publish; use one of: "
                f"{', '.join(config.languages)}")
    if (kind == Kind.PAGE and (item_id in RESERVED_PAGE_IDS or
                               item_id in {code.lower() for code in config.languages})) or \
            item_id in RESERVED_IDS.get(kind, ()):
        return (f"'{item_id}' is an address Plaza uses itself (for a list or a language's "
                "pages); rename the file")
    return item_id, lang


def parse_file(kind: Kind, shown: str, data: bytes, config: SiteConfig, log: ProblemLog
               ) -> ParsedFile | None:
    """One file on its own; problems go to ``log`` (a bug in Plaza is one of them)."""
    try:
        return _parse(kind, shown, data, config, log)
    except Exception as error:  # noqa: BLE001 - reported as the file's problem
        log.crash(shown, error)
        return None


def _parse(kind: Kind, shown: str, data: bytes, config: SiteConfig, log: ProblemLog
           ) -> ParsedFile | None:
    identity = file_identity(kind, shown, config)
    if isinstance(identity, str):
        log.add(shown, 1, "", identity)
        return None
    item_id, lang = identity
    try:
        source = parse_source(shown, data.decode("utf-8"))
    except UnicodeDecodeError:
        log.add(shown, 1, "", "the file is not UTF-8 text; save it as UTF-8")
        return None
    except FrontMatterError as exc:
        log.add(shown, exc.line, exc.field, str(exc))
        return None
    check_field_names(source, kind, log, is_translation=bool(lang))
    privacy.check_source(source, kind, config, log)
    for offset, message in placeholder_problems(source.body):
        log.add(shown, source.body_line + offset, "", message)
    too_much = markup.body_problem(source.body)
    if too_much:
        log.add(shown, source.body_line + too_much[0], "", too_much[1])
        source = dataclasses.replace(source, body="")  # refused: never laid out
    return ParsedFile(kind, item_id, lang or None, source)


def group(files: list[ParsedFile], log: ProblemLog) -> list[Group]:
    """Files by item (sorted by kind and id); ids used twice and orphan translations are
    reported."""
    groups: dict[tuple[Kind, str], Group] = {}
    schedule_ids: dict[str, ParsedFile] = {}  # events and programs share one id space
    for file in files:
        found = groups.setdefault((file.kind, file.id), Group(file.kind, file.id))
        first = found.translations.get(file.lang) if file.lang else found.original
        if first is not None:
            log.add(file.source.path, 1, "", f"the id '{file.id}' is already used by "
                    f"{first.source.path}; rename one of the files")
            continue
        if file.lang is None and file.kind in (Kind.EVENT, Kind.PROGRAM):
            other = schedule_ids.setdefault(file.id, file)
            if other is not file:
                log.add(file.source.path, 1, "", f"the id '{file.id}' is already used by "
                        f"{other.source.path}; events and programs need different ids")
                continue
        if file.lang:
            found.translations[file.lang] = file
        else:
            found.original = file
    for found in groups.values():
        if found.original is None:
            for translation in found.translations.values():
                log.add(translation.source.path, 1, "", "this translation has no original; "
                        f"add {_original_name(translation.source.path)} or fix the file name")
    return [groups[key] for key in sorted(groups)]


def _original_name(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, name.split(".")[0] + ".md")


def assemble_item(found: Group, ctx: Context, log: ProblemLog) -> Item | None:
    """An item from its original and translations; a bug met on the way is a problem of
    the item's original file."""
    if found.original is None:
        return None
    try:
        return _assemble(found, ctx, log)
    except Exception as error:  # noqa: BLE001 - reported as the file's problem
        log.crash(found.original.source.path, error)
        return None


def _assemble(found: Group, ctx: Context, log: ProblemLog) -> Item | None:
    assert found.original is not None
    kind, item_id, src = found.kind, found.id, found.original.source
    # ``lang`` names the version in every output (lang="", JSON-LD, feeds): checked here,
    # since it is taken out of the fields the record is built from.
    original_lang, lang_ok = ctx.config.default_lang, True
    if "lang" in src.fields:
        try:
            original_lang = language_code(src.fields["lang"], ctx)
        except FieldError as error:
            log.add(src.path, src.line_of("lang"), "lang", str(error))
            lang_ok = False
    fields = {name: value for name, value in src.fields.items() if name != "lang"}
    draft = Draft(kind, item_id, original_lang, fields, dict.fromkeys(fields, src), src, src,
                  original_lang, original_lang, original_lang)
    record = build(draft, ctx, log)
    if record is None or not lang_ok:
        for translation in found.translations.values():
            _check_locked(kind, src, translation.source, log)
        return None
    versions: dict[str, Record] = {original_lang: record}
    anchors = ([q.anchor for q in record.questions] if isinstance(record, FaqRecord) else None)
    for lang, translation in sorted(found.translations.items()):
        version = _translate(found, lang, translation.source, ctx, log, anchors)
        if version is not None:
            versions[lang] = version
    return Item(kind=kind, id=item_id, original_lang=original_lang, versions=versions)


def _translate(found: Group, lang: str, own: SourceFile, ctx: Context, log: ProblemLog,
               anchors: list[str] | None) -> Record | None:
    assert found.original is not None
    src = found.original.source
    orig_lang = str(src.fields.get("lang") or ctx.config.default_lang)
    if lang == orig_lang:
        log.add(own.path, 1, "", f"the original is already in '{lang}'; a translation "
                "must be in another language")
        return None
    _check_locked(found.kind, src, own, log)
    fields, problems = merge_fields(src.fields, own.fields)
    for where, message in problems:
        log.add(own.path, own.line_of(where), where, message)
    origin = {name: own if name in own.fields else src for name in fields}
    has_body = bool(own.body.strip())
    draft = Draft(found.kind, found.id, lang, fields, origin, own if has_body else src, own,
                  lang if "title" in own.fields else orig_lang,
                  lang if has_body else orig_lang, orig_lang)
    return build(draft, ctx, log, faq_anchors=anchors)


def _check_locked(kind: Kind, original: SourceFile, own: SourceFile, log: ProblemLog) -> None:
    for name in locked_fields_differ(kind, original.fields, own.fields):
        log.add(own.path, own.line_of(name), name, f"a translation cannot change {name}; "
                f"remove this line (it is taken from {original.path})")


def check_references(site: Site, known_ids: set[str], log: ProblemLog) -> None:
    """Missing events and programs. An id whose own file failed is not reported again."""
    _check_help_links(site, known_ids, log)
    for item in site.of_kind(Kind.EVENT):
        for record in item.versions.values():
            assert isinstance(record, EventRecord)
            if record.program and record.program not in known_ids:
                _missing(log, record, "program", record.program, "content/programs/")
    for item in site.of_kind(Kind.NOTES):
        for record in item.versions.values():
            assert isinstance(record, NotesRecord)
            if record.event in known_ids:
                _check_notes_target(site, record, log)
            else:
                _missing(log, record, "event", record.event,
                         "content/events/ or content/programs/")


def _check_help_links(site: Site, known_ids: set[str], log: ProblemLog) -> None:
    """The help block's links lead to a page that exists and, for a question, to one of
    its questions (reported against the settings, at line 0: the caller finds the line)."""
    config = site.config
    for link in config.help_links:
        item = site.get(Kind(link.kind), link.item_id)
        if item is None:
            if link.item_id not in known_ids:
                log.add(config.settings_file, 0, "PLAZA_HELP", f"link '{link.label}' leads "
                        f"to '{link.target}', but there is no '{link.item_id}' in "
                        f"content/{link.kind}/; check the id (the file name without .md)")
        elif link.anchor and isinstance(item.original, FaqRecord) and link.anchor not in {
                question.anchor for question in item.original.questions}:
            anchors = ", ".join(q.anchor for q in item.original.questions)
            log.add(config.settings_file, 0, "PLAZA_HELP", f"link '{link.label}' leads to "
                    f"'#{link.anchor}', which is not a question of {link.item_id}; use one of: "
                    f"{anchors}")


def _check_notes_target(site: Site, record: NotesRecord, log: ProblemLog) -> None:
    target = site.schedule_item(record.event)
    if target is None:  # it exists but has problems of its own, reported there
        return
    schedule = target.original
    assert isinstance(schedule, EventRecord) and schedule.timing is not None
    if target.kind == Kind.PROGRAM and record.date is None:
        _report(log, record, "date", "notes for a program need the 'date' of the session "
                "(YYYY-MM-DD)")
    elif record.date is not None and schedule.timing.repeat is None and \
            record.date != day_of(schedule.timing.start):
        _report(log, record, "date", f"'{record.event}' takes place on "
                f"{day_of(schedule.timing.start)}, not {record.date}; fix the date or remove it")
    elif record.date is not None and schedule.timing.repeat and \
            not starts_on(schedule.timing, record.date):
        _report(log, record, "date", f"'{record.event}' has no session on {record.date}; "
                "use the date of a session it held")


def _missing(log: ProblemLog, record: Record, field_name: str, target: str,
             folder: str) -> None:
    _report(log, record, field_name, f"there is no '{target}' in {folder}; check the id "
            "(the file name without .md)")


def _report(log: ProblemLog, record: Record, field_name: str, message: str) -> None:
    path, line = record.field_origin.get(field_name, (record.source_path, 1))
    log.add(path, line, field_name, message)


@dataclass(frozen=True)
class Dates:
    """What git says about the files (see ``plaza_sources.history``): when each changed,
    when each original was first published, and each item's SEQUENCE."""

    changed: dict[str, datetime] = field(default_factory=dict)
    published: dict[str, datetime] = field(default_factory=dict)
    sequence: dict[str, int] = field(default_factory=dict)


def site_of(config: SiteConfig, items: list[Item], dates: Dates | None = None) -> Site:
    """The site, complete: every item, with the dates its files have."""
    dates = dates or Dates()
    by_kind: dict[Kind, dict[str, Item]] = {kind: {} for kind in Kind}
    for item in sorted(items, key=lambda i: (i.kind.value, i.id)):
        by_kind[item.kind][item.id] = item
    return Site(config=config, items=by_kind, changed=dates.changed,
                published=dates.published, sequence=dates.sequence)


def context_for(config: SiteConfig, images: frozenset[str]) -> Context:
    """What validating a record needs besides its fields: the settings, the site's time
    zone, the pictures that exist, and a Markdown renderer."""
    return Context(config, zone(config.timezone), images, markup.Renderer())


def read_site(files: list[tuple[Kind, str, bytes]], config: SiteConfig,
              images: frozenset[str] = frozenset(), dates: Dates | None = None) -> Site:
    """Every step, without caches: (kind, shown path, bytes) of each file to the site.
    Raises ``ContentError`` listing every problem."""
    log = ProblemLog()
    parsed = [parse_file(kind, shown, data, config, log) for kind, shown, data in files]
    groups = group([file for file in parsed if file is not None], log)
    ctx = context_for(config, images)
    items = [item for found in groups if (item := assemble_item(found, ctx, log))]
    site = site_of(config, items, dates)
    check_references(site, {found.id for found in groups}, log)
    log.raise_if_any()
    return site
