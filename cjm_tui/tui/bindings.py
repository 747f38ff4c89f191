"""Every default key of the editor, in one place: the app's, its screens' and its widgets'.

Each is a `Binding` with an `id`, the name a person remaps it by (`[keys]` in config.toml, see
`tui/keymap.py` and docs/keys.md); the defaults are the contract written in docs/keys.md:
change them there first. They are grouped by where they apply; screens and widgets take their
`BINDINGS` from these lists and declare none of their own (tests/test_keymap.py checks).

Descriptions, tooltips and group names are English, marked with `N_`: these lists are made at
import time, before the language is chosen. `TranslatedBindings`, the base every class with
bindings shares, gives each new instance its bindings in the current language. A person's own
keys are not baked in here: the app hands them to Textual once (`App.set_keymap`), and Textual
applies them by id wherever it reads a node's bindings (`Screen._binding_chain`), so they reach
these translated copies, and screens opened later, alike.

This module imports no screen or widget of the editor: they import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from textual.binding import Binding, BindingsMap, BindingType

from cjm_tui.i18n import N_, current, translate

# The app: everywhere ---------------------------------------------------------------------------

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

# The main screen -------------------------------------------------------------------------------

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
    Binding(
        "slash",
        "find",
        N_("Find"),
        id="main.find",
        tooltip=N_("Find a touchpoint in any stage by part of its name, channel or owner"),
        key_display="/",
        show=False,  # the footer at 80 columns is full; the help and the palette show it
    ),
    Binding(
        "g",
        "grid",
        N_("Grid"),
        id="main.grid",
        tooltip=N_("The journey grid: every lane of every touchpoint, edited in place"),
        show=False,
    ),
]

MAP_DETAILS = Binding(
    "i",
    "map_details",
    N_("Map details"),
    id="map.details",
    tooltip=N_("Edit the map's title, description, owner and kind"),
)
"""`i` on the Personas and Stages panes: the map's own details (its title...)."""

# The list panes (Personas, Stages, Touchpoints, Actions; Moments takes some) --------------------

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
    "persona": Binding("a", "add", N_("Add persona"), id="persona.add"),
    "stage": Binding("a", "add", N_("Add stage"), id="stage.add"),
    "touchpoint": Binding("a", "add", N_("Add touchpoint"), id="touchpoint.add"),
    "action": Binding("a", "add", N_("Add action"), id="action.add"),
}
"""`a` in each list pane, described with what the pane adds ("Add touchpoint")."""


def list_bindings(what: str) -> list[BindingType]:
    """A list pane's keys (`what`: a key of `ADD`), its add key first so the footer shows it
    first."""
    return [ADD[what], *LIST]


# The touchpoints list, and the quick-add line under it -------------------------------------------

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
    Binding(
        "c",
        "duplicate",
        N_("Duplicate"),
        id="touchpoint.duplicate",
        tooltip=N_("Duplicate the touchpoint: a copy right after it, with a new id"),
        show=False,
    ),
    Binding(
        "A",
        "add_action",
        N_("Add action"),
        id="touchpoint.add_action",
        tooltip=N_("Add an action to improve this touchpoint"),
        key_display="A",
        show=False,
    ),
    Binding(
        "escape",
        "clear_filter",
        N_("Clear filter"),
        id="touchpoint.clear_filter",
        tooltip=N_("Clear the channel or owner filter of the Touchpoints pane"),
        show=False,
    ),
]

QUICK_ADD = [
    Binding("escape", "close", N_("Close"), id="quickadd.close"),
]

# The emotion timeline ----------------------------------------------------------------------------

TIMELINE_SCROLL = Binding.Group(N_("Scroll"), compact=True)
"""left and right share one footer entry ("←→ Scroll")."""

TIMELINE = [
    Binding("z", "toggle_fit", N_("Fit/scroll"), id="timeline.fit"),
    Binding(
        "left",
        "scroll_columns(-1)",
        N_("Scroll"),
        id="timeline.left",
        key_display="←",
        group=TIMELINE_SCROLL,
    ),
    Binding(
        "right",
        "scroll_columns(1)",
        N_("Scroll"),
        id="timeline.right",
        key_display="→",
        group=TIMELINE_SCROLL,
    ),
    Binding("home", "scroll_start", N_("Start"), id="timeline.start", show=False),
    Binding("end", "scroll_end", N_("End"), id="timeline.end", show=False),
]

