"""Every key of the editor, as Bindings with ids so a person can remap them (see keymap.py).

The defaults are the contract in the project's docs (tui-contract): change them there first.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP = [
    Binding(
        "ctrl+s",
        "save",
        "Save",
        id="app.save",
        tooltip="Save to the file (only the changed lines are written)",
    ),
    Binding("ctrl+z", "undo", "Undo", id="app.undo", tooltip="Undo the last change", show=False),
    Binding("ctrl+y", "redo", "Redo", id="app.redo", tooltip="Redo what was undone", show=False),
    Binding("question_mark", "help", "Help", id="app.help", tooltip="This screen", key_display="?"),
    Binding(
        "q",
        "quit",
        "Quit",
        id="app.quit",
        tooltip="Quit; with unsaved changes it asks: save, discard or cancel",
    ),
    Binding("ctrl+q", "quit", "Quit", id="app.quit_ctrl", show=False, priority=True),
]

MAIN = [
    Binding(
        "1",
        "focus_pane('personas')",
        "Personas",
        id="main.focus_personas",
        tooltip="Go to Personas",
        show=False,
    ),
    Binding(
        "2",
        "focus_pane('stages')",
        "Stages",
        id="main.focus_stages",
        tooltip="Go to Stages",
        show=False,
    ),
    Binding(
        "3", "focus_pane('touchpoints')", "Touchpoints", id="main.focus_touchpoints", show=False
    ),
    Binding(
        "4",
        "focus_pane('side')",
        "Details",
        id="main.focus_side",
        tooltip="Go to the side pane (details, moments of truth, action plan)",
        show=False,
    ),
    Binding(
        "5",
        "focus_pane('timeline')",
        "Timeline",
        id="main.focus_timeline",
        tooltip="Go to the emotion timeline",
        show=False,
    ),
]

LIST = [
    Binding("j", "cursor_down", "Down", id="list.down", show=False),
    Binding("k", "cursor_up", "Up", id="list.up", show=False),
    Binding(
        "e", "edit", "Edit", id="list.edit", tooltip="Edit the selected item in a form (also enter)"
    ),
    Binding(
        "d,delete",
        "delete",
        "Delete",
        id="list.delete",
        tooltip="Delete the selected item, after a confirmation",
        key_display="d",
        show=False,
    ),
    Binding(
        "K",
        "move(-1)",
        "Move up",
        id="list.move_up",
        tooltip="Move the selected item up in journey order",
        show=False,
        key_display="K",
    ),
    Binding(
        "J",
        "move(1)",
        "Move down",
        id="list.move_down",
        tooltip="Move the selected item down in journey order",
        show=False,
        key_display="J",
    ),
]


def add_binding(what: str) -> Binding:
    """`a`, described with what the focused pane adds ("Add touchpoint")."""
    return Binding("a", "add", f"Add {what}", id=f"{what}.add")


def list_bindings(what: str) -> list[BindingType]:
    """A list pane's keys, its add action first so the footer shows it first."""
    return [add_binding(what), *LIST]


TOUCHPOINT = [
    Binding(
        "plus,equals_sign",
        "emotion(1)",
        "Emotion",
        id="touchpoint.emotion_up",
        tooltip="Raise the emotion by one (also =); no emotion becomes +1",
        key_display="+-",
    ),
    Binding(
        "minus",
        "emotion(-1)",
        "Emotion -",
        id="touchpoint.emotion_down",
        tooltip="Lower the emotion by one; no emotion becomes -1",
        key_display="-",
        show=False,
    ),
    Binding(
        "m", "moment", "Moment", id="touchpoint.moment", tooltip="Mark or unmark a moment of truth"
    ),
    Binding(
        "less_than_sign",
        "to_stage(-1)",
        "Previous stage",
        id="touchpoint.stage_prev",
        tooltip="Move to the end of the previous stage",
        show=False,
        key_display="<",
    ),
    Binding(
        "greater_than_sign",
        "to_stage(1)",
        "Next stage",
        id="touchpoint.stage_next",
        tooltip="Move to the start of the next stage",
        show=False,
        key_display=">",
    ),
]
