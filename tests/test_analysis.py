"""The analysis views (`cjm_tui.reports.analysis`) on a small hand-made map whose answers are known.

The map (`SMALL`, below) has three personas, four stages (the last empty), five touchpoints and
five actions, chosen so that each rule has a case that could go wrong: a ranking tie on the
lowest emotion broken by the mean against journey order, a department whose average is the
mean of -2 and +1, a persona without any emotion, a quick win by the rule and one by hand (and
done), a due date-time beside plain dates, an action with no impact.
"""

from __future__ import annotations

import tomllib

import pytest

from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint, map_from_raw
from cjm_tui.model.validate import validate
from cjm_tui.reports.analysis import (
    NO_CHANNEL,
    NO_OWNER,
    PersonaEmotion,
    analyse,
    average,
    average_label,
    emotion_values,
    lowest_touchpoints,
)

SMALL = """
[map]
format = 1
title = "Small"

[[personas]]
id = "a"
name = "Ann, 30, buyer"

[[personas]]
id = "b"
name = "Bob"

[[personas]]
id = "c"
name = "Cy"

[[stages]]
id = "s1"
name = "One"

[[stages]]
id = "s2"
name = "Two"

[[stages]]
id = "s3"
name = "Three"

[[stages]]
id = "s4"
name = "Later"

[[touchpoints]]
id = "t1"
stage = "s1"
name = "Poster"
channel = "web"
personas = ["a", "b"]
emotion = -2
moment_of_truth = true
mot_reason = "First look"
expectation = "Price"
experience = "No price"
owner = "Sales"
evidence = ["Interview 1"]

[[touchpoints]]
id = "t2"
stage = "s1"
name = "Call"
channel = "phone"
personas = ["a"]
emotion = 1
expectation = "Someone answers"
owner = "Sales"

[[touchpoints]]
id = "t3"
stage = "s2"
name = "Form"
channel = "web"
emotion = { a = -2, b = 2 }
moment_of_truth = true
expectation = "Five minutes"
experience = "Nine steps"
owner = "Support"

[[touchpoints]]
id = "t4"
stage = "s2"
name = "Chat"
personas = ["a"]

[[touchpoints]]
id = "t5"
stage = "s3"
name = "Desk"
channel = "shop"
personas = ["a", "b"]
emotion = { a = -2, b = -1 }
expectation = "A chair"
experience = "   "
owner = "Support"

[[actions]]
id = "x1"
touchpoint = "t1"
title = "Fix poster"
owner = "Sales"
effort = "low"
impact = "high"
due = 2026-12-01

[[actions]]
id = "x2"
touchpoint = "t3"
title = "Redo form"
owner = "Support"
effort = "high"
impact = "high"
due = 2026-11-01
state = "doing"

[[actions]]
id = "x3"
touchpoint = "t2"
title = "Train staff"
owner = "Sales"
effort = "medium"
impact = "low"
quick_win = true
due = 2026-10-01T09:00:00
state = "done"

[[actions]]
id = "x4"
touchpoint = "t5"
title = "Move desk"
effort = "low"

[[actions]]
id = "x5"
touchpoint = "t3"
title = "Call back"
owner = "Marketing"
effort = "low"
impact = "medium"
due = 2026-11-15
"""


def small() -> Map:
    raw = tomllib.loads(SMALL)
    assert validate(raw) == []
    return map_from_raw(raw)


def test_moments_of_truth_carry_emotion_per_persona_owner_and_actions() -> None:
    a = analyse(small())
    assert [m.touchpoint.id for m in a.moments] == ["t1", "t3"]
    poster, form = a.moments
    assert (poster.stage, poster.overall, poster.by_persona) == ("One", -2, ())
    assert [x.id for x in poster.actions] == ["x1"]
    assert (poster.owner, poster.reason) == ("Sales", "First look")
    # Cy meets the form (no personas list) but the table has no value for him: shown as None.
    assert form.by_persona == (
        PersonaEmotion("a", -2),
        PersonaEmotion("b", 2),
        PersonaEmotion("c", None),
    )
    assert form.overall == 0  # the model's rounded mean of -2 and +2
    assert [x.id for x in form.actions] == ["x2", "x5"]


