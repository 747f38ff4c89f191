"""When the cyclic garbage collector runs in the editor.

A full collection walks every object the editor holds: about 25 ms at 2,000 touchpoints and
85 ms at 20,000 (benchmarks/bench_tui.py counts them), and Python starts one whenever enough
young objects have survived, which during a workshop means in the middle of a key press: they
set the worst key-to-frame times. So the young generations are collected as Python does (they
are small), what start-up built is frozen out of every collection, and full collections run
only when no key or click has come for a moment, or when keys have kept coming for a while.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic

IDLE_SECONDS = 0.5
"""No input for this long: the person is reading or talking, a collection goes unseen."""
AT_LEAST_SECONDS = 10.0
"""Keys that never pause for this long still get a full collection (memory stays bounded)."""
CHECK_SECONDS = 1.0
"""How often the editor asks (`tick`)."""
NEVER = 1_000_000
"""A third threshold Python never reaches: no full collection of its own accord."""


class IdleCollector:
    """Full collections at quiet moments. `start` once the first frame is out, `input` on
    every key or click, `tick` every `CHECK_SECONDS`, `stop` when the editor ends."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self.clock = clock
        self.last_input = clock()
        self.last_full = clock()
        self._saved: tuple[int, int, int] | None = None
        self.full_collections = 0

    def start(self) -> None:
        """Freeze what start-up built (the map and the widgets live as long as the editor),
        hold Python's own full collections back, and switch collecting on (`cjm edit`
        starts with it off)."""
        gc.freeze()
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, NEVER)
        gc.enable()

    def input(self) -> None:
        self.last_input = self.clock()

    def tick(self) -> bool:
        """A full collection now if one is due; whether it ran."""
        if gc.get_count()[2] == 0:
            return False  # nothing has reached the old generation since the last one
        now = self.clock()
        if now - self.last_input < IDLE_SECONDS and now - self.last_full < AT_LEAST_SECONDS:
            return False
        gc.collect()
        self.last_full = now
        self.full_collections += 1
        return True

    def stop(self) -> None:
        """Python's own thresholds back (the process may go on: tests, the folder's list)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
