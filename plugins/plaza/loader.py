"""Read every content file once, validate it, and assemble the ``Site``.

All problems are collected and raised together as one ``ContentError``: a volunteer
fixing a pull request sees every mistake in one run, not one per run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from . import markup, privacy, safe_files
from .cache import BuildCache, config_fingerprint, fingerprint
from .catalogs import catalog_path, check_catalogs, load_translations, site_catalogs
from .config import SiteConfig
from .fields import RE_ID, Context, FieldError, language_code
from .frontmatter import FrontMatterError, SourceFile, parse_source
from .languages import language
from .merge import merge_fields
from .models import EventRecord, FaqRecord, Item, Kind, NotesRecord, Record
from .problems import ContentError, Problem, ProblemLog
from .records import Draft, build, check_field_names, locked_fields_differ
from .recurrence import starts_on
from .site import Site
from .timing import day_of, zone

# A file's size, modification and change times and inode, and the hash of its bytes.
FileSeen = tuple[tuple[int, int, int, int], str]

# Like ``map``, returning a list; may run the pieces in other processes.
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]

# Page ids that would collide with the addresses Plaza writes itself (language prefixes
# are reserved too: a page "es" would take over the Spanish home page).
RESERVED_PAGE_IDS = {"events", "programs", "notes", "faq", "subscribe", "calendars", "feeds",
                     "theme", "images", "search", "pagefind", "translations", "index",
                     "sitemap", "feed", "admin", "embed", "week", "flyer", "help", "partners",
                     "offline", "fonts", "months"}
# Ids of other kinds that a list Plaza writes beside them takes (events/past/).
RESERVED_IDS = {Kind.EVENT: {"past"}}
MAX_ID_LENGTH = 80  # ids appear twice in some file names (events/<id>/<id>.ics)


@dataclass
class _File:
    kind: Kind
    id: str
    lang: str | None  # None for the original
    source: SourceFile
    digest: str  # of the file's bytes: part of the item's cache key


def discover(content_root: str, log: ProblemLog | None = None,
             shown_base: str | None = None) -> list[tuple[Kind, str]]:
    """Every Markdown file under each content folder, as (kind, path), sorted.

    Links out of the content folder, special files, unsafe names and files that are not
    Markdown are reported to ``log`` and left out (see ``safe_files``)."""
    root = os.path.realpath(content_root)
    base = shown_base or os.path.dirname(os.path.abspath(content_root))
    found: list[tuple[Kind, str]] = []
    for kind in Kind:
        for entry in safe_files.walk(os.path.join(content_root, kind.value), root):
            name = os.path.basename(entry.path)
            problem = entry.problem
            if problem is None and name.startswith("."):
                continue  # .gitkeep and the like
            if problem is None and not name.endswith(".md"):
                problem = ("is not a content file; content files are Markdown ending in "
                           ".md (pictures go in content/images/)")
            if problem is None:
                found.append((kind, entry.path))
            elif log is not None:
                shown = safe_files.shown_name(os.path.relpath(entry.path, base))
                log.add(shown, 1, "", problem)
    return found


def _check_site_catalogs(content_root: str, config: SiteConfig, base: str,
                         log: ProblemLog) -> None:
    """The site's own catalogs (content/translations/) come in pull requests too: read
    only from inside the content folder, and compiled as the build compiles them (a
    plural-forms expression gettext refuses, an unknown charset) before anything else
    needs them."""
    folder = site_catalogs(content_root)
    if not os.path.lexists(folder):
        return
    if not safe_files.inside(os.path.realpath(folder), os.path.realpath(content_root)):
        log.add(safe_files.shown_name(os.path.relpath(folder, base)), 1, "", "is a link to a "
                "folder outside the content folder; move the files here instead")
        return
    for code in config.languages:
        locale = language(code).babel_locale
        path = catalog_path(folder, locale)
        if not os.path.lexists(path):
            continue
        before = len(log.problems)
        try:
            check_catalogs(folder, [locale], base, log)
            if len(log.problems) == before:
                load_translations(folder, locale)
        except Exception as error:  # noqa: BLE001 - Babel and gettext fail in many ways
            summary = " ".join(str(error).split())[:200] or type(error).__name__
            log.add(safe_files.shown_name(os.path.relpath(path, base)), 1, "",
                    f"this catalog cannot be read ({summary}); fix the file or restore it "
                    "from git")


def _relative(paths: list[tuple[Kind, str]], base: str) -> list[tuple[Kind, str, str]]:
    """Each path also relative to base: ``os.path.relpath`` costs too much for thousands
    of files, and they are nearly always under base."""
    prefix = os.path.join(os.path.abspath(base), "")
    found = []
    for kind, path in paths:
        absolute = os.path.abspath(path)
        shown = (absolute[len(prefix):] if absolute.startswith(prefix)
                 else os.path.relpath(path, base))
        found.append((kind, path, shown))
    return found


def load_site(content_root: str, config: SiteConfig,
              changed: Callable[[list[str]], dict[str, datetime]] | None = None,
              relative_to: str | None = None, cache: BuildCache | None = None,
              mapper: Mapper | None = None) -> Site:
    """Load and validate all content. Raises ``ContentError`` listing every problem.

    Every file is read and parsed each time (cheap, and needed for the checks between
    files); validating and rendering an item is skipped when ``cache`` holds the item for
    exactly these file contents, settings and code. ``mapper`` (like ``map``, returning a
    list) may share the work on files and items out to other processes.
    """
    run = mapper or _serial
    log = ProblemLog()
    base = relative_to or os.path.dirname(os.path.abspath(content_root))
    try:
        safe_files.resolve_root(content_root, base)
    except safe_files.UnsafeFile as error:
        raise ContentError([Problem(os.path.basename(content_root), 1, "", str(error))]) \
            from None
    settings_key = config_fingerprint(config, content_root)
    found = _relative(discover(content_root, log, base), base)
    # With the files parsed before, reading is only hashing: not worth other processes.
    reader = partial(_read_safely, config=config, cache=cache, settings_key=settings_key)
    reads = (run(reader, found) if cache is None or not cache.sources
             else [reader(piece) for piece in found])
    files = [_settle(read, log, cache) for read in reads]
    privacy.check_images(content_root, base, config, log)
    _check_site_catalogs(content_root, config, base, log)
    groups = _group([f for f in files if f is not None], log)
    items: dict[Kind, dict[str, Item]] = {kind: {} for kind in Kind}
    keys: dict[tuple[Kind, str], str] = {}
    todo: list[tuple[str, tuple[Kind, str, _File, dict[str, _File]]]] = []
    for (kind, item_id), (original, translations) in sorted(groups.items()):
        if original is None:
            continue
        key = fingerprint(cache.code if cache else "", settings_key, original.source.path,
                          original.digest, [(lang, t.source.path, t.digest)
                                            for lang, t in sorted(translations.items())])
        keys[(kind, item_id)] = key
        item = cache.item(key) if cache else None
        if item is None:
            todo.append((key, (kind, item_id, original, translations)))
        else:
            items[kind][item_id] = item
    ctx = Context(config, zone(config.timezone), content_root, markup.Renderer())
    made = run(partial(_assemble_alone, config=config, ctx=ctx), [group for _, group in todo])
    for (key, (kind, item_id, _, _)), (item, problems, details) in zip(todo, made,
                                                                        strict=True):
        log.problems.extend(problems)
        log.details.extend(details)
        if item is None:
            del keys[(kind, item_id)]
            continue
        items[kind][item_id] = item
        if cache:
            cache.remember(key, item)
    items = {kind: dict(sorted(of_kind.items())) for kind, of_kind in items.items()}
    site = Site(config=config, items=items, keys=keys)
    _check_references(site, {key[1] for key in groups}, log)
    log.raise_if_any()
    if changed is not None:
        site.changed = changed([record.source_path for kind in items
                                for item in items[kind].values()
                                for record in item.versions.values()])
    return site


@dataclass
class _Read:
    """One file read, maybe in another process: what the parent needs to settle it."""

    file: _File | None
    problems: list[Problem]
    key: str = ""  # the parsed file's cache key
    details: list[str] = field(default_factory=list)  # see ``ProblemLog.crash``
    parsed_now: bool = False  # not from the cache: worth keeping if it had no problem
    stamp: tuple[str, FileSeen] | None = None


def _read_safely(found: tuple[Kind, str, str], config: SiteConfig, cache: BuildCache | None,
                 settings_key: str) -> _Read:
    """``_read``, where even a bug in Plaza becomes a problem of the file being read."""
    try:
        return _read(found, config, cache, settings_key)
    except Exception as error:  # noqa: BLE001 - reported as the file's problem
        log = ProblemLog()
        log.crash(found[2], error)
        return _Read(None, log.problems, details=log.details)


def _read(found: tuple[Kind, str, str], config: SiteConfig, cache: BuildCache | None,
          settings_key: str) -> _Read:
    kind, path, shown = found
    log = ProblemLog()
    name = os.path.basename(path)[: -len(".md")]
    item_id, dot, lang = name.partition(".")
    if not RE_ID.match(item_id) or "." in lang or (dot and not lang) or \
            len(item_id) > MAX_ID_LENGTH:
        log.add(shown, 1, "", f"'{name}.md' is not a valid file name; use lower-case letters, "
                "digits and '-', then .md or .<language>.md (e.g. know-your-rights.es.md)")
        return _Read(None, log.problems)
    if lang and lang not in config.languages:
        log.add(shown, 1, "", f"'.{lang}.md' names a language this site does not publish; "
                f"use one of: {', '.join(config.languages)}")
        return _Read(None, log.problems)
    if (kind == Kind.PAGE and (item_id in RESERVED_PAGE_IDS or item_id in
                               {code.lower() for code in config.languages})) or \
            item_id in RESERVED_IDS.get(kind, ()):
        log.add(shown, 1, "", f"'{item_id}' is an address Plaza uses itself (for a list or "
                "a language's pages); rename the file")
        return _Read(None, log.problems)
    raw: bytes | None = None
    try:
        stat = os.stat(path)
        seen = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        known = cache.digests.get(path) if cache else None
        if known is not None and known[0] == seen:  # looks as it did when hashed: not read
            digest = known[1]
        else:
            raw = _bytes(path)
            digest = hashlib.sha256(raw).hexdigest()
        key = fingerprint(settings_key, kind.value, shown, digest)
        cached = cache.sources.get(key) if cache else None
        if cached is None:
            raw = _bytes(path) if raw is None else raw
    except (safe_files.UnsafeFile, OSError) as error:
        log.add(shown, 1, "", str(error) if isinstance(error, safe_files.UnsafeFile) else
                f"cannot be read ({error.strerror}); check the file")
        return _Read(None, log.problems)
    if cached is not None:  # parsed and checked before, without a problem
        return _Read(_File(kind, item_id, lang or None, cached, digest), [], key,
                     stamp=(path, (seen, digest)))
    assert raw is not None
    try:
        source = parse_source(shown, raw.decode("utf-8"))
    except UnicodeDecodeError:
        log.add(shown, 1, "", "the file is not UTF-8 text; save it as UTF-8")
        return _Read(None, log.problems)
    except FrontMatterError as exc:
        log.add(shown, exc.line, "", str(exc))
        return _Read(None, log.problems)
    check_field_names(source, kind, log, is_translation=bool(lang))
    privacy.check_source(source, kind, config, log)
    too_much = markup.body_problem(source.body)
    if too_much:
        log.add(shown, source.body_line + too_much[0], "", too_much[1])
        source = dataclasses.replace(source, body="")  # refused: never laid out
    return _Read(_File(kind, item_id, lang or None, source, digest), log.problems, key,
                 parsed_now=True, stamp=(path, (seen, digest)))


def _bytes(path: str) -> bytes:
    return safe_files.read_bounded(path, safe_files.MAX_CONTENT_BYTES)


def _settle(read: _Read, log: ProblemLog, cache: BuildCache | None) -> _File | None:
    """Back in the parent: report a file's problems and tell the cache what was used."""
    log.problems.extend(read.problems)
    log.details.extend(read.details)
    if cache and read.stamp is not None:
        cache.used_digests[read.stamp[0]] = read.stamp[1]
    if cache and read.file is not None:
        if not read.parsed_now:
            cache.source(read.key)  # marks it used, so it is kept
        elif not read.problems:
            cache.remember_source(read.key, read.file.source)
    return read.file


