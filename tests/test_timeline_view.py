"""The editor's timeline pane: what it shows, selection, scrolling, fit mode, hostile text, size."""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import ColorSystem
from rich.style import Style
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from cjm_tui.model import Map, map_from_raw
from cjm_tui.tui.components.timeline_view import TimelineView
from cjm_tui.views.colours import MOT_SYMBOL, OKABE_ITO, SELECTED_SYMBOL, persona_style
from cjm_tui.views.timeline import (
    DEFAULT_COLUMN_WIDTH,
    GUTTER,
    HEIGHT,
    ROW_AXIS,
    ROW_MARKERS,
    ROW_STAGES,
    emotion_row,
)

SIZE = (100, 30)


def make_map(
    touchpoints: list[dict[str, Any]],
    stages: list[tuple[str, str]],
    personas: list[tuple[str, str]] | None = None,
) -> Map:
    raw: dict[str, Any] = {
        "map": {"format": 1, "title": "Test map"},
        "stages": [{"id": sid, "name": name} for sid, name in stages],
        "touchpoints": touchpoints,
    }
    if personas:
        raw["personas"] = [{"id": pid, "name": name} for pid, name in personas]
    return map_from_raw(raw)


def small_map() -> Map:
    """Two stages, three touchpoints: +2, -2 and 0, the last a moment of truth."""
    return make_map(
        [
            {"id": "a", "stage": "find", "name": "Search", "emotion": 2},
            {"id": "b", "stage": "find", "name": "Compare", "emotion": -2},
            {"id": "c", "stage": "buy", "name": "Pay", "emotion": 0, "moment_of_truth": True},
        ],
        [("find", "Discover"), ("buy", "Purchase")],
    )


def wide_map(stages: int = 6, per_stage: int = 10) -> Map:
    """`stages` stages named S0, S1, ... of `per_stage` touchpoints t0, t1, ... each."""
    tps = [
        {"id": f"t{i}", "stage": f"s{i // per_stage}", "name": f"T{i}", "emotion": i % 5 - 2}
        for i in range(stages * per_stage)
    ]
    return make_map(tps, [(f"s{k}", f"S{k}") for k in range(stages)])


def big_map(n: int = 2000, stages: int = 40) -> Map:
    """`n` touchpoints over `stages` stages, three personas with their own emotions."""
    per = n // stages
    tps = [
        {
            "id": f"t{i}",
            "stage": f"s{i // per}",
            "name": f"Touchpoint {i}",
            "emotion": {"p": i % 5 - 2, "q": (i + 2) % 5 - 2, "r": -(i % 5 - 2)},
            "moment_of_truth": i % 97 == 0,
        }
        for i in range(n)
    ]
    return make_map(
        tps,
        [(f"s{k}", f"Stage {k}") for k in range(stages)],
        [("p", "Pat"), ("q", "Quinn"), ("r", "Rae")],
    )


class TimelineApp(App[None]):
    """Just the timeline, focused."""

    def compose(self) -> ComposeResult:
        yield TimelineView()

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()


