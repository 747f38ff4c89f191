"""Edits by id and the shared state, without a network: replay, conflicts, convergence.

The convergence property draws two or three editors, each making real editor edits on its
own copy, and a timing: when the hub takes the next change, when each editor hears the next
verdict. Whatever the timing, once everything is delivered every editor shows the hub's map,
and that map is the start with the winning steps applied in order.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_tui.editing.openmap import OpenMap
from cjm_tui.model import Map, Touchpoint, map_to_raw
from cjm_tui.store import MapFile
from cjm_tui.together.state import Hub, Replica, Verdict
from cjm_tui.versions.changes import Drop, Place, Put, between, replay

from .editor_edits import EditorEdit, editor_edits
from .test_store_write import COMMENTED

PATH = Path("shared.toml")


def open_copy() -> OpenMap:
    """One editor's own load of the file (its own uids, as in its own process)."""
    return OpenMap(MapFile.from_text(PATH, COMMENTED))


def raw(m: Map) -> dict[str, object]:
    return map_to_raw(m)


# Steps between two states --------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(editor_edits, min_size=1, max_size=8))
def test_the_steps_between_two_states_replay_into_the_later_one(edits: list[EditorEdit]) -> None:
    om = open_copy()
    start = om.map
    for edit in edits:
        before = om.map
        edit.make(om)
        steps = between(before, om.map)
        assert raw(replay(before, steps, careful=False).map) == raw(om.map)
        done = replay(before, steps, careful=True)
        assert raw(done.map) == raw(om.map)
        assert done.lost == []
    # The whole session as one change, too.
    assert raw(replay(start, between(start, om.map), careful=True).map) == raw(om.map)


def test_an_unchanged_map_has_no_steps_and_an_edit_names_only_its_field() -> None:
    om = open_copy()
    assert between(om.map, om.map) == []
    before = om.map
    sms = om.map.touchpoint("sms")
    assert sms is not None
    om.bump_emotion(sms, 1, None)
    assert between(before, om.map) == [Put("touchpoints", "sms", {"emotion": (-1, 0)})]


def test_steps_travel_by_id_so_another_process_with_other_uids_replays_them() -> None:
    mine, theirs = open_copy(), open_copy()
    assert mine.map.touchpoints[0].uid != theirs.map.touchpoints[0].uid
    before = mine.map
    mine.quick_add("Parking at the mall !-2", "discover")
    steps = between(before, mine.map)
    assert any(isinstance(s, Place) and s.raw is not None for s in steps)
    assert raw(replay(theirs.map, steps, careful=True).map) == raw(mine.map)


def test_a_field_someone_changed_first_stays_theirs_and_is_reported_lost() -> None:
    om = open_copy()
    sms = om.map.touchpoint("sms")
    assert sms is not None
    base = om.map
    om.update(sms, owner="Marketing")
    ours = between(base, om.map)
    om.adopt(base)
    om.update(sms, owner="Sales", doing="reads the SMS")
    theirs = between(base, om.map)
    shared = replay(base, ours, careful=True).map
    done = replay(shared, theirs, careful=True)
    got = done.map.touchpoint("sms")
    assert got is not None
    assert (got.owner, got.doing) == ("Marketing", "reads the SMS")
    assert [(x.table, x.id, x.field, x.mine, x.theirs) for x in done.lost] == [
        ("touchpoints", "sms", "owner", "Sales", "Marketing")
    ]


def test_an_edit_of_an_entry_deleted_meanwhile_is_lost_and_a_delete_twice_is_quiet() -> None:
    om = open_copy()
    base = om.map
    sms = om.map.touchpoint("sms")
    assert sms is not None
    om.delete(sms)
    gone = between(base, om.map)
    om.adopt(base)
    om.update(sms, owner="Sales")
    edit = between(base, om.map)
    shared = replay(base, gone, careful=True).map
    done = replay(shared, edit, careful=True)
    assert done.steps == [] and done.lost[0].field is None and done.lost[0].id == "sms"
    assert replay(shared, gone, careful=True).steps == []
    # The touchpoint's action goes first, then the touchpoint.
    assert gone == [Drop("actions", "magic-link"), Drop("touchpoints", "sms")]


def test_two_new_entries_with_one_id_both_stay_the_later_renamed() -> None:
    a, b = open_copy(), open_copy()
    base_a, base_b = a.map, b.map
    a.quick_add("Parking -1", "discover")
    b.quick_add("Parking +2 !", "buy")
    hub = Hub(base_a)
    first = hub.submit("a", 1, between(base_a, a.map))
    second = hub.submit("b", 1, between(base_b, b.map))
    assert first.renamed == {} and second.renamed == {("touchpoints", "parking"): "parking-2"}
    ids = [t.id for t in hub.map.touchpoints]
    assert "parking" in ids and "parking-2" in ids


