"""The build engine: it makes the outputs a plan declares, and only those it must.

Invariant: after a build, the output folder holds exactly what making every declared
output from nothing would give, byte for byte. An output is made again when one of the
keys it read last time has another value now (see ``tracking``), when it is new, or when
the record does not describe the output folder (then everything is made); otherwise the
file the last build wrote is still right and stays where it is.

The steps of ``run``: work out which keys changed since the record; list the outputs
(the plan, given a watching site); keep those whose reads did not change; make the rest,
in worker processes by language when there are many, each under a recording of what it
reads; put the new files in place (``staging``); write the new record.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from plaza.model.problems import FileFailure, crashed
from plaza.model.site import Site
from plaza.publishing.artifacts import Artifact, Composite, Output, Page
from plaza.time.schedule import Schedule

from .loading import Loaded
from .parts import Parts, Stored, StoredPart
from .queries import Queries, QueryRecord
from .record import BuildRecord, folder_id, record_of, updated_record
from .staging import Staging
from .store import Store
from .tracking import Key, Recorder, TrackingSchedule, TrackingSite, Values
from .workers import run_shares, share_out

Renderer = Callable[[str, dict[str, Any], str], bytes]  # (template, context, lang)
Plan = Callable[[Site, Schedule], Iterable[Output]]
RECORD, PARTS = "record.pickle", "parts.pickle"
# Below this many outputs to make, forking workers costs more than it saves.
SMALLEST_SHARED_BUILD = 20


@dataclass
class Summary:
    """What a build did, for the person who ran it."""

    made: list[str] = field(default_factory=list)
    kept: int = 0
    removed: list[str] = field(default_factory=list)
    full: bool = True


class _Session:
    """One process's view of a build: the watching site, the recorder, the shared values
    and parts it made, and the values of keys."""

    def __init__(self, loaded: Loaded, schedule: Schedule, previous: BuildRecord,
                 stored_parts: Callable[[], Stored], remembering: bool = True):
        before = dict(zip(previous.keys, previous.values, strict=True))
        # With no cache, no record is written: reads would only cost time and memory.
        self.recorder = Recorder(keep=remembering)
        self.queries = Queries(self.recorder, loaded.content_keys, previous.queries,
                               lambda key: self.values(key) == before.get(key))
        self.values = Values(loaded.site, schedule, loaded.content_keys, loaded.files,
                             self.queries.value, previous.listings)
        self.parts = Parts(stored_parts, self.values)
        self.site = TrackingSite.watching(loaded.site, self.recorder, self.queries.get)
        self.queries.site = self.site
        self.schedule = TrackingSchedule.watching(schedule, self.recorder, self.site.watch)
        self.members: dict[str, tuple[str, ...]] = {}  # composite path -> its part keys

    def make(self, output: Output, render: Renderer) -> tuple[bytes, set[Key]]:
        """An output's bytes, and what it read; a failure names the output's source."""
        try:
            with self.recorder.recording() as reads:
                return self._bytes(output, render), reads
        except FileFailure:
            raise
        except Exception as error:  # noqa: BLE001 - named after what it was made from
            raise FileFailure(output.source or output.path, crashed(error),
                              traceback.format_exc()) from error

    def _bytes(self, output: Output, render: Renderer) -> bytes:
        if isinstance(output, Page):
            return render(output.template, output.context(), output.lang)
        if isinstance(output, Artifact):
            for path in output.files:
                self.recorder.note(("file", path))
            return output.make()
        parts = []
        keys = list(output.members())
        self.members[output.path] = tuple(keys)
        for key in keys:
            part = self._part(output, key)
            for read in part.keys:  # the file read all its parts read
                self.recorder.note(read)
            parts.append(part.data)
        return output.assemble(parts)

    def _part(self, output: Composite, key: str) -> StoredPart:
        found = self.parts.current(key)
        if found is not None:
            return found
        with self.recorder.recording() as reads:
            data = output.part(key).make()
        return self.parts.keep(key, reads, data)


@dataclass
class _Made:
    """What one process made: every output's reads, and the shared values and parts it
    made on the way (the parent needs them to know the keys' values)."""

    reads: dict[str, Collection[Key]] = field(default_factory=dict)
    queries: dict[str, QueryRecord] = field(default_factory=dict)
    parts: dict[str, StoredPart] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fresh_parts: bool = False  # a part was made anew, not taken from the store

    def compacted(self) -> _Made:
        """The same, each distinct key and value one object and each set a tuple: a
        worker's answer then pickles every key once, and the parent that unpickles the
        answers of every worker holds a third of the memory."""
        canonical: dict[Any, Any] = {}

        def one(value: Any) -> Any:
            return canonical.setdefault(value, value)

        reads: dict[str, Collection[Key]] = {
            path: tuple(map(one, keys)) for path, keys in self.reads.items()}
        parts = {key: StoredPart(tuple((one(k), one(v)) for k, v in part.reads), part.data)
                 for key, part in self.parts.items()}
        members = {path: tuple(map(one, keys)) for path, keys in self.members.items()}
        return _Made(reads, self.queries, parts, members, self.fresh_parts)


class Engine:
    def __init__(self, store: Store, frame: str, jobs: int = 1):
        self.store, self.frame, self.jobs = store, frame, jobs

    def run(self, loaded: Loaded, schedule: Schedule, plan: Plan, render: Renderer,
            output: str, meanwhile: Callable[[], None] | None = None) -> Summary:
        previous = self.store.read(RECORD, BuildRecord())
        if not previous.describes(output, self.frame):
            previous = BuildRecord()
        session = _Session(loaded, schedule, previous, lambda: self.store.read(PARTS, {}),
                           remembering=bool(self.store.folder))
        changed = previous.changed_keys(session.values) if previous.outputs else set()
        if previous.outputs and not changed:
            # Nothing any output or the plan read has changed: the same outputs, each
            # still right, and the record still true. Nothing to plan, make or write.
            return Summary(kept=len(previous.outputs), full=False)
        with session.recorder.recording() as plan_reads:
            outputs = list(plan(session.site, session.schedule))
        summary = Summary(full=not previous.outputs)
        todo = self._to_make(outputs, previous, changed, summary)
        staging = Staging(output)
        try:
            made = self._make(todo, session, render, staging, meanwhile)
            if summary.full:
                staging.replace_output()
            else:
                self.store.forget(RECORD)  # a crash while moving files: a full build next
                staging.update_output(summary.removed)
        except BaseException:
            staging.discard()
            raise
        self._remember(outputs, previous, made, session, output, plan_reads)
        summary.made = sorted(made.reads)
        return summary

    def _to_make(self, outputs: list[Output], previous: BuildRecord, changed: set[int],
                 summary: Summary) -> list[Output]:
        paths = {output.path for output in outputs}
        summary.removed = sorted(set(previous.outputs) - paths)
        if summary.full:
            return outputs
        todo = [o for o in outputs if o.path not in previous.outputs
                or not changed.isdisjoint(previous.outputs[o.path])]
        summary.kept = len(outputs) - len(todo)
        return todo

    def _make(self, todo: list[Output], session: _Session, render: Renderer,
              staging: Staging, meanwhile: Callable[[], None] | None) -> _Made:
        if any(isinstance(output, Composite) for output in todo):
            session.parts.preload()
        by_lang: dict[str, list[Output]] = {}
        for output in todo:
            by_lang.setdefault(output.lang, []).append(output)
        site_wide = by_lang.pop("", [])

        def work(languages: list[str]) -> _Made:
            made = _Made()
            for lang in languages:
                for output in by_lang[lang]:
                    data, reads = session.make(output, render)
                    staging.write(output.path, data, output.source)
                    made.reads[output.path] = reads
            made.queries = dict(session.queries.records)
            made.parts = dict(session.parts.made)
            made.members = dict(session.members)
            made.fresh_parts = session.parts.fresh
            return made.compacted()

        count = self.jobs if len(todo) >= SMALLEST_SHARED_BUILD else 1
        shares = share_out(sorted(by_lang), count)
        results = run_shares(work, shares, meanwhile)
        total = _Made()
        for result in results:
            total.reads.update(result.reads)
            session.queries.records.update(result.queries)
            session.parts.made.update(result.parts)
            session.members.update(result.members)
            session.parts.fresh |= result.fresh_parts
        for output in site_wide:  # in the parent, which now knows every part and value
            data, reads = session.make(output, render)
            staging.write(output.path, data, output.source)
            total.reads[output.path] = reads
        total.queries = session.queries.records
        total.parts = session.parts.made
        total.members = session.members
        total.fresh_parts = session.parts.fresh
        return total

    def _remember(self, outputs: list[Output], previous: BuildRecord, made: _Made,
                  session: _Session, output: str, plan_reads: set[Key]) -> None:
        """The new record (every output's reads: made now, or kept from the last build)
        and the parts that outputs of this build hold."""
        if not self.store.folder:
            return
        kept = {o.path: previous.outputs[o.path] for o in outputs if o.path not in made.reads}
        queries = {**previous.queries, **made.queries}
        new = (updated_record(previous, kept, made.reads, queries, session.values, plan_reads)
               if previous.outputs else
               record_of(self.frame, output, made.reads, session.values, queries, plan_reads))
        new.output_id = folder_id(output)
        new.listings = session.values.listings
        new.members = {o.path: made.members.get(o.path) or previous.members.get(o.path, ())
                       for o in outputs if isinstance(o, Composite)}
        self.store.write(RECORD, new)
        held = {key for keys in new.members.values() for key in keys}
        held_before = {key for keys in previous.members.values() for key in keys}
        if made.fresh_parts or held != held_before:
            self.store.write(PARTS, session.parts.to_store(made.parts, held))