def lines(view: TimelineView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def column_text(view: TimelineView, touchpoint_id: str, row: int) -> str:
    """The cells of a touchpoint's column on `row`, as on screen ("" when out of view)."""
    assert view.timeline is not None
    span = view.timeline.column_span(touchpoint_id)
    assert span is not None
    x, width = span
    start = GUTTER + x - view.x_offset
    if start < GUTTER or start + width > view.size.width:
        return ""
    return lines(view)[row][start : start + width]


async def show(
    pilot: Pilot[None], m: Map, persona: str | None = None, sel: str | None = None
) -> TimelineView:
    view = pilot.app.query_one(TimelineView)
    view.set_map(m, persona, sel)
    await pilot.pause()
    return view


# What it shows ---------------------------------------------------------------------------


async def test_stage_names_values_on_their_rows_and_legend() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, small_map())
        out = lines(view)
        assert view.border_title == "Emotion timeline"
        assert len(out) >= HEIGHT + 1
        assert all(len(line) == view.size.width for line in out)
        assert "Discover" in out[ROW_STAGES]
        assert "Purchase" in out[ROW_STAGES]
        # Each value on its own row, in its touchpoint's column, and nowhere else.
        assert out[emotion_row(2)].startswith("+2 ┤")
        assert "●+2" in column_text(view, "a", emotion_row(2))
        assert "●-2" in column_text(view, "b", emotion_row(-2))
        assert "●0" in column_text(view, "c", emotion_row(0))
        assert "-2" not in out[emotion_row(2)][GUTTER:]
        assert "+2" not in out[emotion_row(-2)][GUTTER:]
        assert MOT_SYMBOL in column_text(view, "c", ROW_MARKERS)
        # The legend, under the chart, names the curve.
        assert "● emotion" in out[HEIGHT]
        assert "moment of truth" in out[HEIGHT]
        # A journey this short is widened to fill the pane: touchpoint names on the axis.
        assert view.timeline is not None
        assert view.timeline.content_width > 3 * DEFAULT_COLUMN_WIDTH
        assert view.border_subtitle == ""  # nothing off screen
        assert "Search" in out[ROW_AXIS]
        assert "Compare" in out[ROW_AXIS]


async def test_personas_highlight_the_selected_one_and_the_legend_lists_all() -> None:
    m = make_map(
        [{"id": "a", "stage": "s", "name": "A", "emotion": {"p": 2, "q": -1}}],
        [("s", "Stage")],
        [("p", "Pat"), ("q", "Quinn")],
    )
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, m, persona="q")
        out = lines(view)
        pat, quinn = persona_style(0)[0], persona_style(1)[0]
        # focus="highlight": both curves stay, each symbol on its value's row.
        assert pat in column_text(view, "a", emotion_row(2))
        assert quinn in column_text(view, "a", emotion_row(-1))
        legend = "\n".join(out[HEIGHT:])
        assert f"{pat} Pat" in legend
        assert f"{quinn} Quinn" in legend


async def test_unknown_persona_falls_back_to_all_curves() -> None:
    m = make_map(
        [{"id": "a", "stage": "s", "name": "A", "emotion": {"p": 1}}],
        [("s", "Stage")],
        [("p", "Pat")],
    )
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, m, persona="deleted")
        assert f"{persona_style(0)[0]}+1" in column_text(view, "a", emotion_row(1))


async def test_map_given_to_the_constructor_shows_on_mount() -> None:
    class WithMap(App[None]):
        def compose(self) -> ComposeResult:
            yield TimelineView(small_map(), selected="b")

    async with WithMap().run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.query_one(TimelineView)
        assert "Discover" in lines(view)[ROW_STAGES]
        assert SELECTED_SYMBOL in column_text(view, "b", ROW_MARKERS)


# Selection and scrolling ------------------------------------------------------------------


async def test_select_moves_the_marker() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, small_map(), sel="a")
        assert SELECTED_SYMBOL in column_text(view, "a", ROW_MARKERS)
        assert SELECTED_SYMBOL not in column_text(view, "c", ROW_MARKERS)
        view.select("c")
        await pilot.pause()
        assert view.selected == "c"
        assert SELECTED_SYMBOL not in column_text(view, "a", ROW_MARKERS)
        assert SELECTED_SYMBOL in column_text(view, "c", ROW_MARKERS)
        view.select(None)
        await pilot.pause()
        assert SELECTED_SYMBOL not in lines(view)[ROW_MARKERS]


async def test_keys_scroll_a_wide_map_and_the_gutter_stays() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, wide_map())
        before = lines(view)
        assert view.x_offset == 0
        assert before[ROW_STAGES].startswith("    S0")
        assert "S5" not in before[ROW_STAGES]
        assert "▶" in str(view.border_subtitle)
        await pilot.press("right")
        assert view.x_offset == 7  # one column
        await pilot.press("end")
        after = lines(view)
        assert view.timeline is not None
        assert view.x_offset == view.timeline.max_offset(view.size.width) > 0
        assert "S5" in after[ROW_STAGES]
        assert "S0" not in after[ROW_STAGES]
        assert after[emotion_row(2)].startswith("+2 ┤")  # the row labels did not scroll
        assert "◀" in str(view.border_subtitle)
        await pilot.press("left")
        assert view.x_offset < view.timeline.max_offset(view.size.width)
        await pilot.press("home")
        assert view.x_offset == 0
        assert lines(view) == before


