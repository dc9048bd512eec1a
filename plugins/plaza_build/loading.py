"""Loading a project: its files read, validated and assembled into a ``Site``, with what
can be kept from earlier builds.

Invariant: the site loaded is the one ``plaza.reading.assemble.read_site`` would make
from the same files, problems included; the caches (``files``, ``items``, ``history``)
only skip work whose result they hold for exactly the same inputs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from plaza.model.config import SiteConfig
from plaza.model.languages import language
from plaza.model.models import Item, Kind, item_ref
from plaza.model.problems import ProblemLog, shown_name
from plaza.model.site import Site
from plaza.reading.assemble import (
    Group,
    ParsedFile,
    assemble_item,
    check_references,
    context_for,
    group,
    parse_file,
    site_of,
)
from plaza.reading.fields import Context
from plaza_sources import content_files, safe_files
from plaza_sources.catalogs import check_site_catalogs
from plaza_sources.pictures import Cleaned, Refused, clean_bytes, pictures, refuse_by_name

from .files import FileStats
from .history import HistoryCache, dates
from .items import ItemCache
from .store import Store

Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


@dataclass(frozen=True)
class Project:
    """A site to build: where its files are, and its settings."""

    root: str  # the project folder: files are shown relative to it
    content: str
    config: SiteConfig
    theme: str
    output: str
    cache: str | None  # None: no cache
    jobs: int = 1


@dataclass(frozen=True)
class PublishedPicture:
    relative: str  # images/x.jpg: where it is published
    shown: str  # content/images/x.jpg
    cleaned: Cleaned


@dataclass
class Loaded:
    site: Site
    content_keys: dict[str, str]  # item ref -> hash of its files, the settings and code
    files: dict[str, str]  # shown path -> hash of the bytes (content files, pictures)
    pictures: list[PublishedPicture] = field(default_factory=list)


def settings_key(config: SiteConfig, images: frozenset[str]) -> str:
    """What validation depends on besides the files: the settings (not "now") and which
    pictures exist."""
    stable = dataclasses.replace(config, now=datetime(2000, 1, 1, tzinfo=UTC))
    return hashlib.sha256(repr((stable, sorted(images))).encode()).hexdigest()


def content_key(code: str, settings: str, found: Group, digests: dict[str, str]) -> str:
    assert found.original is not None
    paths = [found.original.source.path] + [t.source.path for _, t in
                                            sorted(found.translations.items())]
    return hashlib.sha256(repr((code, settings, [(p, digests[p]) for p in paths]))
                          .encode()).hexdigest()


def load(project: Project, store: Store, mapper: Mapper | None = None) -> Loaded:
    """Read and validate everything; ``ContentError`` lists every problem."""
    run = mapper or (lambda function, pieces: [function(piece) for piece in pieces])
    config, log = project.config, ProblemLog()
    stats = FileStats(store.read("files.pickle", {}))
    shown_pictures = _pictures(project, stats, store, log)
    images = frozenset(picture.relative for picture in shown_pictures)
    settings = settings_key(config, images)
    cache = ItemCache.read(store)
    parsed, digests = _parse_all(project, settings, stats, cache, log, run)
    check_site_catalogs(project.content,
                        [language(code).babel_locale for code in config.languages],
                        project.root, log)
    groups = group(parsed, log)
    items, content_keys = _assemble_all(groups, context_for(config, images), store.code,
                                        settings, digests, cache, log, run)
    history_cache = store.read("history.pickle", HistoryCache())
    fields = {file.source.path: file.source.fields for file in parsed}
    found_dates, history_cache = dates(project.root, project.content, config, items,
                                       digests, fields, history_cache)
    site = site_of(config, items, found_dates)
    check_references(site, {found.id for found in groups}, log)
    if stats.changed:
        store.write("files.pickle", stats.seen)
    cache.write(store)
    store.write("history.pickle", history_cache)
    log.raise_if_any()
    files = dict(digests)
    files.update({p.shown: hashlib.sha256(p.cleaned.data).hexdigest() for p in shown_pictures})
    return Loaded(site, content_keys, files, shown_pictures)


def _parse_all(project: Project, settings: str, stats: FileStats, cache: ItemCache,
               log: ProblemLog, run: Mapper) -> tuple[list[ParsedFile], dict[str, str]]:
    """Every content file, parsed (from the cache when its bytes are the same)."""
    found = content_files.discover(project.content, project.root, log)
    todo: list[tuple[Kind, str, bytes, str]] = []
    parsed: dict[str, ParsedFile] = {}
    digests: dict[str, str] = {}
    for path in found:
        try:
            digest, data = stats.digest(path.path, content_files.read)
        except (safe_files.UnsafeFile, OSError) as error:
            message = str(error) if isinstance(error, safe_files.UnsafeFile) else \
                f"cannot be read ({error.strerror}); check the file"
            log.add(shown_name(path.shown), 1, "", message)
            continue
        digests[path.shown] = digest
        key = _parsed_key(settings, path.kind, path.shown, digest)
        known = cache.parsed_file(key)
        if known is not None:
            parsed[path.shown] = known
        else:
            todo.append((path.kind, path.shown, data or content_files.read(path.path), key))
    results = run(partial(_parse_one, config=project.config),
                  [(kind, shown, data) for kind, shown, data, _ in todo])
    for (_, shown, _, key), (file, problems, details) in zip(todo, results, strict=True):
        log.problems.extend(problems)
        log.details.extend(details)
        if file is not None:
            parsed[shown] = file
            if not problems:
                cache.keep_parsed(key, file)
    return [parsed[path.shown] for path in found if path.shown in parsed], digests


def _parsed_key(settings: str, kind: Kind, shown: str, digest: str) -> str:
    return hashlib.sha256(repr((settings, kind.value, shown, digest)).encode()).hexdigest()


def _parse_one(piece: tuple[Kind, str, bytes], config: SiteConfig
               ) -> tuple[ParsedFile | None, list[Any], list[str]]:
    log = ProblemLog()
    kind, shown, data = piece
    return parse_file(kind, shown, data, config, log), log.problems, log.details


def _assemble_all(groups: list[Group], ctx: Context, code: str, settings: str,
                  digests: dict[str, str], cache: ItemCache, log: ProblemLog,
                  run: Mapper) -> tuple[list[Item], dict[str, str]]:
    items: dict[str, Item] = {}
    keys: dict[str, str] = {}
    todo: list[tuple[str, Group]] = []
    for found in groups:
        if found.original is None:
            continue
        key = content_key(code, settings, found, digests)
        ref = item_ref(found.kind, found.id)
        keys[ref] = key
        known = cache.item(key)
        if known is not None:
            items[ref] = known
        else:
            todo.append((key, found))
    results = run(partial(_assemble_one, ctx=ctx), [found for _, found in todo])
    for (key, found), (item, problems, details) in zip(todo, results, strict=True):
        log.problems.extend(problems)
        log.details.extend(details)
        ref = item_ref(found.kind, found.id)
        if item is None:
            del keys[ref]
            continue
        items[ref] = item
        cache.keep_item(key, item)
    return [items[ref] for ref in sorted(items)], keys


def _assemble_one(found: Group, ctx: Context) -> tuple[Item | None, list[Any], list[str]]:
    log = ProblemLog()
    return assemble_item(found, ctx, log), log.problems, log.details


def _pictures(project: Project, stats: FileStats, store: Store,
              log: ProblemLog) -> list[PublishedPicture]:
    """Every picture of content/images/, checked and cleaned (decoded and encoded anew:
    what is published); each is decoded once, whatever its name, while its bytes stay
    the same."""
    known: dict[tuple[str, str], Cleaned | str] = store.read("pictures.pickle", {})
    used: dict[tuple[str, str], Cleaned | str] = {}
    found = []
    try:
        walked = list(pictures(project.content, project.root))
    except safe_files.UnsafeFile as error:
        log.add("content/images", 1, "", str(error))
        return []
    for picture in walked:
        shown = shown_name(os.path.relpath(picture.path, project.root).replace(os.sep, "/"))
        cleaned = _clean(picture, stats, known, used)
        if isinstance(cleaned, str):
            log.add(shown, 1, "", cleaned)
            continue
        allowed = picture.relative.removeprefix("images/") in \
            project.config.allowed_image_metadata
        if cleaned.metadata and not allowed:
            log.add(shown, 1, "", f"carries {', '.join(cleaned.metadata)} metadata, which can "
                    "reveal where and by whom it was taken; run `make scrub-images`")
            continue
        found.append(PublishedPicture(picture.relative, shown, cleaned))
    if used.keys() != known.keys():
        store.write("pictures.pickle", used)
    return found


def _clean(picture: Any, stats: FileStats, known: dict[tuple[str, str], Cleaned | str],
           used: dict[tuple[str, str], Cleaned | str]) -> Cleaned | str:
    """A picture cleaned, or why it is refused (the message)."""
    if picture.problem:
        return str(picture.problem)
    suffix = os.path.splitext(picture.relative)[1].lower()
    try:
        refuse_by_name(suffix)
        size = os.stat(picture.path).st_size
        if size > safe_files.MAX_IMAGE_BYTES:
            raise Refused(f"is {size / (1024 * 1024):.1f} MB; the largest picture Plaza "
                          f"publishes is {safe_files.MAX_IMAGE_BYTES / (1024 * 1024):.1f} MB: "
                          "export it smaller (2000 pixels wide is plenty for a web page)")
        digest, data = stats.digest(picture.path, partial(
            safe_files.read_bounded, limit=safe_files.MAX_IMAGE_BYTES))
        key = (digest, suffix)
        result = known.get(key)
        if result is None:
            data = data if data is not None else safe_files.read_bounded(
                picture.path, safe_files.MAX_IMAGE_BYTES)
            try:
                result = clean_bytes(data, suffix)
            except Refused as refused:
                result = str(refused)
        used[key] = result
        return result
    except Refused as refused:
        return str(refused)
    except safe_files.UnsafeFile as error:
        return str(error)
    except OSError as error:
        return f"cannot be read ({error.strerror}); check the file"

