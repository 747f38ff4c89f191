"""`g`: the journey grid. Every lane of every touchpoint, filled in place as a workshop talks.

The grid widget moves the cursor and asks for edits; this screen carries them out on the open
map (each applied cell is one `OpenMap.update`, so one undo step), shows the cell under the
cursor in full on the line above the grid, and places the cell editor over the cell. Leaving
(`escape` or `g`) dismisses with the uid of the touchpoint under the cursor, for the map to
select it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from cjm_tui.editing.grid_cells import CellError, cell_changes
from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.commands import editing_entries
from cjm_tui.tui.components.journey_grid import CellInput, JourneyGridView
from cjm_tui.tui.notify import tell
from cjm_tui.views.journey_grid import journey_grid


class GridScreen(bindings.TranslatedBindings, Screen[int | None]):
    """Dismissed with the uid of the touchpoint under the cursor (None: none)."""

    DEFAULT_CSS = """
    GridScreen {
        layout: vertical;
    }
    GridScreen #grid-cell {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
    }
    GridScreen #grid-area {
        height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.GRID_SCREEN)
    TYPES_LETTERS: ClassVar[bool] = True
    """Any letter typed on a cell starts editing it, `q` and `?` too (see `CjmApp.check_action`)."""

    def __init__(
        self, om: OpenMap, touchpoint: int | None, changed: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.om = om
        self._changed = changed or (lambda: None)
        """Told after every edit here (the map's header shows "unsaved")."""
        grid = journey_grid(om.map)
        column = grid.column_of(touchpoint)
        self._start = (column or 0, grid.lane_index("doing"))
        self._editing: int | None = None
        """The touchpoint whose cell is being typed in: the cursor follows it when others'
        changes move it; when another editor deletes it, the text stays and applies nowhere."""
        self._grid = grid
        self._seen_version = om.version

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="grid-cell")
        with Container(id="grid-area"):
            yield JourneyGridView(self._grid, *self._start, id="grid")
            yield CellInput(compact=True, select_on_focus=False, id="cell-input")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.view.focus()
        self._show_cell()

    @property
    def view(self) -> JourneyGridView:
        return self.query_one(JourneyGridView)

    @property
    def editor(self) -> CellInput:
        return self.query_one(CellInput)

    @property
    def editing(self) -> bool:
        return bool(self.editor.display)

    # Showing -----------------------------------------------------------------------------

    def refresh_views(self) -> None:
        """Show the open map as it is now (after an edit, undo or redo, or another editor's
        change): the cursor stays on its touchpoint and lane, wherever they are now (another
        editor may have added a touchpoint before it, or a persona)."""
        view = self.view
        before = self._grid
        tp = before.touchpoint(view.column)
        lane = before.lanes[view.lane] if 0 <= view.lane < len(before.lanes) else None
        self._grid = journey_grid(self.om.map)
        self._seen_version = self.om.version
        column = self._grid.column_of(tp.uid) if tp is not None else None
        lane_at = next(
            (
                i
                for i, now in enumerate(self._grid.lanes)
                if lane is not None and (now.key, now.persona) == (lane.key, lane.persona)
            ),
            None,
        )
        view.show(self._grid)
        if column is not None or lane_at is not None:
            view.go(
                view.column if column is None else column,
                view.lane if lane_at is None else lane_at,
            )
        if self.editing:
            self._place_editor()
            if tp is not None and column is None and tp.uid == self._editing:
                tell(self, _("Another editor deleted this touchpoint."), severity="warning")
        self._show_cell(self.editor.value if self.editing else None)

    @on(JourneyGridView.Moved)
    def _moved(self) -> None:
        self._show_cell()

    def _show_cell(self, typed: str | None = None) -> None:
        """The line above the grid: the lane, the touchpoint and the cell's whole text."""
        view = self.view
        lane = view.current_lane
        tp = self._grid.touchpoint(view.column)
        label = lane.label
        line = Text(label, Style(bold=True))
        if lane.persona is not None:
            line.append(" ")
            line.append(lane.symbol, Style(color=lane.colour))
            line.append(" " + clean_line(lane.persona_name), Style(bold=True))
        if tp is not None:
            line.append(" · ", Style(dim=True))
            line.append(clean_line(tp.name), Style(dim=True))
        line.append(": ", Style(dim=True))
        text = self._grid.text(lane, view.column) if typed is None else typed
        line.append(clean_line(text))
        self.query_one("#grid-cell", Static).update(line)

    # Edits -------------------------------------------------------------------------------

    def _may_edit(self) -> bool:
        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return False
        refuse = getattr(self.app, "refuse_read_only", None)  # the editor app says why
        if callable(refuse) and refuse():
            return False
        if self._grid.touchpoint(self.view.column) is None:
            tell(self, _("This stage has no touchpoints yet: add one on the map (a)."))
            return False
        return True

    @on(JourneyGridView.Command)
    def _command(self, event: JourneyGridView.Command) -> None:
        if not self._may_edit():
            return
        view = self.view
        tp = self._grid.touchpoint(view.column)
        lane = view.current_lane
        if tp is None:
            return
        if event.name == "emotion":
            self._apply(lambda: self.om.bump_emotion(tp, event.delta, lane.persona))
        elif event.name == "moment":
            self._apply(lambda: self.om.toggle_moment(tp))
        elif event.name == "edit" and not self.editing:
            text = self._grid.text(lane, view.column)
            if "\n" in text:
                tell(
                    self,
                    _("This cell has several lines: edit it in the touchpoint's form on the map."),
                    severity="warning",
                )
                return
            self._open_editor(text)

    def on_key(self, event: events.Key) -> None:
        """A letter typed on a cell that is none of the grid's keys starts editing it with
        that letter (the spreadsheet habit: a filled cell costs its text and one key).

        Here, not in the widget, and at once: the letters typed right after it may reach the
        grid before the cell editor has focus (a fast typist, a paste), and they go into the
        editor too, never to the grid's keys (`g` would leave)."""
        if not event.is_printable or not event.character or self.focused is self.editor:
            return
        # On a lane of text every printable key types, `e`, `g`, `m` and `+` too: a word that
        # starts with one of them must not leave the grid or change a cell. The grid's own
        # letter keys act on the lanes that take no typed letters (emotion, moment of truth).
        if not self.editing and self.view.current_lane.kind not in ("text", "list"):
            for key, active in self.active_bindings.items():
                if key == event.key and active.enabled and active.node in (self.view, self):
                    return  # one of the grid's keys: its binding acts
        event.stop()
        event.prevent_default()
        if self.editing:
            self.editor.insert_text_at_cursor(event.character)
        elif self._may_edit():
            self._open_editor(event.character)

    def _place_editor(self) -> None:
        """The cell's editor over the cell under the cursor."""
        region = self.view.cell_region()
        self.editor.styles.offset = (region.x, region.y)
        self.editor.styles.width = region.width

    def _open_editor(self, text: str) -> None:
        editor = self.editor
        tp = self._grid.touchpoint(self.view.column)
        self._editing = tp.uid if tp is not None else None
        self._place_editor()
        editor.value = text
        editor.display = True
        editor.cursor_position = len(text)
        editor.focus()
        self._show_cell(text)

    def _close_editor(self) -> None:
        self.editor.display = False
        self.view.focus()
        self._show_cell()

    @on(CellInput.Changed)
    def _typing(self, event: CellInput.Changed) -> None:
        if self.editing:
            self._show_cell(event.value)

    @on(CellInput.Applied)
    def _applied(self, event: CellInput.Applied) -> None:
        view = self.view
        lane = view.current_lane
        tp = self._grid.touchpoint(view.column)
        if tp is None:
            self._close_editor()
            return
        if tp.uid != self._editing:  # deleted by another editor
            tell(self, _("Another editor deleted this touchpoint."), severity="warning")
            return  # the typed text stays until escape
        try:
            changes = cell_changes(self._grid, lane, view.column, event.text)
            if changes:
                self.om.update(tp, **changes)
        except (CellError, EditError) as exc:
            # The typed text stays in the cell's editor: nothing typed is lost.
            message = exc.message if isinstance(exc, CellError) else str(exc)
            tell(self, message, severity="error", title=_("Not changed"))
            return
        self.editor.display = False
        if changes:
            self.refresh_views()
            self._changed()
        view.focus()
        view.go(view.column + event.dx, view.lane + event.dy)

    @on(CellInput.Cancelled)
    def _cancelled(self) -> None:
        self._close_editor()

    def _apply(self, edit: Callable[[], Any]) -> None:
        try:
            edit()
        except EditError as exc:
            tell(self, clean_line(str(exc)), severity="error", title=_("Not changed"))
            return
        self.refresh_views()
        self._changed()

    # Leaving -----------------------------------------------------------------------------

    def action_leave(self) -> None:
        tp = self._grid.touchpoint(self.view.column)
        self.dismiss(tp.uid if tp is not None else None)

    def palette_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette here: saving, undo and redo, and going back to the map."""
        return [
            *editing_entries(self.app),
            (_("Back to the map"), _("leave the journey grid (esc)"), self.action_leave),
        ]
