"""The emotion timeline as a headless layout: the journey as columns of text cells.

`Timeline` lays a map out once, in O(touchpoints): stages left to right in journey order, each
touchpoint a column under its stage's name, one row per emotion from +2 down to -2. A curve per
persona (or the one overall curve) puts its symbol and the number on its emotion's row and joins
consecutive points with box-drawing steps; a touchpoint without emotion is a gap in the line.
`render(x_offset, width)` then draws any horizontal window of it, at a cost that grows with the
window's width and not with the journey's length, so an editor can scroll through thousands of
touchpoints. With `fit=width` the whole journey is squeezed into one window instead.

Every text that comes from the map goes through `sanitize.clean_line` and into `rich.text.Text`
as plain text, never as markup. No textual here: the editor and `cjm show` both use this.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from cjm_tui.i18n import _
from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.entities import rounded_mean
from cjm_tui.model.names import short_names
from cjm_tui.model.rules import EMOTION_MAX
from cjm_tui.sanitize import clean_line
from cjm_tui.views import colours
from cjm_tui.views.journey_columns import (
    JourneyColumn,
    curve_runs,
    emotion_at,
    journey_columns,
)

GUTTER = 4
"""Cells at the left of every row for the row labels ("+2 ┤"); they stay put while scrolling."""

ROW_STAGES = 0
ROW_MARKERS = 1
ROW_TOP = 2
"""The +2 row; the rows below it go down to -2."""
ROW_AXIS = 7
HEIGHT = 8
DIM_STYLE = Style(dim=True)
"""Rows: stage names, markers (moment of truth, selection), +2 .. -2, touchpoint labels."""

DEFAULT_COLUMN_WIDTH = 7
MAX_FIT_COLUMN_WIDTH = 18
_NAME_LABEL_MIN_WIDTH = 8
_GUIDE_MIN_WIDTH = 4

Focus = Literal["only", "highlight"]
Labels = Literal["auto", "index", "name"]
_Cell = tuple[str, Style | None]


def emotion_row(value: int) -> int:
    """The chart row (0 = stage names) of an emotion value."""
    return ROW_TOP + (EMOTION_MAX - value)


def text_cells(text: str) -> list[str]:
    """`text` split into terminal cells, measured by rich.

    A wide character fills two cells, its second one is "" (a continuation); a zero-width
    character joins the cell before it.
    """
    cells: list[str] = []
    for char in text:
        width = cell_len(char)
        if width == 0:
            if cells:
                lead = len(cells) - 1 if cells[-1] else len(cells) - 2
                cells[lead] += char
            continue
        cells.append(char)
        if width == 2:
            cells.append("")
    return cells


def truncate_cells(cells: list[str], width: int) -> list[str]:
    """At most `width` cells of `cells`, ending in "…" when something was cut."""
    if len(cells) <= width:
        return cells
    if width <= 0:
        return []
    kept = cells[: width - 1]
    if cells[width - 1] == "" and kept:
        kept = kept[:-1]  # do not cut a wide character in half
    return [*kept, "…"]


# Box-drawing characters by the directions they join, so crossing curves merge into one glyph.
_BOX_DIRS: dict[str, frozenset[str]] = {
    "─": frozenset("LR"),
    "│": frozenset("UD"),
    "╮": frozenset("LD"),
    "╭": frozenset("RD"),
    "╯": frozenset("LU"),
    "╰": frozenset("RU"),
    "┬": frozenset("LRD"),
    "┴": frozenset("LRU"),
    "├": frozenset("UDR"),
    "┤": frozenset("UDL"),
    "┼": frozenset("LRUD"),
}
_BOX_BY_DIRS: dict[frozenset[str], str] = {dirs: char for char, dirs in _BOX_DIRS.items()}


class _Canvas:
    """A window of cells over the content: columns x0 .. x0+width, `HEIGHT` rows."""

    def __init__(self, x0: int, width: int) -> None:
        self.x0 = x0
        self.width = width
        self.chars = [[" "] * width for _ in range(HEIGHT)]
        self.styles: list[list[Style | None]] = [[None] * width for _ in range(HEIGHT)]

    def put(self, row: int, x: int, cells: Sequence[_Cell]) -> None:
        """Write cells from content column `x` on, clipped to the window."""
        start = x - self.x0
        lo, hi = max(0, -start), min(len(cells), self.width - start)
        chars, styles = self.chars[row], self.styles[row]
        for i in range(lo, hi):
            char, style = cells[i]
            if char == "" and i == lo:
                char = " "  # the wide character this continued is outside the window
            elif char and i + 1 < len(cells) and cells[i + 1][0] == "" and i + 1 >= hi:
                char = " "  # a wide character the window's edge would cut in half
            chars[start + i], styles[start + i] = char, style

    def line(self, row: int, x_from: int, x_to: int, char: str, style: Style | None) -> None:
        """Draw `char` over content columns [x_from, x_to), merging box-drawing crossings."""
        lo, hi = max(x_from - self.x0, 0), min(x_to - self.x0, self.width)
        chars, styles = self.chars[row], self.styles[row]
        for i in range(lo, hi):
            old = _BOX_DIRS.get(chars[i])
            new = _BOX_DIRS.get(char)
            chars[i] = _BOX_BY_DIRS.get(old | new, char) if old and new else char
            styles[i] = style

    def tint(self, rows: range, x_from: int, x_to: int, tint: Style) -> None:
        lo, hi = max(x_from - self.x0, 0), min(x_to - self.x0, self.width)
        for row in rows:
            styles = self.styles[row]
            for i in range(lo, hi):
                old = styles[i]
                styles[i] = tint if old is None else old + tint

    def text(self, row: int, prefix: Sequence[_Cell] = ()) -> Text:
        """Row `row` as rich text, after the `prefix` cells (the gutter)."""
        return cells_text([*prefix, *zip(self.chars[row], self.styles[row], strict=True)])


def cells_text(cells: Sequence[_Cell]) -> Text:
    """Styled cells as one line of rich text (plain text, never markup), runs merged."""
    out = Text(no_wrap=True, overflow="crop")
    run: list[str] = []
    run_style: Style | None = None
    for char, style in cells:
        if style != run_style and run:
            out.append("".join(run), run_style)
            run = []
        run_style = style
        run.append(char)
    if run:
        out.append("".join(run), run_style)
    return out


@dataclass(frozen=True)
class Curve:
    """One emotion curve: a persona's (`persona` is its id) or the overall one (`None`)."""

    persona: str | None
    name: str
    """Sanitized, for the legend."""
    symbol: str
    colour: str
    emphasis: Literal["normal", "strong", "faint"] = "normal"

    @cached_property  # asked for at every point and stroke drawn
    def style(self) -> Style:
        return Style(color=self.colour, bold=self.emphasis != "faint", dim=self.emphasis == "faint")


