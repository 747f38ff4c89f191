"""How fast the editor (`cjm edit`) paints and answers keys, and how much memory it holds.

For each size (200, 2,000 and 20,000 touchpoints by default), in a temporary directory, it
generates a realistic map (`generate.py`) and measures:

(a) first paint, as a person sees it: `python -m cjm_tui edit FILE` in a pseudo-terminal
    (TERM=xterm-256color, 120x40), timed from spawn until the map title and the first two
    touchpoints of the first stage have been written to the terminal (ANSI sequences
    stripped as the output arrives); best and median of R runs, then `q`. The floor is a
    bare Textual app (Header, Static, Footer) timed until its one word is on screen; the
    same bare app that first reads the map with `tomllib` shows what the parse alone costs.
    A second floor is the editor's first screen built in plain Textual (`LAYOUT_APP`: the
    same header, three lists, tabs, timeline box and footer, filled with made-up rows, no
    cjm code and no map): what Textual alone takes to draw that screen.
    Every program gets one untimed spawn first, which fills a private bytecode cache
    (PYTHONPYCACHEPREFIX), as an installed app has its .pyc files; `cjm edit` is also
    timed without it (an editable install under PYTHONDONTWRITEBYTECODE=1 compiles every
    cjm_tui module at every start).
(b) resident memory (VmRSS in /proc/PID/status) of both at first paint (median of R).
(c) one key end to end in that terminal: `-` / `+` on the first touchpoint, timed from the
    byte written until its row with the new value has come back in the output.
(d) in-process (`app.run_test(size=(120, 40))`) with a touchpoint in the middle of the
    middle stage selected, P presses each of `+`/`-` (alternating), `m`, `down`/`up`
    (alternating) and `ctrl+z`, every one checked against the model and the screen:
    - "pilot": the wall time of `await pilot.press(key); await pilot.pause()`. The harness
      sleeps in it (`wait_for_idle` sleeps 20 ms at least three times per press and again
      while the app is busy), so it has a floor well above 50 ms, measured here on a bare
      app with an OptionList (`floor` row);
    - "frame": from the key event to the first frame whose screen shows the key's effect
      (the new value, the moment marker, the moved highlight, the undone value), encoded as
      the ANSI text a terminal would get: what a person waits for;
    - "settled": from the key event to the last frame that key caused (details pane,
      timeline, scroll bars): when the whole screen has caught up.
    p50, p95 and max of each.
(e) in the same app, `v` (the analysis) and `p` (the presentation) opened up to 20 times
    each: key event to the first frame that shows the screen (its first table filled, its
    slide), closed again with escape (untimed). The floor is a bare app whose key pushes a
    screen of a Header, a Static and a Footer.

It also checks, with an audit hook in a separate run, that `tomlkit` is not imported before
first paint, and prints whether the targets are met; it never fails on a slow result.
`--profile KEY` prints where the time of KEY goes (cProfile, key event to settled frame)
at 2,000 touchpoints, instead of the benchmark.

    python benchmarks/bench_tui.py [--sizes 200,2000,20000] [--repeat R] [--presses P]
                                   [--markdown] [--dir DIR] [--profile plus|m|down|ctrl+z|v|p]
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import cProfile
import fcntl
import gc
import io
import os
import pstats
import pty
import re
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
from generate import generate_map
from report import machine

TARGET_SIZE = 2000
PAINT_TARGET_RATIO = 1.3
"""First paint against the bare app, in the pty, at every size."""
TMUX_PAINT_TARGET_RATIO = 1.5
"""The same measured by polling the screen of a tmux session."""
KEY_TARGET_P95_MS = 20.0
"""Key to frame at TARGET_SIZE (in-process frames and the pty)."""
TMUX_KEY_TARGET_P95_MS = 40.0
LARGE_KEY_TARGET_P95_MS = 60.0
OPEN_TARGET_MS = 150.0
"""`v` and `p`: key to the first frame showing their screen (the p95 is compared)."""
OPEN_PRESSES = 20
"""Opens per screen key (each closed again with escape, untimed)."""
RSS_TARGET_MB = 60.0
LARGE = 20000
"""From this size on, pty runs are capped at LARGE_REPEAT and presses at LARGE_PRESSES."""
LARGE_REPEAT = 5
LARGE_PRESSES = 30
COLUMNS, LINES = 120, 40
PAINT_TIMEOUT_S = 120.0
PTY_KEY_PRESSES = 20
ROW_PREFIX = 28
"""How much of a touchpoint row (marker, emotion, status, name) a check compares."""
BARE_WORD = "BenchReady4711"
BARE_APP = f"""\
import sys
import tomllib

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

if len(sys.argv) > 1:  # the floor plus the parse: read the map first, as cjm must
    with open(sys.argv[1], "rb") as f:
        tomllib.load(f)


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("{BARE_WORD}")
        yield Footer()


Bare().run()
"""
LAYOUT_WORD = "LayoutReady4711"
LAYOUT_APP = f"""\
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.lazy import Lazy
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane


