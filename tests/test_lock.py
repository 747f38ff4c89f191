"""Two editors on one file: the lock beside the map, and the read-only second editor."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cjm_tui.cli import main
from cjm_tui.editing import lock
from cjm_tui.editing.lock import Holder, Locked, acquire, holder_of, lock_path
from cjm_tui.editing.openmap import OpenMap, ReadOnlyError
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.components.touchpoints_pane import QuickAdd
from cjm_tui.tui.readonly import who

from .conftest import until
from .test_store_write import COMMENTED

SIZE = (100, 30)


def finished_pid() -> int:
    """The pid of a process that has already ended (so no process runs with it now)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=60)
    return child.pid


def write_lock(path: Path, **fields: object) -> Path:
    data = {"pid": os.getpid(), "host": socket.gethostname(), "user": "ana", "since": ""}
    data.update(fields)
    target = lock_path(path)
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def notices(app: CjmApp) -> str:
    return "\n".join(n.message for n in app._notifications)


# The lock file ---------------------------------------------------------------------------


def test_the_lock_sits_beside_the_map_and_names_its_holder(path: Path) -> None:
    held = acquire(path)
    try:
        target = lock_path(path)
        assert target == path.parent / ".map.toml.cjm-lock"
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        assert data["host"] == socket.gethostname()
        assert data["user"] and data["since"]
        assert holder_of(path) == Holder.from_json(target.read_bytes())
    finally:
        held.release()
    assert not lock_path(path).exists()
    held.release()  # twice is fine


def test_a_second_claim_on_a_held_map_is_refused_with_the_holder(path: Path) -> None:
    held = acquire(path)
    try:
        with pytest.raises(Locked) as refused:
            acquire(path)
        assert refused.value.holder.pid == os.getpid()
        assert lock_path(path).read_bytes() == held.path.read_bytes()  # untouched
    finally:
        held.release()


