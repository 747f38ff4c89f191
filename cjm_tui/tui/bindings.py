"""Every key of the editor, as Bindings with ids so a person can remap them (see keymap.py).

The defaults are the contract in the project's docs (tui-contract): change them there first.
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("ctrl+s", "save", "Save", id="app.save", priority=True),
    Binding("ctrl+z", "undo", "Undo", id="app.undo", show=False),
    Binding("ctrl+y", "redo", "Redo", id="app.redo", show=False),
    Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("ctrl+q", "quit", "Quit", id="app.quit_ctrl", show=False, priority=True),
]

MAIN = [
    Binding("1", "focus_pane('personas')", "Personas", id="main.focus_personas", show=False),
    Binding("2", "focus_pane('stages')", "Stages", id="main.focus_stages", show=False),
    Binding("3", "focus_pane('touchpoints')", "Touchpoints", id="main.focus_touchpoints",
            show=False),
    Binding("4", "focus_pane('side')", "Details", id="main.focus_side", show=False),
    Binding("5", "focus_pane('timeline')", "Timeline", id="main.focus_timeline", show=False),
]

LIST = [
    Binding("j", "cursor_down", "Down", id="list.down", show=False),
    Binding("k", "cursor_up", "Up", id="list.up", show=False),
    Binding("e", "edit", "Edit", id="list.edit"),
    Binding("d,delete", "delete", "Delete", id="list.delete", key_display="d", show=False),
    Binding("K", "move(-1)", "Move up", id="list.move_up", show=False, key_display="K"),
    Binding("J", "move(1)", "Move down", id="list.move_down", show=False, key_display="J"),
]


def add_binding(what: str) -> Binding:
    """`a`, described with what the focused pane adds ("Add touchpoint")."""
    return Binding("a", "add", f"Add {what}", id=f"{what}.add")


def list_bindings(what: str) -> list[Binding]:
    """A list pane's keys, its add action first so the footer shows it first."""
    return [add_binding(what), *LIST]


TOUCHPOINT = [
    Binding("plus,equals_sign", "emotion(1)", "Emotion", id="touchpoint.emotion_up",
            key_display="+-"),
    Binding("minus", "emotion(-1)", "Emotion -", id="touchpoint.emotion_down",
            key_display="-", show=False),
    Binding("m", "moment", "Moment", id="touchpoint.moment"),
    Binding("less_than_sign", "to_stage(-1)", "Previous stage", id="touchpoint.stage_prev",
            show=False, key_display="<"),
    Binding("greater_than_sign", "to_stage(1)", "Next stage", id="touchpoint.stage_next",
            show=False, key_display=">"),
]
