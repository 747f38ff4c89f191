"""`/`: find a touchpoint in any stage by part of its name, channel or owner.

The matches are listed as the person types (best first, the matched field marked); `enter`
answers the highlighted touchpoint's uid, `escape` answers None. The ranking is headless
(`views/find.py`) and runs in a worker thread, so a key is never held up by a large map.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from cjm_tui.i18n import _, _n
from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.screens.choice import OneAnswer
from cjm_tui.views.find import FindHit, FindIndex

MATCHED = "bold underline"


def hit_prompt(hit: FindHit) -> Text:
    """`Name  · Stage  @channel  owner`, the field that matched underlined."""
    tp = hit.touchpoint
    style = {key: MATCHED if hit.field == key else "" for key in ("name", "channel", "owner")}
    out = Text.assemble((clean_line(tp.name), style["name"] or "bold"))
    out.append(f"  · {clean_line(hit.stage_name)}", style="dim")
    if tp.channel:
        out.append("  @", style="dim")
        out.append(clean_line(tp.channel), style=style["channel"] or "dim")
    if tp.owner:
        out.append("  ")
        out.append(clean_line(tp.owner), style=style["owner"] or "dim")
    return out


class FindScreen(OneAnswer, bindings.TranslatedBindings, ModalScreen[int | None]):
    """The find box over the map; answers the chosen touchpoint's uid."""

    DEFAULT_CSS = """
    FindScreen { align: center top; }
    FindScreen > Vertical {
        width: 90%; max-width: 100; height: 80%; margin-top: 2;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    FindScreen Input { margin-bottom: 0; }
    FindScreen #find-count { height: 1; color: $text-muted; }
    FindScreen OptionList { height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FIND)

    def __init__(self, m: Map) -> None:
        super().__init__()
        self._map = m
        self._index: FindIndex | None = None
        self._uids: list[int] = []
        self.query_text = ""
        """The query the list shows the matches of (tests wait for it)."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Find a touchpoint")
            yield Input(placeholder=_("part of a name, channel or owner"), id="find-query")
            yield Static(id="find-count")
            yield OptionList(id="find-matches")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False  # typing goes on while moving in the list
        self._show("", [])

    @on(Input.Changed, "#find-query")
    def _typed(self, event: Input.Changed) -> None:
        self._rank(event.value)

    @work(thread=True, exclusive=True)
    def _rank(self, query: str) -> None:
        if self._index is None:
            self._index = FindIndex(self._map)
        hits = self._index.search(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[FindHit]) -> None:
        matches = self.query_one(OptionList)
        matches.set_options(Option(hit_prompt(hit)) for hit in hits)
        self._uids = [hit.touchpoint.uid for hit in hits]
        if hits:
            matches.highlighted = 0
        count = self.query_one("#find-count", Static)
        if not query.strip():
            count.update(_("Type to find touchpoints in every stage."))
        elif not hits:
            count.update(_("No touchpoint matches."))
        else:
            count.update(_n("{n} match", "{n} matches", len(hits)))
        self.query_text = query

    def action_step(self, delta: int) -> None:
        matches = self.query_one(OptionList)
        if matches.option_count:
            now = matches.highlighted or 0
            matches.highlighted = max(0, min(matches.option_count - 1, now + delta))

    def action_go(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self._uids):
            self.dismiss(self._uids[index])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._uids):
            self.dismiss(self._uids[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
