"""The build engine: outputs are declared, their reads are learned, and exactly the outputs
whose reads changed are made again.

These tests run the engine on small plans of their own, so each shows one rule: a new
kind of output needs no dependency list; a shared value that comes out the same does not
make its users again; a composite file takes its unchanged parts from the store; a
record describes one output folder only; an update that fails half-way is followed by a
full build.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from pathlib import Path

import pytest

from plaza.model.models import Kind
from plaza.model.site import Site
from plaza.publishing.artifacts import Artifact, Composite, Part
from plaza.time.schedule import Schedule
from plaza_build.engine import Engine, Summary
from plaza_build.loading import Project, load
from plaza_build.store import Store
from plaza_build.tracking import Recorder, TrackingSchedule, TrackingSite

from ..conftest import ContentTree, make_config

EVENT = "---\ntitle: {title}\nstart: 2026-12-{day:02d} 18:00\nduration: 1h\n---\n{body}\n"


def write_events(tree: ContentTree) -> None:
    for day, name in ((3, "meeting"), (4, "fair"), (5, "clinic")):
        tree.write(f"events/{name}.md", EVENT.format(title=name.title(), day=day, body="Hi"))
    tree.write("pages/about.md", "---\ntitle: About\n---\nUs.\n")


def run(tree: ContentTree, plan, output: Path, cache: Path, frame: str = "frame") -> Summary:
    project = Project(str(tree.root), str(tree.content), make_config(), "", str(output),
                      str(cache))
    store = Store(str(cache), "code")
    loaded = load(project, store)
    return Engine(store, frame).run(loaded, Schedule.of(loaded.site), plan,
                                    lambda template, context, lang: b"", str(output))


def counting_plan(site: Site, schedule: Schedule):
    """A kind of output Plaza does not have: nothing tells the engine what it reads."""
    def summary() -> bytes:
        titles = [site.get(Kind.EVENT, item_id).original.title
                  for item_id in site.ids(Kind.EVENT)[:2]]
        return f"{len(site.ids(Kind.EVENT))} events; first: {', '.join(titles)}\n".encode()
    yield Artifact("summary.txt", summary)


@pytest.fixture
def events(tree: ContentTree) -> ContentTree:
    write_events(tree)
    return tree


def clean_bytes(tree: ContentTree, plan, tmp_path: Path) -> dict[str, bytes]:
    output = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
    run(tree, plan, output, tmp_path / "no-cache" / output.name)
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*")
            if p.is_file()}


def test_a_new_kind_of_output_needs_no_dependency_list(events, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert run(events, counting_plan, output, cache).made == ["summary.txt"]
    assert run(events, counting_plan, output, cache).made == []  # nothing changed
    events.write("pages/about.md", "---\ntitle: About us\n---\nUs.\n")
    assert run(events, counting_plan, output, cache).made == []  # it never read the page
    events.write("events/meeting.md", EVENT.format(title="Clinic", day=3, body="Hi"))
    assert run(events, counting_plan, output, cache).made == []  # a third event: not shown
    events.write("events/clinic.md", EVENT.format(title="Meeting", day=5, body="Hi"))
    assert run(events, counting_plan, output, cache).made == ["summary.txt"]  # shown
    events.write("events/drive.md", EVENT.format(title="Drive", day=6, body="Hi"))
    assert run(events, counting_plan, output, cache).made == ["summary.txt"]  # counted
    assert (output / "summary.txt").read_bytes() == \
        clean_bytes(events, counting_plan, tmp_path)["summary.txt"]


def titles_in_order(site: Site) -> list[str]:
    return sorted(item.original.title for item in site.of_kind(Kind.EVENT))


def test_a_shared_value_that_comes_out_the_same_does_not_make_its_users_again(events,
                                                                              tmp_path):
    def plan(site: Site, schedule: Schedule):
        yield Artifact("titles.txt", lambda: "\n".join(site.shared(titles_in_order)).encode())

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    events.write("events/fair.md", EVENT.format(title="Fair", day=4, body="New words"))
    assert run(events, plan, output, cache).made == []  # read again, same titles
    events.write("events/fair.md", EVENT.format(title="A fair", day=4, body="New words"))
    assert run(events, plan, output, cache).made == ["titles.txt"]
    assert (output / "titles.txt").read_text().splitlines() == ["A fair", "Clinic", "Meeting"]


def test_a_remembered_value_is_made_once_and_read_by_every_user(events, tmp_path):
    made: list[str] = []

    def first_title(site: Site) -> str:
        made.append("value")
        return site.get(Kind.EVENT, "fair").original.title

    def plan(site: Site, schedule: Schedule):
        for name in ("a.txt", "b.txt"):
            yield Artifact(name, lambda: site.remembered(("first",),
                                                         partial(first_title, site)).encode())

    output, cache = tmp_path / "output", tmp_path / "cache"
    assert sorted(run(events, plan, output, cache).made) == ["a.txt", "b.txt"]
    assert made == ["value"]  # once a build, not once a user
    assert run(events, plan, output, cache).made == []
    events.write("events/fair.md", EVENT.format(title="A fair", day=4, body="Hi"))
    # The second user was given the value without making it, yet it read the title too.
    assert sorted(run(events, plan, output, cache).made) == ["a.txt", "b.txt"]
    assert (output / "b.txt").read_text() == "A fair"


def test_a_composite_takes_its_unchanged_parts_from_the_store(events, tmp_path):
    made: list[str] = []

    def part(site: Site, key: str) -> Part:
        def make() -> bytes:
            made.append(key)
            return site.get(Kind.EVENT, key).original.body_html.encode()
        return Part(key, make)

    def plan(site: Site, schedule: Schedule):
        yield Composite("all.html", lambda: site.ids(Kind.EVENT), partial(part, site),
                        lambda parts: b"".join(parts))

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    assert sorted(made) == ["clinic", "fair", "meeting"]
    made.clear()
    events.write("events/fair.md", EVENT.format(title="Fair", day=4, body="*New*"))
    assert run(events, plan, output, cache).made == ["all.html"]
    assert made == ["fair"]  # the other two parts came from the store
    assert b"<em>New</em>" in (output / "all.html").read_bytes()


def test_a_record_describes_one_output_folder_only(events, tmp_path):
    cache = tmp_path / "cache"
    run(events, counting_plan, tmp_path / "first", cache)
    assert run(events, counting_plan, tmp_path / "second", cache).full
    events.write("events/clinic.md", EVENT.format(title="Changed", day=5, body="Hi"))
    summary = run(events, counting_plan, tmp_path / "first", cache)
    assert summary.full  # the record is the second folder's
    assert "Changed" in (tmp_path / "first" / "summary.txt").read_text()


def test_another_frame_makes_everything_again(events, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, counting_plan, output, cache)
    assert run(events, counting_plan, output, cache, frame="another theme").full


def test_an_update_that_fails_half_way_is_followed_by_a_full_build(events, tmp_path,
                                                                  monkeypatch):
    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, counting_plan, output, cache)
    events.write("events/fair.md", EVENT.format(title="Aa", day=4, body="Hi"))

    def crash(self, removed):
        raise OSError("the disk filled up while moving files")

    with monkeypatch.context() as patch:
        patch.setattr("plaza_build.staging.Staging.update_output", crash)
        with pytest.raises(OSError):
            run(events, counting_plan, output, cache)
    assert run(events, counting_plan, output, cache).full
    assert "Aa" in (output / "summary.txt").read_text()


def test_removed_outputs_are_removed_from_the_output_folder(events, tmp_path):
    def plan(site: Site, schedule: Schedule):
        for item_id in site.ids(Kind.EVENT):
            yield Artifact(f"events/{item_id}.txt", partial(bytes, item_id.encode()))

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    (events.content / "events" / "fair.md").unlink()
    summary = run(events, plan, output, cache)
    assert summary.removed == ["events/fair.txt"] and not summary.full
    assert sorted(p.name for p in (output / "events").iterdir()) == ["clinic.txt",
                                                                    "meeting.txt"]


def test_nothing_changed_means_no_plan_and_no_writes(events, tmp_path):
    """When no key any output or the plan read has changed, the plan is not even run and
    neither the output folder nor the cache changes."""
    calls = []

    def plan(site: Site, schedule: Schedule):
        calls.append(1)
        yield from counting_plan(site, schedule)

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    record = cache / "record.pickle"
    before = (record.stat().st_mtime_ns, (output / "summary.txt").stat().st_mtime_ns)
    summary = run(events, plan, output, cache)
    assert (summary.made, summary.kept, len(calls)) == ([], 1, 1)
    assert (record.stat().st_mtime_ns, (output / "summary.txt").stat().st_mtime_ns) == before


def test_what_the_plan_read_decides_which_outputs_exist(events, tmp_path):
    """A new output comes from the plan's own reads (here: which events exist), even when
    no existing output read them."""
    def plan(site: Site, schedule: Schedule):
        for item_id in site.ids(Kind.EVENT):
            yield Artifact(f"events/{item_id}.txt", partial(bytes, b"same"))

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    events.write("events/drive.md", EVENT.format(title="Drive", day=6, body="Hi"))
    assert run(events, plan, output, cache).made == ["events/drive.txt"]


@pytest.mark.parametrize(("read", "key"), [
    (lambda site, schedule: site.ids(Kind.EVENT), ("ids", "events")),
    (lambda site, schedule: site.get(Kind.EVENT, "fair"), ("listing", "events/fair")),
    (lambda site, schedule: site.get(Kind.EVENT, "fair").original.body_html,
     ("item", "events/fair")),
    (lambda site, schedule: site.of_kind(Kind.EVENT)[0].in_language("es").body_html,
     ("item", "events/clinic")),
    (lambda site, schedule: site.last_changed(site.get(Kind.EVENT, "fair")),
     ("dates", "events/fair")),
    (lambda site, schedule: site.used("audience"), ("used", "audience", "events,programs")),
    (lambda site, schedule: site.config.site_name, ("config", "site_name")),
    (lambda site, schedule: schedule.upcoming(0, 1), ("order", "upcoming")),
    (lambda site, schedule: schedule.slots_of("fair"), ("slots", "events/fair")),
    (lambda site, schedule: schedule.in_window(), ("window",)),
    (lambda site, schedule: schedule.today("America/Los_Angeles"),
     ("today", "America/Los_Angeles")),
])
def test_every_read_is_noted(events, read, key):
    site = events.load()
    recorder = Recorder()
    watched = TrackingSite.watching(site, recorder, lambda function, args: None)
    schedule = TrackingSchedule.watching(Schedule.of(site), recorder)
    read(watched, schedule)  # outside a recording: nothing is kept
    with recorder.recording() as reads:
        read(watched, schedule)
    assert key in reads


def test_a_list_is_not_made_again_when_only_long_text_changed(events, tmp_path):
    """A list shows titles: an edit to an event's description remakes the event's own
    page (which shows it), not the list; an edit to its title remakes both."""
    def plan(site: Site, schedule: Schedule):
        def titles() -> bytes:
            return " ".join(item.original.title for item in site.of_kind(Kind.EVENT)).encode()

        def page() -> bytes:
            return site.get(Kind.EVENT, "fair").original.body_html.encode()

        def agenda() -> bytes:
            return " ".join(slot.item.original.title for slot in schedule.upcoming()).encode()

        def first_description() -> bytes:  # the long text, reached through the schedule
            return schedule.slots_of("fair")[0].item.original.body_html.encode()
        yield Artifact("list.txt", titles)
        yield Artifact("fair.txt", page)
        yield Artifact("agenda.txt", agenda)
        yield Artifact("described.txt", first_description)

    output, cache = tmp_path / "output", tmp_path / "cache"
    run(events, plan, output, cache)
    events.write("events/fair.md", EVENT.format(title="Fair", day=4, body="New words"))
    assert run(events, plan, output, cache).made == ["described.txt", "fair.txt"]
    events.write("events/fair.md", EVENT.format(title="Book fair", day=4, body="New words"))
    assert run(events, plan, output, cache).made == ["agenda.txt", "described.txt",
                                                    "fair.txt", "list.txt"]
    clean = clean_bytes(events, plan, tmp_path)
    assert {path: (output / path).read_bytes() for path in clean} == clean


def test_watched_records_are_still_records(events):
    """Lists and pages handle watched items as they would the site's own."""
    site = events.load()
    watched = TrackingSite.watching(site, Recorder(), lambda function, args: None)
    mine, theirs = watched.get(Kind.EVENT, "fair"), site.get(Kind.EVENT, "fair")
    assert type(mine.original).__name__ == type(theirs.original).__name__
    assert isinstance(mine.original, type(theirs.original))
    assert dataclasses.asdict(mine.original) == dataclasses.asdict(theirs.original)
    changed = dataclasses.replace(mine.original, body_html="x")
    assert changed.body_html == "x" and changed.title == theirs.original.title
