"""Guards of the editor's speed that are not timings (benchmarks/ has the timings): what is
imported before the first frame, and what one key press makes draw again.

A module added to the first frame's imports fails `test_imports_before_the_first_frame`: import
it where it is first needed (a method, a worker, after the first frame), or, when the first
frame truly needs it, add it to FIRST_FRAME with the reason in the commit.
"""

from __future__ import annotations

import collections
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widget import Widget

from cjm_tui.tui.app import build_app

from .conftest import SAMPLES, TELECOM, copy_of, until
from .terminal import Terminal, environment, wait_until

# `python -c PROBE cjm_tui edit FILE`: the editor as `cjm edit` runs it, which writes the
# names of every module imported by the time the map's screen first goes to the terminal.
PROBE = """\
import os, runpy, sys
from textual.app import App
out = os.environ["CJM_TEST_PROBE"]
display = App._display
def probe(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and type(screen).__name__ == "MainScreen":
        if not os.path.exists(out):
            with open(out + ".part", "w") as f:
                f.write("\\n".join(sorted(sys.modules)))
            os.replace(out + ".part", out)
App._display = probe
sys.argv = ["cjm", *sys.argv[2:]]
runpy.run_module("cjm_tui", run_name="__main__", alter_sys=True)
"""

_FIRST_FRAME_TEXT = """
    cjm_tui
    cjm_tui.cli cjm_tui.cli.edit cjm_tui.cli.output
    cjm_tui.editing cjm_tui.editing.lock cjm_tui.editing.openmap cjm_tui.editing.quickadd
    cjm_tui.editing.recovery cjm_tui.editing.userconfig
    cjm_tui.i18n cjm_tui.i18n.words
    cjm_tui.model cjm_tui.model.edits cjm_tui.model.entities cjm_tui.model.ids
    cjm_tui.model.journey cjm_tui.model.library cjm_tui.model.names cjm_tui.model.problems
    cjm_tui.model.raw cjm_tui.model.rules cjm_tui.model.validate
    cjm_tui.sanitize
    cjm_tui.store cjm_tui.store.atomic cjm_tui.store.baseline cjm_tui.store.library
    cjm_tui.store.mapfile cjm_tui.store.preview cjm_tui.store.read cjm_tui.store.values
    cjm_tui.tui cjm_tui.tui.app cjm_tui.tui.bindings cjm_tui.tui.collector cjm_tui.tui.commands
    cjm_tui.tui.components cjm_tui.tui.components.actions_pane
    cjm_tui.tui.components.detail_view cjm_tui.tui.components.entity_list
    cjm_tui.tui.components.moments_pane cjm_tui.tui.components.personas_pane
    cjm_tui.tui.components.stages_pane cjm_tui.tui.components.timeline_view
    cjm_tui.tui.components.touchpoints_pane cjm_tui.tui.drafts cjm_tui.tui.keymap
    cjm_tui.tui.notify cjm_tui.tui.readonly cjm_tui.tui.screens cjm_tui.tui.screens.main
    cjm_tui.tui.themes
    cjm_tui.views cjm_tui.views.colours cjm_tui.views.journey_columns cjm_tui.views.timeline
"""
FIRST_FRAME = frozenset(_FIRST_FRAME_TEXT.split())
"""The cjm modules the first frame of a small map needs (`cjm edit FILE`, one editor)."""

NEVER_BEFORE_THE_FIRST_FRAME = (
    "tomlkit",  # the text-preserving writer is our own; tomlkit is for `cjm import`
    "watchfiles",  # hosting the map starts after the first frame
    "anyio",
    "cjm_tui.together",
    "cjm_tui.exports",
    "cjm_tui.reports",
    "textual_serve",
    "jsonschema",
    "cjm_tui.store.write",  # the writer: first needed by a save (prepared after the frame)
    "cjm_tui.store.layout",
)


@pytest.fixture
def probe_run(tmp_path: Path) -> Iterator[set[str]]:
    work = tmp_path / "work"
    work.mkdir()
    path = work / "telecom-prepaid.toml"
    shutil.copyfile(SAMPLES / "telecom-prepaid.toml", path)
    out = tmp_path / "modules.txt"
    env = {**environment(tmp_path, autosave="1000"), "CJM_TEST_PROBE": str(out)}
    term = Terminal(path, env, python=("-c", PROBE))
    try:
        wait_until(out.exists, "the first frame's modules", 30, term)
        term.wait_for("Bus-stop poster")  # the frame itself: the first stage's touchpoints
        term.send(b"q")
        term.wait_exit()
    finally:
        term.close()
    yield set(out.read_text(encoding="utf-8").split())


