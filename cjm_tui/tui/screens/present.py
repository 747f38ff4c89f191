"""`p`: presentation mode. The map one stage at a time, full screen, in large type, read-only.

For a workshop's projector: `→`/`←` (also `l`/`h`, space/backspace) walk the stages, `esc`
(also `q`, `p`) goes back to the editor on the stage last shown. Nothing here can change the
map: the screen has no editing keys, the app refuses save, undo and redo while it is up
(`LOOK_ONLY`), and its command palette offers only what this screen does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.tui import bindings
from cjm_tui.tui.components.presentation_view import PresentationView


class PresentScreen(bindings.TranslatedBindings, Screen[str | None]):
    """Dismissed with the id of the stage on screen, for the editor to select it."""

    DEFAULT_CSS = """
    PresentScreen {
        layout: vertical;
        background: $background;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.PRESENT)
    LOOK_ONLY: ClassVar[bool] = True
    """Nothing may change the map while this screen is open (see `CjmApp.check_action`)."""

    def __init__(self, m: Map, stage: int = 0) -> None:
        super().__init__()
        self.map = m
        self._stage = stage

    def compose(self) -> ComposeResult:
        yield PresentationView(self.map, self._stage, id="slide")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def view(self) -> PresentationView:
        return self.query_one(PresentationView)

    def action_step(self, delta: int) -> None:
        self.view.step(delta)

    def action_go(self, index: int) -> None:
        self.view.go(index)

    def action_leave(self) -> None:
        self.dismiss(self.view.stage_id)

    def palette_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette's entries while presenting: moving and leaving, no edits."""
        return [
            (_("Next stage"), _("in the presentation (→)"), lambda: self.action_step(1)),
            (_("Previous stage"), _("in the presentation (←)"), lambda: self.action_step(-1)),
            (_("First stage"), _("in the presentation (home)"), lambda: self.action_go(0)),
            (_("Last stage"), _("in the presentation (end)"), lambda: self.action_go(-1)),
            (_("Leave presentation"), _("back to the editor (esc)"), self.action_leave),
        ]