def test_a_lock_held_by_another_running_process_is_respected(path: Path) -> None:
    script = (
        "import sys; from cjm_tui.editing.lock import acquire; held = acquire(sys.argv[1]); "
        "print('held', flush=True); sys.stdin.read(); held.release()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        with pytest.raises(Locked) as refused:
            acquire(path)
        assert refused.value.holder.pid == other.pid
    finally:
        other.communicate("", timeout=60)  # closes its stdin: it releases and ends
    assert not lock_path(path).exists()
    acquire(path).release()  # free again


def test_a_lock_whose_process_is_gone_is_stale_and_replaced(path: Path) -> None:
    write_lock(path, pid=finished_pid())
    assert holder_of(path) is None
    held = acquire(path)
    try:
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        held.release()


def test_a_lock_from_another_host_is_respected_even_with_a_dead_pid(path: Path) -> None:
    write_lock(path, pid=finished_pid(), host="someone-elses-laptop")
    with pytest.raises(Locked) as refused:
        acquire(path)
    assert refused.value.holder.host == "someone-elses-laptop"


@pytest.mark.skipif(lock.process_start(os.getpid()) is None, reason="no /proc here")
def test_a_reused_pid_does_not_keep_a_lock_alive(path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = lock.process_start(other.pid)
        assert started is not None
        write_lock(path, pid=other.pid, started=started)
        assert holder_of(path) is not None  # the same process: alive
        write_lock(path, pid=other.pid, started=started + 12345)
        assert holder_of(path) is None  # same pid, another process: stale
    finally:
        other.kill()
        other.wait(timeout=60)


def test_a_lock_file_that_is_not_ours_is_replaced(path: Path) -> None:
    lock_path(path).write_text("not json at all", encoding="utf-8")
    acquire(path).release()
    assert not lock_path(path).exists()


def test_release_leaves_a_lock_that_someone_else_took_over(path: Path) -> None:
    held = acquire(path)
    write_lock(path, user="bob")  # replaced under us (say, by hand)
    held.release()
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["user"] == "bob"


def test_who_names_user_host_pid_and_the_time() -> None:
    holder = Holder(pid=42, host="vm", user="ana", since="2026-03-01T09:05:00+00:00")
    text = who(holder)
    assert text.startswith("ana@vm, pid 42, since ")
    assert "2026-03-01" in text or ":05" in text
    hostile = Holder(pid=1, host="h\x1b[31m", user="u\x07", since="garbage")
    assert "\x1b" not in who(hostile) and "\x07" not in who(hostile)


# OpenMap: one door that refuses everything --------------------------------------------


def test_a_read_only_open_map_refuses_every_edit_undo_and_save(path: Path) -> None:
    om = OpenMap.open(path)
    tp = om.map.touchpoints[0]
    om.bump_emotion(tp, 1, None)  # editable before
    om.read_only = True
    assert not om.dirty  # nothing could be saved, so nothing to ask about
    tp = om.map.touchpoints[0]
    refused = [
        lambda: om.bump_emotion(tp, 1, None),
        lambda: om.toggle_moment(tp),
        lambda: om.update(tp, name="Renamed"),
        lambda: om.update_info(title="Other"),
        lambda: om.delete(tp),
        lambda: om.quick_add("New one", None),
        lambda: om.move(om.map.touchpoints[1], -1),
        lambda: om.move_to_stage(tp, 1),
        om.undo,
        om.redo,
        om.save,
    ]
    for call in refused:
        with pytest.raises(ReadOnlyError):
            call()
    assert path.read_text(encoding="utf-8") == COMMENTED


# The editor ------------------------------------------------------------------------------


async def test_a_map_another_machine_holds_opens_read_only_refuses_edits_and_never_writes(
    path: Path,
) -> None:
    """A lock from another host (a shared drive) cannot be joined: look, never change."""
    write_lock(path, host="other-machine", pid=4242, user="ana")
    second = build_app(path, keymap={}, lock=True)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert second.om.read_only
        assert "read-only" in second.sub_title
        said = notices(second)
        assert "open in another editor" in said and "ana@other-machine, pid 4242" in said
        await pilot.press("a")
        assert not isinstance(second.focused, QuickAdd)  # the quick-add line stays shut
        await pilot.press("plus", "minus", "m", "K", "J", "greater_than_sign", "d", "y")
        await pilot.press("e", "ctrl+z", "ctrl+y", "ctrl+s")
        await pilot.pause()
        assert "Read-only: another editor has this map" in notices(second)
        assert second.screen is second.main  # no form, no confirmation opened
        await pilot.press("q")  # never asks to save
        await pilot.pause()
        assert second.return_value == 0
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["host"] == "other-machine"


async def test_a_second_editor_joins_the_first_both_edit_and_one_save_writes_both(
    path: Path,
) -> None:
    first = build_app(path, keymap={}, lock=True)
    async with first.run_test(size=SIZE) as pilot1:
        await pilot1.pause()
        assert not first.om.read_only and lock_path(path).exists()
        second = build_app(path, keymap={}, lock=True)
        async with second.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "2 in the map" in second.sub_title)
            assert not second.om.read_only
            assert "1 other editor has this map open" in notices(second)
            await pilot.press("plus")  # the first touchpoint: sms, -1 -> 0
            await until(pilot1, lambda: first.om.map.touchpoints[0].emotion == 0)
            await until(pilot1, lambda: "unsaved" in first.sub_title)
            await pilot1.press("m")
            await until(pilot, lambda: second.om.map.touchpoints[0].moment_of_truth is True)
            await pilot.press("ctrl+s")  # the second one saves: the host writes both
            await until(pilot, lambda: "unsaved" not in second.sub_title)
            await until(pilot1, lambda: "unsaved" not in first.sub_title)
            saved = path.read_text(encoding="utf-8")
            assert "emotion = 0   # interview 3" in saved and "moment_of_truth = true" in saved
            await pilot.press("plus")
            await until(pilot, lambda: "unsaved" in second.sub_title)
            await pilot.press("q")  # the first editor keeps the change: no question
            await pilot.pause()
            assert second.return_value == 0
        assert lock_path(path).exists()  # the second editor leaves the first one's lock alone
        await until(pilot1, lambda: "in the map" not in first.sub_title)
        assert first.om.map.touchpoints[0].emotion == 1 and first.om.dirty
        await pilot1.press("ctrl+s", "q")
    assert not lock_path(path).exists()  # removed when the holder quits
    assert "emotion = 1   # interview 3" in path.read_text(encoding="utf-8")


async def test_a_stale_lock_is_ignored_and_the_editor_can_save(path: Path) -> None:
    write_lock(path, pid=finished_pid())
    app = build_app(path, keymap={}, lock=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.om.read_only
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert path.read_text(encoding="utf-8") != COMMENTED
    assert not lock_path(path).exists()


async def test_read_only_on_purpose_takes_no_lock_and_says_so(path: Path) -> None:
    om = OpenMap.open(path)
    om.read_only = True
    app = CjmApp(om, keymap={}, lock=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not lock_path(path).exists()
        await pilot.press("plus")
        await pilot.pause()
        assert "opened with --read-only" in notices(app)
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_cjm_edit_takes_the_lock_and_has_a_read_only_option(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bool, bool]] = []

    def fake_run(self: CjmApp) -> int:
        seen.append((self.om.read_only, self._want_lock))
        return 0

    monkeypatch.setattr(CjmApp, "run", fake_run)
    monkeypatch.setattr("cjm_tui.cli.edit.no_terminal", lambda: None)  # pytest's pipes
    assert main(["edit", str(path)]) == 0
    assert main(["edit", str(path), "--read-only"]) == 0
    assert seen == [(False, True), (True, True)]


def test_the_lock_is_readable_by_the_others_who_share_the_map(path: Path) -> None:
    """Another user's editor must be able to read who holds the map (mkstemp's 0600 would
    hide it, and that editor would then open the map editable)."""
    old = os.umask(0o022)
    try:
        held = acquire(path)
    finally:
        os.umask(old)
    try:
        assert lock_path(path).stat().st_mode & 0o777 == 0o644
    finally:
        held.release()


def test_a_lock_this_user_cannot_read_is_held_by_its_owner(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = acquire(path)
    real = Path.read_bytes

    def unreadable(self: Path) -> bytes:
        if self == lock_path(path):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    try:
        with pytest.raises(Locked) as refused:
            acquire(path)
        import pwd

        assert refused.value.holder.user == pwd.getpwuid(os.getuid()).pw_name
        assert refused.value.holder.since_time() is not None
    finally:
        monkeypatch.undo()
        held.release()
