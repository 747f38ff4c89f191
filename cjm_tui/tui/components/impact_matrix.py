"""The impact/effort matrix: actions in a 3x3 grid, high impact on top, low effort left."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import Static

from cjm_tui.i18n import _
from cjm_tui.reports.analysis import EFFORT_COLUMNS, IMPACT_ROWS, Matrix, PlannedAction
from cjm_tui.sanitize import clean_line

TALL = 36
"""From this many rows of terminal up, a cell lists up to four actions (else two)."""


def action_line(p: PlannedAction) -> Text:
    """ "★ title" for a quick win, "✓" once done, "•" otherwise; plain text, never markup."""
    out = Text()
    if p.quick_win:
        out.append("★", "bold yellow")
    if not p.is_open:
        out.append("✓", "bold green")
    if not out:
        out.append("•", "dim")
    out.append(" " + (clean_line(p.action.title) or _("(untitled)")))
    return out


class ImpactMatrix(Static):
    DEFAULT_CSS = """
    ImpactMatrix {
        height: auto;
        border: round $panel-lighten-2;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _("Impact and effort")
        self._matrix: Matrix | None = None
        self._lines = 0

    def show(self, matrix: Matrix) -> None:
        self._matrix = matrix
        self._lines = 0
        self._render_matrix()

    def on_resize(self, event: events.Resize) -> None:
        self._render_matrix()

    def _render_matrix(self) -> None:
        if self._matrix is None:
            return
        lines = 4 if self.app.size.height >= TALL else 2
        if lines == self._lines:
            return
        self._lines = lines
        self.update(self.picture(self._matrix, lines))

    @staticmethod
    def picture(matrix: Matrix, lines: int) -> RenderableType:
        """The grid, each cell at most `lines` lines (the last says how many more)."""
        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, show_lines=False
        )
        table.add_column(_("impact ↓"), no_wrap=True, width=8, style="bold")
        labels = {"low": _("low"), "medium": _("medium"), "high": _("high")}
        efforts = {"low": _("low effort"), "medium": _("medium effort"), "high": _("high effort")}
        for effort in EFFORT_COLUMNS:
            table.add_column(efforts[effort], ratio=1, no_wrap=True, overflow="ellipsis")
        for impact in IMPACT_ROWS:
            cells: list[Text] = []
            for effort in EFFORT_COLUMNS:
                items = matrix.cell(impact, effort)
                shown = [action_line(p) for p in items[:lines]]
                if len(items) > lines:
                    shown = shown[: lines - 1]
                    more = len(items) - len(shown)
                    shown.append(Text(_("+{n} more", n=more), style="dim"))
                cell = Text("\n").join(shown) if shown else Text("–", style="dim")
                cell.no_wrap = True
                cell.overflow = "ellipsis"
                cells.append(cell)
            table.add_row(Text(labels[impact]), *cells)
        if not matrix.unplaced:
            return table
        rest = Text(_("Without impact or effort: "), style="dim", no_wrap=True, overflow="ellipsis")
        for i, p in enumerate(matrix.unplaced):
            if i:
                rest.append(", ")
            rest.append_text(action_line(p))
        return Group(table, rest)
