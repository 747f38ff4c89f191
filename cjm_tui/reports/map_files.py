"""Which files of a folder are maps, and reading one: for the folder's list (`cjm edit DIR`)
and the report across maps (`cjm report DIR`). Light to import: the model and the store are
imported when a file is read, so the folder's list paints without them.

Headless: no textual here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm_tui.model import Map
    from cjm_tui.model.problems import Problem

SKIPPED_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__"})


def find_map_files(folder: Path) -> list[Path]:
    """The `*.toml` files below `folder`, by path; hidden folders and virtualenvs skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


@dataclass(frozen=True)
class Loaded:
    """One file as read: a map, or why not (`problem`), or a persona library (skipped)."""

    path: Path
    name: str
    """How the report names the file: its path relative to the folder, else as given."""
    map: Map | None = None
    problem: str | None = None
    """Not a valid map: its first error, one line `FILE:LINE:COL: error: message` (or
    `FILE: error: message` when the file cannot be read at all)."""
    library: bool = False
    """A file of `[[personas]]` only (a shared persona library): not a map, not an error."""
    first: Problem | None = None
    """The first problem itself (None when the file could not be read at all)."""


def load_map(path: Path, name: str | None = None) -> Loaded:
    """Read one file: tomllib, validation, the model. Positions (line:col) are worked out only
    for a file with a problem, and the file is parsed once when it has none."""
    from cjm_tui.model import map_from_raw
    from cjm_tui.model.library import is_persona_library
    from cjm_tui.model.problems import has_errors
    from cjm_tui.model.validate import validate
    from cjm_tui.store.read import (
        InvalidMap,
        StoreError,
        check_text,
        decode,
        map_of,
        parse,
        read_bytes,
    )

    shown = name if name is not None else str(path)
    try:
        text = decode(read_bytes(path), str(path))
        raw = parse(text, str(path))
    except StoreError as exc:
        return Loaded(path, shown, problem=str(exc))
    except InvalidMap as exc:
        return Loaded(path, shown, problem=exc.problems[0].format(), first=exc.problems[0])
    if is_persona_library(raw):
        return Loaded(path, shown, library=True)
    info = raw.get("map")
    if isinstance(info, dict) and "persona_library" in info:
        # A map with a persona library: the store reads and checks the library with it.
        checked = check_text(text, str(path))
        if not checked.ok:
            first = next((p for p in checked.problems if p.severity == "error"), None)
            return Loaded(
                path, shown, problem=first.format() if first else "not a map", first=first
            )
        # Read only: the model without the library's writer (`map_of`, as `cjm show` reads).
        return Loaded(path, shown, map=map_of(checked, copy=False))
    problems = validate(raw)
    if has_errors(problems):
        # The slow path, only now: every problem located, the first one by position.
        located = [p for p in check_text(text, str(path)).problems if p.severity == "error"]
        return Loaded(path, shown, problem=located[0].format(), first=located[0])
    return Loaded(path, shown, map=map_from_raw(raw, copy=False))  # the data is dropped here


def map_files(arguments: Sequence[Path]) -> list[tuple[Path, str]]:
    """The files to report, with their names: a folder's `*.toml` files (`find_map_files`),
    named relative to it; a file as given. In the arguments' order."""
    found: list[tuple[Path, str]] = []
    for arg in arguments:
        if arg.is_dir():
            found += [(p, p.relative_to(arg).as_posix()) for p in find_map_files(arg)]
        else:
            found.append((arg, str(arg)))
    return found


PARALLEL_FROM = 16
"""Fewer files than this are read in this process: starting workers costs more than it saves."""


def _load_pair(pair: tuple[Path, str]) -> Loaded:
    return load_map(*pair)


def _workers(files: int) -> int:
    """How many processes read `files` files: one per CPU this process may use, when forking
    is safe (POSIX, and no thread started yet: a fork copies no other thread's locks)."""
    import multiprocessing
    import threading

    if files < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # spawn would import everything again in each worker: slower than one
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, 8, files // (PARALLEL_FROM // 2)))


def load_maps(arguments: Sequence[Path]) -> list[Loaded]:
    """Every file of the arguments (folders searched), read, in order; libraries included
    (`Loaded.library`), so a caller can say what it skipped.

    Many files are read by worker processes, one per CPU (`_workers`): reading is parsing,
    bound by the CPU, and 200 maps take 0.73 s in one process and 0.49 s in two (2-CPU VM,
    benchmarks/bench_portfolio.py). Where workers cannot start, one process reads them."""
    files = map_files(arguments)
    workers = _workers(len(files))
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        chunk = -(-len(files) // (workers * 4))
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_load_pair, files, chunksize=chunk))
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had (limits, a sandbox): read them here
    return [load_map(path, name) for path, name in files]