def _serial(function: Callable[[Any], Any], pieces: Sequence[Any]) -> list[Any]:
    return [function(piece) for piece in pieces]


def _group(files: list[_File], log: ProblemLog
           ) -> dict[tuple[Kind, str], tuple[_File | None, dict[str, _File]]]:
    groups: dict[tuple[Kind, str], tuple[_File | None, dict[str, _File]]] = {}
    schedule_ids: dict[str, _File] = {}  # events and programs share one id space
    for file in files:
        original, translations = groups.setdefault((file.kind, file.id), (None, {}))
        key_taken = file.lang in translations if file.lang else original is not None
        if key_taken:
            first = translations[file.lang] if file.lang else original
            assert first is not None
            log.add(file.source.path, 1, "", f"the id '{file.id}' is already used by "
                    f"{first.source.path}; rename one of the files")
            continue
        if file.lang is None and file.kind in (Kind.EVENT, Kind.PROGRAM):
            other = schedule_ids.get(file.id)
            if other is not None:
                log.add(file.source.path, 1, "", f"the id '{file.id}' is already used by "
                        f"{other.source.path}; events and programs need different ids")
                continue
            schedule_ids[file.id] = file
        if file.lang:
            translations[file.lang] = file
        else:
            groups[(file.kind, file.id)] = (file, translations)
    for (_kind, _item_id), (original, translations) in groups.items():
        if original is None:
            for translation in translations.values():
                log.add(translation.source.path, 1, "", f"this translation has no original; "
                        f"add {_original_name(translation.source.path)} or fix the file name")
    return groups


