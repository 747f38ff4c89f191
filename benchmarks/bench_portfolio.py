"""The report across maps (`cjm report DIR`): how long 200 maps take, against reading them.

In a temporary folder it generates M maps of N touchpoints (200 x 50 by default, with
`generate.py`, a different seed each), then times, each in a fresh Python (subprocess, output
to a pipe that is read and dropped):
(a) the floor: reading the same files with `tomllib` (every `*.toml` below the folder);
(b) `python -m cjm_tui report DIR` (text, plain as piped);
(c) the same with `--format json`.
Best and median of R runs each, after one untimed run that fills the bytecode cache.

    python benchmarks/bench_portfolio.py [--maps 200] [--touchpoints 50] [--repeat 7] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_map  # noqa: E402
from report import floor_table, machine  # noqa: E402

FLOOR = (
    "import pathlib, sys, tomllib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):\n"
    "    tomllib.loads(p.read_text(encoding='utf-8'))\n"
)


def timed(args: Sequence[str], env: dict[str, str], repeat: int) -> list[float]:
    """Milliseconds from spawn to exit, R runs after one untimed one; a failure stops."""
    out: list[float] = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        done = subprocess.run(args, env=env, capture_output=True, check=False)
        took = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)}: exit {done.returncode}: {done.stderr[-500:]!r}")
        if i:
            out.append(took)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cjm-portfolio-") as tmp:
        folder = Path(tmp) / "engagement"
        folder.mkdir()
        size = 0
        for i in range(args.maps):
            text = generate_map(args.touchpoints, seed=i)
            (folder / f"map-{i:03d}.toml").write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
        env = {
            **os.environ,
            "CJM_LANG": "en",
            "CJM_CONFIG": str(Path(tmp) / "none.toml"),
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
            "COLUMNS": "120",
        }
        env.pop("CJM_DEBUG", None)
        floor = timed([sys.executable, "-c", FLOOR, str(folder)], env, args.repeat)
        report = [sys.executable, "-m", "cjm_tui", "report", str(folder)]
        text = timed(report, env, args.repeat)
        as_json = timed([*report, "--format", "json"], env, args.repeat)

    print(machine())
    print(
        f"{args.maps} maps of {args.touchpoints} touchpoints ({size / 1024:.0f} KiB), "
        f"best and median of {args.repeat}"
    )
    print(
        floor_table(
            [
                ("(a) floor: tomllib reads the files", floor),
                ("(b) cjm report DIR", text),
                ("(c) cjm report DIR --format json", as_json),
            ],
            floor,
            args.markdown,
        )
    )
    ratio = min(text) / min(floor)
    met = "met" if ratio <= 1.5 else "NOT met"
    print(f"aim: cjm report DIR within 1.5x the floor: {ratio:.2f}x, {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
