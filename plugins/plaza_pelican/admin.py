"""The content editor's files in the build: ``admin/index.html``, ``admin/config.yml`` and
the editor itself with its fonts, copied from ``node_modules`` (``npm ci`` installs the
versions that ``package-lock.json`` pins; nothing is loaded from a CDN).

A site without ``PLAZA_ADMIN_REPO`` has no editor. A checkout without ``node_modules``
builds the site without the editor and says so in one line: the pages never need it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from plaza.model.config import SiteConfig
from plaza.publishing import admin
from plaza.publishing.artifacts import Artifact

# The Plaza checkout whose `npm ci` installed the editor (node_modules/ beside plugins/).
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Editor:
    """The editor as this build publishes it: where it saves, its script, the fonts the
    script names (those npm installed), and the other files it loads (published path in
    ``admin/`` → file on disk)."""

    settings: admin.AdminSettings
    script: str
    fonts: tuple[tuple[admin.Font, str], ...]
    assets: tuple[tuple[str, str], ...]

    @property
    def key(self) -> str:
        """What the editor's files are made from, for the build's frame: the settings and
        each vendored file's size and modification time."""
        files = [self.script, *(path for _, path in self.fonts),
                 *(path for _, path in self.assets)]
        stats = [(path, os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in files]
        return hashlib.blake2b(repr((self.settings, stats)).encode(),
                               digest_size=10).hexdigest()


def editor_of(settings: Mapping[str, Any], modules: Path | None = None) -> Editor | None:
    """The editor this site publishes, or None: no repository in the settings, or (with
    one line on stderr) the editor not installed."""
    chosen = admin.AdminSettings.from_settings(settings)
    if chosen is None:
        return None
    modules = modules or ROOT / "node_modules"
    dist = modules / admin.PACKAGE_DIST
    script = dist / admin.SCRIPT
    if not script.is_file():
        print(f"{admin.FOLDER}/ not built: the content editor is not installed ({script} is "
              "missing); run `npm ci` in the Plaza folder to add it", file=sys.stderr)
        return None
    fonts, missing = [], []
    for font in admin.cdn_fonts(_read(str(script)).decode("utf-8", "replace")):
        path = modules / font.package / font.file
        if path.is_file():
            fonts.append((font, str(path)))
        else:
            missing.append(font.package)
    if missing:
        print(f"{admin.FOLDER}/: the editor's fonts {', '.join(sorted(set(missing)))} are not "
              "installed (the policy keeps the browser from fetching them elsewhere, so the "
              "editor shows icons as words); run `npm ci` in the Plaza folder", file=sys.stderr)
    chunks = dist / "chunks"  # parts the editor loads only when needed, beside its script
    assets = [(f"{admin.FOLDER}/chunks/{path.name}", str(path))
              for path in sorted(chunks.glob("*.js"))] if chunks.is_dir() else []
    return Editor(chosen, str(script), tuple(fonts), tuple(assets))


def timezones() -> list[str]:
    """The IANA zone names the time-zone field offers: regions and cities, then UTC."""
    regions = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/",
               "Australia/", "Europe/", "Indian/", "Pacific/")
    return [*sorted(name for name in zoneinfo.available_timezones()
                    if name.startswith(regions)), "UTC"]


def editor_artifacts(editor: Editor, config: SiteConfig) -> Iterator[Artifact]:
    zones = timezones()
    yield Artifact(f"{admin.FOLDER}/index.html",
                   partial(admin.admin_page, config, editor.settings))
    yield Artifact(f"{admin.FOLDER}/config.yml",
                   partial(admin.config_yaml, config, editor.settings, zones))
    yield Artifact(f"{admin.FOLDER}/{admin.SCRIPT}", partial(_script, editor))
    for font, path in editor.fonts:
        yield Artifact(f"{admin.FOLDER}/{font.published}", partial(_read, path))
    for published, path in editor.assets:
        yield Artifact(published, partial(_read, path))


def _script(editor: Editor) -> bytes:
    return admin.with_local_fonts(_read(editor.script), [font for font, _ in editor.fonts])


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
