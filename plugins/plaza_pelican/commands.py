"""The build and check commands behind ``make html`` and ``make check``.

A build writes into a temporary folder beside ``output/`` and puts it in place only when
everything succeeded: a failed build leaves the previous site untouched. A full build's
folder replaces ``output/`` in one rename; an update (only some items changed, see
``plaza.incremental``) holds just the files that changed, which are then moved into
``output/`` one rename each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any, TextIO

from pelican import Pelican
from pelican.settings import read_settings

from plaza.cache import install_record
from plaza.config import SiteConfig
from plaza.loader import load_site
from plaza.problems import ContentError, Problem
from plaza.timing import TimingError

from .generator import UPDATE_MARKER, cache_folder, now_from_environment


def settings_from(path: str, override: dict[str, Any] | None = None) -> dict[str, Any]:
    return dict(read_settings(path, override=override or {}))


def report(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Print every problem; inside GitHub Actions also as annotations on the PR's lines."""
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=stream)
    noun = "problem" if len(problems) == 1 else "problems"
    print(f"\n{len(problems)} {noun} found. Nothing was published; fix the lines above "
          "and run the command again.", file=stream)


def check(settings_path: str) -> int:
    """Validate the content only; exit status 1 when anything is wrong."""
    settings = settings_from(settings_path)
    try:
        config = SiteConfig.from_settings(settings, now_from_environment(settings))
        site = load_site(settings["PATH"], config)
    except ContentError as error:
        report(error.problems)
        return 1
    except TimingError as error:
        print(f"PLAZA_NOW: {error}", file=sys.stderr)
        return 1
    count = sum(len(item.versions) for kind in site.items.values() for item in kind.values())
    print(f"Content is valid: {count} files checked.")
    return 0


def build(settings_path: str, output: str | None = None) -> int:
    """Build the site into a temporary folder, then swap it in atomically."""
    settings = settings_from(settings_path)
    final = os.path.abspath(output or settings["OUTPUT_PATH"])
    parent = os.path.dirname(final)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".plaza-build-", dir=parent)
    try:
        settings = settings_from(settings_path, {"OUTPUT_PATH": staging,
                                                 "PLAZA_PREVIOUS_OUTPUT": final})
        Pelican(settings).run()
    except ContentError as error:
        shutil.rmtree(staging, ignore_errors=True)
        report(error.problems)
        return 1
    except Exception:  # any failure mid-build must leave output/ as it was
        shutil.rmtree(staging, ignore_errors=True)
        traceback.print_exc()
        print("\nThe build failed; the previous output was left untouched.", file=sys.stderr)
        return 2
    if os.path.exists(os.path.join(staging, UPDATE_MARKER)):
        _move_into(staging, final)
    else:
        _swap_in(staging, final)
    install_record(final, cache_folder(settings))
    return 0


def _move_into(staging: str, final: str) -> None:
    """Apply an update: every file the build made replaces its namesake in ``final``."""
    os.remove(os.path.join(staging, UPDATE_MARKER))
    for folder, _, names in os.walk(staging):
        target = os.path.join(final, os.path.relpath(folder, staging))
        os.makedirs(target, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), os.path.join(target, name))
    shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: str, final: str) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is not
    retired = None
    if os.path.exists(final):
        retired = tempfile.mkdtemp(prefix=".plaza-old-", dir=os.path.dirname(final))
        os.rename(final, os.path.join(retired, "output"))
    os.rename(staging, final)
    if retired:
        _remove_later(retired)


def _remove_later(folder: str) -> None:
    """Delete the replaced output without making the person wait for it."""
    try:
        subprocess.Popen(["rm", "-rf", folder], start_new_session=True,  # noqa: S603,S607
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)

