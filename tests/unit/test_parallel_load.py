"""Work shared out to worker processes gives exactly what one process gives."""

from __future__ import annotations

from functools import partial

import pytest

from plaza.model.problems import ContentError, FileFailure
from plaza_build.loading import Project, load
from plaza_build.store import Store
from plaza_build.workers import SMALLEST_SHARED_WORK, forked_map, run_shares

from ..conftest import make_config


def write_many(tree, count: int, broken: int = 0) -> None:
    for index in range(count):
        tree.write(f"events/meeting-{index:03}.md",
                   f"---\ntitle: Meeting {index}\nstart: 2026-12-{1 + index % 28:02} 18:00\n"
                   f"duration: 1h\n---\nBody {index}, *emphasis*.\n")
        if index % 3 == 0:
            tree.write(f"events/meeting-{index:03}.es.md", f"---\ntitle: Reunión {index}\n---\n")
    for index in range(broken):
        tree.write(f"events/broken-{index}.md", "---\ntitle: X\nstart: soon\n---\n")


def loaded(tree, mapper=None):
    project = Project(str(tree.root), str(tree.content), make_config(languages=("en", "es")),
                      "", "", None)
    return load(project, Store(None, ""), mapper)


def test_forked_map_keeps_order_and_results():
    pieces = list(range(SMALLEST_SHARED_WORK * 3 + 1))
    assert forked_map(lambda n: n * n, pieces, 2) == [n * n for n in pieces]


def test_a_failing_worker_fails_the_map():
    def explode(n: int) -> int:
        if n == 70:
            raise ValueError("boom")
        return n

    with pytest.raises(FileFailure, match="ValueError: boom") as failure:
        forked_map(explode, list(range(SMALLEST_SHARED_WORK * 2)), 2)
    assert "Traceback" in failure.value.details  # kept for the debug log, not printed


def test_a_large_answer_comes_back_whole():
    """Answers travel through pipes: one far larger than a pipe's buffer must arrive."""
    results = run_shares(lambda share: [bytes(2_000_000)] * len(share), [[1], [2, 3]])
    assert [len(result) for result in results] == [1, 2]
    assert all(len(data) == 2_000_000 for result in results for data in result)


def test_items_loaded_by_two_workers_equal_one_process(tree):
    write_many(tree, SMALLEST_SHARED_WORK + 40)
    alone = loaded(tree)
    shared = loaded(tree, partial(forked_map, count=2))
    assert shared.site.items == alone.site.items
    assert shared.content_keys == alone.content_keys


def test_problems_found_by_workers_are_all_reported(tree):
    write_many(tree, SMALLEST_SHARED_WORK + 10, broken=3)
    with pytest.raises(ContentError) as alone:
        loaded(tree)
    with pytest.raises(ContentError) as shared:
        loaded(tree, partial(forked_map, count=2))
    assert [str(p) for p in shared.value.problems] == [str(p) for p in alone.value.problems]
    assert len(shared.value.problems) == 3
