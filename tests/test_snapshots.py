"""What the editor looks like: SVG snapshots at 80x24 and 120x40, and hostile map text.

The snapshots (pytest-textual-snapshot) live in `tests/__snapshots__/test_snapshots/`. After a
deliberate change of the look, regenerate them with
`python -m pytest tests/test_snapshots.py --snapshot-update` and look at the new pictures
(`rsvg-convert x.svg -o x.png`) before committing them: a snapshot only says "same as last
time", a person says "right".

Every picture is deterministic: the map is a copy named `map.toml` (the header shows the file
name only, never the temporary directory), the header has no clock, animations are off,
cursors do not blink, and no action that shows a notification is taken.

`tests/data/hostile.toml` holds markup, HTML, terminal control sequences, bidi overrides, very
long names, emoji, wide CJK, Polish and Russian in every text field: the editor must show it
all as literal text and send no control character to the terminal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.components.actions_pane import ActionsPane
from cjm_tui.tui.components.detail_view import DetailView
from cjm_tui.tui.components.moments_pane import MomentsPane
from cjm_tui.tui.components.personas_pane import PersonasPane
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.components.timeline_view import TimelineView
from cjm_tui.tui.components.touchpoints_pane import TouchpointList
from cjm_tui.tui.screens.choice import ChoiceDialog
from cjm_tui.tui.screens.form import EditForm
from cjm_tui.tui.screens.help import HelpScreen

from .conftest import TELECOM, copy_of

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.toml"

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

SnapCompare = Callable[..., bool]


def app_on(path: Path) -> CjmApp:
    app = build_app(path, keymap={})  # never read the user's keymap file
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until screens are pushed and painted, and freeze anything that would blink."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys` (each followed by a pause) and then settles."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def snap(
    snap_compare: SnapCompare,
    source: Path,
    tmp_path: Path,
    size: tuple[int, int],
    keys: Iterable[str] = (),
) -> bool:
    app = app_on(copy_of(source, tmp_path))
    return snap_compare(app, terminal_size=size, run_before=pressing(*keys))


# The telecom map -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The map as it opens. The header shows "map.toml — Prepaid bundle: switching operator
    and the first 30 days" (no unsaved marker; cut with "…" at 80x24). Left, Personas ("All
    personas" highlighted, then Ola, Marek, Pani Halina, Oleksandr, each with its curve's
    symbol ● ■ ▲ ▼; at 80x24 only the first persona fits and the pane scrolls) and Stages
    ("All stages", then the stages with their touchpoint counts, "1 Discover (4)"
    highlighted). Middle, focused (accent border): the four touchpoints of Discover, the
    first, "Bus-stop poster", highlighted, each with its emotion and ✓/? status; at 80x24 the
    list is the widest pane (Personas/Stages 18 columns, side pane 24, no padding inside the
    lists) and shows about 28 characters of each name ('Bus-stop poster "30 GB for P…').
    Right: the Details tab on that touchpoint, its full name wrapped; the tabs "Details Moments
    Actions" all visible. Below: the emotion timeline with the stage names over their columns,
    the five rows +2..-2 and the curves, "scroll ▶" on its border; at 120x40 one legend line
    under it naming all four personas by short name: "● Ola   ■ Marek   ▲ Pani Halina
    ▼ Oleksandr   ◆ moment of truth   ↓ selected". The footer shows a Add touchpoint,
    e Edit, +- Emotion, m Moment, ^s Save, ? Help, q Quit.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size)


@pytest.mark.parametrize("size", SIZES)
def test_edit_form_on_a_touchpoint(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """enter on the first touchpoint: a modal form titled "Edit touchpoint: Bus-stop poster "30 GB
    for PLN 25"" over the dimmed main screen. Its fields are one line each (lists too:
    "Personas (separate with ;)" holds "student; sole-trader"), a bold label above each ("Id
    *" first, with a bar at its left: it has focus), its value in the input below; the
    fields scroll, and the hint line at the bottom reads "ctrl+s apply · esc cancel · enter
    next field". No cursor blink, no error line.
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["enter"])


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """? opens the help: a bordered box titled "Keys (esc or ? closes)" over the dimmed main
    screen, with a table of key / does / id: "Anywhere" (ctrl+s Save to the file ... app.save,
    ? This screen, q Quit...), then the panes' keys 1-4; at 120x40 also 5, p, v and "In a
    list" (a, j, k, e, d, K, J); the rest scrolls. At 80x24 the "does" column stays readable
    and wraps at spaces; the id column is as wide as the longest id, so every id reads whole
    ("main.focus_touchpoints", "app.quit_ctrl").
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_quit_guard(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """m marks the first touchpoint a moment of truth (◆ before it, and the header now reads
    "● map.toml [unsaved]"), then q: a centred dialog asks "There are unsaved changes. Save
    them before quitting?" with three buttons, "Save (s)", "Discard (d)", "Cancel (c)".
    """
    assert snap(snap_compare, TELECOM, tmp_path, size, ["m", "q"])


# The hostile map ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_hostile_main_screen(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The hostile map opens like any other, and every piece of map text reads literally:
    the header title "[bold]x[/bold] Hostile map [red on white] <script>alert(1)</script> RED"
    in plain dim text (no bold x, no red-on-white, the escape sequence gone, "RED" kept; cut
    with "…" at 80x24); persona names starting "[bold]x[/bold] Ol…", "[red on white] Pa…",
    "[link=https://evi…" (cut with "…", no link; at 80x24 only the first fits, as
    "[bold]x[/bol…" in the narrow layout); stage
    "[bold]x[/bold] Od…" highlighted; touchpoint "[bold]x[/bold] p…" highlighted, with
    "evil-rlo isolate…" in reading order (the right-to-left override is gone, nothing is
    reversed); the timeline's stage and touchpoint labels literal too. No colour change or
    bold that the map's text asked for; wide CJK and emoji take two cells without shifting
    the borders.
    """
    assert snap(snap_compare, HOSTILE, tmp_path, size)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_edit_form(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    """enter on the hostile first touchpoint: the form's title "Edit touchpoint: [bold]x[/bold]
    poster [red on white] <script>" is literal; the Name input holds the same text verbatim;
    fields holding control characters show them as visible stand-ins (␛ for ESC, � for a C1
    or bidi control: Doing reads "[@click=app.quit]click[/] ␛[31mred doing␛[0m", Feeling
    "�evil feeling�", and at 120x40 Expectation "␛]8;;http://x␇OSC link␛]8;;␇", the BEL as
    ␇) instead of acting on them, so no colour, link or reordering appears inside the inputs.
    """
    assert snap(snap_compare, HOSTILE, tmp_path, size, ["enter"])


# Hostile text is shown, never obeyed ---------------------------------------------------------

_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#terminal-[\w-]*?line-(\d+)\)">([^<]*)</text>'
)
CELL = 12.2  # Rich's SVG export: one cell is 0.61 of a 20px font


