"""`?`: every key, what it does, and its binding id (for `[keys]` in config.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cjm_tui.i18n import _, translate
from cjm_tui.tui import bindings
from cjm_tui.tui.components.touchpoints_pane import QUICK_ADD_HINT


def extra() -> list[tuple[str, str, str]]:
    """Keys that are not bindings of ours: (key, what it does, binding id)."""
    return [
        ("tab / shift+tab", _("next / previous pane"), ""),
        ("up down (k j)", _("move the selection"), ""),
        ("enter", _("edit the selected item (on a moment of truth: go to it)"), ""),
        ("ctrl+p", _("command palette: every action by name"), ""),
        ("z", _("timeline: fit the whole journey / scroll"), "timeline.fit"),
        ("left right", _("timeline: scroll"), ""),
    ]


def notes() -> list[str]:
    return [
        _(
            "With “All personas” selected, + and - move the touchpoint's emotion (every "
            "persona's value when it has one per persona). With one persona selected they move "
            "that persona's value; a single value becomes one per persona, keeping the others'."
        ),
        _(
            "A touchpoint with no emotion has no point on the curve (a gap, not neutral): "
            "+ sets +1, - sets -1."
        ),
        _(
            "Deleting a touchpoint deletes its actions; deleting a stage asks where its "
            "touchpoints go."
        ),
        _(
            "In a form: tab moves between fields, enter goes to the next field and applies on "
            "the last one, ctrl+s applies, esc cancels. Lists take one item per line."
        ),
        _(
            "Undo (ctrl+z) and redo (ctrl+y) cover every change; undoing back to the saved "
            "state clears the unsaved marker."
        ),
        _('Your own keys: [keys] binding-id = "keys" in your config.toml (or $CJM_CONFIG).'),
        _("The interface language: cjm edit --lang en|pl|ru, or CJM_LANG, else the locale."),
        _(
            "Colours: ctrl+p → Change theme, or cjm edit --theme dark|light|high-contrast|ansi; "
            "the choice is remembered in your config.toml (or $CJM_CONFIG)."
        ),
    ]


def keys_table(remapped: Mapping[str, str] | None = None) -> Table:
    """Every key; a binding the person remapped (`remapped`: id -> keys) shows their keys."""
    remapped = remapped or {}
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    table.add_column(_("key"), no_wrap=True, max_width=16)
    table.add_column(_("does"), ratio=3, min_width=24)
    groups = [
        (_("Anywhere"), bindings.APP + bindings.MAIN, False),
        (_("In a list"), [*bindings.LIST, bindings.MAP_DETAILS], True),
        (_("Touchpoints"), bindings.TOUCHPOINT, False),
        (_("Find (/)"), bindings.FIND, False),
        (_("Presentation"), bindings.PRESENT, False),
        (_("Analysis (v)"), bindings.ANALYSIS, False),
    ]
    # An id is typed into config.toml: as wide as the longest, never folded in the middle.
    longest = max(len(b.id or "") for _t, group, _l in groups for b in group)
    table.add_column(_("id"), style="dim", width=longest, overflow="fold")
    for title, group, in_a_list in groups:
        table.add_row(Text(title, style="bold underline"), "", "")
        if in_a_list:
            table.add_row(
                "a",
                _("Add to the focused pane (on Touchpoints: the quick-add line)"),
                "persona.add stage.add touchpoint.add action.add",
            )
        for b in bindings.localized_list(group):
            if b.id is not None and b.id in remapped:
                key = remapped[b.id].replace(",", " ")
            else:
                key = b.key_display or b.key.replace("question_mark", "?")
            table.add_row(key, b.tooltip or b.description, b.id or "")
    table.add_row(Text(_("More"), style="bold underline"), "", "")
    for key, does, ident in extra():
        table.add_row(key, does, ident)
    return table


class HelpScreen(bindings.TranslatedBindings, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 98%; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.HELP)

    def __init__(self, remapped: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.remapped = dict(remapped or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Keys (esc or ? closes)")
            yield Static(keys_table(self.remapped))
            yield Static(Text("\n" + _("Quick-add line (a on Touchpoints)"), style="bold"))
            yield Static(
                Text(
                    translate(QUICK_ADD_HINT)
                    + "\n"
                    + _("Example: Security guard asks for ID @office #arrive -1 !")
                    + "\n"
                    + _(
                        "A bare 0 is a neutral emotion, like +0 and -0. A backslash keeps "
                        "@ # ^ ! + - 0 as text. The line below it shows how it will be read. "
                        "enter adds and keeps the line open, escape closes it."
                    )
                )
            )
            yield Static(Text("\n" + _("Good to know"), style="bold"))
            for note in notes():
                yield Static(Text("• " + note))

    def action_close(self) -> None:
        self.dismiss(None)
