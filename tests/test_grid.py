"""The journey grid (`g`): touchpoints as columns, lanes as rows, every cell edited in place.

Pilot tests press the keys a person presses and look at the model, the saved bytes and the
screen; the headless grid (`views/journey_grid.py`) and the reading of typed text
(`editing/grid_cells.py`) are tested on their own first. The pictures: 80x24 and 120x40, in
English and Polish.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from cjm_tui.editing.grid_cells import CellError, cell_changes
from cjm_tui.i18n import set_language
from cjm_tui.model import Touchpoint
from cjm_tui.store import MapFile
from cjm_tui.tui.app import CjmApp
from cjm_tui.tui.screens.grid import GridScreen
from cjm_tui.tui.screens.main import MainScreen
from cjm_tui.views.journey_grid import journey_grid

from .conftest import TELECOM, copy_of, until
from .test_snapshots import SnapCompare, app_on, pressing, screen_text

LANES = [
    "name",
    "channel",
    "doing",
    "thinking",
    "feeling",
    "expectation",
    "experience",
    "emotion",
    "emotion",
    "emotion",
    "emotion",
    "moment_of_truth",
    "mot_reason",
    "owner",
    "pain_points",
    "opportunities",
]


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is process-wide: every test here leaves it English."""
    yield
    set_language("en")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return copy_of(TELECOM, tmp_path)


def tp(app: CjmApp, ident: str) -> Touchpoint:
    found = app.om.map.touchpoint(ident)
    assert found is not None
    return found


def grid(app: CjmApp) -> GridScreen:
    screen = app.screen
    assert isinstance(screen, GridScreen)
    return screen


def cursor(app: CjmApp) -> tuple[str, str]:
    """(touchpoint id, lane key) under the cursor."""
    view = grid(app).view
    found = view.grid.touchpoint(view.column)
    assert found is not None
    return found.id, view.current_lane.key


async def open_grid(pilot: Pilot[Any], *keys: str) -> None:
    """Keys on the main screen, then `g`."""
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
    await pilot.press("g")
    await until(pilot, lambda: isinstance(pilot.app.screen, GridScreen))
    await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


async def to_lane(pilot: Pilot[Any], key: str, persona: str | None = None) -> None:
    """Down until the cursor is on that lane (and persona)."""
    app = pilot.app
    assert isinstance(app, CjmApp)
    for _ in range(len(LANES)):
        lane = grid(app).view.current_lane
        if lane.key == key and lane.persona == persona:
            return
        await press(pilot, "down")
    raise AssertionError(f"no lane {key} {persona}")


# The headless grid ----------------------------------------------------------------------------


def test_lanes_in_order_one_emotion_lane_per_persona() -> None:
    m = MapFile.load(TELECOM).map
    g = journey_grid(m)
    assert [lane.key for lane in g.lanes] == LANES
    emotions = [lane for lane in g.lanes if lane.kind == "emotion"]
    assert [lane.persona for lane in emotions] == [p.id for p in m.personas]
    assert [lane.symbol for lane in emotions] == ["●", "■", "▲", "▼"]
    assert [c.touchpoint.id for c in g.columns.columns if c.touchpoint] == [
        t.id for t in m.journey()
    ]


def test_a_map_without_personas_has_one_emotion_lane(tmp_path: Path) -> None:
    m = MapFile.load(TELECOM).map
    m.personas = []
    g = journey_grid(m)
    lanes = [lane for lane in g.lanes if lane.kind == "emotion"]
    assert len(lanes) == 1 and lanes[0].persona is None


