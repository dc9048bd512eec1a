"""The Pelican generator: load the site once, render every language in one pass."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from plaza.catalogs import load_translations
from plaza.config import SiteConfig
from plaza.history import History
from plaza.languages import language
from plaza.loader import load_site
from plaza.models import Kind
from plaza.output import SiteOutput
from plaza.schedule import Schedule
from plaza.site import Site
from plaza.timing import parse_now

from .filters import FILTERS


class PlazaGenerator(Generator):
    """Reads ``content/`` with Plaza's own validating reader and writes every language.

    Pelican's article and page generators are left with nothing to read (see
    pelicanconf.py): Plaza's content is not Pelican articles, and Pelican's habit of
    skipping a bad file with a warning is exactly what volunteers must not get.
    """

    def generate_context(self) -> None:
        settings = self.settings
        tz_name = settings.get("TIMEZONE", "UTC")
        config = SiteConfig.from_settings(settings, _now(tz_name))
        project_root = os.path.dirname(os.path.abspath(self.path))
        fallback = _fallback_date(config)
        history = (History.read(project_root, os.path.basename(self.path), fallback)
                   if config.use_git_dates else History(project_root, fallback))
        site = load_site(self.path, config, changed=history.changed_times,
                         relative_to=project_root)
        site.sequence = _sequences(site, history, project_root)
        self.plaza_site = site
        self.plaza_schedule = Schedule.of(site)
        self.context["plaza_site"] = site
        self.env.filters.update(FILTERS)

    def generate_output(self, writer: Any) -> None:
        site, schedule = self.plaza_site, self.plaza_schedule
        translations_dir = os.path.join(self.theme, "translations")
        catalogs = {lang: load_translations(translations_dir, language(lang).babel_locale)
                    for lang in site.config.languages}
        output = SiteOutput(site, schedule, catalogs.__getitem__)
        for lang in site.config.languages:
            info = language(lang)
            self.env.install_gettext_translations(  # type: ignore[attr-defined]
                catalogs[lang], newstyle=True)
            for path, template, context in output.html_pages(lang):
                writer.write_file(path, self.get_template(template), {
                    **self._globals(), **context, "page_locale": info.babel_locale,
                    "translate": catalogs[lang].gettext})
            for path, data in output.files(lang):
                _write_bytes(self.output_path, path, data)
        for path, data in output.site_files():
            _write_bytes(self.output_path, path, data)

    def _globals(self) -> dict[str, Any]:
        keys = ("SITEURL", "SITENAME", "THEME_STATIC_DIR", "PLAZA_ORGANIZATION",
                "PLAZA_CONTACT", "PLAZA_PUBLIC_URL")
        return {key: self.settings.get(key, "") for key in keys}


def _now(tz_name: str) -> datetime:
    return parse_now(os.environ.get("PLAZA_NOW"), ZoneInfo(tz_name))


def _fallback_date(config: SiteConfig) -> datetime:
    if config.source_date_epoch is not None:
        return datetime.fromtimestamp(config.source_date_epoch, UTC)
    return config.now.astimezone(UTC)


def _sequences(site: Site, history: History, root: str) -> dict[str, int]:
    sequences = {}
    for kind in (Kind.EVENT, Kind.PROGRAM):
        for item in site.of_kind(kind):
            path = item.original.source_path
            with open(os.path.join(root, path), encoding="utf-8") as handle:
                sequences[item.id] = history.timing_changes(path, handle.read())
    return sequences


def _write_bytes(output_path: str, path: str, data: bytes) -> None:
    target = os.path.join(output_path, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
