"""The make targets volunteers run end with Plaza's own words, not make's.

Make prints "make: *** [Makefile:27: check] Error 1" after any failed recipe; the
Makefile's ``quietly`` stops it first, and the exit status stays non-zero for CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make(*arguments: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("MAKE", "MFLAGS", "PLAZA_", "GITHUB_"))}
    environment.update(PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]),
                       PLAZA_CACHE_PATH="", PLAZA_DEBUG_LOG=str(tmp_path / "debug.log"))
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *arguments,  # noqa: S603, S607
                           "STAMP=", f"PY={sys.executable}"],
                          env=environment, capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    content = tmp_path / "content" / "events"
    content.mkdir(parents=True)
    (content / "meeting.md").write_text("---\ntitle:Meeting\nstart: 2027-01-14 18:00\n---\n")
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r})"
        ".items() if k.isupper())\n"
        f"PATH = {str(tmp_path / 'content')!r}\n")
    return settings


def test_a_failed_check_ends_with_plazas_message(broken_site: Path, tmp_path: Path) -> None:
    result = make("check", f"SETTINGS={broken_site}", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "make: ***" not in result.stdout + result.stderr
    assert "content/events/meeting.md:2: title: put a space after the colon" in result.stderr


def test_translate_refuses_a_code_the_site_does_not_publish(tmp_path: Path) -> None:
    result = make("translate", "FILE=content/events/county-town-hall.md", "TO=en_US.UTF-8",
                  tmp_path=tmp_path)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "TO=en_US.UTF-8: 'en_US.UTF-8' is not one of the site's languages; use one of: en, es, "
        "zh-Hans, zh-Hant, ko, tl, vi, hy, fa, ru, ja, km, ar (a new one is added to "
        "PLAZA_LANGUAGES in the settings)"]
    assert not (ROOT / "content/events/county-town-hall.en_US.UTF-8.md").exists()


def test_translate_without_to_says_how(tmp_path: Path) -> None:
    result = make("translate", "FILE=content/events/county-town-hall.md", tmp_path=tmp_path)
    assert result.returncode != 0
    assert result.stderr == "usage: make translate FILE=content/events/x.md TO=ko\n"


def test_translate_writes_the_file_for_a_configured_code(tmp_path: Path) -> None:
    from scripts import translate

    original = tmp_path / "content" / "events" / "meeting.md"
    original.parent.mkdir(parents=True)
    original.write_text("---\ntitle: Meeting\nstart: 2027-01-14 18:00\n---\nAgenda\n")
    settings = str(ROOT / "pelicanconf.py")
    assert translate.main(["--settings", settings, str(original), "ko"]) == 0
    assert (tmp_path / "content/events/meeting.ko.md").read_text() == \
        "---\ntitle: Meeting\n---\nAgenda\n"
    assert translate.main(["--settings", settings, str(original), "en"]) == 2


def test_make_html_ends_with_plazas_summary(tmp_path: Path) -> None:
    from ..sites import copy_fixture

    settings = copy_fixture(tmp_path, extra=f"OUTPUT_PATH = {str(tmp_path / 'out')!r}\n")
    result = make("html", f"SETTINGS={settings}", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Built ") and " files in 4 languages in " in lines[0]
    assert lines[1:] == [f"The site is in {tmp_path / 'out'}",
                         f"To look at it in your browser, run: make serve SETTINGS={settings}"]
    assert "Processed" not in result.stdout + result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_make_test_installs_the_npm_tools_first_when_npm_is_there() -> None:
    # -n: print the commands only; -W package.json: as if it had just changed, so the
    # npm tools are out of date and `make test` must install them before the tests.
    dry = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "-n",  # noqa: S603, S607
                          "-W", "package.json", "test", "TEST_STAMP="],
                         capture_output=True, text=True, check=False, timeout=60)
    assert dry.returncode == 0, dry.stderr
    npm_tools = "npm ci --no-audit --no-fund --silent"
    if shutil.which("npm"):
        assert dry.stdout.index(npm_tools) < dry.stdout.index("-m pytest")
    else:
        assert npm_tools not in dry.stdout and "-m pytest" in dry.stdout
