"""Crafted pull requests against the build (the hostile-input review, all its classes).

Every case of ``tests/corpus.py`` starts from a fresh copy of the fixture site with a
good build in output/ and files outside the project that links point at (a sentinel
folder, a fake .git/config), applies its change, runs ``scripts/build.py`` as a
subprocess (a hang is a failure: the process group is killed after ``TIMEOUT``) and
checks the promises:

- the exit status (1 for a content problem, 0 for input that must be accepted) and the
  message, with file and line where the case has them; no traceback anywhere;
- a failed build leaves output/ byte for byte as it was, and no staging folder behind;
- nothing is written outside the project and the output folder (every other path under
  the case's folder is listed and hashed before and after), nothing from outside
  content/ appears in any output or message;
- an accepted build's output holds no markup a contributor's text made (``leaks``) and
  none of the case's payloads;
- every line a GitHub runner would read as a workflow command is one well-formed
  ``::error`` annotation per problem;
- the build takes less than ``BUDGET`` seconds (about one, normally).

The cache cases are sequences of builds; ``make check`` gets the nastiest cases at once.
The good build is made once per session and copied into each case: builds are
reproducible whatever their folder (tests/quality/test_builds.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from markupsafe import Markup

from plaza_build.store import MAGIC, SEAL_BYTES, Store
from plaza_quality.gates import tree_differences

from ..corpus import (
    CASES,
    EVENT,
    NOW,
    OUTSIDE_MARKERS,
    SECRET,
    Case,
    Place,
    alias_bomb,
    cases_by_group,
    catalog,
    days,
    event,
    fifo,
    front,
    link,
    picture,
    png_claiming,
    po_file,
    sentinel_files,
    workflow_command_problems,
    write,
    yaml_list,
)
from ..hostile import leaks
from ..sites import copy_fixture, snapshot

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable)
BUILD_NOW = "2026-11-26 09:00"
TIMEOUT = 120  # seconds before a build counts as hung and is killed
BUDGET = 20  # seconds a build may take: the fixture builds in about one
MIN_CASES_PER_GROUP = 8


@dataclass
class Run:
    status: int | None  # None: killed after TIMEOUT
    stdout: bytes
    stderr: bytes
    seconds: float

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def text(self) -> str:
        return (self.stdout + self.stderr).decode("utf-8", "replace")


def run(place: Place, script: str = "build.py", env: dict[str, str] | None = None,
        cache: Path | None = None, output: Path | None = None) -> Run:
    """One build (or check) as a volunteer's machine or CI runs it: a new process, in a
    folder of its own, with temporary files and the debug log inside the case's folder."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("PLAZA_", "GITHUB_"))}
    environment.update(PLAZA_NOW=BUILD_NOW, PLAZA_CACHE_PATH=str(cache) if cache else "",
                       PLAZA_DEBUG_LOG=str(place.root / "debug.log"),
                       TMPDIR=str(place.root / "tmp"), PYTHONDONTWRITEBYTECODE="1",
                       # the code of this checkout, whatever the virtualenv points at
                       PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]))
    environment.update({key: place.path(value) for key, value in (env or {}).items()})
    arguments = [PYTHON, str(ROOT / "scripts" / script), str(place.settings)]
    if script == "build.py":
        arguments += ["--output", str(output or place.output)]
    started = time.monotonic()
    process = subprocess.Popen(arguments, cwd=place.root / "cwd", env=environment,  # noqa: S603
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the build and any workers it forked
        out, err = process.communicate()
        status = None
    return Run(status, out, err, time.monotonic() - started)


@pytest.fixture(scope="session")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once: every case's previous output."""
    place = new_place(tmp_path_factory.mktemp("good"))
    result = run(place)
    assert result.status == 0, result.err
    return place.output


def new_place(root: Path) -> Place:
    place = Place(root)
    place.site.mkdir(parents=True)
    copy_fixture(place.site)
    for name in ("sentinel", "tmp", "cwd", "out"):
        (root / name).mkdir()
    sentinel_files(place)
    return place


def fresh(root: Path, good: Path) -> Place:
    """A clean copy of the fixture site whose output/ holds a good build."""
    place = new_place(root)
    shutil.copytree(good, place.output, symlinks=True)
    return place


def listing(root: Path, skip: set[Path]) -> dict[str, str]:
    """Every path below ``root`` but ``skip``, with what it is (a hash for files)."""
    found: dict[str, str] = {}
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if here / name not in skip)
        for name in folders + sorted(files):
            path = here / name
            if path in skip:
                continue
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                what = (hashlib.sha256(path.read_bytes()).hexdigest()
                        if info.st_size < 50_000_000 else f"{info.st_size}:{info.st_mtime_ns}")
            elif stat.S_ISLNK(info.st_mode):
                what = f"link to {os.readlink(path)}"
            else:
                what = stat.filemode(info.st_mode)
            found[str(path.relative_to(root))] = what
    return found