async def test_select_far_touchpoint_scrolls_it_into_view() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, wide_map(), sel="t0")
        assert column_text(view, "t50", ROW_MARKERS) == ""  # out of view
        view.select("t50")
        await pilot.pause()
        assert view.x_offset > 0
        assert SELECTED_SYMBOL in column_text(view, "t50", ROW_MARKERS)
        # Back to the start, and a set_map that selects far away scrolls too.
        view.select("t0")
        await pilot.pause()
        assert view.x_offset == 0
        view.set_map(wide_map(), None, "t59")
        await pilot.pause()
        assert SELECTED_SYMBOL in column_text(view, "t59", ROW_MARKERS)


async def test_z_toggles_fit_so_every_stage_shows() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, wide_map(), sel="t30")
        assert not view.compact
        names = [f"S{k}" for k in range(6)]
        assert not all(name in lines(view)[ROW_STAGES] for name in names)
        await pilot.press("z")
        assert view.compact
        assert view.x_offset == 0
        assert view.timeline is not None
        assert view.timeline.content_width + GUTTER <= view.size.width
        stage_row = lines(view)[ROW_STAGES]
        assert all(name in stage_row for name in names)
        assert SELECTED_SYMBOL in column_text(view, "t30", ROW_MARKERS)
        assert view.border_subtitle == "fit"
        # Nothing to scroll in fit mode: the scroll keys give way to the app.
        assert view.check_action("scroll_columns", (1,)) is False
        await pilot.press("right")
        assert view.x_offset == 0
        await pilot.press("z")
        assert not view.compact
        assert not all(name in lines(view)[ROW_STAGES] for name in names)
        assert SELECTED_SYMBOL in column_text(view, "t30", ROW_MARKERS)


async def test_fit_mode_lays_out_again_on_resize() -> None:
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, wide_map())
        view.compact = True
        await pilot.pause()
        assert view.timeline is not None
        wide = view.timeline.content_width
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert view.timeline.content_width < wide
        assert view.timeline.content_width + GUTTER <= view.size.width
        assert all(f"S{k}" in lines(view)[ROW_STAGES] for k in range(6))


async def test_click_on_a_column_posts_its_touchpoint() -> None:
    clicked: list[str] = []

    class Clicks(TimelineApp):
        def on_timeline_view_touchpoint_clicked(
            self, event: TimelineView.TouchpointClicked
        ) -> None:
            clicked.append(event.touchpoint_id)

    async with Clicks().run_test(size=SIZE) as pilot:
        view = await show(pilot, small_map())
        assert view.timeline is not None
        span = view.timeline.column_span("c")
        assert span is not None
        # +1 for the border, +1 into the column.
        await pilot.click(TimelineView, offset=(1 + GUTTER + span[0] + 1, 1 + emotion_row(0)))
        await pilot.pause()
        assert clicked == ["c"]


# Map text is data -------------------------------------------------------------------------


async def test_hostile_names_show_literally_or_stripped() -> None:
    tps = [
        {"id": f"t{i}", "stage": sid, "name": "[bold]x[/bold]", "emotion": {"p": 1}}
        for i, sid in enumerate(["m", "m", "m", "e", "e", "e", "r", "r", "r"])
    ]
    m = make_map(
        tps,
        [("m", "[bold]x[/bold]"), ("e", "\x1b[31mRed"), ("r", "\u202eevil")],
        [("p", "[red]Pat[/red]\x1b]0;pwn\x07")],
    )
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, m)
        out = lines(view)
        screen = "\n".join(out)
        assert "[bold]x[/bold]" in out[ROW_STAGES]  # markup shown as text, not applied
        assert "Red" in out[ROW_STAGES]
        assert "evil" in out[ROW_STAGES]
        assert "[red]Pat[/red]" in "\n".join(out[HEIGHT:])
        for bad in ("\x1b", "[31m", "\u202e", "\x07", "pwn"):
            assert bad not in screen
        svg = pilot.app.export_screenshot()
        assert "[bold]x[/bold]" in svg.replace("&#160;", " ")