def _original_name(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, name.split(".")[0] + ".md")


def _assemble(kind: Kind, item_id: str, original: _File | None,
              translations: dict[str, _File], config: SiteConfig, ctx: Context,
              log: ProblemLog) -> Item | None:
    if original is None:
        return None
    src = original.source
    # ``lang`` names the version in every output (lang="", JSON-LD, feeds): checked here,
    # since it is taken out of the fields the record is built from.
    original_lang, lang_ok = config.default_lang, True
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
        for translation in translations.values():
            _check_locked(kind, src, translation.source, log)
        return None
    versions: dict[str, Record] = {original_lang: record}
    anchors = ([q.anchor for q in record.questions] if isinstance(record, FaqRecord) else None)
    for lang, translation in sorted(translations.items()):
        version = _translate(kind, item_id, lang, original, translation, ctx, log, anchors)
        if version is not None:
            versions[lang] = version
    return Item(kind=kind, id=item_id, original_lang=original_lang, versions=versions)


def _assemble_alone(group: tuple[Kind, str, _File, dict[str, _File]], config: SiteConfig,
                    ctx: Context) -> tuple[Item | None, list[Problem], list[str]]:
    """``_assemble`` with its own problem log, so it can run in another process; a bug
    met on the way is a problem of the item's original file."""
    log = ProblemLog()
    kind, item_id, original, translations = group
    try:
        item = _assemble(kind, item_id, original, translations, config, ctx, log)
    except Exception as error:  # noqa: BLE001 - reported as the file's problem
        log.crash(original.source.path, error)
        item = None
    return item, log.problems, log.details


