"""Editors of one map in one process, over the real socket: the session without a screen.

Each editor is an `OpenMap` with a `Session` and a listener that records what it was told.
Waits are for conditions (`settled`), never fixed sleeps.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from cjm_tui.editing.lock import holder_of
from cjm_tui.editing.openmap import OpenMap
from cjm_tui.model import map_to_raw
from cjm_tui.store import MapFile
from cjm_tui.together.link import SaveAnswer
from cjm_tui.together.people import Person
from cjm_tui.together.session import Session

from .test_store_write import COMMENTED

TIMEOUT = 10.0


class Screen:
    """Stands for an editor's screen: what the session told it."""

    def __init__(self) -> None:
        self.redraws = 0
        self.people: list[Person] = []
        self.said: list[tuple[str, str]] = []
        self.saves: list[tuple[SaveAnswer, bool]] = []

    def shared_changed(self) -> None:
        self.redraws += 1

    def people_changed(self, people: list[Person]) -> None:
        self.people = people

    def say(self, text: str, severity: str = "information") -> None:
        self.said.append((text, severity))

    def saved(self, answer: SaveAnswer, mine: bool) -> None:
        self.saves.append((answer, mine))


class Highlighting(Screen):
    """A screen with a touchpoint highlighted, kept as the touchpoint list keeps it when it
    redraws: the same uid, else the same row."""

    def __init__(self, om: OpenMap) -> None:
        super().__init__()
        self.om = om
        self.row = 0
        self.uid = om.map.touchpoints[0].uid

    def shared_changed(self) -> None:
        super().shared_changed()
        uids = [t.uid for t in self.om.map.touchpoints]
        self.row = uids.index(self.uid) if self.uid in uids else min(self.row, len(uids) - 1)
        self.uid = uids[self.row]


class Editor:
    def __init__(
        self, path: Path, name: str, follow: bool = False, highlighting: bool = False
    ) -> None:
        self.om = OpenMap.open(path)
        if follow:
            self.om.read_only = True
        self.screen = Highlighting(self.om) if highlighting else Screen()
        me = Person(f"test:{name}", name, "test", "terminal", follow)
        self.session = Session(self.om, self.screen, follow=follow, me=me)

    def tp(self, tid: str):  # type: ignore[no-untyped-def]
        found = self.om.map.touchpoint(tid)
        assert found is not None, tid
        return found


