"""One way to open a project: a settings file (and "now") become a ``Project``.

Used by the build, ``make check``, ``make new``, ``make translate``, ``make translations``
and the tests alike, so they all see the same settings the same way.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG, read_settings

from plaza.model.config import SiteConfig
from plaza.model.timing import parse_now
from plaza_build.loading import Loaded, Project, load
from plaza_build.store import Store, code_fingerprint
from plaza_build.workers import jobs
from plaza_sources.catalogs import site_catalogs

from .locations import theme_folder


def settings_from(path: str, override: dict[str, Any] | None = None) -> dict[str, Any]:
    """Pelican's settings from ``path``, which problems with them name. A settings file
    that names no ``THEME`` gets Plaza's (Pelican's own default theme cannot show
    Plaza's content)."""
    settings = dict(read_settings(path, override={"PLAZA_SETTINGS_FILE": path,
                                                  **(override or {})}))
    if settings.get("THEME") == DEFAULT_CONFIG["THEME"]:
        settings["THEME"] = theme_folder()
    return settings


def now_from_environment(settings: dict[str, Any]) -> datetime:
    """``PLAZA_NOW`` (site time zone) when set, else the clock."""
    return parse_now(os.environ.get("PLAZA_NOW"), ZoneInfo(settings.get("TIMEZONE", "UTC")))


def cache_folder(settings: dict[str, Any]) -> str | None:
    """PLAZA_CACHE_PATH from the environment (empty: no cache) or the settings."""
    value = os.environ.get("PLAZA_CACHE_PATH", settings.get("PLAZA_CACHE_PATH") or "")
    return value or None


def project_of(settings: dict[str, Any], now: datetime | None = None,
               output: str | None = None) -> Project:
    """The project Pelican's settings describe. The project folder is the content
    folder's parent: file names are shown relative to it (``content/events/x.md``)."""
    config = SiteConfig.from_settings(settings, now or now_from_environment(settings))
    content = os.path.abspath(settings["PATH"])
    return Project(root=os.path.dirname(content), content=content, config=config,
                   theme=os.path.abspath(settings["THEME"]),
                   output=os.path.abspath(output or settings.get("PLAZA_OUTPUT")
                                          or settings["OUTPUT_PATH"]),
                   cache=cache_folder(settings), jobs=jobs(settings.get("PLAZA_JOBS")))


def open_project(settings_path: str, now: datetime | None = None,
                 output: str | None = None) -> Project:
    return project_of(settings_from(settings_path), now, output)


def store_of(project: Project) -> Store:
    """The project's cache, for code of this version (theme and site catalogs included)."""
    return Store(project.cache, code_fingerprint(project.theme, site_catalogs(project.content)))


def loaded(project: Project) -> Loaded:
    """The project's content, read and validated (``ContentError`` lists every problem)."""
    return load(project, store_of(project))
