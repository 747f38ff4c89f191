"""How fast the store reads, checks and saves maps of 200, 2,000 and 20,000 touchpoints.

For each size, in a temporary directory, it generates a realistic map (`generate.py`) and
measures, best of R runs:

(a) the floor: a fresh interpreter that only parses the file with `tomllib`;
(b) `cjm check FILE` as a subprocess, and its ratio to the floor;
(b2) `cjm show FILE --width 120` as a subprocess (output piped), and its ratio to the floor
     ((a), (b), (b2) in turn, with a warmed private bytecode cache);
(c) in-process, `MapFile.load` against `tomllib.loads` of the same text;
(d) in-process, one edit (a touchpoint's emotion in the middle of the journey) and `save`;
(e) `cjm add FILE "Parking lot full @car -1 !"` end to end, on a fresh copy each run.

It prints the figures and whether the targets are met; it never fails on a slow result.

    python benchmarks/bench_store.py [--sizes 200,2000,20000] [--repeat R] [--markdown]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
from generate import generate_map
from report import machine

from cjm_tui.store import MapFile

FLOOR_CODE = "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))"
ADD_LINE = "Parking lot full @car -1 !"
LARGE = 20000
"""From this size on, subprocess and in-process runs are capped at LARGE_REPEAT."""
LARGE_REPEAT = 3
TARGET_SIZE = 2000
CHECK_TARGET_RATIO = 1.2
SHOW_TARGET_RATIO = 1.5
SAVE_TARGET_MS = 20.0
LARGE_SAVE_TARGET_MS = 200.0
"""One edit + save at 2,000 touchpoints, and at 20,000 (LARGE)."""


@dataclass
class Result:
    """The figures for one map size, times in milliseconds (best of `repeat`)."""

    n: int
    size_bytes: int
    repeat: int
    floor_ms: float = 0.0
    check_ms: float = 0.0
    show_ms: float = 0.0
    load_ms: float = 0.0
    loads_ms: float = 0.0
    save_ms: float = 0.0
    add_ms: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def check_ratio(self) -> float:
        return self.check_ms / self.floor_ms

    @property
    def show_ratio(self) -> float:
        return self.show_ms / self.floor_ms

    @property
    def load_ratio(self) -> float:
        return self.load_ms / self.loads_ms


def best_of(
    repeat: int, run: Callable[[], object], setup: Callable[[], object] | None = None
) -> float:
    """The fastest of `repeat` timed calls of `run`, in ms; `setup` runs untimed before each."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000.0


def run_process(args: Sequence[str], expect: int = 0, env: dict[str, str] | None = None) -> None:
    """Run a command and stop the benchmark loudly if it does not do what it should."""
    proc = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != expect:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(args)}\n"
            f"{proc.stdout}{proc.stderr}"
        )


def changed_lines(before: str, after: str) -> int:
    """How many lines differ between two texts, outside their common head and tail."""
    a, b = before.splitlines(), after.splitlines()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return max(len(a), len(b)) - head - tail


def bench_size(n: int, repeat: int, workdir: Path) -> Result:
    """Every measurement for a map of `n` touchpoints, in `workdir`."""
    if n >= LARGE:
        repeat = min(repeat, LARGE_REPEAT)
    text = generate_map(n)
    data = text.encode("utf-8")
    source = workdir / f"map-{n}.toml"
    source.write_bytes(data)
    result = Result(n, len(data), repeat)
    py = sys.executable

    # (a) the floor, (b) cjm check, (b2) cjm show: fresh interpreters on the same file, taken
    # in turn (on a shared machine a slow spell then falls on all three alike).
    commands = {
        "floor": [py, "-c", FLOOR_CODE, str(source)],
        "check": [py, "-m", "cjm_tui", "check", str(source)],
        "show": [py, "-m", "cjm_tui", "show", str(source), "--width", "120"],
    }
    # Compiled bytecode kept in a private cache, filled by one untimed run of each, as an
    # installed app has it (an editable install under PYTHONDONTWRITEBYTECODE=1 would
    # compile every cjm_tui module on every start; the floor imports none of them).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    for args in commands.values():
        run_process(args, env=env)
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(repeat):
        for name, args in commands.items():
            best[name] = min(best[name], best_of(1, partial(run_process, args, env=env)))
    result.floor_ms, result.check_ms, result.show_ms = best["floor"], best["check"], best["show"]

    # (c) in-process: the store's load against the bare parse of the same text.
    result.load_ms = best_of(repeat, lambda: MapFile.load(source))
    result.loads_ms = best_of(repeat, lambda: tomllib.loads(text))

    # (d) one in-place edit and save on a loaded map; each run writes a different value.
    edited = workdir / f"edit-{n}.toml"
    shutil.copyfile(source, edited)
    mf = MapFile.load(edited)
    m = mf.map
    journey = m.journey()
    middle = len(journey) // 2
    # The touchpoint nearest the middle that has a single emotion: a value changed in place.
    singles = [i for i, tp in enumerate(journey) if isinstance(tp.emotion, int)]
    target = journey[min(singles, key=lambda i: abs(i - middle), default=middle)]
    values = iter([v for v in (-2, -1, 0, 1, 2) if v != target.emotion] * (repeat + 1))

    def edit_and_save() -> None:
        target.emotion = next(values)
        if not mf.save(m):
            raise SystemExit("benchmark: the edit was not saved")

    result.save_ms = best_of(repeat, edit_and_save)
    check = MapFile.load(edited)
    changed = check.map.touchpoint(target.id)
    if changed is None or changed.emotion != target.emotion:
        raise SystemExit("benchmark: the saved file does not hold the edit")
    result.notes.append(
        f"edit+save on touchpoint {target.id!r}: "
        f"{changed_lines(text, check.text)} line(s) differ from the original"
    )

    # (e) cjm add end to end, on a fresh copy each run.
    added = workdir / f"add-{n}.toml"
    result.add_ms = best_of(
        repeat,
        lambda: run_process([py, "-m", "cjm_tui", "add", str(added), ADD_LINE]),
        setup=lambda: shutil.copyfile(source, added),
    )
    return result


