"""The editor driven by keys (Pilot), asserting on the model and on the saved bytes."""

from __future__ import annotations

import difflib
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, Static

from cjm_tui.model import map_to_raw
from cjm_tui.store import MapFile
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.components.actions_pane import ActionsPane
from cjm_tui.tui.components.personas_pane import PersonasPane
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.components.touchpoints_pane import QuickAdd, TouchpointList
from cjm_tui.tui.screens.choice import ChoiceDialog, ConfirmDialog
from cjm_tui.tui.screens.form import EditForm
from cjm_tui.tui.screens.help import HelpScreen
from cjm_tui.tui.screens.stage_delete import StageDeleteDialog

from .conftest import until
from .test_store_write import COMMENTED

SIZE = (100, 30)


def app_for(path: Path) -> CjmApp:
    return build_app(path, keymap={})


def changed_lines(path: Path) -> list[str]:
    new = path.read_text(encoding="utf-8")
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(COMMENTED.splitlines(True), new.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def tp_ids(app: CjmApp) -> list[str]:
    return [t.id for t in app.om.map.touchpoints]


def selected(app: CjmApp) -> str | None:
    tp = app.main.selected_touchpoint()
    return tp.id if tp else None


# Opening ------------------------------------------------------------------------------


async def test_on_open_touchpoints_have_focus_and_the_first_stage_is_selected(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TouchpointList)
        stages = app.main.query_one(StagesPane)
        assert stages.highlighted_uid == app.om.map.stages[0].uid
        assert app.main.query_one(PersonasPane).highlighted == 0  # "All personas"
        assert selected(app) == "sms"  # the first stage's first touchpoint
        assert "map.toml" in app.sub_title and "unsaved" not in app.sub_title


async def test_pane_keys_move_focus(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        assert isinstance(app.focused, PersonasPane)
        await pilot.press("2")
        assert isinstance(app.focused, StagesPane)
        await pilot.press("3")
        assert isinstance(app.focused, TouchpointList)
        await pilot.press("tab")
        assert not isinstance(app.focused, TouchpointList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, TouchpointList)


async def test_moving_the_selection_and_choosing_a_stage(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down")  # stage "buy"
        assert app.main.stage == "buy"
        await pilot.press("3")
        assert selected(app) == "shop"
        await pilot.press("j")
        assert selected(app) == "pay"
        await pilot.press("k")
        assert selected(app) == "shop"
        await pilot.press("down", "up")
        assert selected(app) == "shop"
        await pilot.press("2", "up", "up")  # "All stages": every touchpoint, under headers
        assert app.main.stage is None
        assert app.main.tp_list.option_count == 5  # 2 headers + 3 touchpoints


# Emotion and moments of truth -----------------------------------------------------------


async def test_plus_minus_and_moment_change_the_model_and_save_one_line_each(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "plus")  # sms: -1 -> +1
        assert app.om.map.touchpoint("sms").emotion == 1  # type: ignore[union-attr]
        await pilot.press("minus", "equals_sign")  # -1 then +1 again
        await pilot.press("m")
        assert "unsaved" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved" not in app.sub_title
    assert changed_lines(path) == [
        "-emotion = -1   # interview 3",
        "+emotion = 1   # interview 3",
        "+moment_of_truth = true",
    ]


async def test_plus_stops_at_two_and_sets_one_on_no_emotion(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "3")  # shop has no emotion
        assert selected(app) == "shop"
        await pilot.press("plus")
        assert app.om.map.touchpoint("shop").emotion == 1  # type: ignore[union-attr]
        await pilot.press("plus", "plus", "plus")
        assert app.om.map.touchpoint("shop").emotion == 2  # type: ignore[union-attr]
        await pilot.press("minus", "minus", "minus", "minus", "minus", "minus")
        assert app.om.map.touchpoint("shop").emotion == -2  # type: ignore[union-attr]


async def test_plus_with_a_persona_selected_makes_a_per_persona_emotion(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "down")  # persona "student"
        assert app.main.persona == "student"
        await pilot.press("3", "plus")  # sms: -1 for everybody -> student 0, senior keeps -1
        assert app.om.map.touchpoint("sms").emotion == {"student": 0, "senior": -1}  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
    assert changed_lines(path) == [
        "-emotion = -1   # interview 3",
        "+emotion = { student = 0, senior = -1 }   # interview 3",
    ]


# Quick add ----------------------------------------------------------------------------------


async def test_quick_add_adds_after_the_stage_and_stays_open(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.focused, QuickAdd)
        await pilot.press(*"Leaflet in the letterbox @print +1")
        await pilot.press("enter")
        assert isinstance(app.focused, QuickAdd) and app.focused.value == ""
        await pilot.press(*"Guard asks for ID #buy ^senior -2 !", "enter")
        await pilot.press(*"Ghost #nowhere", "enter")  # refused: nothing added, line kept
        assert app.focused.value == "Ghost #nowhere"
        await pilot.press("escape")
        assert isinstance(app.focused, TouchpointList)
        assert tp_ids(app) == [
            "sms",
            "leaflet-in-the-letterbox",
            "shop",
            "pay",
            "guard-asks-for-id",
        ]
        guard = app.om.map.touchpoint("guard-asks-for-id")
        assert guard is not None and guard.personas == ["senior"] and guard.emotion == -2
        assert guard.moment_of_truth is True
        await pilot.press("ctrl+s")
    added = [line for line in changed_lines(path) if line.startswith("+")]
    assert not [line for line in changed_lines(path) if line.startswith("-")]
    assert '+name = "Leaflet in the letterbox"' in added and '+channel = "print"' in added
    text = path.read_text(encoding="utf-8")
    assert text.index('id = "leaflet-in-the-letterbox"') < text.index("# Shop: the queue")


async def test_typing_q_and_digits_in_the_quick_add_line_is_text(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"q 1 2 3 quiz", "enter")
        assert app.is_running
        assert app.om.map.touchpoints[1].name == "q 1 2 3 quiz"


def preview_text(app: CjmApp) -> str:
    return str(app.main.query_one("#quick-add-preview", Static).render())


async def test_quick_add_previews_the_line_on_every_key(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert "name @channel #stage ^persona +2..-2 ! \\ escapes" in preview_text(app)
        await pilot.press(*"Leaflet")
        await until(pilot, lambda: preview_text(app) == "→ name: “Leaflet” · stage: Discover")
        await pilot.press(*' @"car park" 0 !')
        await until(
            pilot,
            lambda: (
                preview_text(app)
                == "→ name: “Leaflet” · channel: car park · stage: Discover · emotion: 0 · "
                "moment of truth"
            ),
        )
        await pilot.press("enter")
        leaflet = app.om.map.touchpoint("leaflet")
        assert leaflet is not None
        assert (leaflet.name, leaflet.channel, leaflet.emotion) == ("Leaflet", "car park", 0)
        await until(pilot, lambda: "escapes" in preview_text(app))  # empty again: the hint


async def test_quick_add_to_another_stage_selects_and_shows_it(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.main.stage == "discover"
        await pilot.press("a", *"Queue at the till #buy -2", "enter")
        await pilot.pause()
        assert app.main.stage == "buy"  # the Stages selection followed it
        stages = app.main.query_one(StagesPane)
        assert stages.highlighted_uid == app.om.map.stages[1].uid
        assert selected(app) == "queue-at-the-till"  # highlighted in the list on screen
        assert isinstance(app.focused, QuickAdd)  # still typing
        notes = [str(n.message) for n in app._notifications]
        assert any("Queue at the till" in n and "Buy" in n for n in notes)


async def test_quick_add_line_is_as_wide_as_the_pane_at_80x24(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        line = app.main.query_one(QuickAdd)
        pane = app.main.query_one("TouchpointsPane")
        assert line.size.width == pane.size.width
        assert line.size.width >= 26


# Reordering -------------------------------------------------------------------------------


async def test_K_J_reorder_and_angle_brackets_change_stage(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "3", "J")  # shop below pay
        assert tp_ids(app) == ["sms", "pay", "shop"]
        assert selected(app) == "shop"
        await pilot.press("K")
        assert tp_ids(app) == ["sms", "shop", "pay"]
        await pilot.press("less_than_sign")  # shop to the end of "discover"
        assert [(t.id, t.stage) for t in app.om.map.touchpoints] == [
            ("sms", "discover"),
            ("shop", "discover"),
            ("pay", "buy"),
        ]
        assert app.main.stage == "discover" and selected(app) == "shop"  # followed it
        await pilot.press("greater_than_sign")
        assert app.om.map.touchpoint("shop").stage == "buy"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
    saved = MapFile.load(path).map
    assert [(t.id, t.stage) for t in saved.touchpoints] == [
        ("sms", "discover"),
        ("shop", "buy"),
        ("pay", "buy"),
    ]


# Forms ------------------------------------------------------------------------------------


async def test_enter_opens_the_form_and_ctrl_s_applies(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, EditForm)
        name = form.query_one("#field-name", Input)
        name.value = "SMS offer with a price"
        owner = form.query_one("#field-owner", Input)
        owner.value = "Marketing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main
        tp = app.om.map.touchpoint("sms")
        assert tp is not None and tp.name == "SMS offer with a price" and tp.owner == "Marketing"
        await pilot.press("ctrl+s")
    assert changed_lines(path) == [
        '-name = "SMS offer"',
        '+name = "SMS offer with a price"',
        '+owner = "Marketing"',
    ]


async def test_escape_cancels_the_form(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-name", Input).value = "Changed"
        await pilot.press("escape")  # a changed form asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is app.main
        assert app.om.map.touchpoint("sms").name == "SMS offer"  # type: ignore[union-attr]
        assert not app.om.dirty


async def test_a_list_typed_with_semicolons_is_saved_as_an_array(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, EditForm)
        for _ in range(40):
            if app.focused is form.widgets["pain_points"]:
                break
            await pilot.press("tab")
        assert app.focused is form.widgets["pain_points"]
        await pilot.press(*"; slow page;; tax\\; fees", "ctrl+s")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("ctrl+s")
    assert changed_lines(path) == [
        '-pain_points = ["login wall"]',
        '+pain_points = ["login wall", "slow page", "tax; fees"]',
    ]


async def test_a_duplicate_id_keeps_the_form_open(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-id", Input).value = "shop"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "duplicate" in str(form.query_one("#form-error").render()).lower()
        await pilot.press("escape")
        assert tp_ids(app) == ["sms", "shop", "pay"]


async def test_adding_a_stage_and_a_persona_through_forms(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")  # after the highlighted stage, "discover"
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-id", Input).value = "compare"
        form.query_one("#field-name", Input).value = "Compare offers"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [s.id for s in app.om.map.stages] == ["discover", "compare", "buy"]
        await pilot.press("1", "a")
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-id", Input).value = "owner"
        form.query_one("#field-name", Input).value = "Małgosia, shop owner 🛍"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.om.map.persona("owner") is not None
        await pilot.press("ctrl+s")
    saved = MapFile.load(path).map
    assert [s.id for s in saved.stages] == ["discover", "compare", "buy"]
    assert saved.personas[-1].name == "Małgosia, shop owner 🛍"


# Deleting -----------------------------------------------------------------------------------


async def test_delete_asks_and_y_confirms_n_cancels(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert tp_ids(app) == ["sms", "shop", "pay"]
        await pilot.press("delete")
        await pilot.press("escape")
        assert tp_ids(app) == ["sms", "shop", "pay"]
        await pilot.press("d", "y")
        assert tp_ids(app) == ["shop", "pay"]
        assert app.om.map.actions == []  # its action went with it
        await pilot.press("ctrl+s")
    text = path.read_text(encoding="utf-8")
    assert "# The SMS nobody trusts" not in text and "magic-link" not in text
    assert "# Shop: the queue is the problem" in text


async def test_deleting_a_stage_with_touchpoints_asks_where_they_go(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "down", "d")  # stage "buy" (2 touchpoints)
        assert isinstance(app.screen, StageDeleteDialog)
        await pilot.press("enter")  # the first choice: move them to "discover"
        await pilot.pause()
        assert [s.id for s in app.om.map.stages] == ["discover"]
        assert [(t.id, t.stage) for t in app.om.map.touchpoints] == [
            ("sms", "discover"),
            ("shop", "discover"),
            ("pay", "discover"),
        ]
        await pilot.press("ctrl+z")
        assert [s.id for s in app.om.map.stages] == ["discover", "buy"]


# Undo, save, quit ------------------------------------------------------------------------------


async def test_undo_redo_and_undo_to_the_saved_state_quits_without_asking(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "m")
        await pilot.press("ctrl+z")
        assert app.om.map.touchpoint("sms").moment_of_truth is None  # type: ignore[union-attr]
        await pilot.press("ctrl+y")
        assert app.om.map.touchpoint("sms").moment_of_truth is True  # type: ignore[union-attr]
        await pilot.press("ctrl+z", "ctrl+z")
        assert "unsaved" not in app.sub_title
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert path.read_text(encoding="utf-8") == COMMENTED


async def test_quit_guard_cancel_discard_and_save(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert app.is_running and app.screen is app.main
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await pilot.pause()
        assert not app.is_running
    assert path.read_text(encoding="utf-8") == COMMENTED  # discarded

    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "q", "s")
        await pilot.pause()
        assert not app.is_running
    assert changed_lines(path) == ["+moment_of_truth = true"]


async def test_a_file_changed_on_disk_is_not_overwritten_silently(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        other = COMMENTED.replace("Pay", "Pay (edited in vim)")
        path.write_text(other, encoding="utf-8")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        assert path.read_text(encoding="utf-8") == other
        await pilot.press("ctrl+s", "r")  # reload
        await pilot.pause()
        assert app.om.map.touchpoint("pay").name == "Pay (edited in vim)"  # type: ignore[union-attr]
        assert not app.om.dirty
        await pilot.press("m", "ctrl+s")
        assert isinstance(app.screen, ChoiceDialog) is False
    assert "moment_of_truth = true" in path.read_text(encoding="utf-8")


async def test_help_and_command_palette_open_and_close(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert app.screen is app.main
        await pilot.press("question_mark", "escape")
        assert app.screen is app.main
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"moment of truth", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.om.map.touchpoint("sms").moment_of_truth is True  # type: ignore[union-attr]


async def test_a_missing_file_starts_a_new_map_written_on_first_save(tmp_path: Path) -> None:
    path = tmp_path / "workshop.toml"
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "unsaved" in app.sub_title
        await pilot.press("a", *"Parking full @car -2 !", "enter", "escape", "ctrl+s")
        await pilot.pause()
    saved = MapFile.load(path).map
    assert saved.touchpoints[0].name == "Parking full" and saved.touchpoints[0].emotion == -2


async def test_remapped_keys_work(path: Path) -> None:
    app = build_app(path, keymap={"touchpoint.moment": "M"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert app.om.map.touchpoint("sms").moment_of_truth is None  # type: ignore[union-attr]
        await pilot.press("M")
        assert app.om.map.touchpoint("sms").moment_of_truth is True  # type: ignore[union-attr]


async def test_too_small_terminal_says_so(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert app.main.has_class("-too-small")
        assert "too small" in str(app.main.query_one("#too-small").render()).lower()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.main.has_class("-too-small")


def test_model_is_unchanged_by_just_opening(path: Path) -> None:
    assert map_to_raw(app_for(path).om.map) == map_to_raw(MapFile.load(path).map)


async def test_adding_and_editing_an_action_and_the_map_details(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "3")  # touchpoint "shop" selected
        app.main.show_side("actions")
        await pilot.pause()
        assert isinstance(app.focused, ActionsPane)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-title", Input).value = "Queue ticket machine"
        form.query_one("#field-owner", Input).value = "Retail"
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = app.om.map.action("queue-ticket-machine")
        assert action is not None and action.touchpoint == "shop" and action.owner == "Retail"
        app.main.edit_map_info()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-title", Input).value = "Prepaid: first 60 days"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.om.map.info.title == "Prepaid: first 60 days"
        await pilot.press("ctrl+s")
    assert changed_lines(path) == [
        "-title = 'Prepaid: first 30 days'   # shown in the header",
        "+title = 'Prepaid: first 60 days'   # shown in the header",
        "+",
        "+[[actions]]",
        '+id = "queue-ticket-machine"',
        '+touchpoint = "shop"',
        '+title = "Queue ticket machine"',
        '+owner = "Retail"',
    ]


async def test_hidden_side_tabs_catch_up_when_shown(path: Path) -> None:
    """Moments and Actions are refreshed only when their tab is shown (a `+` must not pay for
    them): a moment marked while Details is up is in the Moments tab once it opens."""
    from cjm_tui.tui.components.moments_pane import MomentsPane

    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        tp = app.main.selected_touchpoint()
        assert tp is not None and not tp.is_moment_of_truth
        moments = app.main.query_one(MomentsPane)
        assert tp.uid not in [row[0] for row in moments._rows]
        await pilot.press("m")
        await pilot.pause()
        app.main.show_side("moments")
        await pilot.pause()
        assert tp.uid in [row[0] for row in moments._rows]
        await pilot.press("3", "m")  # off again, while Moments is the side tab shown
        await pilot.pause()
        assert tp.uid not in [row[0] for row in moments._rows]
