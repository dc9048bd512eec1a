"""Load a site as a build does: content plus what git says about it."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .cache import BuildCache
from .config import SiteConfig
from .history import History
from .loader import Mapper, load_site
from .models import Kind
from .site import Site


def fallback_date(config: SiteConfig) -> datetime:
    """For files git does not know: SOURCE_DATE_EPOCH when set, else the build's now."""
    if config.source_date_epoch is not None:
        return datetime.fromtimestamp(config.source_date_epoch, UTC)
    return config.now.astimezone(UTC)


def load_project(content_root: str, config: SiteConfig, cache: BuildCache | None = None,
                 mapper: Mapper | None = None) -> Site:
    """Load and validate ``content_root``, dated by git (see ``history``)."""
    project_root = os.path.dirname(os.path.abspath(content_root))
    fallback = fallback_date(config)
    history = (History.read(project_root, os.path.basename(content_root), fallback)
               if config.use_git_dates else History(project_root, fallback))
    site = load_site(content_root, config, changed=history.changed_times,
                     relative_to=project_root, cache=cache, mapper=mapper)
    site.sequence = _sequences(site, history, project_root)
    site.published = {item.original.source_path: history.first_committed(
        item.original.source_path) for kind in Kind for item in site.of_kind(kind)}
    return site


def _sequences(site: Site, history: History, root: str) -> dict[str, int]:
    sequences = {}
    for kind in (Kind.EVENT, Kind.PROGRAM):
        for item in site.of_kind(kind):
            path = item.original.source_path
            with open(os.path.join(root, path), encoding="utf-8") as handle:
                sequences[item.id] = history.timing_changes(path, handle.read())
    return sequences
