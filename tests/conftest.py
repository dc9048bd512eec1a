"""Shared helpers: write a small content tree, load it, and see what Plaza says."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Generator, Iterable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from plaza.model.config import SiteConfig  # noqa: E402
from plaza.model.problems import ContentError  # noqa: E402
from plaza.model.site import Site  # noqa: E402
from plaza_build.loading import Project, load  # noqa: E402
from plaza_build.store import Store  # noqa: E402

LA = ZoneInfo("America/Los_Angeles")
SAMPLE_NOW = "2026-11-26 09:00"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=LA)


def make_config(**overrides: object) -> SiteConfig:
    values: dict[str, object] = dict(
        site_name="Test Coalition", site_url="https://example.org", organization="Test Org",
        default_lang="en", languages=("en", "es", "fa"), timezone="America/Los_Angeles",
        uid_namespace="test", now=NOW,
        categories=(("know-your-rights", "Know your rights"), ("dialogues", "Dialogues"),
                    ("circles", "Circles")),
    )
    values.update(overrides)
    return SiteConfig(**values)  # type: ignore[arg-type]


def load_content(content: Path, config: SiteConfig) -> Site:
    """Load a content folder as a build does (no cache): the site, or ContentError."""
    project = Project(root=str(content.parent), content=str(content), config=config,
                      theme="", output="", cache=None)
    return load(project, Store(None, "")).site


class ContentTree:
    """A throwaway content/ folder for one test."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir()

    def write(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def load(self, **config: object) -> Site:
        return load_content(self.content, make_config(**config))

    def problems(self, **config: object) -> list[str]:
        try:
            self.load(**config)
        except ContentError as error:
            return [str(problem) for problem in error.problems]
        return []


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (content/ with pelicanconf.py), built once for the output checks."""
    from plaza_pelican.commands import build

    output = tmp_path_factory.mktemp("sample") / "output"
    previous = os.environ.get("PLAZA_NOW")
    os.environ["PLAZA_NOW"] = SAMPLE_NOW
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        assert build("pelicanconf.py", str(output)) == 0
    finally:
        os.chdir(cwd)
        if previous is None:
            os.environ.pop("PLAZA_NOW", None)
        else:
            os.environ["PLAZA_NOW"] = previous
    return output


@pytest.fixture
def fixture_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A private copy of the fixture site and a first, good build of it."""
    from plaza_pelican.commands import build
    from scripts.regenerate_golden import FIXTURE_NOW

    from .sites import copy_fixture

    site = tmp_path / "site"
    site.mkdir()
    settings = copy_fixture(site)
    monkeypatch.setenv("PLAZA_NOW", FIXTURE_NOW)
    output = tmp_path / "output"
    assert build(str(settings), str(output)) == 0
    return site, output


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAZA_NOW", "2026-11-26 09:00")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    os.environ.setdefault("TZ", "UTC")


# How a quality gate says it was skipped: tests/quality/conftest.py's ``require`` and the
# dependency audit (tests/quality/test_dependencies.py).
MISSING_TOOL = re.compile(r"^(?:Skipped: )?(?P<what>.+?) is not available: (?P<how>.+)$",
                          re.DOTALL)
NO_NETWORK = re.compile(r"^(?:Skipped: )?(?P<what>\S+(?: audit)?)(?: \(.*?\))? could not "
                        r"reach its vulnerability database", re.DOTALL)


def skipped_gates_line(reasons: Iterable[str]) -> str | None:
    """One line naming the quality gates the run skipped and how to enable them, or
    None when every gate ran."""
    tools: dict[str, str] = {}
    count = 0
    for reason in reasons:
        if found := MISSING_TOOL.match(reason):
            tools.setdefault(found["what"], found["how"].strip())
        elif found := NO_NETWORK.match(reason):
            tools.setdefault(found["what"], "run where the advisory databases are reachable")
        else:
            continue
        count += 1
    if not tools:
        return None
    hows = list(dict.fromkeys(tools.values()))
    tests = "test" if count == 1 else "tests"
    return (f"Quality gates skipped ({count} {tests}): {', '.join(tools)}. To run them: "
            f"{'; '.join(hows)}.")


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter
                            ) -> Generator[None, None, None]:
    """At the end of a run that skipped gates, say which and how to enable them (after
    pytest's own list of skips, where it is seen)."""
    yield
    line = skipped_gates_line(_skip_reason(report)
                              for report in terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True, bold=True)