def test_lowest_ranks_by_the_lowest_persona_emotion_then_the_mean() -> None:
    ranked = analyse(small()).lowest
    # Three touchpoints share the lowest value -2; the means (-2.0, -1.5, 0.0) order them,
    # so t5 (third stage) comes before t3 (second stage). t4 has no emotion: not ranked.
    assert [(r.touchpoint.id, r.rank, r.lowest, r.mean) for r in ranked] == [
        ("t1", 1, -2, -2.0),
        ("t5", 2, -2, -1.5),
        ("t3", 3, -2, 0.0),
        ("t2", 4, 1, 1.0),
    ]
    assert [r.lowest_for for r in ranked] == [(), ("a",), ("a",), ()]
    assert [r.owner for r in ranked[:3]] == ["Sales", "Support", "Support"]
    assert [r.touchpoint.id for r in lowest_touchpoints(small(), limit=2)] == ["t1", "t5"]


def test_gaps_need_both_texts_and_come_lowest_first() -> None:
    gaps = analyse(small()).gaps
    # t2 has no experience, t5 a blank one: neither is a gap.
    assert [(g.touchpoint.id, g.lowest, g.mean) for g in gaps] == [
        ("t1", -2, -2.0),
        ("t3", -2, 0.0),
    ]
    assert (gaps[0].expectation, gaps[0].experience) == ("Price", "No price")


def test_action_plan_quick_wins_first_then_owner_then_due() -> None:
    a = analyse(small())
    plan = [(p.action.id, p.quick_win, p.state) for p in a.plan]
    assert plan == [
        ("x5", True, "todo"),  # quick win by the rule (low effort, medium impact), Marketing
        ("x3", True, "done"),  # quick win by hand, Sales, due 2026-10-01 (a date-time)
        ("x1", True, "todo"),  # quick win by the rule, Sales, due 2026-12-01
        ("x2", False, "doing"),
        ("x4", False, "todo"),  # no owner: last
    ]
    assert [p.action.id for p in a.quick_wins] == ["x5", "x3", "x1"]
    assert [p.touchpoint for p in a.plan] == ["Form", "Call", "Poster", "Form", "Desk"]
    assert [p.is_open for p in a.plan] == [True, False, True, True, True]


def test_impact_effort_matrix_cells() -> None:
    matrix = analyse(small()).matrix
    placed = {k: [p.action.id for p in v] for k, v in matrix.cells.items() if v}
    assert placed == {
        ("high", "low"): ["x1"],
        ("high", "high"): ["x2"],
        ("low", "medium"): ["x3"],
        ("medium", "low"): ["x5"],
    }
    assert len(matrix.cells) == 9
    assert [p.action.id for p in matrix.unplaced] == ["x4"]  # effort without impact


def test_departments_average_moments_and_open_actions() -> None:
    found = {d.name: d for d in analyse(small()).departments}
    assert list(found) == ["Marketing", "Sales", "Support", NO_OWNER]
    sales = found["Sales"]
    assert [tp.id for tp in sales.touchpoints] == ["t1", "t2"]
    assert sales.average == pytest.approx(-0.5)  # the mean of -2 and +1
    assert average_label(sales.average) == "-0.5"
    assert [tp.id for tp in sales.moments] == ["t1"]
    assert [x.id for x in sales.open_actions] == ["x1"]  # x3 is done
    support = found["Support"]
    # The touchpoints' means, unrounded: t3's -2, +2 is 0; t5's -2, -1 is -1.5 (not the
    # curve's rounded -2), so Support is -0.75.
    assert support.average == pytest.approx(-0.75)
    assert [x.id for x in support.open_actions] == ["x2"]
    marketing = found["Marketing"]  # owns an action, no touchpoint
    assert (marketing.touchpoints, marketing.average) == ((), None)
    assert [x.id for x in marketing.open_actions] == ["x5"]
    nobody = found[NO_OWNER]
    assert nobody.owner is None
    assert [tp.id for tp in nobody.touchpoints] == ["t4"]
    assert nobody.average is None  # t4 has no emotion: no data, not neutral
    assert [x.id for x in nobody.open_actions] == ["x4"]


