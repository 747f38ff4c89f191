"""No cyclic garbage collection while a command reads and reports.

Parsing and the model make hundreds of thousands of objects and no cycles worth collecting;
the collector's passes over them cost ~10 ms of `cjm check` at 2,000 touchpoints and ~5% of
`cjm report` across 200 maps (reference counting still frees the rest). Back on after, for a
caller in the same process (tests, `cjm_tui.api`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
