"""What a workshop reads off a map: where the journey breaks and who acts on it (headless).

Pure functions of a `Map` that return plain, frozen dataclasses; the report renderers
(`cjm_tui/reports/`) and the editor's analysis screen only lay them out. The rules come from
the model and stay there: who meets a touchpoint (`Touchpoint.meets`), a persona's emotion
and a touchpoint's overall one (`emotion_for`, whose per-persona mean is `mean_emotion`),
journey order (`Map.journey`), departments (`Map.owners`), quick wins (`Action.is_quick_win`)
and an action's state (`effective_state`).

- **Moments of truth**, in journey order, with each persona's emotion, owner and actions.
- **Lowest touchpoints**: every touchpoint with an emotion, ranked by its lowest persona
  emotion (a single value is everybody's), ties by the mean of its values, then journey order.
- **Gaps**: touchpoints whose expectation and experience are both written, lowest first.
- **Action plan**: quick wins first, then by owner (no owner last) and due date (none last);
  the **impact/effort matrix** places each action with both words in a 3x3 grid.
- **Departments** (silos): per touchpoint owner, its touchpoints, the average of their
  means, the moments of truth it owns, and the open actions it owns (state not done).
- **Channels**: per channel, how many touchpoints and their average emotion, overall (the
  average of their means) and per persona.
- **Coverage**: stages where a persona meets no touchpoint, personas with no emotion at all,
  touchpoints without evidence (hypotheses still to verify) or without an emotion, and
  stages without touchpoints.

Averages are plain floats; `average_label` rounds them to one decimal for display. One rule
for every mean: a touchpoint's per-persona emotions are averaged first (`touchpoint_mean`,
unrounded), then a department's or channel's touchpoints are averaged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cjm_tui.model import Action, DateValue, Map, Touchpoint
from cjm_tui.model.entities import MetricValue, metric_shortfall, metric_status
from cjm_tui.model.rules import LEVELS

NO_OWNER = "(no owner)"
NO_CHANNEL = "(no channel)"

IMPACT_ROWS: tuple[str, ...] = tuple(reversed(LEVELS))
"""The matrix's rows, top to bottom: high impact first."""
EFFORT_COLUMNS: tuple[str, ...] = LEVELS
"""The matrix's columns, left to right: low effort first."""


# Small rules of display ---------------------------------------------------------------


def average(values: Iterable[float]) -> float | None:
    """The plain mean of `values`; None when there are none (no data is not neutral)."""
    items = list(values)
    return sum(items) / len(items) if items else None


def average_label(value: float | None) -> str:
    """An average for display: signed, one decimal ("-0.5", "+1.0", "0.0"); "–" for none."""
    if value is None:
        return "–"
    rounded = round(value, 1)
    if rounded == 0:
        return "0.0"
    return f"{rounded:+.1f}"


def emotion_values(tp: Touchpoint) -> list[int]:
    """Every value of a touchpoint's emotion: its per-persona table's, or its single value."""
    emotion = tp.emotion
    if emotion is None:
        return []
    if isinstance(emotion, int):
        return [emotion]
    return list(emotion.values())


def touchpoint_mean(tp: Touchpoint) -> float | None:
    """The touchpoint's mean emotion: its per-persona values averaged, unrounded (a single
    value is everybody's). The one mean every view shows and averages further: a department's
    or a channel's average is the mean of its touchpoints' means, so a touchpoint at -1.5 is
    -1.5 in Lowest and counts as -1.5 in Departments (the rounded `mean_emotion`, -2, is the
    curve's point, not a number to average)."""
    return average(emotion_values(tp))


def _day(value: DateValue) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# Results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonaEmotion:
    persona: str
    """A persona id."""
    value: int | None
    """None: the persona meets the touchpoint but the table has no value for it."""


@dataclass(frozen=True)
class Moment:
    touchpoint: Touchpoint
    stage: str
    """The stage's name."""
    overall: int | None
    """The touchpoint's overall emotion (a per-persona table's rounded mean)."""
    by_persona: tuple[PersonaEmotion, ...]
    """With a per-persona table: each persona that meets the touchpoint or has a value, in
    the map's persona order. Empty for a single emotion, which is everybody's."""
    actions: tuple[Action, ...]

    @property
    def owner(self) -> str | None:
        return self.touchpoint.owner

    @property
    def reason(self) -> str | None:
        return self.touchpoint.mot_reason