class Layout(App[None]):
    \"\"\"The editor's first screen in plain Textual: the same widgets, no cjm code.\"\"\"

    CSS = \"\"\"
    #top {{ height: 1fr; }}
    #left {{ width: 26; }}
    OptionList {{ border: round $panel-lighten-2; height: 1fr; text-wrap: nowrap; }}
    #side {{ width: 42; }}
    #timeline {{ height: 11; border: round $panel-lighten-2; }}
    \"\"\"
    BINDINGS = [("q", "quit", "Quit"), *((key, f"key_{{key}}", f"Key {{key}}") for key in "wertyu")]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="top"):
            with Vertical(id="left"):
                yield OptionList(*[Text(f"Persona {{i}}") for i in range(4)])
                yield OptionList(*[Text(f"{{i}} Stage {{i}} ({{i}})") for i in range(8)])
            yield OptionList(
                *[
                    Text.assemble(("◆", "red"), (" -1", "red"), " ? ", f"Touchpoint {{i}}",
                                  ("  @web", "dim"))
                    for i in range(30)
                ]
            )
            with TabbedContent(id="side"):
                with TabPane("Details"):
                    yield Static("{LAYOUT_WORD}\\nDoes: a thing\\nThinks: a thought")
                with TabPane("Moments"):
                    yield Lazy(Static("moments"))
                with TabPane("Actions"):
                    yield Lazy(Static("actions"))
        yield Static("\\n".join(["·  " * 30] * 9), id="timeline")
        yield Footer(compact=True, show_command_palette=False)


Layout().run()
"""
"""The floor of the editor's own screen: what Textual alone takes to draw its widgets."""
# `cjm edit FILE` with an audit hook that notes when (time.monotonic) tomlkit is first
# imported; used only for that check, never for a timed run.
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
KEYS = ("+ / -", "m", "down / up", "ctrl+z")
OPEN_KEYS = ("v", "p")
"""Keys that open a screen: the analysis and the presentation (timed as (e), then escape)."""
OPEN_NAMES = {"v": "analysis", "p": "presentation"}
PROFILE_KEYS = {
    "plus": "+ / -",
    "m": "m",
    "down": "down / up",
    "ctrl+z": "ctrl+z",
    "v": "v",
    "p": "p",
}

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
    """Times of one measurement in ms."""

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
class KeyTimes:
    """One key's presses: pilot wall time, key to first frame showing it, key to settled."""

    pilot: Stats
    frame: Stats
    settled: Stats


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
    parse_floor: Paint = field(default_factory=Paint)
    cold: Paint = field(default_factory=Paint)
    pty_key: Stats | None = None
    tmux_paint: Paint | None = None
    tmux_key: Stats | None = None
    keys: dict[str, KeyTimes] = field(default_factory=dict)
    start_ms: float = 0.0
    notes: list[str] = field(default_factory=list)


# The pseudo-terminal ---------------------------------------------------------------


