"""The command palette (ctrl+p): every action of the editor, by name."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider


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
