"""The Pelican generator: load the site once, render every language in one pass."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.support import NullTranslations
from markupsafe import Markup, escape
from pelican.generators import Generator

from plaza.cache import (
    STAGED_RECORD,
    BuildCache,
    BuildRecord,
    Fragments,
    code_fingerprint,
    config_fingerprint,
    fingerprint,
)
from plaza.catalogs import load_translations, site_catalogs
from plaza.config import SiteConfig
from plaza.fingerprints import of_page, stable
from plaza.ical import window_start
from plaza.incremental import KeyRecorder, State, affected_pages, item_states, site_state
from plaza.languages import language
from plaza.markup import trusted_html
from plaza.output import HtmlPage, SiteOutput
from plaza.plaintext import RE_CONTROL
from plaza.problems import FileFailure, crashed
from plaza.project import load_project
from plaza.safe_files import UnsafeFile, output_target
from plaza.schedule import Schedule
from plaza.timing import parse_now
from plaza.urls import output_file
from plaza.views import LanguageView, ListPart

from .filters import FILTERS
from .workers import jobs, mapper, run_forked, share_out


class PlazaGenerator(Generator):
    """Reads ``content/`` with Plaza's own validating reader and writes every language.

    Pelican's article and page generators are left with nothing to read (see
    pelicanconf.py): Plaza's content is not Pelican articles, and Pelican's habit of
    skipping a bad file with a warning is exactly what volunteers must not get.
    """

    def generate_context(self) -> None:
        config = SiteConfig.from_settings(self.settings, now_from_environment(self.settings))
        self.plaza_code = code_fingerprint(self.theme, site_translations(self.settings))
        self.plaza_cache = BuildCache(cache_folder(self.settings), self.plaza_code)
        site = load_project(self.path, config, self.plaza_cache, mapper(jobs(self.settings)))
        self.plaza_site = site
        self.plaza_schedule = Schedule.of(site)
        self.context["plaza_site"] = site
        # Every value a template shows is escaped, whatever the site's settings say; the
        # only HTML that passes is ``plaza.markup.trusted_html``'s.
        self.env.autoescape = True
        self.env.finalize = without_controls
        self.env.filters.update(FILTERS)
        self._shared: dict[str, Any] = {}  # each language's common context, as plain data

    def generate_output(self, writer: Any) -> None:
        """Render every language, in parallel worker processes where the OS can fork.

        Pelican's writer is not used for Plaza's pages: each worker writes its files
        directly, and every file is written by exactly one worker, so the output does not
        depend on how the languages were shared out.

        With a cache there are two ways to use the previous output (see ``incremental``):
        when only some items changed, just the files that show them are made and the
        build updates the previous output (``UPDATE_MARKER``); otherwise every file is
        fingerprinted, and one that matches the previous build's is linked from the
        previous output instead of being rebuilt.
        """
        site, schedule = self.plaza_site, self.plaza_schedule
        self._catalogs: dict[str, NullTranslations] = {}
        self._output = SiteOutput(site, schedule, self._catalog, self.path)
        self._output.fragments.update(self.plaza_cache.fragments)
        self._fragments_before = dict(self._output.fragments)
        self._previous = self.settings.get("PLAZA_PREVIOUS_OUTPUT") or ""
        self._made: set[str] = set()
        self._written: dict[str, str] = {}  # output path -> what it was made from
        self._record = self.plaza_cache.record_for(self._previous)
        self._changed = self._changed_items()
        if self._changed is not None:
            self._write(UPDATE_MARKER, b"")
        # Nothing changed since the previous output was made: it is all still right.
        languages = [] if self._changed == set() else list(site.config.languages)
        shares = share_out(languages, jobs(self.settings))
        if len(shares) == 1:
            self._render_languages(shares[0], 0)
            self.plaza_cache.save_items()
        else:  # the parent saves the items while the workers render
            run_forked(self._render_languages, shares, self.plaza_cache.save_items)
        files, deps, lists, made = self._collect(len(shares))
        self._site_files(files)
        if self.plaza_cache.folder:
            self.plaza_cache.save_fragments({**self._fragments_before, **made},
                                            set(self._state.items) if self._state else set())
            self._write(STAGED_RECORD, self.plaza_cache.record_bytes(self._new_record(
                files, deps, lists)))

    def _catalog(self, lang: str) -> NullTranslations:
        """A language's interface translations, compiled when first needed (in the worker
        that renders the language)."""
        if lang not in self._catalogs:
            self._catalogs[lang] = load_translations(os.path.join(self.theme, "translations"),
                                                     language(lang).babel_locale,
                                                     site_translations(self.settings))
        return self._catalogs[lang]

    def _site_files(self, files: dict[str, str]) -> None:
        """robots.txt, pictures and the sitemap. In an update, only the sitemap can have
        changed (the rest is part of the site's state), and only with an item's date."""
        if self.plaza_cache.folder:
            files["sitemap.xml"] = self._output.sitemap_stamp()
        if self._changed is None:
            for path, data in self._output.site_files():
                self._write(path, data)
        elif self._record.files.get("sitemap.xml") != files["sitemap.xml"]:
            self._write("sitemap.xml", self._output.sitemap())

    def _changed_items(self) -> set[str] | None:
        """Items changed since the build that made the previous output; None when the
        previous output cannot simply be updated."""
        self._state = None
        if not self.plaza_cache.folder:
            return None
        site = self.plaza_site
        shared = [self.plaza_code, sorted(self._globals().items()),
                  config_fingerprint(site.config, self.path), _images(self.path),
                  window_start(site).isoformat(),
                  [stable(_without_now(self._output.common_context(lang)), site.keys)
                   for lang in site.config.languages]]
        self._state = State(site_state(site, shared),
                            item_states(site, self.plaza_schedule, site.config.now))
        if not self._record.describes(self._previous):
            return None
        return self._state.changed_since(State.from_dict(self._record.state))

    def _new_record(self, files: dict[str, str], deps: dict[str, list[str]],
                    lists: dict[str, str]) -> BuildRecord:
        if self._changed is not None:  # an update: what was not made again still stands
            files, deps = {**self._record.files, **files}, {**self._record.deps, **deps}
            lists = {**self._record.lists, **lists}
        # The output folder's identity is filled in once it is in place (install_record).
        return BuildRecord(self._previous, "", files, deps,
                           self._state.as_dict() if self._state else {}, lists)

    def _render_languages(self, languages: list[str], share: int) -> None:
        files: dict[str, str] = {}
        deps: dict[str, list[str]] = {}
        lists: dict[str, str] = {}
        for lang in languages:
            catalog = self._catalog(lang)
            install_escaped_gettext(self.env, catalog)
            common = {**self._globals(), "page_locale": language(lang).babel_locale,
                      "translate": catalog.gettext}
            for page in self._pages(lang, lists):
                if page.shows_everything:
                    self._render(page, common)
                    continue
                stamp, shown = self._stamp(page, lang)
                files[page.path] = stamp
                if page.item is not None:
                    deps[page.path] = shown
                if not self._reuse(page.path, stamp):
                    self._render(page, common)
            for path, file_stamp, build in self._output.files(lang, self._changed):
                if file_stamp is not None:
                    files[path] = file_stamp
                if file_stamp is None or not self._reuse(path, file_stamp):
                    self._write(path, _made(path, build), path)
        with open(os.path.join(self.output_path, f".plaza-share-{share}.pickle"), "wb") as f:
            # Only fragments this worker made: the others are in the parent already.
            made = {slot: value for slot, value in self._output.fragments.items()
                    if self._fragments_before.get(slot) is not value}
            pickle.dump((files, deps, lists, made), f, protocol=5)

    def _pages(self, lang: str, lists: dict[str, str]) -> Iterator[HtmlPage]:
        """All pages of a language; for an update, only those that can have changed.
        ``lists`` receives what each page of a long list shows (see ``_list_signature``)."""
        view = self._output.view(lang)
        for page in view.summary_pages():
            yield self._output.html_page(lang, page)
        for part in view.list_parts():
            path = output_file(part.path)
            lists[path] = self._list_signature(view, part)
            if self._changed is None or self._record.lists.get(path) != lists[path]:
                yield self._output.html_page(lang, part.page())
        affected = (affected_pages(self._record.deps, self._changed)
                    if self._changed is not None else None)
        for item in view.page_items():
            if affected is None or output_file(view.urls.item(item.kind, item.id)) in affected:
                yield self._output.html_page(lang, view.item_page(item))

    def _list_signature(self, view: LanguageView, part: ListPart) -> str:
        """Which rows a page of a list shows, with the states of their items: when none
        of that changed, neither did the page (everything else it shows is the site's
        state). Cheaper than building the page's rows to fingerprint them."""
        if self._state is None:
            return ""
        states = self._state.items
        rows = [view.shown_in(row) for row in part.rows]
        return fingerprint(part.path, repr(part.pagination),
                           [(shown, [states.get(ref, "") for ref in shown]) for shown in rows])

    def _stamp(self, page: HtmlPage, lang: str) -> tuple[str, list[str]]:
        """A page's fingerprint, and the items it shows."""
        if not self.plaza_cache.folder:
            return "", []
        keys = self.plaza_site.keys
        shared = self._shared.get(lang)
        if shared is None:
            shared = self._shared[lang] = stable(self._output.common_context(lang), keys)
        recorder = KeyRecorder(keys)
        return of_page(self.plaza_code, page.template, shared, page.identity, recorder), \
            recorder.refs()

    def _render(self, page: HtmlPage, common: dict[str, Any]) -> None:
        source = (page.item.original.source_path if page.item is not None
                  else f"theme/templates/{page.template}.html")
        try:
            html = self.get_template(page.template).render({**common, **page.context})
        except Exception as error:  # noqa: BLE001 - named after the file it came from
            raise FileFailure(source, crashed(error), traceback.format_exc()) from error
        self._write(page.path, html.encode("utf-8"), source)

    def _reuse(self, path: str, stamp: str) -> bool:
        """Link the previous build's file when it was made from exactly the same inputs."""
        if self._record.files.get(path) != stamp:
            return False
        if self._changed is not None:  # an update: the previous file stays where it is
            return True
        previous = os.path.join(self._previous, path)
        if not os.path.isfile(previous):
            return False
        target = output_target(self.output_path, path)
        self._make_folder(os.path.dirname(target))
        try:
            os.link(previous, target)
        except OSError:
            shutil.copyfile(previous, target)
        return True

    def _write(self, path: str, data: bytes, source: str = "") -> None:
        """Write one output file: inside the output folder, and only once a build."""
        try:
            target = output_target(self.output_path, path)
        except UnsafeFile as error:
            raise FileFailure(source or path, str(error)) from None
        earlier = self._written.setdefault(path, source)
        if earlier != source:
            raise FileFailure(source, f"would write {path}, which {earlier or 'Plaza'} "
                              "writes too; rename one of them")
        self._make_folder(os.path.dirname(target))
        with open(target, "wb") as handle:
            handle.write(data)

    def _make_folder(self, folder: str) -> None:
        """mkdir, remembering what exists: reuse visits every page's folder once."""
        if folder in self._made:
            return
        parent = os.path.dirname(folder)
        if parent != folder and parent not in self._made:
            self._make_folder(parent)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        self._made.add(folder)

    def _collect(self, shares: int) -> tuple[dict[str, str], dict[str, list[str]],
                                             dict[str, str], Fragments]:
        files: dict[str, str] = {}
        deps: dict[str, list[str]] = {}
        lists: dict[str, str] = {}
        events: Fragments = {}
        for share in range(shares):
            part = os.path.join(self.output_path, f".plaza-share-{share}.pickle")
            with open(part, "rb") as handle:
                made, shown, listed, stored = pickle.load(handle)  # noqa: S301 - ours
            os.remove(part)
            files.update(made)
            deps.update(shown)
            lists.update(listed)
            events.update(stored)
        return files, deps, lists, events

    def _globals(self) -> dict[str, Any]:
        keys = ("SITEURL", "SITENAME", "THEME_STATIC_DIR", "PLAZA_ORGANIZATION",
                "PLAZA_CONTACT", "PLAZA_PUBLIC_URL")
        return {key: self.settings.get(key, "") for key in keys}


def without_controls(value: Any) -> Any:
    """Every value a template prints, without invisible control characters (validation
    refuses them in plain text; this keeps any that slip through out of the HTML)."""
    if isinstance(value, Markup):
        return trusted_html(RE_CONTROL.sub("", value))
    if isinstance(value, str):
        return RE_CONTROL.sub("", value)
    return value


def _made(path: str, build: Callable[[], bytes]) -> bytes:
    """A calendar's or feed's bytes; a failure is named after the file being made."""
    try:
        return build()
    except Exception as error:  # noqa: BLE001 - named after the file it was making
        raise FileFailure(path, crashed(error), traceback.format_exc()) from error


def install_escaped_gettext(env: Any, catalog: NullTranslations) -> None:
    """Interface translations as text, not HTML: a catalog comes in a pull request too.
    Jinja's new-style gettext marks what the callable returns as safe, so it is escaped
    here first; the placeholders' values are escaped by Jinja as usual."""
    env.install_gettext_callables(
        gettext=lambda message: escape(catalog.gettext(message)),
        ngettext=lambda singular, plural, n: escape(catalog.ngettext(singular, plural, n)),
        pgettext=lambda context, message: escape(catalog.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: escape(
            catalog.npgettext(context, singular, plural, n)),
        newstyle=True)


UPDATE_MARKER = ".plaza-update"  # in the staging folder: apply it to the previous output


def _without_now(common: dict[str, Any]) -> dict[str, Any]:
    """Templates compare "now" with occurrences only (``slot.ends_after(now)``), and an
    item's state counts its ended occurrences: "now" itself is not part of the site."""
    return {key: value for key, value in common.items() if key not in ("now", "config")}


def _images(content_root: str) -> list[tuple[str, int, int]]:
    """The published pictures, by name, size and modification time."""
    found = []
    for path in sorted(Path(content_root, "images").rglob("*")):
        if path.is_file():
            info = path.stat()
            found.append((str(path.relative_to(content_root)), info.st_size, info.st_mtime_ns))
    return found


def now_from_environment(settings: dict[str, Any]) -> datetime:
    """``PLAZA_NOW`` (site time zone) when set, else the clock."""
    return parse_now(os.environ.get("PLAZA_NOW"), ZoneInfo(settings.get("TIMEZONE", "UTC")))


def site_translations(settings: dict[str, Any]) -> str:
    """The site's own catalogs (see ``plaza.catalogs``)."""
    return site_catalogs(settings["PATH"])


def cache_folder(settings: dict[str, Any]) -> str | None:
    """PLAZA_CACHE_PATH from the environment (empty: no cache) or the settings."""
    value = os.environ.get("PLAZA_CACHE_PATH", settings.get("PLAZA_CACHE_PATH") or "")
    return value or None
