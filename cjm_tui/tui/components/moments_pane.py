"""The moments of truth in journey order; enter jumps to the touchpoint."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.entity_list import EntityList, Row
from cjm_tui.tui.components.touchpoints_pane import emotion_cell
from cjm_tui.views import colours


class MomentsPane(EntityList):
    """Read-only list: editing happens on the touchpoint (enter takes you there)."""

    KIND = "moments"
    BINDINGS: ClassVar[list[BindingType]] = [
        b for b in bindings.LIST if b.action in ("cursor_down", "cursor_up", "edit", "delete")
    ]

    def __init__(self) -> None:
        super().__init__(_("Moments of truth"), id="moments")

    def show(self, m: Map, persona: str | None, keep: int | None) -> None:
        rows: list[Row] = []
        for tp in m.moments_of_truth():
            if persona is not None and not tp.meets(persona):
                continue
            line = Text.assemble(
                ("◆", colours.MOT_STYLE),
                emotion_cell(tp, persona),
                " ",
                clean_line(tp.name),
                (f"  {clean_line(m.stage_name(tp.stage))}", "dim"),
            )
            rows.append((tp.uid, line, True))
        if not rows:
            empty = _("No moments of truth yet: m marks one")
            rows.append((None, Text(empty, "dim italic"), False))
        self.set_rows(rows, keep)
