"""The command palette (ctrl+p): every action of the editor, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cjm_tui.i18n import _

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
        (_("Save"), _("write the map to its file (ctrl+s)"), app.action_save),
        (_("Undo"), _("undo the last change (ctrl+z)"), app.action_undo),
        (_("Redo"), _("redo what was undone (ctrl+y)"), app.action_redo),
        (_("Help: keys"), _("every key and what it does (?)"), app.action_help),
        (
            _("Presentation mode"),
            _("one stage at a time, in large type, read-only (p)"),
            main.action_present,
        ),
        (_("Quit"), _("leave cjm, asking about unsaved changes (q)"), app.action_quit),
        (
            _("Add touchpoint"),
            _("open the quick-add line (a on Touchpoints)"),
            partial(main.add, "touchpoints"),
        ),
        (_("Add stage"), _("a new stage after the selected one"), partial(main.add, "stages")),
        (_("Add persona"), _("a new persona"), partial(main.add, "personas")),
        (
            _("Add action"),
            _("a new action for the selected touchpoint"),
            partial(main.add, "actions"),
        ),
        (
            _("Edit touchpoint"),
            _("the selected touchpoint's form (enter)"),
            partial(main.run_command, tps, "edit", 0),
        ),
        (
            _("Delete touchpoint"),
            _("after a confirmation (d)"),
            partial(main.run_command, tps, "delete", 0),
        ),
        (
            _("Emotion up"),
            _("raise the selected touchpoint's emotion (+)"),
            partial(main.run_command, tps, "emotion", 1),
        ),
        (
            _("Emotion down"),
            _("lower the selected touchpoint's emotion (-)"),
            partial(main.run_command, tps, "emotion", -1),
        ),
        (
            _("Toggle moment of truth"),
            _("mark or unmark the selected touchpoint (m)"),
            partial(main.run_command, tps, "moment", 0),
        ),
        (
            _("Move touchpoint to previous stage"),
            "(<)",
            partial(main.run_command, tps, "to_stage", -1),
        ),
        (_("Move touchpoint to next stage"), "(>)", partial(main.run_command, tps, "to_stage", 1)),
        (
            _("Move up"),
            _("the selected item, in journey order (K)"),
            partial(main.run_command, tps, "move", -1),
        ),
        (
            _("Move down"),
            _("the selected item, in journey order (J)"),
            partial(main.run_command, tps, "move", 1),
        ),
        (_("Edit stage"), _("the selected stage's form"), partial(run, StagesPane, "edit")),
        (_("Delete stage"), _("asks where its touchpoints go"), partial(run, StagesPane, "delete")),
        (_("Edit persona"), _("the selected persona's form"), partial(run, PersonasPane, "edit")),
        (_("Delete persona"), _("after a confirmation"), partial(run, PersonasPane, "delete")),
        (_("Edit action"), _("the selected action's form"), partial(run, ActionsPane, "edit")),
        (_("Edit map details"), _("title, kind, description, owner, updated"), main.edit_map_info),
        (_("Focus personas"), "(1)", partial(main.action_focus_pane, "personas")),
        (_("Focus stages"), "(2)", partial(main.action_focus_pane, "stages")),
        (_("Focus touchpoints"), "(3)", partial(main.action_focus_pane, "touchpoints")),
        (_("Show details"), _("the selected item's keys (4)"), partial(main.show_side, "details")),
        (_("Show moments of truth"), _("in journey order"), partial(main.show_side, "moments")),
        (
            _("Show action plan"),
            _("actions, quick wins first marked ★"),
            partial(main.show_side, "actions"),
        ),
        (
            _("Fit timeline"),
            _("the whole journey in the width, or scroll (z on the timeline)"),
            lambda: pane(TimelineView).action_toggle_fit(),
        ),
        *analysis_actions(main.open_analysis),
    ]


def analysis_actions(
    open_view: Callable[[str], object],
) -> list[tuple[str, str, Callable[[], object]]]:
    """One entry per analysis view ("Analysis: departments"), each opening that tab."""
    from cjm_tui.i18n import translate
    from cjm_tui.tui.screens.analysis import VIEWS

    return [
        (translate(name), _("read-only analysis (v, then {n})", n=n), partial(open_view, view))
        for n, (view, _label, name) in enumerate(VIEWS, start=1)
    ]


class CjmCommands(Provider):
    """Every editor action, found by fuzzy name."""

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        from cjm_tui.tui.app import CjmApp

        app = self.app
        if not isinstance(app, CjmApp):
            return []
        # A screen with its own entries (the presentation: no edits there) offers only those.
        own = getattr(self.screen, "palette_actions", None)
        if callable(own):
            entries: list[tuple[str, str, Callable[[], object]]] = own()
            return entries
        return palette_actions(app)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
