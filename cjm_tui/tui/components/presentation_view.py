"""The presentation's slide: the headless `cjm_tui.views.presentation` layout, drawn line by line.

The view keeps which slide is shown; a resize lays the slides out again (a narrow screen cuts a
long stage into parts) and stays on the same stage and touchpoint. Every map text reaches the
screen as plain `rich.text.Text` from the headless layout, which has sanitized it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widget import Widget

from cjm_tui.model import Map
from cjm_tui.views import presentation
from cjm_tui.views.presentation import Slide


class PresentationView(Widget):
    """One slide of the map at a time, filling the widget."""

    DEFAULT_CSS = """
    PresentationView {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, m: Map, stage: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.map = m
        self._slides: list[Slide] = presentation.slides(m, 80)
        self._index = presentation.find_slide(self._slides, stage)
        self._laid_out_width = 80
        self._lines: LRUCache[tuple[int, int, int], list[Strip]] = LRUCache(8)

    @property
    def slide(self) -> Slide | None:
        """The slide on screen (None: the map has no stages)."""
        return self._slides[self._index] if self._slides else None

    @property
    def position(self) -> tuple[int, int]:
        """(this slide, how many): 0-based."""
        return self._index, len(self._slides)

    @property
    def stage_id(self) -> str | None:
        slide = self.slide
        return self.map.stages[slide.stage].id if slide is not None else None

    def step(self, delta: int) -> bool:
        """Go `delta` slides on; False (and no change) past either end."""
        target = self._index + delta
        if not 0 <= target < len(self._slides):
            return False
        self.go(target)
        return True

    def go(self, index: int) -> None:
        """Show slide `index` (negative: from the end)."""
        if not self._slides:
            return
        self._index = index % len(self._slides)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(self.size.width)
        self.refresh()

    def _lay_out(self, width: int) -> None:
        """Slides for `width` cells, staying on the stage and touchpoint shown."""
        if width == self._laid_out_width or width <= 0:
            return
        slide = self.slide
        self._slides = presentation.slides(self.map, width)
        self._laid_out_width = width
        if slide is not None:
            self._index = presentation.find_slide(self._slides, slide.stage, slide.first)

    def notify_style_update(self) -> None:
        """A theme change restyles the base of every line: draw them again."""
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        self._lay_out(width)
        key = (self._index, width, height)
        strips = self._lines.get(key)
        if strips is None:
            strips = self._draw(width, height)
            self._lines[key] = strips
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self.rich_style)

    def _draw(self, width: int, height: int) -> list[Strip]:
        if width <= 0 or height <= 0:
            return []
        console = self.app.console
        base = self.rich_style
        lines: list[Text] = presentation.render(self.map, self.slide, width, height)
        return [
            Strip(list(text.render(console))).adjust_cell_length(width, base).apply_style(base)
            for text in lines
        ]
