"""`?`: every key, what it does, and its binding id (for keymap.toml)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cjm_tui.tui import bindings
from cjm_tui.tui.components.touchpoints_pane import QUICK_ADD_HINT

EXTRA = [
    ("tab / shift+tab", "next / previous pane", ""),
    ("up down (k j)", "move the selection", ""),
    ("enter", "edit the selected item (on a moment of truth: go to it)", ""),
    ("ctrl+p", "command palette: every action by name", ""),
    ("z", "timeline: fit the whole journey / scroll", "timeline.fit"),
    ("left right", "timeline: scroll", ""),
]

NOTES = [
    "With “All personas” selected, + and - move the touchpoint's emotion (every persona's "
    "value when it has one per persona). With one persona selected they move that persona's "
    "value; a single value becomes one per persona, keeping the others'.",
    "A touchpoint with no emotion has no point on the curve (a gap, not neutral): + sets +1, "
    "- sets -1.",
    "Deleting a touchpoint deletes its actions; deleting a stage asks where its touchpoints go.",
    "In a form: tab moves between fields, enter goes to the next field and applies on the "
    "last one, ctrl+s applies, esc cancels. Lists take one item per line.",
    "Undo (ctrl+z) and redo (ctrl+y) cover every change; undoing back to the saved state "
    "clears the unsaved marker.",
    'Your own keys: ~/.config/cjm/keymap.toml (or $CJM_KEYMAP), [keys] binding-id = "keys".',
]


def keys_table() -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    table.add_column("key", no_wrap=True, max_width=16)
    table.add_column("does", ratio=3, min_width=24)
    table.add_column("id", style="dim", ratio=1, overflow="fold")
    groups = [
        ("Anywhere", bindings.APP + bindings.MAIN),
        ("In a list", bindings.LIST),
        ("Touchpoints", bindings.TOUCHPOINT),
    ]
    for title, group in groups:
        table.add_row(Text(title, style="bold underline"), "", "")
        if title == "In a list":
            table.add_row(
                "a",
                "Add to the focused pane (on Touchpoints: the quick-add line)",
                "persona.add stage.add touchpoint.add action.add",
            )
        for b in group:
            key = b.key_display or b.key.replace("question_mark", "?")
            table.add_row(key, b.tooltip or b.description, b.id or "")
    table.add_row(Text("More", style="bold underline"), "", "")
    for key, does, ident in EXTRA:
        table.add_row(key, does, ident)
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 98%; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (esc or ? closes)"
            yield Static(keys_table())
            yield Static(Text("\nQuick-add line (a on Touchpoints)", style="bold"))
            yield Static(
                Text(
                    QUICK_ADD_HINT + "\nExample: Security guard asks for ID "
                    "@office #arrive -1 !\nA backslash keeps @ # ^ ! + - as text."
                )
            )
            yield Static(Text("\nGood to know", style="bold"))
            for note in NOTES:
                yield Static(Text("• " + note))

    def action_close(self) -> None:
        self.dismiss(None)
