"""Loading in worker processes gives exactly what loading in one process gives."""

from __future__ import annotations

import pytest

from plaza.loader import load_site
from plaza.problems import ContentError, FileFailure
from plaza_pelican.workers import SMALLEST_SHARED_WORK, mapper

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


def test_forked_map_keeps_order_and_results():
    run = mapper(2)
    pieces = list(range(SMALLEST_SHARED_WORK * 3 + 1))
    assert run(lambda n: n * n, pieces) == [n * n for n in pieces]


def test_a_failing_worker_fails_the_map():
    def explode(n: int) -> int:
        if n == 70:
            raise ValueError("boom")
        return n

    with pytest.raises(FileFailure, match="ValueError: boom") as failure:
        mapper(2)(explode, list(range(SMALLEST_SHARED_WORK * 2)))
    assert "Traceback" in failure.value.details  # kept for the debug log, not printed


def test_items_loaded_by_two_workers_equal_one_process(tree):
    write_many(tree, SMALLEST_SHARED_WORK + 40)
    config = make_config(languages=("en", "es"))
    alone = load_site(str(tree.content), config)
    shared = load_site(str(tree.content), config, mapper=mapper(2))
    assert shared.items == alone.items
    assert shared.keys == alone.keys


def test_problems_found_by_workers_are_all_reported(tree):
    write_many(tree, SMALLEST_SHARED_WORK + 10, broken=3)
    config = make_config(languages=("en", "es"))
    with pytest.raises(ContentError) as alone:
        load_site(str(tree.content), config)
    with pytest.raises(ContentError) as shared:
        load_site(str(tree.content), config, mapper=mapper(2))
    assert [str(p) for p in shared.value.problems] == [str(p) for p in alone.value.problems]
    assert len(shared.value.problems) == 3
