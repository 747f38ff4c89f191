"""Deleting a stage that has touchpoints: where do they go?"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cjm_tui.i18n import _, _n
from cjm_tui.model import Map, Stage
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.screens.choice import OneAnswer

DELETE_ALL = "\x00delete"
"""The answer for "delete the touchpoints too" (not a possible stage id)."""


class StageDeleteDialog(OneAnswer, bindings.TranslatedBindings, ModalScreen[str | None]):
    """Answers a stage id to move the touchpoints to, DELETE_ALL, or None (cancel)."""

    DEFAULT_CSS = """
    StageDeleteDialog { align: center middle; }
    StageDeleteDialog > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    StageDeleteDialog OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.STAGE_DELETE)

    def __init__(self, m: Map, stage: Stage) -> None:
        super().__init__()
        self.stage = stage
        self.count = sum(1 for t in m.touchpoints if t.stage == stage.id)
        self.others = [s for s in m.stages if s.uid != stage.uid]

    def compose(self) -> ComposeResult:
        name = clean_line(self.stage.name)
        with Vertical():
            yield Static(
                Text(
                    _n(
                        'Stage "{name}" has {n} touchpoint. Where should it go?',
                        'Stage "{name}" has {n} touchpoints. Where should they go?',
                        self.count,
                        name=name,
                    )
                )
            )
            options = [
                Option(
                    Text(
                        _n(
                            "Move it to {stage}",
                            "Move them to {stage}",
                            self.count,
                            stage=clean_line(s.name),
                        )
                    ),
                    id=f"move-{i}",
                )
                for i, s in enumerate(self.others)
            ]
            delete = _n("Delete it too", "Delete them too", self.count)
            options.append(Option(Text(delete, style="bold red"), id="delete"))
            yield OptionList(*options)
            yield Static(Text(_("enter chooses · esc cancels"), style="dim"))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "delete":
            self.dismiss(DELETE_ALL)
        else:
            self.dismiss(self.others[int(option_id.removeprefix("move-"))].id)

    def action_cancel(self) -> None:
        self.dismiss(None)
