"""A folder of maps (`cjm edit DIR`): how fast its list paints, and when every map is read.

In a temporary folder it generates M maps of N touchpoints (200 x 50 by default, with
`generate.py`, a different seed each), then, in a pseudo-terminal (120x40):
(a) the floor: a bare Textual app (Header, Static, Footer) until its one word is on screen;
(b) `python -m cjm_tui edit DIR` until the list shows the first map's file name: the list
    paints with the names before any map is read;
(c) the same until every map is read (the status line no longer says "reading").
Best and median of R runs each, after one untimed run that fills the bytecode cache.

    python benchmarks/bench_folder.py [--maps 200] [--touchpoints 50] [--repeat 5] [--markdown]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_tui import BARE_APP, BARE_WORD, Terminal  # noqa: E402
from generate import generate_map  # noqa: E402
from report import floor_table, machine  # noqa: E402


def timed(
    args: Sequence[str], env: dict[str, str | None], found: Callable[[str], bool], repeat: int
) -> list[float]:
    """Milliseconds from spawn until `found(screen text)`, R runs after one untimed one."""
    out: list[float] = []
    for i in range(repeat + 1):
        term = Terminal(args, env)
        at = term.wait_for(found, timeout=120)
        if i:
            out.append((at - term.start) * 1000)
        term.close()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cjm-folder-") as tmp:
        folder = Path(tmp) / "engagement"
        folder.mkdir()
        for i in range(args.maps):
            text = generate_map(args.touchpoints, seed=i)
            (folder / f"map-{i:03d}.toml").write_text(text, encoding="utf-8")
        env: dict[str, str | None] = {
            "CJM_LANG": "en",
            "CJM_CONFIG": str(Path(tmp) / "none.toml"),
            "CJM_KEYMAP": str(Path(tmp) / "none-keys.toml"),
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
        }
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        floor = timed([sys.executable, str(bare)], env, lambda t: BARE_WORD in t, args.repeat)
        edit = [sys.executable, "-m", "cjm_tui", "edit", str(folder)]
        painted = timed(edit, env, lambda t: "map-000.toml" in t, args.repeat)
        total = f"{args.maps} maps"

        def all_read(text: str) -> bool:
            tail = text[-400:]
            return total in tail and "reading" not in tail

        read = timed(edit, env, all_read, args.repeat)

    print(machine())
    print(f"{args.maps} maps of {args.touchpoints} touchpoints, 120x40, best of {args.repeat}")
    print(
        floor_table(
            [
                ("(a) floor: a bare Textual app", floor),
                ("(b) cjm edit DIR: the list painted", painted),
                ("(c) cjm edit DIR: every map read", read),
            ],
            floor,
            args.markdown,
        )
    )
    ratio = min(painted) / min(floor)
    met = "met" if ratio <= 1.3 else "NOT met"
    print(f"aim: the list paints within 1.3x the floor: {ratio:.2f}x, {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
