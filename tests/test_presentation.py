"""Presentation mode: the headless slide layout, the screen driven by keys, and its pictures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.model.names import short_names
from cjm_tui.store import MapFile
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.components.presentation_view import PresentationView
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.screens.help import HelpScreen, keys_table
from cjm_tui.tui.screens.present import PresentScreen
from cjm_tui.views import presentation
from cjm_tui.views.presentation import (
    Slide,
    big_number,
    render,
    slides,
    spaced_capitals,
    wrap_cells,
)

from .conftest import TELECOM, copy_of, until

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.toml"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def telecom() -> Map:
    return MapFile.load(TELECOM).map


def plain(lines: list[Any]) -> str:
    return "\n".join(line.plain for line in lines)


# The layout, headless ------------------------------------------------------------------------


def test_big_number_is_three_rows_of_three_cells_per_digit() -> None:
    assert big_number(4) == ["█ █", "▀▀█", "  ▀"]
    rows = big_number(12)
    assert len(rows) == 3
    assert all(cell_len(row) == 7 for row in rows)  # two digits and a space between
    assert rows[0].startswith("▀█ ")


def test_spaced_capitals_keeps_words_apart() -> None:
    assert spaced_capitals("Buy and switch") == "B U Y   A N D   S W I T C H"
    assert spaced_capitals("Zakup") == "Z A K U P"


def test_wrap_cells_fits_the_width_and_marks_a_cut() -> None:
    lines = wrap_cells("Security guard asks for an ID at the gate", 12, 2)
    assert lines == ["Security", "guard asks…"]
    assert all(cell_len(line) <= 12 for line in lines)
    assert wrap_cells("short", 12, 2) == ["short"]
    assert all(cell_len(line) <= 5 for line in wrap_cells("Supercalifragilistic", 5, 3))
    wide = wrap_cells("顧客体験顧客体験", 5, 2)  # wide characters are never cut in half
    assert all(cell_len(line) <= 5 for line in wide)


def test_wrap_cells_breaks_at_spaces_never_inside_a_word() -> None:
    # The Polish clinic map showed "Oczekiwani" / "e" on a slide.
    assert wrap_cells("Oczekiwanie na wynik badań", 12, 3) == ["Oczekiwanie", "na wynik", "badań"]
    assert wrap_cells("Wynik badań wysłany SMS-em", 10, 2) == ["Wynik", "badań…"]
    # A word wider than the line has a line of its own, cut with "…", never continued below.
    assert wrap_cells("Oczekiwanie pacjenta", 8, 3) == ["Oczekiw…", "pacjenta"]
    assert wrap_cells("Supercalifragilistic", 5, 3) == ["Supe…"]
    for width in range(1, 16):
        for line in wrap_cells("Rejestracja telefoniczna przychodni", width, 3):
            assert cell_len(line) <= width
            assert all(
                w.rstrip("…") in ["Rejestracja", "telefoniczna", "przychodni"] or w.endswith("…")
                for w in line.split()
            )


def test_the_legend_uses_short_names_before_cutting_them() -> None:
    """At 80 columns the slide's legend read "● Ola, 20, …   ■ Marek, 44…"."""
    m = telecom()
    legend = render(m, slides(m, 80)[0], 80, 22)[-1].plain
    for short in ["● Ola ", "■ Marek ", "▲ Pani Halina ", "▼ Oleksandr "]:
        assert short in legend
    assert "…" not in legend


def test_one_slide_per_stage_when_the_stage_fits() -> None:
    m = telecom()
    found = slides(m, 120)
    assert [s.stage for s in found] == list(range(len(m.stages)))
    assert all(s.parts == 1 for s in found)
    by_stage = m.touchpoints_by_stage()
    assert [s.count for s in found] == [len(by_stage[st.id]) for st in m.stages]


def test_a_stage_too_wide_for_the_screen_is_cut_into_parts_that_cover_it_once() -> None:
    m = telecom()
    narrow = slides(m, 60)
    assert any(s.parts > 1 for s in narrow)
    by_stage = m.touchpoints_by_stage()
    for index, stage in enumerate(m.stages):
        parts = [s for s in narrow if s.stage == index]
        covered = [i for s in parts for i in range(s.first, s.first + s.count)]
        assert covered == list(range(len(by_stage[stage.id])))
        assert [s.part for s in parts] == list(range(1, len(parts) + 1))
    assert presentation.find_slide(narrow, 2, 3) > presentation.find_slide(narrow, 2, 0)


@pytest.mark.parametrize(("width", "height"), [(80, 23), (120, 39), (60, 18), (200, 60)])
def test_every_slide_fills_the_screen_exactly(width: int, height: int) -> None:
    m = telecom()
    for slide in slides(m, width):
        lines = render(m, slide, width, height)
        assert len(lines) == height
        assert all(line.cell_len == width for line in lines)


