"""The command palette (ctrl+p): every action of the editor, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from cjm_tui.tui.app import CjmApp


def palette_actions(app: CjmApp) -> list[tuple[str, str, Callable[[], object]]]:
    """(name, help, callback) for everything a key can do, and a few things only this does."""
    main = app.main
    pane = main.query_one
    from cjm_tui.tui.components.actions_pane import ActionsPane
    from cjm_tui.tui.components.personas_pane import PersonasPane
    from cjm_tui.tui.components.stages_pane import StagesPane
    from cjm_tui.tui.components.timeline_view import TimelineView

    def run(kind: type, name: str, arg: int = 0) -> None:
        main.run_command(pane(kind), name, arg)

    tps = main.tp_list
    return [
        ("Save", "write the map to its file (ctrl+s)", app.action_save),
        ("Undo", "undo the last change (ctrl+z)", app.action_undo),
        ("Redo", "redo what was undone (ctrl+y)", app.action_redo),
        ("Help: keys", "every key and what it does (?)", app.action_help),
        ("Quit", "leave cjm, asking about unsaved changes (q)", app.action_quit),
        (
            "Add touchpoint",
            "open the quick-add line (a on Touchpoints)",
            partial(main.add, "touchpoints"),
        ),
        ("Add stage", "a new stage after the selected one", partial(main.add, "stages")),
        ("Add persona", "a new persona", partial(main.add, "personas")),
        ("Add action", "a new action for the selected touchpoint", partial(main.add, "actions")),
        (
            "Edit touchpoint",
            "the selected touchpoint's form (enter)",
            partial(main.run_command, tps, "edit", 0),
        ),
        (
            "Delete touchpoint",
            "after a confirmation (d)",
            partial(main.run_command, tps, "delete", 0),
        ),
        (
            "Emotion up",
            "raise the selected touchpoint's emotion (+)",
            partial(main.run_command, tps, "emotion", 1),
        ),
        (
            "Emotion down",
            "lower the selected touchpoint's emotion (-)",
            partial(main.run_command, tps, "emotion", -1),
        ),
        (
            "Toggle moment of truth",
            "mark or unmark the selected touchpoint (m)",
            partial(main.run_command, tps, "moment", 0),
        ),
        (
            "Move touchpoint to previous stage",
            "(<)",
            partial(main.run_command, tps, "to_stage", -1),
        ),
        ("Move touchpoint to next stage", "(>)", partial(main.run_command, tps, "to_stage", 1)),
        (
            "Move up",
            "the selected item, in journey order (K)",
            partial(main.run_command, tps, "move", -1),
        ),
        (
            "Move down",
            "the selected item, in journey order (J)",
            partial(main.run_command, tps, "move", 1),
        ),
        ("Edit stage", "the selected stage's form", partial(run, StagesPane, "edit")),
        ("Delete stage", "asks where its touchpoints go", partial(run, StagesPane, "delete")),
        ("Edit persona", "the selected persona's form", partial(run, PersonasPane, "edit")),
        ("Delete persona", "after a confirmation", partial(run, PersonasPane, "delete")),
        ("Edit action", "the selected action's form", partial(run, ActionsPane, "edit")),
        ("Edit map details", "title, kind, description, owner, updated", main.edit_map_info),
        ("Focus personas", "(1)", partial(main.action_focus_pane, "personas")),
        ("Focus stages", "(2)", partial(main.action_focus_pane, "stages")),
        ("Focus touchpoints", "(3)", partial(main.action_focus_pane, "touchpoints")),
        ("Show details", "the selected item's keys (4)", partial(main.show_side, "details")),
        ("Show moments of truth", "in journey order", partial(main.show_side, "moments")),
        (
            "Show action plan",
            "actions, quick wins first marked ★",
            partial(main.show_side, "actions"),
        ),
        (
            "Fit timeline",
            "the whole journey in the width, or scroll (z on the timeline)",
            lambda: pane(TimelineView).action_toggle_fit(),
        ),
    ]


class CjmCommands(Provider):
    """Every editor action, found by fuzzy name."""

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        from cjm_tui.tui.app import CjmApp

        app = self.app
        return palette_actions(app) if isinstance(app, CjmApp) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