@dataclass
class Floors:
    """What the editor's figures are set against, measured once per run."""

    bare: Paint
    """The bare app's first paint in the pty."""
    layout: Paint
    """The editor's first screen built in plain Textual (`LAYOUT_APP`), in the pty."""
    keys: KeyTimes
    """A bare app's `down / up`, timed as the editor's keys are."""
    opened: KeyTimes
    """A bare app whose key pushes a screen (the floor of `v` and `p`)."""
    tmux_bare: Paint | None = None
    """The same two paints by tmux polling (None without tmux)."""
    tmux_layout: Paint | None = None


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
    """A process on a pseudo-terminal of COLUMNS x LINES, its output read as it comes.

    `text` is the output so far without escape sequences (cursor moves become line breaks),
    stripped chunk by chunk as it arrives so that looking for a string stays cheap.
    """

    def __init__(self, args: Sequence[str], env: dict[str, str | None] | None = None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color")
        for name, value in {"COLUMNS": None, "LINES": None, **(env or {})}.items():
            if value is None:
                full_env.pop(name, None)
            else:
                full_env[name] = value
        self.master = master
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""
        self.text = ""
        self.closed = False
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
        """Read what is there (waiting up to `timeout` s); False at the end of the output."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the other side is closed
            data = b""
        if not data:
            self.closed = True
            return False
        self._add(self.decoder.decode(data))
        return True

    def wait_for(
        self, found: Callable[[str], bool], since: int = 0, timeout: float = 30.0
    ) -> float:
        """Read until `found(text from offset since)`; returns the perf_counter then."""
        deadline = time.perf_counter() + timeout
        while True:
            if found(self.text[since:]):
                return time.perf_counter()
            if time.perf_counter() > deadline or not self.read(0.05):
                self.kill()
                raise SystemExit(
                    f"benchmark: the screen did not show what was expected "
                    f"(exit {self.proc.poll()}); last output:\n{self.text[-3000:]}"
                )

    def drain(self, quiet: float) -> None:
        """Read until the output has been quiet for `quiet` seconds."""
        while True:
            before = len(self.text) + len(self.pending)
            if not self.read(quiet) or len(self.text) + len(self.pending) == before:
                return

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def close(self) -> None:
        """`q`, then a kill if it has not left within 3 s."""
        with contextlib.suppress(OSError):
            self.send(b"q")
        deadline = time.perf_counter() + 3.0
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self.read(0.05)
        self.kill()
        os.close(self.master)


def all_of(needles: Sequence[str]) -> Callable[[str], bool]:
    return lambda screen: all(n in screen for n in needles)


def bench_paint(
    args: Sequence[str],
    needles: Sequence[str],
    repeat: int,
    env: dict[str, str | None],
    keep_last: bool = False,
) -> tuple[Paint, Terminal | None]:
    """R spawns, each timed until every needle is on screen, after one untimed spawn (it
    fills the bytecode and file caches); the last one is kept open if asked."""
    warm = Terminal(args, env)
    warm.wait_for(all_of(needles), timeout=PAINT_TIMEOUT_S)
    warm.close()
    paint = Paint()
    last: Terminal | None = None
    for i in range(repeat):
        gc.collect()
        term = Terminal(args, env)
        painted = term.wait_for(all_of(needles), timeout=PAINT_TIMEOUT_S)
        rss, hwm = read_status(term.proc.pid)
        paint.times.append((painted - term.start) * 1000.0)
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


def row_text(tp: Any) -> str:
    """The start of a touchpoint's row in the list (no persona chosen), as plain text."""
    from cjm_tui.tui.components.touchpoints_pane import touchpoint_prompt

    return touchpoint_prompt(tp, None).plain[:ROW_PREFIX]


def bumped(tp: Any, delta: int, personas: list[str]) -> Any:
    from cjm_tui.model import edits

    return replace(tp, emotion=edits.bumped_emotion(tp, delta, None, personas))


def key_sequence(tp: Any, personas: list[str], presses: int) -> list[bytes]:
    """`-` and `+` in turn on a touchpoint, each changing its row (the other way at the end
    of the scale)."""
    keys: list[bytes] = []
    for i in range(presses):
        delta = -1 if i % 2 == 0 else 1
        new = bumped(tp, delta, personas)
        if row_text(new) == row_text(tp):
            delta = -delta
            new = bumped(tp, delta, personas)
        keys.append(b"-" if delta < 0 else b"+")
        tp = new
    return keys


def pty_key_check(
    term: Terminal, tp: Any, personas: list[str], presses: int, settle: float = 0.0
) -> Stats:
    """`-`/`+` on the first touchpoint (highlighted after start), each timed from the byte
    written until its row with the new value has come back in the terminal output.

    A large map paints from a first look and is editable once the whole file has loaded:
    `settle` seconds are given to that load before the first key.
    """
    time.sleep(settle)
    term.drain(0.5)  # let the start settle
    samples: list[float] = []
    for i in range(presses):
        delta = -1 if i % 2 == 0 else 1
        new = bumped(tp, delta, personas)
        if row_text(new) == row_text(tp):  # at the end of the scale: go the other way
            delta = -delta
            new = bumped(tp, delta, personas)
        expected = row_text(new)
        since = len(term.text)
        t0 = time.perf_counter()
        term.send(b"-" if delta < 0 else b"+")
        t1 = term.wait_for(all_of([expected]), since=since, timeout=10.0)
        samples.append((t1 - t0) * 1000.0)
        tp = new
        term.drain(0.05)
    return Stats(samples)


# In-process keys -------------------------------------------------------------------


class FrameProbe:
    """Records the frames an app paints (in-process, headless).

    Each frame is encoded to the ANSI text a terminal would get (the headless driver skips
    that) and time-stamped. While armed with a check, the first frame after which the
    check passes is remembered; the time the check itself takes is taken off later stamps.
    """

    def __init__(self, app: Any) -> None:
        self.frames: list[float] = []
        self.first: float | None = None
        self.check: Callable[[], bool] | None = None
        self.overhead = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            now = time.perf_counter() - self.overhead
            original(screen, renderable)
            if renderable is None:
                return
            self.frames.append(now)
            if self.check is not None and self.first is None:
                start = time.perf_counter()
                ok = self.check()
                self.overhead += time.perf_counter() - start
                if ok:
                    self.first = now

        app._display = display

    def arm(self, check: Callable[[], bool] | None) -> None:
        self.frames.clear()
        self.first = None
        self.overhead = 0.0
        self.check = check


def highlighted_row(app: Any, option_list: Any) -> str:
    """The option list's highlighted row as the screen shows it now (the compositor renders
    the whole screen: an untimed check)."""
    strips = app.screen._compositor.render_strips()
    region = option_list.content_region
    if option_list.highlighted is None:
        return ""
    y = region.y + option_list.highlighted - round(option_list.scroll_offset.y)
    if not region.y <= y < region.bottom:
        return ""
    return str(strips[y].crop(region.x, region.right).text)


async def timed_press(
    pilot: Any, probe: FrameProbe, key: str, check: Callable[[], bool]
) -> tuple[float, float, float]:
    """(pilot wall, key to first frame passing `check`, key to last frame) in ms."""
    probe.arm(check)
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    wall = time.perf_counter() - start
    probe.check = None
    if probe.first is None:
        # Painted by no frame yet: one more frame (untimed as "frame"), or a failure.
        if not check():
            raise SystemExit(f"benchmark: after {key} the screen does not show its effect")
        first = wall
    else:
        first = probe.first - start
    settled = max([first, *(f - start for f in probe.frames if f >= start)])
    return wall * 1000.0, first * 1000.0, settled * 1000.0


class GcWatch:
    """How often the cyclic garbage collector ran its full (generation 2) pass, and for how
    long: at this scale those passes are a large part of the slowest presses."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self.other = 0.0
        self._start = 0.0

    def callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        elif info["generation"] == 2:
            self.full.append((time.perf_counter() - self._start) * 1000.0)
        else:
            self.other += (time.perf_counter() - self._start) * 1000.0

    def summary(self, presses: int) -> str:
        full = (
            f"{len(self.full)} full collections of {statistics.median(self.full):,.1f} ms "
            f"(median; max {max(self.full):,.1f})"
            if self.full
            else "no full collection"
        )
        return (
            f"gc during the {presses} presses: {full}, "
            f"{len(gc.get_objects()):,} tracked objects; younger generations "
            f"{self.other:,.0f} ms in all"
        )


def gc_watch() -> GcWatch:
    watch = GcWatch()
    gc.callbacks.append(watch.callback)
    return watch


async def key_latencies(
    path: Path, presses: int, profile: str | None = None
) -> tuple[dict[str, KeyTimes], float, list[str], str]:
    from cjm_tui.model import Touchpoint
    from cjm_tui.tui.app import build_app
    from cjm_tui.tui.components.stages_pane import StagesPane

    notes: list[str] = []
    t0 = time.perf_counter()
    app = build_app(path, keymap={})
    probe = FrameProbe(app)
    profiler = cProfile.Profile() if profile else None
    report = ""
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await pilot.pause()
        start_ms = (time.perf_counter() - t0) * 1000.0
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

        def movable(uid: int) -> bool:
            emotion = current(uid).emotion
            return isinstance(emotion, int) and emotion < 2

        pick = min(
            (i for i, u in enumerate(uids) if movable(u)),
            key=lambda i: abs(i - middle),
            default=middle,
        )
        uid = uids[pick]
        # One edit elsewhere first (untimed), so that the map stays unsaved through the
        # presses: otherwise every other `+`/`-` or `m` would bring it back to the saved
        # state and flip the header's "[unsaved]", which repaints the whole screen.
        tp_list.highlight_uid(uids[0] if uids[0] != uid else uids[-1])
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        if not app.om.dirty:
            raise SystemExit("benchmark: the priming edit did not make the map unsaved")
        tp_list.highlight_uid(uid)
        await pilot.pause()
        tp = current(uid)
        notes.append(
            f"keys on touchpoint {tp.id!r}, row {pick + 1} of {len(uids)} in stage "
            f"{stage.id!r} (emotion {tp.emotion!r}); the map is left unsaved by an untimed "
            f"`m` on another touchpoint first"
        )
        collections = gc_watch()

        def shows_selected() -> bool:
            selected = main.selected_touchpoint()
            return selected is not None and row_text(selected) in highlighted_row(app, tp_list)

        out: dict[str, KeyTimes] = {}

        async def run(label: str, keys: Sequence[str], changed: Callable[[Any], bool]) -> None:
            """Press keys[i % len(keys)] P times; `changed(state before)` confirms each."""
            if profile and PROFILE_KEYS[profile] != label:
                return
            pilot_ms, frame_ms, settled_ms = [], [], []
            for i in range(presses):
                key = keys[i % len(keys)]
                before = (app.om.version, tp_list.highlighted, main.selected_touchpoint())

                def check(before: Any = before) -> bool:
                    if profiler:
                        profiler.disable()  # the check is not the app's time
                    try:
                        return changed(before) and shows_selected()
                    finally:
                        if profiler:
                            profiler.enable()

                if profiler:
                    profiler.enable()
                times = await timed_press(pilot, probe, key, check)
                if profiler:
                    profiler.disable()
                if not changed(before):
                    raise SystemExit(f"benchmark: {key} did not do what it should")
                pilot_ms.append(times[0])
                frame_ms.append(times[1])
                settled_ms.append(times[2])
            out[label] = KeyTimes(Stats(pilot_ms), Stats(frame_ms), Stats(settled_ms))

        def edited(before: Any) -> bool:
            return bool(app.om.version != before[0])

        def emotion_moved(before: Any) -> bool:
            old, new = before[2], main.selected_touchpoint()
            return edited(before) and new is not None and new.emotion != old.emotion

        def marker_flipped(before: Any) -> bool:
            old, new = before[2], main.selected_touchpoint()
            return (
                edited(before)
                and new is not None
                and new.is_moment_of_truth != old.is_moment_of_truth
            )

        def moved(before: Any) -> bool:
            return bool(tp_list.highlighted != before[1] and app.om.version == before[0])

        await run("+ / -", ("plus", "minus"), emotion_moved)
        await run("m", ("m",), marker_flipped)
        await run("down / up", ("down", "up"), moved)
        if tp_list.highlighted_uid != uid:
            tp_list.highlight_uid(uid)
            await pilot.pause()
        if profile == "ctrl+z":
            for _ in range(presses):  # something to undo (only ctrl+z is profiled)
                await pilot.press("m")
            await pilot.pause()
        await run("ctrl+z", ("ctrl+z",), edited)

        from cjm_tui.tui.screens.analysis import AnalysisScreen
        from cjm_tui.tui.screens.present import PresentScreen

        def analysis_shown() -> bool:
            screen = app.screen
            return isinstance(screen, AnalysisScreen) and screen._table("moments").row_count > 0

        def presentation_shown() -> bool:
            return isinstance(app.screen, PresentScreen)

        for key, shown in (("v", analysis_shown), ("p", presentation_shown)):
            if profile and PROFILE_KEYS[profile] != key:
                continue
            opened = []
            for _ in range(min(presses, OPEN_PRESSES)):

                def check(shown: Callable[[], bool] = shown) -> bool:
                    if profiler:
                        profiler.disable()
                    try:
                        return shown()
                    finally:
                        if profiler:
                            profiler.enable()

                if profiler:
                    profiler.enable()
                opened.append(await timed_press(pilot, probe, key, check))
                if profiler:
                    profiler.disable()
                await pilot.press("escape")
                await pilot.pause()
                if shown() or app.screen is not main:
                    raise SystemExit(f"benchmark: escape did not close the screen of {key}")
            out[key] = KeyTimes(*(Stats([t[k] for t in opened]) for k in range(3)))
        gc.callbacks.remove(collections.callback)
        notes.append(collections.summary(sum(len(t.frame.samples) for t in out.values())))
        if profiler:
            buf = io.StringIO()
            stats = pstats.Stats(profiler, stream=buf)
            stats.sort_stats("cumulative").print_stats(r"cjm_tui|_compositor|screen\.py", 45)
            stats.sort_stats("tottime").print_stats(25)
            report = buf.getvalue()
    return out, start_ms, notes, report


async def harness_floor(presses: int) -> KeyTimes:
    """The same timing on a bare app (Header, OptionList, Footer), `down` / `up`."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, OptionList

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield OptionList(*(f"item {i}" for i in range(100)))
            yield Footer()

    app = Floor()
    probe = FrameProbe(app)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        options.focus()
        options.highlighted = 10
        await pilot.pause()
        times = []
        for i in range(presses):
            before = options.highlighted

            def moved(before: int | None = before) -> bool:
                return options.highlighted != before

            times.append(await timed_press(pilot, probe, "up" if i % 2 else "down", moved))
    return KeyTimes(*(Stats([t[k] for t in times]) for k in range(3)))


# tmux: what a person sees, by polling the screen --------------------------------------

TMUX_SESSION = "cjm-bench"
TMUX_POLL_S = 0.002


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)
    return done.stdout


