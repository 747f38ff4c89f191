"""The details of the highlighted item: every key it has, as text (never markup)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cjm_tui import palette
from cjm_tui.model import Action, Map, Persona, Stage, Touchpoint, title_of, to_raw
from cjm_tui.model.rules import emotion_word
from cjm_tui.sanitize import clean

NOTHING = Text("Nothing selected.", style="dim italic")
LABELS = {
    "mot_reason": "why it matters",
    "pain_points": "pain points",
    "moment_of_truth": "moment of truth",
    "quick_win": "quick win",
}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {clean(str(v))}" for v in value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(str(value))


def describe(m: Map, item: Persona | Stage | Touchpoint | Action | None) -> Text:
    """Text for the detail pane; labels dim, values plain."""
    if item is None:
        return NOTHING.copy()
    out = Text()
    out.append(clean(title_of(item)) + "\n", style="bold")
    raw = to_raw(item)
    for key, value in raw.items():
        if key in ("name", "title"):
            continue
        label = LABELS.get(key, key.replace("_", " "))
        if key == "emotion" and isinstance(item, Touchpoint):
            out.append(f"{label}: ", style="dim")
            out.append_text(_emotion(m, item))
            out.append("\n")
            continue
        text = _value(value)
        sep = "\n" if "\n" in text else " "
        out.append(f"{label}:{sep}", style="dim")
        out.append(text + "\n")
    if isinstance(item, Touchpoint):
        for action in m.actions_for(item.id):
            out.append("action: ", style="dim")
            out.append(("★ " if action.is_quick_win else "") + clean(action.title) + "\n")
    return out


def _emotion(m: Map, tp: Touchpoint) -> Text:
    if isinstance(tp.emotion, int):
        return Text(
            f"{palette.emotion_label(tp.emotion)} {emotion_word(tp.emotion)}",
            style=palette.emotion_style(tp.emotion),
        )
    out = Text()
    index = {p.id: i for i, p in enumerate(m.personas)}
    for pid, value in (tp.emotion or {}).items():
        symbol, colour = palette.persona_style(index.get(pid, 0))
        out.append(f"\n  {symbol} ", style=colour)
        out.append(f"{palette.emotion_label(value):>2} ", style=palette.emotion_style(value))
        out.append(clean(pid))
    return out


class DetailView(VerticalScroll):
    """Scrolls when the item has more to say than fits."""

    DEFAULT_CSS = """
    DetailView { height: 1fr; padding: 0 1; }
    DetailView > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(NOTHING, id="detail-text")

    _shown: tuple[int | None, int] = (None, -1)

    def show(self, m: Map, item: Persona | Stage | Touchpoint | Action | None) -> None:
        text = describe(m, item)
        static = self.query_one("#detail-text", Static)
        width = static.content_size.width
        height = len(text.wrap(self.app.console, width)) if width > 0 else -1
        # The same item at the same height (an emotion -1 becoming +1) needs no layout pass,
        # which costs more than the rest of a keypress.
        shape = (item.uid if item else None, height)
        same = shape == self._shown and height >= 0
        self._shown = shape
        static.update(text, layout=not same)
