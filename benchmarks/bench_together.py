"""Editing together: how fast a change in one editor reaches another's screen, and what it costs.

On a generated map (2,000 touchpoints by default), in a temporary folder, it starts
`python -m cjm_tui edit FILE` twice in pseudo-terminals (120x40): the first hosts the map,
the second joins it. Then:

(a) a key in one editor to the other's screen: `+` / `-` alternately on the first
    touchpoint, timed from the byte written to one editor until the other editor's terminal
    has received the redrawn row with the new value (both ways: host -> guest and
    guest -> host), P presses each, p50 / p95 / max. The floor in the same run is the same
    key on the editor's own screen (key to its own row redrawn), which is Textual's frame
    plus the editor's own work: the distance between the two is what travelling costs.
(b) memory of the host alone, of the host with a guest, and of the guest: RSS, PSS and USS
    (private pages, what one more process really takes; RSS counts the shared libraries in
    every process). What an extra editor adds is the guest's USS plus what the host grew.
    The floor is a bare Textual app (Header, Static, Footer) in the same kind of terminal.
(c) CPU while both sit idle for S seconds (utime + stime from /proc/PID/stat).

    python benchmarks/bench_together.py [--size 2000] [--presses 40] [--idle 5] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_tui import BARE_APP, BARE_WORD, Terminal  # noqa: E402
from report import machine, markdown_table, text_table  # noqa: E402


def memory(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, USS) in MB. RSS counts the shared libraries' pages in every process that
    maps them; USS (private pages) is what one more process really takes from the machine,
    PSS shares the shared pages out among the processes using them."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].endswith(":"):
                fields[parts[0][:-1]] = int(parts[1]) / 1024
    return fields["Rss"], fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"]


def ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def row_shows(value: str, name: str) -> object:
    """The touchpoints pane's row of `name` with emotion `value` ("+2", " 0", "-1")."""
    return lambda text: f"{value} " in text and name[:12] in text


def percentiles(values: Sequence[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def label(value: int) -> str:
    return f"{value:+d}" if value else " 0"


def press(
    keyed: Terminal, watched: Terminal, key: bytes, value: int, name: str
) -> tuple[float, float]:
    """Seconds from the key to its row on the keyed editor's screen and on the other's."""
    mark_k, mark_w = len(keyed.text), len(watched.text)
    start = time.perf_counter()
    keyed.send(key)
    found = row_shows(label(value), name)
    own = keyed.wait_for(found, since=mark_k) - start  # type: ignore[arg-type]
    other = watched.wait_for(found, since=mark_w) - start  # type: ignore[arg-type]
    keyed.drain(0.05)
    watched.drain(0.05)
    return own, other


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cjm-together-") as tmp:
        folder = Path(tmp)
        file = folder / "map.toml"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.size), "-o", str(file)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        import tomllib

        first = tomllib.loads(file.read_text(encoding="utf-8"))["touchpoints"][0]
        name, emotion = first["name"], first.get("emotion", 0)
        emotion = emotion if isinstance(emotion, int) else 0
        env: dict[str, str | None] = {
            "CJM_LANG": "en",
            "CJM_CONFIG": str(folder / "none.toml"),
            "CJM_KEYMAP": str(folder / "none-keys.toml"),
            "CJM_AUTOSAVE_SECONDS": "3600",
            "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        }
        edit = [sys.executable, "-m", "cjm_tui", "edit", str(file)]
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")

        bare = Terminal([sys.executable, str(bare_script)], env)
        bare.wait_for(lambda t: BARE_WORD in t)
        bare.drain(0.3)
        bare_mem = memory(bare.proc.pid)
        bare.close()

        host = Terminal(edit, env)
        host.wait_for(lambda t: name[:12] in t)
        host.drain(0.5)
        host_alone = memory(host.proc.pid)
        guest = Terminal(edit, env)
        guest.wait_for(lambda t: "2 in the map" in t)
        guest.drain(0.5)
        host.drain(0.2)
        host_with = memory(host.proc.pid)
        guest_mem = memory(guest.proc.pid)

        own: list[float] = []
        to_guest: list[float] = []
        to_host: list[float] = []
        value = emotion
        for i in range(args.presses * 2):
            up = value < 2 if i % 4 < 2 else value <= -2
            key, value = (b"+", min(2, value + 1)) if up else (b"-", max(-2, value - 1))
            if i % 2 == 0:
                mine, other = press(host, guest, key, value, name)
                to_guest.append(other)
            else:
                mine, other = press(guest, host, key, value, name)
                to_host.append(other)
            own.append(mine)

        host_ticks, guest_ticks = ticks(host.proc.pid), ticks(guest.proc.pid)
        start = time.perf_counter()
        time.sleep(args.idle)  # both sit idle: what do they spend?
        spent = time.perf_counter() - start
        hz = os.sysconf("SC_CLK_TCK")
        host_cpu = (ticks(host.proc.pid) - host_ticks) / hz / spent * 100
        guest_cpu = (ticks(guest.proc.pid) - guest_ticks) / hz / spent * 100
        guest.close()
        host.close()

    def ms(values: Sequence[float]) -> list[str]:
        return [f"{v * 1000:.0f} ms" for v in percentiles(values)]

    head = ["a key ...", "p50", "p95", "max"]
    body = [
        ["on its own screen (floor)", *ms(own)],
        ["host -> guest's screen", *ms(to_guest)],
        ["guest -> host's screen", *ms(to_host)],
    ]
    memory_head = ["memory, MB", "RSS", "PSS", "USS (private)"]

    def mb(values: tuple[float, float, float]) -> list[str]:
        return [f"{v:.0f}" for v in values]

    memory_rows = [
        ["bare Textual app (floor)", *mb(bare_mem)],
        ["host alone", *mb(host_alone)],
        ["host with a guest", *mb(host_with)],
        ["the guest (the extra editor)", *mb(guest_mem)],
    ]
    table = markdown_table if args.markdown else text_table
    print(machine())
    print(f"{args.size} touchpoints, {args.presses} presses each way, 120x40 terminals")
    print(table(head, body))
    print()
    print(table(memory_head, memory_rows))
    print()
    print(f"idle for {args.idle:.0f} s: host {host_cpu:.1f}% CPU, guest {guest_cpu:.1f}% CPU")
    worst = max(percentiles(to_guest)[1], percentiles(to_host)[1])
    aim = "met" if worst < 0.2 else "NOT met"
    print(f"aim: another editor's screen within 200 ms p95: {worst * 1000:.0f} ms, {aim}")
    extra = guest_mem[2] + max(0.0, host_with[2] - host_alone[2])
    met = "met" if extra < 60 else "NOT met"
    print(f"aim: each extra editor adds under 60 MB (private): {extra:.0f} MB, {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
