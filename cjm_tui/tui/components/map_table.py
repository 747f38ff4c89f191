"""The folder's maps as a table: one row a map, its figures filled in as they are read."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from cjm_tui.i18n import _, _p
from cjm_tui.reports.folder_list import MapRow

MAP_WIDTH = 30
FIGURE_WIDTHS = {"kind": 8, "changed": 10}
MIN_MAP_WIDTH = 16
COLUMNS = ("map", "kind", "stages", "touchpoints", "moments", "open", "findings", "changed")


def _number(value: int | None) -> Text:
    return Text("…" if value is None else str(value), justify="right")


def _when(row: MapRow) -> Text:
    if row.changed is None:
        return Text("")
    return Text(row.changed.strftime("%Y-%m-%d"), style="dim")


def cells(row: MapRow) -> list[Text]:
    """The row's cells, in COLUMNS order (map text is data: plain Text, never markup)."""
    if row.problem is not None:
        name = Text(row.name, style="bold")
        name.append("  " + row.problem, style="red")
        return [name, Text("✗", style="red"), *[Text("") for _ in range(5)], _when(row)]
    if not row.read:
        return [Text(row.name, style="dim"), Text(""), *[_number(None)] * 5, Text("")]
    title = Text(row.title or row.name, style="bold")
    title.append(f"  {row.name}", style="dim")
    return [
        title,
        Text(row.kind),
        _number(row.stages),
        _number(row.touchpoints),
        _number(row.moments),
        _number(row.open_actions),
        _number(row.findings),
        _when(row),
    ]


class MapTable(DataTable[Text]):
    """Rows keyed by the map's path."""

    DEFAULT_CSS = """
    MapTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        # Short headers: the figures must fit beside the map's name at 80 columns (the help
        # and the README say what each counts).
        headers = {
            "map": _("Map"),
            "kind": _("Kind"),
            "stages": _("Stages"),
            "touchpoints": _p("short", "Points"),
            "moments": _p("short", "MoT"),
            "open": _p("short", "Open"),
            "findings": _("Lint"),
            "changed": _("Changed"),
        }
        for key in COLUMNS:
            label = headers[key]
            width = MAP_WIDTH if key == "map" else max(len(label), FIGURE_WIDTHS.get(key, 4))
            self.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        """The map's column takes what the figures leave (each column has padding too)."""
        figures = sum(c.width for k, c in self.columns.items() if k != ColumnKey("map"))
        padding = 2 * self.cell_padding * len(self.columns)
        column = self.columns.get(ColumnKey("map"))
        if column is not None:
            column.width = max(MIN_MAP_WIDTH, self.size.width - figures - padding - 1)
            self._require_update_dimensions = True
            self.refresh()

    def show_rows(self, rows: list[MapRow]) -> None:
        """All rows anew (a rescan); the cursor stays on its map where it can."""
        keep = self.highlighted_path
        self.clear()
        for row in rows:
            self.add_row(*cells(row), key=str(row.path))
        if keep is not None:
            self.highlight_path(keep)

    def update_row(self, row: MapRow) -> None:
        """One map's figures are in."""
        key = str(row.path)
        for column, value in zip(COLUMNS, cells(row), strict=True):
            self.update_cell(key, column, value, update_width=column == "map")

    @property
    def highlighted_path(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # an empty table or a cursor off the rows
            return None
        return key.value

    def highlight_path(self, path: str) -> None:
        with contextlib.suppress(Exception):  # that map is no longer in the folder
            self.move_cursor(row=self.get_row_index(path))
