"""Every key of the editor, as Bindings with ids so a person can remap them (see keymap.py).

The defaults are the contract written in docs/keys.md: change them there first.

Descriptions and tooltips are English, marked with `N_`: these lists are made when the module
is imported, before the language is chosen. Every screen and widget with bindings calls
`localize_bindings(self)` in its `__init__`, which swaps its copy of the bindings for one in
the current language (Textual copies a class's bindings into each instance).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode

from cjm_tui.i18n import N_, translate

APP = [
    Binding(
        "ctrl+s",
        "save",
        N_("Save"),
        id="app.save",
        tooltip=N_("Save to the file (only the changed lines are written)"),
    ),
    Binding(
        "ctrl+z", "undo", N_("Undo"), id="app.undo", tooltip=N_("Undo the last change"), show=False
    ),
    Binding(
        "ctrl+y", "redo", N_("Redo"), id="app.redo", tooltip=N_("Redo what was undone"), show=False
    ),
    Binding(
        "question_mark",
        "help",
        N_("Help"),
        id="app.help",
        tooltip=N_("This screen"),
        key_display="?",
    ),
    Binding(
        "q",
        "quit",
        N_("Quit"),
        id="app.quit",
        tooltip=N_("Quit; with unsaved changes it asks: save, discard or cancel"),
    ),
    Binding("ctrl+q", "quit", N_("Quit"), id="app.quit_ctrl", show=False, priority=True),
]

MAIN = [
    Binding(
        "1",
        "focus_pane('personas')",
        N_("Personas"),
        id="main.focus_personas",
        tooltip=N_("Go to Personas"),
        show=False,
    ),
    Binding(
        "2",
        "focus_pane('stages')",
        N_("Stages"),
        id="main.focus_stages",
        tooltip=N_("Go to Stages"),
        show=False,
    ),
    Binding(
        "3", "focus_pane('touchpoints')", N_("Touchpoints"), id="main.focus_touchpoints", show=False
    ),
    Binding(
        "4",
        "focus_pane('side')",
        N_("Details"),
        id="main.focus_side",
        tooltip=N_("Go to the side pane (details, moments of truth, action plan)"),
        show=False,
    ),
    Binding(
        "5",
        "focus_pane('timeline')",
        N_("Timeline"),
        id="main.focus_timeline",
        tooltip=N_("Go to the emotion timeline"),
        show=False,
    ),
    Binding(
        "p",
        "present",
        N_("Present"),
        id="main.present",
        tooltip=N_("Presentation mode: one stage at a time, in large type, read-only"),
        show=False,
    ),
    Binding(
        "v",
        "analysis",
        N_("Analysis"),
        id="main.analysis",
        tooltip=N_(
            "Analysis views: moments of truth, lowest touchpoints and gaps, action plan, "
            "departments, channels, coverage (read-only)"
        ),
        show=False,
    ),
]

ANALYSIS = [
    *(
        Binding(
            str(n),
            f"view({n - 1})",
            N_("View"),
            id=f"analysis.view_{n}",
            tooltip=N_("Analysis: show view 1..6 (the numbers on the tabs)"),
            key_display="1-6",
            show=n == 1,
        )
        for n in range(1, 7)
    ),
    Binding(
        "right",
        "step(1)",
        N_("Next view"),
        id="analysis.next",
        tooltip=N_("Analysis: the next view"),
        key_display="←→",
        priority=True,
    ),
    Binding(
        "left",
        "step(-1)",
        N_("Previous view"),
        id="analysis.previous",
        tooltip=N_("Analysis: the previous view"),
        show=False,
        priority=True,
    ),
    Binding(
        "escape,v",
        "close",
        N_("Close"),
        id="analysis.close",
        tooltip=N_("Close the analysis and go back to the map"),
        key_display="esc",
    ),
    Binding(
        "q",
        "quit",
        N_("Quit"),
        id="analysis.quit",
        tooltip=N_("Close the analysis and quit; with unsaved changes it asks first"),
    ),
]

PRESENT = [
    Binding(
        "right,l,space,pagedown",
        "step(1)",
        N_("Next"),
        id="present.next",
        tooltip=N_("Presentation: the next stage (also l, space)"),
        key_display="→",
    ),
    Binding(
        "left,h,backspace,pageup",
        "step(-1)",
        N_("Previous"),
        id="present.previous",
        tooltip=N_("Presentation: the previous stage (also h, backspace)"),
        key_display="←",
    ),
    Binding(
        "home",
        "go(0)",
        N_("First"),
        id="present.first",
        tooltip=N_("Presentation: the first stage"),
        show=False,
    ),
    Binding(
        "end",
        "go(-1)",
        N_("Last"),
        id="present.last",
        tooltip=N_("Presentation: the last stage"),
        show=False,
    ),
    Binding(
        "escape,q,p",
        "leave",
        N_("Leave"),
        id="present.leave",
        tooltip=N_("Leave the presentation, back to the editor (also q, p)"),
        key_display="esc",
    ),
]

LIST = [
    Binding("j", "cursor_down", N_("Down"), id="list.down", show=False),
    Binding("k", "cursor_up", N_("Up"), id="list.up", show=False),
    Binding(
        "e",
        "edit",
        N_("Edit"),
        id="list.edit",
        tooltip=N_("Edit the selected item in a form (also enter)"),
    ),
    Binding(
        "d,delete",
        "delete",
        N_("Delete"),
        id="list.delete",
        tooltip=N_("Delete the selected item, after a confirmation"),
        key_display="d",
        show=False,
    ),
    Binding(
        "K",
        "move(-1)",
        N_("Move up"),
        id="list.move_up",
        tooltip=N_("Move the selected item up in journey order"),
        show=False,
        key_display="K",
    ),
    Binding(
        "J",
        "move(1)",
        N_("Move down"),
        id="list.move_down",
        tooltip=N_("Move the selected item down in journey order"),
        show=False,
        key_display="J",
    ),
]


ADD = {
    "persona": N_("Add persona"),
    "stage": N_("Add stage"),
    "touchpoint": N_("Add touchpoint"),
    "action": N_("Add action"),
}


def add_binding(what: str) -> Binding:
    """`a`, described with what the focused pane adds ("Add touchpoint")."""
    return Binding("a", "add", ADD.get(what, f"Add {what}"), id=f"{what}.add")


def list_bindings(what: str) -> list[BindingType]:
    """A list pane's keys, its add action first so the footer shows it first."""
    return [add_binding(what), *LIST]


