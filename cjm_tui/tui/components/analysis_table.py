"""A read-only table of the analysis screen: columns fitted to the width, one line per row.

Long text ends in "…" instead of wrapping, so a row is always one line and the table reads
at 80 columns; the columns are fitted again when the width changes (`fit_widths`, the same
rule as the text report). Rows may stand for a touchpoint (its uid): enter asks to go there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

from cjm_tui.tui import bindings
from cjm_tui.views.column_widths import fit_widths, measure


@dataclass(frozen=True)
class Col:
    label: str
    wide: bool = False
    """Long text: shares the room the other columns leave."""
    right: bool = False
    """Numbers: aligned right."""
    keep: bool = False
    """Never cut below its natural width (a row of persona emotions, a date)."""


@dataclass(frozen=True)
class Row:
    uid: int | None
    """The touchpoint the row stands for (enter goes there), or None."""
    cells: Sequence[Text]
    """One Text per column, cut to fit."""
    detail: Callable[[], Text] = Text
    """The whole story of the row, shown under the table while it is highlighted (made
    when asked: a large map has thousands of rows and one is highlighted)."""


class AnalysisTable(bindings.TranslatedBindings, DataTable[Text]):
    DEFAULT_CSS = """
    AnalysisTable {
        height: 1fr;
        border: round $panel-lighten-2;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    AnalysisTable:focus {
        border: round $accent;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ANALYSIS_TABLE)

    class Chosen(Message):
        """Enter on a row that stands for a touchpoint."""

        def __init__(self, table: AnalysisTable, uid: int) -> None:
            super().__init__()
            self.table = table
            self.uid = uid

    def __init__(self, title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.border_title = title
        self._spec_columns: list[Col] = []
        self._spec_rows: list[Row] = []
        self._empty_text = ""
        self._fitted_width = -1

    # What it shows -------------------------------------------------------------------

    def show(self, columns: Sequence[Col], rows: Sequence[Row], empty: str) -> None:
        """Show `rows` under `columns`; `empty` is the line shown when there are none."""
        self._spec_columns = list(columns)
        self._spec_rows = list(rows)
        self._empty_text = empty
        self._fitted_width = -1
        self._fit()

    @property
    def rows_shown(self) -> list[Row]:
        """The rows as given to `show` (uncut)."""
        return list(self._spec_rows)

    @property
    def uids(self) -> list[int | None]:
        return [r.uid for r in self._spec_rows]

    @property
    def highlighted_row(self) -> Row | None:
        index = self.cursor_row
        return self._spec_rows[index] if 0 <= index < len(self._spec_rows) else None

    @property
    def highlighted_uid(self) -> int | None:
        row = self.highlighted_row
        return row.uid if row is not None else None

    def has_touchpoints(self) -> bool:
        return any(r.uid is not None for r in self._spec_rows)

    # Fitting ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def fit_before_layout(self, width: int) -> None:
        """Fill the table now for the room it will have when it is `width` cells wide (its
        border and scroll bar gutter taken off), so that the first frame shows its rows; the
        layout's own width, when it comes, fits it again only if it differs."""
        styles = self.styles
        gutter = styles.scrollbar_size_vertical if styles.scrollbar_gutter == "stable" else 0
        self._fit(width - styles.gutter.width - gutter)

    def _fit(self, room: int | None = None) -> None:
        """Fill the table for its width; nothing until it has one (a hidden tab waits)."""
        if room is None or self.scrollable_content_region.width > 0:
            room = self.scrollable_content_region.width
        if room <= 0 or room == self._fitted_width or not self._spec_columns:
            return
        self._fitted_width = room
        row = self.cursor_row
        self.clear(columns=True)
        pad = 2 * self.cell_padding
        self.show_header = bool(self._spec_rows)
        if not self._spec_rows:
            self.add_column(Text(""), width=max(1, room - pad))
            self.add_row(_cut(Text(self._empty_text, style="dim italic"), room - pad))
            return
        measured = [
            measure([Text(c.label), *(spec.cells[i] for spec in self._spec_rows)])
            for i, c in enumerate(self._spec_columns)
        ]
        natural = [longest for longest, _word in measured]
        words = [word for _longest, word in measured]
        wide = {i for i, c in enumerate(self._spec_columns) if c.wide}
        keep = frozenset(i for i, c in enumerate(self._spec_columns) if c.keep)
        text_room = room - pad * len(self._spec_columns)
        widths = fit_widths(natural, text_room, words=words, wide=wide, keep=keep)
        for col, width in zip(self._spec_columns, widths, strict=True):
            label = _cut(Text(col.label, style="bold"), width)
            if col.right:
                label.justify = "right"
            self.add_column(label, width=max(1, width))
        for index, spec in enumerate(self._spec_rows):
            shown = []
            for col, width, text in zip(self._spec_columns, widths, spec.cells, strict=True):
                cut = _cut(text, width)
                if col.right:
                    cut.justify = "right"
                shown.append(cut)
            self.add_row(*shown, key=str(index))
        if 0 < row < len(self._spec_rows):
            self.move_cursor(row=row, animate=False)

    # Keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to go to: no "Go to touchpoint" in the footer.
        return action != "select_cursor" or self.has_touchpoints()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        uid = self.highlighted_uid
        if uid is not None:
            self.post_message(self.Chosen(self, uid))


def _cut(text: Text, width: int) -> Text:
    """`text` on one line of at most `width` cells, ending in "…" when cut."""
    out = text.copy()
    out.no_wrap = True
    out.overflow = "ellipsis"
    if out.cell_len > width:
        out.truncate(max(1, width), overflow="ellipsis")
    return out
