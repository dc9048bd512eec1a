"""The build and check commands behind ``make html`` and ``make check``.

Every way a command can fail ends in a message a volunteer can act on (``file:line:
field: what is wrong``, or ``file: what went wrong``), never in a traceback; the build
engine changes the output folder only when everything succeeded (see
``plaza_build.staging``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from pelican import Pelican, signals

from plaza.model.config import SettingsError, SiteConfig
from plaza.model.problems import ContentError, FileFailure, Problem, shown_name
from plaza.model.timing import TimingError, zone
from plaza.publishing.admin import AdminSettings

from .generator import PlazaGenerator
from .project import cache_folder, loaded, now_from_environment, project_of, settings_from
from .summary import summary_text, without_pelican_done_line

DEFAULT_BUILD_TIMEOUT = 900


def report(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Print every problem; inside GitHub Actions also as annotations on the PR's lines."""
    stream = stream or sys.stderr
    # A problem the core found with a setting comes without a line: the line that sets it.
    problems = [Problem(p.path, setting_line(p.path, p.field), p.field, p.message)
                if p.line == 0 else p for p in problems]
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
        checked_settings(settings)
        site = loaded(project_of(settings)).site
        count = sum(len(item.versions) for kind in site.items.values()
                    for item in kind.values())
        print(f"Content is valid: {count} files checked.")
        return 0
    return _answered(settings_path, validate, lambda: None)


def build(settings_path: str, output: str | None = None, *, show_next: bool = True) -> int:
    """Build the site (Pelican runs Plaza's generator, whose engine writes ``output``),
    then say what was written, where, and (``show_next``) how to look at it."""
    scratch: list[str] = []

    def run() -> int:
        started = time.monotonic()
        settings = settings_from(settings_path)
        checked_settings(settings)
        final = os.path.abspath(output or settings["OUTPUT_PATH"])
        # Pelican writes nothing of its own (its generators have nothing to read and its
        # static files are Plaza's outputs): it gets a folder to throw away.
        scratch.append(tempfile.mkdtemp(prefix="plaza-pelican-"))
        settings = settings_from(settings_path, {
            "OUTPUT_PATH": scratch[0], "PLAZA_OUTPUT": final, "THEME_STATIC_PATHS": [],
            "DELETE_OUTPUT_DIRECTORY": False, "STATIC_PATHS": []})
        generators: list[object] = []

        def keep(found: list[object]) -> None:
            generators.extend(found)

        signals.all_generators_finalized.connect(keep)
        try:
            with time_limit(build_timeout(settings)), without_pelican_done_line():
                Pelican(settings).run()
        finally:
            signals.all_generators_finalized.disconnect(keep)
        plaza = next((g for g in generators if isinstance(g, PlazaGenerator)), None)
        if plaza is not None and plaza.summary is not None:
            print(summary_text(plaza.summary, len(plaza.project.config.languages),
                               time.monotonic() - started, final,
                               serve_command(settings_path) if show_next else None,
                               os.getcwd()))
        return 0

    def clean_up() -> None:
        gc.unfreeze()  # the generator froze what it loaded; a failed build leaves it so
        for folder in scratch:
            shutil.rmtree(folder, ignore_errors=True)

    try:
        return _answered(settings_path, run, clean_up)
    finally:
        clean_up()


def serve_command(settings_path: str) -> str:
    """How the person who ran this build previews it: ``make serve`` under make, else
    ``plaza serve`` (with the settings file when it is not the default one)."""
    default = os.path.normpath(settings_path) == "pelicanconf.py"
    if os.environ.get("MAKELEVEL"):
        return "make serve" if default else f"make serve SETTINGS={settings_path}"
    return "plaza serve" if default else f"plaza serve {settings_path}"


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
    AdminSettings.from_settings(settings)
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