def test_a_new_entry_whose_id_was_taken_meanwhile_keeps_its_id_with_a_suffix() -> None:
    a, b = open_copy(), open_copy()
    base_a, base_b = a.map, b.map
    a.add(Touchpoint(id="park_1", stage="discover", name="Park"))
    b.add(Touchpoint(id="park_1", stage="discover", name="Parking"))
    hub = Hub(base_a)
    hub.submit("a", 1, between(base_a, a.map))
    second = hub.submit("b", 1, between(base_b, b.map))
    # Not "park-1-2": the id is the one b chose, not one made again from it.
    assert second.renamed == {("touchpoints", "park_1"): "park_1-2"}
    names = {t.id: t.name for t in hub.map.touchpoints}
    assert (names["park_1"], names["park_1-2"]) == ("Park", "Parking")


def test_a_change_that_would_break_a_reference_now_is_refused_whole() -> None:
    a, b = open_copy(), open_copy()
    base_a, base_b = a.map, b.map
    # a: move the only touchpoint out of "discover", then delete the stage.
    sms = a.map.touchpoint("sms")
    assert sms is not None
    a.move_to_stage(sms, 1)
    stage = a.map.stage("discover")
    assert stage is not None
    a.delete(stage)
    # b: meanwhile adds a touchpoint to "discover".
    b.quick_add("Billboard", "discover")
    hub = Hub(base_a)
    assert hub.submit("a", 1, between(base_a, a.map)).steps
    verdict = hub.submit("b", 1, between(base_b, b.map))
    assert verdict.steps == [] and verdict.refused and "discover" in verdict.refused
    assert hub.map.touchpoint("billboard") is None


# Convergence ---------------------------------------------------------------------------------


@dataclass
class Editor:
    name: str
    om: OpenMap
    replica: Replica
    inbox: deque[Verdict] = field(default_factory=deque)


@st.composite
def sessions(draw: st.DrawFn) -> tuple[int, list[tuple[str, int, EditorEdit | None]]]:
    count = draw(st.integers(2, 3))
    events = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("edit"), st.integers(0, count - 1), editor_edits),
                st.tuples(st.just("hub"), st.just(0), st.none()),
                st.tuples(st.just("hear"), st.integers(0, count - 1), st.none()),
            ),
            max_size=40,
        )
    )
    return count, events


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_timing_of_two_or_three_editors_converges_on_the_winning_edits(
    session: tuple[int, list[tuple[str, int, EditorEdit | None]]],
) -> None:
    count, events = session
    start = open_copy().map
    hub = Hub(start)
    editors = []
    for i in range(count):
        om = open_copy()
        editors.append(Editor(f"e{i}", om, Replica(f"e{i}", om.map, 0)))
    to_hub: deque[tuple[str, int, list[object]]] = deque()
    verdicts: list[Verdict] = []

    def hub_step() -> None:
        by, ref, steps = to_hub.popleft()
        verdict = hub.submit(by, ref, steps)  # type: ignore[arg-type]
        verdicts.append(verdict)
        for e in editors:
            e.inbox.append(verdict)

    def hear(e: Editor) -> None:
        e.om.adopt(e.replica.heard(e.inbox.popleft()))

    for kind, who, edit in events:
        e = editors[who]
        if kind == "edit" and edit is not None:
            before = e.om.map
            if edit.make(e.om):
                sent = e.replica.local(before, e.om.map)
                if sent is not None:
                    to_hub.append((e.name, *sent))  # type: ignore[arg-type]
        elif kind == "hub" and to_hub:
            hub_step()
        elif kind == "hear" and e.inbox:
            hear(e)
    while to_hub:
        hub_step()
    for e in editors:
        while e.inbox:
            hear(e)
    shared = raw(hub.map)
    for e in editors:
        assert e.replica.pending == []
        assert raw(e.om.map) == shared, e.name
    winning = start
    for verdict in verdicts:
        winning = replay(winning, verdict.steps, careful=False).map
    assert raw(winning) == shared


