"""The details of the highlighted item: every key it has, as text (never markup)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cjm_tui.i18n import _
from cjm_tui.i18n.words import choice_word, emotion_word
from cjm_tui.model import Action, Map, Persona, Stage, Touchpoint, title_of, to_raw
from cjm_tui.model.entities import format_number, metric_status
from cjm_tui.model.library import is_library_persona
from cjm_tui.sanitize import clean
from cjm_tui.views import colours

CHOICE_KEYS = frozenset({"kind", "status", "effort", "impact", "state"})
"""Keys whose value is one of the format's words: shown in the interface's language."""


def nothing() -> Text:
    return Text(_("Nothing selected."), style="dim italic")


def labels() -> dict[str, str]:
    """The label of each key the format defines; a team's own keys show as they are."""
    return {
        "id": _("id"),
        "kind": _("kind"),
        "description": _("description"),
        "owner": _("owner"),
        "updated": _("updated"),
        "goals": _("goals"),
        "pains": _("pains"),
        "quote": _("quote"),
        "goal": _("goal"),
        "stage": _("stage"),
        "channel": _("channel"),
        "personas": _("personas"),
        "doing": _("doing"),
        "thinking": _("thinking"),
        "feeling": _("feeling"),
        "expectation": _("expectation"),
        "experience": _("experience"),
        "emotion": _("emotion"),
        "moment_of_truth": _("moment of truth"),
        "mot_reason": _("why it matters"),
        "pain_points": _("pain points"),
        "opportunities": _("opportunities"),
        "backstage": _("backstage"),
        "support": _("support"),
        "evidence": _("evidence"),
        "status": _("status"),
        "touchpoint": _("touchpoint"),
        "effort": _("effort"),
        "impact": _("impact"),
        "quick_win": _("quick win"),
        "due": _("due"),
        "state": _("state"),
        "metrics": _("metrics"),
        "link": _("link"),
    }


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"• {clean(str(v))}" for v in value) or _("(none)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(str(value))


def describe(m: Map, item: Persona | Stage | Touchpoint | Action | None) -> Text:
    """Text for the detail pane; labels dim, values plain."""
    if item is None:
        return nothing()
    out = Text()
    out.append(clean(title_of(item)) + "\n", style="bold")
    if isinstance(item, Persona) and is_library_persona(m, item) and m.library is not None:
        out.append(
            "⧉ " + _("from the persona library {file}", file=clean(m.library.path)) + "\n",
            style="dim",
        )
    raw = to_raw(item)
    names = labels()
    for key, value in raw.items():
        if key in ("name", "title"):
            continue
        label = names.get(key, key.replace("_", " "))
        if key == "emotion" and isinstance(item, Touchpoint):
            out.append(f"{label}: ", style="dim")
            out.append_text(_emotion(m, item))
            out.append("\n")
            continue
        if key == "metrics" and isinstance(item, Touchpoint):
            out.append(f"{label}:", style="dim")
            out.append_text(metrics_text(m, item))
            out.append("\n")
            continue
        text = _value(value)
        if key in CHOICE_KEYS and isinstance(value, str):
            text = clean(choice_word(value))
        sep = "\n" if "\n" in text else " "
        out.append(f"{label}:{sep}", style="dim")
        out.append(text + "\n")
    if isinstance(item, Touchpoint):
        for action in m.actions_for(item.id):
            out.append(_("action") + ": ", style="dim")
            out.append(("★ " if action.is_quick_win else "") + clean(action.title) + "\n")
    return out


def _emotion(m: Map, tp: Touchpoint) -> Text:
    if isinstance(tp.emotion, int):
        return Text(
            f"{colours.emotion_label(tp.emotion)} {emotion_word(tp.emotion)}",
            style=colours.emotion_style(tp.emotion),
        )
    out = Text()
    index = {p.id: i for i, p in enumerate(m.personas)}
    for pid, value in (tp.emotion or {}).items():
        symbol, colour = colours.persona_style(index.get(pid, 0))
        out.append(f"\n  {symbol} ", style=colour)
        out.append(f"{colours.emotion_label(value):>2} ", style=colours.emotion_style(value))
        out.append(clean(pid))
    return out


def metric_words() -> dict[str, tuple[str, str, str]]:
    """A metric's status as a symbol, a word and a colour: never colour alone."""
    return {"met": ("✓", _("met"), "green"), "missed": ("✗", _("missed"), "red")}


def metrics_text(m: Map, tp: Touchpoint) -> Text:
    """One line a metric: "CSAT (1-5): 3.1 (target 4.0, ✗ missed)"; names are data."""
    out = Text()
    words = metric_words()
    for name, value in (tp.metrics or {}).items():
        definition = m.info.metric(name)
        out.append(f"\n  {clean(definition.label)}: {format_number(value)}")
        status = metric_status(value, definition)
        if definition.target is None:
            continue
        out.append(" (" + _("target {target}", target=format_number(definition.target)))
        if status is not None:
            symbol, word, colour = words[status]
            out.append(", ")
            out.append(f"{symbol} {word}", style=colour)
        out.append(")")
    return out


class DetailView(VerticalScroll):
    """Scrolls when the item has more to say than fits."""

    DEFAULT_CSS = """
    DetailView { height: 1fr; padding: 0 1; }
    DetailView > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(nothing(), id="detail-text")

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
        first = self._shown[1] < 0
        self._shown = shape
        if same or first:
            static.update(text, layout=not same)
        else:
            # A new height needs a layout pass of the screen: it waits for the frame that
            # shows the key's effect in the list and the timeline (a frame later, ~10 ms,
            # instead of delaying that frame by as much). Later calls are queued behind it.
            self.call_after_refresh(static.update, text)
