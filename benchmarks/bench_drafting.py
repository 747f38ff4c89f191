"""How many keys it takes to draft a map live: the clinic map of `clinic.py`, typed for real.

A new consultant at 80x24 builds the clinic map from nothing, through the editor's own keys
(`App.run_test` in this process, every key sent as the terminal would send it):

1. the skeleton: the map's title (`i`), three personas and six stages (`a` + form), twenty
   touchpoints on the quick-add line (`name @channel #stage`);
2. the grid (`g`): doing, thinking, feeling, expectation and experience lane by lane across
   the journey, then one emotion lane per persona (the value typed: `-2` ... `2`), the four
   moments of truth (`m`) and why (the reason lane);
3. five actions, each on its touchpoint: find it (`/`), `A`, the title, `ctrl+s`;
4. `ctrl+s`, and the saved file is read back and compared with what was typed, field by field
   (a key that lost text would show here, not only in the count).

It prints the keys pressed beyond the text itself (the text: every character of a name,
channel, lane text, emotion value or title that ends up in the file; everything else, `a`,
`enter`, `tab`, `@`, `#stage`, `/` and its query, counts as beyond), per filled grid cell and
per fully described touchpoint (all text lanes, three emotions, and for a moment of truth the
`m` and its reason), beside the same work on one touchpoint through the edit form (`e`).

Text is sent as fast as a paste: its keys go to the app without waiting between them (the
editor must not lose any); every other key waits until the app is idle, as a person does.

    python benchmarks/bench_drafting.py [--size 80x24]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clinic import ACTIONS, PERSONAS, STAGES, STEPS

from cjm_tui.store import MapFile
from cjm_tui.tui.app import CjmApp, build_app

TEXT_LANES = ("doing", "thinking", "feeling", "expectation", "experience")


class Typist:
    """Presses keys on the app and counts them: text (what ends up in the file) and the rest."""

    def __init__(self, app: CjmApp, pilot: Pilot[Any]) -> None:
        self.app = app
        self.pilot = pilot
        self.text = 0
        self.other = 0
        self.by_phase: Counter[str] = Counter()
        self.phase = ""

    async def type(self, text: str, syntax: int = 0) -> None:
        """`text` as keys, sent back to back (a fast typist), then wait until the app is idle;
        `syntax` of its characters are not content (`@`, quotes, spaces between tokens)."""
        driver = self.app._driver
        assert driver is not None
        for ch in text:
            key = ch if ch.isalnum() and len(ch) == 1 and ch.isascii() else _character_to_key(ch)
            event = events.Key(key, ch)
            event.set_sender(self.app)
            driver.send_message(event)
        self.text += len(text) - syntax
        self.other += syntax
        self.by_phase[self.phase] += syntax
        await self.pilot.pause()

    async def keys(self, *keys: str) -> None:
        """Keys that are not text, one at a time, each waited for."""
        for key in keys:
            await self.pilot.press(key)
        self.other += len(keys)
        self.by_phase[self.phase] += len(keys)

    async def syntax(self, text: str) -> None:
        """Typed characters that are not content (a find query): beyond the text."""
        await self.type(text, syntax=len(text))

    async def add_by_form(self, name: str) -> None:
        """`a` on the focused pane, the name typed in the form, `ctrl+s`."""
        app = self.app
        await self.keys("a")
        await until(self.pilot, lambda: app.screen is not app.main, "the form")
        await self.type(name)
        await self.keys("ctrl+s")
        await until(self.pilot, lambda: app.screen is app.main, "the main screen")


async def until(pilot: Pilot[Any], condition: Any, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def quick_add_line(step: Any) -> tuple[str, str]:
    """The content of a quick-add line (name + channel) and the line typed, for the selected
    stage."""
    channel = f'"{step.channel}"' if " " in step.channel else step.channel
    return step.name + step.channel, f"{step.name} @{channel}"


async def draft(size: tuple[int, int], path: Path) -> tuple[Typist, float, dict[str, int]]:
    app = build_app(path, keymap={})
    started = time.perf_counter()
    cells: dict[str, int] = Counter()
    async with app.run_test(size=size) as pilot:
        t = Typist(app, pilot)
        await pilot.pause()

        # 1. The skeleton ------------------------------------------------------------------
        t.phase = "skeleton"
        await t.keys("1", "i")  # the map's details from the Personas side
        await until(pilot, lambda: app.screen is not app.main, "the details form")
        await t.keys("ctrl+u")  # the title field holds the file's name: clear it
        await t.type("Clinic visit")
        await t.keys("ctrl+s")
        await until(pilot, lambda: app.screen is app.main, "the main screen")
        for name, _persona_id in PERSONAS:
            await t.add_by_form(name)
        await t.keys("2", "end")  # new stages go after the highlighted one: after the last
        defaults = [s.uid for s in app.om.map.stages]
        for name, _stage_id in STAGES:
            await t.add_by_form(name)
        for _ in defaults:  # then the new map's three stages go (a map keeps one at least)
            await t.keys("home", "down", "d", "y")
            await until(pilot, lambda: app.screen is app.main, "the main screen")
        assert [s.name for s in app.om.map.stages] == [name for name, _ in STAGES], [
            s.name for s in app.om.map.stages
        ]
        # Stage by stage, as a room walks the journey: the line goes to the selected stage.
        await t.keys("home", "down")  # past "All stages" to the first stage
        for number, (_name, stage_id) in enumerate(STAGES):
            if number:
                await t.keys("2", "down")
            await t.keys("3", "a")
            for step in (s for s in STEPS if s.stage == stage_id):
                content, line = quick_add_line(step)
                await t.type(line, syntax=len(line) - len(content))
                await t.keys("enter")
            await t.keys("escape")
        assert len(app.om.map.touchpoints) == len(STEPS), len(app.om.map.touchpoints)

        # 2. The grid -------------------------------------------------------------------------
        t.phase = "grid"
        await t.keys("g")
        await until(pilot, lambda: type(app.screen).__name__ == "GridScreen", "the grid")
        grid = app.screen
        lanes = [lane.key for lane in grid.view.grid.lanes]  # type: ignore[attr-defined]
        await t.keys("home")
        for lane in TEXT_LANES:
            await _to_lane(t, grid, lanes.index(lane))
            for i, step in enumerate(STEPS):
                await t.type(getattr(step, lane))
                await t.keys("tab" if i < len(STEPS) - 1 else "enter")
                cells[lane] += 1
            await t.keys("home")
        emotion_lanes = [i for i, key in enumerate(lanes) if key == "emotion"]
        for p, lane_index in enumerate(emotion_lanes):
            await _to_lane(t, grid, lane_index)
            for i, step in enumerate(STEPS):
                value = step.emotions[p]
                if value < 0:
                    await t.keys("enter")  # `-` on a resting cell lowers it: type in the editor
                await t.type(str(value))
                await t.keys("tab" if i < len(STEPS) - 1 else "enter")
                cells["emotion"] += 1
            await t.keys("home")
        moments = [i for i, step in enumerate(STEPS) if step.mot_reason]
        await _to_lane(t, grid, lanes.index("moment_of_truth"))
        column = 0
        for i in moments:
            await t.keys(*["right"] * (i - column), "m")
            column = i
            cells["moment_of_truth"] += 1
        await _to_lane(t, grid, lanes.index("mot_reason"))
        for i in moments:
            await t.keys(*["left" if i < column else "right"] * abs(i - column))
            await t.type(STEPS[i].mot_reason)
            await t.keys("tab")
            column = i + 1
            cells["mot_reason"] += 1
        await t.keys("escape")
        await until(pilot, lambda: app.screen is app.main, "the main screen")

        # 3. Actions --------------------------------------------------------------------------
        t.phase = "actions"
        for title, touchpoint in ACTIONS:
            name = next(s.name for s in STEPS if _ident(s.name) == touchpoint)
            await t.keys("slash")
            await until(pilot, lambda: app.screen is not app.main, "find")
            await t.syntax(name)
            await t.keys("enter")
            await until(pilot, lambda: app.screen is app.main, "the main screen")
            await t.keys("A")
            await until(pilot, lambda: app.screen is not app.main, "the action form")
            await t.type(title)
            await t.keys("ctrl+s")
            await until(pilot, lambda: app.screen is app.main, "the main screen")

        t.phase = "save"
        await t.keys("ctrl+s")
        await until(pilot, lambda: not app.om.dirty, "the save")
    return t, time.perf_counter() - started, dict(cells)


async def _to_lane(t: Typist, grid: Any, lane: int) -> None:
    """From the grid's current lane to `lane` by arrows (counted)."""
    now = grid.view.lane
    if lane != now:
        await t.keys(*(["down"] * (lane - now) if lane > now else ["up"] * (now - lane)))


