"""Drafting at the speed of talk, through real keys: find (/), the channel/owner filter,
duplicate (c), add an action (A), the persona filter in the header, the map's details."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Select

from cjm_tui.store import MapFile
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.components.personas_pane import PersonasPane
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.components.touchpoints_pane import TouchpointList
from cjm_tui.tui.screens.find import FindScreen
from cjm_tui.tui.screens.form import EditForm

from .conftest import until

SIZE = (100, 30)

MAP = """\
[map]
format = 1
title = "Delivery"
updated = 2026-11-20

[[personas]]
id = "ola"
name = "Ola"

[[stages]]
id = "order"
name = "Order"

[[stages]]
id = "deliver"
name = "Deliver"

[[touchpoints]]
id = "cart"
stage = "order"
name = "Cart page"
channel = "web"
owner = "E-commerce"

[[touchpoints]]
id = "courier"
stage = "deliver"
name = "Kurier z Łodzi"
channel = "phone"
owner = "Logistics"
personas = []

[[touchpoints]]
id = "bile"
stage = "deliver"
name = "Żółć at the door"
channel = "web"
owner = "Logistics"
evidence = ["interview 4"]
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "map.toml"
    p.write_text(MAP, encoding="utf-8")
    return p


def app_for(path: Path) -> CjmApp:
    return build_app(path, keymap={})


def selected(app: CjmApp) -> str | None:
    tp = app.main.selected_touchpoint()
    return tp.id if tp else None


def listed(app: CjmApp) -> list[str]:
    return [e.id for uid in app.main.tp_list.uids if uid is not None and (e := app.om.find(uid))]


def matches(app: CjmApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, FindScreen)
    return [str(o.prompt) for o in screen.query_one(OptionList).options]


async def find(pilot, app: CjmApp, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)
    screen = app.screen
    assert isinstance(screen, FindScreen)
    await until(pilot, lambda: screen.query_text == screen.query_one(Input).value)


# Find ----------------------------------------------------------------------------------


async def test_find_lists_matches_across_stages_as_you_type_any_accents(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, FindScreen)
        await find(pilot, app, "lodz")
        assert [m.split("  ")[0] for m in matches(app)] == ["Kurier z Łodzi"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await find(pilot, app, "ZOLC")
        assert [m.split("  ")[0] for m in matches(app)] == ["Żółć at the door"]
        assert "Deliver" in matches(app)[0]  # the stage is shown


async def test_find_forgives_a_typo_and_shows_the_matched_field(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await find(pilot, app, "logstics")
        assert [m.split("  ")[0] for m in matches(app)] == ["Kurier z Łodzi", "Żółć at the door"]
        screen = app.screen
        assert isinstance(screen, FindScreen)
        prompt = screen.query_one(OptionList).options[0].prompt
        underlined = [
            prompt.plain[s.start : s.end]  # type: ignore[union-attr]
            for s in prompt.spans  # type: ignore[union-attr]
            if "underline" in str(s.style)
        ]
        assert underlined == ["Logistics"]


async def test_enter_selects_the_match_its_stage_and_focuses_touchpoints(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.main.stage == "order" and selected(app) == "cart"
        await pilot.press("2", "slash")  # from the Stages pane: focus goes to Touchpoints
        await find(pilot, app, "web")
        await pilot.press("down", "enter")  # the second match: Żółć, in the other stage
        await until(pilot, lambda: app.screen is app.main)
        assert app.main.stage == "deliver"
        stages = app.main.query_one(StagesPane)
        assert stages.highlighted_uid == app.om.map.stage("deliver").uid  # type: ignore[union-attr]
        assert selected(app) == "bile"
        assert isinstance(app.focused, TouchpointList)


async def test_escape_closes_find_and_changes_nothing(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await find(pilot, app, "zolc")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main)
        assert app.main.stage == "order" and selected(app) == "cart"


async def test_find_clears_a_persona_filter_that_hides_the_match(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "down")  # Ola: she does not meet the courier
        await until(pilot, lambda: app.main.persona == "ola")
        await pilot.press("slash")
        await find(pilot, app, "kurier")
        await pilot.press("enter")
        await until(pilot, lambda: selected(app) == "courier")
        assert app.main.persona is None
        assert "Ola" not in app.sub_title


# The channel / owner filter --------------------------------------------------------------


async def palette(pilot, app: CjmApp, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*text)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await until(pilot, lambda: app.screen is app.main)


async def test_the_palette_filters_touchpoints_by_channel_and_the_header_says_so(
    path: Path,
) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "up")  # All stages
        await until(pilot, lambda: app.main.stage is None)
        await palette(pilot, app, "filter touchpoints by channel: web")
        assert listed(app) == ["cart", "bile"]
        assert "channel: web" in app.sub_title
        await pilot.press("3", "plus")  # an edit keeps the filter
        await until(pilot, lambda: app.om.map.touchpoint("cart").emotion == 1)  # type: ignore[union-attr]
        assert listed(app) == ["cart", "bile"]
        await pilot.press("escape")  # on the Touchpoints pane: clears it
        await until(pilot, lambda: listed(app) == ["cart", "courier", "bile"])
        assert "channel" not in app.sub_title


async def test_the_owner_filter_clears_from_the_palette(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "up")
        await palette(pilot, app, "filter touchpoints by owner: logistics")
        assert listed(app) == ["courier", "bile"]
        assert "owner: Logistics" in app.sub_title
        await palette(pilot, app, "clear touchpoint filter")
        assert listed(app) == ["cart", "courier", "bile"]


# Duplicate and add action -----------------------------------------------------------------


async def test_c_duplicates_right_after_with_a_new_id_and_one_undo(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "down", "3")  # Deliver: courier, bile
        await until(pilot, lambda: selected(app) == "courier")
        await pilot.press("c")
        await until(pilot, lambda: len(app.om.map.touchpoints) == 4)
        ids = [t.id for t in app.om.map.touchpoints]
        assert ids == ["cart", "courier", "kurier-z-lodzi", "bile"]
        copy = app.om.map.touchpoint("kurier-z-lodzi")
        assert copy is not None and copy.name == "Kurier z Łodzi" and copy.owner == "Logistics"
        assert selected(app) == "kurier-z-lodzi"
        await pilot.press("c")  # a copy of the copy: the id stays unique
        await until(pilot, lambda: len(app.om.map.touchpoints) == 5)
        assert "kurier-z-lodzi-2" in [t.id for t in app.om.map.touchpoints]
        await pilot.press("ctrl+z", "ctrl+z")
        await until(pilot, lambda: [t.id for t in app.om.map.touchpoints] == ids[:2] + ids[3:])
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    assert path.read_text(encoding="utf-8") == MAP


async def test_A_adds_an_action_to_the_touchpoint(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "down", "3", "down")
        await until(pilot, lambda: selected(app) == "bile")
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, EditForm))
        form = app.screen
        assert form.query_one("#field-touchpoint", Select).value == "bile"
        await pilot.press(*"Wipe the door", "ctrl+s")
        await until(pilot, lambda: len(app.om.map.actions) == 1)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    (action,) = MapFile.load(path).map.actions
    assert (action.touchpoint, action.title, action.id) == (
        "bile",
        "Wipe the door",
        "wipe-the-door",
    )


