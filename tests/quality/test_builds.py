"""Reproducible and atomic builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from plaza_pelican.commands import build
from plaza_quality.gates import environment_for_build, tree_differences

from ..pictures import gps_jpeg
from ..sites import snapshot

ROOT = Path(__file__).resolve().parents[2]


def build_in(cwd: Path, output: Path, tz: str, lang: str, seed: str) -> None:
    cwd.mkdir(parents=True)
    env = environment_for_build(tz, lang, seed)
    env["PLAZA_NOW"] = "2026-11-26 09:00"
    env["PLAZA_CACHE_PATH"] = ""  # from clean: no cache either
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"),
                    str(ROOT / "pelicanconf.py"), "--output", str(output)],
                   cwd=cwd, env=env, check=True, capture_output=True)


def test_two_clean_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a" / "output", tmp_path / "b" / "deeper" / "output"
    build_in(tmp_path / "run-a", first, "UTC", "C.UTF-8", "1")
    build_in(tmp_path / "run-b" / "elsewhere", second, "Asia/Tokyo", "es_US.UTF-8", "4242")
    differences = tree_differences(first, second)
    assert differences == [], f"first difference: {differences[0]}"


def test_gate_names_the_first_differing_file(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        (root / "events").mkdir(parents=True)
        (root / "index.html").write_text("same")
    (first / "events" / "x.ics").write_text("DTSTAMP:20261126T090000Z")
    (second / "events" / "x.ics").write_text("DTSTAMP:20261126T090001Z")
    (second / "extra.txt").write_text("built at 09:00:01")
    assert tree_differences(first, second) == ["events/x.ics: bytes differ",
                                               "extra.txt: only in second build"]


def test_failed_validation_leaves_previous_output_untouched(fixture_site, capsys):
    site, output = fixture_site
    before = snapshot(output)
    (site / "content" / "events" / "broken.md").write_text("---\ntitle: X\nstart: soon\n---\n")
    assert build(str(site / "settings.py"), str(output)) == 1
    assert snapshot(output) == before
    assert "content/events/broken.md:3: start: 'soon' is not a date" in capsys.readouterr().err
    assert not list(output.parent.glob(".plaza-build-*"))


def test_exception_mid_build_leaves_previous_output_untouched(fixture_site, monkeypatch):
    site, output = fixture_site
    before = snapshot(output)

    def explode(site, schedule):  # an unexpected bug while making one file
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("plaza.publishing.plan.sitemap", explode)
    assert build(str(site / "settings.py"), str(output)) == 2
    assert snapshot(output) == before


def test_gps_tagged_jpeg_is_published_without_exif(fixture_site):
    site, output = fixture_site
    (site / "content" / "images").mkdir()
    gps_jpeg(site / "content" / "images" / "meeting.jpg")
    with (site / "settings.py").open("a") as settings:
        settings.write("PLAZA_ALLOW_IMAGE_METADATA = ['meeting.jpg']\n")
    assert build(str(site / "settings.py"), str(output)) == 0
    with Image.open(output / "images" / "meeting.jpg") as published:
        assert not published.getexif()
        assert published.size == (4, 8)


def test_incremental_build_equals_a_clean_build(fixture_site, tmp_path, monkeypatch):
    """Calendars, feeds and listings stay correct when files are reused from a cache."""
    site, output = fixture_site
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(cache))
    assert build(str(site / "settings.py"), str(output)) == 0  # warms the cache
    assert (cache / "record.pickle").exists() and not (output / ".plaza-record.pickle").exists()
    events = site / "content" / "events"
    weekly = events / "weekly-circle.md"
    weekly.write_text(weekly.read_text().replace("Library, room 2", "Library, room 3")
                      .replace("except: [2027-03-18]", "except: [2027-03-18, 2027-03-25]"))
    (events / "winter-drive.es.md").write_text("---\ntitle: Colecta de invierno\n---\n")
    (events / "past-workshop.md").unlink()
    assert build(str(site / "settings.py"), str(output)) == 0  # incremental
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    clean = tmp_path / "clean"
    assert build(str(site / "settings.py"), str(clean)) == 0
    assert tree_differences(output, clean) == []
    assert b"Library\\, room 3" in (output / "calendars" / "all.ics").read_bytes()
    assert not (output / "events" / "past-workshop").exists()


def test_one_cache_serving_two_output_folders_never_mixes_them(fixture_site, tmp_path,
                                                               monkeypatch):
    site, first = fixture_site
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    assert build(str(site / "settings.py"), str(first)) == 0
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text().replace("golden tests", "golden checks"))
    second = tmp_path / "second"
    assert build(str(site / "settings.py"), str(second)) == 0  # the cache now describes it
    assert build(str(site / "settings.py"), str(first)) == 0  # must not trust it for first
    assert tree_differences(first, second) == []
    assert "golden checks" in (first / "about" / "index.html").read_text()
