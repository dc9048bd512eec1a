"""Throwaway copies of the fixture site, with or without a git history, for build tests.

Plain helpers (no fixtures): tests/conftest.py makes fixtures of them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from scripts.regenerate_golden import FIXTURE_SETTINGS

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Plaza test", "GIT_AUTHOR_EMAIL": "test@example.org",
                "GIT_COMMITTER_NAME": "Plaza test", "GIT_COMMITTER_EMAIL": "test@example.org",
                "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/nonexistent"}


def git(repo: Path, *args: str, when: str = "2026-01-01T12:00:00Z") -> str:
    """Run git in ``repo`` with a fixed identity and date: commits are reproducible."""
    env = {**GIT_IDENTITY, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", "-C", str(repo), *args], check=True, env=env,
                            capture_output=True, text=True)
    return result.stdout


def commit_all(repo: Path, when: str, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)


def copy_fixture(root: Path, git_dates: bool = False, extra: str = "") -> Path:
    """A private copy of the fixture site under ``root``; returns its settings file.
    With ``git_dates``, the copy is a git repository with the content committed once and
    dates taken from git (the fixture itself turns git dates off)."""
    shutil.copytree(Path(FIXTURE_SETTINGS).parent / "content", root / "content")
    settings = root / "settings.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(FIXTURE_SETTINGS)!r}).items()"
        " if k.isupper())\n"
        f"PATH = {str(root / 'content')!r}\n"
        f"PLAZA_GIT_DATES = {git_dates}\n" + extra)
    if git_dates:
        (root / ".gitignore").write_text("settings.py\n__pycache__/\n")
        git(root, "init", "-q")
        commit_all(root, "2026-09-01T10:00:00Z", "first")
    return settings


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))