async def settled(check: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        if loop.time() > end:
            raise AssertionError("not settled in time")
        await asyncio.sleep(0.01)


@pytest.fixture
async def room(path: Path) -> AsyncIterator[list[Editor]]:
    editors: list[Editor] = []
    yield editors
    for e in editors:
        await e.session.stop()


async def start(
    room: list[Editor], path: Path, name: str, follow: bool = False, highlighting: bool = False
) -> Editor:
    e = Editor(path, name, follow, highlighting)
    await e.session.start()
    room.append(e)
    return e


def same(*editors: Editor) -> bool:
    first = map_to_raw(editors[0].om.map)
    return all(map_to_raw(e.om.map) == first for e in editors[1:])


async def test_the_first_editor_hosts_and_the_second_joins_and_both_count_two(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    assert (a.session.role, b.session.role) == ("host", "guest")
    holder = holder_of(path)
    assert holder is not None and holder.socket == os.fspath(a.session.sock)
    await settled(lambda: len(a.screen.people) == 2 and len(b.screen.people) == 2)
    assert [p.user for p in b.session.people] == ["ana", "bob"]
    assert not a.om.read_only and not b.om.read_only


async def test_edits_in_either_editor_show_in_the_other_and_one_save_writes_all(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    c = await start(room, path, "cem")
    a.om.quick_add("Parking at the mall -2", "discover")
    b.om.bump_emotion(b.tp("shop"), -1, None)
    await settled(lambda: c.om.map.touchpoint("parking-at-the-mall") is not None)
    c.om.toggle_moment(c.tp("parking-at-the-mall"))
    await settled(lambda: same(a, b, c) and a.tp("parking-at-the-mall").moment_of_truth is True)
    assert a.om.dirty and b.om.dirty and c.om.dirty
    assert c.session.save() is None  # a guest's save goes to the host; the answer comes back
    await settled(lambda: any(mine for _a, mine in c.screen.saves))
    on_disk = MapFile.load(path).map
    assert on_disk.touchpoint("parking-at-the-mall") is not None
    assert on_disk.touchpoint("parking-at-the-mall").moment_of_truth is True  # type: ignore[union-attr]
    assert on_disk.touchpoint("shop").emotion == -1  # type: ignore[union-attr]
    await settled(lambda: not (a.om.dirty or b.om.dirty or c.om.dirty))
    text = path.read_text(encoding="utf-8")
    assert "# The SMS nobody trusts" in text and 'x_color = "red"   # team\'s own key' in text


async def test_the_same_field_changed_in_two_editors_ends_the_same_and_the_loser_is_told(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    # Both change the owner of sms before hearing each other: the host's own change is first.
    b.om.update(b.tp("sms"), owner="Sales")
    a.om.update(a.tp("sms"), owner="Marketing")
    await settled(lambda: same(a, b) and not b.session.guest.replica.pending)  # type: ignore[union-attr]
    # The host's own change was ordered first (b's was still on its way): Marketing wins.
    assert a.tp("sms").owner == b.tp("sms").owner == "Marketing"
    await settled(lambda: any("owner" in t for t, _s in b.screen.said))
    line = next(t for t, _s in b.screen.said if "owner" in t)
    assert "sms" in line and "ctrl+z" in line
    assert not any("owner" in t for t, _s in a.screen.said)
    b.om.undo()
    await settled(lambda: a.tp("sms").owner == "Sales" and same(a, b))


async def test_a_change_from_outside_is_merged_with_unsaved_changes_in_every_editor(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    b.om.update(b.tp("sms"), owner="Marketing")
    await settled(lambda: a.tp("sms").owner == "Marketing")
    from cjm_tui.cli import main

    assert main(["add", str(path), "Security guard at the door -1 #buy"]) == 0
    await settled(lambda: b.om.map.touchpoint("security-guard-at-the-door") is not None)
    assert same(a, b) and b.tp("sms").owner == "Marketing"
    assert any("changed on disk" in t for t, _s in b.screen.said)
    assert a.session.save() is not None
    on_disk = MapFile.load(path).map
    assert on_disk.touchpoint("security-guard-at-the-door") is not None
    assert on_disk.touchpoint("sms").owner == "Marketing"  # type: ignore[union-attr]


async def test_an_invalid_file_is_not_merged_and_the_next_save_asks(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    b.om.update(b.tp("sms"), owner="Marketing")
    broken = "[map]\ntitle = \n"
    path.write_text(broken, encoding="utf-8")
    await settled(lambda: any("no longer a valid map" in t for t, _s in b.screen.said))
    assert b.tp("sms").owner == "Marketing"
    b.session.save()
    await settled(lambda: any(mine for _a, mine in b.screen.saves))
    answer = next(a for a, mine in b.screen.saves if mine)
    assert answer.ask and not answer.wrote and path.read_text(encoding="utf-8") == broken
    b.session.save(force=True)
    await settled(lambda: len([1 for _a, mine in b.screen.saves if mine]) == 2)
    assert MapFile.load(path).map.touchpoint("sms").owner == "Marketing"  # type: ignore[union-attr]
    assert a.session.role == "host"


async def test_when_the_host_leaves_a_guest_takes_over_with_everyones_changes(
    path: Path, room: list[Editor]
) -> None:
    a = await start(room, path, "ana")
    b = await start(room, path, "bob")
    c = await start(room, path, "cem")
    a.om.update(a.tp("sms"), owner="Marketing")
    await settled(lambda: same(a, b, c))
    await a.session.stop()
    room.remove(a)
    c.om.update(c.tp("shop"), owner="Retail")
    await settled(lambda: {b.session.role, c.session.role} == {"host", "guest"})
    await settled(lambda: same(b, c) and b.tp("shop").owner == "Retail")
    await settled(lambda: len(b.session.people) == 2 and len(c.session.people) == 2)
    host = b if b.session.role == "host" else c
    assert host.session.save() is not None
    on_disk = MapFile.load(path).map
    assert on_disk.touchpoint("sms").owner == "Marketing"  # type: ignore[union-attr]
    assert on_disk.touchpoint("shop").owner == "Retail"  # type: ignore[union-attr]


async def test_a_key_while_a_guest_takes_over_is_refused_or_finds_the_highlighted_entry(
    path: Path, room: list[Editor]
) -> None:
    """Taking over, the guest reads the file again, which gives every entry a new uid. At
    every turn of the event loop (whenever a key could be handled) an edit is either refused,
    the editor saying it is joining, or the screen's highlight is an entry of the map and the
    edit reaches the shared state: a key never finds its entry gone ("Choose an item first")."""
    a = await start(room, path, "ana")
    b = await start(room, path, "bob", highlighting=True)
    screen = b.screen
    assert isinstance(screen, Highlighting)
    stale: list[int] = []
    untold: list[str] = []

    async def keys_meanwhile() -> None:
        while True:
            if not b.om.waiting and b.om.find(screen.uid) is None:
                stale.append(screen.uid)
            if not b.om.waiting and b.session.host is not None and b.om.changed is None:
                untold.append("an edit would not reach the new host's shared state")
            await asyncio.sleep(0)

    watch = asyncio.ensure_future(keys_meanwhile())
    try:
        await a.session.stop()
        room.remove(a)
        await settled(lambda: b.session.role == "host" and not b.om.waiting)
    finally:
        watch.cancel()
    assert not stale, "a key would have found the highlighted entry gone"
    assert not untold, untold[0]
    b.om.bump_emotion(b.om.find(screen.uid), 1, None)  # type: ignore[arg-type]
    assert b.om.dirty


async def test_a_follower_sees_changes_live_and_cannot_change_anything(
    path: Path, room: list[Editor]
) -> None:
    f = await start(room, path, "projector", follow=True)
    assert f.session.role == "alone"
    a = await start(room, path, "ana")
    await settled(lambda: f.session.role == "guest")
    a.om.quick_add("Smell at the entrance +1", "discover")
    await settled(lambda: f.om.map.touchpoint("smell-at-the-entrance") is not None)
    assert f.om.read_only and holder_of(path) is not None
    assert [p.follow for p in a.session.people] == [False, True]


async def test_two_maps_in_one_folder_never_mix(path: Path, room: list[Editor]) -> None:
    other = path.with_name("other.toml")
    other.write_text(COMMENTED, encoding="utf-8")
    a = await start(room, path, "ana")
    b = await start(room, other, "bob")
    assert (a.session.role, b.session.role) == ("host", "host")
    assert a.session.sock != b.session.sock
    a.om.update(a.tp("sms"), owner="Marketing")
    assert b.tp("sms").owner is None
