"""Presentation mode as a headless layout: one stage of the journey, large, for a projector.

A *slide* is one stage (or, when a stage has more touchpoints than fit side by side, one part
of it). `render(m, slide, width, height)` draws it as `height` lines of rich text:

- a top bar: the map's title, "stage 2 of 6" and a dot per stage;
- the stage's number in a three-row block font beside its name, spaced out in capitals, its
  goal and a count of touchpoints and moments of truth, framed when there is room;
- the touchpoints as wide columns: the name on top, then one bar per persona (or one bar for
  the map's single curve) rising from a zero line or falling below it, with the value written
  at its end (`●+2`, `■-1`), so it reads in monochrome and from the back of a room; a moment
  of truth gets a heavy frame and "◆ moment of truth" on it;
- the persona legend.

Every text from the map goes through `sanitize.clean_line` into plain `rich.text.Text`, never
markup. Colours are the palette's, which the editor adapts to its theme. No textual here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from cjm_tui.i18n import _, _n
from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.names import short_names
from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN
from cjm_tui.sanitize import clean_line
from cjm_tui.views import colours
from cjm_tui.views.column_widths import fit_widths
from cjm_tui.views.timeline import cells_text, text_cells, truncate_cells

MIN_WIDTH = 60
MIN_HEIGHT = 18
"""Below this the screen says it is too small, as the editor's main screen does."""

GUTTER = 5
"""Cells at the left for the level labels ("+2 ┤")."""
SLOT_MIN = 3
"""The narrowest a persona's bar and label (`●+2`) can be."""
SLOT_MAX = 9
COLUMN_MAX = 40
"""Touchpoint columns never grow wider than this: a short stage is centred instead."""

_DIGITS = {
    "0": ("█▀█", "█ █", "▀▀▀"),
    "1": ("▀█ ", " █ ", "▀▀▀"),
    "2": ("▀▀█", "█▀▀", "▀▀▀"),
    "3": ("▀▀█", " ▀█", "▀▀▀"),
    "4": ("█ █", "▀▀█", "  ▀"),
    "5": ("█▀▀", "▀▀█", "▀▀▀"),
    "6": ("█▀▀", "█▀█", "▀▀▀"),
    "7": ("▀▀█", "  █", "  ▀"),
    "8": ("█▀█", "█▀█", "▀▀▀"),
    "9": ("█▀█", "▀▀█", "▀▀▀"),
}

BOLD = Style(bold=True)
DIM = Style(dim=True)
FAINT = Style(dim=True, italic=True)


def big_number(number: int) -> list[str]:
    """`number` in a block font three rows high (each digit three cells, one apart)."""
    rows = ["", "", ""]
    for i, digit in enumerate(str(number)):
        for r in range(3):
            rows[r] += (" " if i else "") + _DIGITS[digit][r]
    return rows


def spaced_capitals(text: str) -> str:
    """`Buy and switch` as `B U Y   A N D   S W I T C H`: a title that reads from afar."""
    return "   ".join(" ".join(word) for word in text.upper().split())


