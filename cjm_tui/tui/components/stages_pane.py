"""The Stages pane: "All stages" first, then the stages in journey order with their counts."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.entity_list import EntityList, Row


class StagesPane(EntityList):
    KIND = "stages"
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.list_bindings("stage"), bindings.MAP_DETAILS]

    def __init__(self) -> None:
        super().__init__("2 " + _("Stages"), id="stages")

    def show(self, m: Map, counts: dict[str, int], keep: int | None) -> None:
        rows: list[Row] = [(None, Text(_("All stages"), style="italic"), True)]
        for n, s in enumerate(m.stages, 1):
            rows.append(
                (
                    s.uid,
                    Text.assemble(
                        (f"{n} ", "dim"), clean_line(s.name), (f" ({counts.get(s.id, 0)})", "dim")
                    ),
                    True,
                )
            )
        self.set_rows(rows, keep)