def test_an_editor_keeps_showing_its_unanswered_edit_while_others_changes_arrive() -> None:
    a, b = open_copy(), open_copy()
    hub = Hub(open_copy().map)
    ra, rb = Replica("a", a.map, 0), Replica("b", b.map, 0)
    before = a.map
    a.quick_add("Security guard -1", "discover")
    sent = ra.local(before, a.map)
    assert sent is not None
    before = b.map
    shop = b.map.touchpoint("shop")
    assert shop is not None
    b.update(shop, owner="Retail")
    theirs = rb.local(before, b.map)
    assert theirs is not None
    verdict = hub.submit("b", *theirs)
    shown = ra.heard(verdict)  # b's change arrives before the hub took a's
    guard, shop_here = shown.touchpoint("security-guard"), shown.touchpoint("shop")
    assert guard is not None and shop_here is not None and shop_here.owner == "Retail"
    mine = a.map.touchpoint("security-guard")
    assert mine is not None and guard.uid == mine.uid  # the same entry on a's screen
    shown = ra.heard(hub.submit("a", *sent))
    back = shown.touchpoint("security-guard")
    assert back is not None and back.uid == mine.uid and ra.pending == []


class Room:
    """Editors a and b and the hub, every verdict heard by both at once (in order)."""

    def __init__(self) -> None:
        self.hub = Hub(open_copy().map)
        self.oms = {"a": open_copy(), "b": open_copy()}
        self.replicas = {k: Replica(k, om.map, 0) for k, om in self.oms.items()}

    def edit(self, who: str, tid: str, **changes: object) -> Verdict:
        om, replica = self.oms[who], self.replicas[who]
        tp = om.map.touchpoint(tid)
        assert tp is not None
        before = om.map
        om.update(tp, **changes)
        sent = replica.local(before, om.map)
        assert sent is not None
        verdict = self.hub.submit(who, *sent)
        for k, other in self.oms.items():
            other.adopt(self.replicas[k].heard(verdict))
        return verdict


def test_undo_takes_back_only_this_editors_change_and_others_later_ones_stay() -> None:
    room = Room()
    a = room.oms["a"]
    room.edit("a", "sms", owner="Marketing")
    room.edit("b", "sms", doing="deletes it unread")
    assert a.undo() is not None
    got = a.map.touchpoint("sms")
    assert got is not None and got.owner is None and got.doing == "deletes it unread"
    assert a.redo() is not None
    got = a.map.touchpoint("sms")
    assert got is not None and got.owner == "Marketing" and got.doing == "deletes it unread"


def test_the_loser_of_a_conflict_gets_its_value_back_with_one_undo() -> None:
    room = Room()
    b = room.oms["b"]
    told: list[tuple[Map, Map]] = []
    b.changed = lambda before, after: told.append((before, after))
    # b's edit is made on the map before a's arrived, and reaches the hub after it.
    sms = b.map.touchpoint("sms")
    assert sms is not None
    before = b.map
    b.update(sms, owner="Sales")
    sent = room.replicas["b"].local(before, b.map)
    assert sent is not None
    room.edit("a", "sms", owner="Marketing")
    verdict = room.hub.submit("b", *sent)
    assert [(x.field, x.mine, x.theirs) for x in verdict.lost] == [("owner", "Sales", "Marketing")]
    b.adopt(room.replicas["b"].heard(verdict))
    b.lost_to_others(verdict.lost, "owner of sms")
    got = b.map.touchpoint("sms")
    assert got is not None and got.owner == "Marketing"
    told.clear()
    assert b.undo() == "owner of sms"
    got = b.map.touchpoint("sms")
    assert got is not None and got.owner == "Sales"
    assert len(told) == 1 and between(*told[0]) == [
        Put("touchpoints", "sms", {"owner": ("Marketing", "Sales")})
    ]


def test_an_undo_that_would_break_another_editors_later_change_is_refused_and_kept() -> None:
    from cjm_tui.editing.openmap import EditError
    from cjm_tui.model import Stage

    room = Room()
    a, b = room.oms["a"], room.oms["b"]
    before = a.map
    a.add(Stage(id="after-sales", name="After sales"))
    room_verdict = room.hub.submit("a", *room.replicas["a"].local(before, a.map))  # type: ignore[misc]
    for k, om in room.oms.items():
        om.adopt(room.replicas[k].heard(room_verdict))
    before = b.map
    b.quick_add("Complaint hotline -2", "after-sales")
    verdict = room.hub.submit("b", *room.replicas["b"].local(before, b.map))  # type: ignore[misc]
    for k, om in room.oms.items():
        om.adopt(room.replicas[k].heard(verdict))
    with pytest.raises(EditError, match="another editor's change depends on it"):
        a.undo()
    assert a.map.stage("after-sales") is not None and a.can_undo
