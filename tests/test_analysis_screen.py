"""The analysis screen (`v`): one tab per view, keys to switch, enter to go to a touchpoint.

Pilot tests drive it on the small hand-made map of test_analysis.py (known answers) and on the
hostile map; snapshots show the default tab and the departments tab of the telecom map at
80x24 and 120x40 (tests/__snapshots__/test_analysis_screen/; regenerate with
`pytest tests/test_analysis_screen.py --snapshot-update` and look at them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from cjm_tui.tui.app import CjmApp
from cjm_tui.tui.components.analysis_table import AnalysisTable
from cjm_tui.tui.components.impact_matrix import ImpactMatrix
from cjm_tui.tui.components.touchpoints_pane import TouchpointList
from cjm_tui.tui.screens.analysis import AnalysisScreen
from cjm_tui.tui.screens.help import keys_table
from tests.test_analysis import SMALL
from tests.test_snapshots import (
    CONTROLS,
    HOSTILE,
    SIZES,
    TELECOM,
    SnapCompare,
    app_on,
    obeyed_markup,
    screen_text,
    snap,
)

SIZE = (100, 30)


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def analysis(app: CjmApp) -> AnalysisScreen:
    screen = app.screen
    assert isinstance(screen, AnalysisScreen)
    return screen


def active_view(app: CjmApp) -> str:
    return analysis(app).query_one(TabbedContent).active.removeprefix("view-")


def table(app: CjmApp, name: str) -> AnalysisTable:
    return analysis(app).query_one(f"#{name}-table", AnalysisTable)


def column(t: AnalysisTable, index: int) -> list[str]:
    return [row.cells[index].plain for row in t.rows_shown]


def focused_table(app: CjmApp) -> str | None:
    focused = app.focused
    return (
        focused.id.removesuffix("-table")
        if isinstance(focused, AnalysisTable) and focused.id
        else None
    )


async def test_v_opens_the_moments_and_escape_or_v_closes(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert active_view(app) == "moments"
        assert focused_table(app) == "moments"
        moments = table(app, "moments")
        assert column(moments, 1) == ["◆ Poster", "◆ Form"]
        assert column(moments, 2) == ["-2 very negative", "●-2 ■+2 ▲–"]
        assert column(moments, 4) == ["☐ Fix poster", "◐ Redo form; ☐ Call back"]
        await pilot.press("escape")
        assert app.screen is app.main
        await pilot.press("v", "v")
        assert app.screen is app.main
        assert not app.om.dirty  # read-only: nothing changed


async def test_number_keys_and_arrows_switch_views(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        for key, view in zip(
            "123456",
            ("moments", "lowest", "plan", "departments", "channels", "coverage"),
            strict=True,
        ):
            await pilot.press(key)
            await pilot.pause()
            assert active_view(app) == view
            assert focused_table(app) == view  # its (first) table has focus
        await pilot.press("right")
        await pilot.pause()
        assert active_view(app) == "moments"  # round the end
        await pilot.press("left", "left")
        await pilot.pause()
        assert active_view(app) == "channels"
        footer_keys = {
            active.binding.key_display
            for active in app.active_bindings.values()
            if active.binding.show
        }
        assert {"1-6", "←→", "esc"} <= footer_keys


async def test_lowest_and_gaps_view(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "2")
        await pilot.pause()
        lowest = table(app, "lowest")
        assert column(lowest, 1) == ["Poster", "Desk", "Form", "Call"]  # tie broken by mean
        assert column(lowest, 3) == ["-2", "-2", "-2", "+1"]
        assert column(lowest, 4) == ["-2.0", "-1.5", "0.0", "+1.0"]
        assert column(lowest, 5) == ["", "●", "●", ""]  # Ann is the lowest at Desk and Form
        assert column(table(app, "gaps"), 0) == ["Poster", "Form"]
        detail = analysis(app).query_one("#lowest-detail")
        assert "1. Poster" in str(detail.render())


async def test_enter_on_a_row_goes_to_that_touchpoint(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "2", "down", "enter")  # the second lowest: Desk, stage Three
        await pilot.pause()
        assert app.screen is app.main
        tp = app.main.selected_touchpoint()
        assert tp is not None and tp.id == "t5"
        assert isinstance(app.focused, TouchpointList)


async def test_plan_view_and_matrix(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "3")
        await pilot.pause()
        plan = table(app, "plan")
        assert column(plan, 0) == [
            "★ Call back",
            "★✓ Train staff",
            "★ Fix poster",
            "• Redo form",
            "• Move desk",
        ]
        assert column(plan, 5)[1] == "2026-10-01T09:00:00"
        picture = screen_text(app.export_screenshot())
        assert "★ Fix poster" in picture and "Without impact or effort: • Move desk" in picture
        assert analysis(app).query_one(ImpactMatrix).border_title == "Impact and effort"


async def test_departments_view_and_its_detail(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "4")
        await pilot.pause()
        departments = table(app, "departments")
        assert column(departments, 0) == ["Marketing", "Sales", "Support", "(no owner)"]
        assert column(departments, 2) == ["–", "-0.5", "-0.8", "–"]  # Sales: mean of -2, +1
        assert column(departments, 4) == ["1", "1", "1", "1"]
        await pilot.press("down")
        await pilot.pause()
        detail = str(analysis(app).query_one("#departments-detail").render())
        assert "Sales" in detail and "2 touchpoints" in detail and "average -0.5" in detail
        assert "Moments of truth: ◆ Poster" in detail
        assert "Open actions: ☐ Fix poster" in detail


async def test_channels_and_coverage_views(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "5")
        await pilot.pause()
        channels = table(app, "channels")
        assert column(channels, 0) == ["phone", "shop", "web", "(no channel)"]
        assert [c.plain for c in channels.rows_shown[2].cells[1:]] == [
            "2",
            "-1.0",
            "-2.0",
            "0.0",
            "–",
        ]
        picture = screen_text(app.export_screenshot())
        assert "● Ann" in picture and "■ Bob" in picture  # persona columns and legend
        await pilot.press("6")
        await pilot.pause()
        coverage = table(app, "coverage")
        assert column(coverage, 0) == [
            "Persona meets nothing in",
            "Persona meets nothing in",
            "Persona meets nothing in",
            "No emotion for",
            "No evidence",
            "No evidence",
            "No evidence",
            "No evidence",
            "No emotion",
            "Empty stage",
        ]
        assert column(coverage, 2)[2] == "One, Three, Later"


async def test_the_view_reflects_unsaved_changes(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # the first touchpoint, Poster, stops being a moment of truth
        assert app.om.dirty
        await pilot.press("v")
        await pilot.pause()
        assert column(table(app, "moments"), 1) == ["◆ Form"]
        await pilot.press("ctrl+z")  # the analysis is read-only: undo waits until it closes
        assert column(table(app, "moments"), 1) == ["◆ Form"]
        assert app.om.dirty


async def test_palette_has_one_entry_per_view(small_map: Path) -> None:
    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        entries = {name: callback for name, _help, callback in app.main.palette_actions()}
        names = [
            "Analysis: moments of truth",
            "Analysis: lowest touchpoints and gaps",
            "Analysis: quick wins and action plan",
            "Analysis: departments",
            "Analysis: channels",
            "Analysis: coverage",
        ]
        assert all(name in entries for name in names)
        entries["Analysis: departments"]()
        await pilot.pause()
        assert active_view(app) == "departments"
        own: Any = analysis(app).palette_actions()
        by_name = {name: callback for name, _help, callback in own}
        by_name["Analysis: coverage"]()
        await pilot.pause()
        assert active_view(app) == "coverage"
        by_name["Close analysis"]()
        await pilot.pause()
        assert app.screen is app.main


def test_help_lists_the_analysis_keys() -> None:
    ids = [str(cell) for cell in keys_table().columns[2].cells]
    assert "main.analysis" in ids
    assert {"analysis.view_1", "analysis.next", "analysis.close"} <= set(ids)


async def test_hostile_text_is_literal_in_every_view(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_bytes(HOSTILE.read_bytes())
    app = app_on(path)
    seen: list[str] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("v")
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app.export_screenshot())
            bad = sorted({f"U+{ord(c):04X}" for c in CONTROLS.findall(text)})
            assert not bad, f"view {key}: control characters reached the screen: {bad}"
            assert not obeyed_markup(app), f"view {key}: map text became links or actions"
            seen.append(text)
    everything = "\n".join(seen)
    for literal in ("[bold]x[/bold]", "<b>Marketing</b>", "[@click=app.quit]click[/]", "<script>"):
        assert literal in everything


# Snapshots -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_analysis_moments_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v on the telecom map: the header reads "Analysis: map.toml — Prepaid bundle…"; six
    tabs "1 Moments  2 Lowest & gaps  3 Plan  4 Departments  5 Channels  6 Coverage" with
    Moments active; a bordered, focused table "Moments of truth" with Stage, Touchpoint,
    Emotion, Owner, Actions, Why and four rows (Activate "◆ Porting day…" with "●-1 ■-2 ▲-2
    ▼-1", then three in "First 30 days"), long text cut with "…", the first row highlighted.
    Under it the highlighted row in full: "◆ Porting day: phone without service for hours ·
    Activate · IT", its persona emotions by name, why, and its action. A legend line "Personas:
    ● Ola ■ Marek ▲ Pani Halina ▼ Oleksandr", and the footer "←→ Next view ⏎ Go to touchpoint
    1-6 View esc Close q Quit ? Help" (no Save: the analysis is read-only).
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v"])


@pytest.mark.parametrize("size", SIZES)
def test_analysis_departments_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v then 4: the Departments tab active; a table of Department, Touchpoints, Average, Moments,
    Open actions under "Departments: average of the touchpoints' means" (each touchpoint's
    persona values averaged first), Billing (2, -1.8, 2, 2) highlighted first, then Customer
    Care, Digital, IT, Legal, Marketing, Retail and "(no owner)" last (2, 0.0, 0, 0). Under
    it Billing's detail: "Billing · 2 touchpoints · average -1.8", its touchpoints, its two
    moments of truth with ◆, and its open actions with ☐ (at 80x24 the last line is cut). No
    "Go to touchpoint" in the footer: department rows are not touchpoints.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v", "4"])


async def test_q_closes_the_analysis_and_asks_about_unsaved_changes(small_map: Path) -> None:
    from cjm_tui.tui.screens.choice import ChoiceDialog

    app = app_on(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "v", "q")  # an unsaved change, then q in the analysis
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # the quit guard, over the map
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is app.main


@pytest.mark.parametrize("size", SIZES)
def test_analysis_lowest_and_gaps_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v then 2: "Lowest touchpoints: by the lowest persona emotion, ties by the mean" with
    #, Touchpoint, Stage, Lowest, Mean, For, Owner: 1 "Asking for a VAT i…" (-2, -2.0,
    Billing), 2 "Complaint about an…" (-2, -2.0, Customer Care), 3 "Porting day: phone…"
    (-2, -1.5, ■▲, IT): the three worst with their owners at a glance. Under it "Gaps:
    expectation and experience" (Expected / Got cut with "…"), and the first row in full with
    "Expected: An invoice in the app…" and "Got: A form to email…". At 80x24 each table shows
    four rows and scrolls.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v", "2"])


@pytest.mark.parametrize("size", SIZES)
def test_analysis_plan_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v then 3: "Action plan: quick wins ★ first": four ★ rows (two done, ✓ and ☑) before
    the • rows, with Owner, Effort, Impact, Due and State (☐ todo, ◐ doing, ☑ done). Under it
    the 3x3 "Impact and effort" grid: high impact row with "★ SMS with a case n…" under low
    effort (at 80x24 then "+2 more"; at 120x40 all three ★ rows), "• VAT invoice on de…"
    under high effort; the low impact row empty (–).
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v", "3"])


@pytest.mark.parametrize("size", SIZES)
def test_analysis_channels_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v then 5: "Channels: touchpoints and average emotion": one row per channel in
    alphabetical order (app 4 +0.3, call centre 1 -1.3, complaint 1 -2.0, …, sms 5 0.0), a
    column per persona headed by its symbol (● Ola ■ Marek ▲ Pani Ha… ▼ Oleksandr), "–" where
    a persona has no emotion on that channel. Under it app's four touchpoints by name. No "Go
    to touchpoint" in the footer.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v", "5"])


@pytest.mark.parametrize("size", SIZES)
def test_analysis_coverage_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """v then 6: "Coverage: what the map does not cover yet": seven "No evidence" rows
    (Courier delivers the SIM · hypothesis, …, NPS survey by SMS on day 30 · verified) and one
    "No emotion" row (the NPS survey); the first row in full under the table.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["v", "6"])