TOUCHPOINT = [
    Binding(
        "plus,equals_sign",
        "emotion(1)",
        N_("Emotion"),
        id="touchpoint.emotion_up",
        tooltip=N_("Raise the emotion by one (also =); no emotion becomes +1"),
        key_display="+-",
    ),
    Binding(
        "minus",
        "emotion(-1)",
        N_("Emotion -"),
        id="touchpoint.emotion_down",
        tooltip=N_("Lower the emotion by one; no emotion becomes -1"),
        key_display="-",
        show=False,
    ),
    Binding(
        "m",
        "moment",
        N_("Moment"),
        id="touchpoint.moment",
        tooltip=N_("Mark or unmark a moment of truth"),
    ),
    Binding(
        "less_than_sign",
        "to_stage(-1)",
        N_("Previous stage"),
        id="touchpoint.stage_prev",
        tooltip=N_("Move to the end of the previous stage"),
        show=False,
        key_display="<",
    ),
    Binding(
        "greater_than_sign",
        "to_stage(1)",
        N_("Next stage"),
        id="touchpoint.stage_next",
        tooltip=N_("Move to the start of the next stage"),
        show=False,
        key_display=">",
    ),
]


def localized(binding: Binding) -> Binding:
    """`binding` with its description, tooltip and group name in the current language."""
    group = binding.group
    if group is not None and group.description:
        group = replace(group, description=translate(group.description))
    return replace(
        binding,
        description=translate(binding.description),
        tooltip=translate(binding.tooltip),
        group=group,
    )


def localized_list(items: Iterable[BindingType]) -> list[Binding]:
    """A list of bindings (as in `BINDINGS`) in the current language, for the help screen."""
    return [localized(b if isinstance(b, Binding) else Binding(*b)) for b in items]


def localize_bindings(node: DOMNode) -> None:
    """Give `node` (just built) its bindings in the current language.

    The keys, actions and ids stay as they are, so a user's keymap still applies.
    """
    node._bindings = BindingsMap.from_keys(
        {
            key: [localized(b) for b in found]
            for key, found in node._bindings.key_to_bindings.items()
        }
    )
