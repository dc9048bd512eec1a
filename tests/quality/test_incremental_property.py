"""Any sequence of edits, each followed by an update, gives what a clean build gives.

Hypothesis draws sequences of the changes volunteers make (edit, add, remove, translate,
cancel, move a session), with commits or without, and time passing; after every step the
site is updated on top of the cache and compared byte for byte with a clean build, with
git dates on. The examples are derandomized, so CI runs the same ones every time.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plaza_pelican.commands import build
from plaza_quality.gates import tree_differences
from scripts.regenerate_golden import FIXTURE_NOW

from ..sites import commit_all, copy_fixture, replace


@dataclass
class Site:
    root: Path
    now: datetime
    commits: int = 0
    added: int = 0

    @property
    def events(self) -> list[Path]:
        return sorted(p for p in (self.root / "content/events").glob("*.md")
                      if p.name.count(".") == 1)

    def event(self, index: int) -> Path:
        return self.events[index % len(self.events)]


def edit(site: Site, index: int) -> None:
    path = site.event(index)
    path.write_text(path.read_text().replace("---\n", "---\nsummary: Edited.\n", 1)
                    if "summary:" not in path.read_text() else
                    path.read_text().replace("summary: ", "summary: Again ", 1))


def add(site: Site, index: int) -> None:
    site.added += 1
    day = 1 + (index * 7 + site.added) % 27
    (site.root / f"content/events/added-{site.added}.md").write_text(
        f"---\ntitle: Added {site.added}\nstart: 2026-12-{day:02d} 18:00\nduration: 1h\n"
        "audience: [residents]\n---\nNew.\n")


def remove(site: Site, index: int) -> None:
    if len(site.events) <= 2:
        return
    path = site.event(index)
    for version in path.parent.glob(f"{path.stem}.*"):
        version.unlink()


def translate(site: Site, index: int) -> None:
    path = site.event(index)
    target = path.with_name(f"{path.stem}.es.md")
    target.write_text(f"---\ntitle: Traducido {index}\n---\nTexto.\n")


def cancel(site: Site, index: int) -> None:
    path = site.event(index)
    text = path.read_text()
    if "status:" not in text:
        path.write_text(text.replace("---\n", "---\nstatus: cancelled\n", 1))


def move_session(site: Site, index: int) -> None:
    hour = 17 + index % 3
    for name in ("dialogue.md", "dialogue.es.md"):
        path = site.root / "content/programs" / name
        text = path.read_text()
        start = text.split("start: 2026-11-19 ")[1][:5]
        replace(path, f"start: 2026-11-19 {start}", f"start: 2026-11-19 {hour}:30")


def draft_notes(site: Site, index: int) -> None:
    """With the only notes a draft, the notes feed is empty: dated by the site."""
    path = site.root / "content/notes/dialogue-opening.md"
    text = path.read_text()
    path.write_text(text.replace("status: approved", "status: draft") if index % 2 else
                    text.replace("status: draft", "status: approved"))


def commit(site: Site, index: int) -> None:
    site.commits += 1
    commit_all(site.root, f"2026-10-{1 + site.commits:02d}T{index % 24:02d}:15:00Z")


def time_passes(site: Site, index: int) -> None:
    site.now += timedelta(days=1 + 5 * index, hours=7)


STEPS = {step.__name__: step for step in (edit, add, remove, translate, cancel,
                                          move_session, draft_notes, commit, time_passes)}
sequences = st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 5)),
                     min_size=1, max_size=5)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=sequences)
# Found by this test with more examples: an empty notes feed is dated by the site's last
# change, which its fingerprint once left out.
@example(steps=[("draft_notes", 1), ("commit", 0), ("edit", 0), ("commit", 1)])
def test_any_edit_sequence_updates_to_the_bytes_of_a_clean_build(steps, monkeypatch):
    with tempfile.TemporaryDirectory(prefix="plaza-property-") as folder:
        root = Path(folder)
        (root / "site").mkdir()
        copy_fixture(root / "site", git_dates=True)
        site = Site(root / "site", datetime.fromisoformat(FIXTURE_NOW))
        settings_file = str(site.root / "settings.py")
        output = root / "output"
        monkeypatch.setenv("PLAZA_NOW", FIXTURE_NOW)
        monkeypatch.setenv("PLAZA_CACHE_PATH", str(root / "cache"))
        assert build(settings_file, str(output)) == 0
        for number, (name, index) in enumerate(steps):
            STEPS[name](site, index)
            monkeypatch.setenv("PLAZA_NOW", site.now.strftime("%Y-%m-%d %H:%M"))
            monkeypatch.setenv("PLAZA_CACHE_PATH", str(root / "cache"))
            assert build(settings_file, str(output)) == 0, steps[: number + 1]
            monkeypatch.setenv("PLAZA_CACHE_PATH", "")
            clean = root / f"clean-{number}"
            assert build(settings_file, str(clean)) == 0
            assert tree_differences(output, clean) == [], steps[: number + 1]