def screen_cells(svg: str) -> list[list[str]]:
    """The screen, cell by cell, read back from `export_screenshot()`'s SVG.

    The SVG is markup itself (`<text>` elements, `&lt;`, `&#160;`): this reads the text
    elements back into rows of cells, what a person sees and nothing else. A wide character
    fills its cell and leaves "" in the next; zero-width ones join the cell before.
    """
    rows: dict[int, list[str]] = {}
    for x, _length, line, text in _SVG_TEXT.findall(svg):
        row = rows.setdefault(int(line), [])
        col = round(float(x) / CELL)
        for ch in html.unescape(text).replace("\n", "").replace("\xa0", " "):
            width = cell_len(ch)
            if width == 0:
                if col:
                    row[col - 1] += ch
                continue
            row.extend([" "] * (col + width - len(row)))
            row[col : col + width] = [ch] + [""] * (width - 1)
            col += width
    return [rows.get(n, []) for n in range(max(rows, default=-1) + 1)]


def screen_text(svg: str, region: Region | None = None) -> str:
    """The screen's text (or the text inside `region`), line by line."""
    cells = screen_cells(svg)
    if region is None:
        return "\n".join("".join(row) for row in cells)
    return "\n".join(
        "".join(row[region.x : region.right]) for row in cells[region.y : region.bottom]
    )


def obeyed_markup(app: CjmApp) -> set[str]:
    """Links and click actions on screen that came from the map's text.

    Reads the segments the screenshot is made of (the SVG export drops links and actions, so
    the picture alone cannot tell).
    """
    found: set[str] = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link and "evil.example" in style.link:
                found.add(style.link)
            click = (style.meta or {}).get("@click")  # ("app.quit", ()) from markup
            if click is not None and "app.quit" in str(click):
                found.add(f"{segment.text!r} @click={click}")
    return found