def test_a_department_averages_the_same_touchpoint_means_lowest_shows() -> None:
    """One rule: per-persona emotions averaged per touchpoint (unrounded), then per
    department or channel. A lone touchpoint at -2/-1 is -1.5 in Lowest, in Departments and
    in Channels (Departments once showed -2.0, the curve's rounded point)."""
    m = Map(
        info=MapInfo(title="Clinic"),
        personas=[Persona(id="p1", name="P1"), Persona(id="p2", name="P2")],
        stages=[Stage(id="s", name="S")],
        touchpoints=[
            Touchpoint(
                id="portal",
                stage="s",
                name="Patient portal",
                channel="web",
                owner="Digital",
                emotion={"p1": -2, "p2": -1},
            )
        ],
    )
    a = analyse(m)
    assert [(r.touchpoint.id, r.mean) for r in a.lowest] == [("portal", -1.5)]
    (digital,) = a.departments
    assert digital.name == "Digital"
    assert average_label(digital.average) == average_label(a.lowest[0].mean) == "-1.5"
    (web,) = a.channels
    assert average_label(web.average) == "-1.5"


def test_channels_count_and_average_per_persona() -> None:
    found = {c.name: c for c in analyse(small()).channels}
    assert list(found) == ["phone", "shop", "web", NO_CHANNEL]
    web = found["web"]
    assert web.count == 2
    assert web.average == pytest.approx(-1.0)  # t1 -2 and t3 0 (the mean of -2, +2)
    assert dict(web.by_persona) == {"a": -2.0, "b": 0.0, "c": None}
    assert dict(found["phone"].by_persona) == {"a": 1.0, "b": None, "c": None}
    assert dict(found["shop"].by_persona) == {"a": -2.0, "b": -1.0, "c": None}
    assert (found[NO_CHANNEL].count, found[NO_CHANNEL].average) == (1, None)


def test_coverage_lists_what_is_missing() -> None:
    c = analyse(small()).coverage
    assert c.missing_stages == (("a", ("s4",)), ("b", ("s4",)), ("c", ("s1", "s3", "s4")))
    assert c.personas_without_emotion == ("c",)
    assert [tp.id for tp in c.without_evidence] == ["t2", "t3", "t4", "t5"]
    assert [tp.id for tp in c.without_emotion] == ["t4"]
    assert c.empty_stages == ("s4",)
    assert not c.is_complete


def test_a_fresh_map_has_empty_views() -> None:
    raw = {"map": {"format": 1, "title": "New"}, "stages": [{"id": "s", "name": "S"}]}
    a = analyse(map_from_raw(raw))
    assert a.moments == a.lowest == a.gaps == a.plan == a.departments == a.channels == ()
    assert a.matrix.unplaced == () and all(not v for v in a.matrix.cells.values())
    assert a.coverage.empty_stages == ("s",)


@pytest.mark.parametrize(
    ("value", "label"),
    [(None, "–"), (-0.5, "-0.5"), (1, "+1.0"), (0.04, "0.0"), (-0.04, "0.0"), (-4 / 3, "-1.3")],
)
def test_average_label(value: float | None, label: str) -> None:
    assert average_label(value) == label


def test_average_and_emotion_values() -> None:
    assert average([]) is None
    assert average([-2, 1]) == pytest.approx(-0.5)
    m = small()
    tps = {tp.id: tp for tp in m.touchpoints}
    assert emotion_values(tps["t3"]) == [-2, 2]
    assert emotion_values(tps["t1"]) == [-2]
    assert emotion_values(tps["t4"]) == []
