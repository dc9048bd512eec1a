"""Git history reads, and their cache.

Invariant: a build's dates and SEQUENCEs are what git says for the commit checked out and
the files as they are now. The history read from git is reused only for the same commit
and the same list of changed files (``git status``), and a file's SEQUENCE only for that
and the same bytes too; outside a repository, or with git dates off, every file takes
the documented fallback (``SOURCE_DATE_EPOCH``, else "now").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from plaza.model.config import SiteConfig
from plaza.model.models import Item, Kind
from plaza.reading.assemble import Dates
from plaza_sources.history import History, state


def fallback_date(config: SiteConfig) -> datetime:
    """For files git does not know: SOURCE_DATE_EPOCH when set, else the build's now."""
    if config.source_date_epoch is not None:
        return datetime.fromtimestamp(config.source_date_epoch, UTC)
    return config.now.astimezone(UTC)


@dataclass
class HistoryCache:
    state: str = ""
    history: History | None = None
    sequences: dict[tuple[str, str], int] = field(default_factory=dict)  # (path, hash)
    used: dict[tuple[str, str], int] = field(default_factory=dict)


def dates(project_root: str, content_root: str, config: SiteConfig, items: list[Item],
          digests: dict[str, str], fields: dict[str, dict[str, object]],
          cache: HistoryCache) -> tuple[Dates, HistoryCache]:
    """The dates of every item's files. ``digests`` and ``fields`` are the hashes and
    front matter of the files, by shown path (to key SEQUENCEs, and so no file is read
    twice); returns the cache to keep."""
    fallback = fallback_date(config)
    folder = os.path.relpath(content_root, project_root)
    now_state = state(project_root, folder) if config.use_git_dates else ""
    if not now_state:
        history = History(project_root, fallback)
    elif cache.state == now_state and cache.history is not None and \
            cache.history.fallback == fallback:
        history = cache.history
    else:
        history = History.read(project_root, folder, fallback)
        cache = HistoryCache(now_state, history)
    kept = HistoryCache(now_state, history, {} if cache.state != now_state else cache.sequences)
    paths = [record.source_path for item in items for record in item.versions.values()]
    sequence = {}
    for item in items:
        if item.kind not in (Kind.EVENT, Kind.PROGRAM):
            continue
        path = item.original.source_path
        key = (path, digests.get(path, ""))
        count = kept.sequences.get(key)
        if count is None:
            count = history.timing_changes(path, fields.get(path, {}))
        kept.used[key] = sequence[item.id] = count
    kept.sequences = kept.used
    kept.used = {}
    return Dates(history.changed_times(paths),
                 {item.original.source_path: history.first_committed(item.original.source_path)
                  for item in items}, sequence), kept