def test_a_slide_shows_the_stage_its_touchpoints_values_and_progress() -> None:
    m = telecom()
    found = slides(m, 120)
    text = plain(render(m, found[3], 120, 39))  # Activate: a moment of truth, per persona
    assert "A C T I V A T E" in text
    assert "stage 4 of 6" in text
    assert "Porting day: phone" in text
    assert "◆ moment of truth" in text
    assert "┏" in text and "┗" in text  # the moment of truth's heavy frame
    tps = m.touchpoints_by_stage()["activate"]
    porting = tps[0]
    assert isinstance(porting.emotion, dict)
    for i, persona in enumerate(m.personas):
        value = porting.emotion.get(persona.id)
        if value is not None:
            symbol = presentation.colours.persona_style(i)[0]
            assert f"{symbol}{value:+d}" in text  # "●-1": readable without colour
    for short in short_names(m).values():  # the legend names them, short where room is short
        assert short in text


def test_the_title_block_falls_back_when_the_name_is_long() -> None:
    m = Map(
        MapInfo(title="T"),
        stages=[Stage("s", "A stage name far too long to be spaced out in capitals here")],
        touchpoints=[Touchpoint("t", "s", "One", emotion=1)],
    )
    text = plain(render(m, Slide(0, 0, 1), 80, 24))
    assert "A STAGE NAME FAR TOO LONG" in text


def test_a_single_curve_writes_the_value_without_a_symbol() -> None:
    m = Map(
        MapInfo(title="Simple"),
        stages=[Stage("a", "Arrive"), Stage("b", "Leave")],
        touchpoints=[
            Touchpoint("t1", "a", "Gate", emotion=-2, moment_of_truth=True),
            Touchpoint("t2", "a", "Coffee"),
        ],
    )
    found = slides(m, 80)
    lines = plain(render(m, found[0], 80, 24)).split("\n")
    text = "\n".join(lines)
    # The bar's value under it (not the level label at the left).
    assert any("-2" in line[presentation.GUTTER :] for line in lines if "┤" not in line)
    assert "●-2" not in text
    assert "?" in text  # Coffee has no emotion yet: a question, not a zero
    empty = plain(render(m, found[1], 80, 24))
    assert "No touchpoints in this stage yet." in empty
    assert "stage 2 of 2" in empty


def test_a_persona_not_at_a_touchpoint_gets_no_bar() -> None:
    m = Map(
        MapInfo(title="Two"),
        personas=[Persona("a", "Ann"), Persona("b", "Bob")],
        stages=[Stage("s", "Stage")],
        touchpoints=[Touchpoint("t", "s", "Only Ann", personas=["a"], emotion={"a": 2})],
    )
    text = plain(render(m, slides(m, 80)[0], 80, 24))
    assert "●+2" in text
    assert "■" in text  # in the legend
    assert "■?" not in text and "■+" not in text and "■-" not in text


def test_no_stages_and_too_small_say_so() -> None:
    empty = Map(MapInfo(title="Nothing"))
    assert slides(empty, 80) == []
    assert "This map has no stages yet." in plain(render(empty, None, 80, 24))
    small = plain(render(telecom(), slides(telecom(), 50)[0], 50, 12))
    assert "Too small to present" in small


def test_hostile_text_is_shown_as_typed_and_never_as_control_characters() -> None:
    m = MapFile.load(HOSTILE).map
    text = "\n".join(plain(render(m, s, 120, 40)) for s in slides(m, 120))
    assert "[bold]x[/bold]" in text
    assert not CONTROLS.findall(text)


# The screen, driven by keys ------------------------------------------------------------------


def app_on(path: Path) -> CjmApp:
    app = build_app(path, keymap={})
    app.animation_level = "none"
    return app


def shown_stage(app: CjmApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, PresentScreen)
    return screen.view.stage_id


