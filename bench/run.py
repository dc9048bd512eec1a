"""`make bench`: Plaza's build beside plain Pelican, Pelican + i18n_subsites and Hugo.

Each system builds the same generated corpus (bench/corpus.py) several times from a clean
output; the table reports the median wall time, peak memory (largest single process),
output files and HTML pages per second, each as a ratio to Plaza. Plaza's incremental
rebuilds (one event edited, one translation added, nothing changed) are measured too.
Results are written to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.corpus import LANGUAGES, NOW, write_all

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
MEASURE = ("import resource, subprocess, sys; "
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    files: int
    pages: int


def measure(command: list[str], cwd: Path, output: Path, env: dict[str, str]) -> Run:
    shutil.rmtree(output, ignore_errors=True)
    _quiet_disk()
    started = time.perf_counter()
    result = subprocess.run([PYTHON, "-c", MEASURE, *command], cwd=cwd, env=env,
                            capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"{command[0]} failed in {cwd}:\n{result.stderr[-2000:]}")
    peak_kb = int(result.stdout.strip().splitlines()[-1])
    files = [p for p in output.rglob("*") if p.is_file()]
    return Run(seconds, peak_kb / 1024, len(files), sum(1 for p in files if p.suffix == ".html"))


def plaza_settings(corpus: Path, languages: int) -> Path:
    settings = corpus / "plaza" / "settings.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r})"
        ".items() if k.isupper())\n"
        f"PATH = {str(corpus / 'plaza' / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"PLAZA_LANGUAGES = {['en', *LANGUAGES[:languages]]!r}\n"
        "PLAZA_GIT_DATES = False\nSOURCE_DATE_EPOCH = 1790000000\n"
        f"PLAZA_CACHE_PATH = {str(corpus / 'plaza' / 'cache')!r}\n"
        # The generated content has none of the sample's pages the help block links to.
        "PLAZA_HELP = {'phones': PLAZA_HELP['phones']}\n")
    return settings


def pelican_settings(corpus: Path, languages: int) -> tuple[Path, Path]:
    base = corpus / "pelican"
    plain = base / "pelicanconf.py"
    plain.write_text('SITENAME = "Bench"\nSITEURL = ""\nPATH = "content"\n'
                     'TIMEZONE = "America/Los_Angeles"\nDEFAULT_LANG = "en"\n'
                     "PLUGINS: list[str] = []  # no plugins, not even discovered ones\n"
                     "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n")
    subsites = base / "i18nconf.py"
    codes = [code.lower() for code in LANGUAGES[:languages]]
    subsites.write_text("import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
                        "from pelicanconf import *  # noqa\n"
                        'PLUGINS = ["i18n_subsites"]\n'
                        f"I18N_SUBSITES = {{code: {{}} for code in {codes!r}}}\n"
                        'JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}\n')
    return plain, subsites


def systems(corpus: Path, languages: int, out: Path) -> dict[str, tuple[list[str], Path, Path]]:
    plaza = plaza_settings(corpus, languages)
    plain, subsites = pelican_settings(corpus, languages)
    pelican = str(BIN / "pelican")
    return {
        "Plaza": ([PYTHON, str(ROOT / "scripts" / "build.py"), str(plaza), "--output",
                   str(out / "plaza")], ROOT, out / "plaza"),
        "Pelican": ([pelican, "content", "-s", str(plain), "-o", str(out / "pelican"), "-q"],
                    corpus / "pelican", out / "pelican"),
        "Pelican + i18n_subsites": ([pelican, "content", "-s", str(subsites), "-o",
                                     str(out / "i18n"), "-q"], corpus / "pelican", out / "i18n"),
        "Hugo": ([str(BIN / "hugo"), "--quiet", "-d", str(out / "hugo")], corpus / "hugo",
                 out / "hugo"),
    }


def incremental(corpus: Path, languages: int, out: Path, env: dict[str, str],
                repeat: int) -> dict[str, Run]:
    """Plaza rebuilt on top of its own cache after three kinds of change, each made
    ``repeat`` times (to different files): the median of each."""
    command, cwd, output = systems(corpus, languages, out)["Plaza"]
    shutil.rmtree(corpus / "plaza" / "cache", ignore_errors=True)
    events = sorted((corpus / "plaza" / "content" / "events").glob("event-*[0-9].md"))
    lang = LANGUAGES[languages - 1]
    untranslated = [p for p in events if not p.with_suffix(f".{lang}.md").exists()]

    def rebuild() -> float:
        _wait_for_old_outputs(output.parent)
        _quiet_disk()
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", MEASURE, *command], cwd=cwd, env=env, check=True,
                       capture_output=True)
        return time.perf_counter() - started

    def edit(index: int) -> None:
        event = events[1 + index]
        event.write_text(event.read_text() + "\nOne more sentence, edited.\n")

    def translate(index: int) -> None:
        untranslated[index].with_suffix(f".{lang}.md").write_text(
            f"---\ntitle: '[{lang}] added'\n---\n")

    rebuild()  # warm the cache (a full build)
    changes: dict[str, Callable[[int], None]] = {
        "edit one event": edit, "add one translation": translate, "no change": lambda _: None}
    results = {}
    for name, change in changes.items():
        times = []
        for index in range(repeat):
            change(index)
            times.append(rebuild())
        results[name] = Run(statistics.median(times), 0, 0, 0)
    return results


def _quiet_disk() -> None:
    """Write out what earlier runs left in the page cache, so that the disk writing the
    last system's tens of thousands of files does not slow the next one down."""
    os.sync()


