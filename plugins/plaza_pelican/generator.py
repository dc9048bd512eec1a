"""The Pelican generator: load the site once, render every language in one pass."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from plaza.catalogs import load_translations
from plaza.config import SiteConfig
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
        site = load_project(self.path, config)
        self.plaza_site = site
        self.plaza_schedule = Schedule.of(site)
        self.context["plaza_site"] = site
        self.env.filters.update(FILTERS)

    def generate_output(self, writer: Any) -> None:
        site, schedule = self.plaza_site, self.plaza_schedule
        translations_dir = os.path.join(self.theme, "translations")
        catalogs = {lang: load_translations(translations_dir, language(lang).babel_locale)
                    for lang in site.config.languages}
        output = SiteOutput(site, schedule, catalogs.__getitem__, self.path)
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


def now_from_environment(settings: dict[str, Any]) -> datetime:
    """``PLAZA_NOW`` (site time zone) when set, else the clock."""
    return parse_now(os.environ.get("PLAZA_NOW"), ZoneInfo(settings.get("TIMEZONE", "UTC")))


def _write_bytes(output_path: str, path: str, data: bytes) -> None:
    target = os.path.join(output_path, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