def _tmux_start(args: Sequence[str], env: dict[str, str | None]) -> float:
    _tmux("kill-session", "-t", TMUX_SESSION)
    sets = [f"{k}={v}" for k, v in env.items() if v is not None]
    unsets = [k for k, v in env.items() if v is None]
    command = " ".join(shlex.quote(a) for a in args)
    if unsets:
        command = f"env {' '.join('-u ' + k for k in unsets)} {command}"
    start = time.perf_counter()
    flags = [f for kv in sets for f in ("-e", kv)]
    _tmux("new-session", "-d", "-s", TMUX_SESSION, "-x", "100", "-y", "30", *flags, command)
    return start


def _tmux_wait(check: Callable[[str], bool], timeout: float) -> tuple[float, str]:
    deadline = time.perf_counter() + timeout
    while True:
        screen = _tmux("capture-pane", "-p", "-t", TMUX_SESSION)
        now = time.perf_counter()
        if check(screen):
            return now, screen
        if now > deadline:
            raise SystemExit(f"benchmark: tmux never showed it; last screen:\n{screen}")
        time.sleep(TMUX_POLL_S)


def _tmux_stop(timeout: float = 10.0) -> None:
    """End the timed session and wait for its program to be gone: an editor still closing
    holds the map's lock, and the next run's editor would join it instead of opening it."""
    pid = int(_tmux("display-message", "-p", "-t", TMUX_SESSION, "#{pane_pid}").strip() or 0)
    pids = _descendants(pid) if pid else []
    _tmux("kill-session", "-t", TMUX_SESSION)
    deadline = time.perf_counter() + timeout
    while pids and time.perf_counter() < deadline:
        pids = [p for p in pids if Path(f"/proc/{p}").exists()]
        time.sleep(0.01)