def screen_text(app: CjmApp) -> str:
    view = app.screen.query_one(PresentationView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_p_presents_and_the_arrows_walk_the_stages(tmp_path: Path) -> None:
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        assert shown_stage(app) == "discover"
        assert "D I S C O V E R" in screen_text(app)
        assert "stage 1 of 6" in screen_text(app)
        await pilot.press("right")
        assert shown_stage(app) == "compare"
        assert "C O M P A R E   A N D   D E C I D E" in screen_text(app)
        await pilot.press("l", "space")
        assert shown_stage(app) == "activate"
        await pilot.press("left", "h")
        assert shown_stage(app) == "compare"
        await pilot.press("end")
        assert shown_stage(app) == "renew"
        await pilot.press("right")  # the last stage stays
        assert shown_stage(app) == "renew"
        await pilot.press("home", "left")  # and so does the first
        assert shown_stage(app) == "discover"
        await pilot.press("right", "right", "escape")
        await pilot.pause()
        assert app.screen is app.main
        # The editor's selection stays where it was; p starts again from the selected stage.
        assert app.main.stage == "discover"
        await pilot.press("2", "down", "down", "3", "p")
        await pilot.pause()
        assert shown_stage(app) == "switch"
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("p", "p")
        await pilot.pause()
        assert app.screen is app.main  # p leaves too


async def test_leaving_the_presentation_keeps_the_selection(tmp_path: Path) -> None:
    """p, right, escape, m: the moment of truth goes to the touchpoint selected before p,
    not to one of the stage shown last."""
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        chosen = app.main.selected_touchpoint()
        assert chosen is not None and chosen.stage == "discover"
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PresentScreen))
        await pilot.press("right")
        assert shown_stage(app) == "compare"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main)
        assert app.main.stage == "discover"
        selected = app.main.selected_touchpoint()
        assert selected is not None and selected.id == chosen.id
        before = {tp.id: tp.is_moment_of_truth for tp in app.om.map.touchpoints}
        await pilot.press("m")
        await until(pilot, lambda: app.om.dirty)
        after = {tp.id: tp.is_moment_of_truth for tp in app.om.map.touchpoints}
        assert [i for i in after if after[i] != before[i]] == [chosen.id]


async def test_presenting_changes_nothing(tmp_path: Path) -> None:
    path = copy_of(TELECOM, tmp_path)
    before = path.read_bytes()
    app = app_on(path)
    async with app.run_test(size=(100, 30)) as pilot:
        m = app.om.map
        version = app.om.version
        await pilot.press("p")
        await pilot.pause()
        for key in ["m", "plus", "minus", "a", "e", "enter", "d", "K", "J", "<", ">"]:
            await pilot.press(key)
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        assert app.om.map is m
        assert app.om.version == version
        assert not app.om.dirty
        # The command palette offers moving and leaving, and none of the editor's edits.
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"emotion")
        # The palette has searched once its list shows what it found for the typed text.
        commands = palette.query("CommandList").first()
        await until(pilot, lambda: commands.option_count > 0)
        names = [str(o.prompt) for o in commands.options]
        assert names and not any("Emotion" in n for n in names)
        await pilot.press("escape")
        await pilot.pause()
        assert app.om.version == version
    assert path.read_bytes() == before


async def test_presentation_mode_is_in_the_palette_and_the_help(tmp_path: Path) -> None:
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"presentation mode", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PresentScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    console = Console(record=True, width=200)
    console.print(keys_table())
    table = console.export_text()
    assert "main.present" in table
    assert "present.next" in table and "present.leave" in table


async def test_p_in_the_quick_add_line_is_a_letter(tmp_path: Path) -> None:
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "p", "o", "p")
        await pilot.pause()
        assert app.screen is app.main
        assert app.main.query_one("#quick-add", Input).value == "pop"


async def test_a_narrow_screen_pages_through_a_long_stage(tmp_path: Path) -> None:
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "part 1 of 2" in text
        await pilot.press("right")
        assert "part 2 of 2" in screen_text(app)
        assert shown_stage(app) == "discover"
        await pilot.press("right")
        assert shown_stage(app) == "compare"


async def test_stages_pane_follows_only_when_a_stage_was_selected(tmp_path: Path) -> None:
    app = app_on(copy_of(TELECOM, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        stages = app.main.query_one(StagesPane)
        stages.highlight_uid(None)  # "All stages"
        await pilot.pause()
        assert app.main.stage is None
        await pilot.press("3", "p", "right", "escape")
        await pilot.pause()
        assert app.main.stage is None


# Pictures ------------------------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def pressing(*keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_presentation_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """p, then three times right: the fourth stage, Activate, fills the screen. The top line
    reads the map's title (dim) and "stage 4 of 6 ○ ○ ○ ● ○ ○". Below, the number 4 in a three-
    row block font beside "A C T I V A T E", its goal in italics and "4 touchpoints ◆ 1 moment
    of truth", in a thin frame at 80x24 (at 120x40 the frame is left out: the bars would lose
    height for it). Then four wide columns, one per touchpoint, each name bold and centred on
    top; the first, "Porting day: phone without service for hours", in a heavy purple frame
    with "◆ moment of truth" (just "◆" at 80x24) on its top edge. Per column one coloured bar
    per persona rises from the 0 line or falls below it, its value written at its end ("●-1",
    "■-2", "▲ 0"), against the level labels +2 .. -2 at the left; a name wraps at spaces only,
    never inside a word. The bottom line is the legend, short names uncut (● Ola, ■ Marek,
    ▲ Pani Halina, ▼ Oleksandr, ◆ moment of truth), then the footer: → Next, ←
    Previous, esc Leave, ? Help. No Save in the footer: nothing changes here.
    """
    app = app_on(copy_of(TELECOM, tmp_path))
    assert snap_compare(
        app, terminal_size=size, run_before=pressing("p", "right", "right", "right")
    )