# The journey grid (g): the grid itself, the screen around it, and a cell being edited -------------


GRID = [
    Binding("up", "move(0, -1)", N_("Move"), id="grid.up", show=False),
    Binding("down", "move(0, 1)", N_("Move"), id="grid.down", show=False),
    Binding("left", "move(-1, 0)", N_("Move"), id="grid.left", show=False),
    Binding("right", "move(1, 0)", N_("Move"), id="grid.right", show=False),
    Binding("home", "go_column(0)", N_("First"), id="grid.first", show=False),
    Binding("end", "go_column(-1)", N_("Last"), id="grid.last", show=False),
    Binding(
        "enter,e",
        "edit",
        N_("Edit"),
        id="grid.edit",
        tooltip=N_("Edit the cell in place (or just type); on a moment of truth, toggle it"),
        key_display="e",
    ),
    Binding(
        "plus,equals_sign",
        "emotion(1)",
        N_("Emotion"),
        id="grid.emotion_up",
        tooltip=N_("On an emotion cell: raise it by one (also =)"),
        key_display="+-",
    ),
    Binding(
        "minus",
        "emotion(-1)",
        N_("Emotion -"),
        id="grid.emotion_down",
        tooltip=N_("On an emotion cell: lower it by one"),
        show=False,
    ),
    Binding(
        "m,space",
        "moment",
        N_("Moment"),
        id="grid.moment",
        tooltip=N_("On the moment-of-truth cell: mark or unmark it (also space)"),
        key_display="m",
    ),
]

GRID_SCREEN = [
    Binding(
        "escape,g",
        "leave",
        N_("Back"),
        id="grid.leave",
        tooltip=N_("Back to the map, on the grid's touchpoint (also g, off the lanes of text)"),
        key_display="esc",
    ),
]

GRID_CELL = [
    Binding(
        "enter",
        "apply(0, 1)",
        N_("Apply, down"),
        id="grid.apply_down",
        tooltip=N_("Apply the cell and go down one lane"),
    ),
    Binding(
        "tab",
        "apply(1, 0)",
        N_("Apply, right"),
        id="grid.apply_right",
        tooltip=N_("Apply the cell and go to the next touchpoint in the lane"),
    ),
    Binding(
        "shift+tab",
        "apply(-1, 0)",
        N_("Apply, left"),
        id="grid.apply_left",
        tooltip=N_("Apply the cell and go to the previous touchpoint in the lane"),
        show=False,
    ),
    Binding(
        "escape",
        "cancel",
        N_("Cancel"),
        id="grid.cancel_cell",
        tooltip=N_("Leave the cell as it was"),
    ),
]

# The edit form and the dialogs -------------------------------------------------------------------

FORM = [
    Binding("ctrl+s", "apply", N_("Apply"), id="form.apply", priority=True),
    Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    # Priority, so the form decides first: enter always moves on (the next field, or apply on
    # the last), also from a list field (its items are one line, split on ;) and a checkbox
    # (space ticks); a closed dropdown opens instead and never applies; an open one takes
    # the key itself (the action skips) to choose.
    Binding("enter", "enter", N_("Next field"), id="form.enter", show=False, priority=True),
]

CHOICE = [
    Binding("escape", "cancel", N_("Cancel"), id="choice.cancel"),
]
"""A question with answers on keys (quit guard, changed on disk, recovery): the answers' keys
are the dialog's own (`ChoiceDialog.choices`), not bindings."""

CONFIRM = [
    Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
    Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
]

STAGE_DELETE = [
    Binding("escape", "cancel", N_("Cancel"), id="stage_delete.cancel"),
]

FIND = [
    Binding(
        "enter", "go", N_("Go to touchpoint"), id="find.go", priority=True, key_display="enter"
    ),
    Binding("down", "step(1)", N_("Next match"), id="find.down", show=False),
    Binding("up", "step(-1)", N_("Previous match"), id="find.up", show=False),
    Binding("escape", "close", N_("Close"), id="find.close"),
]

HELP = [
    Binding("escape,question_mark,q", "close", N_("Close"), id="help.close"),
]

