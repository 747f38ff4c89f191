"""How fast the editor (`cjm edit`) paints, answers keys and how much memory it holds.

For each size (200, 2,000 and 20,000 touchpoints by default), in a temporary directory, it
generates a realistic map (`generate.py`) and measures:

(a) first paint, as a person sees it: `python -m cjm_tui edit FILE` in a pseudo-terminal
    (TERM=xterm-256color, 120x40), timed from spawn until the map title and the first two
    touchpoints of the first stage are on screen (the output read, ANSI sequences stripped);
    best and median of R runs. The same for a bare Textual app (Header, Static, Footer)
    waiting for its one word: the floor. Then `q`.
(b) resident memory (VmRSS from /proc/PID/status) of both processes at first paint.
(c) a pty cross-check of one key: `-` / `+` on the first touchpoint, timed from the byte
    written until the row with the new value has come back from the terminal output.
(d) in-process (`app.run_test(size=(120, 40))`), a touchpoint in the middle of the middle
    stage selected: P timed presses of `+`/`-` (alternating), `m`, `down`/`up`
    (alternating) and `ctrl+z`, each `await pilot.press(key); await pilot.pause()`, each
    checked against the model and the rendered screen; p50, p95 and max.

It also checks in a fresh process that `tomlkit` is not imported before first paint.
It prints the figures and whether the targets are met; it never fails on a slow result.

    python benchmarks/bench_tui.py [--sizes 200,2000,20000] [--repeat R] [--presses P]
                                   [--markdown] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import fcntl
import gc
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import machine
from generate import generate_map

TARGET_SIZE = 2000
PAINT_TARGET_RATIO = 2.0
KEY_TARGET_P95_MS = 50.0
RSS_TARGET_MB = 150.0
LARGE = 20000
"""From this size on, pty runs are capped at LARGE_REPEAT and key presses at LARGE_PRESSES."""
LARGE_REPEAT = 3
LARGE_PRESSES = 40
COLUMNS, LINES = 120, 40
PAINT_TIMEOUT_S = 60.0
PTY_KEY_PRESSES = 10
BARE_WORD = "BenchReady4711"
BARE_APP = f"""\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("{BARE_WORD}")
        yield Footer()


Bare().run()
"""
# Runs `cjm edit FILE` with an audit hook that notes when (time.monotonic) tomlkit is
# imported; the hook is only used for that check, never for the timed runs.
TOMLKIT_PROBE = """\
import os, runpy, sys, time
out = os.environ["CJM_BENCH_PROBE"]
def hook(event, args):
    if event == "import" and str(args[0]).split(".")[0] == "tomlkit":
        if not os.path.exists(out):
            with open(out, "w") as f:
                f.write(repr(time.monotonic()))
