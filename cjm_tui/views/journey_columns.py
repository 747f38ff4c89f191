"""The journey as columns: which touchpoint stands in which column, under which stage.

The emotion timeline, the SVG chart and the HTML map grid draw the same journey left to
right: the stages in journey order, each stage's touchpoints one column each in file order,
and a stage without touchpoints one empty placeholder column, so that its name still shows.
Touchpoints naming a stage the map does not have come last, under that stage id.
This module says that once; each renderer keeps its own geometry (cells, pixels, table cells).

A curve follows one rule everywhere (`emotion_at`, `curve_runs`): a touchpoint a persona does
not meet is stepped over, one it meets without an emotion breaks the line (a gap, never a
zero), and an empty stage is stepped over.

Plain dataclasses over the model: no rich and no textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjm_tui.model import Map, Stage, Touchpoint

CurvePoint = tuple[int | None, bool]
"""A curve at one column: its value (None: no emotion) and whether the persona is there."""


@dataclass(frozen=True)
class JourneyColumn:
    """One column of the journey."""

    stage: int
    """The index of its stage in `JourneyColumns.stages`."""
    touchpoint: Touchpoint | None
    """None: the placeholder of a stage without touchpoints."""
    number: int = 0
    """The touchpoint's 1-based number in journey order (0 for a placeholder)."""

    @property
    def is_moment_of_truth(self) -> bool:
        return self.touchpoint is not None and self.touchpoint.is_moment_of_truth


@dataclass(frozen=True)
class StageSpan:
    """A stage and the run of columns under it, `first` to `first + count` (never empty)."""

    stage_id: str
    name: str
    """The stage's name as the map has it (its id for a stage the map does not have):
    unsanitized, each renderer cleans text its own way."""
    stage: Stage | None
    """None for a stage id that touchpoints name but the map does not define."""
    first: int
    count: int

    @property
    def end(self) -> int:
        """The column after the stage's last."""
        return self.first + self.count


@dataclass(frozen=True)
class JourneyColumns:
    """The journey's columns and its stages' spans over them, in journey order."""

    columns: list[JourneyColumn]
    stages: list[StageSpan]

    @property
    def moments_of_truth(self) -> list[int]:
        """The columns (indices) of the moments of truth."""
        return [c for c, col in enumerate(self.columns) if col.is_moment_of_truth]

    @property
    def has_moments_of_truth(self) -> bool:
        return any(col.is_moment_of_truth for col in self.columns)

    def curve(self, persona: str | None) -> list[CurvePoint]:
        """A persona's curve (`None`: the overall one) at every column; a placeholder column
        has no value and no persona."""
        return [
            (None, False) if col.touchpoint is None else emotion_at(col.touchpoint, persona)
            for col in self.columns
        ]

    def segments(self, persona: str | None) -> list[list[tuple[int, int]]]:
        """A persona's curve as the runs of (column, value) that its line joins."""
        return curve_runs(self.curve(persona))


def journey_columns(m: Map) -> JourneyColumns:
    """The columns of a map's journey, in O(stages + touchpoints)."""
    known: dict[str, Stage] = {}
    for defined in m.stages:
        known.setdefault(defined.id, defined)  # the first of a (rejected) duplicate id, as m.stage
    columns: list[JourneyColumn] = []
    stages: list[StageSpan] = []
    number = 0
    for s, (stage_id, tps) in enumerate(m.touchpoints_by_stage().items()):
        first = len(columns)
        if not tps:
            columns.append(JourneyColumn(s, None))
        for tp in tps:
            number += 1
            columns.append(JourneyColumn(s, tp, number))
        stage = known.get(stage_id)
        name = stage.name if stage is not None else stage_id
        stages.append(StageSpan(stage_id, name, stage, first, len(columns) - first))
    return JourneyColumns(columns, stages)


def stage_runs(columns: Sequence[JourneyColumn]) -> list[list[JourneyColumn]]:
    """`columns` cut where the stage changes: each stage's columns, or its part of a slice
    of them (a printed table that starts or ends inside a stage)."""
    runs: list[list[JourneyColumn]] = []
    for col in columns:
        if runs and runs[-1][0].stage == col.stage:
            runs[-1].append(col)
        else:
            runs.append([col])
    return runs


def emotion_at(tp: Touchpoint, persona: str | None) -> CurvePoint:
    """A persona's emotion at a touchpoint (`None`: the overall one) and whether the persona
    is there: it is when it meets the touchpoint or has an emotion recorded on it (even one
    the `personas` list leaves out, so that nothing recorded goes unseen)."""
    value = tp.emotion_for(persona)
    return value, value is not None or persona is None or tp.meets(persona)


def curve_runs(points: Sequence[CurvePoint]) -> list[list[tuple[int, int]]]:
    """The runs of (index, value) a curve's line joins: a point where the persona is not is
    stepped over, one where it is without a value ends the run."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for c, (value, present) in enumerate(points):
        if not present:
            continue
        if value is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.append((c, value))
    if current:
        runs.append(current)
    return runs