ROWS: tuple[tuple[str, Callable[[Result], str]], ...] = (
    ("file size", lambda r: f"{r.size_bytes / 1024:,.0f} KiB"),
    ("runs (best of)", lambda r: str(r.repeat)),
    ("(a) floor: python -c tomllib.load (subprocess)", lambda r: f"{r.floor_ms:,.1f} ms"),
    ("(b) cjm check (subprocess)", lambda r: f"{r.check_ms:,.1f} ms"),
    ("(b)/(a) check vs floor", lambda r: f"{r.check_ratio:.2f}x"),
    ("(b2) cjm show --width 120 (subprocess)", lambda r: f"{r.show_ms:,.1f} ms"),
    ("(b2)/(a) show vs floor", lambda r: f"{r.show_ratio:.2f}x"),
    ("(c) MapFile.load (in-process)", lambda r: f"{r.load_ms:,.1f} ms"),
    ("(c) tomllib.loads, same text (in-process)", lambda r: f"{r.loads_ms:,.1f} ms"),
    ("(c) MapFile.load / tomllib.loads", lambda r: f"{r.load_ratio:.2f}x"),
    ("(d) edit one emotion + save (in-process)", lambda r: f"{r.save_ms:,.1f} ms"),
    ("(e) cjm add (subprocess, end to end)", lambda r: f"{r.add_ms:,.1f} ms"),
)


def _table(results: Sequence[Result]) -> tuple[list[str], list[list[str]]]:
    head = ["touchpoints", *(f"{r.n:,}" for r in results)]
    return head, [[label, *(fmt(r) for r in results)] for label, fmt in ROWS]


def text_table(results: Sequence[Result]) -> str:
    """The figures as an aligned plain-text table, one column per map size."""
    return report.text_table(*_table(results))


def markdown_table(results: Sequence[Result]) -> str:
    """The figures as a Markdown table (for the README)."""
    return report.markdown_table(*_table(results))


def targets(results: Sequence[Result]) -> list[str]:
    """The targets with "met" / "not met" as measured (never an assertion)."""
    at = next((r for r in results if r.n == TARGET_SIZE), None)
    if at is None:
        return [f"targets: not measured (they are defined at {TARGET_SIZE:,} touchpoints)"]
    check_ok = at.check_ratio <= CHECK_TARGET_RATIO
    show_ok = at.show_ratio <= SHOW_TARGET_RATIO
    save_ok = at.save_ms < SAVE_TARGET_MS
    return [
        f"target: check {TARGET_SIZE:,} <= {CHECK_TARGET_RATIO:g}x floor: "
        f"{'met' if check_ok else 'not met'} ({at.check_ratio:.2f}x: "
        f"{at.check_ms:,.1f} ms vs {at.floor_ms:,.1f} ms)",
        f"target: show {TARGET_SIZE:,} <= {SHOW_TARGET_RATIO:g}x floor: "
        f"{'met' if show_ok else 'not met'} ({at.show_ratio:.2f}x: "
        f"{at.show_ms:,.1f} ms vs {at.floor_ms:,.1f} ms)",
        f"target: edit+save {TARGET_SIZE:,} < {SAVE_TARGET_MS:g} ms: "
        f"{'met' if save_ok else 'not met'} ({at.save_ms:,.1f} ms)",
        *(
            f"target: edit+save {r.n:,} < {LARGE_SAVE_TARGET_MS:g} ms: "
            f"{'met' if r.save_ms < LARGE_SAVE_TARGET_MS else 'not met'} ({r.save_ms:,.1f} ms)"
            for r in results
            if r.n == LARGE
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table and the targets."""
    parser = argparse.ArgumentParser(description="Benchmark the map store (load, check, save).")
    parser.add_argument(
        "--sizes",
        default="200,2000,20000",
        help="comma-separated touchpoint counts (default 200,2000,20000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help=f"runs per measurement, best taken (default 5; at most "
        f"{LARGE_REPEAT} from {LARGE:,} touchpoints)",
    )
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument(
        "--dir",
        metavar="DIR",
        help="where to create the temporary directory (default: system temp)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or not sizes or min(sizes) < 1:
        parser.error("--repeat and every size must be at least 1")

    print(machine())
    results: list[Result] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cjm-bench-", dir=args.dir) as tmp:
        print(f"temporary directory: {tmp}")
        for n in sizes:
            print(f"benchmarking {n:,} touchpoints...", file=sys.stderr, flush=True)
            results.append(bench_size(n, args.repeat, Path(tmp)))
    print()
    print(text_table(results))
    for r in results:
        for note in r.notes:
            print(f"note ({r.n:,}): {note}")
    if args.markdown:
        print()
        print(markdown_table(results))
    print()
    for line in targets(results):
        print(line)
    print(f"total benchmark time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
