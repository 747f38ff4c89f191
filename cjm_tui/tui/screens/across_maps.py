"""`v` on a folder of maps: what shows only across maps, one tab per view.

Every moment of truth with its map; owners across maps (the silos: touchpoints, moments of
truth, average emotion, open and overdue actions, the spellings merged); all actions by due
date, overdue first; personas across maps. The numbers come from `cjm_tui/reports/portfolio.py`
(the same as `cjm report DIR`), read in a worker thread: a folder of 200 maps takes a moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from cjm_tui.i18n import N_, _, translate
from cjm_tui.reports.map_files import load_map
from cjm_tui.reports.portfolio import MapSummary, Owner, Portfolio, across, summaries
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import analysis_rows as rows
from cjm_tui.tui import bindings
from cjm_tui.tui.components.analysis_table import AnalysisTable, Col, Row

VIEWS: tuple[tuple[str, str], ...] = (
    ("moments", N_("Moments of truth")),
    ("owners", N_("Owners")),
    ("actions", N_("Actions")),
    ("personas", N_("Personas")),
)
VIEW_IDS = tuple(view for view, _label in VIEWS)


def moments(p: Portfolio) -> tuple[list[Col], list[Row]]:
    cols = [
        Col(_("Map"), wide=True),
        Col(_("Stage")),
        Col(_("Touchpoint"), wide=True),
        Col(_("Emotion"), keep=True),
        Col(_("Owner")),
    ]
    out = []
    for mm in p.moments:
        mo = mm.moment
        values = (
            rows.joined(
                [Text(f"{clean_line(v.persona)} ") + rows.emotion(v.value) for v in mo.by_persona]
            )
            if mo.by_persona
            else rows.emotion(mo.overall)
        )
        out.append(
            Row(
                None,
                [rows.plain(map_label(mm.map), "bold"), rows.plain(mo.stage),
                 rows.name(mo.touchpoint), values, rows.owner(mo.owner)],
            )
        )  # fmt: skip
    return cols, out


def by_pain(p: Portfolio) -> list[Owner]:
    """Owners, the most painful first: the lowest average emotion, then the most moments of
    truth (what a workshop asks of this view: who owns the worst moments)."""
    return sorted(
        (o for o in p.owners if o.name is not None),
        key=lambda o: (o.average is None, o.average or 0.0, -len(o.moments)),
    ) + [o for o in p.owners if o.name is None]


def owners(p: Portfolio) -> tuple[list[Col], list[Row]]:
    cols = [Col(_("Owner"), wide=True), Col(_("Maps"), right=True),
            Col(_("Touchpoints"), right=True), Col(_("Moments"), right=True),
            Col(_("Average"), right=True, keep=True), Col(_("Open"), right=True),
            Col(_("Overdue"), right=True)]  # fmt: skip
    out = []
    for o in by_pain(p):
        name = rows.owner(o.name)
        if o.merged:
            name.append("  " + _("(merged: {spellings})", spellings=", ".join(o.spellings)), "dim")
        overdue = Text(str(len(o.overdue_actions)), "bold red" if o.overdue_actions else "")
        out.append(
            Row(
                None,
                [name, Text(str(len(o.maps))), Text(str(len(o.touchpoints))),
                 Text(str(len(o.moments))), rows.mean(o.average),
                 Text(str(len(o.open_actions))), overdue],
            )
        )  # fmt: skip
    return cols, out


def actions(p: Portfolio) -> tuple[list[Col], list[Row]]:
    cols = [Col(_("Due"), keep=True), Col(_("Map"), wide=True), Col(_("Action"), wide=True),
            Col(_("Owner")), Col(_("State"), keep=True)]  # fmt: skip
    out = []
    for ma in p.actions:
        a = ma.action
        due = Text(str(a.due) if a.due is not None else "–", "bold red" if ma.overdue else "")
        state = Text(rows.state_word(a.effective_state))
        if ma.overdue:
            state.append(" " + _("overdue"), "bold red")
        out.append(
            Row(
                None,
                [due, rows.plain(map_label(ma.map)), rows.plain(a.title, "bold"),
                 rows.owner(a.owner), state],
            )
        )  # fmt: skip
    return cols, out


def in_folder(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def map_label(entry: MapSummary) -> str:
    """A map in these tables: its file's name without `.toml`, short and unique in the folder
    (titles are long, and an as-is and a to-be map often share their first words)."""
    return entry.name.removesuffix(".toml")


def personas(p: Portfolio) -> tuple[list[Col], list[Row]]:
    cols = [
        Col(_("Persona"), wide=True),
        Col(_("Maps"), right=True),
        Col(_("Average per map"), wide=True),
    ]
    out = []
    for pa in p.personas:
        name = rows.plain(" / ".join(pa.names), "bold")
        name.append(f"  {clean_line(pa.id)}", "dim")
        # The figure first and the file's name for the map: a title is too long to leave
        # room for the next maps' figures.
        per_map = rows.joined(
            [
                Text.assemble(rows.mean(a.average), " ", rows.plain(map_label(a.map)))
                for a in pa.appearances
            ],
            sep="; ",
        )
        out.append(Row(None, [name, Text(str(len(pa.appearances))), per_map]))
    return cols, out


BUILDERS = {"moments": moments, "owners": owners, "actions": actions, "personas": personas}
EMPTY = {
    "moments": N_("No moments of truth in these maps."),
    "owners": N_("Nobody owns a touchpoint in these maps."),
    "actions": N_("No actions in these maps."),
    "personas": N_("No personas in these maps."),
}


class AcrossMapsScreen(bindings.TranslatedBindings, Screen[None]):
    DEFAULT_CSS = """
    AcrossMapsScreen TabbedContent { height: 1fr; }
    AcrossMapsScreen ContentSwitcher { height: 1fr; }
    AcrossMapsScreen TabPane { padding: 0; height: 1fr; }
    AcrossMapsScreen #across-status { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ACROSS)

    def __init__(self, folder: Path, maps: Sequence[Path]) -> None:
        super().__init__()
        self.folder = folder
        self.maps = list(maps)
        self.portfolio: Portfolio | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with TabbedContent(id="across"):
            for n, (view, label) in enumerate(VIEWS, start=1):
                with TabPane(f"{n} {translate(label)}", id=f"across-{view}"):
                    yield AnalysisTable(id=f"table-{view}")
        yield Static(_("Reading {n} maps…", n=len(self.maps)), id="across-status")
        yield Footer()

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="across")
    def _read(self) -> None:
        # Named by their path in the folder, as `cjm report DIR` names them.
        loaded = [load_map(path, in_folder(path, self.folder)) for path in self.maps]
        portfolio = across(summaries(loaded))
        self.app.call_from_thread(self._show, portfolio)

    def _show(self, p: Portfolio) -> None:
        self.portfolio = p
        for view in VIEW_IDS:
            cols, found = BUILDERS[view](p)
            self.query_one(f"#table-{view}", AnalysisTable).show(
                cols, found, translate(EMPTY[view])
            )
        status = _(
            "{maps} maps · {points} touchpoints · {open} open actions, {overdue} overdue",
            maps=len(p.maps),
            points=p.touchpoint_count,
            open=p.open_count,
            overdue=p.overdue_count,
        )
        worst = next((o for o in by_pain(p) if o.name and o.moments), None)
        if worst is not None and worst.name is not None:
            status += " · " + _(
                "the most painful moments: {owner} ({n} moments of truth, average {avg})",
                owner=clean_line(worst.name),
                n=len(worst.moments),
                avg=rows.mean(worst.average).plain,
            )
        self.query_one("#across-status", Static).update(Text(status))
        self.query_one(f"#table-{VIEW_IDS[0]}", AnalysisTable).focus()

    def action_view(self, index: int) -> None:
        if 0 <= index < len(VIEW_IDS):
            tabs = self.query_one(TabbedContent)
            tabs.active = f"across-{VIEW_IDS[index]}"
            self.query_one(f"#table-{VIEW_IDS[index]}", AnalysisTable).focus()

    def action_step(self, delta: int) -> None:
        active = self.query_one(TabbedContent).active.removeprefix("across-")
        index = VIEW_IDS.index(active) if active in VIEW_IDS else 0
        self.action_view((index + delta) % len(VIEW_IDS))

    def action_close(self) -> None:
        self.dismiss(None)