@dataclass(frozen=True)
class Ranked:
    """A touchpoint with an emotion, placed in the ranking from the lowest up."""

    rank: int
    """1 for the lowest touchpoint."""
    touchpoint: Touchpoint
    stage: str
    lowest: int
    mean: float
    lowest_for: tuple[str, ...]
    """With a per-persona table: the ids of the personas whose value is the lowest."""

    @property
    def owner(self) -> str | None:
        return self.touchpoint.owner


@dataclass(frozen=True)
class Gap:
    """A touchpoint whose expectation and experience are both written."""

    touchpoint: Touchpoint
    stage: str
    lowest: int | None
    mean: float | None

    @property
    def expectation(self) -> str:
        return self.touchpoint.expectation or ""

    @property
    def experience(self) -> str:
        return self.touchpoint.experience or ""

    @property
    def owner(self) -> str | None:
        return self.touchpoint.owner


@dataclass(frozen=True)
class PlannedAction:
    action: Action
    touchpoint: str
    """The name of the action's touchpoint (its id when the touchpoint is gone)."""
    quick_win: bool
    state: str

    @property
    def is_open(self) -> bool:
        return self.action.is_open


@dataclass(frozen=True)
class Matrix:
    """Actions by impact (rows, high first) and effort (columns, low first)."""

    cells: dict[tuple[str, str], tuple[PlannedAction, ...]]
    """(impact, effort) for each of the nine cells, in plan order; empty cells included."""
    unplaced: tuple[PlannedAction, ...]
    """Actions whose impact or effort is not given."""

    def cell(self, impact: str, effort: str) -> tuple[PlannedAction, ...]:
        return self.cells[(impact, effort)]


@dataclass(frozen=True)
class Department:
    owner: str | None
    """None: the touchpoints (and actions) nobody owns."""
    touchpoints: tuple[Touchpoint, ...]
    average: float | None
    """The mean of its touchpoints' means (`touchpoint_mean`; those with an emotion)."""
    moments: tuple[Touchpoint, ...]
    open_actions: tuple[Action, ...]
    """Actions this department owns whose state is not done."""

    @property
    def name(self) -> str:
        return self.owner if self.owner is not None else NO_OWNER


@dataclass(frozen=True)
class Channel:
    channel: str | None
    """None: touchpoints without a channel."""
    touchpoints: tuple[Touchpoint, ...]
    average: float | None
    """The mean of the touchpoints' means (`touchpoint_mean`)."""
    by_persona: tuple[tuple[str, float | None], ...]
    """(persona id, the mean of that persona's emotions here), in the map's persona order."""

    @property
    def name(self) -> str:
        return self.channel if self.channel is not None else NO_CHANNEL

    @property
    def count(self) -> int:
        return len(self.touchpoints)


@dataclass(frozen=True)
class Coverage:
    missing_stages: tuple[tuple[str, tuple[str, ...]], ...]
    """(persona id, ids of the stages where it meets no touchpoint), personas with any."""
    personas_without_emotion: tuple[str, ...]
    without_evidence: tuple[Touchpoint, ...]
    """Touchpoints with no evidence listed: hypotheses still to verify."""
    without_emotion: tuple[Touchpoint, ...]
    """Touchpoints with no emotion at all (gaps on every curve)."""
    empty_stages: tuple[str, ...]

    @property
    def is_complete(self) -> bool:
        return not (
            self.missing_stages
            or self.personas_without_emotion
            or self.without_evidence
            or self.without_emotion
            or self.empty_stages
        )


@dataclass(frozen=True)
class MetricMiss:
    """A touchpoint's metric that misses its target (`model.entities.metric_status`)."""

    touchpoint: Touchpoint
    stage: str
    name: str
    label: str
    value: MetricValue
    target: MetricValue
    better: str
    shortfall: float
    """How far from the target, relative to it (0.25: a quarter short)."""

    @property
    def owner(self) -> str | None:
        return self.touchpoint.owner


@dataclass(frozen=True)
class Analysis:
    """Every view of one map, computed once."""

    moments: tuple[Moment, ...]
    lowest: tuple[Ranked, ...]
    gaps: tuple[Gap, ...]
    plan: tuple[PlannedAction, ...]
    matrix: Matrix
    departments: tuple[Department, ...]
    channels: tuple[Channel, ...]
    coverage: Coverage
    measured: bool = False
    """Whether any touchpoint has a metric (the report says nothing of metrics otherwise)."""
    off_target: tuple[MetricMiss, ...] = ()

    @property
    def quick_wins(self) -> tuple[PlannedAction, ...]:
        return tuple(p for p in self.plan if p.quick_win)


# The views -----------------------------------------------------------------------------


