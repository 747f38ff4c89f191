"""The folder's maps as a table: one line a map, its figures filled in as they are read.

An OptionList of one-line prompts laid out in columns (and a header line above), rather than
a DataTable: a DataTable renders every cell on its own, eight per row, which made the first
frame of a folder of 200 maps 1.4x a bare Textual app's; one Text per row keeps it at the
floor (benchmarks/bench_folder.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cjm_tui.i18n import _, _p
from cjm_tui.reports.folder_list import MapRow

FIGURES = (("kind", 8, "left"), ("stages", 6, "right"), ("touchpoints", 6, "right"),
           ("moments", 3, "right"), ("open", 4, "right"), ("findings", 4, "right"),
           ("changed", 10, "left"))  # fmt: skip
"""The columns after the map's own: key, width, alignment."""
GAP = 1
MIN_MAP_WIDTH = 16


def headers() -> dict[str, str]:
    # Short headers: the figures must fit beside the map's name at 80 columns (the help and
    # the README say what each counts).
    return {
        "map": _("Map"),
        "kind": _("Kind"),
        "stages": _("Stages"),
        "touchpoints": _p("short", "Points"),
        "moments": _p("short", "MoT"),
        "open": _p("short", "Open"),
        "findings": _("Lint"),
        "changed": _("Changed"),
    }


def _figures(row: MapRow) -> dict[str, str]:
    def number(value: int | None) -> str:
        return "…" if value is None else str(value)

    changed = row.changed.strftime("%Y-%m-%d") if row.changed is not None else ""
    if row.problem is not None:
        return {"kind": "✗", "changed": changed}
    if row.library:
        return {"kind": _("library"), "changed": changed}
    if not row.read:
        return {k: "…" for k, _w, _a in FIGURES if k not in ("kind", "changed")}
    return {
        "kind": row.kind,
        "stages": number(row.stages),
        "touchpoints": number(row.touchpoints),
        "moments": number(row.moments),
        "open": number(row.open_actions),
        "findings": number(row.findings),
        "changed": changed,
    }


def _cell(text: str, width: int, align: str, style: str = "") -> Text:
    cell = Text(text, style=style, no_wrap=True)
    cell.truncate(width, overflow="ellipsis")
    if align == "right":
        cell.pad_left(width - cell.cell_len)
    else:
        cell.pad_right(width - cell.cell_len)
    return cell


def line(row: MapRow | None, map_width: int) -> Text:
    """One row (None: the header line), as wide as the columns. Map text is data: plain Text."""
    out = Text(no_wrap=True, end="")
    if row is None:
        names = headers()
        out.append_text(_cell(names["map"], map_width, "left", "bold"))
        for key, width, align in FIGURES:
            out.append(" " * GAP)
            out.append_text(_cell(names[key], width, align, "bold"))
        return out
    if row.problem is not None:
        name = Text(row.name, style="bold")
        name.append("  " + row.problem, style="red")
    elif row.library:
        name = Text(row.name, style="bold")
        name.append("  " + _("shared personas"), style="dim")
    elif row.read:
        name = Text(row.title or row.name, style="bold")
        name.append(f"  {row.name}", style="dim")
    else:
        name = Text(row.name, style="dim")
    name.truncate(map_width, overflow="ellipsis", pad=True)
    out.append_text(name)
    figures = _figures(row)
    for key, width, align in FIGURES:
        out.append(" " * GAP)
        style = "red" if key == "kind" and row.problem is not None else ""
        style = "dim" if key == "changed" else style
        out.append_text(_cell(figures.get(key, ""), width, align, style))
    return out


class MapList(OptionList):
    """The rows, keyed by the map's path (the option's id)."""

    DEFAULT_CSS = """
    MapList, MapList:focus { height: 1fr; border: none; padding: 0 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[MapRow] = []
        self._map_width = 30

    def _width_for(self, total: int) -> int:
        figures = sum(w + GAP for _k, w, _a in FIGURES)
        return max(MIN_MAP_WIDTH, total - figures - 3)  # padding and the scrollbar

    def show_rows(self, rows: list[MapRow]) -> None:
        """All rows anew; the highlight stays on its map where it can."""
        keep = self.highlighted_path
        self.rows = list(rows)
        self.clear_options()
        self.add_options(Option(line(r, self._map_width), id=str(r.path)) for r in self.rows)
        if keep is not None:
            self.highlight_path(keep)
        elif self.rows:
            self.highlighted = 0

    def update_row(self, row: MapRow) -> None:
        """One map's figures are in."""
        index = next((i for i, r in enumerate(self.rows) if r.path == row.path), None)
        if index is None:
            return
        self.rows[index] = row
        self.replace_option_prompt_at_index(index, line(row, self._map_width))

    def on_resize(self) -> None:
        width = self._width_for(self.size.width)
        if width != self._map_width:
            self._map_width = width
            for i, row in enumerate(self.rows):
                self.replace_option_prompt_at_index(i, line(row, width))
            header = self.screen.query("#maps-header")
            if header:
                header.first(Static).update(line(None, width))

    @property
    def highlighted_row(self) -> MapRow | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    @property
    def highlighted_path(self) -> str | None:
        row = self.highlighted_row
        return str(row.path) if row is not None else None

    def highlight_path(self, path: str) -> None:
        index = next((i for i, r in enumerate(self.rows) if str(r.path) == path), None)
        if index is not None:
            self.highlighted = index


class MapTable(Vertical):
    """The header line and the list under it."""

    DEFAULT_CSS = """
    MapTable { height: 1fr; }
    MapTable #maps-header { height: 1; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(line(None, 30), id="maps-header")
        yield MapList(id="maps-list")

    @property
    def list(self) -> MapList:
        return self.query_one(MapList)
