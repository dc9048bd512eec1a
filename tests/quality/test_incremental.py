"""Rebuilds on top of the cache make exactly what a clean build makes.

Each case warms the cache with a build, changes something, rebuilds, and compares the
result byte for byte with a clean build of the changed site. It also says which way the
rebuild must go: an update of the previous output in place (only some items changed,
see ``plaza.incremental``), or a full build that reuses unchanged files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from plaza_pelican.commands import build
from plaza_quality.gates import tree_differences
from scripts.regenerate_golden import FIXTURE_NOW, FIXTURE_SETTINGS

from ..sites import commit_all, copy_fixture, replace, snapshot

Change = Callable[[Path, pytest.MonkeyPatch], None]


def edit_event(site: Path, _: pytest.MonkeyPatch) -> None:
    replace(site / "content/events/weekly-circle.md", "Library, room 2", "Library, room 3")


def add_translation(site: Path, _: pytest.MonkeyPatch) -> None:
    (site / "content/events/winter-drive.es.md").write_text(
        "---\ntitle: Colecta de invierno\n---\nTraemos abrigos.\n")


def move_session(site: Path, _: pytest.MonkeyPatch) -> None:
    # The notes page of that program shows the session: it must follow.
    for name in ("dialogue.md", "dialogue.es.md"):
        replace(site / "content/programs" / name, "start: 2026-11-19 18:30",
                "start: 2026-11-20 17:00")


def cancel_event(site: Path, _: pytest.MonkeyPatch) -> None:
    # Subscribers must get the cancellation: every calendar and feed holding it changes.
    replace(site / "content/events/winter-drive.md", "end: 2026-12-20\n",
            "end: 2026-12-20\nstatus: cancelled\n")


def cancel_session(site: Path, _: pytest.MonkeyPatch) -> None:
    for name in ("dialogue.md", "dialogue.es.md"):
        replace(site / "content/programs" / name, "    topic: Moved session\n" if
                name == "dialogue.md" else "    topic: Sesión trasladada\n",
                "    topic: Moved session\n    status: cancelled\n" if name == "dialogue.md"
                else "    topic: Sesión trasladada\n    status: cancelled\n")


def edit_notes(site: Path, _: pytest.MonkeyPatch) -> None:
    replace(site / "content/notes/dialogue-opening.md", "attendance: 24", "attendance: 25")


def months_pass(_: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The site-wide calendars' window moves on: every calendar may change.
    monkeypatch.setenv("PLAZA_NOW", "2027-03-05 09:00")


def rename_program(site: Path, _: pytest.MonkeyPatch) -> None:
    # Program names are in every page's calendar and feed lists.
    replace(site / "content/programs/dialogue.md", "title: Dialogue series",
            "title: Dialogue circles")


def change_audience(site: Path, _: pytest.MonkeyPatch) -> None:
    replace(site / "content/events/east-coast-call.md", "audience: [community-leaders]",
            "audience: [residents]")


def edit_footer_page(site: Path, _: pytest.MonkeyPatch) -> None:
    about = site / "content/pages/about.md"
    about.write_text(about.read_text().replace("title:", "title: New", 1))


def add_event(site: Path, _: pytest.MonkeyPatch) -> None:
    (site / "content/events/new-meeting.md").write_text(
        "---\ntitle: New meeting\nstart: 2026-12-10 18:00\nduration: 1h\n---\nHello.\n")


def nothing(*_: object) -> None:
    pass


def change_setting(site: Path, _: pytest.MonkeyPatch) -> None:
    # Plaza's settings are read like content: what uses one is made again, in place.
    # (Those templates print directly, like SITENAME, are in the frame: see change_theme.)
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_FEED_MAX_ITEMS = 2\n")


def change_theme(site: Path, _: pytest.MonkeyPatch) -> None:
    # Templates, CSS and catalogs are the frame every page is made in: all of it again.
    theme = site / "theme"
    shutil.copytree(Path(FIXTURE_SETTINGS).parent.parent.parent.parent / "theme", theme)
    css = theme / "static" / "css" / "plaza.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    with (site / "settings.py").open("a") as settings:
        settings.write(f"THEME = {str(theme)!r}\n")


CASES: list[tuple[Change, bool]] = [  # (change, updated in place?)
    (edit_event, True), (add_translation, True), (move_session, True), (edit_notes, True),
    (cancel_event, True), (cancel_session, True), (nothing, True), (months_pass, True),
    (rename_program, True), (change_audience, True), (edit_footer_page, True),
    (add_event, True), (change_setting, True), (change_theme, False),
]


@pytest.mark.parametrize(("change", "in_place"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_rebuild_equals_a_clean_build(fixture_site, tmp_path, monkeypatch,
                                      change, in_place):
    site, output = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0  # warms the cache
    folder, before = output.stat().st_ino, snapshot(output)
    change(site, monkeypatch)
    assert build(str(site / "settings.py"), str(output)) == 0
    assert (output.stat().st_ino == folder) == in_place
    assert (snapshot(output) == before) == (change is nothing)  # the change shows
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / "clean"
    assert build(str(site / "settings.py"), str(clean)) == 0
    assert tree_differences(output, clean) == []


def test_an_update_writes_only_what_changed(fixture_site, tmp_path, monkeypatch):
    site, output = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    assert build(str(site / "settings.py"), str(output)) == 0  # now described by the cache
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    edit_event(site, monkeypatch)
    assert build(str(site / "settings.py"), str(output)) == 0
    rewritten = {str(p.relative_to(output)) for p, mtime in before.items()
                 if p.stat().st_mtime_ns != mtime}
    assert "events/weekly-circle/index.html" in rewritten
    assert "es/events/weekly-circle/weekly-circle.ics" in rewritten
    assert "calendars/all.ics" in rewritten and "events/index.html" in rewritten
    assert "events/east-coast-call/index.html" not in rewritten
    assert "programs/dialogue/index.html" not in rewritten
    assert "calendars/program-dialogue.ics" not in rewritten
    # Which translations are missing or stale did not change.
    assert "translations/index.html" not in rewritten
    assert "subscribe/index.html" not in rewritten and "faq/index.html" not in rewritten


def test_a_replaced_output_folder_is_rebuilt_in_full(fixture_site, tmp_path,
                                                     monkeypatch):
    site, output = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    output.rename(tmp_path / "moved-away")
    output.mkdir()  # e.g. someone emptied it: an update would leave it empty
    edit_event(site, monkeypatch)
    assert build(str(site / "settings.py"), str(output)) == 0
    assert (output / "events" / "east-coast-call" / "index.html").exists()


def test_an_update_reshuffles_the_pages_of_a_long_list(fixture_site, tmp_path,
                                                       monkeypatch):
    """Moving one event changes which rows every later page of the list holds."""
    site, output = fixture_site
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_LIST_PAGE_SIZE = 2\n")
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    folder = output.stat().st_ino
    replace(site / "content/events/east-coast-call.md", "start: 2027-01-07 19:00",
            "start: 2026-11-27 19:00")
    assert build(str(site / "settings.py"), str(output)) == 0
    assert output.stat().st_ino == folder  # updated in place
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / "clean"
    assert build(str(site / "settings.py"), str(clean)) == 0
    assert tree_differences(output, clean) == []


def test_time_passing_within_a_month_is_an_update(fixture_site, tmp_path,
                                                  monkeypatch):
    """An event ends between two builds: lists, feeds and pages follow, in place."""
    site, output = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    monkeypatch.setenv("PLAZA_NOW", "2026-12-01 09:00")
    assert build(str(site / "settings.py"), str(output)) == 0
    folder, before = output.stat().st_ino, snapshot(output)
    monkeypatch.setenv("PLAZA_NOW", "2026-12-12 15:00")  # the fair (10:00-14:00) is over
    assert build(str(site / "settings.py"), str(output)) == 0
    assert output.stat().st_ino == folder and snapshot(output) != before
    assert "cancelled-fair" in (output / "events" / "past" / "index.html").read_text()
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / "clean"
    assert build(str(site / "settings.py"), str(clean)) == 0
    assert tree_differences(output, clean) == []


# --- with git dates, over a repository with real commits ------------------------------

@pytest.fixture
def git_site(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the fixture site in its own git repository, dated by its commits."""
    site = tmp_path / "site"
    site.mkdir()
    copy_fixture(site, git_dates=True)
    monkeypatch.setenv("PLAZA_NOW", FIXTURE_NOW)
    return site, tmp_path / "output"