def _ident(name: str) -> str:
    """The id quick-add makes from a name (its slug)."""
    from cjm_tui.model.ids import slugify

    return slugify(name)


def verify(path: Path) -> list[str]:
    """What the saved file lacks of what was typed (empty: everything is there)."""
    m = MapFile.load(path).map
    wrong: list[str] = []
    if m.info.title != "Clinic visit":
        wrong.append(f"title {m.info.title!r}")
    if [p.name for p in m.personas] != [p for p, _ in PERSONAS]:
        wrong.append(f"personas {[p.name for p in m.personas]}")
    if [s.name for s in m.stages] != [s for s, _ in STAGES]:
        wrong.append(f"stages {[s.name for s in m.stages]}")
    pids = [p.id for p in m.personas]
    for step, tp in zip(STEPS, m.touchpoints, strict=False):
        for key in ("name", "channel", *TEXT_LANES, "mot_reason"):
            want = getattr(step, key) or None
            if getattr(tp, key) != want:
                wrong.append(f"{tp.id}.{key} = {getattr(tp, key)!r}, typed {want!r}")
        stage = m.stage(tp.stage)
        if stage is None or stage.name != dict((i, n) for n, i in STAGES)[step.stage]:
            wrong.append(f"{tp.id}.stage = {tp.stage!r}")
        if [tp.emotion_for(p) for p in pids] != list(step.emotions):
            wrong.append(f"{tp.id}.emotion = {tp.emotion!r}, typed {step.emotions}")
        if bool(tp.moment_of_truth) != bool(step.mot_reason):
            wrong.append(f"{tp.id}.moment_of_truth = {tp.moment_of_truth!r}")
    if len(m.touchpoints) != len(STEPS):
        wrong.append(f"{len(m.touchpoints)} touchpoints")
    titles = sorted((a.title, a.touchpoint) for a in m.actions)
    if titles != sorted(ACTIONS):
        wrong.append(f"actions {titles}")
    return wrong


