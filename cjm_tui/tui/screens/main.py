"""The main screen: the panes, what is selected, and every edit a key asks for.

Panes say what a key asked (`EntityList.Command`); this screen turns it into a call on the
open map (which keeps the undo history and the map valid) and refreshes the views. Dialogs
and forms are imported when first opened, to keep the start-up short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static, TabbedContent, TabPane

from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.editing.quickadd import QuickAddError, preview
from cjm_tui.i18n import _, _n, _p
from cjm_tui.model import TABLE_OF, Action, Entity, Persona, Stage, Touchpoint, new_uid, title_of
from cjm_tui.model.ids import unique_id
from cjm_tui.model.library import is_library_persona
from cjm_tui.model.names import short_names
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.commands import editing_entries
from cjm_tui.tui.components.actions_pane import ActionsPane
from cjm_tui.tui.components.detail_view import DetailView
from cjm_tui.tui.components.entity_list import EntityList
from cjm_tui.tui.components.moments_pane import MomentsPane
from cjm_tui.tui.components.personas_pane import PersonasPane
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.components.timeline_view import TimelineView
from cjm_tui.tui.components.touchpoints_pane import QuickAdd, TouchpointList, TouchpointsPane
from cjm_tui.tui.notify import tell

MIN_WIDTH = 60
MIN_HEIGHT = 18
NEW_ENTITY: dict[str, Callable[[], Entity]] = {
    "personas": lambda: Persona(id="", name=""),
    "stages": lambda: Stage(id="", name=""),
    "actions": lambda: Action(id="", touchpoint="", title=""),
}


class MainScreen(bindings.TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.MAIN)

    def __init__(self, om: OpenMap) -> None:
        super().__init__()
        self.om = om
        self._stale_tabs: set[str] = set()
        """Side-pane tabs whose content is older than the map (updated when shown)."""
        self.persona: str | None = None
        self.tp_filter: tuple[str, str] | None = None
        """The Touchpoints pane's filter: ("channel" or "owner", the value), or None."""
        self.stage: str | None = om.map.stages[0].id if om.map.stages else None
        self._seen_version = -1

    # Layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The terminal's size classes before the panes are styled: set on a mounted screen,
        # each restyles every widget once more before the first frame.
        self._check_size(self.app.size)
        yield Header(icon="◆")
        with Horizontal(id="top"):
            with Vertical(id="left"):
                yield PersonasPane()
                yield StagesPane()
            yield TouchpointsPane()
            with TabbedContent(id="side"):
                with TabPane(_("Details"), id="tab-details"):
                    yield DetailView(id="details")
                # The hidden tabs' panes are mounted after the first frame (`Lazy`).
                with TabPane(_("Moments"), id="tab-moments"):
                    yield Lazy(MomentsPane())
                # A short word: the three tabs fit the side pane at 80x24 in every language.
                with TabPane(_p("side tab", "Actions"), id="tab-actions"):
                    yield Lazy(ActionsPane())
        yield TimelineView(id="timeline")
        yield Static(id="too-small")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_views()
        stages = self.query_one(StagesPane)
        stages.highlight_uid(self.om.map.stages[0].uid if self.om.map.stages else None)
        self.query_one(TouchpointList).focus()
        self._check_size(self.size)

    def on_resize(self) -> None:
        self._check_size(self.size)

    def _check_size(self, size: Size) -> None:
        width, height = size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        for notice in self.query("#too-small").results(Static) if small else ():
            notice.update(
                Text(
                    _(
                        "Terminal too small: cjm needs at least {min_width}×{min_height} "
                        "(this one is {width}×{height}). Make the window larger.",
                        min_width=MIN_WIDTH,
                        min_height=MIN_HEIGHT,
                        width=width,
                        height=height,
                    ),
                    justify="center",
                )
            )
        self.set_class(width < 110, "-narrow")

    # Views ---------------------------------------------------------------------------

    @property
    def tp_list(self) -> TouchpointList:
        return self.query_one(TouchpointList)

    def refresh_views(self, keep_tp: int | None = None) -> None:
        """Show the open map as it is now; keeps each list's highlight where it can."""
        m = self.om.map
        if self.stage is not None and m.stage(self.stage) is None:
            self.stage = None
        if self.persona is not None and m.persona(self.persona) is None:
            self.persona = None
        personas = self.query_one(PersonasPane)
        personas.show(m, personas.highlighted_uid)
        counts: dict[str, int] = {}
        for tp in m.touchpoints:
            counts[tp.stage] = counts.get(tp.stage, 0) + 1
        stages = self.query_one(StagesPane)
        stages.show(m, counts, stages.highlighted_uid)
        tp_list = self.tp_list
        tp_list.show(
            m, self.stage, self.persona, keep_tp or tp_list.highlighted_uid, self._tp_only()
        )
        # The side pane's hidden tabs are brought up to date when they are shown: at 2,000
        # touchpoints they cost a third of a `+` key's frame.
        self._stale_tabs = {"tab-moments", "tab-actions"}
        self._show_side_tab(self.query_one(TabbedContent).active)
        selected = self.selected_touchpoint()
        self.query_one(TimelineView).set_map(m, self.persona, selected.id if selected else None)
        self._show_detail()
        self.refresh_header()
        self._seen_version = self.om.version

    def _show_side_tab(self, tab: str) -> None:
        if tab not in self._stale_tabs:
            return
        m = self.om.map
        pane_type = {"tab-actions": ActionsPane, "tab-moments": MomentsPane}.get(tab)
        if pane_type is not None and not self.query(pane_type):
            # `Lazy` mounts it after the first frame; a key may come first: once it is.
            self.call_after_refresh(self._show_side_tab, tab)
            return
        self._stale_tabs.discard(tab)
        if tab == "tab-actions":
            actions = self.query_one(ActionsPane)
            actions.show(m, actions.highlighted_uid)
        elif tab == "tab-moments":
            moments = self.query_one(MomentsPane)
            moments.show(m, self.persona, moments.highlighted_uid)

    @on(TabbedContent.TabActivated, "#side")
    def _side_tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._show_side_tab(event.pane.id)

    def refresh_header(self) -> None:
        """The title, the file with its unsaved marker, who else is in the map, filters."""
        app = self.app
        app.title = clean_line(self.om.map.info.title) or _("(untitled map)")
        name = clean_line(self.om.path.name)
        if self.om.is_loading:
            app.sub_title = _("{name} (loading…)", name=name)
        elif self.om.read_only:
            app.sub_title = _("{name} [read-only]", name=name)
        else:
            app.sub_title = _("● {name} [unsaved]", name=name) if self.om.dirty else name
        filters = self._filter_words()
        people = len(getattr(app, "people", ()))
        if people > 1:
            filters.insert(0, _n("{n} in the map", "{n} in the map", people))
        if filters:
            app.sub_title = " · ".join([app.sub_title, *filters])

    def _filter_words(self) -> list[str]:
        """What filters the touchpoints, for the header: the persona, a channel or owner."""
        words = []
        persona = self.om.map.persona(self.persona) if self.persona else None
        if persona is not None:
            # The short name ("Ola"), as the legend says it: the whole name pushed the map's
            # title out of an 80-column header.
            short = short_names(self.om.map).get(persona.id, persona.name)
            words.append(_("filter: {persona}", persona=clean_line(short)))
        if self.tp_filter is not None:
            key, value = self.tp_filter
            value = clean_line(value)
            if key == "channel":
                words.append(_("channel: {value}", value=value))
            else:
                words.append(_("owner: {value}", value=value))
        return words

    # Find and filters ------------------------------------------------------------------

    def _tp_only(self) -> Callable[[Touchpoint], bool] | None:
        if self.tp_filter is None:
            return None
        key, value = self.tp_filter
        return lambda tp: getattr(tp, key) == value

    def set_tp_filter(self, key: str | None, value: str = "") -> None:
        """Show only the touchpoints whose `key` ("channel", "owner") is `value`; None: all."""
        self.tp_filter = None if key is None else (key, value)
        self.refresh_views()

    def action_find(self) -> None:
        from cjm_tui.tui.screens.find import FindScreen

        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return
        self.app.push_screen(FindScreen(self.om.map), self.found)

    def found(self, uid: int | None) -> None:
        """A touchpoint chosen in find: its stage selected, it highlighted; a filter that
        would hide it is cleared, and that is said."""
        tp = self.om.find(uid) if uid is not None else None
        if not isinstance(tp, Touchpoint):
            return
        cleared = self._filter_words()
        only = self._tp_only()
        hidden_by_persona = self.persona is not None and not tp.meets(self.persona)
        if hidden_by_persona or (only is not None and not only(tp)):
            if hidden_by_persona:
                self.persona = None
                self.query_one(PersonasPane).highlighted = 0
            if only is not None and not only(tp):
                self.tp_filter = None
            cleared = [w for w in cleared if w not in self._filter_words()]
            tell(self, _("Filter cleared to show it: {what}", what=", ".join(cleared)))
        self.stage = tp.stage
        stage = self.om.map.stage(tp.stage)
        self.query_one(StagesPane).highlight_uid(stage.uid if stage else None)
        self.refresh_views(keep_tp=tp.uid)
        self.tp_list.highlight_uid(tp.uid)
        self.tp_list.focus()

    def filter_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Palette entries: one filter per channel and per owner in the map, and clearing."""
        m = self.om.map
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (
                _("Find touchpoint"),
                _("by part of its name, channel or owner, in every stage (/)"),
                self.action_find,
            )
        ]
        for key, label in (
            ("channel", _("Filter touchpoints by channel: {value}")),
            ("owner", _("Filter touchpoints by owner: {value}")),
        ):
            values = sorted({v for tp in m.touchpoints if (v := getattr(tp, key))}, key=str.lower)
            for value in values:
                entries.append(
                    (
                        label.format(value=clean_line(value)),
                        _("show only these touchpoints; esc on Touchpoints clears it"),
                        partial(self.set_tp_filter, key, value),
                    )
                )
        entries.append(
            (
                _("Clear touchpoint filter"),
                _("show every touchpoint again (esc on Touchpoints)"),
                partial(self.set_tp_filter, None),
            )
        )
        return entries

    def duplicate(self, tp: Touchpoint) -> None:
        """`c`: a copy right after `tp`, its id made from the name; selected; one undo step."""
        from copy import deepcopy

        taken = {t.id for t in self.om.map.touchpoints}
        copy = replace(deepcopy(tp), id=unique_id(tp.name, taken, "touchpoint"), uid=new_uid())
        self._apply(lambda: self.om.add(copy, after=tp), keep=copy.uid)  # keep: selected

    def _show_detail(self) -> None:
        focused = self.focused
        item: Entity | None
        if isinstance(focused, PersonasPane | StagesPane | ActionsPane):
            item = self._entity(focused)
        else:
            item = self.selected_touchpoint()
        self.query_one(DetailView).show(self.om.map, item)

    def _entity(self, pane: EntityList) -> Entity | None:
        uid = pane.highlighted_uid
        return None if uid is None else self.om.find(uid)

    def selected_touchpoint(self) -> Touchpoint | None:
        found = self._entity(self.tp_list)
        return found if isinstance(found, Touchpoint) else None

    # Selection -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pane = event.option_list
        if not isinstance(pane, EntityList):
            return
        entity = self._entity(pane)
        if isinstance(pane, PersonasPane):
            persona = entity.id if isinstance(entity, Persona) else None
            if persona != self.persona:
                self.persona = persona
                self.refresh_views()
        elif isinstance(pane, StagesPane):
            stage = entity.id if isinstance(entity, Stage) else None
            if stage != self.stage:
                self.stage = stage
                self.tp_list.show(self.om.map, self.stage, self.persona, None, self._tp_only())
                self._touchpoint_changed()
        elif isinstance(pane, TouchpointList):
            self._touchpoint_changed()
        else:
            self._show_detail()

    def _touchpoint_changed(self) -> None:
        tp = self.selected_touchpoint()
        self.query_one(TimelineView).select(tp.id if tp else None)
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: edit the item; on a moment of truth, go to its touchpoint."""
        pane = event.option_list
        if isinstance(pane, MomentsPane):
            self.go_to_touchpoint(pane.highlighted_uid)
        elif isinstance(pane, EntityList):
            self.run_command(pane, "edit", 0)

    def go_to_touchpoint(self, uid: int | None) -> None:
        entity = self.om.find(uid) if uid is not None else None
        if not isinstance(entity, Touchpoint):
            return
        if self.stage is not None and self.stage != entity.stage:
            self.stage = entity.stage
            stage = self.om.map.stage(entity.stage)
            self.query_one(StagesPane).highlight_uid(stage.uid if stage else None)
        self.refresh_views(keep_tp=entity.uid)
        self.tp_list.highlight_uid(entity.uid)
        self.tp_list.focus()

    def action_focus_pane(self, name: str) -> None:
        if name == "side":
            tabs = self.query_one(TabbedContent)
            active = tabs.active_pane
            target = active.query("EntityList, DetailView").first() if active else None
            if target is not None:
                target.focus()
            return
        self.query_one(f"#{name}").focus()

    def show_side(self, tab: str) -> None:
        """Open a side tab ("details", "moments", "actions") and focus it."""
        self.query_one(TabbedContent).active = f"tab-{tab}"
        self.call_after_refresh(self.action_focus_pane, "side")

    def action_analysis(self) -> None:
        self.open_analysis()

    def open_analysis(self, view: str = "moments") -> None:
        """The analysis screen on the map as it is now (`view`: which tab comes first)."""
        from cjm_tui.tui.screens.analysis import AnalysisScreen

        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return
        screen = self.app.screen
        if isinstance(screen, AnalysisScreen):
            screen.show_view(view)
            return
        name = clean_line(self.om.path.name)
        self.app.push_screen(AnalysisScreen(self.om.map, view, name), self.go_to_touchpoint)

    def action_present(self) -> None:
        """`p`: presentation mode, from the selected stage (or the selected touchpoint's)."""
        from cjm_tui.tui.screens.present import PresentScreen

        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return
        m = self.om.map
        tp = self.selected_touchpoint()
        stage_id = self.stage or (tp.stage if tp else None)
        index = next((i for i, s in enumerate(m.stages) if s.id == stage_id), 0)
        # Back from the presentation the selection is where it was (the stage shown last is
        # not followed): the next `m` or `+` must hit the touchpoint the person had chosen.
        self.app.push_screen(PresentScreen(m, index))

    def action_grid(self) -> None:
        """`g`: the journey grid, its cursor on the selected touchpoint's `doing`."""
        from cjm_tui.tui.screens.grid import GridScreen

        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return
        tp = self.selected_touchpoint()
        grid = GridScreen(self.om, tp.uid if tp else None, self.refresh_header)
        self.app.push_screen(grid, self.go_to_touchpoint)

    # Commands ------------------------------------------------------------------------

    @on(EntityList.Command)
    def command(self, event: EntityList.Command) -> None:
        if event.name == "map_details":
            self.edit_map_info()
        elif event.name == "clear_filter":
            if self.tp_filter is not None:
                self.set_tp_filter(None)
        else:
            self.run_command(event.pane, event.name, event.arg, event.uid)

    def run_command(self, pane: EntityList, name: str, arg: int, uid: int | None = None) -> None:
        """Do what a key asked of `pane`, to the entry of `uid` (default: the highlighted one)."""
        if self.om.is_loading:
            tell(self, _("The map is still loading; try again in a moment."))
            return
        if self.refuse_read_only():
            return
        kind = pane.KIND
        entity = self._entity(pane) if uid is None else self.om.find(uid)
        if kind == "moments":
            if name == "edit" and entity is not None:
                self.edit(entity)
            elif name == "delete" and isinstance(entity, Touchpoint):
                self.delete(entity)
            return
        if name == "add":
            self.add(kind)
            return
        if entity is None:
            tell(self, _("Choose an item first (the “All” entries cannot be edited)."))
            return
        if name == "edit":
            self.edit(entity)
        elif name == "delete":
            self.delete(entity)
        elif name == "move":
            self._apply(lambda: self.om.move(entity, arg), keep=entity.uid)
        elif isinstance(entity, Touchpoint):
            self.touchpoint_key(entity, name, arg)

    def touchpoint_key(self, tp: Touchpoint, name: str, arg: int) -> None:
        # The highlight stays where the list has it: keys after this one may have moved it on.
        if name == "emotion":
            self._apply(lambda: self.om.bump_emotion(tp, arg, self.persona))
        elif name == "moment":
            self._apply(lambda: self.om.toggle_moment(tp))
        elif name == "to_stage":
            moved = self._apply(lambda: self.om.move_to_stage(tp, arg), keep=tp.uid)
            if isinstance(moved, Touchpoint) and self.stage is not None:
                self.go_to_touchpoint(moved.uid)  # follow it into its new stage
        elif name == "duplicate":
            self.duplicate(tp)
        elif name == "add_action":
            self.add("actions")

    def palette_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette on the map: everything a key can do, and a few things only
        the palette does; (name, help, callback) each."""
        main = self
        pane = main.query_one
        from cjm_tui.tui.screens.analysis import analysis_actions

        def run(kind: type, name: str, arg: int = 0) -> None:
            main.run_command(pane(kind), name, arg)

        tps = main.tp_list
        return [
            *editing_entries(self.app),
            (
                _("Help: keys"),
                _("every key and what it does (?)"),
                partial(self.app.run_action, "help"),
            ),
            (
                _("Journey grid"),
                _("every lane of every touchpoint, edited in place (g)"),
                main.action_grid,
            ),
            (
                _("Presentation mode"),
                _("one stage at a time, in large type, read-only (p)"),
                main.action_present,
            ),
            (
                _("Quit"),
                _("leave cjm, asking about unsaved changes (q)"),
                partial(self.app.run_action, "quit"),
            ),
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
            (
                _("Move touchpoint to next stage"),
                "(>)",
                partial(main.run_command, tps, "to_stage", 1),
            ),
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
            (
                _("Delete stage"),
                _("asks where its touchpoints go"),
                partial(run, StagesPane, "delete"),
            ),
            (
                _("Edit persona"),
                _("the selected persona's form"),
                partial(run, PersonasPane, "edit"),
            ),
            (_("Delete persona"), _("after a confirmation"), partial(run, PersonasPane, "delete")),
            (_("Edit action"), _("the selected action's form"), partial(run, ActionsPane, "edit")),
            (
                # The palette matches names only: the words a person looks for are in it.
                _("Edit map details: title, description, owner, kind"),
                _("the map's own details, and its updated date (i on Personas or Stages)"),
                main.edit_map_info,
            ),
            (_("Focus personas"), "(1)", partial(main.action_focus_pane, "personas")),
            (_("Focus stages"), "(2)", partial(main.action_focus_pane, "stages")),
            (_("Focus touchpoints"), "(3)", partial(main.action_focus_pane, "touchpoints")),
            (
                _("Show details"),
                _("the selected item's keys (4)"),
                partial(main.show_side, "details"),
            ),
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
            *main.filter_actions(),
        ]

    def refuse_read_only(self) -> bool:
        """A read-only map (another editor has it): say so in one line, and refuse."""
        refuse = getattr(self.app, "refuse_read_only", None)  # the editor app says why
        if callable(refuse):
            return bool(refuse())
        return self.om.read_only

    def _apply(self, edit: Callable[[], Any], keep: int | None = None) -> Any:
        """Run an edit; a refusal is told to the person, and nothing changes."""
        try:
            result = edit()
        except (EditError, QuickAddError) as exc:
            tell(self, clean_line(str(exc)), severity="error", title=_("Not changed"))
            return None
        if self.om.version != self._seen_version:
            self.refresh_views(keep_tp=keep)
        return result

    # Adding, editing, deleting ---------------------------------------------------------

    def add(self, kind: str) -> None:
        from cjm_tui.editing.fields import fields_for, values_of
        from cjm_tui.tui.screens.form import EditForm

        if self.refuse_read_only():
            return
        if kind == "touchpoints":
            self.query_one(TouchpointsPane).open_quick_add()
            return
        new = NEW_ENTITY[kind]()
        if isinstance(new, Action):
            tp = self.selected_touchpoint()
            new = Action(id="", touchpoint=tp.id if tp else "", title="")
        pane = self._pane(kind)
        after = self._entity(pane) if kind in ("stages", "personas") else None
        label = kind[:-1]

        taken = {e.id for e in getattr(self.om.map, kind)}

        def check(values: dict[str, Any]) -> str | None:
            values = dict(values)
            if not values.get("id"):
                text = values.get("name") or values.get("title") or label
                values["id"] = unique_id(str(text), taken, fallback=label)
            entity = _replace(new, values)
            try:
                self.om.add(entity, after=after)
            except EditError as exc:
                return str(exc)
            self.refresh_views()
            if kind != "personas":  # selecting a persona filters the map: not unasked
                self._pane(kind).highlight_uid(entity.uid)
            return None

        # A new item's id may be left blank: it is made from the name, as quick-add does.
        specs = [
            replace(spec, required=False, help=_("leave blank to make it from the name"))
            if spec.key == "id"
            else spec
            for spec in fields_for(kind, self.om.map)
        ]
        first = "title" if kind == "actions" else "name"
        self.app.push_screen(
            EditForm(new_title(kind), specs, values_of(new, specs), check, focus_key=first)
        )

    def edit(self, entity: Entity) -> None:
        from cjm_tui.editing.fields import fields_for, values_of
        from cjm_tui.tui.screens.form import EditForm

        if self.refuse_read_only():
            return
        kind = TABLE_OF[type(entity)]
        specs = fields_for(kind, self.om.map)

        shown = values_of(entity, specs)

        def check(values: dict[str, Any]) -> str | None:
            # Only what the person changed, on the entry as it is now: another editor may
            # have changed its other fields while this form was open.
            current = self.om.find(entity.uid)
            if current is None:
                return gone_note(kind)
            changes = {k: v for k, v in values.items() if v != shown.get(k)}
            try:
                if changes:
                    self.om.update(current, **changes)
            except (EditError, TypeError) as exc:
                return str(exc)
            self.refresh_views(keep_tp=entity.uid)
            return None

        form = EditForm(edit_title(kind, clean_line(title_of(entity))), specs, shown, check)
        form.subject_uid = entity.uid
        form.subject_gone_note = gone_note(kind)
        self.app.push_screen(form)

    def edit_map_info(self) -> None:
        from cjm_tui.editing.fields import fields_for, values_of
        from cjm_tui.tui.screens.form import EditForm

        if self.refuse_read_only():
            return
        specs = fields_for("map", self.om.map)

        info = values_of(self.om.map.info, specs)

        def check(values: dict[str, Any]) -> str | None:
            changes = {k: v for k, v in values.items() if v != info.get(k)}
            try:
                if changes:
                    self.om.update_info(**changes)
            except (EditError, TypeError) as exc:
                return str(exc)
            self.refresh_views()
            return None

        self.app.push_screen(EditForm(_("The map"), specs, info, check))

    def delete(self, entity: Entity) -> None:
        from cjm_tui.tui.screens.choice import ConfirmDialog
        from cjm_tui.tui.screens.stage_delete import DELETE_ALL, StageDeleteDialog

        if self.refuse_read_only():
            return
        m = self.om.map
        if isinstance(entity, Stage) and any(t.stage == entity.id for t in m.touchpoints):
            if len(m.stages) == 1:
                tell(self, _("A map needs at least one stage."), severity="error")
                return

            def where(answer: str | None) -> None:
                if answer is not None:
                    move_to = None if answer == DELETE_ALL else answer
                    self._apply(lambda: self.om.delete_stage(entity, move_to))

            self.app.push_screen(StageDeleteDialog(m, entity), where)
            return
        if isinstance(entity, Persona) and is_library_persona(m, entity):
            self._apply(lambda: self.om.delete(entity))  # refused in one line: it is shared
            return
        question = delete_question(entity, clean_line(title_of(entity)))
        if isinstance(entity, Touchpoint):
            n = len(m.actions_for(entity.id))
            if n:
                question += " " + _n("Its {n} action goes too.", "Its {n} actions go too.", n)
        elif isinstance(entity, Persona):
            question += " " + _("Its emotions on touchpoints go too.")

        def answer(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: self.om.delete(entity))

        self.app.push_screen(ConfirmDialog(question), answer)

    def _pane(self, kind: str) -> EntityList:
        return {
            "personas": self.query_one(PersonasPane),
            "stages": self.query_one(StagesPane),
            "touchpoints": self.tp_list,
            "actions": self.query_one(ActionsPane),
        }[kind]

    # Quick add ---------------------------------------------------------------------------

    def _quick_add_stage(self) -> str | None:
        """Where a line without `#stage` goes: the selected stage, else the highlighted
        touchpoint's."""
        if self.stage is not None:
            return self.stage
        tp = self.selected_touchpoint()
        return tp.stage if tp else None

    @on(Input.Changed, "#quick-add")
    def quick_add_typed(self, event: Input.Changed) -> None:
        line = event.value.strip()
        reading = preview(self.om.map, line, self._quick_add_stage()) if line else None
        self.query_one(TouchpointsPane).show_preview(reading)

    @on(Input.Submitted, "#quick-add")
    def quick_add(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        if not line:
            return
        try:
            tp = self.om.quick_add(line, self._quick_add_stage())
        except (QuickAddError, EditError) as exc:
            tell(self, clean_line(str(exc)), severity="error", title=_("Not added"))
            if not event.input.value:  # the line comes back to be mended
                event.input.value = event.value
            return
        if event.input.value == event.value:  # submitted by Input itself, not emptied yet
            event.input.value = ""
        name = clean_line(tp.name)
        if self.stage is not None and self.stage != tp.stage:
            # Shown where it went: the Stages selection follows it (as going to a moment of
            # truth does), and a line says so, since the list on screen changed under the person.
            self.stage = tp.stage
            stage = self.om.map.stage(tp.stage)
            self.query_one(StagesPane).highlight_uid(stage.uid if stage else None)
            where = clean_line(self.om.map.stage_name(tp.stage))
            tell(self, _("Added “{name}” to the stage {stage}, shown now.", name=name, stage=where))
        if self.persona is not None and not tp.meets(self.persona):
            tell(self, _("Added “{name}”; the selected persona does not meet it.", name=name))
        self.refresh_views(keep_tp=tp.uid)
        self.tp_list.highlight_uid(tp.uid)
        self.query_one(QuickAdd).focus()


def _replace(entity: Entity, values: dict[str, Any]) -> Entity:
    return replace(entity, **values)


def new_title(kind: str) -> str:
    """The title of the form that adds an entry to `kind` ("personas", "stages", "actions")."""
    return {
        "personas": _("New persona"),
        "stages": _("New stage"),
        "touchpoints": _("New touchpoint"),
        "actions": _("New action"),
    }[kind]


def edit_title(kind: str, title: str) -> str:
    """The title of the form that edits an entry of `kind`, named `title`."""
    return {
        "personas": _("Edit persona: {title}", title=title),
        "stages": _("Edit stage: {title}", title=title),
        "touchpoints": _("Edit touchpoint: {title}", title=title),
        "actions": _("Edit action: {title}", title=title),
    }[kind]


def gone_note(kind: str) -> str:
    """Said in a form whose entry another editor deleted meanwhile."""
    return {
        "personas": _(
            "Another editor deleted this persona. What you typed stays here until you close "
            "the form (escape)."
        ),
        "stages": _(
            "Another editor deleted this stage. What you typed stays here until you close "
            "the form (escape)."
        ),
        "touchpoints": _(
            "Another editor deleted this touchpoint. What you typed stays here until you "
            "close the form (escape)."
        ),
        "actions": _(
            "Another editor deleted this action. What you typed stays here until you close "
            "the form (escape)."
        ),
    }[kind]


def delete_question(entity: Entity, title: str) -> str:
    if isinstance(entity, Persona):
        return _("Delete persona “{title}”?", title=title)
    if isinstance(entity, Stage):
        return _("Delete stage “{title}”?", title=title)
    if isinstance(entity, Touchpoint):
        return _("Delete touchpoint “{title}”?", title=title)
    return _("Delete action “{title}”?", title=title)