def _translate(kind: Kind, item_id: str, lang: str, original: _File, translation: _File,
               ctx: Context, log: ProblemLog, anchors: list[str] | None) -> Record | None:
    src, own = original.source, translation.source
    orig_lang = str(src.fields.get("lang") or ctx.config.default_lang)
    if lang == orig_lang:
        log.add(own.path, 1, "", f"the original is already in '{lang}'; a translation "
                "must be in another language")
        return None
    _check_locked(kind, src, own, log)
    fields, problems = merge_fields(src.fields, own.fields)
    for where, message in problems:
        log.add(own.path, own.line_of(where), where, message)
    origin = {name: own if name in own.fields else src for name in fields}
    has_body = bool(own.body.strip())
    draft = Draft(kind, item_id, lang, fields, origin, own if has_body else src, own,
                  lang if "title" in own.fields else orig_lang,
                  lang if has_body else orig_lang, orig_lang)
    return build(draft, ctx, log, faq_anchors=anchors)


def _check_locked(kind: Kind, original: SourceFile, own: SourceFile, log: ProblemLog) -> None:
    for name in locked_fields_differ(kind, original.fields, own.fields):
        log.add(own.path, own.line_of(name), name, f"a translation cannot change {name}; "
                f"remove this line (it is taken from {original.path})")


def _check_references(site: Site, known_ids: set[str], log: ProblemLog) -> None:
    """Missing events and programs. An id whose own file failed is not reported again."""
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


def _missing(log: ProblemLog, record: Record, field: str, target: str, folder: str) -> None:
    _report(log, record, field, f"there is no '{target}' in {folder}; check the id "
            "(the file name without .md)")


def _report(log: ProblemLog, record: Record, field: str, message: str) -> None:
    path, line = record.field_origin.get(field, (record.source_path, 1))
    log.add(path, line, field, message)
