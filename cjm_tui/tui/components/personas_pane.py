"""The Personas pane: "All personas" first, then each persona; choosing one filters the map."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.model.library import is_library_persona
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.entity_list import EntityList, Row
from cjm_tui.views import colours

LIBRARY_MARK = "⧉"
"""Beside a persona of the map's persona library (shared with other maps)."""


class PersonasPane(EntityList):
    KIND = "personas"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings.list_bindings("persona"),
        bindings.MAP_DETAILS,
    ]

    def __init__(self) -> None:
        super().__init__("1 " + _("Personas"), id="personas")

    def show(self, m: Map, keep: int | None) -> None:
        rows: list[Row] = [(None, Text(_("All personas"), style="italic"), True)]
        for i, p in enumerate(m.personas):
            symbol, colour = colours.persona_style(i)
            label = Text.assemble((symbol, colour), " ", clean_line(p.name))
            if is_library_persona(m, p):
                label.append(" " + LIBRARY_MARK, style="dim")
            rows.append((p.uid, label, True))
        self.set_rows(rows, keep)
