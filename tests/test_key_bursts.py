"""Keys that arrive in one burst (a lagging SSH connection, a fast typist, tmux send-keys)
land where they would have landed one by one.

The driver posts every key of a burst to the app before any widget has handled the first;
these tests post them the same way (all at once, no pause between) and then wait.
"""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

from textual import events
from textual.widgets import Input

from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.screens.choice import ChoiceDialog
from cjm_tui.tui.screens.form import EditForm

from .conftest import SAMPLES, until

SIZE = (100, 30)


def burst(app: CjmApp, text: str) -> None:
    """Every character of `text` as a key event, posted at once (`\\r` is enter, `↓` down)."""
    for ch in text:
        if ch == "↓":
            app.post_message(events.Key("down", None))
        elif ch == "+":
            app.post_message(events.Key("plus", "+"))
        elif ch == "-":
            app.post_message(events.Key("minus", "-"))
        elif ch == "\r":
            app.post_message(events.Key("enter", "\r"))
        elif ch == " ":
            app.post_message(events.Key("space", " "))
        else:
            app.post_message(events.Key(ch, ch))


async def test_lines_typed_in_one_burst_into_quick_add_are_separate_touchpoints(
    path: Path,
) -> None:
    app = build_app(path, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        burst(app, "Parking at the mall -2\rSecurity guard !\rSmell of coffee +1\r")
        await until(pilot, lambda: app.om.map.touchpoint("smell-of-coffee") is not None)
        parking = app.om.map.touchpoint("parking-at-the-mall")
        guard = app.om.map.touchpoint("security-guard")
        assert parking is not None and parking.name == "Parking at the mall"
        assert parking.emotion == -2
        assert guard is not None and guard.moment_of_truth is True


async def test_emotion_keys_in_a_burst_with_arrows_change_the_touchpoints_they_were_for(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journey.toml"
    shutil.copyfile(SAMPLES / "telecom-prepaid.toml", path)
    app = build_app(path, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tps = app.om.map.journey()
        before = [t.emotion for t in tps[:4]]
        burst(app, "↓↓+↓-↓")
        await until(pilot, lambda: app.om.map.journey()[3].emotion != before[3])
        after = [t.emotion for t in app.om.map.journey()[:4]]
        assert after[:2] == before[:2]
        assert after[2] == before[2] + 1  # type: ignore[operator]
        assert after[3] == before[3] - 1  # type: ignore[operator]


async def test_a_refused_line_comes_back_to_be_mended(path: Path) -> None:
    app = build_app(path, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        burst(app, "Kiosk #nowhere\r")
        line = app.main.query_one("#quick-add", Input)
        await until(pilot, lambda: line.value == "Kiosk #nowhere")
        assert app.om.map.touchpoint("kiosk") is None


async def test_a_burst_after_enter_in_a_form_goes_to_the_next_field(path: Path) -> None:
    app = build_app(path, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditForm))
        form = app.screen
        assert isinstance(form, EditForm)
        # Two text fields one after the other (the name, then the channel).
        keys = [s.key for s in form.specs]
        first = next(
            k
            for k, after in pairwise(keys)
            if isinstance(form.widgets[k], Input) and isinstance(form.widgets[after], Input)
        )
        second = keys[keys.index(first) + 1]
        form.set_focus(form.widgets[first])
        await pilot.pause()
        typed_before = form.widgets[first].value  # type: ignore[union-attr]
        burst(app, "x\rwords")
        await until(pilot, lambda: form.widgets[second].value.endswith("words"))  # type: ignore[union-attr]
        assert form.widgets[first].value == typed_before + "x"  # type: ignore[union-attr]


async def test_a_dialog_answered_twice_in_one_burst_answers_once(path: Path) -> None:
    app = build_app(path, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        burst(app, "cc")  # cancel, twice: the second must not pop the map's own screen
        await until(pilot, lambda: app.screen is app.main)
        await pilot.pause()
        assert app.is_running and app.screen is app.main and app.om.dirty