def _stage_names(m: Map) -> dict[str, str]:
    return {s.id: s.name for s in m.stages}


def persona_emotions(m: Map, tp: Touchpoint) -> tuple[PersonaEmotion, ...]:
    """A per-persona table, persona by persona: those that meet `tp` or have a value in it,
    in the map's persona order (ids the map lacks last). Empty for a single emotion."""
    emotion = tp.emotion
    if not isinstance(emotion, dict):
        return ()
    known = {p.id for p in m.personas}
    shown = [
        PersonaEmotion(p.id, tp.emotion_for(p.id))
        for p in m.personas
        if p.id in emotion or tp.meets(p.id)
    ]
    shown += [PersonaEmotion(pid, value) for pid, value in emotion.items() if pid not in known]
    return tuple(shown)


def moments_of_truth(m: Map) -> tuple[Moment, ...]:
    stages = _stage_names(m)
    actions: dict[str, list[Action]] = {}
    for a in m.actions:
        actions.setdefault(a.touchpoint, []).append(a)
    return tuple(
        Moment(
            touchpoint=tp,
            stage=stages.get(tp.stage, tp.stage),
            overall=tp.emotion_for(None),
            by_persona=persona_emotions(m, tp),
            actions=tuple(actions.get(tp.id, ())),
        )
        for tp in m.moments_of_truth()
    )


def _sort_key(values: list[int], index: int) -> tuple[int, int, float, int]:
    """Lowest first, ties by the mean, then journey order; no emotion after every value."""
    if not values:
        return (1, 0, 0.0, index)
    return (0, min(values), sum(values) / len(values), index)  # = touchpoint_mean


def lowest_touchpoints(m: Map, limit: int | None = None) -> tuple[Ranked, ...]:
    """Touchpoints with an emotion, the lowest first (`limit`: only that many)."""
    stages = _stage_names(m)
    scored = [
        (_sort_key(values, i), tp, values)
        for i, tp in enumerate(m.journey())
        if (values := emotion_values(tp))
    ]
    scored.sort(key=lambda item: item[0])
    if limit is not None:
        scored = scored[:limit]
    ranked: list[Ranked] = []
    for rank, (key, tp, _values) in enumerate(scored, start=1):
        lowest = key[1]
        lowest_for: tuple[str, ...] = ()
        if isinstance(tp.emotion, dict):
            lowest_for = tuple(p.persona for p in persona_emotions(m, tp) if p.value == lowest)
        ranked.append(
            Ranked(
                rank=rank,
                touchpoint=tp,
                stage=stages.get(tp.stage, tp.stage),
                lowest=lowest,
                mean=key[2],
                lowest_for=lowest_for,
            )
        )
    return tuple(ranked)


def gaps(m: Map) -> tuple[Gap, ...]:
    """Touchpoints with both an expectation and an experience, lowest emotion first (those
    without an emotion last), ties by journey order."""
    stages = _stage_names(m)
    found: list[tuple[tuple[int, int, float, int], Gap]] = []
    for i, tp in enumerate(m.journey()):
        if not (tp.expectation or "").strip() or not (tp.experience or "").strip():
            continue
        values = emotion_values(tp)
        key = _sort_key(values, i)
        gap = Gap(
            touchpoint=tp,
            stage=stages.get(tp.stage, tp.stage),
            lowest=min(values) if values else None,
            mean=average(values),
        )
        found.append((key, gap))
    found.sort(key=lambda item: item[0])
    return tuple(gap for _, gap in found)


def action_plan(m: Map) -> tuple[PlannedAction, ...]:
    """Every action: quick wins first, then by owner (none last), due date (none last), and
    file order."""
    names = {tp.id: tp.name for tp in m.touchpoints}

    def key(item: tuple[int, Action]) -> tuple[bool, bool, str, bool, dt.date, int]:
        index, a = item
        return (
            not a.is_quick_win,
            a.owner is None or a.owner == "",
            (a.owner or "").casefold(),
            a.due is None,
            _day(a.due) if a.due is not None else dt.date.min,
            index,
        )

    ordered = sorted(enumerate(m.actions), key=key)
    return tuple(
        PlannedAction(
            action=a,
            touchpoint=names.get(a.touchpoint, a.touchpoint),
            quick_win=a.is_quick_win,
            state=a.effective_state,
        )
        for _, a in ordered
    )


