"""Small dialogs: a question and its answers, each on one key (no mouse needed).

`ConfirmDialog` answers a bool (y / n, escape = no); `ChoiceDialog` answers the value of
the chosen key (the quit guard: save / discard / cancel; a file changed on disk: reload /
overwrite / cancel).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cjm_tui.i18n import _
from cjm_tui.sanitize import clean
from cjm_tui.tui import bindings

DIALOG_CSS = """
ChoiceDialog, ConfirmDialog { align: center middle; }
ChoiceDialog > Vertical, ConfirmDialog > Vertical {
    width: 64; max-width: 95%; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
ChoiceDialog .question, ConfirmDialog .question { width: 1fr; margin-bottom: 1; }
ChoiceDialog Horizontal, ConfirmDialog Horizontal { height: auto; align-horizontal: center; }
ChoiceDialog Button, ConfirmDialog Button { margin: 0 1; min-width: 12; }
"""


class OneAnswer:
    """A dialog answers once. Keys typed in one burst (a lagging SSH connection, a fast typist)
    can reach it after its answer and before it is gone: a second `dismiss` would call the
    answer's callback again and pop the screen under it (Textual raises there)."""

    _answered = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._answered:
            return AwaitComplete(asyncio.sleep(0))
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc, no-any-return]


class ChoiceDialog(OneAnswer, bindings.TranslatedBindings, ModalScreen[str]):
    """A question with answers `(key, label, value)`; escape answers `cancel_value`."""

    DEFAULT_CSS = DIALOG_CSS

    def __init__(
        self,
        question: str | Text,
        choices: list[tuple[str, str, str]],
        cancel_value: str = "cancel",
    ) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(clean(question))
        self.choices = choices
        self.cancel_value = cancel_value

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.CHOICE)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            with Horizontal():
                for key, label, value in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{value}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        self.dismiss(button_id.removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        for key, _label, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value)


class ConfirmDialog(OneAnswer, bindings.TranslatedBindings, ModalScreen[bool]):
    """Yes or no: `y` confirms, `n` or escape cancels."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.CONFIRM)

    def __init__(self, question: str | Text) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(clean(question))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            with Horizontal():
                yield Button(_("Yes (y)"), id="yes", variant="error")
                yield Button(_("No (n)"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def quit_guard() -> ChoiceDialog:
    return ChoiceDialog(
        _("There are unsaved changes. Save them before quitting?"),
        [("s", _("Save"), "save"), ("d", _("Discard"), "discard"), ("c", _("Cancel"), "cancel")],
    )


def changed_on_disk(path: str) -> ChoiceDialog:
    return ChoiceDialog(
        _(
            "{path} was changed by someone else since it was opened. Reload it (your unsaved "
            "changes stay one undo away), overwrite it with your version, or cancel?",
            path=path,
        ),
        [
            ("r", _("Reload"), "reload"),
            ("o", _("Overwrite"), "overwrite"),
            ("c", _("Cancel"), "cancel"),
        ],
    )
