"""The Pelican generator: load the site once, render every language in one pass."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from plaza.cache import STAGED_MANIFEST, BuildCache, code_fingerprint
from plaza.catalogs import load_translations
from plaza.config import SiteConfig
from plaza.fingerprints import of_page, stable
from plaza.languages import language
from plaza.output import SiteOutput
from plaza.project import load_project
from plaza.schedule import Schedule
from plaza.timing import parse_now

from .filters import FILTERS


class PlazaGenerator(Generator):
    """Reads ``content/`` with Plaza's own validating reader and writes every language.

    Pelican's article and page generators are left with nothing to read (see
    pelicanconf.py): Plaza's content is not Pelican articles, and Pelican's habit of
    skipping a bad file with a warning is exactly what volunteers must not get.
    """

    def generate_context(self) -> None:
        config = SiteConfig.from_settings(self.settings, now_from_environment(self.settings))
        self.plaza_code = code_fingerprint(self.theme)
        self.plaza_cache = BuildCache(cache_folder(self.settings), self.plaza_code)
        site = load_project(self.path, config, self.plaza_cache)
        self.plaza_site = site
        self.plaza_schedule = Schedule.of(site)
        self.context["plaza_site"] = site
        self.env.filters.update(FILTERS)

    def generate_output(self, writer: Any) -> None:
        """Render every language, in parallel worker processes where the OS can fork.

        Pelican's writer is not used for Plaza's pages: each worker writes its files
        directly, and every file is written by exactly one worker, so the output does not
        depend on how the languages were shared out. A file whose fingerprint matches the
        previous build's is linked from the previous output instead of being rebuilt.
        """
        site, schedule = self.plaza_site, self.plaza_schedule
        translations_dir = os.path.join(self.theme, "translations")
        self._catalogs = {lang: load_translations(translations_dir, language(lang).babel_locale)
                          for lang in site.config.languages}
        self._output = SiteOutput(site, schedule, self._catalogs.__getitem__, self.path)
        self._output.stored_events.update(self.plaza_cache.events)
        self._previous = self.settings.get("PLAZA_PREVIOUS_OUTPUT") or ""
        self._made: set[str] = set()
        self._fingerprints = self.plaza_cache.fingerprints_for(self._previous)
        shares = _share_out(list(site.config.languages), _jobs(self.settings))
        if len(shares) == 1:
            self._render_languages(shares[0], 0)
        else:
            _run_forked(self._render_languages, shares)
        manifest, events = self._collect(len(shares))
        for path, data in self._output.site_files():
            self._write(path, data)
        if self.plaza_cache.folder:
            self.plaza_cache.save_items(events)
            self._write(STAGED_MANIFEST,
                         self.plaza_cache.manifest_text(manifest, self._previous))

    def _render_languages(self, languages: list[str], share: int) -> None:
        manifest: dict[str, str] = {}
        keys = self.plaza_site.keys
        for lang in languages:
            catalog = self._catalogs[lang]
            self.env.install_gettext_translations(catalog, newstyle=True)  # type: ignore
            common = {**self._globals(), "page_locale": language(lang).babel_locale,
                      "translate": catalog.gettext}
            # Fingerprints only pay off when there is a cache to keep them in.
            cached = self.plaza_cache.folder is not None
            shared = stable(self._output.common_context(lang), keys) if cached else None
            for page in self._output.html_pages(lang):
                stamp = (of_page(self.plaza_code, page.template, shared, page.identity, keys)
                         if cached else "")
                manifest[page.path] = stamp
                if not cached or not self._reuse(page.path, stamp):
                    html = self.get_template(page.template).render({**common, **page.context})
                    self._write(page.path, html.encode("utf-8"))
            for path, file_stamp, build in self._output.files(lang):
                if file_stamp is not None:
                    manifest[path] = file_stamp
                if file_stamp is None or not self._reuse(path, file_stamp):
                    self._write(path, build())
        with open(os.path.join(self.output_path, f".plaza-share-{share}.pickle"), "wb") as f:
            pickle.dump((manifest, self._output.stored_events), f, protocol=5)

    def _reuse(self, path: str, stamp: str) -> bool:
        """Link the previous build's file when it was made from exactly the same inputs."""
        if self._fingerprints.get(path) != stamp:
            return False
        previous = os.path.join(self._previous, path)
        if not os.path.isfile(previous):
            return False
        target = os.path.join(self.output_path, path)
        self._make_folder(os.path.dirname(target))
        try:
            os.link(previous, target)
        except OSError:
            shutil.copyfile(previous, target)
        return True

    def _write(self, path: str, data: bytes) -> None:
        target = os.path.join(self.output_path, path)
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

    def _collect(self, shares: int) -> tuple[dict[str, str], dict[str, Any]]:
        manifest: dict[str, str] = {}
        events: dict[str, Any] = {}
        for share in range(shares):
            part = os.path.join(self.output_path, f".plaza-share-{share}.pickle")
            with open(part, "rb") as handle:
                files, stored = pickle.load(handle)  # noqa: S301 - written just now
            os.remove(part)
            manifest.update(files)
            events.update(stored)
        return manifest, events

    def _globals(self) -> dict[str, Any]:
        keys = ("SITEURL", "SITENAME", "THEME_STATIC_DIR", "PLAZA_ORGANIZATION",
                "PLAZA_CONTACT", "PLAZA_PUBLIC_URL")
        return {key: self.settings.get(key, "") for key in keys}


def now_from_environment(settings: dict[str, Any]) -> datetime:
    """``PLAZA_NOW`` (site time zone) when set, else the clock."""
    return parse_now(os.environ.get("PLAZA_NOW"), ZoneInfo(settings.get("TIMEZONE", "UTC")))


def cache_folder(settings: dict[str, Any]) -> str | None:
    """PLAZA_CACHE_PATH from the environment (empty: no cache) or the settings."""
    value = os.environ.get("PLAZA_CACHE_PATH", settings.get("PLAZA_CACHE_PATH") or "")
    return value or None


def _jobs(settings: dict[str, Any]) -> int:
    """Worker processes: PLAZA_JOBS, else one per core; 1 where fork is unavailable."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, int(os.environ.get("PLAZA_JOBS") or settings.get("PLAZA_JOBS") or
                      os.cpu_count() or 1))


def _share_out(languages: list[str], jobs: int) -> list[list[str]]:
    """Round-robin shares: every language renders every page, so shares are even."""
    jobs = max(1, min(jobs, len(languages)))
    return [languages[index::jobs] for index in range(jobs)]


def _run_forked(work: Callable[[list[str], int], None], shares: list[list[str]]) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=work, args=(share, index))
               for index, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    failed = [share for worker, share in zip(workers, shares, strict=True) if worker.exitcode]
    if failed:
        raise RuntimeError(f"rendering failed for languages {failed}; see the error above")