def hostname() -> bytes:
    try:
        name = Path("/etc/hostname").read_bytes().strip()
    except OSError:
        return b""
    return name if len(name) >= 8 else b""


def outside_text_in(folder: Path, good: dict[str, bytes]) -> list[str]:
    """Files of ``folder`` holding text that exists only outside content/."""
    markers = [marker.encode() for marker in OUTSIDE_MARKERS]
    host = hostname()
    if host and not any(host in data for data in good.values()):
        markers.append(host)
    return [f"{name} holds {marker!r}" for name, data in snapshot(folder).items()
            for marker in markers if marker in data]


def staging_left(place: Place) -> list[str]:
    """Staging folders left beside output/ (a replaced output is removed in the
    background: it gets a few seconds)."""
    left = [path.name for path in place.out.glob(".plaza-build-*")]
    for _ in range(100):
        if not list(place.out.glob(".plaza-old-*")):
            break
        time.sleep(0.1)
    left += [path.name for path in place.out.glob(".plaza-old-*")]
    return left


def answer_promises(result: Run, *, status: int, expect: tuple[str, ...] = (),
                    annotations: bool = False) -> list[str]:
    """What one run must keep in its answer: status, time, message, no traceback, no
    outside text, no workflow command but well-formed annotations."""
    broken = []
    if result.status is None:
        broken.append(f"hung: killed after {TIMEOUT} s")
    elif result.status != status:
        broken.append(f"exit status {result.status}, expected {status}")
    if result.seconds > BUDGET:
        broken.append(f"took {result.seconds:.1f} s (budget {BUDGET} s)")
    broken += [f"message missing: {fragment!r}" for fragment in expect
               if fragment not in result.err]
    if "Traceback" in result.text:
        broken.append("a traceback was printed")
    broken += [f"message holds outside text {marker!r}" for marker in OUTSIDE_MARKERS
               if marker in result.text]
    broken += workflow_command_problems(result.stderr, annotations)
    return broken


def place_promises(place: Place, succeeded: bool, *, before_output: dict[str, bytes],
                   before: dict[str, str], skip: set[Path], good: dict[str, bytes],
                   payloads: tuple[str, ...] = ()) -> list[str]:
    """What the folders must show after a build: no staging folder, nothing written
    beside the output, output/ untouched after a failure, and no leak, payload or
    outside text in it."""
    broken = [f"staging folder left: {name}" for name in staging_left(place)]
    after = listing(place.root, skip)
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            change = "made" if name not in before else "removed" if name not in after \
                else "changed"
            broken.append(f"{change} outside the output folder: {name}")
    if not succeeded and place.output.exists() and snapshot(place.output) != before_output:
        broken.append("a failed build changed output/")
    if succeeded and place.output.is_dir():
        broken += [f"leak: {leak}" for leak in leaks(place.output)[:10]]
        broken += [f"payload {payload!r} in {name}" for name, data in
                   snapshot(place.output).items() for payload in payloads
                   if payload.encode() in data]
    if place.output.is_dir():
        broken += outside_text_in(place.output, good)
    return broken


def promises(place: Place, result: Run, *, status: int, expect: tuple[str, ...] = (),
             before_output: dict[str, bytes], before: dict[str, str], skip: set[Path],
             good: dict[str, bytes], payloads: tuple[str, ...] = (),
             annotations: bool = False) -> list[str]:
    """Everything a case must keep, as a list of what it broke."""
    return answer_promises(result, status=status, expect=expect, annotations=annotations) \
        + place_promises(place, result.status == 0, before_output=before_output,
                         before=before, skip=skip, good=good, payloads=payloads)


def report(broken: list[str], result: Run) -> str:
    return "\n".join(broken) + f"\n--- stderr ({result.seconds:.1f} s):\n" + result.err[-3000:]


def param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=f"{case.group}:{case.id}", marks=marks)


