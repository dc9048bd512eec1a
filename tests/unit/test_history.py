"""Dates from git, not from the clock; SEQUENCE from how often timing changed."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from plaza.reading.frontmatter import parse_source
from plaza_sources.history import History

from ..sites import git

FALLBACK = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
EVENT = "---\ntitle: {title}\nstart: {start}\nstatus: {status}\n---\n"


def fields(text: str) -> dict:
    return parse_source("x.md", text).fields


def commit(repo: Path, text: str, when: str) -> None:
    path = repo / "content" / "events" / "meeting.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-m", "change", when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    return tmp_path


def test_last_change_is_the_commit_time(repo):
    commit(repo, EVENT.format(title="A", start="2026-12-03 18:00", status="confirmed"),
           "2026-03-01T10:00:00Z")
    commit(repo, EVENT.format(title="B", start="2026-12-03 18:00", status="confirmed"),
           "2026-04-02T11:30:00Z")
    history = History.read(str(repo), "content", FALLBACK)
    assert history.last_changed("content/events/meeting.md") == \
        datetime(2026, 4, 2, 11, 30, tzinfo=UTC)


def test_uncommitted_or_untracked_files_use_the_fallback(repo):
    commit(repo, EVENT.format(title="A", start="2026-12-03 18:00", status="confirmed"),
           "2026-03-01T10:00:00Z")
    (repo / "content/events/meeting.md").write_text("edited")
    (repo / "content/events/new.md").write_text("new")
    history = History.read(str(repo), "content", FALLBACK)
    assert history.last_changed("content/events/meeting.md") == FALLBACK
    assert history.last_changed("content/events/new.md") == FALLBACK


def test_outside_git_everything_uses_the_fallback(tmp_path):
    history = History.read(str(tmp_path), "content", FALLBACK)
    assert history.last_changed("content/events/x.md") == FALLBACK


def test_sequence_counts_timing_and_status_changes_only(repo):
    texts = [
        EVENT.format(title="A", start="2026-12-03 18:00", status="confirmed"),
        EVENT.format(title="Renamed", start="2026-12-03 18:00", status="confirmed"),
        EVENT.format(title="Renamed", start="2026-12-04 18:00", status="confirmed"),
        EVENT.format(title="Renamed", start="2026-12-04 18:00", status="cancelled"),
    ]
    for day, text in enumerate(texts, start=1):
        commit(repo, text, f"2026-03-0{day}T10:00:00Z")
    history = History.read(str(repo), "content", FALLBACK)
    assert history.timing_changes("content/events/meeting.md", fields(texts[-1])) == 2
    moved_again = EVENT.format(title="Renamed", start="2026-12-05 18:00", status="cancelled")
    assert history.timing_changes("content/events/meeting.md", fields(moved_again)) == 3


def test_a_rule_said_in_words_is_not_a_change(repo):
    rule = EVENT.format(title="A", start="2026-12-17 18:00", status="confirmed").replace(
        "---\n", "---\nrepeat: FREQ=MONTHLY;BYDAY=3TH\n", 1)
    words = rule.replace("FREQ=MONTHLY;BYDAY=3TH", "every third Thursday")
    other = rule.replace("FREQ=MONTHLY;BYDAY=3TH", "every last Thursday")
    for day, text in enumerate((rule, words), start=1):
        commit(repo, text, f"2026-03-0{day}T10:00:00Z")
    history = History.read(str(repo), "content", FALLBACK)
    assert history.timing_changes("content/events/meeting.md", fields(words)) == 0
    assert history.timing_changes("content/events/meeting.md", fields(other)) == 1
