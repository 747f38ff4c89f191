"""The action plan: quick wins marked, each with its owner, state and touchpoint."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.entity_list import EntityList, Row

STATE_MARK = {"todo": "☐", "doing": "◐", "done": "☑"}


class ActionsPane(EntityList):
    KIND = "actions"
    BINDINGS: ClassVar[list[BindingType]] = bindings.list_bindings("action")

    def __init__(self) -> None:
        super().__init__(_("Action plan"), id="actions")

    def show(self, m: Map, keep: int | None) -> None:
        rows: list[Row] = []
        for a in m.actions:
            line = Text.assemble(
                (STATE_MARK.get(a.effective_state, "☐"), "dim"),
                " ",
                ("★ ", "bold yellow") if a.is_quick_win else "  ",
                clean_line(a.title),
            )
            if a.owner:
                line.append(f"  {clean_line(a.owner)}", style="dim")
            rows.append((a.uid, line, True))
        if not rows:
            empty = _("No actions yet: press a to add one")
            rows.append((None, Text(empty, "dim italic"), False))
        self.set_rows(rows, keep)
