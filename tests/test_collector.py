"""The editor's garbage collection (`tui/collector.py`): full collections only at quiet
moments, Python's own thresholds back when the editor ends, and keys counted as input."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjm_tui.tui.app import build_app
from cjm_tui.tui.collector import AT_LEAST_SECONDS, IDLE_SECONDS, NEVER, IdleCollector

from .conftest import TELECOM, copy_of, until


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector() -> Iterator[tuple[IdleCollector, Clock]]:
    before = gc.get_threshold()
    clock = Clock()
    c = IdleCollector(clock)
    c.start()
    try:
        yield c, clock
    finally:
        c.stop()
        gc.unfreeze()
        assert gc.get_threshold() == before


def pending() -> None:
    """Something in the old generation since the last full collection."""
    gc.collect(1)
    assert gc.get_count()[2] > 0


def test_python_never_starts_a_full_collection_of_its_own(
    collector: tuple[IdleCollector, Clock],
) -> None:
    assert gc.get_threshold()[2] == NEVER and gc.isenabled()


def test_a_full_collection_waits_for_a_quiet_moment(collector: tuple[IdleCollector, Clock]) -> None:
    c, clock = collector
    pending()
    c.input()
    clock.now += IDLE_SECONDS / 2
    assert not c.tick()  # keys are coming
    clock.now += IDLE_SECONDS
    assert c.tick() and c.full_collections == 1
    assert gc.get_count()[2] == 0
    clock.now += 10
    assert not c.tick()  # nothing new since: an idle editor does no work


def test_keys_that_never_pause_still_get_one_now_and_then(
    collector: tuple[IdleCollector, Clock],
) -> None:
    c, clock = collector
    for _ in range(int(AT_LEAST_SECONDS / 0.1) - 1):
        pending()
        clock.now += 0.1
        c.input()
        assert not c.tick()
    clock.now += 0.2
    c.input()
    pending()
    assert c.tick()


async def test_the_editor_counts_keys_as_input_and_gives_the_thresholds_back(
    tmp_path: Path,
) -> None:
    before = gc.get_threshold()
    path = copy_of(TELECOM, tmp_path)
    app = build_app(path, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: gc.get_threshold()[2] == NEVER)  # after the first frame
        seen = app.collector.last_input
        await pilot.press("down")
        assert app.collector.last_input > seen
    assert gc.get_threshold() == before
    gc.unfreeze()