def test_cell_text_and_typed_text_read_back() -> None:
    m = MapFile.load(TELECOM).map
    g = journey_grid(m)
    by_key = {lane.key: lane for lane in g.lanes if lane.kind != "emotion"}
    compare = g.column_of(tp_of(m, "comparison-site").uid)
    assert compare is not None
    pains = by_key["pain_points"]
    assert g.text(pains, compare) == (
        "Comparison site shows no information about VAT invoices for prepaid"
    )
    assert cell_changes(g, pains, compare, g.text(pains, compare)) == {}
    assert cell_changes(g, pains, compare, " a ;; b; ") == {"pain_points": ["a", "b"]}
    assert cell_changes(g, pains, compare, " ; ") == {"pain_points": None}
    ola = next(lane for lane in g.lanes if lane.persona == "student")
    marek = next(lane for lane in g.lanes if lane.persona == "sole-trader")
    # bus-stop-poster: emotion = 1 for its personas (student, sole-trader): Marek keeps his.
    first = 0
    assert cell_changes(g, ola, first, "-1") == {"emotion": {"student": -1, "sole-trader": 1}}
    assert cell_changes(g, marek, first, "") == {"emotion": {"student": 1}}
    with pytest.raises(CellError, match="Emotion for student"):
        cell_changes(g, ola, first, "7")
    with pytest.raises(CellError, match="Name"):
        cell_changes(g, by_key["name"], first, "  ")


def tp_of(m: Any, ident: str) -> Touchpoint:
    found = m.touchpoint(ident)
    assert found is not None
    return found  # type: ignore[no-any-return]


# Keys -----------------------------------------------------------------------------------------


async def test_g_opens_on_the_selected_touchpoints_doing_and_shows_it_in_full(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot, "down")  # the second touchpoint on the main screen
        assert cursor(app) == ("friend-recommends", "doing")
        line = str(grid(app).query_one("#grid-cell").render())
        assert tp(app, "friend-recommends").doing in line  # whole, though the cell cuts it


async def test_arrows_move_and_stop_at_the_edges(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "left", "up", "up", "up")
        assert cursor(app) == ("bus-stop-poster", "name")
        await press(pilot, "right", "down")
        assert cursor(app) == ("friend-recommends", "channel")
        await press(pilot, "end")
        assert cursor(app)[0] == app.om.map.journey()[-1].id
        assert grid(app).view._first_column > 0  # scrolled: the last column is in view


async def test_enter_edits_the_cell_with_its_text(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "enter")
        assert grid(app).editing
        assert grid(app).editor.value == tp(app, "bus-stop-poster").doing


@pytest.mark.parametrize("word", ["great", "empty", "more", "+1 extra"])
async def test_on_a_text_lane_every_letter_types(path: Path, word: str) -> None:
    """A word that starts with one of the grid's keys (g leaves, e edits, m marks, + raises)
    goes into the cell whole: the grid is never left and nothing else changes."""
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        before = tp(app, "bus-stop-poster")
        await press(pilot, *[("space" if c == " " else c) for c in word], "enter")
        assert isinstance(app.screen, GridScreen)
        after = tp(app, "bus-stop-poster")
        assert after.doing == word
        assert (after.emotion, after.moment_of_truth) == (before.emotion, before.moment_of_truth)


async def test_typing_starts_editing_and_enter_applies_and_rests_below(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, *"Waits", "space", *"for", "enter")
        assert tp(app, "bus-stop-poster").doing == "Waits for"
        assert cursor(app) == ("bus-stop-poster", "thinking")
        assert not grid(app).editing


async def test_tab_applies_and_rests_on_the_next_touchpoint_in_the_lane(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, *"one", "tab", *"two", "tab")
        assert tp(app, "bus-stop-poster").doing == "one"
        assert tp(app, "friend-recommends").doing == "two"
        assert cursor(app) == ("daughter-sets-up", "doing")
        assert not grid(app).editing