# Colour ---------------------------------------------------------------------------------


_EIGHT_BIT = ("38;5;", "48;5;")
_TRUECOLOR = ("38;2;", "48;2;")


@pytest.mark.parametrize(
    ("system", "expected", "forbidden"),
    [
        (ColorSystem.STANDARD, "\x1b[", (*_EIGHT_BIT, *_TRUECOLOR)),
        (ColorSystem.EIGHT_BIT, "38;5;", _TRUECOLOR),
        (ColorSystem.TRUECOLOR, "38;2;", ()),
    ],
)
async def test_rows_are_rich_colours_any_colour_system_can_show(
    system: ColorSystem, expected: str, forbidden: tuple[str, ...]
) -> None:
    """Colours are Rich colours, so a 16- or 256-colour terminal gets them downgraded."""
    m = make_map(
        [{"id": "a", "stage": "s", "name": "A", "emotion": {"p": 2}}],
        [("s", "Stage")],
        [("p", "Pat")],
    )
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, m, sel="a")
        strip = view.render_line(emotion_row(2))
        assert f"{persona_style(0)[0]}+2" in strip.text
        # Rendered the way a console of that system does it, through fresh Styles: Rich and
        # Textual cache a Style's codes for the first colour system they meet.
        ansi = "".join(
            Style(color=style.color, bgcolor=style.bgcolor).render(text, color_system=system)
            if style
            else text
            for text, style, _ in strip
        )
        assert expected in ansi
        assert not any(code in ansi for code in forbidden)


async def test_no_color_keeps_the_meaning_without_the_colours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = make_map(
        [{"id": "a", "stage": "s", "name": "A", "emotion": {"p": 2}}],
        [("s", "Stage")],
        [("p", "Pat")],
    )
    orange = OKABE_ITO["orange"].lower()  # Pat's curve colour

    async with TimelineApp().run_test(size=SIZE) as pilot:
        await show(pilot, m)
        assert orange in pilot.app.export_screenshot().lower()

    monkeypatch.setenv("NO_COLOR", "1")
    async with TimelineApp().run_test(size=SIZE) as pilot:
        view = await show(pilot, m)
        svg = pilot.app.export_screenshot().lower()
        assert orange not in svg
        assert "●+2" in column_text(view, "a", emotion_row(2))
        assert "● Pat" in lines(view)[HEIGHT]


# Size ----------------------------------------------------------------------------------


async def test_two_thousand_touchpoints_render() -> None:
    """Works at 2,000 touchpoints; speed is measured in benchmarks/, not asserted here."""
    m = big_map()
    async with TimelineApp().run_test(size=(122, 30)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.pause()
        view.set_map(m, "q", "t1999")
        out = lines(view)
        assert view.size.width == 120
        assert SELECTED_SYMBOL in column_text(view, "t1999", ROW_MARKERS)
        assert "Stage 39" in out[ROW_STAGES]
        # Rows are rendered once per window, then served from the cache.
        assert view.render_line(0) is view.render_line(0)
        await pilot.press("z")
        assert view.timeline is not None and view.timeline.sampled
        assert view.border_subtitle == "fit, averaged"
        assert view.timeline.content_width + GUTTER <= view.size.width
        stage_row = lines(view)[ROW_STAGES]
        assert stage_row.startswith("    S")
        assert stage_row.count("│") == 39  # every stage boundary, in the width
        await pilot.press("z")
        for _ in range(5):
            await pilot.press("left")
        assert view.x_offset > 0
        pilot.app.export_screenshot()