async def form_path(size: tuple[int, int], path: Path) -> tuple[int, int, list[str]]:
    """The same description of one touchpoint through the edit form: (text keys, others)."""
    step = STEPS[0]
    app = build_app(path, keymap={})
    async with app.run_test(size=size) as pilot:
        t = Typist(app, pilot)
        await pilot.pause()
        await t.keys("3", "home", "e")
        await until(pilot, lambda: app.screen is not app.main, "the form")
        form = app.screen
        labels: list[str] = []
        # Walk the fields with enter as a person does, typing where the lane has text.
        values = {
            "doing": step.doing + "!",
            "thinking": step.thinking + "!",
            "feeling": step.feeling + "!",
            "expectation": step.expectation + "!",
            "experience": step.experience + "!",
            "mot_reason": step.mot_reason + "!",
        }
        for _ in range(40):
            focused = app.focused
            field = getattr(focused, "field_key", None) or (focused.id or "")
            labels.append(str(field))
            key = next((k for k in values if field.endswith(k)), None)
            if key is not None:
                await t.keys("ctrl+u")
                await t.type(values.pop(key))
            if not values:
                break
            await t.keys("enter")
            if app.screen is not form:
                break
        await t.keys("ctrl+s")
        await until(pilot, lambda: app.screen is app.main, "the main screen")
    return t.text, t.other, labels


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clinic.toml"
        t, seconds, cells = asyncio.run(draft((width, height), path))
        wrong = verify(path)
        grid_cells = sum(cells.values())
        grid_keys = t.by_phase["grid"]
        described = len(STEPS)
        # Per fully described touchpoint: its quick-add syntax and enter, and its grid share.
        skeleton_tp = sum(len(quick_add_line(s)[1]) - len(quick_add_line(s)[0]) + 1 for s in STEPS)
        per_touchpoint = (skeleton_tp + grid_keys) / described
        print(f"clinic map at {width}x{height}, {seconds:.0f} s of keys in-process")
        print(f"  keys: {t.text} text, {t.other} beyond the text")
        for phase, n in t.by_phase.items():
            print(f"    {phase:<9} {n:>5} beyond the text")
        print(
            f"  grid: {grid_cells} cells filled with {grid_keys} keys beyond the text: "
            f"{grid_keys / grid_cells:.2f} per cell (target: at most 2)"
        )
        print(
            f"  per fully described touchpoint (quick-add syntax, text lanes, 3 emotions, "
            f"moment and why): {per_touchpoint:.1f} keys beyond the text "
            f"({skeleton_tp / described:.1f} on the quick-add line, "
            f"{grid_keys / described:.1f} in the grid; target: at most 20)"
        )
        form_text, form_other, _labels = asyncio.run(form_path((width, height), path))
        print(
            f"  the edit form (e), one touchpoint's five text lanes and why only: "
            f"{form_other} keys beyond {form_text} of text"
        )
        if wrong:
            print("  TYPED TEXT MISSING OR WRONG IN THE FILE:")
            for line in wrong[:20]:
                print("    " + unicodedata.normalize("NFC", line))
            raise SystemExit(1)
        print("  the saved file holds everything typed")


if __name__ == "__main__":
    main()
