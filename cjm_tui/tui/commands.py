"""The command palette (ctrl+p): every action of the editor, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from cjm_tui.i18n import _

Entry = tuple[str, str, Callable[[], object]]
"""A palette entry: its name, what it does, and the call."""


def editing_entries(app: App[object]) -> list[Entry]:
    """Save, undo and redo: the entries of every screen that edits the map (by action name,
    so a screen never needs the editor's app class)."""
    return [
        (_("Save"), _("write the map to its file (ctrl+s)"), partial(app.run_action, "save")),
        (_("Undo"), _("undo the last change (ctrl+z)"), partial(app.run_action, "undo")),
        (_("Redo"), _("redo what was undone (ctrl+y)"), partial(app.run_action, "redo")),
        (
            _("People in this map"),
            _("who else has this map open: user, host, terminal or browser"),
            partial(app.run_action, "people"),
        ),
    ]


class CjmCommands(Provider):
    """Every editor action, found by fuzzy name."""

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        # Each screen supplies its own entries (the map's screen every edit, the presentation
        # only moving and leaving); the palette never needs to know the app.
        own = getattr(self.screen, "palette_actions", None)
        if callable(own):
            entries: list[tuple[str, str, Callable[[], object]]] = own()
            return entries
        return []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
