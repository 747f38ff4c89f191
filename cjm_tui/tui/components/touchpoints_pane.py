"""The Touchpoints pane: the touchpoints of the chosen stage (or all, grouped by stage),
with the quick-add line under them."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from cjm_tui.i18n import N_, _, translate
from cjm_tui.model import Map, Touchpoint
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.entity_list import EntityList, Row
from cjm_tui.views import colours

QUICK_ADD_HINT = N_('name @channel #stage ^persona +2..-2 ! \\ escapes · @"two words"')


def emotion_cell(tp: Touchpoint, persona: str | None) -> Text:
    """Three cells: the value a person needs at a glance (≈ marks a mean of personas)."""
    value = tp.emotion_for(persona)
    if value is None:
        return Text("  ·", style="dim")
    label = colours.emotion_label(value)
    mean = persona is None and tp.has_persona_emotions
    text = f"{'≈' if mean else ' '}{label:>2}"
    return Text(text, style=colours.emotion_style(value))


def touchpoint_prompt(tp: Touchpoint, persona: str | None) -> Text:
    """`◆ -1 ? Name  @channel`: moment of truth, emotion, hypothesis (?) or verified (✓)."""
    mot = Text("◆", style=colours.MOT_STYLE) if tp.is_moment_of_truth else Text(" ")
    status = Text("✓", style="green") if tp.is_verified else Text("?", style="dim")
    out = Text.assemble(mot, emotion_cell(tp, persona), " ", status, " ", clean_line(tp.name))
    if tp.channel:
        out.append(f"  @{clean_line(tp.channel)}", style="dim")
    return out


class TouchpointList(EntityList):
    KIND = "touchpoints"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings.list_bindings("touchpoint"),
        *bindings.TOUCHPOINT,
    ]

    def __init__(self) -> None:
        super().__init__("3 " + _("Touchpoints"), id="touchpoints")
        self._prompts: dict[int, tuple[Touchpoint, str | None, Text]] = {}

    def action_emotion(self, delta: int) -> None:
        self.post_message(self.Command(self, "emotion", delta))

    def action_moment(self) -> None:
        self.post_message(self.Command(self, "moment"))

    def action_to_stage(self, delta: int) -> None:
        self.post_message(self.Command(self, "to_stage", delta))

    def action_duplicate(self) -> None:
        self.post_message(self.Command(self, "duplicate"))

    def action_add_action(self) -> None:
        self.post_message(self.Command(self, "add_action"))

    def action_clear_filter(self) -> None:
        self.post_message(self.Command(self, "clear_filter"))

    def _prompt(self, tp: Touchpoint, persona: str | None) -> Text:
        # Entities are replaced, never changed, on edit: the same object means the same row.
        cached = self._prompts.get(tp.uid)
        if cached is not None and cached[0] is tp and cached[1] == persona:
            return cached[2]
        prompt = touchpoint_prompt(tp, persona)
        self._prompts[tp.uid] = (tp, persona, prompt)
        return prompt

    def show(
        self,
        m: Map,
        stage: str | None,
        persona: str | None,
        keep: int | None,
        only: Callable[[Touchpoint], bool] | None = None,
    ) -> list[Touchpoint]:
        """List the touchpoints of `stage` (None: all, under stage headers) that `persona`
        meets (and `only` keeps: a channel or owner filter); returns them in the order shown."""
        shown: list[Touchpoint] = []
        rows: list[Row] = []
        for stage_id, tps in m.touchpoints_by_stage().items():
            if stage is not None and stage_id != stage:
                continue
            mine = [
                t
                for t in tps
                if (persona is None or t.meets(persona)) and (only is None or only(t))
            ]
            if stage is None:
                rows.append((None, Text(f"── {clean_line(m.stage_name(stage_id))}", "bold"), False))
            for tp in mine:
                rows.append((tp.uid, self._prompt(tp, persona), True))
            shown.extend(mine)
        if not shown:
            empty = (
                _("No touchpoint here matches the filter (esc clears it)")
                if only is not None
                else _("No touchpoints yet: press a to add one")
            )
            rows.append((None, Text(empty, "dim italic"), False))
        self.set_rows(rows, keep)
        return shown


class QuickAdd(bindings.TranslatedBindings, Input):
    """The quick-add line: enter adds a touchpoint and stays open, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.QUICK_ADD)

    class Closed(Message):
        """The person closed the line."""

    def action_close(self) -> None:
        self.post_message(self.Closed())

    async def _on_key(self, event: events.Key) -> None:
        # Enter is taken here, in the order the keys came, and the line is emptied at once:
        # Input's own enter goes through the bindings after the key has bubbled, so in a burst
        # of keys (a lagging SSH connection, a paste of several lines, tmux send-keys) the
        # next line's letters were typed into this one before it was submitted.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            value, self.value = self.value, ""
            self.post_message(self.Submitted(self, value))
            return
        await super()._on_key(event)


class TouchpointsPane(Vertical):
    """The list and, when `a` opens it, the quick-add line below it, as wide as the pane (a
    rule with its title above, no side borders), with how the line reads under it."""

    DEFAULT_CSS = """
    TouchpointsPane { height: 1fr; width: 1fr; }
    TouchpointsPane #quick-add-box {
        display: none; height: auto; border-top: round $accent; border-title-color: $accent;
    }
    TouchpointsPane.-adding #quick-add-box { display: block; }
    TouchpointsPane QuickAdd { width: 1fr; }
    TouchpointsPane #quick-add-preview { height: auto; max-height: 4; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield TouchpointList()
        with Vertical(id="quick-add-box"):
            yield QuickAdd(id="quick-add", select_on_focus=False, compact=True)
            yield Static(Text(translate(QUICK_ADD_HINT)), id="quick-add-preview")

    def open_quick_add(self) -> None:
        self.add_class("-adding")
        self.query_one("#quick-add-box").border_title = _("Quick add")
        self.query_one(QuickAdd).focus()

    def show_preview(self, reading: str | None) -> None:
        """How the line reads (map text: shown as plain text), or the tokens' hint when the
        line is empty (None)."""
        text = translate(QUICK_ADD_HINT) if reading is None else "→ " + clean_line(reading)
        self.query_one("#quick-add-preview", Static).update(Text(text))

    @on(QuickAdd.Closed)
    def close_quick_add(self) -> None:
        self.remove_class("-adding")
        self.query_one(QuickAdd).value = ""
        self.query_one(TouchpointList).focus()
