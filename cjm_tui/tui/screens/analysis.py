"""`v`: the analysis views of the open map, read-only, one tab per view.

What a workshop needs to see in the room: moments of truth, the lowest touchpoints and the gaps
between expectation and experience, quick wins and the action plan (with the impact/effort
matrix), departments, channels, and what the map does not cover yet. The numbers come from
`cjm_tui.reports.analysis` on the map as it is now, unsaved changes included.

Keys: 1..6 or left/right switch views, up/down move in a table, enter on a touchpoint's row
closes the analysis and selects that touchpoint in the editor, escape (or v) closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from cjm_tui.i18n import N_, _, translate
from cjm_tui.model import Map
from cjm_tui.reports.analysis import Analysis, analyse, moments_of_truth
from cjm_tui.tui import analysis_rows as rows
from cjm_tui.tui import bindings
from cjm_tui.tui.components.analysis_table import AnalysisTable
from cjm_tui.tui.components.impact_matrix import ImpactMatrix

VIEWS: tuple[tuple[str, str, str], ...] = (
    ("moments", N_("Moments"), N_("Analysis: moments of truth")),
    ("lowest", N_("Lowest & gaps"), N_("Analysis: lowest touchpoints and gaps")),
    ("plan", N_("Plan"), N_("Analysis: quick wins and action plan")),
    ("departments", N_("Departments"), N_("Analysis: departments")),
    ("channels", N_("Channels"), N_("Analysis: channels")),
    ("coverage", N_("Coverage"), N_("Analysis: coverage")),
)
"""(id, the tab's label, the command palette's name) of each view, in tab order."""
VIEW_IDS = tuple(view for view, _label, _name in VIEWS)
SHORT = 30
"""Below this many rows, details under a table that shares its view are kept short."""


class AnalysisScreen(bindings.TranslatedBindings, Screen[int | None]):
    """Dismissed with the uid of the touchpoint to go to, or None."""

    DEFAULT_CSS = """
    AnalysisScreen TabbedContent { height: 1fr; }
    AnalysisScreen ContentSwitcher { height: 1fr; }
    AnalysisScreen TabPane { padding: 0; height: 1fr; }
    AnalysisScreen .row-detail {
        height: auto;
        max-height: 40%;
        padding: 0 1;
        border-top: hkey $panel-lighten-2;
    }
    AnalysisScreen.-short #plan-detail { max-height: 2; }
    AnalysisScreen #persona-legend { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ANALYSIS)
    LOOK_ONLY: ClassVar[bool] = True
    """Read-only: the app's save, undo and redo wait until it is closed (see app.py)."""

    def __init__(self, m: Map, view: str = "moments", file_name: str = "") -> None:
        super().__init__()
        self.map = m
        self._analysis: Analysis | None = None
        self.initial = view if view in VIEW_IDS else VIEW_IDS[0]
        self.file_name = file_name
        self._symbols = rows.Symbols(m)
        self._filled: set[str] = set()
        """The views whose tables have their rows."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with TabbedContent(initial=f"view-{self.initial}", id="views"):
            for n, (view, label, _name) in enumerate(VIEWS, start=1):
                with TabPane(f"{n} {translate(label)}", id=f"view-{view}"):
                    yield from self._view(view)
                    yield Static(id=f"{view}-detail", classes="row-detail")
        yield Static(id="persona-legend")
        yield Footer(compact=True, show_command_palette=False)

    def _view(self, view: str) -> ComposeResult:
        if view == "moments":
            yield AnalysisTable(_("Moments of truth"), id="moments-table")
        elif view == "lowest":
            yield AnalysisTable(
                _("Lowest touchpoints: by the lowest persona emotion, ties by the mean"),
                id="lowest-table",
            )
            yield AnalysisTable(_("Gaps: expectation and experience"), id="gaps-table")
        elif view == "plan":
            yield AnalysisTable(_("Action plan: quick wins ★ first"), id="plan-table")
            yield ImpactMatrix(id="matrix")
        elif view == "departments":
            yield AnalysisTable(
                _("Departments: average of the touchpoints' means"), id="departments-table"
            )
        elif view == "channels":
            yield AnalysisTable(_("Channels: touchpoints and average emotion"), id="channels-table")
        else:
            yield AnalysisTable(_("Coverage: what the map does not cover yet"), id="coverage-table")

    @property
    def analysis(self) -> Analysis:
        """Every view's numbers, worked out when a view other than the moments needs them."""
        if self._analysis is None:
            self._analysis = analyse(self.map)
        return self._analysis

    def on_mount(self) -> None:
        name = self.file_name
        self.sub_title = _("Analysis: {name}", name=name) if name else _("Analysis")
        self.title = self.app.title
        # The first frame waits only for the view it shows; another view is worked out and
        # filled when it is asked for (its tab, a key, the palette), before it shows.
        self._fill(self.initial)
        # The table spans the screen: its rows can be fitted before the first layout.
        first = self.query_one(TabbedContent).get_pane(f"view-{self.initial}")
        for table in first.query(AnalysisTable):
            table.fit_before_layout(self.app.size.width)
        legend = self.query_one("#persona-legend", Static)
        legend.display = bool(self.map.personas)
        legend.update(Text(_("Personas: "), style="dim") + self._symbols.legend(self.map))
        self.call_after_refresh(self._focus_view)

    def on_resize(self, event: events.Resize) -> None:
        # A short terminal keeps the action plan's table in view: its detail gets two lines.
        self.set_class(event.size.height < SHORT, "-short")

    def _table(self, name: str) -> AnalysisTable:
        return self.query_one(f"#{name}-table", AnalysisTable)

    def _fill(self, view: str) -> None:
        """Give the tables of `view` their rows (once)."""
        if view in self._filled or view not in VIEW_IDS:
            return
        self._filled.add(view)
        m, symbols = self.map, self._symbols
        if view == "moments":
            moments = self._analysis.moments if self._analysis else moments_of_truth(m)
            self._table("moments").show(
                *rows.moments(m, moments, symbols),
                _("No moments of truth yet: m on a touchpoint marks one"),
            )
            return
        a = self.analysis
        if view == "lowest":
            self._table("lowest").show(
                *rows.lowest(a, symbols), _("No touchpoint has an emotion yet.")
            )
            self._table("gaps").show(
                *rows.gaps(a), _("No touchpoint has both an expectation and an experience yet.")
            )
        elif view == "plan":
            self._table("plan").show(*rows.plan(m, a), _("No actions yet."))
            self.query_one(ImpactMatrix).show(a.matrix)
        elif view == "departments":
            self._table("departments").show(
                *rows.departments(a), _("No touchpoints or actions yet.")
            )
        elif view == "channels":
            self._table("channels").show(*rows.channels(m, a, symbols), _("No touchpoints yet."))
        else:
            self._table("coverage").show(
                *rows.coverage(m, a.coverage), _("Nothing missing: every check passes.")
            )

    # Views -------------------------------------------------------------------------------

    @property
    def view(self) -> str:
        active = self.query_one(TabbedContent).active
        return active.removeprefix("view-") if active else self.initial

    def show_view(self, view: str) -> None:
        if view in VIEW_IDS:
            self._fill(view)
            self.query_one(TabbedContent).active = f"view-{view}"
            self.call_after_refresh(self._focus_view)

    def action_view(self, index: int) -> None:
        if 0 <= index < len(VIEW_IDS):
            self.show_view(VIEW_IDS[index])

    def action_step(self, delta: int) -> None:
        index = VIEW_IDS.index(self.view) if self.view in VIEW_IDS else 0
        self.show_view(VIEW_IDS[(index + delta) % len(VIEW_IDS)])

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id or ""
        self._fill(pane_id.removeprefix("view-"))
        self.call_after_refresh(self._focus_view)

    def _focus_view(self) -> None:
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        table = pane.query(AnalysisTable).first()
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            table.focus()

    # Rows --------------------------------------------------------------------------------

    @on(AnalysisTable.Chosen)
    def _chosen(self, event: AnalysisTable.Chosen) -> None:
        self.dismiss(event.uid)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if isinstance(table, AnalysisTable) and (table.has_focus or self._only_table(table)):
            self._show_detail(table)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, AnalysisTable):
            self._show_detail(event.widget)

    def _only_table(self, table: AnalysisTable) -> bool:
        pane = table.parent
        return pane is not None and len(pane.query_children(AnalysisTable)) == 1

    def _show_detail(self, table: AnalysisTable) -> None:
        """The highlighted row's whole text, under the tables of its view."""
        pane = table.parent
        if pane is None:
            return
        detail = pane.query_children(".row-detail").first(Static)
        row = table.highlighted_row
        about = row.detail() if row is not None else None
        detail.display = about is not None and bool(about.plain.strip())
        if about is not None and detail.display:
            detail.update(about)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        """q: back to the map, then the app's quit (which asks about unsaved changes)."""
        self.dismiss(None)
        self.app.call_later(self.app.action_quit)

    def palette_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette here: the views, and closing (no edits on this screen)."""
        return [
            *analysis_actions(self.show_view),
            (_("Close analysis"), _("back to the map (esc)"), self.action_close),
        ]


def analysis_actions(
    open_view: Callable[[str], object],
) -> list[tuple[str, str, Callable[[], object]]]:
    """One entry per analysis view ("Analysis: departments"), each opening that tab."""
    from cjm_tui.i18n import translate

    return [
        (translate(name), _("read-only analysis (v, then {n})", n=n), partial(open_view, view))
        for n, (view, _label, name) in enumerate(VIEWS, start=1)
    ]
