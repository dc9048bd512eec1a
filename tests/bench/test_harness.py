"""A small run of the benchmark: the corpus builds in every system and the harness works.

Speed is not asserted here; `make bench` measures it.
"""

from __future__ import annotations

from pathlib import Path

from bench.corpus import generate
from bench.run import Run, bench, table


def test_corpus_is_deterministic_and_realistic():
    first, second = generate(300, 12), generate(300, 12)
    assert [(i.kind, i.id, i.fields, i.translations) for i in first] == \
        [(i.kind, i.id, i.fields, i.translations) for i in second]
    kinds = {kind: [i for i in first if i.kind == kind] for kind in
             ("events", "programs", "notes", "faq")}
    assert all(kinds.values())
    events = kinds["events"]
    assert sum("repeat" in e.fields for e in events) / len(events) >= 0.09
    assert any(e.fields.get("status") == "cancelled" for e in events)
    assert all("es" in i.translations for i in first)
    korean = sum("ko" in i.translations for i in first) / len(first)
    assert 0.25 < korean < 0.55
    files = sum(1 + len(i.translations) for i in first)
    assert 250 <= files <= 350


def test_small_benchmark_builds_every_system(tmp_path: Path):
    report = bench(50, 3, 1, tmp_path)
    for name in ("Plaza", "Pelican", "Pelican + i18n_subsites", "Hugo"):
        run = report[name]
        assert isinstance(run, Run) and run.seconds > 0 and run.pages > 0, name
    plaza = report["Plaza"]
    assert isinstance(plaza, Run) and plaza.files > report["Pelican"].files  # type: ignore
    assert set(report["incremental"]) == {"edit one event", "add one translation",  # type: ignore
                                          "no change"}
    text = table([report])
    assert "| Plaza | " in text and "| Hugo | " in text and "edit one event" in text