@pytest.mark.parametrize("case", [param(case) for case in CASES])
def test_hostile_pull_request(case: Case, good_output: Path, tmp_path: Path) -> None:
    place = fresh(tmp_path, good_output)
    good = snapshot(good_output)
    case.change(place)
    skip = {place.output, place.root / "debug.log"}
    before = listing(place.root, skip)
    before_output = snapshot(place.output)
    result = run(place, env=case.env)
    broken = promises(place, result, status=case.status, expect=case.expect,
                      before_output=before_output, before=before, skip=skip, good=good,
                      payloads=case.payloads,
                      annotations=case.env.get("GITHUB_ACTIONS") == "true")
    if case.status == 0 and result.status == 0:
        if case.same_output and snapshot(place.output) != good:
            broken.append("the output differs from the fixture's")
        broken += [f"not made: {name}" for name in case.exists
                   if not (place.output / name).is_file()]
    assert not broken, report(broken, result)


def test_every_class_has_enough_cases() -> None:
    counts = cases_by_group()
    counts["cache"] = len(CACHE_CASES)
    assert set(counts) == {"paths", "links", "images", "unbounded", "tracebacks", "logs",
                           "privacy", "settings", "cache"}
    assert all(count >= MIN_CASES_PER_GROUP for count in counts.values()), counts
    assert sum(counts.values()) >= 100
    ids = [f"{case.group}:{case.id}" for case in CASES]
    assert len(ids) == len(set(ids))


# --- the cache: sequences of builds -------------------------------------------------------

Build = Callable[..., Run]


def edit_about(place: Place, words: str) -> None:
    about = place.content / "pages" / "about.md"
    about.write_text(front(("title: About",), body=f"{words}\n"))


def delete_an_event_between_builds_without_cache(place: Place, build: Build) -> None:
    """The review's case: a build without the cache made a folder the cache's record
    took for its own, and the deleted event stayed."""
    build(cache=True)
    (place.content / "events" / "past-workshop.md").unlink()
    build(cache=False)
    build(cache=False)
    build(cache=True)


def corrupt(name: str, how: str) -> Callable[[Place, Build], None]:
    def sequence(place: Place, build: Build) -> None:
        build(cache=True)
        path = min((place.root / "cache").glob(name))  # the first shard of items-*.pickle
        if how == "not-a-pickle":
            path.write_bytes(b"\x00 not a pickle")
        elif how == "huge-frame":  # what one random file in a few hundred starts with
            path.write_bytes(b"\x95" + b"\xff" * 8)
        elif how == "truncated":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif how == "empty":
            path.write_bytes(b"")
        elif how == "dev-zero":
            path.unlink()
            os.symlink("/dev/zero", path)
        elif how == "outside":
            path.unlink()
            os.symlink(place.sentinel / "secret.md", path)
        elif how == "fifo":
            path.unlink()
            os.mkfifo(path)
        elif how == "folder":
            path.unlink()
            path.mkdir()
        elif how == "temporary-outside":
            os.symlink(place.sentinel / "secret.md", f"{path}.tmp")
        elif how == "other-version":  # sealed with this machine's key, by other code
            code, content = unsealed(path)
            Store(str(path.parent), "another version").write(path.name, content)
        edit_about(place, "Edited after the cache was damaged.")
        # A build that hangs fails: stopped by its own time limit rather than TIMEOUT.
        build(cache=True, env={"PLAZA_BUILD_TIMEOUT": "15"})
    return sequence


def edit_and_revert(place: Place, build: Build) -> None:
    build(cache=True)
    original = (place.content / "pages" / "about.md").read_text()
    edit_about(place, "Edited once.")
    build(cache=True)
    (place.content / "pages" / "about.md").write_text(original)
    build(cache=True)


def output_deleted_between_builds(place: Place, build: Build) -> None:
    build(cache=True)
    shutil.rmtree(place.output)
    (place.content / "events" / "winter-drive.md").unlink()
    build(cache=True)


def cache_from_another_content_tree(place: Place, build: Build) -> None:
    """A cache made by another checkout (same relative paths, other contents) is used
    only for what it really describes."""
    other = Place(place.root / "other")
    other.site.mkdir(parents=True)
    copy_fixture(other.site)
    weekly = other.content / "events" / "weekly-circle.md"
    weekly.write_text(weekly.read_text().replace("Library, room 2", "Somewhere else"))
    (other.content / "pages" / "about.md").write_text(front(("title: Another about",)))
    (other.root / "cwd").mkdir()
    (other.root / "tmp").mkdir()
    build(cache=True, at=other, output=place.output)  # the other tree, into this output
    build(cache=True)