# The persona filter ---------------------------------------------------------------------


async def test_the_header_names_the_persona_filter(path: Path) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace('name = "Ola"', 'name = "Ola, 20, student"'),
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "filter" not in app.sub_title
        await pilot.press("1", "down")
        await until(pilot, lambda: "filter: Ola" in app.sub_title)
        # The short name, as the legend says it: the whole "Ola, 20, student" pushed the
        # map's title out of an 80-column header.
        assert app.sub_title.endswith("filter: Ola"), app.sub_title
        await pilot.press("up")
        await until(pilot, lambda: "filter" not in app.sub_title)


async def test_adding_a_persona_does_not_select_it(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "a")
        await until(pilot, lambda: isinstance(app.screen, EditForm))
        await pilot.press(*"Marek", "ctrl+s")
        await until(pilot, lambda: len(app.om.map.personas) == 2)
        await pilot.pause()
        assert app.main.persona is None
        assert app.main.query_one(PersonasPane).highlighted == 0
        assert "filter" not in app.sub_title
        assert selected(app) == "cart"


# The map's details --------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["map", "title", "description", "owner", "kind"])
async def test_the_palette_finds_map_details_by_each_word(path: Path, word: str) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*word)
        palette_screen = app.screen
        assert isinstance(palette_screen, CommandPalette)

        def offered() -> bool:
            found = palette_screen.query_one("CommandList", OptionList)
            return any("Edit map details" in str(o.prompt) for o in found.options)

        await until(pilot, offered)


@pytest.mark.parametrize("pane", ["1", "2"])
async def test_i_on_personas_or_stages_opens_the_map_details(path: Path, pane: str) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(pane, "i")
        await until(pilot, lambda: isinstance(app.screen, EditForm))
        form = app.screen
        title = form.query_one("#field-title", Input)
        assert title.value == "Delivery"
        title.value = "Delivery, draft 2"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.om.map.info.title == "Delivery, draft 2")


def test_the_help_lists_the_new_keys_with_their_ids() -> None:
    from cjm_tui.tui.screens.help import keys_table

    ids = set(keys_table().columns[2].cells)
    for ident in ("main.find", "find.go", "touchpoint.duplicate", "touchpoint.add_action"):
        assert ident in ids
    assert "map.details" in ids
