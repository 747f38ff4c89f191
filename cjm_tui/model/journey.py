"""The whole map and the views the editor, `cjm show` and the exports derive from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from cjm_tui.model.entities import Action, MapInfo, Persona, PersonaLibrary, Stage, Touchpoint


@dataclass
class CurvePoint:
    """One touchpoint on a persona's emotion curve; `value` None is a gap, not neutral."""

    touchpoint: Touchpoint
    value: int | None


@dataclass
class Map:
    """A journey map. Lists are in file order; stages' order is the journey's order."""

    info: MapInfo
    personas: list[Persona] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Root keys and tables the format does not define; kept, never interpreted."""
    library: PersonaLibrary | None = None
    """The persona library whose personas stand first in `personas` (`model/library.py`)."""

    def copy(self) -> Map:
        """A new map holding the same entity objects in fresh lists: edits replace entities,
        never change them, so this is all an edit (or a replay of others' edits) needs."""
        return Map(
            info=self.info,
            personas=list(self.personas),
            stages=list(self.stages),
            touchpoints=list(self.touchpoints),
            actions=list(self.actions),
            extra=self.extra,
            library=self.library,
        )

    # Lookups -----------------------------------------------------------------

    def persona(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        return next((t for t in self.touchpoints if t.id == touchpoint_id), None)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    # Journey order -----------------------------------------------------------

    def touchpoints_by_stage(self) -> dict[str, list[Touchpoint]]:
        """Every stage id (journey order) with its touchpoints in file order."""
        groups: dict[str, list[Touchpoint]] = {s.id: [] for s in self.stages}
        for tp in self.touchpoints:
            groups.setdefault(tp.stage, []).append(tp)
        return groups

    def journey(self) -> list[Touchpoint]:
        """All touchpoints in journey order: by stage, then as they stand in the file."""
        return [tp for tps in self.touchpoints_by_stage().values() for tp in tps]

    def touchpoints_of(self, persona_id: str | None) -> list[Touchpoint]:
        """The touchpoints a persona meets, in journey order (`None`: all of them)."""
        tps = self.journey()
        if persona_id is None:
            return tps
        return [tp for tp in tps if tp.meets(persona_id)]

    def last_stage_used(self) -> str | None:
        """The stage of the file's last touchpoint, else the first stage."""
        if self.touchpoints:
            return self.touchpoints[-1].stage
        return self.stages[0].id if self.stages else None

    # Editing -----------------------------------------------------------------

    def insert_touchpoint(self, tp: Touchpoint) -> int:
        """Add `tp` after the last touchpoint of its stage, keeping the file in journey order.

        A stage with no touchpoints yet gets it after the touchpoints of the nearest stage
        before it that has some (stages may have been reordered since the file was written),
        else before the first touchpoint of a later stage. Returns the index in `touchpoints`.
        """
        order = {s.id: i for i, s in enumerate(self.stages)}
        rank = order.get(tp.stage, len(order))
        last_of: dict[str, int] = {}
        first_of: dict[str, int] = {}
        for i, t in enumerate(self.touchpoints):
            last_of[t.stage] = i
            first_of.setdefault(t.stage, i)
        index = len(self.touchpoints) if tp.stage not in order else 0
        if tp.stage in last_of:
            index = last_of[tp.stage] + 1
        else:
            earlier = [last_of[s.id] for s in self.stages[:rank] if s.id in last_of]
            later = [first_of[s.id] for s in self.stages[rank + 1 :] if s.id in first_of]
            if earlier:
                index = earlier[-1] + 1
            elif later:
                index = min(later)
        self.touchpoints.insert(index, tp)
        return index

    # Emotions ----------------------------------------------------------------

    @property
    def has_persona_emotions(self) -> bool:
        return any(tp.has_persona_emotions for tp in self.touchpoints)

    def emotion_curve(self, persona_id: str | None = None) -> list[CurvePoint]:
        """A persona's curve over the touchpoints it meets (`None`: the overall curve)."""
        return [
            CurvePoint(tp, tp.emotion_for(persona_id)) for tp in self.touchpoints_of(persona_id)
        ]

    def curve_personas(self) -> list[str | None]:
        """Which curves to draw: one per persona when any emotion is per persona, else one."""
        if self.has_persona_emotions and self.personas:
            return [p.id for p in self.personas]
        return [None]

    # Workshop outcomes -------------------------------------------------------

    def moments_of_truth(self) -> list[Touchpoint]:
        """Moments of truth in journey order."""
        return [tp for tp in self.journey() if tp.is_moment_of_truth]

    def quick_wins(self) -> list[Action]:
        return [a for a in self.actions if a.is_quick_win]

    def actions_for(self, touchpoint_id: str) -> list[Action]:
        return [a for a in self.actions if a.touchpoint == touchpoint_id]

    def owners(self) -> dict[str, list[Touchpoint]]:
        """Departments (touchpoint owners) with the touchpoints they own, in journey order."""
        groups: dict[str, list[Touchpoint]] = defaultdict(list)
        for tp in self.journey():
            if tp.owner:
                groups[tp.owner].append(tp)
        return dict(groups)

    def stage_name(self, stage_id: str) -> str:
        stage = self.stage(stage_id)
        return stage.name if stage else stage_id