def unsealed(path: Path) -> tuple[str, object]:
    """What a cache file holds (the test reads past the seal, as Plaza never does)."""
    return pickle.loads(path.read_bytes()[len(MAGIC) + SEAL_BYTES:])  # noqa: S301


def cache_committed_with_the_pull_request(place: Place, build: Build) -> None:
    """cache/ is in .gitignore, but a pull request can still add files there: a forger
    knows the format and the code fingerprint, not the key outside the checkout. Neither
    the forged Items nor a raw pickle (which could run code) are used."""
    build(cache=True)
    for path in sorted((place.root / "cache").glob("items-*.pickle")):
        code, (parsed, items) = unsealed(path)  # type: ignore[misc]
        for key, item in items.items():
            versions = {lang: dataclasses.replace(
                record, body_html=Markup("<script>alert('CACHE-PAYLOAD')</script>"))
                for lang, record in item.versions.items()}
            items[key] = dataclasses.replace(item, versions=versions)
        payload = pickle.dumps((code, (parsed, items)))
        path.write_bytes(MAGIC + b"\0" * SEAL_BYTES + payload)
    (place.root / "cache" / "files.pickle").write_bytes(payload)  # the unsealed format
    shutil.rmtree(place.output)  # a fresh checkout has no output/
    build(cache=True)


CACHE_CASES = [
    ("delete-an-event-between-builds-without-cache",
     delete_an_event_between_builds_without_cache),
    ("items-shard-not-a-pickle", corrupt("items-*.pickle", "not-a-pickle")),
    ("items-shard-with-a-huge-frame", corrupt("items-*.pickle", "huge-frame")),
    ("record-file-truncated", corrupt("record.pickle", "truncated")),
    ("parts-file-truncated", corrupt("parts.pickle", "truncated")),
    ("record-file-empty", corrupt("record.pickle", "empty")),
    ("items-shard-a-link-to-dev-zero", corrupt("items-*.pickle", "dev-zero")),
    ("record-file-a-link-outside", corrupt("record.pickle", "outside")),
    ("parts-file-a-folder", corrupt("parts.pickle", "folder")),
    ("record-of-another-version", corrupt("record.pickle", "other-version")),
    ("items-shard-a-fifo", corrupt("items-*.pickle", "fifo")),
    ("temporary-file-a-link-outside", corrupt("items-*.pickle", "temporary-outside")),
    ("edit-and-revert", edit_and_revert),
    ("output-deleted-between-builds", output_deleted_between_builds),
    ("cache-from-another-content-tree", cache_from_another_content_tree),
    ("cache-committed-with-the-pull-request", cache_committed_with_the_pull_request),
]


@pytest.mark.parametrize("sequence", [
    pytest.param(function, id=f"cache:{name}") for name, function in CACHE_CASES])
def test_cache_sequence(sequence: Callable[[Place, Build], None], good_output: Path,
                        tmp_path: Path) -> None:
    """Every build of the sequence succeeds without a trace of a traceback, and the last
    output equals a build from nothing of the same content."""
    place = fresh(tmp_path, good_output)
    good = snapshot(good_output)
    cache = place.root / "cache"
    # The sequence edits content/ itself; everything else must stay as it was.
    skip = {place.output, place.root / "debug.log", cache, place.root / "other",
            place.content}
    before = listing(place.root, skip)
    runs: list[Run] = []

    def build(cache: bool, at: Place = place, output: Path | None = None,
              env: dict[str, str] | None = None) -> Run:
        result = run(at, cache=place.root / "cache" if cache else None, output=output,
                     env=env)
        runs.append(result)
        assert result.status == 0, report([f"build {len(runs)} failed"], result)
        return result

    sequence(place, build)
    broken = []
    for number, result in enumerate(runs, start=1):
        broken += [f"build {number}: {problem}"
                   for problem in answer_promises(result, status=0)]
    broken += place_promises(place, True, before_output={}, before=before, skip=skip,
                             good=good, payloads=("CACHE-PAYLOAD",))
    clean = place.root / "clean" / "output"
    result = run(place, output=clean)
    assert result.status == 0, result.err
    broken += [f"differs from a clean build: {difference}"
               for difference in tree_differences(place.output, clean)[:10]]
    assert not broken, report(broken, runs[-1])


# --- make check, over the nastiest cases at once -----------------------------------------

