"""Two editors of one map in one process (Pilot): what a person sees while someone else
changes the map under an open form or the journey grid."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.screens.form import EditForm
from cjm_tui.tui.screens.grid import GridScreen

from .conftest import until

SIZE = (100, 30)


def notices(app: CjmApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@asynccontextmanager
async def two_editors(path: Path) -> AsyncIterator[tuple[CjmApp, CjmApp, Pilot[int]]]:
    """The first editor (it hosts the map), the second (joined), the second's pilot."""
    first = build_app(path, keymap={}, lock=True)
    async with first.run_test(size=SIZE):
        second = build_app(path, keymap={}, lock=True)
        async with second.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "2 in the map" in second.sub_title)
            yield first, second, pilot


async def open_form(second: CjmApp, pilot: Pilot[int], key: str) -> tuple[EditForm, Input]:
    """`e` on the first touchpoint; the focus on the field `key`."""
    await pilot.press("e")
    await until(pilot, lambda: isinstance(second.screen, EditForm))
    form = second.screen
    assert isinstance(form, EditForm)
    field = form.widgets[key]
    assert isinstance(field, Input)
    form.set_focus(field)
    return form, field


async def test_a_form_whose_touchpoint_another_editor_deletes_says_so_and_keeps_the_text(
    path: Path,
) -> None:
    async with two_editors(path) as (first, second, pilot):
        form, name = await open_form(second, pilot, "name")  # the first touchpoint, sms
        await pilot.press(*" (edited)")
        sms = first.om.map.touchpoint("sms")
        assert sms is not None
        first.om.delete(sms)
        first.main.refresh_views()
        await until(pilot, lambda: second.om.map.touchpoint("sms") is None)
        message = form.query_one("#form-error")
        await until(pilot, lambda: bool(message.display))
        assert "deleted this touchpoint" in str(message.render())
        assert name.value == "SMS offer (edited)"  # what was typed stays
        await pilot.press("ctrl+s")  # apply: refused, the form stays open
        await pilot.pause()
        assert second.screen is form and name.value == "SMS offer (edited)"
        assert second.om.map.touchpoint("sms") is None


async def test_a_form_applies_only_the_fields_typed_over_another_editors_changes(
    path: Path,
) -> None:
    async with two_editors(path) as (first, second, pilot):
        _form, _owner = await open_form(second, pilot, "owner")
        await pilot.press(*"Retail")
        sms = first.om.map.touchpoint("sms")
        assert sms is not None
        first.om.update(sms, doing="reads it on the tram")
        await until(pilot, lambda: second.om.map.touchpoint("sms").doing is not None)  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: first.om.map.touchpoint("sms").owner == "Retail")  # type: ignore[union-attr]
        got = first.om.map.touchpoint("sms")
        assert got is not None and got.doing == "reads it on the tram"


async def test_the_grid_cursor_and_a_typed_cell_follow_their_touchpoint(path: Path) -> None:
    async with two_editors(path) as (first, second, pilot):
        await pilot.press("g")
        await until(pilot, lambda: isinstance(second.screen, GridScreen))
        grid = second.screen
        assert isinstance(grid, GridScreen)

        def under_cursor() -> str | None:
            tp = grid._grid.touchpoint(grid.view.column)
            return tp.id if tp is not None else None

        while under_cursor() != "shop":  # the "buy" stage's first touchpoint
            await pilot.press("right")
        column = grid.view.column
        await pilot.press(*"queue")
        assert grid.editing
        # The other editor adds a touchpoint before it.
        first.om.quick_add("Billboard -1", "discover")
        await until(pilot, lambda: second.om.map.touchpoint("billboard") is not None)
        assert grid.view.column == column + 1 and under_cursor() == "shop"
        await pilot.press("enter")
        await until(pilot, lambda: first.om.map.touchpoint("shop").doing is not None)  # type: ignore[union-attr]
        shop = first.om.map.touchpoint("shop")
        billboard = first.om.map.touchpoint("billboard")
        assert shop is not None and billboard is not None
        assert (shop.doing or "").endswith("queue") and billboard.doing is None
        # Now it is deleted while a cell of it is being typed: nothing goes anywhere else.
        await pilot.press("up", *"lost")
        assert grid.editing
        target = grid._grid.touchpoint(grid.view.column)
        assert target is not None
        gone = first.om.map.touchpoint(target.id)
        assert gone is not None
        first.om.delete(gone)
        await until(pilot, lambda: second.om.map.touchpoint(target.id) is None)
        await pilot.press("enter")
        await pilot.pause()
        assert grid.editing and grid.editor.value.endswith("lost")
        assert "deleted this touchpoint" in notices(second)
        assert not any("lost" in (t.doing or "") for t in first.om.map.touchpoints)