def wrap_cells(text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `width` cells, broken at spaces only; "…" where
    something is left out.

    A word is never split over two lines: a word wider than the line gets a line of its own,
    cut with "…" (no hyphenation: where Polish or Russian words may break is a dictionary's
    question, and a wrong break reads worse than a cut). When the text needs more lines, the
    last one ends after the last whole word that fits, then "…".
    """
    if width <= 0 or lines <= 0:
        return []
    out: list[list[list[str]]] = []  # lines of words of cells
    current: list[list[str]] = []
    for word in text.split():
        cells = text_cells(word)
        if _length([*current, cells]) <= width:
            current.append(cells)
            continue
        if current:
            out.append(current)
        current = [cells]
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], [word for line in out[lines - 1 :] for word in line]]
        out[-1] = [_cut_words(out[-1], width)]
    return ["".join(_joined(line, width)) for line in out]


def _length(words: list[list[str]]) -> int:
    return sum(len(w) for w in words) + max(0, len(words) - 1)


def _joined(words: list[list[str]], width: int) -> list[str]:
    """One line's words with spaces; a lone word wider than the line cut with "…"."""
    cells = [cell for i, w in enumerate(words) for cell in ([" "] if i else []) + w]
    return truncate_cells(cells, width)


def _cut_words(words: list[list[str]], width: int) -> list[str]:
    """The whole words that fit in `width` with "…" after them (the first word cut when
    not even it fits)."""
    kept: list[list[str]] = []
    for w in words:
        if _length([*kept, w]) + 1 > width:
            break
        kept.append(w)
    if not kept:
        return truncate_cells([*words[0], " "], width)
    return [*_joined(kept, width), "…"]


# Slides -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    """One screenful: the stage at `stage` (index in the map's stages), its touchpoints
    `first` .. `first + count`, part `part` of `parts` of that stage (1-based)."""

    stage: int
    first: int = 0
    count: int = 0
    part: int = 1
    parts: int = 1


@dataclass(frozen=True)
class _Curve:
    persona: str | None
    name: str
    symbol: str
    colour: str


def _curves(m: Map) -> list[_Curve]:
    index = {p.id: i for i, p in enumerate(m.personas)}
    curves: list[_Curve] = []
    for pid in m.curve_personas():
        if pid is None:
            curves.append(_Curve(None, _("emotion"), colours.OVERALL_SYMBOL, "default"))
            continue
        persona = m.persona(pid)
        symbol, colour = colours.persona_style(index[pid])
        name = clean_line(persona.name) if persona is not None else pid
        curves.append(_Curve(pid, name or pid, symbol, colour))
    return curves


def columns_per_slide(m: Map, width: int) -> int:
    """How many touchpoints fit side by side at `width`, each bar at least `SLOT_MIN` wide."""
    slots = len(m.curve_personas())
    column = slots * SLOT_MIN + 2
    return max(1, (width - GUTTER - 1) // column)


def slides(m: Map, width: int) -> list[Slide]:
    """Every slide of the map, stage by stage, at this width (a stage that does not fit is cut
    into parts of equal size)."""
    per = columns_per_slide(m, width)
    by_stage = m.touchpoints_by_stage()
    out: list[Slide] = []
    for s, stage in enumerate(m.stages):
        n = len(by_stage.get(stage.id, []))
        parts = max(1, math.ceil(n / per))
        size = math.ceil(n / parts) if n else 0
        for p in range(parts):
            first = p * size
            out.append(Slide(s, first, min(size, n - first), p + 1, parts))
    return out


def find_slide(found: Sequence[Slide], stage: int, touchpoint: int = 0) -> int:
    """The index in `found` of the slide showing the stage's `touchpoint`-th touchpoint."""
    best = 0
    for i, slide in enumerate(found):
        if slide.stage == stage:
            best = i
            if slide.first <= touchpoint < slide.first + max(slide.count, 1):
                return i
        elif slide.stage > stage:
            break
    return best


# Drawing ------------------------------------------------------------------------------------

_Cell = tuple[str, Style | None]


class _Grid:
    """`height` rows of `width` cells; writes outside it are clipped."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.rows: list[list[_Cell]] = [[(" ", None)] * width for _ in range(height)]

    def put(self, y: int, x: int, text: str, style: Style | None = None) -> int:
        """Write `text` at (x, y); returns the cell after it."""
        if not 0 <= y < self.height:
            return x + cell_len(text)
        cells = text_cells(text)
        row = self.rows[y]
        for i, cell in enumerate(cells):
            col = x + i
            if 0 <= col < self.width:
                if cell and i + 1 < len(cells) and cells[i + 1] == "" and col + 1 >= self.width:
                    cell = " "  # a wide character the edge would cut
                row[col] = (cell if cell or col > 0 else " ", style)
        return x + len(cells)

    def centre(self, y: int, x: int, width: int, text: str, style: Style | None = None) -> None:
        cells = truncate_cells(text_cells(text), width)
        self.put(y, x + (width - len(cells)) // 2, "".join(cells), style)

    def fill(self, y: int, x: int, width: int, char: str, style: Style | None) -> None:
        self.put(y, x, char * max(0, width), style)

    def box(self, top: int, left: int, width: int, height: int, style: Style, heavy: bool) -> None:
        h, v, tl, tr, bl, br = "━┃┏┓┗┛" if heavy else "─│╭╮╰╯"
        bottom, right = top + height - 1, left + width - 1
        self.put(top, left, tl + h * (width - 2) + tr, style)
        self.put(bottom, left, bl + h * (width - 2) + br, style)
        for y in range(top + 1, bottom):
            self.put(y, left, v, style)
            self.put(y, right, v, style)

    def lines(self) -> list[Text]:
        return [cells_text(row) for row in self.rows]


def _too_small(width: int, height: int) -> list[Text]:
    grid = _Grid(width, height)
    message = _(
        "Too small to present: at least {min_width}×{min_height} (this is {width}×{height}).",
        min_width=MIN_WIDTH,
        min_height=MIN_HEIGHT,
        width=width,
        height=height,
    )
    for i, line in enumerate(wrap_cells(message, max(1, width - 2), 3)):
        grid.centre(height // 2 - 1 + i, 0, width, line, BOLD)
    return grid.lines()


def render(m: Map, slide: Slide | None, width: int, height: int) -> list[Text]:
    """The slide as `height` lines of `width` cells (None: a map without stages)."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return _too_small(width, height)
    grid = _Grid(width, height)
    _top_bar(grid, m, slide)
    if slide is None or not 0 <= slide.stage < len(m.stages):
        grid.centre(height // 2, 0, width, _("This map has no stages yet."), FAINT)
        return grid.lines()
    tps = m.touchpoints_by_stage().get(m.stages[slide.stage].id, [])
    shown = tps[slide.first : slide.first + slide.count]
    legend_y = height - 1
    # The title's frame takes two rows: only when the bars lose no height for it.
    framed = _geometry(legend_y - 6)[0] == _geometry(legend_y - 4)[0]
    y = _title(grid, m, slide, tps, framed)
    _legend(grid, m, legend_y)
    if not shown:
        grid.centre((y + legend_y) // 2, 0, width, _("No touchpoints in this stage yet."), FAINT)
        return grid.lines()
    _chart(grid, m, shown, y, legend_y - 1)
    return grid.lines()


def _top_bar(grid: _Grid, m: Map, slide: Slide | None) -> None:
    total = len(m.stages)
    right = ""
    if slide is not None and total:
        right = _("stage {n} of {total}", n=slide.stage + 1, total=total)
        if slide.parts > 1:
            right += " · " + _("part {n} of {total}", n=slide.part, total=slide.parts)
        if total <= 12:
            right += "  " + " ".join("●" if i == slide.stage else "○" for i in range(total))
    right_cells = len(text_cells(right))
    title = clean_line(m.info.title) or _("(untitled map)")
    room = grid.width - right_cells - 4
    grid.put(0, 1, "".join(truncate_cells(text_cells(title), max(0, room))), DIM)
    grid.put(0, grid.width - right_cells - 1, right, BOLD)


def _title(grid: _Grid, m: Map, slide: Slide, tps: list[Touchpoint], framed: bool) -> int:
    """The stage's title block from row 1; returns the first row below it."""
    stage = m.stages[slide.stage]
    top = 2 if framed else 1
    digits = big_number(slide.stage + 1)
    x = 3 if framed else 1
    for r, row in enumerate(digits):
        grid.put(top + r, x, row, BOLD)
    text_x = x + cell_len(digits[0]) + 3
    room = grid.width - text_x - (3 if framed else 1)
    name = clean_line(stage.name) or stage.id
    spaced = spaced_capitals(name)
    if cell_len(spaced) <= room:
        shown = spaced
    elif cell_len(name.upper()) <= room:
        shown = name.upper()
    else:
        shown = "".join(truncate_cells(text_cells(name), room))
    grid.put(top, text_x, shown, BOLD)
    about = clean_line(stage.goal or stage.description or "")
    if about:
        label = _("Goal: {goal}", goal=about) if stage.goal else about
        grid.put(top + 1, text_x, "".join(truncate_cells(text_cells(label), room)), FAINT)
    moments = sum(1 for tp in tps if tp.is_moment_of_truth)
    summary = _n("{n} touchpoint", "{n} touchpoints", len(tps))
    x_end = grid.put(top + 2, text_x, summary, DIM)
    if moments:
        x_end = grid.put(top + 2, x_end, "  ", None)
        x_end = grid.put(top + 2, x_end, colours.MOT_SYMBOL + " ", colours.MOT_STYLE)
        grid.put(top + 2, x_end, _n("{n} moment of truth", "{n} moments of truth", moments), DIM)
    if slide.parts > 1:
        first, last = slide.first + 1, slide.first + slide.count
        note = "  " + _("(touchpoints {first}–{last})", first=first, last=last)
        grid.put(top + 2, max(text_x, grid.width - cell_len(note) - 3), note, DIM)
    if framed:
        grid.box(1, 1, grid.width - 2, 5, DIM, heavy=False)
        return 6
    return 4


def _legend(grid: _Grid, m: Map, y: int) -> None:
    """The persona symbols and names, then what ◆ means (never cut)."""
    curves = _curves(m) if len(m.curve_personas()) > 1 else []
    mot = f"{colours.MOT_SYMBOL} {_('moment of truth')}"
    gap = 3
    room = grid.width - 2 - len(text_cells(mot)) - sum(2 + gap for _c in curves)
    names = [text_cells(curve.name) for curve in curves]
    if sum(len(n) for n in names) > room:  # short names ("Ola") read better than cut ones
        short = short_names(m)
        names = [
            text_cells(clean_line(short.get(c.persona, c.name)) or c.name if c.persona else c.name)
            for c in curves
        ]
    # The longest names are cut first, all to one width: no name is cut for a longer one.
    widths = fit_widths([len(n) for n in names], max(len(curves), room), cut="longest first")
    x = 1
    for curve, name, width in zip(curves, names, widths, strict=True):
        x = grid.put(y, x, curve.symbol + " ", Style(color=curve.colour, bold=True))
        x = grid.put(y, x, "".join(truncate_cells(name, width)), None) + gap
    x = grid.put(y, x, colours.MOT_SYMBOL + " ", colours.MOT_STYLE)
    grid.put(y, x, _("moment of truth"), None)


def _level_row(base: int, unit: int, value: int) -> int:
    return base - value * unit


def _geometry(rows: int) -> tuple[int, int, bool]:
    """For `rows` rows of chart: rows per emotion step, lines of touchpoint name, and whether
    the channel is shown.

    From the top: the frame's top edge, the name, the channel, a label row, two steps up, the
    zero line, two steps down, a label row, the frame's bottom edge.
    """
    header_lines = 3 if rows >= 30 else 2
    channel = rows >= 26
    head = 1 + header_lines + (1 if channel else 0)
    unit = max(1, (rows - head - 1 - 3) // 4)
    return unit, header_lines, channel


def _chart(grid: _Grid, m: Map, tps: list[Touchpoint], top: int, bottom: int) -> None:
    """Touchpoint columns between rows `top` and `bottom` (inclusive)."""
    curves = _curves(m)
    rows = bottom - top + 1
    unit, header_lines, channel = _geometry(rows)
    used = 1 + header_lines + (1 if channel else 0) + 4 * unit + 3 + 1
    top += max(0, (rows - used) // 2)
    header_y = top + 1
    base = header_y + header_lines + (1 if channel else 0) + 1 + 2 * unit
    chart_bottom = base + 2 * unit + 1

    n = len(tps)
    avail = grid.width - GUTTER - 1
    col = min(COLUMN_MAX, avail // n)
    x0 = GUTTER + (avail - col * n) // 2

    for value in range(EMOTION_MAX, EMOTION_MIN - 1, -1):
        y = _level_row(base, unit, value)
        label = colours.emotion_label(value).rjust(2)
        grid.put(y, 0, label, colours.emotion_style(value))
        grid.put(y, 3, "┼" if value == 0 else "┤", DIM)
        grid.fill(y, GUTTER - 1, avail + 1, "─" if value == 0 else "┈", DIM)

    for i, tp in enumerate(tps):
        x = x0 + i * col
        inner = col - 2
        name = clean_line(tp.name) or tp.id
        for r, line in enumerate(wrap_cells(name, inner - 2, header_lines)):
            grid.centre(header_y + r, x + 2, inner - 2, line, BOLD)
        if channel and tp.channel:
            at = "@" + clean_line(tp.channel)
            grid.centre(header_y + header_lines, x + 2, inner - 2, at, DIM)
        if tp.is_moment_of_truth:
            grid.box(top, x, col, chart_bottom - top + 2, colours.MOT_STYLE, heavy=True)
            label = f" {colours.MOT_SYMBOL} {_('moment of truth')} "
            if cell_len(label) > col - 2:
                label = f" {colours.MOT_SYMBOL} "
            grid.centre(top, x + 1, col - 2, label, colours.MOT_STYLE)
        _bars(grid, tp, curves, x + 1, inner, base, unit)


def _bars(
    grid: _Grid,
    tp: Touchpoint,
    curves: list[_Curve],
    x: int,
    width: int,
    base: int,
    unit: int,
) -> None:
    """One bar per curve, side by side in the `width` cells from `x`."""
    single = len(curves) == 1
    slot = max(SLOT_MIN, min(SLOT_MAX * (3 if single else 1), width // len(curves)))
    x += (width - slot * len(curves)) // 2
    bar = max(1, slot - max(1, slot // 3))
    for k, curve in enumerate(curves):
        sx = x + k * slot
        bx = sx + (slot - bar) // 2
        pid = curve.persona
        if pid is not None and not tp.meets(pid) and tp.emotion_for(pid) is None:
            continue  # this persona is not at this touchpoint
        value = tp.emotion_for(pid)
        symbol = "" if single and pid is None else curve.symbol
        if value is None:
            grid.centre(base - 1, sx, slot, symbol + "?", DIM)
            continue
        colour = colours.emotion_colour(value) if pid is None else curve.colour
        style = Style(color=colour, bold=True)
        label = symbol + colours.emotion_label(value).rjust(2 if symbol else 1)
        if value == 0:
            grid.fill(base, bx, bar, "━", style)
            grid.centre(base - 1, sx, slot, label, style)
            continue
        step = -1 if value > 0 else 1
        end = _level_row(base, unit, value)
        for y in range(base + step, end + step, step):
            grid.fill(y, bx, bar, "█", style)
        grid.centre(end + step, sx, slot, label, style)
