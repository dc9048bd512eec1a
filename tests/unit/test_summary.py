"""The lines a finished build prints: counts by kind from what the engine wrote, the
time, the folder and the next command; Pelican's own closing line left out."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from plaza_build.engine import Summary
from plaza_pelican.summary import (
    PELICAN_DONE,
    Counts,
    kind_of,
    shown_folder,
    summary_text,
    without_pelican_done_line,
)

from ..hostile import PAYLOADS

PATHS = ["index.html", "es/events/town-hall/index.html", "events/town-hall/town-hall.ics",
         "calendars/all.ics", "feeds/upcoming.atom", "es/feeds/upcoming.rss",
         "feeds/upcoming.json", "events.json", "sitemap.xml", "robots.txt", "_headers",
         "theme/css/plaza.1a2b3c4d.css", "images/map.webp"]


def test_each_output_is_counted_as_what_a_reader_would_call_it() -> None:
    assert [kind_of(path) for path in PATHS] == [
        "page", "page", "calendar", "calendar", "feed", "feed", "feed", "file", "file",
        "file", "file", "file", "file"]


@given(st.lists(st.sampled_from(PATHS) | st.text(max_size=30)))
def test_every_output_is_counted_once(paths: list[str]) -> None:
    counts = Counts.of(paths)
    assert counts.total == len(paths)


def test_a_full_build_names_every_kind_and_where_the_site_is() -> None:
    text = summary_text(Summary(made=PATHS * 100), 13, 12.34, "/site/output", "plaza serve",
                        "/site")
    assert text.splitlines() == [
        "Built 1,300 files in 13 languages in 12.3 seconds: 200 pages, 200 calendars, "
        "300 feeds and 600 other files.",
        "The site is in output/",
        "To look at it in your browser, run: plaza serve"]


def test_kinds_with_nothing_are_left_out_and_one_is_singular() -> None:
    text = summary_text(Summary(made=["index.html"]), 1, 1.0, "/elsewhere", None, "/site")
    assert text.splitlines() == ["Built 1 file in 1 language in 1 second: 1 page.",
                                 "The site is in /elsewhere"]


def test_an_update_says_how_many_of_how_many() -> None:
    summary = Summary(made=["index.html", "es/index.html", "events/x/x.ics"], kept=1231,
                      removed=["events/old/index.html"], full=False)
    text = summary_text(summary, 13, 0.84, "/site/output", "make serve", "/site")
    assert text.splitlines()[0] == (
        "Updated 3 of 1,234 files in 0.8 seconds (2 pages and 1 calendar); removed 1 file "
        "no longer published.")
    assert text.splitlines()[2] == "To look at it in your browser, run: make serve"


def test_nothing_to_do_says_so() -> None:
    text = summary_text(Summary(kept=1234, full=False), 13, 0.2, "/o", None, "/")
    assert text.splitlines()[0] == (
        "Nothing changed since the last build: all 1,234 files in 13 languages are up to "
        "date (checked in 0.2 seconds).")


def test_a_hostile_folder_name_stays_on_its_line() -> None:
    for payload in PAYLOADS.values():
        folder = f"/tmp/{payload}/out"
        text = summary_text(Summary(made=["index.html"]), 1, 1.0, folder, "plaza serve", "/")
        assert len(text.splitlines()) == 3, payload
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
                             text), payload
        assert shown_folder(folder, "/") in text


def test_pelicans_line_is_left_out_and_everything_else_kept(capsys) -> None:
    from pelican.log import console

    with without_pelican_done_line():
        console.print("WARNING: something Pelican wants said")
        console.print("Done: Processed 0 articles, 0 drafts, 0 hidden articles, 0 pages, 0 "
                      "hidden pages and 0 draft pages in 3.11 seconds.", width=80)
        console.print("after")
    out = capsys.readouterr().out
    assert out == "WARNING: something Pelican wants said\nafter\n"


def test_pelicans_line_matches_only_itself() -> None:
    done = ("Done: Processed 0 articles, 0 drafts, 0 hidden articles, 0 pages, 0 hidden "
            "pages\nand 0 draft pages in 3.11 seconds.\n")
    assert PELICAN_DONE.sub("", "before\n" + done + "after\n") == "before\nafter\n"
    assert PELICAN_DONE.sub("", "Done: Processed the photos.\n") == \
        "Done: Processed the photos.\n"


def test_a_run_that_skipped_gates_ends_with_which_and_how() -> None:
    from ..conftest import skipped_gates_line

    reasons = [
        "Skipped: The Nu HTML Checker is not available: run `npm ci` (make tools)",
        "Skipped: The Nu HTML Checker is not available: run `npm ci` (make tools)",
        "Skipped: Chromium is not available: apt-get install chromium",
        "Skipped: pip-audit could not reach its vulnerability database from this machine",
        "Skipped: needs make",
    ]
    assert skipped_gates_line(reasons) == (
        "Quality gates skipped (4 tests): The Nu HTML Checker, Chromium, pip-audit. To run "
        "them: run `npm ci` (make tools); apt-get install chromium; run where the advisory "
        "databases are reachable.")
    assert skipped_gates_line(["Skipped: needs make"]) is None


def test_a_hostile_settings_name_in_the_next_command_stays_on_its_line(monkeypatch) -> None:
    from plaza_pelican.commands import serve_command

    monkeypatch.delenv("MAKELEVEL", raising=False)
    for payload in PAYLOADS.values():
        command = serve_command(f"{payload}.py")
        assert command == f"plaza serve {payload}.py"
        text = summary_text(Summary(made=["index.html"]), 1, 1.0, "/o", command, "/")
        assert len(text.splitlines()) == 3, payload
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
                             text), payload
    monkeypatch.setenv("MAKELEVEL", "1")
    assert serve_command("pelicanconf.py") == "make serve"
    assert serve_command("site.py") == "make serve SETTINGS=site.py"