# Shown literally somewhere while walking the panes, each at least once.
MARKUP = [
    "[bold]x[/bold]",
    "[@click=app.quit]click[/]",
    "[link=https://evil.example]link[/link]",
    "[red on white]",
    "<script>alert(1)</script>",
    "<script>alert('thinking')</script>",
    "Zażółć gęślą jaźń",
    "Съешь же ещё этих мягких французских булок",
    "顧客体験",
]
# Never sent out: escape, BEL, NUL, DEL, C1 controls, bidi overrides and isolates.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def test_hostile_text_is_shown_literally_in_every_pane(tmp_path: Path) -> None:
    """Walk every pane, the form, the help and the quit guard on the hostile map; read each
    screenshot back as text: the markup is there as typed, no control character is."""
    app = app_on(copy_of(HOSTILE, tmp_path))
    seen: dict[str, str] = {}

    async def look(step: str) -> str:
        await pilot.pause()
        svg = app.export_screenshot()
        text = screen_text(svg)
        assert text.strip(), f"{step}: nothing read back from the screenshot"
        bad = sorted({f"U+{ord(c):04X}" for c in CONTROLS.findall(text)})
        assert not bad, f"{step}: control characters reached the screen: {bad}"
        acted = sorted(obeyed_markup(app))
        assert not acted, f"{step}: map text became links or actions: {acted}"
        seen[step] = text
        return svg

    def pane(svg: str, widget_type: type[Widget]) -> str:
        """The text inside one pane of the screenshot (its border included)."""
        return screen_text(svg, app.screen.query_one(widget_type).region)

    async with app.run_test(size=(160, 50)) as pilot:
        svg = await look("open")
        header = screen_text(svg, Region(0, 0, 160, 1))
        assert "[bold]x[/bold] Hostile map [red on white] <script>alert(1)</script> RED" in header
        personas = pane(svg, PersonasPane)  # a narrow pane: names end in "…"
        assert "● [bold]x[/bold] Ol…" in personas
        assert "■ [red on white] Pa…" in personas
        assert "▲ [link=htt" in personas
        stages = pane(svg, StagesPane)
        assert "1 [bold]x[/bold] Od…" in stages
        assert "3 Switch Переход" in stages  # the override is gone, nothing reads backwards
        touchpoints = pane(svg, TouchpointList)
        assert "[bold]x[/bold] poster [red on white] <script>" in touchpoints
        assert "evil-rlo isolate [@click=app.quit]click[/]" in touchpoints
        details = pane(svg, DetailView)
        assert "[link=https://evil.example]link[/link]" in details
        assert "thinking: <script>alert('thinking')</script>" in details
        assert "doing: [@click=app.quit]click[/] red doing" in details
        assert "[bold]x[/bold] Odkryj" in pane(svg, TimelineView)
        assert "● [bold]x[/bold] Ola red" in pane(svg, TimelineView)  # the legend, ESC gone

        await pilot.press("1")
        assert isinstance(app.focused, PersonasPane)
        for i in range(len(app.om.map.personas)):
            await pilot.press("down")
            svg = await look(f"persona {i + 1}")
        assert "Съешь же ещё этих мягких французских булок" in pane(svg, DetailView)
        await pilot.press(*["up"] * len(app.om.map.personas))  # back to "All personas"

        await pilot.press("2")
        assert isinstance(app.focused, StagesPane)
        for i in range(len(app.om.map.stages)):
            await pilot.press("down")
            await look(f"stage {i + 1}")
        await pilot.press(*["up"] * len(app.om.map.stages))  # "All stages": every touchpoint

        await pilot.press("3")
        assert isinstance(app.focused, TouchpointList)
        for i in range(len(app.om.map.touchpoints)):
            await look(f"touchpoint {i + 1}")
            await pilot.press("down")
        await pilot.press("4")
        assert isinstance(app.focused, DetailView)
        await look("details")
        await pilot.press("5")
        assert isinstance(app.focused, TimelineView)
        await look("timeline")

        await pilot.press("3", "tab", "right", "tab")  # the side pane's tabs: Moments
        assert isinstance(app.focused, MomentsPane)
        svg = await look("moments")
        moments = pane(svg, MomentsPane)
        assert "[bold]x[/bold] poster" in moments
        assert "[@click=app.quit]click[/] Звонок" in moments
        await pilot.press("shift+tab", "right", "tab")  # Actions
        assert isinstance(app.focused, ActionsPane)
        svg = await look("actions")
        assert "★ [bold]x[/bold] fix [link=https://evil.example]" in pane(svg, ActionsPane)
        await pilot.press("down")
        svg = await look("action 2")
        assert "evil-rlo action 顧客体験 Zażółć  Съешь" in pane(svg, ActionsPane)

        await pilot.press("3", "home", "enter")  # the first touchpoint, under its stage header
        await pilot.pause()
        assert isinstance(app.screen, EditForm)
        form = await look("form")
        form_text = screen_text(form)
        assert "Edit touchpoint: [bold]x[/bold] poster [red on white] <script>" in form_text
        # In an input, control characters are shown as visible stand-ins, not sent or dropped.
        assert "[@click=app.quit]click[/] ␛[31mred doing␛[0m" in form_text
        assert "�evil feeling�" in form_text

        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await look("help")
        await pilot.press("escape", "m", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await look("quit guard")
        await pilot.press("c")

    everything = "\n".join(seen.values())
    missing = [s for s in MARKUP if s not in everything]
    assert not missing, f"never shown literally: {missing}"