def _wait_for_old_outputs(folder: Path, limit: float = 60) -> None:
    """A full build deletes the output it replaced in the background; let that finish
    so it does not slow the next measurement down."""
    deadline = time.monotonic() + limit
    while any(folder.glob(".plaza-old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def bench(files: int, languages: int, repeat: int, workdir: Path,
          only: list[str] | None = None) -> dict[str, object]:
    corpus = workdir / "corpus" / str(files)
    out = workdir / "output" / str(files)
    counts = write_all(files, languages, corpus)
    # Full builds start from clean: no output and no cache.
    env = {**os.environ, "PLAZA_NOW": NOW, "PLAZA_CACHE_PATH": ""}
    report: dict[str, object] = {"files": counts["plaza"], "languages": languages}
    for name, (command, cwd, output) in systems(corpus, languages, out).items():
        if only and name not in only:
            continue
        runs = [measure(command, cwd, output, env) for _ in range(repeat)]
        report[name] = Run(statistics.median(r.seconds for r in runs),
                           max(r.peak_mb for r in runs), runs[-1].files, runs[-1].pages)
    if not only or "Plaza" in only:
        cached = {**env, "PLAZA_CACHE_PATH": str(corpus / "plaza" / "cache")}
        report["incremental"] = incremental(corpus, languages, out, cached, repeat)
    return report


def table(reports: list[dict[str, object]]) -> str:
    lines = []
    for report in reports:
        plaza = report.get("Plaza")
        lines += [f"### {report['files']} source files, {report['languages']} translation "
                  "languages", "",
                  "| system | median time (s) | × Plaza | peak memory (MB) | output files | "
                  "HTML pages | pages/s |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for name in ("Plaza", "Pelican", "Pelican + i18n_subsites", "Hugo"):
            run = report.get(name)
            if not isinstance(run, Run):
                continue
            ratio = f"{run.seconds / plaza.seconds:.2f}" if isinstance(plaza, Run) else "–"
            lines.append(f"| {name} | {run.seconds:.2f} | {ratio} | {run.peak_mb:.0f} | "
                         f"{run.files} | {run.pages} | {run.pages / run.seconds:.0f} |")
        incremental_runs = report.get("incremental")
        if isinstance(incremental_runs, dict) and isinstance(plaza, Run):
            lines += ["", "| Plaza rebuild | time (s) | share of Plaza's full build |",
                      "| --- | --- | --- |"]
            lines += [f"| {name} | {run.seconds:.2f} | {run.seconds / plaza.seconds:.0%} |"
                      for name, run in incremental_runs.items()]
        lines.append("")
    return "\n".join(lines)


def machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
            f", {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--languages", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--only", nargs="*", help="systems to run (default: all)")
    args = parser.parse_args(argv)
    reports = [bench(size, args.languages, args.repeat, args.workdir, args.only)
               for size in args.sizes]
    text = (f"## Benchmark, {date.today().isoformat()}\n\nMachine: {machine()}\n\n"
            + table(reports))
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = date.today().isoformat()
    (args.results / f"{stamp}.md").write_text(text)
    raw = [{k: (v.__dict__ if isinstance(v, Run) else
                {n: r.__dict__ for n, r in v.items()} if isinstance(v, dict) else v)
            for k, v in report.items()} for report in reports]
    (args.results / f"{stamp}.json").write_text(json.dumps(raw, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
