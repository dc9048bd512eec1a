"""The Pelican generator: load the project, plan its outputs, let the engine make them.

Pelican's article and page generators are left with nothing to read (see pelicanconf.py):
Plaza's content is not Pelican articles, and Pelican's habit of skipping a bad file with
a warning is exactly what volunteers must not get. Pelican gives Plaza its settings, its
plugins and its Jinja environment (the theme, template overrides, extensions).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from functools import partial
from typing import Any, cast

from pelican.generators import Generator

from plaza.model.site import Site
from plaza.publishing.artifacts import Artifact, Output
from plaza.publishing.hosting import fingerprinted, headers_file, is_fingerprinted, linked
from plaza.publishing.plan import plan
from plaza.publishing.series_words import Catalog
from plaza.time.schedule import Schedule
from plaza_build.engine import Engine, Summary
from plaza_build.loading import load
from plaza_build.tracking import digest
from plaza_build.workers import forked_map

from .admin import editor_artifacts, editor_of
from .project import project_of, store_of
from .rendering import Renderer

CATALOGS = "catalogs.pickle"  # compiled interface catalogs (the store's code covers them)


class PlazaGenerator(Generator):
    """Loads ``content/`` with Plaza's own validating reader and writes every language."""

    summary: Summary | None = None

    def generate_context(self) -> None:
        self.project = project_of(self.settings)
        self.store = store_of(self.project)
        self.loaded = load(self.project, self.store,
                           partial(forked_map, count=self.project.jobs))
        self.schedule = Schedule.of(self.loaded.site)
        self.renderer = Renderer(self.env, self.settings, self.theme, self.path,
                                 self.store.read(CATALOGS, {}))
        self.renderer.compile(self.project.config.languages)
        self.static_dir = str(self.settings.get("THEME_STATIC_DIR", "theme"))
        self.editor = editor_of(self.settings)
        self.theme_files = theme_files(self.theme, self.static_dir)
        # Templates link a theme file by its path in the theme: static['css/plaza.css'].
        self.renderer.globals["static"] = {
            relative: artifact.path for relative, artifact in self.theme_files.items()}
        # What was loaded lives as long as the build: out of the collector's sight, every
        # collection from here on costs what the build makes, not what it loaded (and
        # forked workers do not copy the pages a collection would touch).
        gc.freeze()

    def generate_output(self, writer: Any) -> None:
        # The frame: everything pages are made with besides the site (code, theme,
        # catalogs, template settings); another frame makes every output again.
        frame = digest(self.store.code, sorted(self.renderer.globals.items()),
                       self.editor.key if self.editor else None)
        engine = Engine(self.store, frame, self.project.jobs)
        try:
            self.summary = engine.run(self.loaded, self.schedule, self._outputs,
                                      self.renderer, self.project.output)
        finally:
            gc.unfreeze()  # `make serve` builds again in the same process
        if self.renderer.compiled_changed:
            self.store.write(CATALOGS, self.renderer.compiled)

    def _outputs(self, site: Site, schedule: Schedule) -> Iterator[Output]:
        yield from plan(site, schedule, self.renderer.gettext, self._catalog)
        yield from self.theme_files.values()
        yield Artifact("_headers", partial(headers_file, self.static_dir,
                                           self.editor.settings if self.editor else None))
        if self.editor:
            yield from editor_artifacts(self.editor, site.config)
        for picture in self.loaded.pictures:
            yield Artifact(picture.relative, partial(bytes, picture.cleaned.data), "",
                           picture.shown, (picture.shown,))

    def _catalog(self, lang: str) -> Catalog:
        # Babel's pgettext is typed as returning "str | object"; it returns the text.
        return cast(Catalog, self.renderer.catalog(lang))


def theme_files(theme: str, static_dir: str) -> dict[str, Artifact]:
    """The theme's static files, published under ``static_dir`` and keyed by their path
    in the theme; those in ``css/`` and ``fonts/`` (which hosts cache for a year, see
    ``hosting``) under a fingerprinted name, the stylesheets linking the fonts by theirs."""
    folder = os.path.join(theme, "static")
    paths = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            paths[os.path.relpath(path, folder).replace(os.sep, "/")] = path
    # Files a stylesheet links first, so that its bytes (and name) include their names.
    renamed = {relative: fingerprinted(relative, _read(path)) for relative, path in paths.items()
               if is_fingerprinted(relative) and not relative.endswith(".css")}
    found = {}
    for relative, path in paths.items():
        make = partial(_stylesheet, path, relative, renamed) if relative.endswith(".css") \
            else partial(_read, path)
        published = renamed.get(relative) or (
            fingerprinted(relative, make()) if is_fingerprinted(relative) else relative)
        found[relative] = Artifact(f"{static_dir}/{published}", make)
    return found


def _stylesheet(path: str, relative: str, renamed: dict[str, str]) -> bytes:
    return linked(_read(path), relative, renamed)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