def _descendants(pid: int) -> list[int]:
    """`pid` and its children's children (Linux's /proc), the shell tmux runs included."""
    found = [pid]
    for p in found:
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                found += [int(c) for c in task.read_text().split()]
    return found


def _row_changed(at: int, before: str, screen: str) -> bool:
    lines = screen.splitlines()
    return at < len(lines) and lines[at] != before


def tmux_paint(
    args: Sequence[str],
    needles: Sequence[str],
    repeat: int,
    env: dict[str, str | None],
    key_row: str | None = None,
    keys_to_press: Sequence[bytes] = (),
    settle: float = 1.0,
) -> tuple[Paint, Stats | None]:
    """First paint in a tmux session (100x30), polling `capture-pane` every 2 ms, R runs
    after one untimed one. With `key_row`: in the last run, `-`/`+` pressed P times
    (`send-keys`, `keys_to_press`), each timed until the screen line that held `key_row` has
    changed."""
    paint = Paint()
    keys: list[float] = []
    # A session that outlives the timed ones keeps the tmux server up: starting the server
    # is tmux's own cost, not the program's.
    _tmux("new-session", "-d", "-s", TMUX_SESSION + "-keep", "sleep 3600")
    for i in range(repeat + 1):
        gc.collect()
        start = _tmux_start(args, {**env, "TERM": "xterm-256color"})
        painted, screen = _tmux_wait(all_of(needles), PAINT_TIMEOUT_S)
        if i:
            paint.times.append((painted - start) * 1000.0)
        if i == repeat and key_row is not None:
            time.sleep(settle)  # a large map finishes loading first
            for key in keys_to_press:
                _, screen = _tmux_wait(lambda s: key_row in s, 30.0)
                lines = screen.splitlines()
                at = next(k for k, line in enumerate(lines) if key_row in line)
                t0 = time.perf_counter()
                _tmux("send-keys", "-t", TMUX_SESSION, "-l", key.decode())
                t1, _ = _tmux_wait(partial(_row_changed, at, lines[at]), 10.0)
                keys.append((t1 - t0) * 1000.0)
                time.sleep(0.05)
        _tmux_stop()
    _tmux("kill-session", "-t", TMUX_SESSION + "-keep")
    return paint, (Stats(keys) if keys else None)


