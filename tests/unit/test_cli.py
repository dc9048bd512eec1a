"""The ``plaza`` command: every subcommand answers --help in plain words, a mistyped
command gets one sentence (with the closest command), and ``plaza build`` builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from plaza_cli import cli
from scripts.regenerate_golden import FIXTURE_NOW

from ..hostile import PAYLOADS
from ..sites import copy_fixture

ROOT = Path(__file__).resolve().parents[2]
TOOK = r"(?:\d+\.\d seconds|1 second)"  # "1 second" when it took 0.95 to 1.05 s

# What each subcommand's help must be about, in the words a volunteer would look for.
PURPOSES = {
    "build": "Make the website",
    "serve": "http://127.0.0.1:8000",
    "check": "Check the content for mistakes",
    "new": "Create a new content file",
    "translate": "Start a translation",
    "translations": "no translation yet",
    "scrub-images": "hidden details that photos carry",
    "import": "Bring an existing calendar in",
}


def test_the_commands_are_those_the_makefile_runs() -> None:
    assert [command.name for command in cli.available()] == list(PURPOSES)
    makefile = (ROOT / "Makefile").read_text()
    for name in PURPOSES:
        assert f"$(PLAZA) {name}" in makefile, name


@pytest.mark.parametrize("name", list(PURPOSES))
def test_each_subcommand_explains_itself(name: str, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    assert cli.main([name, "--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: plaza {name} ")
    assert PURPOSES[name] in " ".join(text.split())
    assert f"examples:\n  plaza {name}" in text
    assert "%(prog)" not in text and "scripts/" not in text


def test_help_lists_every_command_with_what_it_does(capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    for command in cli.available():
        assert re.search(rf"^  {re.escape(command.name)} +{re.escape(command.summary)}$",
                         text, re.M), command.name
    assert "plaza COMMAND --help" in text
    assert cli.main(["help", "build"]) == 0
    assert capsys.readouterr().out.startswith("usage: plaza build ")


def test_no_command_shows_the_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "commands:" in capsys.readouterr().out


def test_an_unknown_command_is_one_plain_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["buidl", "--output", "x"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        'plaza: "buidl" is not a Plaza command. Did you mean "plaza build"? The commands '
        "are: build, serve, check, new, translate, translations, scrub-images, import. Run "
        '"plaza --help" to see what each one does.\n')
    assert cli.main(["publish"]) == 2
    assert "Did you mean" not in capsys.readouterr().err


def test_an_option_before_the_command_says_where_it_goes(capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    assert cli.main(["--output", "/tmp/x", "build"]) == 2
    assert 'put the command first, e.g. "plaza build --output' in capsys.readouterr().err


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_a_hostile_command_name_cannot_drive_the_terminal(
        payload: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([PAYLOADS[payload]]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and message.endswith("\n")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", message)


def test_bad_options_of_a_subcommand_end_in_its_usage(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    assert cli.main(["build", "--colour", "red"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: plaza build ") and "--colour" in error


def test_version_is_the_installed_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert re.fullmatch(r"Plaza (\d+\.\d+\.\d+|unknown)\n", capsys.readouterr().out)


def test_plaza_build_builds_the_fixture_and_says_what_it_wrote(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    settings = copy_fixture(tmp_path)
    monkeypatch.setenv("PLAZA_NOW", FIXTURE_NOW)
    monkeypatch.setenv("PLAZA_CACHE_PATH", str(tmp_path / "cache"))
    monkeypatch.delenv("MAKELEVEL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", str(settings), "--output", "site"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/es/index.html").is_file()
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    calendars = [p for p in files if p.suffix == ".ics"]
    assert re.fullmatch(rf"Built {len(files)} files in 4 languages in {TOOK}: "
                        rf"{len(pages)} pages, {len(calendars)} calendars, \d+ feeds and "
                        r"\d+ other files\.", first[0]), first[0]
    assert first[1:] == ["The site is in site/",
                         f"To look at it in your browser, run: plaza serve {settings}"]
    assert not any("Processed" in line for line in first)

    assert cli.main(["build", str(settings), "--output", "site"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Nothing changed since the last build: all {len(files)} files in 4 languages are "
        "up to date")

    event = tmp_path / "content/events/weekly-circle.md"
    event.write_text(event.read_text().replace("title: ", "title: Renamed ", 1))
    assert cli.main(["build", str(settings), "--output", "site"]) == 0
    updated = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(rf"Updated \d+ of {len(files)} files in {TOOK} \(.*\)\.",
                        updated), updated


def test_plaza_build_with_a_mistake_lists_it_and_publishes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    settings = copy_fixture(tmp_path)
    monkeypatch.setenv("PLAZA_CACHE_PATH", "")
    (tmp_path / "content/events/broken.md").write_text("---\ntitle:Meeting\n---\n")
    assert cli.main(["build", str(settings), "--output", str(tmp_path / "site")]) == 1
    captured = capsys.readouterr()
    assert "content/events/broken.md:2: title: put a space after the colon" in captured.err
    assert "problem" in captured.err and "Built" not in captured.out
    assert not (tmp_path / "site").exists()


def test_python_m_plaza_cli_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "plaza_cli", "check", "--help"],
                            capture_output=True, text=True, check=False, cwd=tmp_path,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: plaza check ")
