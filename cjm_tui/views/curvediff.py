"""`cjm diff OLD NEW --curve`: the two versions' emotion curves overlaid in one timeline.

Rather than a second chart renderer, the two versions become one synthetic map whose two
"personas" are *before* and *after*: its touchpoints are the union of both versions' (new
journey order, with removed ones put back after the touchpoint they followed), and each
carries `{before: old value, after: new value}`. The ordinary `Timeline` then draws both curves
with its symbols, colours and gaps, so the overlay looks like every other chart in cjm.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.style import Style
from rich.text import Text

from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.model.rules import emotion_label
from cjm_tui.sanitize import clean_line
from cjm_tui.views.timeline import Timeline

BEFORE = "before"
AFTER = "after"
MIN_WIDTH = 40


@dataclass(frozen=True)
class EmotionChange:
    """A touchpoint whose value on the compared curve differs between the versions."""

    id: str
    name: str
    old: int | None
    new: int | None
    kind: str = "changed"
    """"changed", or "added"/"removed" for a touchpoint only one version has."""


def _merged_order(old_ids: list[str], new_ids: list[str]) -> list[str]:
    """New order, with ids only OLD has put back right after the id they followed there."""
    order = list(new_ids)
    position = {i: k for k, i in enumerate(order)}
    after: str | None = None
    for ident in old_ids:
        if ident not in position:
            at = position[after] + 1 if after is not None else 0
            order.insert(at, ident)
            position = {i: k for k, i in enumerate(order)}
        after = ident
    return order


def overlay(old: Map, new: Map, persona: str | None = None) -> Map:
    """The synthetic map of both curves (a persona's, or the overall one for `None`)."""
    old_stages = {s.id: s for s in old.stages}
    new_stages = {s.id: s for s in new.stages}
    stage_ids = _merged_order(list(old_stages), list(new_stages))
    stages = [Stage(sid, (new_stages.get(sid) or old_stages[sid]).name) for sid in stage_ids]

    old_tps = {tp.id: tp for tp in old.journey()}
    new_tps = {tp.id: tp for tp in new.journey()}
    touchpoints: list[Touchpoint] = []
    for tid in _merged_order(list(old_tps), list(new_tps)):
        before, now = old_tps.get(tid), new_tps.get(tid)
        shown = now or before
        assert shown is not None
        emotion: dict[str, int] = {}
        if before is not None and (value := before.emotion_for(persona)) is not None:
            emotion[BEFORE] = value
        if now is not None and (value := now.emotion_for(persona)) is not None:
            emotion[AFTER] = value
        touchpoints.append(
            Touchpoint(
                id=tid,
                stage=shown.stage,
                name=shown.name,
                emotion=emotion,
                moment_of_truth=shown.moment_of_truth,
            )
        )
    # touchpoints_by_stage keeps file order inside a stage: put them in stage order first.
    rank = {sid: k for k, sid in enumerate(stage_ids)}
    touchpoints.sort(key=lambda tp: rank.get(tp.stage, len(rank)))
    return Map(
        info=MapInfo(title=new.info.title or old.info.title),
        personas=[Persona(BEFORE, BEFORE), Persona(AFTER, AFTER)],
        stages=stages,
        touchpoints=touchpoints,
    )


def emotion_changes(old: Map, new: Map, persona: str | None = None) -> list[EmotionChange]:
    """Touchpoints whose value on the compared curve changed, in the overlay's order.

    A touchpoint only one version has counts when it has a value on the curve there.
    """
    old_tps = {tp.id: tp for tp in old.touchpoints}
    new_tps = {tp.id: tp for tp in new.touchpoints}
    changes: list[EmotionChange] = []
    for tp in overlay(old, new, persona).touchpoints:
        was, now = old_tps.get(tp.id), new_tps.get(tp.id)
        a = was.emotion_for(persona) if was is not None else None
        b = now.emotion_for(persona) if now is not None else None
        if a == b:
            continue
        kind = "added" if was is None else "removed" if now is None else "changed"
        changes.append(EmotionChange(tp.id, tp.name, a, b, kind))
    return changes


def _signed(value: int | None) -> str:
    return "(none)" if value is None else emotion_label(value)


def render_curves(
    old: Map,
    new: Map,
    persona: str | None = None,
    width: int = 100,
    labels: tuple[str, str] = ("OLD", "NEW"),
) -> RenderableType:
    """Both curves fitted to `width`, the legend naming each version, then the changes.

    Raises `ValueError` when `persona` is in neither map.
    """
    if persona is not None and old.persona(persona) is None and new.persona(persona) is None:
        raise ValueError(f"unknown persona {clean_line(persona)!r}")
    width = max(MIN_WIDTH, width)
    both = overlay(old, new, persona)
    both.personas[0].name = f"before: {clean_line(labels[0])}"
    both.personas[1].name = f"after: {clean_line(labels[1])}"
    timeline = Timeline(both, fit=width)
    whose = "overall emotion"
    if persona is not None:
        found = new.persona(persona) or old.persona(persona)
        whose = f"emotion of {clean_line(found.name if found else persona)}"
    parts: list[RenderableType] = [
        Text(f"Emotion curves, before and after ({whose})", Style(bold=True)),
        Text(),
    ]
    chart = timeline.render(0, width)
    for line in chart:
        line.rstrip()
    parts += [*chart, *timeline.legend(width), Text()]
    changes = emotion_changes(old, new, persona)
    if not changes:
        parts.append(Text("No emotion changed."))
    for change in changes:
        line = Text(f"{clean_line(change.id)} “{clean_line(change.name)}”: ")
        if change.kind == "added":
            line.append(f"added, {_signed(change.new)}", "green")
        elif change.kind == "removed":
            line.append(f"removed (was {_signed(change.old)})", "red")
        else:
            arrow = ""
            if change.old is not None and change.new is not None:
                arrow = " ↑" if change.new > change.old else " ↓"
            style = "green" if arrow == " ↑" else "red" if arrow == " ↓" else "yellow"
            line.append(f"{_signed(change.old)} → {_signed(change.new)}{arrow}", style)
        parts.append(line)
    return Constrain(Group(*parts), width)