NASTIEST = [
    (fifo("events/pipe.md"), "content/events/pipe.md:1: is a FIFO (named pipe)"),
    (link("events/x.md", "{sentinel}/secret.md"),
     "content/events/x.md:1: is a link to a file outside the content folder"),
    (link("pages/zero.md", "/dev/zero"), "content/pages/zero.md:1: is a link to a file"),
    (link("faq", "{sentinel}/events"),
     "content/faq:1: is a link to a folder outside the content folder"),
    (event("repeat: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", name="never"),
     "content/events/never.md:5: repeat: the rule makes no meetings"),
    (event("1: x", name="number"), "content/events/number.md:5: '1' is not a field name"),
    (write("pages/headings.md", front(("title: H",), body="## q\n" * 100_000)),
     "content/pages/headings.md:504: the text has more than 500 headings"),
    (write("pages/slashes.md", front(("title: S",), body="\\" * 300_000)),
     "content/pages/slashes.md:4: this paragraph has more than 5000 formatting"),
    (write("events/laughs.md", alias_bomb()), "content/events/laughs.md:4: '*a' repeats"),
    (event(name="x\n::warning::forged"),
     "content/events/x\\u000a::warning::forged.md:1: the file name contains control"),
    (event("repeat: FREQ=SECONDLY;UNTIL=21991231", "except: [2199-12-30]", name="seconds"),
     "content/events/seconds.md:5: repeat: FREQ=SECONDLY"),
    (event("repeat: FREQ=DAILY", yaml_list("except", days(NOW, 20_000)), name="skips"),
     "content/events/skips.md:6: except: lists 20000 dates"),
    (picture("images/bomb.png", lambda: png_claiming(50_000, 50_000)),
     "content/images/bomb.png:1: has 2,500 megapixels"),
    (write("events/latin.md", front(EVENT).encode() + b"caf\xe9"),
     "content/events/latin.md:1: the file is not UTF-8 text"),
    (event("location: " + "[" * 100_000, name="deep"),
     "content/events/deep.md:5: the fields are nested more than 12 levels deep"),
    (event(name="past"), "content/events/past.md:1: 'past' is an address Plaza uses"),
    (event("attendance: " + "9" * 4301, name="digits"), "content/events/digits.md:5: "
     "attendance: unknown field"),
    (event('lang: "en\\r\\nX-INJECTED:1"', name="lang"), "content/events/lang.md:5: lang:"),
    (catalog(po_file('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
                     '"Plural-Forms: nplurals=2; plural=' + "(" * 600 + "n" + ")" * 600
                     + ';\\n"')), "content/translations/es_US/LC_MESSAGES/messages.po:1"),
    (event('end: "2026\\n::warning::forged"', name="forged"),
     "content/events/forged.md:5: end: '2026\\u000a::warning::forged' is not a date"),
]


def test_make_check_reports_every_nasty_case_at_once(good_output: Path, tmp_path: Path) -> None:
    place = fresh(tmp_path, good_output)
    for change, _ in NASTIEST:
        change(place)
    skip = {place.output, place.root / "debug.log"}
    before = listing(place.root, skip)
    result = run(place, script="check.py", env={"GITHUB_ACTIONS": "true"})
    broken = promises(place, result, status=1, expect=tuple(m for _, m in NASTIEST),
                      before_output=snapshot(place.output), before=before, skip=skip,
                      good=snapshot(good_output), annotations=True)
    assert SECRET not in result.err
    assert not broken, report(broken, result)


def test_the_promises_catch_a_broken_build(good_output: Path, tmp_path: Path) -> None:
    """The checks can fail: a build that printed a traceback, forged a workflow command,
    wrote beside the project and left output/ changed is caught on each count."""
    place = fresh(tmp_path, good_output)
    skip = {place.output, place.root / "debug.log"}
    before = listing(place.root, skip)
    before_output = snapshot(place.output)
    (place.output / "index.html").write_text("changed")
    (place.root / "stray.txt").write_text("x")
    (place.out / ".plaza-build-x").mkdir()
    forged = Run(1, b"", b"Traceback (most recent call last):\n::warning::forged\n"
                 b"x\r::error file=a:b,line=1::m\n##[error]old\n", 1.0)
    broken = promises(place, forged, status=1, expect=("never printed",),
                      before_output=before_output, before=before, skip=skip,
                      good=snapshot(good_output), annotations=True)
    text = "\n".join(broken)
    for expected in ("message missing", "a traceback was printed", "::warning::forged",
                     "file=a:b", "legacy workflow command", "staging folder left",
                     "made outside the output folder: stray.txt",
                     "a failed build changed output/"):
        assert expected in text, text
