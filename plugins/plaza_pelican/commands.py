"""The build and check commands behind ``make html`` and ``make check``.

A build writes into a temporary folder beside ``output/`` and puts it in place only when
everything succeeded: a failed build leaves the previous site untouched. A full build's
folder replaces ``output/`` in one rename; an update (only some items changed, see
``plaza.incremental``) holds just the files that changed, which are then moved into
``output/`` one rename each.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from pelican import Pelican
from pelican.settings import read_settings

from plaza.cache import install_record
from plaza.config import SettingsError, SiteConfig
from plaza.loader import load_site
from plaza.problems import ContentError, FileFailure, Problem
from plaza.safe_files import shown_name
from plaza.timing import TimingError, zone

from .generator import UPDATE_MARKER, cache_folder, now_from_environment

DEFAULT_BUILD_TIMEOUT = 900


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
    def validate() -> int:
        settings = settings_from(settings_path)
        config = checked_settings(settings)
        site = load_site(settings["PATH"], config)
        count = sum(len(item.versions) for kind in site.items.values()
                    for item in kind.values())
        print(f"Content is valid: {count} files checked.")
        return 0
    return _answered(settings_path, validate, lambda: None)


def build(settings_path: str, output: str | None = None) -> int:
    """Build the site into a temporary folder, then swap it in atomically."""
    staging: list[str] = []

    def run() -> int:
        settings = settings_from(settings_path)
        checked_settings(settings)
        final = os.path.abspath(output or settings["OUTPUT_PATH"])
        parent = os.path.dirname(final)
        os.makedirs(parent, exist_ok=True)
        staging.append(tempfile.mkdtemp(prefix=".plaza-build-", dir=parent))
        settings = settings_from(settings_path, {"OUTPUT_PATH": staging[0],
                                                 "PLAZA_PREVIOUS_OUTPUT": final})
        with time_limit(build_timeout(settings)):
            Pelican(settings).run()
        if os.path.exists(os.path.join(staging[0], UPDATE_MARKER)):
            _move_into(staging[0], final)
        else:
            _swap_in(staging[0], final)
        install_record(final, cache_folder(settings))
        return 0

    def clean_up() -> None:  # any failure must leave output/ as it was
        for folder in staging:
            shutil.rmtree(folder, ignore_errors=True)

    return _answered(settings_path, run, clean_up)


def checked_settings(settings: dict[str, Any]) -> SiteConfig:
    """The site's settings, checked before Pelican or Plaza use any of them: a time zone
    or a language code that is a path (Pelican imports a module named after
    DEFAULT_LANG), keys that name files, a cache folder that is a file. ``SettingsError``
    says what is wrong."""
    try:
        zone(str(settings.get("TIMEZONE", "UTC")))
    except TimingError as error:
        raise SettingsError([("TIMEZONE", str(error))]) from None
    folder = cache_folder(settings)
    if folder and os.path.exists(folder) and not os.path.isdir(folder):
        raise SettingsError([("PLAZA_CACHE_PATH", f"'{folder}' is not a folder; point it at "
                              "a folder, or set it to \"\" to build without a cache")])
    return SiteConfig.from_settings(settings, now_from_environment(settings))


def _answered(settings_path: str, work: Callable[[], int], clean_up: Callable[[], None]
              ) -> int:
    """Run a command so that every way it can fail ends in a message a volunteer can act
    on, never in a traceback (tracebacks go to the debug log, see ``debug_log``)."""
    log = debug_log(settings_path)
    try:
        return work()
    except ContentError as error:
        clean_up()
        report(error.problems)
        _keep_details(log, error.details)
        return 1
    except SettingsError as error:
        clean_up()
        report([Problem(settings_path, setting_line(settings_path, name), name, message)
                for name, message in error.problems])
        return 1
    except TimingError as error:
        clean_up()
        print(f"PLAZA_NOW: {error}", file=sys.stderr)
        return 1
    except BuildTimeout as error:
        clean_up()
        print(f"{error}. Nothing was published; the previous site is untouched.",
              file=sys.stderr)
        return 2
    except FileFailure as error:
        clean_up()
        _keep_details(log, [error.details or traceback.format_exc()])
        where = f"{shown_name(error.path)}: " if error.path else ""
        print(f"{where}{shown_name(error.message)}\nNothing was published; the previous site is "
              f"untouched. Details for whoever fixes Plaza: {log}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug in Plaza or the settings file
        clean_up()
        _keep_details(log, [traceback.format_exc()])
        summary = shown_name(" ".join(str(error).split())[:200])
        print(f"The build stopped ({type(error).__name__}: {summary}). Nothing was "
              f"published; the previous site is untouched. Details: {log}", file=sys.stderr)
        return 2


def debug_log(settings_path: str) -> str:
    """Where tracebacks go: PLAZA_DEBUG_LOG, else the cache folder, else the temp folder."""
    if os.environ.get("PLAZA_DEBUG_LOG"):
        return os.environ["PLAZA_DEBUG_LOG"]
    folder = os.environ.get("PLAZA_CACHE_PATH")
    if folder is None:
        folder = os.path.join(os.path.dirname(os.path.abspath(settings_path)), "cache")
    return os.path.join(folder or tempfile.gettempdir(), "plaza-debug.log")


def _keep_details(log: str, details: list[str]) -> None:
    if not details:
        return
    try:
        os.makedirs(os.path.dirname(log), exist_ok=True)
        with open(log, "w", encoding="utf-8") as handle:
            handle.write("\n\n".join(details))
    except OSError:
        pass  # the message on the terminal stands on its own


def setting_line(settings_path: str, name: str) -> int:
    """The line that sets ``name`` in the settings file (1 when it is not found)."""
    try:
        with open(settings_path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if re.match(rf"\s*{re.escape(name)}\s*[:=]", line):
                    return number
    except OSError:
        pass
    return 1


class BuildTimeout(Exception):
    """The whole build ran longer than PLAZA_BUILD_TIMEOUT seconds."""


def build_timeout(settings: dict[str, Any]) -> int:
    """Seconds a build may take (PLAZA_BUILD_TIMEOUT; 0 for no limit): CI never hangs."""
    return int(os.environ.get("PLAZA_BUILD_TIMEOUT") or settings.get("PLAZA_BUILD_TIMEOUT")
               or DEFAULT_BUILD_TIMEOUT)


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Stop the build with ``BuildTimeout`` after ``seconds`` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise BuildTimeout(f"The build took longer than {seconds} seconds and was stopped "
                           "(PLAZA_BUILD_TIMEOUT)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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