async def open_floor(presses: int) -> KeyTimes:
    """(e)'s floor: a bare app whose key pushes a screen (Header, Static, Footer)."""
    from textual.app import App, ComposeResult
    from textual.binding import BindingType
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Pushed(Screen[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("escape", "app.pop_screen", "Back")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("pushed")
            yield Footer()

    class Floor(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("v", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("main")
            yield Footer()

        def action_open(self) -> None:
            self.push_screen(Pushed())

    app = Floor()
    probe = FrameProbe(app)
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await pilot.pause()
        times = []
        for _ in range(min(presses, OPEN_PRESSES)):
            times.append(
                await timed_press(pilot, probe, "v", lambda: isinstance(app.screen, Pushed))
            )
            await pilot.press("escape")
            await pilot.pause()
    return KeyTimes(*(Stats([t[k] for t in times]) for k in range(3)))


# Per size --------------------------------------------------------------------------


def warm_env(workdir: Path) -> dict[str, str | None]:
    """Child processes keep compiled bytecode in a private cache (filled by the untimed
    first spawn), as an installed app has it; without this, an editable install under
    PYTHONDONTWRITEBYTECODE=1 compiles every cjm_tui module on every start."""
    return {"PYTHONDONTWRITEBYTECODE": None, "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}


COLD_ENV: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": None}
"""No bytecode written: only what the installed packages ship (textual has it, an editable
cjm_tui has none)."""


def what_to_wait_for(source: Path) -> tuple[list[str], Any, list[str]]:
    """(what first paint shows: the title and the first stage's first two touchpoints, the
    first touchpoint, the persona ids); the loaded map itself is not kept."""
    from cjm_tui.store import MapFile

    m = MapFile.load(source).map
    first_stage = [tp for tp in m.journey() if tp.stage == m.stages[0].id][:2]
    needles = [prefix(m.info.title, 24), *dict.fromkeys(prefix(t.name) for t in first_stage)]
    return needles, first_stage[0], [p.id for p in m.personas]


def bench_size(n: int, repeat: int, presses: int, workdir: Path, bare_script: Path) -> Result:
    if n >= LARGE:
        repeat = min(repeat, LARGE_REPEAT)
        presses = min(presses, LARGE_PRESSES)
    text = generate_map(n)
    data = text.encode("utf-8")
    source = workdir / f"map-{n}.toml"
    source.write_bytes(data)
    result = Result(n, len(data), repeat, presses)

    needles, first, personas = what_to_wait_for(source)
    result.notes.append("first paint waits for " + ", ".join(repr(s) for s in needles))

    env = warm_env(workdir)
    result.parse_floor, _ = bench_paint(
        [sys.executable, str(bare_script), str(source)], [BARE_WORD], repeat, env
    )
    args = [sys.executable, "-m", "cjm_tui", "edit", str(source)]
    result.cold, _ = bench_paint(args, needles, repeat, COLD_ENV)
    result.paint, term = bench_paint(args, needles, repeat, env, keep_last=True)
    assert term is not None
    try:
        settle = 1.0 + source.stat().st_size / 2_000_000  # ~5 s for 8 MB
        result.pty_key = pty_key_check(term, first, personas, PTY_KEY_PRESSES, settle)
    finally:
        term.close()
    if have_tmux():
        result.tmux_paint, result.tmux_key = tmux_paint(
            args,
            needles,
            repeat,
            env,
            key_row=prefix(first.name),
            keys_to_press=key_sequence(first, personas, PTY_KEY_PRESSES),
            settle=settle,
        )
        from cjm_tui.editing.recovery import remove_draft

        remove_draft(source)
    if source.read_bytes() != data:  # nothing was saved
        raise SystemExit("benchmark: the map file changed during the pty runs")
    # The pty editor was killed with unsaved presses: its recovery draft would make the next
    # editor open with the restore dialog in front.
    from cjm_tui.editing.recovery import remove_draft

    remove_draft(source)

    del text, data
    gc.collect()  # this process holds no other map while the app runs: the same GC work
    result.keys, result.start_ms, notes, _ = asyncio.run(key_latencies(source, presses))
    result.notes.extend(notes)
    return result


def tomlkit_before_paint(workdir: Path) -> str:
    """Whether tomlkit is imported before first paint at TARGET_SIZE (an audit hook)."""
    source = workdir / "probe.toml"
    source.write_text(generate_map(TARGET_SIZE), encoding="utf-8")
    needles, _, _ = what_to_wait_for(source)
    marker = workdir / "tomlkit-imported"
    term = Terminal(
        [sys.executable, "-c", TOMLKIT_PROBE, str(source)],
        env={**warm_env(workdir), "CJM_BENCH_PROBE": str(marker)},
    )
    term.wait_for(all_of(needles), timeout=PAINT_TIMEOUT_S)
    painted = time.monotonic()
    term.close()
    if not marker.exists():
        return "not imported (neither before first paint nor until quit)"
    when = float(marker.read_text())
    return "IMPORTED before first paint" if when <= painted else "imported after first paint"


# Output ----------------------------------------------------------------------------


def rows(floors: Floors) -> list[tuple[str, Callable[[Result], str]]]:
    bare, layout, opened = floors.bare, floors.layout, floors.opened
    tmux_bare, tmux_layout = floors.tmux_bare, floors.tmux_layout

    def ms(value: float) -> str:
        return f"{value:,.0f} ms"

    out: list[tuple[str, Callable[[Result], str]]] = [
        ("file size", lambda r: f"{r.size_bytes / 1024:,.0f} KiB"),
        ("pty runs per figure", lambda r: str(r.repeat)),
        ("(a) cjm edit: first paint, best", lambda r: ms(r.paint.best)),
        ("(a) cjm edit: first paint, median", lambda r: ms(r.paint.median)),
        (
            "(a) the same without bytecode cache, best",
            lambda r: ms(r.cold.best),
        ),
        ("(a) bare Textual app, best / median", lambda r: f"{bare.best:,.0f} / {ms(bare.median)}"),
        (
            "(a) bare app + tomllib.load of the map, best",
            lambda r: ms(r.parse_floor.best),
        ),
        ("(a) first paint / bare app (best)", lambda r: f"{r.paint.best / bare.best:.2f}x"),
        ("(a) first paint / bare app (median)", lambda r: f"{r.paint.median / bare.median:.2f}x"),
        (
            "(a) the editor's layout in plain Textual, best / median",
            lambda r: f"{layout.best:,.0f} / {ms(layout.median)}",
        ),
        ("(a) that layout / bare app (median)", lambda r: f"{layout.median / bare.median:.2f}x"),
        (
            "(a) first paint / that layout (median)",
            lambda r: f"{r.paint.median / layout.median:.2f}x",
        ),
        ("(b) cjm edit: RSS at first paint", lambda r: f"{r.paint.rss:,.0f} MB"),
        ("(b) bare Textual app: RSS", lambda r: f"{bare.rss:,.0f} MB"),
        (
            "(c) `-`/`+` in the terminal: p50 / p95 / max",
            lambda r: f"{r.pty_key.cell()} ms" if r.pty_key else "-",
        ),
        (
            "(e) tmux polling: first paint best / median",
            lambda r: (
                f"{r.tmux_paint.best:,.0f} / {ms(r.tmux_paint.median)}" if r.tmux_paint else "-"
            ),
        ),
        (
            "(e) tmux polling: bare app best / median",
            lambda r: f"{tmux_bare.best:,.0f} / {ms(tmux_bare.median)}" if tmux_bare else "-",
        ),
        (
            "(e) tmux polling: the layout in plain Textual, best / median",
            lambda r: f"{tmux_layout.best:,.0f} / {ms(tmux_layout.median)}" if tmux_layout else "-",
        ),
        (
            "(e) tmux polling: first paint / bare app (median)",
            lambda r: (
                f"{r.tmux_paint.median / tmux_bare.median:.2f}x"
                if r.tmux_paint and tmux_bare
                else "-"
            ),
        ),
        (
            "(e) tmux polling: `-`/`+` p50 / p95 / max",
            lambda r: f"{r.tmux_key.cell()} ms" if r.tmux_key else "-",
        ),
        ("(d) run_test start to first pause", lambda r: ms(r.start_ms)),
        ("(d) presses per key", lambda r: str(r.presses)),
    ]

    def key_cell(key: str, kind: str, r: Result) -> str:
        return f"{getattr(r.keys[key], kind).cell()} ms" if key in r.keys else "-"

    def floor_cell(kind: str, r: Result) -> str:
        return f"{getattr(floors.keys, kind).cell()} ms"

    for kind in ("frame", "settled", "pilot"):
        for key in KEYS:
            out.append((f"(d) {kind}: `{key}` p50 / p95 / max", partial(key_cell, key, kind)))
        out.append((f"(d) {kind}: bare app `down / up` (floor)", partial(floor_cell, kind)))
    for key in OPEN_KEYS:
        out.append(
            (
                f"(e) frame: `{key}` opens the {OPEN_NAMES[key]} p50 / p95 / max "
                f"(target {OPEN_TARGET_MS:g} ms)",
                partial(key_cell, key, "frame"),
            )
        )
    out.append(
        (
            "(e) frame: bare app, a key pushes a screen (floor)",
            lambda r: f"{opened.frame.cell()} ms",
        )
    )
    return out


def _table(results: Sequence[Result], floors: Floors) -> tuple[list[str], list[list[str]]]:
    head = ["touchpoints", *(f"{r.n:,}" for r in results)]
    return head, [[label, *(fmt(r) for r in results)] for label, fmt in rows(floors)]


def text_table(results: Sequence[Result], floors: Floors) -> str:
    return report.text_table(*_table(results, floors))


def markdown_table(results: Sequence[Result], floors: Floors) -> str:
    return report.markdown_table(*_table(results, floors))


def met(ok: bool) -> str:
    return "met" if ok else "not met"


def targets(results: Sequence[Result], floors: Floors, tomlkit: str) -> list[str]:
    """Every target of the editor's speed, met or not, with its figure and its floor."""
    bare, layout, opened, tmux_bare = floors.bare, floors.layout, floors.opened, floors.tmux_bare
    lines = []
    for r in results:
        ratio = r.paint.median / bare.median
        lines.append(
            f"target: first paint at {r.n:,} <= {PAINT_TARGET_RATIO:g}x a bare Textual app "
            f"(pty, medians of {r.repeat}): {met(ratio <= PAINT_TARGET_RATIO)} ({ratio:.2f}x: "
            f"{r.paint.median:,.0f} vs {bare.median:,.0f} ms; best {r.paint.best:,.0f} vs "
            f"{bare.best:,.0f} ms; the bare app parsing the map with tomllib "
            f"{r.parse_floor.median:,.0f} ms)"
        )
        lines.append(
            f"  beside it: the editor's layout in plain Textual (no cjm code, no map) paints "
            f"in {layout.median:,.0f} ms, {layout.median / bare.median:.2f}x the bare app; "
            f"the editor takes {r.paint.median / layout.median:.2f}x that layout"
        )
        if r.tmux_paint is not None and tmux_bare is not None:
            tmux = r.tmux_paint.median / tmux_bare.median
            lines.append(
                f"target: the same by tmux polling <= {TMUX_PAINT_TARGET_RATIO:g}x: "
                f"{met(tmux <= TMUX_PAINT_TARGET_RATIO)} ({tmux:.2f}x: "
                f"{r.tmux_paint.median:,.0f} vs {tmux_bare.median:,.0f} ms"
                + (
                    f"; the layout in plain Textual {floors.tmux_layout.median:,.0f} ms)"
                    if floors.tmux_layout is not None
                    else ")"
                )
            )
        else:
            lines.append("target: first paint by tmux polling: not measured (no tmux)")
        limit = LARGE_KEY_TARGET_P95_MS if r.n >= LARGE else KEY_TARGET_P95_MS
        if r.n >= TARGET_SIZE:
            for key in KEYS:
                times = r.keys.get(key)
                if times is not None:
                    lines.append(
                        f"target: `{key}` key to frame at {r.n:,} < {limit:g} ms p95: "
                        f"{met(times.frame.p95 < limit)} (p95 {times.frame.p95:,.1f} ms, p50 "
                        f"{times.frame.p50:,.1f}; the bare app's `down / up`: p95 "
                        f"{floors.keys.frame.p95:,.1f} ms)"
                    )
            if r.pty_key is not None:
                lines.append(
                    f"target: `-`/`+` in a pty at {r.n:,} < {limit:g} ms p95: "
                    f"{met(r.pty_key.p95 < limit)} (p95 {r.pty_key.p95:,.1f} ms)"
                )
            if r.tmux_key is not None and r.n == TARGET_SIZE:
                lines.append(
                    f"target: `-`/`+` by tmux polling at {r.n:,} < {TMUX_KEY_TARGET_P95_MS:g} ms "
                    f"p95: {met(r.tmux_key.p95 < TMUX_KEY_TARGET_P95_MS)} (p95 "
                    f"{r.tmux_key.p95:,.1f} ms)"
                )
        if r.n == TARGET_SIZE:
            lines.append(
                f"target: RSS after first paint < {RSS_TARGET_MB:g} MB at {r.n:,}: "
                f"{met(r.paint.rss < RSS_TARGET_MB)} ({r.paint.rss:,.0f} MB; bare app "
                f"{bare.rss:,.0f} MB)"
            )
            for key in OPEN_KEYS:
                times = r.keys.get(key)
                if times is None:
                    continue
                floor_text = (
                    f"; floor: a bare app pushing a screen, p50 {opened.frame.p50:,.1f} ms, "
                    f"ratio {times.frame.p50 / opened.frame.p50:.1f}x"
                )
                lines.append(
                    f"target: `{key}` opens the {OPEN_NAMES[key]} within {OPEN_TARGET_MS:g} ms "
                    f"at {r.n:,}, key to frame: {met(times.frame.p95 <= OPEN_TARGET_MS)} "
                    f"(p95 {times.frame.p95:,.1f} ms, p50 {times.frame.p50:,.1f}, max "
                    f"{times.frame.max:,.1f}, {len(times.frame.samples)} opens{floor_text})"
                )
    lines.append(
        f"target: no tomlkit before first paint: {met(not tomlkit.startswith('IMPORTED'))} "
        f"(tomlkit {tomlkit})"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the editor (paint, keys, memory).")
    parser.add_argument("--sizes", default="30,2000,20000", help="touchpoint counts")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help=f"pty runs per figure, best and median taken (default 5; at most {LARGE_REPEAT} "
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
    parser.add_argument(
        "--profile",
        choices=sorted(PROFILE_KEYS),
        help=f"profile one key at {TARGET_SIZE:,} touchpoints (cProfile) instead",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or args.presses < 2 or not sizes or min(sizes) < 1:
        parser.error("--repeat must be at least 1, --presses 2, every size 1")

    import textual

    print(machine())
    print(
        f"textual {textual.__version__}; terminal {COLUMNS}x{LINES}, TERM=xterm-256color; "
        f"subprocesses with a warmed private bytecode cache (PYTHONPYCACHEPREFIX) unless said"
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cjm-bench-tui-", dir=args.dir) as tmp:
        work = Path(tmp)
        if args.profile:
            source = work / f"map-{TARGET_SIZE}.toml"
            source.write_text(generate_map(TARGET_SIZE), encoding="utf-8")
            keys, _, notes, report = asyncio.run(
                key_latencies(source, args.presses, profile=args.profile)
            )
            for label, times in keys.items():
                print(
                    f"{label} (under cProfile): frame {times.frame.cell()} ms, settled "
                    f"{times.settled.cell()} ms"
                )
            print("\n".join(notes))
            print(report)
            return 0
        print(f"temporary directory: {tmp}")
        print("benchmarking the bare Textual app...", file=sys.stderr, flush=True)
        bare_script = work / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        bare, _ = bench_paint(
            [sys.executable, str(bare_script)], [BARE_WORD], args.repeat, warm_env(work)
        )
        layout_script = work / "layout_app.py"
        layout_script.write_text(LAYOUT_APP, encoding="utf-8")
        layout_args = [sys.executable, str(layout_script)]
        layout_needles = [LAYOUT_WORD, "Touchpoint 1"]
        layout, _ = bench_paint(layout_args, layout_needles, args.repeat, warm_env(work))
        floors = Floors(
            bare,
            layout,
            keys=asyncio.run(harness_floor(args.presses)),
            opened=asyncio.run(open_floor(args.presses)),
        )
        if have_tmux():
            floors.tmux_bare, _ = tmux_paint(
                [sys.executable, str(bare_script)], [BARE_WORD], args.repeat, warm_env(work)
            )
            floors.tmux_layout, _ = tmux_paint(
                layout_args, layout_needles, args.repeat, warm_env(work)
            )
        results: list[Result] = []
        for n in sizes:
            print(f"benchmarking {n:,} touchpoints...", file=sys.stderr, flush=True)
            results.append(bench_size(n, args.repeat, args.presses, work, bare_script))
        print("checking imports before first paint...", file=sys.stderr, flush=True)
        tomlkit = tomlkit_before_paint(work)
    print()
    print(text_table(results, floors))
    print(
        "(d) frame: key event to the first frame that shows its effect; settled: to the last "
        "frame it caused; pilot: `await pilot.press(key); await pilot.pause()` wall time"
    )
    for r in results:
        for note in r.notes:
            print(f"note ({r.n:,}): {note}")
    if args.markdown:
        print()
        print(markdown_table(results, floors))
    print()
    for line in targets(results, floors, tomlkit):
        print(line)
    print(f"total benchmark time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
