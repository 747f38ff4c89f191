"""The map's entities as plain dataclasses.

`None` means "the key is absent from the file", which is not the same as an empty value:
keeping the two apart is what lets a save write back exactly what was loaded.
Every entity carries a `uid` that is never written to the file; the store uses it to tell
which entity in an edited map is which entry in the file, even after an id was renamed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from cjm_tui.model.rules import METRIC_BETTER as METRIC_BETTER
from cjm_tui.model.rules import is_web_link as is_web_link

Emotion: TypeAlias = int | dict[str, int]
"""A touchpoint's emotion: one value for everybody, or one per persona id."""

DateValue: TypeAlias = dt.date | dt.datetime

_uids = itertools.count(1)


def new_uid() -> int:
    return next(_uids)


def _uid_field() -> Any:
    return field(default_factory=new_uid, compare=False, repr=False)


@dataclass
class MapInfo:
    """The `[map]` table."""

    format: int = 1
    title: str = ""
    kind: str | None = None
    description: str | None = None
    owner: str | None = None
    updated: DateValue | None = None
    persona_library: str | None = None
    metrics: dict[str, dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def effective_kind(self) -> str:
        return self.kind or "customer"

    def metric(self, name: str) -> MetricDefinition:
        """What a metric means (`[map.metrics.NAME]`); a metric without one is its name."""
        table = (self.metrics or {}).get(name) or {}
        label = table.get("label")
        target = table.get("target")
        better = table.get("better")
        return MetricDefinition(
            name=name,
            label=label if isinstance(label, str) else name,
            target=target if _is_number(target) else None,
            better=better if better in METRIC_BETTER else None,
        )


MetricValue: TypeAlias = int | float
"""A touchpoint's measure (`metrics = { csat = 3.1 }`)."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class MetricDefinition:
    """`[map.metrics.NAME]` as read: the label shown, the target and which way is better."""

    name: str
    label: str
    target: MetricValue | None = None
    better: str | None = None


def metric_status(value: MetricValue, definition: MetricDefinition) -> str | None:
    """Whether a metric is "met" or "missed" against the definition's target; None without
    a target or a direction: the one rule of a metric on target (detail pane, exports, the
    report)."""
    target, better = definition.target, definition.better
    if target is None or better is None:
        return None
    if better == "higher":
        return "met" if value >= target else "missed"
    return "met" if value <= target else "missed"


def metric_shortfall(value: MetricValue, definition: MetricDefinition) -> float:
    """How far a missed metric is from its target, relative to the target (0 when met or
    without a target): the report's order of "worst first"."""
    target = definition.target
    if metric_status(value, definition) != "missed" or target is None:
        return 0.0
    gap = abs(value - target)
    return gap / abs(target) if target else float(gap)


def format_number(value: MetricValue) -> str:
    """A metric value as written: integers without a point, floats as Python shows them."""
    return str(value)


@dataclass(frozen=True)
class PersonaLibrary:
    """Where a map's shared personas came from (`persona_library` in `[map]`).

    The library's personas stand first in `Map.personas`; `uids` tells which ones they are
    (an edit keeps an entity's uid), so the map's own file never gets them written into it.
    """

    path: str
    """As written in `persona_library` (relative to the map)."""
    file: str
    """The file it was read from."""
    uids: frozenset[int] = frozenset()


@dataclass
class Persona:
    """A segment, buyer persona or employee role (`[[personas]]`)."""

    id: str
    name: str
    description: str | None = None
    goals: list[str] | None = None
    pains: list[str] | None = None
    quote: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    uid: int = _uid_field()


@dataclass
class Stage:
    """A journey phase (`[[stages]]`), in journey order."""

    id: str
    name: str
    description: str | None = None
    goal: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    uid: int = _uid_field()


@dataclass
class Touchpoint:
    """One contact between the customer and the company (`[[touchpoints]]`)."""

    id: str
    stage: str
    name: str
    channel: str | None = None
    personas: list[str] | None = None
    doing: str | None = None
    thinking: str | None = None
    feeling: str | None = None
    expectation: str | None = None
    experience: str | None = None
    emotion: Emotion | None = None
    moment_of_truth: bool | None = None
    mot_reason: str | None = None
    pain_points: list[str] | None = None
    opportunities: list[str] | None = None
    owner: str | None = None
    backstage: list[str] | None = None
    support: list[str] | None = None
    evidence: list[str] | None = None
    status: str | None = None
    metrics: dict[str, MetricValue] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    uid: int = _uid_field()

    @property
    def is_moment_of_truth(self) -> bool:
        return bool(self.moment_of_truth)

    @property
    def is_verified(self) -> bool:
        return self.status == "verified"

    def meets(self, persona_id: str) -> bool:
        """Whether this persona meets the touchpoint (no `personas` key: everybody does)."""
        return self.personas is None or persona_id in self.personas

    def emotion_for(self, persona_id: str | None) -> int | None:
        """The emotion a persona feels here, or the touchpoint's overall emotion for `None`.

        The overall emotion of a per-persona table is its rounded mean (None when empty), the
        same number the Mermaid export uses.
        """
        emotion = self.emotion
        if emotion is None:
            return None
        if isinstance(emotion, int):
            if persona_id is not None and not self.meets(persona_id):
                return None
            return emotion
        if persona_id is None:
            return mean_emotion(emotion)
        return emotion.get(persona_id)

    @property
    def has_persona_emotions(self) -> bool:
        return isinstance(self.emotion, dict)


def mean_emotion(values: dict[str, int]) -> int | None:
    """Rounded mean of per-persona values, halves away from zero (so -0.5 is -1, not 0)."""
    return rounded_mean(list(values.values())) if values else None


def rounded_mean(values: Sequence[int]) -> int:
    """The mean of emotion values rounded to a point of the scale, halves away from zero:
    the one rounding of every curve (the timeline's, the exports')."""
    total, count = sum(values), len(values)
    sign = -1 if total < 0 else 1
    return sign * int((abs(total) * 2 + count) // (2 * count))


def worked_out_quick_win(effort: str | None, impact: str | None) -> bool:
    """An action is a quick win, when `quick_win` is not set, if it is cheap (effort low) and
    worth it (impact medium or high): the plan's rule, and what the form shows for "not set"."""
    return effort == "low" and impact in ("medium", "high")


@dataclass
class Action:
    """One improvement in the action plan (`[[actions]]`)."""

    id: str
    touchpoint: str
    title: str
    owner: str | None = None
    effort: str | None = None
    impact: str | None = None
    quick_win: bool | None = None
    due: DateValue | None = None
    state: str | None = None
    link: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    uid: int = _uid_field()

    @property
    def is_quick_win(self) -> bool:
        """Explicit `quick_win`, else cheap (effort low) and worth it (impact medium or high)."""
        if self.quick_win is not None:
            return self.quick_win
        return worked_out_quick_win(self.effort, self.impact)

    @property
    def effective_state(self) -> str:
        return self.state or "todo"

    @property
    def is_open(self) -> bool:
        """Not done yet (todo or doing): the one rule of "open" for every view."""
        return self.effective_state != "done"

    @property
    def due_day(self) -> dt.date | None:
        """The due date as a date (a date-time's day)."""
        due = self.due
        return due.date() if isinstance(due, dt.datetime) else due

    def is_overdue(self, today: dt.date) -> bool:
        """Past its due date (before `today`) and still open: the one rule of "overdue"
        (`cjm lint`'s action-overdue, the reports)."""
        due = self.due_day
        return due is not None and due < today and self.is_open
