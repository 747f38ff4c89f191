"""The journey grid widget: touchpoints as columns, lanes as rows, one cell under the cursor.

Drawn through Textual's Line API: a frame builds only the rows and columns in view, so a
2,000-touchpoint journey costs what a 20-touchpoint one does. The first row (stage names) and
the first column (lane labels) stay put while the cells scroll under them. Map text reaches
the screen as `rich.text.Text` after `clean_line`, never through markup.

Keys ask, the screen does: moving is the widget's own; an edit (`e`, `+`/`-`, `m`) is posted
up as `Command` for the screen to carry out on the open map. The cell editor
(`CellInput`) sits over the cell; the screen places it there (`cell_region`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.views.colours import (
    MOT_STYLE,
    NO_EMOTION_COLOUR,
    RULE_STYLE,
    SELECTED_STYLE,
    STAGE_STYLE,
    emotion_style,
)
from cjm_tui.views.journey_grid import GridLane, JourneyGrid

NARROW = 100
"""Below this width the grid uses its narrow label and cell widths."""
CURSOR_STYLE = Style(reverse=True, bold=True)
LABEL_STYLE = Style(dim=True)
CURRENT_LABEL_STYLE = Style(bold=True)
SEPARATOR = "│"


class JourneyGridView(bindings.TranslatedBindings, Widget, can_focus=True):
    """The grid itself: the cursor, what is in view, and drawing it."""

    DEFAULT_CSS = """
    JourneyGridView {
        height: 1fr;
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.GRID)

    class Moved(Message):
        """The cursor is on another cell."""

    class Command(Message):
        """A key asks for an edit of the cell under the cursor: `name` is "edit", "emotion"
        (`delta`) or "moment". (A letter typed on a cell is the screen's: see
        `GridScreen.on_key`.)"""

        def __init__(self, name: str, delta: int = 0) -> None:
            super().__init__()
            self.name = name
            self.delta = delta

    def __init__(self, grid: JourneyGrid, column: int = 0, lane: int = 0, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.grid = grid
        self.column = column
        self.lane = lane
        self._first_column = 0
        self._first_lane = 0

    # What is where ----------------------------------------------------------------------

    @property
    def label_width(self) -> int:
        return 14 if self.size.width < NARROW else 20

    @property
    def cell_width(self) -> int:
        """A cell's text width; each column also has one separator cell before it."""
        return 15 if self.size.width < NARROW else 19

    @property
    def visible_columns(self) -> int:
        room = self.size.width - self.label_width
        return max(1, room // (self.cell_width + 1))

    @property
    def visible_lanes(self) -> int:
        return max(1, self.size.height - 1)

    @property
    def current_lane(self) -> GridLane:
        return self.grid.lanes[self.lane]

    def cell_region(self) -> Region:
        """Where the cursor's cell is, in the widget's own coordinates (its text, without
        the separator), for the cell editor to cover."""
        self._keep_in_view()
        x = self.label_width + (self.column - self._first_column) * (self.cell_width + 1) + 1
        y = 1 + self.lane - self._first_lane
        return Region(x, y, self.cell_width, 1)

    # Called by the screen ---------------------------------------------------------------

    def show(self, grid: JourneyGrid) -> None:
        """A new grid (after any edit, undo or redo); the cursor stays where it was."""
        self.grid = grid
        self.go(self.column, self.lane)
        self.refresh()

    def go(self, column: int, lane: int) -> None:
        """Put the cursor on a cell (clamped to the grid)."""
        columns = len(self.grid.columns.columns)
        self.column = max(0, min(column, columns - 1))
        self.lane = max(0, min(lane, len(self.grid.lanes) - 1))
        self._keep_in_view()
        self.refresh()
        self.post_message(self.Moved())

    def _keep_in_view(self) -> None:
        shown = self.visible_columns
        if self.column < self._first_column:
            self._first_column = self.column
        elif self.column >= self._first_column + shown:
            self._first_column = self.column - shown + 1
        last = max(0, len(self.grid.columns.columns) - shown)
        self._first_column = max(0, min(self._first_column, last))
        lanes = self.visible_lanes
        if self.lane < self._first_lane:
            self._first_lane = self.lane
        elif self.lane >= self._first_lane + lanes:
            self._first_lane = self.lane - lanes + 1
        self._first_lane = max(0, min(self._first_lane, max(0, len(self.grid.lanes) - lanes)))

    # Keys -------------------------------------------------------------------------------

    def action_move(self, dx: int, dy: int) -> None:
        self.go(self._past_empty_stages(self.column + dx, dx), self.lane + dy)

    def action_go_column(self, column: int) -> None:
        last = len(self.grid.columns.columns) - 1
        start = column if column >= 0 else last
        self.go(self._past_empty_stages(start, 1 if column >= 0 else -1), self.lane)

    def _past_empty_stages(self, column: int, step: int) -> int:
        """`column`, or the next one with a touchpoint in the direction of `step`: the column
        of a stage with no touchpoints can hold nothing, so typing there would go nowhere.
        Where there is none that way, the cursor stays."""
        columns = self.grid.columns.columns
        if not step or not 0 <= column < len(columns):
            return column
        found = column
        while 0 <= found < len(columns) and columns[found].touchpoint is None:
            found += step
        return found if 0 <= found < len(columns) else self.column

    def action_edit(self) -> None:
        name = "moment" if self.current_lane.kind == "moment" else "edit"
        self.post_message(self.Command(name))

    def action_emotion(self, delta: int) -> None:
        self.post_message(self.Command("emotion", delta=delta))

    def action_moment(self) -> None:
        self.post_message(self.Command("moment"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`+`/`-` only on an emotion cell and `m` only on a moment of truth: elsewhere the
        key is typed into the cell like any other character."""
        if action == "emotion":
            return self.current_lane.kind == "emotion"
        if action == "moment":
            return self.current_lane.kind == "moment"
        return True

    def on_resize(self) -> None:
        # The first size is known only now: the cursor's column may have been out of view.
        self._keep_in_view()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or offset.x < self.label_width:
            return
        column = self._first_column + (offset.x - self.label_width) // (self.cell_width + 1)
        self.go(column, self._first_lane + offset.y - 1)

    # Drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            text = self._stage_row()
        else:
            lane = self._first_lane + y - 1
            if lane >= len(self.grid.lanes):
                return Strip.blank(width, base)
            text = self._lane_row(lane)
        strip = Strip(list(text.render(self.app.console)))
        return strip.adjust_cell_length(width, base).apply_style(base)

    def _columns(self) -> range:
        last = min(len(self.grid.columns.columns), self._first_column + self.visible_columns)
        return range(self._first_column, last)

    def _stage_row(self) -> Text:
        """The stage names over their columns in view; the label cell says where we are."""
        total = sum(1 for c in self.grid.columns.columns if c.touchpoint is not None)
        number = self.grid.columns.columns[self.column].number if total else 0
        row = Text(f"{number}/{total}".ljust(self.label_width)[: self.label_width], LABEL_STYLE)
        spans = self.grid.columns.stages
        run: list[int] = []
        for c in self._columns():
            if run and self.grid.stage_at(c) != self.grid.stage_at(run[0]):
                self._stage_cell(row, spans[self.grid.stage_at(run[0])].name, len(run))
                run = []
            run.append(c)
        if run:
            self._stage_cell(row, spans[self.grid.stage_at(run[0])].name, len(run))
        return row

    def _stage_cell(self, row: Text, name: str, columns: int) -> None:
        room = columns * (self.cell_width + 1) - 1
        cell = Text(clean_line(name), STAGE_STYLE)
        cell.truncate(room, overflow="ellipsis", pad=True)
        row.append(SEPARATOR, RULE_STYLE)
        row.append_text(cell)

    def _lane_row(self, index: int) -> Text:
        lane = self.grid.lanes[index]
        current = index == self.lane
        row = self._label(lane, current)
        for c in self._columns():
            stage_starts = c == 0 or self.grid.stage_at(c) != self.grid.stage_at(c - 1)
            row.append(SEPARATOR if stage_starts else "┊", RULE_STYLE)
            cell = self._cell(lane, c)
            cell.truncate(self.cell_width, overflow="ellipsis", pad=True)
            if current and c == self.column:
                cell.stylize(CURSOR_STYLE)
            elif c == self.column:
                cell.stylize(SELECTED_STYLE)
            row.append_text(cell)
        return row

    def _label(self, lane: GridLane, current: bool) -> Text:
        style = CURRENT_LABEL_STYLE if current else LABEL_STYLE
        if lane.persona is not None:
            label = Text.assemble((lane.symbol, Style(color=lane.colour)), " ")
            label.append(clean_line(lane.persona_name), style)
        else:
            label = Text(lane.label, style)
        label.truncate(self.label_width - 1, overflow="ellipsis", pad=True)
        label.append(" ")
        return label

    def _cell(self, lane: GridLane, column: int) -> Text:
        grid = self.grid
        if grid.touchpoint(column) is None:
            return Text("—" if lane.key == "name" else "", RULE_STYLE)
        if lane.kind == "emotion":
            if not grid.meets(lane, column):
                return Text("·", Style(color=NO_EMOTION_COLOUR, dim=True))
            value = grid.value(lane, column)
            return Text(grid.text(lane, column), emotion_style(value))
        if lane.kind == "moment":
            return Text(grid.text(lane, column), MOT_STYLE)
        return Text(clean_line(grid.text(lane, column)))


class CellInput(bindings.TranslatedBindings, Input):
    """The editor of one cell: `enter` applies and goes down, `tab` applies and goes right,
    `escape` leaves the cell as it was. The screen decides what applying means."""

    DEFAULT_CSS = """
    CellInput {
        position: absolute;
        height: 1;
        display: none;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.GRID_CELL)

    class Applied(Message):
        """The person applied the cell: its text, and where the cursor goes after."""

        def __init__(self, text: str, dx: int, dy: int) -> None:
            super().__init__()
            self.text = text
            self.dx = dx
            self.dy = dy

    class Cancelled(Message):
        """The cell is left as it was."""

    def action_apply(self, dx: int, dy: int) -> None:
        self.post_message(self.Applied(self.value, dx, dy))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
