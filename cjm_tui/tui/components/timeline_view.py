"""The editor's emotion timeline pane: the headless `Timeline` drawn through Textual's Line API.

The layout work (O(touchpoints)) happens once per `set_map`, in `cjm_tui.views.timeline.Timeline`.
A frame only draws the visible window, and the strips of a window are cached per (scroll
offset, width), so repainting, focusing or scrolling back over a 2,000-touchpoint journey costs
a few milliseconds. Every map text reaches the screen as plain `rich.text.Text` built by the
headless core, which has already sanitized it: nothing here goes through markup.

Colours are Rich colours from `cjm_tui.views.colours`; Textual downgrades them to 256 or 16 colours,
or to greys for NO_COLOR. The numbers, symbols and markers carry the meaning without them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cjm_tui.i18n import _
from cjm_tui.model import Map
from cjm_tui.tui import bindings
from cjm_tui.views.timeline import DEFAULT_COLUMN_WIDTH, GUTTER, HEIGHT, Focus, Timeline

_SCROLL_ACTIONS = frozenset({"scroll_columns", "scroll_start", "scroll_end"})


class TimelineView(bindings.TranslatedBindings, ScrollView, can_focus=True, inherit_bindings=False):
    """The emotion timeline: stages left to right, one curve per persona, a legend below.

    Two modes, switched with `z` (`compact`): scrolling, with readable columns of
    `DEFAULT_COLUMN_WIDTH` cells that `left`/`right` move through a column at a time (a
    journey short enough to fit at that width is widened to fill the pane instead), and fit,
    where the whole journey is squeezed into the width (rebuilt on resize; with more
    touchpoints than cells a column shows the rounded mean of several). The row labels
    (+2 .. -2) stay put while the chart scrolls under them. There is no scrollbar, to keep
    the chart's rows at 80x24: the border's subtitle says the mode and shows ◀ ▶ when more of
    the journey is off to that side.

    Bindings are not inherited from `ScrollView`: up/down/page keys belong to the app (they
    move the selection), and left/right/home/end give way to it in fit mode, where there is
    nothing to scroll.
    """

    DEFAULT_CSS = """
    TimelineView {
        height: auto;
        min-height: 10;
        max-height: 14;
        border: round $border-blurred;
        overflow-x: auto;
        overflow-y: hidden;
        scrollbar-size-horizontal: 0;
        &:focus {
            border: round $border;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.TIMELINE)

    PERSONA_FOCUS: ClassVar[Focus] = "highlight"
    """With a persona selected, every curve still shows, the persona's drawn on top in bold and
    the others faint: the one being edited stands out and the comparison stays in view."""

    compact: reactive[bool] = reactive(False, init=False)
    """True: fit the whole journey into the width; False: readable columns that scroll."""

    class TouchpointClicked(Message):
        """A touchpoint's column was clicked; the app decides whether to select it."""

        def __init__(self, view: TimelineView, touchpoint_id: str) -> None:
            super().__init__()
            self.view = view
            self.touchpoint_id = touchpoint_id

        @property
        def control(self) -> TimelineView:
            """The timeline that was clicked (for `@on(..., selector)`)."""
            return self.view

    def __init__(
        self,
        m: Map | None = None,
        persona: str | None = None,
        selected: str | None = None,
        *,
        compact: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.border_title = _("Emotion timeline")
        self.set_reactive(TimelineView.compact, compact)
        self._map = m
        self._persona = persona
        self._selected = selected
        self._timeline: Timeline | None = None
        self._fit_width = 0
        """The width the current layout was fitted to (0: a scrolling layout)."""
        self._strips: LRUCache[tuple[int, int], list[Strip]] = LRUCache(16)
        """Rendered rows (chart, then legend) per (x offset, width)."""
        if m is not None:
            self._rebuild()

    # The app's API ------------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline | None:
        """The current headless layout (None before the first `set_map`)."""
        return self._timeline

    @property
    def selected(self) -> str | None:
        """The id of the highlighted touchpoint, as last given to `set_map` or `select`."""
        return self._selected

    @property
    def x_offset(self) -> int:
        """The first content cell (after the gutter) in view."""
        if self._timeline is None:
            return 0
        return max(0, min(round(self.scroll_x), self._timeline.max_offset(self.size.width)))

    def set_map(self, m: Map, persona: str | None, selected: str | None) -> None:
        """Lay `m` out afresh: after any edit, or when the persona focus changes.

        A persona the map does not have (just deleted, say) falls back to all curves rather
        than failing in the middle of a repaint.
        """
        same_view = persona == self._persona and self._timeline is not None
        self._map = m
        self._persona = persona
        self._selected = selected
        if same_view and self._timeline is not None and self._timeline.update_touchpoints(m):
            # An edit of touchpoint values: the layout stands, a few columns change.
            self._timeline.selected = selected
            self._strips.clear()
            self._scroll_into_view()
            self.refresh()
            return
        self._rebuild()

    def select(self, touchpoint_id: str | None) -> None:
        """Highlight another touchpoint's column, without a new layout, and scroll to it."""
        self._selected = touchpoint_id
        if self._timeline is None:
            return
        self._timeline.selected = touchpoint_id
        self._strips.clear()
        self._update_virtual_size()  # the legend gains or loses its "selected" entry
        self._scroll_into_view()
        self.refresh()

    def action_toggle_fit(self) -> None:
        """Switch between the whole journey in the width and readable, scrolling columns."""
        self.compact = not self.compact

    def action_scroll_columns(self, step: int) -> None:
        """Scroll by `step` columns, landing on a column boundary."""
        x = self.x_offset
        width = DEFAULT_COLUMN_WIDTH
        aligned = x - x % width
        if step > 0:
            target = aligned + step * width
        else:
            target = aligned + (step + (1 if x % width else 0)) * width
        self._scroll_x_to(target)

    def action_scroll_start(self) -> None:
        """Back to the journey's first stage."""
        self._scroll_x_to(0)

    def action_scroll_end(self) -> None:
        """To the journey's last stage."""
        if self._timeline is not None:
            self._scroll_x_to(self._timeline.max_offset(self.size.width))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Scroll keys only in scrolling mode, so that in fit mode they reach the app."""
        if action in _SCROLL_ACTIONS:
            return not self.compact and self._timeline is not None
        return True

    # Layout ---------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """A new headless layout for the current map, persona, selection, mode and width.

        Scrolling mode uses the fit layout too while the journey fits with columns at least
        `DEFAULT_COLUMN_WIDTH` wide: a short draft then fills the pane with wider columns,
        whole stage names and touchpoint names on the axis instead of numbers.
        """
        self._strips.clear()
        m = self._map
        if m is None:
            return
        persona = self._persona
        if persona is not None and m.persona(persona) is None:
            persona = None
        focus: Focus = self.PERSONA_FOCUS if persona is not None else "only"
        width = self.size.width
        fit = width if self.compact and width > 0 else None
        timeline = Timeline(m, persona, selected=self._selected, focus=focus, fit=fit)
        if fit is None and 0 < timeline.content_width <= timeline.chart_width(width):
            fit = width
            timeline = Timeline(m, persona, selected=self._selected, focus=focus, fit=fit)
        self._timeline = timeline
        self._fit_width = fit or 0
        self._update_virtual_size()
        self._scroll_into_view()
        self._update_subtitle()
        self.refresh()

    @property
    def legend_lines(self) -> int:
        """The lines under the chart: the legend fits in them (short names, "+N more") so
        no persona hides below the pane's edge; at least one (scrolled to where it is short)."""
        return max(1, self.size.height - HEIGHT)

    def _update_virtual_size(self) -> None:
        timeline = self._timeline
        if timeline is None:
            return
        width = self.size.width
        legend = len(timeline.legend(width, self.legend_lines)) if width > 0 else 1
        self.virtual_size = Size(timeline.content_width + GUTTER, HEIGHT + legend)

    def _scroll_into_view(self) -> None:
        """Keep the offset within the journey and the selected column in view."""
        timeline = self._timeline
        width = self.size.width
        if timeline is None or width <= 0:
            return
        target = self.x_offset
        if self._selected is not None and not self.compact:
            target = timeline.scroll_to(self._selected, target, width)
        if target != round(self.scroll_x):
            self._scroll_x_to(target)

    def _scroll_x_to(self, x: int) -> None:
        # force: the scrollbar is hidden (size 0), and Textual only lets code scroll an axis
        # whose scrollbar it thinks is shown; right after a new virtual size it has not
        # recomputed that yet.
        self.scroll_to(x=max(0, x), animate=False, force=True)

    def _update_subtitle(self) -> None:
        timeline = self._timeline
        if timeline is None:
            self.border_subtitle = ""
        elif self.compact:
            self.border_subtitle = _("fit, averaged") if timeline.sampled else _("fit")
        elif timeline.max_offset(self.size.width) == 0:
            self.border_subtitle = ""  # all of it in view: nothing to say
        else:
            x = self.x_offset
            left = "◀ " if x > 0 else ""
            right = " ▶" if x < timeline.max_offset(self.size.width) else ""
            self.border_subtitle = left + _("scroll") + right

    # Textual hooks --------------------------------------------------------------------

    def watch_compact(self, compact: bool) -> None:
        self._rebuild()
        self.refresh_bindings()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._update_subtitle()

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again where the layout depends on the width; otherwise only re-clamp."""
        timeline = self._timeline
        width = self.size.width
        if timeline is not None and width != self._fit_width:
            fits = timeline.content_width <= timeline.chart_width(width)
            if self.compact or self._fit_width or fits:
                self._rebuild()
                return
        self._strips.clear()
        self._update_virtual_size()
        self._scroll_into_view()
        self._update_subtitle()

    def notify_style_update(self) -> None:
        """A theme or CSS change restyles the base of every row: drop the cached strips."""
        super().notify_style_update()
        self._strips.clear()

    def on_click(self, event: events.Click) -> None:
        timeline = self._timeline
        offset = event.get_content_offset(self)
        if timeline is None or offset is None or offset.x < GUTTER or offset.y >= HEIGHT:
            return
        touchpoint_id = timeline.touchpoint_at(offset.x - GUTTER + self.x_offset)
        if touchpoint_id is not None:
            self.post_message(self.TouchpointClicked(self, touchpoint_id))

    # Drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Row `y` of the view: the chart's rows, then the legend, then blank."""
        width = self.size.width
        strips = self._rows(self.x_offset, width)
        row = y + self.scroll_offset.y
        if 0 <= row < len(strips):
            return strips[row]
        return Strip.blank(width, self.rich_style)

    def _rows(self, x: int, width: int) -> list[Strip]:
        """All rows of the window at content offset `x`, rendered once per (x, width)."""
        key = (x, width)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        timeline = self._timeline
        strips: list[Strip] = []
        if timeline is not None and width > 0:
            console = self.app.console
            base = self.rich_style
            for text in [*timeline.render(x, width), *timeline.legend(width, self.legend_lines)]:
                strip = Strip(list(text.render(console)))
                strips.append(strip.adjust_cell_length(width, base).apply_style(base))
        self._strips[key] = strips
        return strips
