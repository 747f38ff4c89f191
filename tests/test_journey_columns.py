"""The journey's columns, shared by the timeline, the SVG chart and the HTML grid."""

from __future__ import annotations

from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.views.journey_columns import (
    JourneyColumn,
    curve_runs,
    emotion_at,
    journey_columns,
    stage_runs,
)


def journey_map() -> Map:
    """Stages: one touchpoint, none, three (a moment of truth among them), then a touchpoint
    whose stage the map does not have."""
    return Map(
        MapInfo(title="t"),
        personas=[Persona("a", "A"), Persona("b", "B")],
        stages=[Stage("s1", "One"), Stage("s2", "Empty"), Stage("s3", "Three", goal="g")],
        touchpoints=[
            Touchpoint("t3a", "s3", "3a", emotion={"a": 1, "b": -1}),
            Touchpoint("t1", "s1", "1", emotion={"a": 2}, moment_of_truth=True),
            Touchpoint("lost", "nowhere", "lost", emotion=0),
            Touchpoint("t3b", "s3", "3b", emotion={"b": 2}, personas=["b"]),
            Touchpoint("t3c", "s3", "3c", moment_of_truth=True),
        ],
    )


def test_columns_in_journey_order_with_a_placeholder_for_an_empty_stage() -> None:
    journey = journey_columns(journey_map())
    shown = [(c.stage, c.touchpoint and c.touchpoint.id, c.number) for c in journey.columns]
    assert shown == [
        (0, "t1", 1),
        (1, None, 0),
        (2, "t3a", 2),
        (2, "t3b", 3),
        (2, "t3c", 4),
        (3, "lost", 5),
    ]


def test_stage_spans_cover_every_column_once() -> None:
    m = journey_map()
    journey = journey_columns(m)
    spans = [(s.stage_id, s.name, s.first, s.count, s.end) for s in journey.stages]
    assert spans == [
        ("s1", "One", 0, 1, 1),
        ("s2", "Empty", 1, 1, 2),
        ("s3", "Three", 2, 3, 5),
        ("nowhere", "nowhere", 5, 1, 6),  # an unknown stage is named by its id
    ]
    assert [s.stage for s in journey.stages] == [*m.stages, None]
    for s, span in enumerate(journey.stages):
        assert all(c.stage == s for c in journey.columns[span.first : span.end])


def test_moments_of_truth_are_columns() -> None:
    journey = journey_columns(journey_map())
    assert journey.moments_of_truth == [0, 4]
    assert journey.has_moments_of_truth
    assert not journey.columns[1].is_moment_of_truth  # the placeholder
    plain = Map(MapInfo(), stages=[Stage("s", "S")], touchpoints=[Touchpoint("t", "s", "T")])
    assert not journey_columns(plain).has_moments_of_truth


def test_no_stages_no_columns() -> None:
    journey = journey_columns(Map(MapInfo()))
    assert journey.columns == [] and journey.stages == []
    only = journey_columns(Map(MapInfo(), stages=[Stage("a", "A"), Stage("b", "B")]))
    assert [(c.stage, c.touchpoint) for c in only.columns] == [(0, None), (1, None)]


def test_curves_step_over_absent_personas_and_break_at_gaps() -> None:
    journey = journey_columns(journey_map())
    # a: 2 at t1, the empty stage stepped over, 1 at t3a, not at t3b (personas=["b"]),
    # t3c without an emotion breaks the line, 'lost' has one emotion for everybody.
    assert journey.curve("a") == [
        (2, True),
        (None, False),
        (1, True),
        (None, False),
        (None, True),
        (0, True),
    ]
    assert journey.segments("a") == [[(0, 2), (2, 1)], [(5, 0)]]
    assert journey.segments("b") == [[(2, -1), (3, 2)], [(5, 0)]]
    # The overall curve: rounded means, the single emotion of 'lost' after a gap.
    assert journey.segments(None) == [[(0, 2), (2, 0), (3, 2)], [(5, 0)]]


def test_a_recorded_emotion_counts_even_where_the_persona_list_leaves_it_out() -> None:
    tp = Touchpoint("t", "s", "T", emotion={"a": -2}, personas=["b"])
    assert emotion_at(tp, "a") == (-2, True)
    assert emotion_at(tp, "c") == (None, False)
    assert emotion_at(tp, "b") == (None, True)


def test_curve_runs() -> None:
    assert curve_runs([]) == []
    assert curve_runs([(1, True), (None, False), (2, True), (None, True), (0, True)]) == [
        [(0, 1), (2, 2)],
        [(4, 0)],
    ]
    assert curve_runs([(None, True), (None, True)]) == []


def test_stage_runs_of_a_slice() -> None:
    cols = [JourneyColumn(s, None) for s in (0, 1, 1, 1, 2)]
    assert [[c.stage for c in run] for run in stage_runs(cols)] == [[0], [1, 1, 1], [2]]
    assert [[c.stage for c in run] for run in stage_runs(cols[2:4])] == [[1, 1]]
    assert stage_runs([]) == []