@dataclass
class _Column:
    """The cells of one or (sampled) several journey columns (`journey_columns`)."""

    x: int
    width: int
    stage: int
    touchpoints: list[Touchpoint]
    """Empty for the placeholder of a stage without touchpoints; several when sampled."""
    first: int
    """1-based journey number of its first touchpoint (0 for a placeholder)."""
    mot: bool


@dataclass
class _Band:
    """A stage's stretch of columns, with its name."""

    x: int
    width: int
    name: list[str]

    @property
    def end(self) -> int:
        return self.x + self.width


class Timeline:
    """The emotion timeline of a map, laid out once and drawn in horizontal windows.

    `persona`: show only that persona's curve (`focus="only"`), or show every curve with this
    one drawn on top and the others faint (`focus="highlight"`). `selected`: the id of the
    touchpoint whose column is highlighted (also settable later). `column_width`: cells per
    touchpoint. `fit`: lay the whole journey out to fit `render(0, fit)` instead, with columns
    from 1 to `MAX_FIT_COLUMN_WIDTH` cells; when there are more touchpoints than cells, each
    column stands for several and shows their rounded mean per curve. `labels`: the bottom
    axis names touchpoints by journey number, by name, or ("auto") by name where names fit.
    Raises `ValueError` for a persona id the map does not have.
    """

    def __init__(
        self,
        m: Map,
        persona: str | None = None,
        *,
        selected: str | None = None,
        focus: Focus = "only",
        column_width: int = DEFAULT_COLUMN_WIDTH,
        fit: int | None = None,
        labels: Labels = "auto",
    ) -> None:
        if persona is not None and m.persona(persona) is None:
            raise ValueError(f"unknown persona {clean_line(persona)!r}")
        self.map = m
        self.curves = self._make_curves(m, persona, focus)
        self.has_touchpoints = bool(m.touchpoints)
        journey = journey_columns(m)
        self.has_moments_of_truth = journey.has_moments_of_truth
        self._stage_names = [clean_line(span.name) for span in journey.stages]
        self._columns = self._layout(journey.columns, max(1, column_width), fit)
        self._starts = [c.x for c in self._columns]
        self._narrowest = min((c.width for c in self._columns if c.touchpoints), default=0)
        self.content_width = self._columns[-1].x + self._columns[-1].width if self._columns else 0
        """Cells the whole journey takes, without the gutter."""
        self._bands = self._make_bands()
        self._band_starts = [b.x for b in self._bands]
        self._index: dict[str, int] = {}
        self._column_of_uid: dict[int, int] = {}
        """The column of each touchpoint (by uid): an edit recomputes its column alone."""
        for i, col in enumerate(self._columns):
            for tp in col.touchpoints:
                self._index.setdefault(tp.id, i)
                self._column_of_uid[tp.uid] = i
        curve_values = [self._curve_values(curve) for curve in self.curves]
        self._values = [values for values, _ in curve_values]
        self._present = [present for _, present in curve_values]
        self._links = [self._curve_links(values, present) for values, present in curve_values]
        self._label_mode = self._label_mode_for(labels)
        self._labels = self._make_labels()
        self._label_starts = [x for x, _ in self._labels]
        self._label_max = max((len(cells) for _, cells in self._labels), default=0)
        self._selected: int | None = None
        self.selected = selected

    def update_touchpoints(self, m: Map) -> bool:
        """Take a map whose touchpoints were edited in place, without a new layout.

        Only columns whose touchpoint objects changed are recomputed (the model replaces an
        entity on every edit, so identity tells). Returns False, changing nothing, when the
        journey's shape changed (touchpoints added, removed, moved or renamed, a `personas`
        list changed, stages or personas changed): the caller builds a new Timeline then.
        """
        old = self.map
        if [(s.id, s.name) for s in m.stages] != [(s.id, s.name) for s in old.stages]:
            return False
        if [(p.id, p.name) for p in m.personas] != [(p.id, p.name) for p in old.personas]:
            return False
        if m.curve_personas() != old.curve_personas():
            return False
        if len(m.touchpoints) != len(old.touchpoints):
            return False
        fresh: dict[int, Touchpoint] = {}
        for new, was in zip(m.touchpoints, old.touchpoints, strict=True):
            if new is was:
                continue
            if (new.uid, new.stage, new.name, new.personas) != (
                was.uid,
                was.stage,
                was.name,
                was.personas,
            ):
                return False
            fresh[new.uid] = new
        self.map = m
        if not fresh:
            return True
        relink: set[int] = set()
        columns = {self._column_of_uid[uid] for uid in fresh if uid in self._column_of_uid}
        for c in sorted(columns):
            col = self._columns[c]
            col.touchpoints = [fresh.get(tp.uid, tp) for tp in col.touchpoints]
            col.mot = any(tp.is_moment_of_truth for tp in col.touchpoints)
            for k, curve in enumerate(self.curves):
                before = self._values[k][c] is None, self._present[k][c]
                self._values[k][c], self._present[k][c] = self._column_value(col, curve.persona)
                if (self._values[k][c] is None, self._present[k][c]) != before:
                    relink.add(k)
        self.has_moments_of_truth = any(col.mot for col in self._columns)
        # A curve's links depend only on where it has a value and where its persona is: a
        # value changed into another (`+`, `-`) keeps them, and a key costs what it changed.
        for k in relink:
            self._links[k] = self._curve_links(self._values[k], self._present[k])
        return True

    # Layout, once --------------------------------------------------------------------------

    @staticmethod
    def _make_curves(m: Map, persona: str | None, focus: Focus) -> list[Curve]:
        index = {p.id: i for i, p in enumerate(m.personas)}
        names = {p.id: clean_line(p.name) for p in m.personas}
        if persona is not None and focus == "only":
            ids: list[str | None] = [persona]
        else:
            ids = m.curve_personas()
        curves: list[Curve] = []
        for pid in ids:
            if pid is None:
                name = _("all personas") if m.personas else _("emotion")
                curves.append(Curve(None, name, colours.OVERALL_SYMBOL, colours.OVERALL_COLOUR))
                continue
            symbol, colour = colours.persona_style(index[pid])
            emphasis: Literal["normal", "strong", "faint"] = "normal"
            if focus == "highlight" and persona is not None:
                emphasis = "strong" if pid == persona else "faint"
            curves.append(Curve(pid, names[pid] or pid, symbol, colour, emphasis))
        # The highlighted curve is drawn last, on top of the others.
        curves.sort(key=lambda c: c.emphasis == "strong")
        return curves

    def _layout(
        self, units: list[JourneyColumn], column_width: int, fit: int | None
    ) -> list[_Column]:
        """The journey's columns in cells: `column_width` each, or squeezed into `fit`."""
        self.sampled = False
        if not units:
            return []
        n = len(units)
        if fit is None:
            edges = [i * column_width for i in range(n + 1)]
            groups = [(i, i + 1) for i in range(n)]
        else:
            cells = max(1, fit - GUTTER if fit > GUTTER else fit)
            if n <= cells:
                per = min(MAX_FIT_COLUMN_WIDTH, cells // n)
                total = cells if per < MAX_FIT_COLUMN_WIDTH else per * n
                edges = [i * total // n for i in range(n + 1)]
                groups = [(i, i + 1) for i in range(n)]
            else:
                self.sampled = True
                edges = list(range(cells + 1))
                groups = [(c * n // cells, (c + 1) * n // cells) for c in range(cells)]
        columns: list[_Column] = []
        for c, (lo, hi) in enumerate(groups):
            tps = [u.touchpoint for u in units[lo:hi] if u.touchpoint is not None]
            first = next((u.number for u in units[lo:hi] if u.touchpoint is not None), 0)
            columns.append(
                _Column(
                    x=edges[c],
                    width=edges[c + 1] - edges[c],
                    stage=units[lo].stage,
                    touchpoints=tps,
                    first=first,
                    mot=any(tp.is_moment_of_truth for tp in tps),
                )
            )
        return columns

    def _make_bands(self) -> list[_Band]:
        bands: list[_Band] = []
        last_stage = -1
        for col in self._columns:
            if col.stage != last_stage:
                bands.append(_Band(col.x, 0, text_cells(self._stage_names[col.stage])))
                last_stage = col.stage
            bands[-1].width += col.width
        return bands

    def _curve_values(self, curve: Curve) -> tuple[list[int | None], list[bool]]:
        """Per column: the curve's value (None: a gap) and whether the persona is there at all."""
        pairs = [self._column_value(col, curve.persona) for col in self._columns]
        return [v for v, _ in pairs], [here for _, here in pairs]

    @staticmethod
    def _column_value(col: _Column, pid: str | None) -> tuple[int | None, bool]:
        found: list[int] = []
        here = False
        for tp in col.touchpoints:
            value, present = emotion_at(tp, pid)
            if value is not None:
                found.append(value)
            here = here or present
        if not found:
            return None, here
        return (found[0] if len(found) == 1 else rounded_mean(found)), here

    @staticmethod
    def _curve_links(values: list[int | None], present: list[bool]) -> tuple[list[int], list[int]]:
        """For each column: the column its point joins (-1: none), the last column at or
        before it where the persona is (-1: none). The line's runs are those of every curve
        (`curve_runs`): columns without the persona are stepped over, one with the persona
        but no value breaks the line."""
        joins = [-1] * len(values)
        for run in curve_runs(list(zip(values, present, strict=True))):
            for (a, _a), (b, _b) in pairwise(run):
                joins[a] = b
        last_present = [-1] * len(values)
        last = -1
        for c, here in enumerate(present):
            if here:
                last = c
            last_present[c] = last
        return joins, last_present

    def _label_mode_for(self, labels: Labels) -> Literal["index", "name"]:
        if labels != "auto":
            return labels
        widths = [c.width for c in self._columns if c.touchpoints]
        if self.sampled or not widths or min(widths) < _NAME_LABEL_MIN_WIDTH:
            return "index"
        return "name"

    def _make_labels(self) -> list[tuple[int, list[str]]]:
        """Axis labels (x, cells), left to right, placed so that they never touch."""
        out: list[tuple[int, list[str]]] = []
        free = 0
        for col in self._columns:
            if not col.touchpoints:
                continue
            if self._label_mode == "name" and len(col.touchpoints) == 1:
                name = text_cells(clean_line(col.touchpoints[0].name))
                cells = truncate_cells(name, col.width - 1)
            else:
                cells = list(str(col.first))
            if not cells:
                continue
            x = col.x + max(0, (col.width - len(cells)) // 2)
            if x >= free and x + len(cells) <= self.content_width:
                out.append((x, cells))
                free = x + len(cells) + 1
        return out

    # Selection and scrolling ---------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        """The id of the highlighted touchpoint (None: nothing is)."""
        if self._selected is None:
            return None
        return self._selected_id

    @selected.setter
    def selected(self, touchpoint_id: str | None) -> None:
        self._selected_id = touchpoint_id
        self._selected = None if touchpoint_id is None else self._index.get(touchpoint_id)

    def column_span(self, touchpoint_id: str) -> tuple[int, int] | None:
        """(x, width) in content cells of the column showing a touchpoint, None if unknown."""
        c = self._index.get(touchpoint_id)
        if c is None:
            return None
        return self._columns[c].x, self._columns[c].width

    def touchpoint_at(self, x: int) -> str | None:
        """The id of the (first) touchpoint whose column covers content cell `x`, if any."""
        if not 0 <= x < self.content_width:
            return None
        col = self._columns[bisect_right(self._starts, x) - 1]
        return col.touchpoints[0].id if col.touchpoints else None

    def chart_width(self, width: int) -> int:
        """Content cells a `render(_, width)` window shows (its width less the gutter)."""
        return width - GUTTER if width > GUTTER else max(0, width)

    def max_offset(self, width: int) -> int:
        """The largest useful x_offset for windows `width` cells wide."""
        return max(0, self.content_width - self.chart_width(width))

    def scroll_to(self, touchpoint_id: str, x_offset: int, width: int) -> int:
        """An x_offset near `x_offset` that shows the touchpoint's column whole."""
        span = self.column_span(touchpoint_id)
        if span is None:
            return x_offset
        x, w = span
        visible = self.chart_width(width)
        if x < x_offset:
            x_offset = x
        elif x + w > x_offset + visible:
            x_offset = x + w - visible
        return max(0, min(x_offset, self.max_offset(width)))

    # Drawing a window ----------------------------------------------------------------------

    def render(self, x_offset: int = 0, width: int = 80) -> list[Text]:
        """The chart's `HEIGHT` rows for content cells [x_offset, x_offset + chart width).

        Every row is exactly `width` cells wide: the gutter with the row labels (left out when
        `width` is `GUTTER` or less), then the window; a negative offset counts as 0. The work
        done is proportional to `width` (and the number of curves), not to the journey's length.
        """
        visible = self.chart_width(width)
        x0 = max(0, x_offset)
        x1 = x0 + visible
        canvas = _Canvas(x0, visible)
        first = max(0, bisect_right(self._starts, x0) - 1)
        stop = bisect_left(self._starts, x1)
        self._draw_stages(canvas, x0, x1)
        self._draw_guides(canvas, x0, x1)
        self._draw_curves(canvas, first, stop)
        self._draw_markers(canvas, first, stop)
        self._draw_axis(canvas, x0, x1)
        if not self.has_touchpoints and x0 == 0:
            note = _("no touchpoints yet") if self._columns else _("no stages yet")
            canvas.put(emotion_row(0), 1, [(ch, colours.RULE_STYLE) for ch in note])
        if self._selected is not None:
            col = self._columns[self._selected]
            canvas.tint(
                range(ROW_MARKERS, HEIGHT), col.x, col.x + col.width, colours.SELECTED_STYLE
            )
        gutters = self._gutters() if width > GUTTER else [[] for _ in range(HEIGHT)]
        return [canvas.text(row, gutters[row]) for row in range(HEIGHT)]

    def _gutters(self) -> list[list[_Cell]]:
        blank: list[_Cell] = [(" ", None)] * GUTTER
        rows = [blank, blank]
        for value in range(EMOTION_MAX, -EMOTION_MAX - 1, -1):
            label = colours.emotion_label(value).rjust(2)
            style = colours.emotion_style(value)
            rows.append(
                [(label[0], style), (label[1], style), (" ", None), ("┤", colours.RULE_STYLE)]
            )
        axis = "  # " if self._label_mode == "index" and self._labels else "    "
        rows.append([(ch, colours.RULE_STYLE) for ch in axis])
        return rows

    def _draw_stages(self, canvas: _Canvas, x0: int, x1: int) -> None:
        first = max(0, bisect_right(self._band_starts, x0) - 1)
        for band in self._bands[first : bisect_left(self._band_starts, x1)]:
            start = max(band.x, x0)
            if band.x > 0 and band.x >= x0:
                canvas.put(ROW_STAGES, band.x, [("│", colours.RULE_STYLE)])
                start = band.x + 1
            end = min(band.end, x1)
            # Keep a blank before the next stage's separator, when there is one in view.
            room = end - start - (1 if band.end <= x1 and band.end < self.content_width else 0)
            name = [" ", *band.name] if band.x > 0 and start == band.x + 1 else band.name
            cells = truncate_cells(name, room)
            canvas.put(ROW_STAGES, start, [(ch, colours.STAGE_STYLE) for ch in cells])

    def _draw_guides(self, canvas: _Canvas, x0: int, x1: int) -> None:
        """Faint stage boundaries through the emotion rows, under the curves.

        Left out before stages too narrow to read, where they would only be noise.
        """
        first = max(0, bisect_right(self._band_starts, x0) - 1)
        for band in self._bands[first : bisect_left(self._band_starts, x1)]:
            if band.x > 0 and band.width >= _GUIDE_MIN_WIDTH:
                for row in range(ROW_TOP, ROW_AXIS):
                    canvas.line(row, band.x, band.x + 1, "┊", colours.RULE_STYLE)

    def _points(self, c: int) -> dict[int, list[int]]:
        """The curves (indices) with a point in column `c`, by row."""
        rows: dict[int, list[int]] = {}
        for k, values in enumerate(self._values):
            value = values[c]
            if value is not None:
                rows.setdefault(emotion_row(value), []).append(k)
        return rows

    def _point_cells(self, c: int, row: int, curves: list[int]) -> tuple[int, list[_Cell]]:
        """Where a point (or several curves' shared point) starts, and its cells."""
        col = self._columns[c]
        value = EMOTION_MAX - (row - ROW_TOP)
        symbols: list[_Cell] = [(self.curves[k].symbol, self.curves[k].style) for k in curves]
        label = colours.emotion_label(value)
        # Numbers show where the narrowest column has room for them, so that either every
        # point has its number or none has (the row labels still tell the value).
        if len(symbols) + len(label) <= self._narrowest:
            style = colours.emotion_style(value)
            cells = [*symbols, *((ch, style) for ch in label)]
        else:
            cells = symbols[: col.width]
        return col.x + (col.width - len(cells)) // 2, cells

    def _draw_curves(self, canvas: _Canvas, first: int, stop: int) -> None:
        points: dict[int, dict[int, list[int]]] = {}

        def span(c: int, k: int) -> tuple[int, int, int]:
            """(row, start, end) of curve k's point in column c."""
            if c not in points:
                points[c] = self._points(c)
            value = self._values[k][c]
            assert value is not None  # only points are joined
            row = emotion_row(value)
            x, cells = self._point_cells(c, row, points[c][row])
            return row, x, x + len(cells)

        for k, curve in enumerate(self.curves):
            joins, last_present = self._links[k]
            starts = list(range(first, stop))
            if first > 0 and last_present[first - 1] >= 0:
                starts.insert(0, last_present[first - 1])
            for a in starts:
                b = joins[a]
                if b < 0:
                    continue
                row_a, _, end_a = span(a, k)
                row_b, start_b, _ = span(b, k)
                # Every curve turns in the same cell, the first of the next column (over the
                # stage guide, if one is there), so that curves moving between the same two
                # columns share one vertical stroke.
                turn = min(max(self._columns[b].x, end_a), start_b - 1)
                _connect(canvas, row_a, end_a, row_b, start_b, turn, curve.style)
        for c in range(first, stop):
            rows = points[c] if c in points else self._points(c)
            for row, curves in rows.items():
                x, cells = self._point_cells(c, row, curves)
                canvas.put(row, x, cells)

    def _draw_markers(self, canvas: _Canvas, first: int, stop: int) -> None:
        for c in range(first, stop):
            col = self._columns[c]
            cells: list[_Cell] = []
            if c == self._selected:
                cells.append((colours.SELECTED_SYMBOL, Style(bold=True)))
            if col.mot and len(cells) < col.width:
                cells.append((colours.MOT_SYMBOL, colours.MOT_STYLE))
            elif col.mot:
                cells = [(colours.MOT_SYMBOL, colours.MOT_STYLE)]
            if cells:
                canvas.put(ROW_MARKERS, col.x + (col.width - len(cells)) // 2, cells)

    def _draw_axis(self, canvas: _Canvas, x0: int, x1: int) -> None:
        first = bisect_left(self._label_starts, x0 - self._label_max)
        selected = self._columns[self._selected] if self._selected is not None else None
        for x, cells in self._labels[first:]:
            if x >= x1:
                break
            mine = selected is not None and selected.x <= x < selected.x + selected.width
            style = Style(bold=True) if mine else colours.RULE_STYLE
            canvas.put(ROW_AXIS, x, [(ch, style) for ch in cells])

    # Legend -----------------------------------------------------------------------------

    def legend(self, width: int, lines: int | None = None) -> list[Text]:
        """Symbol and name of each curve, then the markers' meanings, wrapped to `width` cells.

        With `lines`, the legend fits in that many lines and still names every persona: full
        names when they fit, else short ones (`short_names`: "Ola" for "Ola, 20, student"),
        and only when even those do not fit the last entries give way to "+N more".
        """
        full = self._legend_lines(self._legend_entries(None), width)
        if lines is None or len(full) <= lines:
            return [cells_text(line) for line in full]
        entries = self._legend_entries(short_names(self.map))
        for kept in range(len(entries), 0, -1):
            more = len(entries) - kept
            tail: list[list[_Cell]] = (
                [[(ch, DIM_STYLE) for ch in _("+{n} more", n=more)]] if more else []
            )
            fitted = self._legend_lines(entries[:kept] + tail, width)
            if len(fitted) <= max(1, lines):
                return [cells_text(line) for line in fitted]
        return [cells_text(line) for line in fitted]

    def _legend_entries(self, short: dict[str, str] | None) -> list[list[_Cell]]:
        entries: list[list[_Cell]] = []
        for curve in self.curves:
            name = curve.name
            if short is not None and curve.persona is not None:
                name = clean_line(short.get(curve.persona, name)) or name
            name_style = Style(color=curve.colour, dim=curve.emphasis == "faint")
            cells = [(curve.symbol, curve.style), (" ", None)]
            cells += [(ch, name_style) for ch in text_cells(name)]
            entries.append(cells)
        if self.has_moments_of_truth:
            entries.append(
                [
                    (colours.MOT_SYMBOL, colours.MOT_STYLE),
                    *((ch, None) for ch in " " + _("moment of truth")),
                ]
            )
        if self._selected is not None:
            entries.append(
                [
                    (colours.SELECTED_SYMBOL, Style(bold=True)),
                    *((ch, None) for ch in " " + _("selected")),
                ]
            )
        return entries

    @staticmethod
    def _legend_lines(entries: list[list[_Cell]], width: int) -> list[list[_Cell]]:
        lines: list[list[_Cell]] = []
        for entry in entries:
            entry = _truncate_styled(entry, max(1, width))
            if lines and len(lines[-1]) + 3 + len(entry) <= width:
                lines[-1] += [(" ", None)] * 3 + entry
            else:
                lines.append(list(entry))  # a copy: the line grows, the entry is reused
        return lines


def _truncate_styled(cells: list[_Cell], width: int) -> list[_Cell]:
    kept = truncate_cells([ch for ch, _ in cells], width)
    if len(kept) == len(cells):
        return cells
    return [*cells[: len(kept) - 1], ("…", cells[len(kept) - 1][1])]


def _connect(
    canvas: _Canvas, row_a: int, end_a: int, row_b: int, start_b: int, turn: int, style: Style
) -> None:
    """Join a point ending at `end_a` to one starting at `start_b`, stepping at `turn`."""
    gap = start_b - end_a
    if gap <= 0:
        # No cells between the points: a vertical stroke in the second column still shows
        # where the curve jumps from.
        for row in range(min(row_a, row_b) + 1, max(row_a, row_b)):
            canvas.line(row, start_b, start_b + 1, "│", style)
        return
    if row_a == row_b:
        canvas.line(row_a, end_a, start_b, "─", style)
        return
    down = row_b > row_a
    canvas.line(row_a, end_a, turn, "─", style)
    canvas.line(row_a, turn, turn + 1, "╮" if down else "╯", style)
    for row in range(min(row_a, row_b) + 1, max(row_a, row_b)):
        canvas.line(row, turn, turn + 1, "│", style)
    canvas.line(row_b, turn, turn + 1, "╰" if down else "╭", style)
    canvas.line(row_b, turn + 1, start_b, "─", style)