async def test_escape_cancels_the_cell_and_a_second_escape_leaves(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        before = app.om.version
        await press(pilot, *"zz", "escape")
        assert not grid(app).editing
        assert app.om.version == before and not app.om.dirty
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_is_typed_into_a_cell_not_quitting(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "q", "question_mark")
        assert grid(app).editing and grid(app).editor.value == "q?"


async def test_plus_minus_move_one_personas_emotion(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await to_lane(pilot, "emotion", "sole-trader")
        await press(pilot, "minus", "minus")
        assert tp(app, "bus-stop-poster").emotion == {"student": 1, "sole-trader": -1}
        await press(pilot, "up", "plus")
        assert tp(app, "bus-stop-poster").emotion == {"student": 2, "sole-trader": -1}
        assert not grid(app).editing


async def test_a_typed_emotion_and_an_empty_one(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await to_lane(pilot, "emotion", "student")
        await press(pilot, "2", "enter")  # `2` typed on a resting cell starts editing
        assert tp(app, "bus-stop-poster").emotion == {"student": 2, "sole-trader": 1}
        await press(pilot, "enter", "backspace", "backspace", "enter")  # Marek's, emptied
        assert tp(app, "bus-stop-poster").emotion == {"student": 2}


async def test_m_toggles_the_moment_of_truth_only_on_its_lane(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await to_lane(pilot, "moment_of_truth")
        await press(pilot, "m")
        assert tp(app, "bus-stop-poster").moment_of_truth is True
        await press(pilot, "enter")
        assert tp(app, "bus-stop-poster").moment_of_truth is None
        await press(pilot, "up", "up", "up", "up", "up", "m")  # on Experience: a letter
        assert grid(app).editing and grid(app).editor.value == "m"


async def test_list_lanes_take_items_separated_by_semicolons(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await to_lane(pilot, "pain_points")
        await press(pilot, *"tiny print;", "space", *"no price", "enter")
        assert tp(app, "bus-stop-poster").pain_points == ["tiny print", "no price"]


async def test_undo_takes_back_one_cell_and_the_grid_shows_it(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        old = tp(app, "bus-stop-poster").thinking
        await press(pilot, *"A", "enter", *"B", "enter")
        assert tp(app, "bus-stop-poster").thinking == "B"
        await press(pilot, "ctrl+z")
        assert tp(app, "bus-stop-poster").doing == "A"
        assert tp(app, "bus-stop-poster").thinking == old
        view = grid(app).view
        thinking = view.grid.lanes[view.grid.lane_index("thinking")]
        assert view.grid.text(thinking, 0) == old  # the grid shows the map as it is now


async def test_a_refused_value_is_told_and_the_typed_text_stays(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await to_lane(pilot, "emotion", "student")
        await press(pilot, "7", "enter")
        await until(pilot, lambda: bool(app._notifications))
        told = [n.message for n in app._notifications]
        assert any("Emotion for student" in m and "\n" not in m for m in told), told
        assert grid(app).editing and grid(app).editor.value == "7"
        assert tp(app, "bus-stop-poster").emotion == 1


async def test_leaving_selects_the_grids_touchpoint(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "right", "right", "right", "right", "escape")
        assert isinstance(app.screen, MainScreen)
        chosen = app.main.selected_touchpoint()
        assert chosen is not None and chosen.id == "offer-page-mobile"  # in the next stage


async def test_ctrl_s_saves_from_the_grid_and_only_the_edited_line_changes(path: Path) -> None:
    before = path.read_text(encoding="utf-8").splitlines()
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "enter", "end", *" again", "enter", "ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            'doing = "Sees the poster while waiting for the tram"',
            'doing = "Sees the poster while waiting for the tram again"',
        )
    ]


async def test_the_command_palette_opens_the_grid(path: Path) -> None:
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+p", *"Journey grid")
        await until(pilot, lambda: _palette_found(app, "Journey grid"))
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, GridScreen))


def _palette_found(app: CjmApp, name: str) -> bool:
    """The command palette's search (a worker) has listed `name` first."""
    lists = app.screen.query(OptionList)
    if not lists:
        return False
    found = lists.first(OptionList)
    return found.option_count > 0 and name in str(found.get_option_at_index(0).prompt)


# Pictures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
)
@pytest.mark.parametrize("lang", ["en", "pl"])
def test_grid_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    """`g` on the telecom map. Under the header, a line on a panel background: "Doing ·
    Bus-stop poster "30 GB for PLN 25": Sees the poster while waiting for the tram" (pl:
    "Co robi · ..."), the whole text, wrapping to a second line at 80x24. Then the grid: its
    first row "1/24" and the stage names over their columns ("Discover" over four, at 120x40
    also "Compare"); the lane labels down the left (Name, Channel, Doing ... in Polish "Nazwa",
    "Kanał", "Co robi" ...), the four emotion lanes as "● Ola", "■ Marek", "▲ Pani Halina",
    "▼ Oleksandr" in their colours, then moment of truth, why, owner, pain points,
    opportunities. Cells are cut with "…" (15 cells wide at 80x24, 19 at 120x40: four columns
    and five); emotions are coloured numbers, "·" where the persona is not there. The cursor
    (reverse video) is on the first touchpoint's Doing cell, its column on a grey background,
    the "Doing" label bold. The footer: "e Edit  esc Back  ^s Save" (pl: "e Edytuj  esc Wróć
    ^s Zapisz"), no "q Quit": q is a letter here.
    """
    set_language(lang)
    app = app_on(copy_of(TELECOM, tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=pressing("g"))


def test_grid_snapshot_editing(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """At 80x24, `right`, `down` then typing "If it is free" on friend-recommends's Thinking
    cell: the cell editor covers that cell (its text scrolled to the end, the cursor after
    "free"), the line above says "Thinking · A friend shows her bundle in the app: If it is
    free" (what is being typed, whole); the footer shows "enter Apply, down  tab Apply,
    right  esc Cancel"."""
    app = app_on(copy_of(TELECOM, tmp_path))
    keys = ["g", "right", "down", *"If", "space", *"it", "space", *"is", "space", *"free"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(*keys))


async def test_the_grid_opens_with_the_selected_touchpoints_column_in_view(path: Path) -> None:
    """Opened on a touchpoint far to the right, the grid shows its column at once (it showed
    the first columns, the cursor out of sight, until a key moved it)."""
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot, "2", "end", "3", "end")  # the last stage's last touchpoint
        last = app.om.map.journey()[-1]
        assert cursor(app) == (last.id, "doing")
        shown = screen_text(app.export_screenshot())  # what is painted, not what would be
        assert last.name[:10] in shown, shown


async def test_the_cursor_steps_over_the_columns_of_empty_stages(tmp_path: Path) -> None:
    """A stage with no touchpoints shows one empty column; the cursor never rests there
    (typing would go nowhere): home, end and the arrows step over it."""
    path = tmp_path / "map.toml"
    path.write_text(
        '[map]\nformat = 1\ntitle = "T"\n\n'
        '[[stages]]\nid = "a"\nname = "A"\n\n[[stages]]\nid = "b"\nname = "B"\n\n'
        '[[stages]]\nid = "c"\nname = "C"\n\n[[stages]]\nid = "d"\nname = "D"\n\n'
        '[[touchpoints]]\nid = "one"\nstage = "b"\nname = "One"\n\n'
        '[[touchpoints]]\nid = "two"\nstage = "d"\nname = "Two"\n',
        encoding="utf-8",
    )
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_grid(pilot)
        await press(pilot, "home")
        assert cursor(app)[0] == "one"  # not A's empty column
        await press(pilot, "right")
        assert cursor(app)[0] == "two"  # over C's
        await press(pilot, "right", "left")
        assert cursor(app)[0] == "one"
        await press(pilot, "left")
        assert cursor(app)[0] == "one"  # nothing with a touchpoint that way: it stays
        await press(pilot, *"Typed", "enter")
        assert app.om.map.touchpoints[0].doing == "Typed"


async def test_map_text_in_the_grid_is_shown_literally(tmp_path: Path) -> None:
    """The hostile map's markup, links and control sequences read as text in the grid's
    stage row, lane labels, cells and the full-text line; nothing is obeyed."""
    from .test_snapshots import HOSTILE, obeyed_markup

    app = app_on(copy_of(HOSTILE, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_grid(pilot)
        await press(pilot, "home", "up", "up")  # the name lane, the full name above the grid
        shown = screen_text(app.export_screenshot())
        assert "[bold]x[/bold]" in shown
        assert "\x1b" not in shown
        assert obeyed_markup(app) == set()