sys.addaudithook(hook)
sys.argv = ["cjm", "edit", sys.argv[1]]
runpy.run_module("cjm_tui", run_name="__main__", alter_sys=True)
"""

# Escape sequences: cursor moves become a line break (text from different places on the
# screen must not join into a false match), everything else disappears.
_MOVE = re.compile(r"\x1b\[[0-9;?]*[HfABCDEGd]|\r|\n")
_OTHER = re.compile(
    r"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()*+][0-9A-Za-z]|\x1b[=>78MDEc]"
)


def strip_ansi(text: str) -> str:
    return _OTHER.sub("", _MOVE.sub("\n", text))


@dataclass
class Stats:
    """Latencies of one key in ms."""

    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        if len(self.samples) < 2:
            return self.samples[0]
        return statistics.quantiles(self.samples, n=100, method="inclusive")[94]

    @property
    def max(self) -> float:
        return max(self.samples)

    def cell(self) -> str:
        return f"{self.p50:,.1f} / {self.p95:,.1f} / {self.max:,.1f}"


@dataclass
class Paint:
    """First-paint times (ms) of R runs and the memory at first paint (MB)."""

    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    hwm_mb: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rss(self) -> float:
        return statistics.median(self.rss_mb)

    @property
    def hwm(self) -> float:
        return statistics.median(self.hwm_mb)


@dataclass
class Result:
    n: int
    size_bytes: int
    repeat: int
    presses: int
    paint: Paint = field(default_factory=Paint)
    pty_key: Stats | None = None
    keys: dict[str, Stats] = field(default_factory=dict)
    mount_ms: float = 0.0
    notes: list[str] = field(default_factory=list)


# The pseudo-terminal ---------------------------------------------------------------


def read_status(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    rss = hwm = 0.0
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    return rss, hwm


class Terminal:
    """A process on a pseudo-terminal of COLUMNS x LINES; its output read and stripped.

    `text` is the output so far without escape sequences (cursor moves become line breaks),
    stripped chunk by chunk as it arrives so that looking for a string stays cheap.
    """

    def __init__(self, args: Sequence[str], env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color")
        full_env.pop("COLUMNS", None)
        full_env.pop("LINES", None)
        full_env.update(env or {})
        self.master = master
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""
        self.text = ""
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            list(args),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            # the pty becomes the controlling terminal, as in a terminal emulator
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
            close_fds=True,
        )
        os.close(slave)
        self.closed = False

    def _add(self, data: str) -> None:
        chunk = self.pending + data
        cut = chunk.rfind("\x1b")
        if (
            cut != -1
            and len(chunk) - cut < 64
            and not (_OTHER.match(chunk, cut) or _MOVE.match(chunk, cut))
        ):
            chunk, self.pending = chunk[:cut], chunk[cut:]  # an escape sequence cut in two
        else:
            self.pending = ""
        self.text += strip_ansi(chunk)

    def read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout` s); False at end of output."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return False
        self._add(self.decoder.decode(data))
        return True

    def wait_for(self, found: Callable[[str], bool], since: int = 0, timeout: float = 30.0) -> float:
        """Read until `found(text from offset since)`; returns the perf_counter then."""
        deadline = time.perf_counter() + timeout
        while True:
            if found(self.text[since:]):
                return time.perf_counter()
            if time.perf_counter() > deadline or not self.read(0.05):
                raise SystemExit(
                    f"benchmark: the screen did not show what was expected "
                    f"(exit {self.proc.poll()}); last output:\n{self.text[-2000:]}"
                )

    def drain(self, quiet: float) -> None:
        """Read until the output has been quiet for `quiet` seconds."""
        while True:
            before = len(self.text) + len(self.pending)
            if not self.read(quiet) or len(self.text) + len(self.pending) == before:
                return

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        """`q`, then a kill if it has not left within 3 s."""
        try:
            self.send(b"q")
        except OSError:
            pass
        deadline = time.perf_counter() + 3.0
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


def all_of(needles: Sequence[str]) -> Callable[[str], bool]:
    return lambda screen: all(n in screen for n in needles)


def paint_run(args: Sequence[str], needles: Sequence[str]) -> tuple[float, float, float, Terminal]:
    """Spawn, wait for the needles; (ms from spawn, RSS MB, HWM MB, the terminal still open)."""
    gc.collect()
    term = Terminal(args)
    painted = term.wait_for(all_of(needles), timeout=PAINT_TIMEOUT_S)
    rss, hwm = read_status(term.proc.pid)
    return (painted - term.start) * 1000.0, rss, hwm, term


def bench_paint(
    args: Sequence[str], needles: Sequence[str], repeat: int, keep_last: bool = False
) -> tuple[Paint, Terminal | None]:
    paint = Paint()
    last: Terminal | None = None
    for i in range(repeat):
        ms, rss, hwm, term = paint_run(args, needles)
        paint.times.append(ms)
        paint.rss_mb.append(rss)
        paint.hwm_mb.append(hwm)
        if keep_last and i == repeat - 1:
            last = term
        else:
            term.close()
    return paint, last


def prefix(name: str, size: int = 20) -> str:
    """A prefix of a name that a narrow column still shows whole."""
    return name[:size].rstrip()


def pty_key_check(term: Terminal, name: str, emotion: int, presses: int) -> Stats:
    """`-`/`+` on the first touchpoint (highlighted after start), each timed from the byte
    written until its row with the new value has come back in the terminal output."""
    from cjm_tui.palette import emotion_label

    term.drain(0.5)  # let the start settle
    value = emotion
    samples: list[float] = []
    for i in range(presses):
        up = value <= -2 or (value < 2 and i % 2 == 1)
        value += 1 if up else -1
        row = re.compile(
            r"(?:^|\s)" + re.escape(emotion_label(value)) + r"\s+[?✓]\s+" + re.escape(prefix(name))
        )
        since = len(term.text)
        t0 = time.perf_counter()
        term.send(b"+" if up else b"-")
        t1 = term.wait_for(lambda s: row.search(s) is not None, since=since, timeout=10.0)
        samples.append((t1 - t0) * 1000.0)
        term.drain(0.05)
    return Stats(samples)


# In-process keys -------------------------------------------------------------------


def highlighted_row(app: Any, option_list: Any) -> str:
    """The text of the option list's highlighted row as the screen would paint it now
    (the compositor renders the whole screen; an untimed check)."""
    strips = app.screen._compositor.render_strips()
    region = option_list.content_region
    y = region.y + option_list.highlighted - round(option_list.scroll_offset.y)
    if not region.y <= y < region.bottom:
        raise SystemExit("benchmark: the highlighted row is not in view")
    return str(strips[y].crop(region.x, region.right).text)


async def key_latencies(path: Path, presses: int) -> tuple[dict[str, Stats], float, list[str]]:
    from cjm_tui.model import Touchpoint
    from cjm_tui.palette import emotion_label
    from cjm_tui.tui.app import build_app
    from cjm_tui.tui.components.stages_pane import StagesPane

    notes: list[str] = []
    t0 = time.perf_counter()
    app = build_app(path, keymap={})
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await pilot.pause()
        mount_ms = (time.perf_counter() - t0) * 1000.0
        main = app.main
        m = app.om.map
        stage = m.stages[len(m.stages) // 2]
        main.query_one(StagesPane).highlight_uid(stage.uid)
        await pilot.pause()
        if main.stage != stage.id:
            raise SystemExit(f"benchmark: stage {stage.id} was not selected")
        tp_list = main.tp_list
        tp_list.focus()
        await pilot.pause()
        uids = [u for u in tp_list.uids if u is not None]
        middle = len(uids) // 2

        def current(uid: int) -> Touchpoint:
            tp = app.om.find(uid)
            assert isinstance(tp, Touchpoint)
            return tp

        movable = [
            i
            for i, u in enumerate(uids)
            if isinstance(current(u).emotion, int) and current(u).emotion < 2  # type: ignore[operator]
        ]
        pick = min(movable, key=lambda i: abs(i - middle), default=middle)
        uid = uids[pick]
        tp_list.highlight_uid(uid)
        await pilot.pause()
        tp = current(uid)
        notes.append(
            f"keys on touchpoint {tp.id!r}, row {pick + 1} of {len(uids)} in stage "
            f"{stage.id!r} (emotion {tp.emotion!r})"
        )
        name = prefix(tp.name)

        async def timed(key: str) -> float:
            gc.collect()
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            return (time.perf_counter() - start) * 1000.0

        def shows(pattern: str, what: str) -> str:
            row = highlighted_row(app, tp_list)
            if re.search(pattern, row) is None:
                raise SystemExit(f"benchmark: after {what} the row is {row!r}, not {pattern!r}")
            return row

        out: dict[str, Stats] = {}

        # + / - : the emotion moves by one and the row shows the new value.
        samples = []
        for i in range(presses):
            before = current(uid).emotion
            assert isinstance(before, int)
            key, delta = ("minus", -1) if i % 2 else ("plus", 1)
            version = app.om.version
            samples.append(await timed(key))
            after = current(uid).emotion
            if app.om.version == version or after != max(-2, min(2, before + delta)):
                raise SystemExit(f"benchmark: {key} did not change the emotion ({before}->{after})")
            assert isinstance(after, int)
            shows(r"(?:^|\s)" + re.escape(emotion_label(after)) + r"\s+[?✓]\s+" + re.escape(name), key)
        out["+ / -"] = Stats(samples)

        # m : the moment of truth toggles and the row's marker follows.
        samples = []
        for i in range(presses):
            was = current(uid).is_moment_of_truth
            version = app.om.version
            samples.append(await timed("m"))
            now = current(uid).is_moment_of_truth
            if app.om.version == version or now == was:
                raise SystemExit("benchmark: m did not toggle the moment of truth")
            row = shows(re.escape(name), "m")
            if ("◆" in row.split(name)[0]) != now:
                raise SystemExit(f"benchmark: after m the row is {row!r}")
        out["m"] = Stats(samples)

        # down / up : the selection moves (the model does not change), alternating.
        samples = []
        for i in range(presses):
            key = "up" if i % 2 else "down"
            index = tp_list.highlighted
            version = app.om.version
            samples.append(await timed(key))
            if tp_list.highlighted == index or app.om.version != version:
                raise SystemExit(f"benchmark: {key} did not move the selection")
            selected = main.selected_touchpoint()
            if selected is None:
                raise SystemExit("benchmark: no touchpoint selected after a move")
            shows(re.escape(prefix(selected.name)), key)
        out["down / up"] = Stats(samples)

        # ctrl+z : undo the edits above (2 x presses of them), one per press.
        samples = []
        for i in range(presses):
            if not app.om.can_undo:
                notes.append(f"ctrl+z: only {i} steps to undo")
                break
            version = app.om.version
            samples.append(await timed("ctrl+z"))
            if app.om.version == version:
                raise SystemExit("benchmark: ctrl+z did not undo")
            shown = main.selected_touchpoint()
            assert shown is not None
            row = shows(re.escape(prefix(shown.name)), "ctrl+z")
            if ("◆" in row.split(prefix(shown.name))[0]) != shown.is_moment_of_truth:
                raise SystemExit(f"benchmark: after ctrl+z the row is {row!r}")
        out["ctrl+z"] = Stats(samples)
    return out, mount_ms, notes


# Per size --------------------------------------------------------------------------


def bench_size(n: int, repeat: int, presses: int, workdir: Path) -> Result:
    if n >= LARGE:
        repeat = min(repeat, LARGE_REPEAT)
        presses = min(presses, LARGE_PRESSES)
    text = generate_map(n)
    data = text.encode("utf-8")
    source = workdir / f"map-{n}.toml"
    source.write_bytes(data)
    result = Result(n, len(data), repeat, presses)

    raw = tomllib.loads(text)
    title = raw["map"]["title"]
    first_stage = raw["stages"][0]["id"]
    firsts = [t for t in raw.get("touchpoints", []) if t["stage"] == first_stage][:2]
    needles = [prefix(title, 24), *dict.fromkeys(prefix(t["name"]) for t in firsts)]
    result.notes.append("first paint waits for " + ", ".join(repr(s) for s in needles))

    args = [sys.executable, "-m", "cjm_tui", "edit", str(source)]
    result.paint, term = bench_paint(args, needles, repeat, keep_last=True)
    assert term is not None
    first = firsts[0]
    emotion = first.get("emotion")
    if isinstance(emotion, int):
        result.pty_key = pty_key_check(term, first["name"], emotion, PTY_KEY_PRESSES)
    else:
        result.notes.append("pty key check skipped: the first touchpoint has no single emotion")
    term.close()
    # The run above edited nothing on disk (no save); the file must be as generated.
    if source.read_bytes() != data:
        raise SystemExit("benchmark: the map file changed during the pty runs")

    result.keys, result.mount_ms, notes = asyncio.run(key_latencies(source, presses))
    result.notes.extend(notes)
    return result


def tomlkit_before_paint(workdir: Path) -> str:
    """Whether tomlkit is imported before first paint, at TARGET_SIZE (an audit hook)."""
    text = generate_map(TARGET_SIZE)
    source = workdir / "probe.toml"
    source.write_text(text, encoding="utf-8")
    raw = tomllib.loads(text)
    firsts = [t for t in raw["touchpoints"] if t["stage"] == raw["stages"][0]["id"]][:2]
    needles = [prefix(raw["map"]["title"], 24), *(prefix(t["name"]) for t in firsts)]
    marker = workdir / "tomlkit-imported"
    term = Terminal(
        [sys.executable, "-c", TOMLKIT_PROBE, str(source)], env={"CJM_BENCH_PROBE": str(marker)}
    )
    term.wait_for(all_of(needles), timeout=PAINT_TIMEOUT_S)
    painted = time.monotonic()
    term.close()
    if not marker.exists():
        return "not imported (not before first paint, not until quit)"
    when = float(marker.read_text())
    return "IMPORTED before first paint" if when <= painted else "imported after first paint"


# Output ----------------------------------------------------------------------------

KEYS = ("+ / -", "m", "down / up", "ctrl+z")


def rows(bare: Paint) -> list[tuple[str, Callable[[Result], str]]]:
    out: list[tuple[str, Callable[[Result], str]]] = [
        ("file size", lambda r: f"{r.size_bytes / 1024:,.0f} KiB"),
        ("pty runs", lambda r: str(r.repeat)),
        ("(a) first paint, best (pty)", lambda r: f"{r.paint.best:,.0f} ms"),
        ("(a) first paint, median (pty)", lambda r: f"{r.paint.median:,.0f} ms"),
        ("(a) bare Textual app, best / median", lambda r: f"{bare.best:,.0f} / {bare.median:,.0f} ms"),
        ("(a) first paint / bare app (best)", lambda r: f"{r.paint.best / bare.best:.2f}x"),
        ("(b) RSS at first paint", lambda r: f"{r.paint.rss:,.0f} MB"),
        ("(b) bare app RSS", lambda r: f"{bare.rss:,.0f} MB"),
        (
            "(c) `-`/`+` in the pty, p50 / max",
            lambda r: f"{r.pty_key.p50:,.1f} / {r.pty_key.max:,.1f} ms" if r.pty_key else "-",
        ),
        ("(d) run_test start (mount + first refresh)", lambda r: f"{r.mount_ms:,.0f} ms"),
        ("(d) presses per key", lambda r: str(r.presses)),
    ]
    for key in KEYS:
        out.append(
            (
                f"(d) `{key}` p50 / p95 / max",
                lambda r, key=key: f"{r.keys[key].cell()} ms" if key in r.keys else "-",
            )
        )
    return out


def text_table(results: Sequence[Result], bare: Paint) -> str:
    head = ["touchpoints", *(f"{r.n:,}" for r in results)]
    body = [[label, *(fmt(r) for r in results)] for label, fmt in rows(bare)]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]

    def line(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells)

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule, *(line(row) for row in body)])


def markdown_table(results: Sequence[Result], bare: Paint) -> str:
    head = ["touchpoints", *(f"{r.n:,}" for r in results)]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * len(results)]
    for label, fmt in rows(bare):
        out.append("| " + " | ".join([label, *(fmt(r) for r in results)]) + " |")
    return "\n".join(out)


def targets(results: Sequence[Result], bare: Paint, tomlkit: str) -> list[str]:
    at = next((r for r in results if r.n == TARGET_SIZE), None)
    if at is None:
        return [f"targets: not measured (they are defined at {TARGET_SIZE:,} touchpoints)"]
    ratio = at.paint.best / bare.best
    plus = at.keys["+ / -"]
    lines = [
        f"target: first paint {TARGET_SIZE:,} <= {PAINT_TARGET_RATIO:g}x bare Textual app: "
        f"{'met' if ratio <= PAINT_TARGET_RATIO else 'not met'} ({ratio:.2f}x: "
        f"{at.paint.best:,.0f} ms vs {bare.best:,.0f} ms, best of {at.repeat}; medians "
        f"{at.paint.median:,.0f} vs {bare.median:,.0f} ms = "
        f"{at.paint.median / bare.median:.2f}x)",
        f"target: no tomlkit before first paint: "
        f"{'not met' if tomlkit.startswith('IMPORTED') else 'met'} (tomlkit {tomlkit})",
        f"target: `+` on screen < {KEY_TARGET_P95_MS:g} ms p95 at {TARGET_SIZE:,}: "
        f"{'met' if plus.p95 < KEY_TARGET_P95_MS else 'not met'} (p95 {plus.p95:,.1f} ms, "
        f"p50 {plus.p50:,.1f}, max {plus.max:,.1f}, {len(plus.samples)} presses)",
        f"target: RSS < {RSS_TARGET_MB:g} MB at {TARGET_SIZE:,}: "
        f"{'met' if at.paint.rss < RSS_TARGET_MB else 'not met'} ({at.paint.rss:,.0f} MB at "
        f"first paint, peak {at.paint.hwm:,.0f} MB; bare app {bare.rss:,.0f} MB)",
    ]
    for key in KEYS[1:]:
        s = at.keys.get(key)
        if s is not None:
            lines.append(
                f"also: `{key}` < {KEY_TARGET_P95_MS:g} ms p95 at {TARGET_SIZE:,}: "
                f"{'met' if s.p95 < KEY_TARGET_P95_MS else 'not met'} (p95 {s.p95:,.1f} ms)"
            )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the editor (paint, keys, memory).")
    parser.add_argument("--sizes", default="200,2000,20000", help="touchpoint counts")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help=f"pty runs per size, best and median taken (default 5; at most {LARGE_REPEAT} "
        f"from {LARGE:,})",
    )
    parser.add_argument(
        "--presses",
        type=int,
        default=100,
        help=f"timed presses per key (default 100; at most {LARGE_PRESSES} from {LARGE:,})",
    )
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--dir", metavar="DIR", help="where to create the temporary directory")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or args.presses < 2 or not sizes or min(sizes) < 1:
        parser.error("--repeat must be at least 1, --presses 2, every size 1")

    print(machine())
    import textual

    print(f"textual {textual.__version__}; terminal {COLUMNS}x{LINES}, TERM=xterm-256color")
    started = time.perf_counter()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="cjm-bench-tui-", dir=args.dir) as tmp:
        work = Path(tmp)
        print(f"temporary directory: {tmp}")
        print("benchmarking the bare Textual app...", file=sys.stderr, flush=True)
        bare_script = work / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        bare, _ = bench_paint([sys.executable, str(bare_script)], [BARE_WORD], args.repeat)
        for n in sizes:
            print(f"benchmarking {n:,} touchpoints...", file=sys.stderr, flush=True)
            results.append(bench_size(n, args.repeat, args.presses, work))
        print("checking imports before first paint...", file=sys.stderr, flush=True)
        tomlkit = tomlkit_before_paint(work)
    print()
    print(text_table(results, bare))
    print("(d) keys: in-process, `await pilot.press(key); await pilot.pause()` (ms)")
    for r in results:
        for note in r.notes:
            print(f"note ({r.n:,}): {note}")
    if args.markdown:
        print()
        print(markdown_table(results, bare))
    print()
    for line in targets(results, bare, tomlkit):
        print(line)
    print(f"total benchmark time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
