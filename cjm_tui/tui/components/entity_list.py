"""A list pane of map items: options keyed by entity uid, rebuilt only where items changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from rich.text import Text
from textual import _widget_navigation
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cjm_tui.tui.bindings import TranslatedBindings

Row = tuple[int | None, Text, bool]
"""(uid or None for an entry like "All stages", the prompt, selectable)."""


class EntityList(TranslatedBindings, OptionList):
    """An OptionList whose options stand for entities; keeps the highlight on the same uid."""

    DEFAULT_CSS = """
    EntityList {
        border: round $panel-lighten-2;
        height: 1fr;
        scrollbar-size-vertical: 1;
        text-wrap: nowrap;  /* one line per item: long names end in "…" */
        text-overflow: ellipsis;
    }
    EntityList:focus {
        border: round $accent;
    }
    """

    KIND: ClassVar[str] = ""
    """The table this pane lists ("touchpoints"); commands say it so the screen knows."""

    class Command(Message):
        """A key asked for an edit: `name` is add, edit, delete, move, emotion, moment..."""

        def __init__(self, pane: EntityList, name: str, arg: int = 0) -> None:
            super().__init__()
            self.pane = pane
            self.name = name
            self.arg = arg
            self.uid = pane.highlighted_uid
            """The entry highlighted when the key was pressed. The screen handles this message
            later, after the list may have moved on (keys in one burst: `↓ + ↓ -` over a
            lagging SSH connection): the edit is for this entry, not the one highlighted then."""

        @property
        def kind(self) -> str:
            return self.pane.KIND

    # Journeys have a start and an end: the selection stops there instead of wrapping.
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: Literal[-1, 1]) -> None:
        if self.highlighted is None:
            super().action_cursor_down() if direction > 0 else super().action_cursor_up()
            return
        target = _widget_navigation.find_next_enabled_no_wrap(
            self.options, anchor=self.highlighted, direction=direction
        )
        if target is not None:
            self.highlighted = target

    def action_add(self) -> None:
        self.post_message(self.Command(self, "add"))

    def action_edit(self) -> None:
        self.post_message(self.Command(self, "edit"))

    def action_delete(self) -> None:
        self.post_message(self.Command(self, "delete"))

    def action_move(self, delta: int) -> None:
        self.post_message(self.Command(self, "move", delta))

    def action_map_details(self) -> None:
        self.post_message(self.Command(self, "map_details"))

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row], keep: int | None = None) -> None:
        """Show `rows`; highlight the row of uid `keep` (else the same index, else the first)."""
        rows = list(rows)
        old_index = self.highlighted
        if [(r[0], r[2]) for r in rows] == [(r[0], r[2]) for r in self._rows]:
            for i, (new, old) in enumerate(zip(rows, self._rows, strict=True)):
                if new[1] != old[1]:
                    self._replace_prompt(i, new[1])
        else:
            self.set_options(
                Option(prompt, disabled=not selectable) for _, prompt, selectable in rows
            )
        self._rows = rows
        target = next((i for i, r in enumerate(rows) if keep is not None and r[0] == keep), None)
        if target is None and old_index is not None and rows:
            target = min(old_index, len(rows) - 1)
        if target is None and rows:
            target = 0
        while target is not None and target < len(rows) and not rows[target][2]:
            target += 1  # skip headers such as a stage's name
        if target is not None and target < len(rows):
            if self.highlighted != target:
                self.highlighted = target
        elif rows:
            self.highlighted = None

    def _replace_prompt(self, index: int, prompt: Text) -> None:
        """One row's new prompt, drawn again alone.

        OptionList's own `replace_option_prompt_at_index` drops every row's cached height and
        drawing, so a `+` measured and drew the whole stage again (a fifth of the key's frame
        at 2,000 touchpoints). A row here is one line whatever its text (`text-wrap: nowrap`),
        so the other rows' heights and drawings stand. These are OptionList's private caches:
        Textual is pinned to 8.2 (pyproject.toml) and tests/test_speed_guards.py holds this.
        """
        if self._line_cache.heights.get(index, 1) != 1:  # not one line after all: the safe way
            self.replace_option_prompt_at_index(index, prompt)
            return
        option = self.get_option_at_index(index)
        option._set_prompt(prompt)
        cache = self._option_render_cache
        for key in [key for key in list(cache.keys()) if key[0] is option]:
            cache.discard(key)
        line = self._line_cache.index_to_line.get(index)
        if line is None:
            self.refresh()
        else:
            self.refresh_line(line)

    @property
    def highlighted_uid(self) -> int | None:
        index = self.highlighted
        if index is None or index >= len(self._rows):
            return None
        return self._rows[index][0]

    def highlight_uid(self, uid: int | None) -> bool:
        for i, row in enumerate(self._rows):
            if row[0] == uid and row[2]:
                self.highlighted = i
                return True
        return False

    @property
    def uids(self) -> list[int | None]:
        return [r[0] for r in self._rows]