def impact_effort(plan: Iterable[PlannedAction]) -> Matrix:
    """The plan in a 3x3 grid; actions without both an impact and an effort apart."""
    cells: dict[tuple[str, str], list[PlannedAction]] = {
        (impact, effort): [] for impact in IMPACT_ROWS for effort in EFFORT_COLUMNS
    }
    unplaced: list[PlannedAction] = []
    for item in plan:
        place = (item.action.impact or "", item.action.effort or "")
        if place in cells:
            cells[place].append(item)
        else:
            unplaced.append(item)
    return Matrix({k: tuple(v) for k, v in cells.items()}, tuple(unplaced))


def _by_name(name: str | None) -> tuple[bool, str, str]:
    return (name is None, (name or "").casefold(), name or "")


def departments(m: Map) -> tuple[Department, ...]:
    """Every owner of a touchpoint or an action, by name; "(no owner)" last, when any
    touchpoint or open action has none."""
    owned = m.owners()
    unowned = tuple(tp for tp in m.journey() if not tp.owner)
    open_actions: dict[str | None, list[Action]] = {}
    for a in m.actions:
        if a.is_open:
            open_actions.setdefault(a.owner or None, []).append(a)
    names: set[str | None] = {*owned, *open_actions}
    if unowned:
        names.add(None)
    result: list[Department] = []
    for name in sorted(names, key=_by_name):
        tps = tuple(owned.get(name, ())) if name is not None else unowned
        result.append(
            Department(
                owner=name,
                touchpoints=tps,
                average=average(v for tp in tps if (v := touchpoint_mean(tp)) is not None),
                moments=tuple(tp for tp in tps if tp.is_moment_of_truth),
                open_actions=tuple(open_actions.get(name, ())),
            )
        )
    return tuple(result)


def channels(m: Map) -> tuple[Channel, ...]:
    """Every channel, by name; "(no channel)" last when any touchpoint has none."""
    groups: dict[str | None, list[Touchpoint]] = {}
    for tp in m.journey():
        groups.setdefault(tp.channel or None, []).append(tp)
    return tuple(
        Channel(
            channel=name,
            touchpoints=tuple(tps),
            average=average(v for tp in tps if (v := touchpoint_mean(tp)) is not None),
            by_persona=tuple(
                (p.id, average(v for tp in tps if (v := tp.emotion_for(p.id)) is not None))
                for p in m.personas
            ),
        )
        for name, tps in sorted(groups.items(), key=lambda item: _by_name(item[0]))
    )


def coverage(m: Map) -> Coverage:
    journey = m.journey()
    by_stage = m.touchpoints_by_stage()
    missing: list[tuple[str, tuple[str, ...]]] = []
    silent: list[str] = []
    for p in m.personas:
        stages = tuple(
            s.id for s in m.stages if not any(tp.meets(p.id) for tp in by_stage.get(s.id, ()))
        )
        if stages:
            missing.append((p.id, stages))
        if all(tp.emotion_for(p.id) is None for tp in journey):
            silent.append(p.id)
    return Coverage(
        missing_stages=tuple(missing),
        personas_without_emotion=tuple(silent),
        without_evidence=tuple(tp for tp in journey if not tp.evidence),
        without_emotion=tuple(tp for tp in journey if not emotion_values(tp)),
        empty_stages=tuple(s.id for s in m.stages if not by_stage.get(s.id)),
    )


def metrics_off_target(m: Map) -> tuple[MetricMiss, ...]:
    """Every metric that misses its target, the worst first (by its distance from the target
    relative to the target), ties in journey order."""
    stages = _stage_names(m)
    found: list[tuple[float, int, MetricMiss]] = []
    for index, tp in enumerate(m.journey()):
        for name, value in (tp.metrics or {}).items():
            definition = m.info.metric(name)
            if metric_status(value, definition) != "missed":
                continue
            assert definition.target is not None and definition.better is not None
            shortfall = metric_shortfall(value, definition)
            miss = MetricMiss(
                touchpoint=tp,
                stage=stages.get(tp.stage, tp.stage),
                name=name,
                label=definition.label,
                value=value,
                target=definition.target,
                better=definition.better,
                shortfall=shortfall,
            )
            found.append((-shortfall, index, miss))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(miss for _, _, miss in found)


def analyse(m: Map) -> Analysis:
    plan = action_plan(m)
    return Analysis(
        measured=any(tp.metrics for tp in m.touchpoints),
        off_target=metrics_off_target(m),
        moments=moments_of_truth(m),
        lowest=lowest_touchpoints(m),
        gaps=gaps(m),
        plan=plan,
        matrix=impact_effort(plan),
        departments=departments(m),
        channels=channels(m),
        coverage=coverage(m),
    )