# A folder of maps (`cjm edit DIR`) ---------------------------------------------------------------

FOLDER = [
    Binding(
        "enter", "open", N_("Open"), id="folder.open", tooltip=N_("Open the map in the editor")
    ),
    Binding("n", "new_map", N_("New map"), id="folder.new", tooltip=N_("Start a new map here")),
    Binding(
        "v",
        "views",
        N_("Across maps"),
        id="folder.views",
        tooltip=N_("Moments of truth, owners, actions and personas across the maps"),
    ),
    Binding("r", "rescan", N_("Rescan"), id="folder.rescan", tooltip=N_("Read the folder again")),
    Binding("q", "app.quit", N_("Quit"), id="folder.quit"),
]

ACROSS = [
    *(
        Binding(
            str(n),
            f"view({n - 1})",
            N_("View"),
            id=f"across.view_{n}",
            tooltip=N_("Across maps: show view 1..4 (the numbers on the tabs)"),
            key_display="1-4",
            show=n == 1,
        )
        for n in range(1, 5)
    ),
    Binding("right", "step(1)", N_("Next view"), id="across.next", show=False),
    Binding("left", "step(-1)", N_("Previous view"), id="across.previous", show=False),
    Binding("escape,v,q", "close", N_("Back"), id="across.close"),
]

NEW_MAP = [
    Binding("escape", "cancel", N_("Cancel"), id="new_map.cancel"),
]

# The analysis screen (v) and its tables ----------------------------------------------------------

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

ANALYSIS_TABLE = [
    Binding("enter", "select_cursor", N_("Go to touchpoint"), id="analysis.go"),
]

# Presentation mode (p) ---------------------------------------------------------------------------

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


# The registry as a whole -------------------------------------------------------------------------

GROUPS: dict[str, Sequence[Binding]] = {
    "app": APP,
    "main": MAIN,
    "list": [*LIST, *ADD.values(), MAP_DETAILS],
    "touchpoint": TOUCHPOINT,
    "quickadd": QUICK_ADD,
    "timeline": TIMELINE,
    "grid": [*GRID, *GRID_SCREEN, *GRID_CELL],
    "form": FORM,
    "choice": CHOICE,
    "confirm": CONFIRM,
    "stage_delete": STAGE_DELETE,
    "find": FIND,
    "help": HELP,
    "analysis": [*ANALYSIS, *ANALYSIS_TABLE],
    "present": PRESENT,
    "folder": [*FOLDER, *NEW_MAP, *ACROSS],
}
"""Every default binding, by where it applies."""

ALL: tuple[Binding, ...] = tuple(b for group in GROUPS.values() for b in group)
IDS: frozenset[str] = frozenset(b.id for b in ALL if b.id)
"""The ids a person may remap (`[keys]` in config.toml)."""


# Shown in the current language -------------------------------------------------------------------


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


class _PerLanguage(BindingsMap):
    """A class's merged bindings (English, as declared) that copy themselves translated.

    Textual merges a class's `BINDINGS` with its bases' once, into `_merged_bindings`, and
    gives each new instance `_merged_bindings.copy()` (`DOMNode.__init__`): that copy is where
    the current language comes in, translated once per class and language.
    """

    def __init__(self, english: BindingsMap) -> None:
        super().__init__()
        self.key_to_bindings = english.key_to_bindings
        self._translated: dict[str, dict[str, list[Binding]]] = {}

    def copy(self) -> BindingsMap:
        lang = current()
        keys = self._translated.get(lang)
        if keys is None:
            keys = {k: [localized(b) for b in found] for k, found in self.key_to_bindings.items()}
            self._translated[lang] = keys
        # New lists, as the instance may add to its own (the app adds the palette's key).
        return BindingsMap.from_keys({key: list(found) for key, found in keys.items()})


class TranslatedBindings:
    """The base every app, screen and widget class of the editor with bindings shares (put it
    first among the bases): each instance gets its bindings in the language current when it is
    built. Not a DOMNode itself, so CSS type names still come from the widget's own bases."""

    _merged_bindings: ClassVar[BindingsMap | None]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)  # DOMNode merges the class's bindings here
        if cls._merged_bindings is not None:
            cls._merged_bindings = _PerLanguage(cls._merged_bindings)