def test_imports_before_the_first_frame(probe_run: set[str]) -> None:
    ours = {name for name in probe_run if name.split(".")[0] == "cjm_tui"}
    assert ours, "the probe saw the editor's modules"
    assert "cjm_tui.tui.screens.main" in ours
    assert sorted(ours - FIRST_FRAME) == [], "imported before the first frame (see the docstring)"
    early = sorted(
        name
        for name in probe_run
        for banned in NEVER_BEFORE_THE_FIRST_FRAME
        if name == banned or name.startswith(banned + ".")
    )
    assert early == []


# One key press ----------------------------------------------------------------------------

ONE_TOUCHPOINT_CHANGED = {
    "TouchpointList",  # its row shows the new emotion
    "TimelineView",  # the curve
    "Static#detail-text",  # the details of the selected touchpoint
    "HeaderTitle",  # the unsaved marker, on the first change
    "MainScreen",  # the screen's own layout after the header's title changed width
    "ScrollBar",
}


async def test_one_key_redraws_only_what_it_changed(tmp_path: Path) -> None:
    """`+`, `-`, `m` and `down` on a touchpoint draw again its list, the timeline, the details
    and (the first time) the title: never the personas, the stages, the side pane's other
    tabs or the footer."""
    path = copy_of(TELECOM, tmp_path)
    app = build_app(path, keymap={})
    drawn: collections.Counter[str] = collections.Counter()
    recording = False
    original = Widget.refresh

    def refresh(self: Widget, *args: object, **kwargs: object) -> Widget:
        if recording:
            name = type(self).__name__
            drawn[name if name != "Static" else f"Static#{self.id}"] += 1
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("TouchpointList")))
        await pilot.press("down")
        await pilot.pause()
        Widget.refresh = refresh  # type: ignore[method-assign, assignment]
        try:
            for key in ("plus", "minus", "m", "down"):
                drawn.clear()
                version = app.om.version
                recording = True
                await pilot.press(key)
                await pilot.pause()
                recording = False
                assert (app.om.version > version) == (key != "down"), key  # it did something
                assert "TimelineView" in drawn, (key, drawn)
                assert set(drawn) <= ONE_TOUCHPOINT_CHANGED, (key, drawn)
        finally:
            Widget.refresh = original  # type: ignore[method-assign]


async def test_the_first_save_after_opening_scans_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor finds the file's tables in a worker once the map is on screen, so the first
    `+` and `ctrl+s` edit the text in place: no new scan of the whole file."""
    from cjm_tui.store import layout as layout_module
    from cjm_tui.store.write import _SHAPES

    path = copy_of(TELECOM, tmp_path)
    before = path.read_bytes()
    app = build_app(path, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        mf = app.om.file
        await until(pilot, lambda: mf._layout is not None and mf._layout in _SHAPES)
        scans: list[int] = []  # the length of each text scanned
        original = layout_module.Layout.__init__

        def counting(self: object, text: str, *args: object, **kwargs: object) -> None:
            scans.append(len(text))
            original(self, text, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(layout_module.Layout, "__init__", counting)
        await pilot.press("down", "plus", "ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    after = path.read_bytes()
    assert after != before
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and b"emotion" in changed[0][1]
    # The edited entry's new text is scanned alone; the whole file never again.
    assert scans and max(scans) < len(before) // 10, scans


async def test_a_changed_row_is_drawn_again_alone(tmp_path: Path) -> None:
    """`m` makes one row of the touchpoint list anew: the other rows keep their drawings
    (OptionList's own prompt replacement measured and drew every row again)."""
    from cjm_tui.tui.components.touchpoints_pane import TouchpointList

    path = copy_of(TELECOM, tmp_path)
    app = build_app(path, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(TouchpointList)))
        tp_list = app.screen.query_one(TouchpointList)
        await pilot.press("down")
        await pilot.pause()
        assert tp_list.option_count >= 3
        row = tp_list.highlighted
        assert row is not None
        cache = tp_list._option_render_cache
        keys = list(cache.keys())  # Textual's LRUCache is not iterable itself
        others = {key: cache.get(key) for key in keys if key[0] is not tp_list.options[row]}
        assert others, "the other rows were drawn"
        before = str(tp_list.options[row].prompt)
        await pilot.press("m")
        await pilot.pause()
        assert str(tp_list.options[row].prompt) != before  # the row shows the moment's marker
        kept = {key: cache.get(key) for key in others}
        assert all(kept[key] is others[key] for key in others)  # the very same drawings
