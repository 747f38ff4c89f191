"""Edits whose rules are the format's own: emotions, references when ids change or go.

Entities are treated as values here: every function returns new objects (via
`dataclasses.replace`, which keeps the `uid`) and never changes its arguments, so an undo
history can share the untouched ones.
"""

from __future__ import annotations

from dataclasses import replace

from cjm_tui.model.entities import Emotion, Touchpoint
from cjm_tui.model.journey import Map
from cjm_tui.model.rules import clamp_emotion


def bumped_emotion(
    tp: Touchpoint, delta: int, persona: str | None, personas: list[str]
) -> Emotion | None:
    """The emotion after `+` (delta 1) or `-` (delta -1).

    - No persona selected: a single value moves by one (no emotion becomes +1 or -1); a
      per-persona table moves every entry (an empty table becomes a single +1 or -1).
    - One persona selected: only that persona's value moves. A single value becomes a
      per-persona table in which every other persona who meets the touchpoint keeps it;
      no emotion becomes a table with just that persona.
    `personas` is every persona id of the map, in order.
    """
    emotion = tp.emotion
    if persona is None:
        if isinstance(emotion, dict) and emotion:
            return {pid: clamp_emotion(v + delta) for pid, v in emotion.items()}
        if isinstance(emotion, int):
            return clamp_emotion(emotion + delta)
        return clamp_emotion(delta)
    if isinstance(emotion, dict):
        table = dict(emotion)
    elif isinstance(emotion, int):
        table = {pid: emotion for pid in personas if tp.meets(pid)}
    else:
        table = {}
    current = table.get(persona)
    table[persona] = clamp_emotion(delta if current is None else current + delta)
    return table


def rename_stage(m: Map, old: str, new: str) -> None:
    """Point the touchpoints of stage `old` at `new` (the caller renames the stage itself)."""
    m.touchpoints = [replace(t, stage=new) if t.stage == old else t for t in m.touchpoints]


def rename_persona(m: Map, old: str, new: str) -> None:
    """Follow a persona id change in `personas` lists and emotion tables."""
    out: list[Touchpoint] = []
    for t in m.touchpoints:
        changes: dict[str, object] = {}
        if t.personas and old in t.personas:
            changes["personas"] = [new if p == old else p for p in t.personas]
        if isinstance(t.emotion, dict) and old in t.emotion:
            changes["emotion"] = {new if k == old else k: v for k, v in t.emotion.items()}
        out.append(replace(t, **changes) if changes else t)  # type: ignore[arg-type]
    m.touchpoints = out


def forget_persona(m: Map, persona: str) -> None:
    """Remove a deleted persona from `personas` lists and emotion tables.

    A `personas` list left empty is removed too: an empty list would mean "nobody".
    """
    out: list[Touchpoint] = []
    for t in m.touchpoints:
        changes: dict[str, object] = {}
        if t.personas and persona in t.personas:
            rest = [p for p in t.personas if p != persona]
            changes["personas"] = rest or None
        if isinstance(t.emotion, dict) and persona in t.emotion:
            changes["emotion"] = {k: v for k, v in t.emotion.items() if k != persona}
        out.append(replace(t, **changes) if changes else t)  # type: ignore[arg-type]
    m.touchpoints = out


def rename_touchpoint(m: Map, old: str, new: str) -> None:
    """Point every action of touchpoint `old` at `new`."""
    m.actions = [replace(a, touchpoint=new) if a.touchpoint == old else a for a in m.actions]
