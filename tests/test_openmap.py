"""The open map: edits, undo/redo, the unsaved state, and saving through the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_tui.editing.openmap import EditError, OpenMap, SaveResult
from cjm_tui.editing.quickadd import QuickAddError
from cjm_tui.model import Persona, Stage, Touchpoint, map_to_raw
from cjm_tui.model.edits import bumped_emotion

from .test_store_write import COMMENTED


@pytest.fixture
def om(tmp_path: Path) -> OpenMap:
    path = tmp_path / "map.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    return OpenMap.open(path)


def tp(om: OpenMap, tid: str) -> Touchpoint:
    found = om.map.touchpoint(tid)
    assert found is not None
    return found


# Emotions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("emotion", "delta", "persona", "personas", "expected"),
    [
        (None, 1, None, None, 1),
        (None, -1, None, None, -1),
        (2, 1, None, None, 2),  # stays within -2..+2
        (-2, -1, None, None, -2),
        (0, -1, None, None, -1),
        ({"a": 1, "b": -2}, -1, None, None, {"a": 0, "b": -2}),
        ({}, 1, None, None, 1),
        # One persona selected: a single value becomes a table keeping the others.
        (1, 1, "a", None, {"a": 2, "b": 1, "c": 1}),
        (1, -1, "b", ["a", "b"], {"a": 1, "b": 0}),  # c does not meet the touchpoint
        (None, -1, "b", None, {"b": -1}),
        ({"a": 1}, -1, "b", None, {"a": 1, "b": -1}),
        ({"a": 1, "b": 2}, 1, "b", None, {"a": 1, "b": 2}),
    ],
)
def test_bumped_emotion(
    emotion: object, delta: int, persona: str | None, personas: list[str] | None, expected: object
) -> None:
    t = Touchpoint(id="t", stage="s", name="T", emotion=emotion, personas=personas)  # type: ignore[arg-type]
    assert bumped_emotion(t, delta, persona, ["a", "b", "c"]) == expected


def test_minus_on_a_sub_table_emotion_changes_that_persona_s_line(om: OpenMap) -> None:
    before = om.path.read_text(encoding="utf-8")
    om.bump_emotion(tp(om, "pay"), -1, "student")
    assert om.save() is SaveResult.SAVED
    text = om.path.read_text(encoding="utf-8")
    assert "[touchpoints.emotion]\nstudent = 1\nsenior = -1\n" in text
    assert text == before.replace(
        "[touchpoints.emotion]\nstudent = 2\n", "[touchpoints.emotion]\nstudent = 1\n"
    )


# Undo, redo, unsaved ------------------------------------------------------------


def test_undo_back_to_the_loaded_state_clears_unsaved_and_saves_nothing(om: OpenMap) -> None:
    assert not om.dirty
    om.bump_emotion(tp(om, "sms"), 1, None)
    om.toggle_moment(tp(om, "shop"))
    om.quick_add("Leaflet in the letterbox @print #discover +1", None)
    assert om.dirty
    assert om.undo() == "add touchpoint leaflet-in-the-letterbox"
    assert om.undo() == "edit touchpoint shop"
    assert om.dirty
    assert om.undo() == "edit touchpoint sms"
    assert not om.dirty
    assert om.undo() is None
    assert om.save() is SaveResult.UNCHANGED
    assert om.path.read_text(encoding="utf-8") == COMMENTED
    assert om.redo() == "edit touchpoint sms"
    assert tp(om, "sms").emotion == 0 and om.dirty


def test_a_change_and_its_opposite_are_not_unsaved(om: OpenMap) -> None:
    om.bump_emotion(tp(om, "sms"), 1, None)
    om.bump_emotion(tp(om, "sms"), -1, None)
    assert not om.dirty


def test_history_keeps_more_than_a_hundred_steps(om: OpenMap) -> None:
    for i in range(150):
        om.bump_emotion(tp(om, "sms"), 1 if i % 2 else -1, None)
        om.toggle_moment(tp(om, "shop"))
    steps = 0
    while om.undo() is not None:
        steps += 1
    assert steps == 300
    assert not om.dirty


def test_a_new_edit_clears_redo(om: OpenMap) -> None:
    om.toggle_moment(tp(om, "sms"))
    om.undo()
    assert om.can_redo
    om.toggle_moment(tp(om, "shop"))
    assert not om.can_redo


# Structure ------------------------------------------------------------------------


def test_renaming_a_stage_id_follows_the_references(om: OpenMap) -> None:
    stage = om.map.stage("buy")
    assert stage is not None
    om.update(stage, id="purchase")
    assert [t.stage for t in om.map.touchpoints] == ["discover", "purchase", "purchase"]


def test_renaming_a_persona_follows_lists_and_emotion_tables(om: OpenMap) -> None:
    persona = om.map.persona("senior")
    assert persona is not None
    om.update(persona, id="retired")
    assert tp(om, "pay").emotion == {"student": 2, "retired": -1}


def test_duplicate_id_is_refused_and_nothing_changes(om: OpenMap) -> None:
    before = map_to_raw(om.map)
    with pytest.raises(EditError, match="duplicate"):
        om.update(tp(om, "shop"), id="sms")
    assert map_to_raw(om.map) == before and not om.can_undo


def test_deleting_a_touchpoint_takes_its_actions(om: OpenMap) -> None:
    om.delete(tp(om, "sms"))
    assert om.map.actions == []
    om.save()
    assert "magic-link" not in om.path.read_text(encoding="utf-8")


def test_deleting_a_persona_leaves_the_emotion_tables(om: OpenMap) -> None:
    persona = om.map.persona("senior")
    assert persona is not None
    om.delete(persona)
    assert tp(om, "pay").emotion == {"student": 2}


def test_deleting_a_stage_moves_or_deletes_its_touchpoints(om: OpenMap) -> None:
    buy = om.map.stage("buy")
    assert buy is not None
    with pytest.raises(EditError, match="has touchpoints"):
        om.delete(buy)
    om.delete_stage(buy, move_to="discover")
    assert [(t.id, t.stage) for t in om.map.touchpoints] == [
        ("sms", "discover"),
        ("shop", "discover"),
        ("pay", "discover"),
    ]
    om.undo()
    discover = om.map.stage("discover")
    assert discover is not None
    om.delete_stage(discover, move_to=None)
    assert [t.id for t in om.map.touchpoints] == ["shop", "pay"]
    assert om.map.actions == []  # magic-link pointed at sms


def test_the_last_stage_cannot_go(om: OpenMap) -> None:
    om.delete_stage(om.map.stages[0], move_to=None)
    with pytest.raises(EditError, match="at least one stage"):
        om.delete_stage(om.map.stages[0], move_to=None)


def test_moving_touchpoints_stays_within_the_stage(om: OpenMap) -> None:
    assert om.move(tp(om, "pay"), -1)
    assert [t.id for t in om.map.touchpoints] == ["sms", "pay", "shop"]
    assert not om.move(tp(om, "pay"), -1)  # first of its stage
    assert om.move_to_stage(tp(om, "pay"), -1) is not None
    assert [(t.id, t.stage) for t in om.map.touchpoints] == [
        ("sms", "discover"),
        ("pay", "discover"),
        ("shop", "buy"),
    ]
    assert om.move_to_stage(tp(om, "sms"), -1) is None  # no stage before the first
    assert om.move_to_stage(tp(om, "sms"), 1) is not None  # to the start of the next stage
    assert [(t.id, t.stage) for t in om.map.touchpoints] == [
        ("pay", "discover"),
        ("sms", "buy"),
        ("shop", "buy"),
    ]


def test_adding_stages_and_personas_after_the_selected_one(om: OpenMap) -> None:
    first = om.map.stages[0]
    om.add(Stage(id="compare", name="Compare"), after=first)
    assert [s.id for s in om.map.stages] == ["discover", "compare", "buy"]
    om.add(Persona(id="owner", name="Owner"))
    assert om.map.personas[-1].id == "owner"
    om.save()
    assert [s.id for s in OpenMap.open(om.path).map.stages] == ["discover", "compare", "buy"]


def test_quick_add_refusals_change_nothing(om: OpenMap) -> None:
    with pytest.raises(QuickAddError):
        om.quick_add("Parking #nowhere", None)
    with pytest.raises(QuickAddError):
        om.quick_add("@web -1", None)
    assert not om.dirty and not om.can_undo


# Files ------------------------------------------------------------------------------


def test_save_refuses_to_overwrite_a_file_changed_elsewhere(om: OpenMap) -> None:
    om.toggle_moment(tp(om, "sms"))
    other = COMMENTED.replace('name = "Shop visit"', 'name = "Shop visit (edited in vim)"')
    om.path.write_text(other, encoding="utf-8")
    assert om.save() is SaveResult.CHANGED_ON_DISK
    assert om.path.read_text(encoding="utf-8") == other
    om.reload()
    assert tp(om, "shop").name == "Shop visit (edited in vim)" and not om.dirty
    assert om.undo() == "reload from disk"  # the dropped change is still one undo away
    assert tp(om, "sms").moment_of_truth is True


def test_overwrite_after_a_change_on_disk(om: OpenMap) -> None:
    om.toggle_moment(tp(om, "sms"))
    om.path.write_text(COMMENTED.replace("Pay", "Pay now"), encoding="utf-8")
    assert om.save(force=True) is SaveResult.SAVED
    text = om.path.read_text(encoding="utf-8")
    assert "moment_of_truth = true" in text


def test_a_missing_file_is_a_new_map_written_on_first_save(tmp_path: Path) -> None:
    path = tmp_path / "store-visit.toml"
    om = OpenMap.open(path)
    assert om.map.info.title == "store visit" and len(om.map.stages) == 3
    assert om.dirty and not path.exists()
    om.quick_add("Parking is full @car -2 !", None)
    assert om.save() is SaveResult.SAVED
    again = OpenMap.open(path)
    assert again.map.touchpoints[0].name == "Parking is full" and not again.dirty