def clean_build_differences(site: Path, output: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
    assert build(str(site / "settings.py"), str(clean)) == 0
    return tree_differences(output, clean)


GIT_CASES = [change for change, _ in CASES if change not in (months_pass, change_theme)]


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "uncommitted"])
@pytest.mark.parametrize("change", GIT_CASES, ids=[c.__name__ for c in GIT_CASES])
def test_with_git_dates_an_update_equals_a_clean_build(git_site, tmp_path, monkeypatch,
                                                       change, committed):
    site, output = git_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    change(site, monkeypatch)
    if committed:
        commit_all(site, "2026-10-15T16:30:00Z")
    assert build(str(site / "settings.py"), str(output)) == 0
    assert clean_build_differences(site, output, tmp_path, monkeypatch) == []


def test_an_empty_feed_follows_a_committed_edit(git_site, tmp_path, monkeypatch):
    """notes.atom with no approved notes is dated by the site's last change: after a
    committed edit an update must date it as a clean build does."""
    site, output = git_site
    replace(site / "content/notes/dialogue-opening.md", "status: approved", "status: draft")
    commit_all(site, "2026-09-02T10:00:00Z")
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    edit_event(site, monkeypatch)
    commit_all(site, "2026-10-20T08:00:00Z")
    assert build(str(site / "settings.py"), str(output)) == 0
    assert "<updated>2026-10-20T08:00:00+00:00</updated>" in \
        (output / "feeds" / "notes.atom").read_text()
    assert clean_build_differences(site, output, tmp_path, monkeypatch) == []


def test_a_renamed_event_remakes_the_months_it_is_in_and_no_other(fixture_site, tmp_path,
                                                                    monkeypatch):
    site, output = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(output)) == 0
    assert build(str(site / "settings.py"), str(output)) == 0  # now described by the cache
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    replace(site / "content/events/winter-drive.md", "title: Winter drive",
            "title: Winter coat drive")
    assert build(str(site / "settings.py"), str(output)) == 0
    rewritten = {str(p.relative_to(output)) for p, mtime in before.items()
                 if p.stat().st_mtime_ns != mtime}
    for month in ("events/2026/12/index.html", "fa/events/2026/12/index.html"):
        assert month in rewritten
        assert "Winter coat drive" in (output / month).read_text()
    assert "events/2026/11/index.html" not in rewritten
    assert "events/2027/01/index.html" not in rewritten
    # It has no audience and no languages: the filter pages do not show it.
    assert "events/audience/residents/index.html" not in rewritten
    assert "events/language/es/index.html" not in rewritten
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / "clean"
    assert build(str(site / "settings.py"), str(clean)) == 0
    assert tree_differences(output, clean) == []
