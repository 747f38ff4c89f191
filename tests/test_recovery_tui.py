"""Recovery in the editor (Pilot): the dialog on open and its three answers, the autosave
timer, and when the draft goes away. Asserts on `app.om`, the map's bytes and the draft file."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cjm_tui.editing.openmap import OpenMap
from cjm_tui.editing.recovery import draft_path, read_draft, write_draft
from cjm_tui.model import map_to_raw
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.screens.choice import ChoiceDialog
from cjm_tui.tui.screens.recovery import RecoveryDialog

from .conftest import until
from .test_store_write import COMMENTED

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def slow_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """No autosave during a test unless it asks for one (a timer firing mid-test is noise)."""
    monkeypatch.setenv("CJM_AUTOSAVE_SECONDS", "1000")


def crashed_session(path: Path) -> dict[str, Any]:
    """An editor that changed the map and died: its draft is on disk, the map as it was.

    Returns the map the draft holds (as data)."""
    om = OpenMap.open(path)
    sms = om.map.touchpoint("sms")
    assert sms is not None
    om.bump_emotion(sms, 1, None)
    om.quick_add("Queue at the till #buy -2", None)
    write_draft(om.file, om.map)
    st = path.stat()  # the map older than the draft, as it is after a crash
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))
    return map_to_raw(om.map)


def app_for(path: Path) -> CjmApp:
    return build_app(path, keymap={})


async def opened(app: CjmApp, pilot: Pilot[Any]) -> None:
    """Wait until the draft (if any) was read and the dialog (if any) is up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def dialog_text(app: CjmApp) -> str:
    assert isinstance(app.screen, RecoveryDialog)
    return app.screen.question.plain


def notes(app: CjmApp) -> str:
    return "\n".join(n.message for n in app._notifications)


# The dialog's three answers ---------------------------------------------------------------


async def test_restore_shows_the_draft_as_unsaved_and_undo_goes_back_to_the_file(
    path: Path,
) -> None:
    wanted = crashed_session(path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        text = dialog_text(app)
        assert "draft of map.toml" in text
        assert "2 changes" in text
        assert "sms" in text and "queue-at-the-till" in text
        assert "changed on disk" not in text
        disk = map_to_raw(app.om.map)

        await pilot.press("r")
        assert app.screen is app.main
        assert map_to_raw(app.om.map) == wanted
        assert app.om.dirty and "unsaved" in app.sub_title
        assert path.read_text(encoding="utf-8") == COMMENTED  # not saved until asked
        assert draft_path(path).exists()

        await pilot.press("ctrl+z")
        assert map_to_raw(app.om.map) == disk
        assert not app.om.dirty
        assert not draft_path(path).exists()  # back at the saved state: nothing to keep


async def test_restore_then_save_writes_the_draft_and_removes_it(path: Path) -> None:
    wanted = crashed_session(path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("r", "ctrl+s")
        await pilot.pause()
        assert not app.om.dirty
    assert not draft_path(path).exists()
    saved = OpenMap.open(path)
    assert map_to_raw(saved.map) == wanted
    text = path.read_text(encoding="utf-8")
    assert "emotion = 0   # interview 3" in text  # written in place, comment kept
    assert "# Shop: the queue is the problem" in text


async def test_discard_deletes_the_draft_and_opens_the_file(path: Path) -> None:
    crashed_session(path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("d")
        assert app.screen is app.main
        assert not draft_path(path).exists()
        assert not app.om.dirty
        assert app.om.map.touchpoint("queue-at-the-till") is None
        await pilot.press("q")  # nothing unsaved: quits without asking
        await pilot.pause()
        assert not app.is_running
    assert path.read_text(encoding="utf-8") == COMMENTED


async def test_escape_opens_the_file_and_keeps_the_draft_for_later(path: Path) -> None:
    crashed_session(path)
    before = draft_path(path).read_bytes()
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("escape")
        assert app.screen is app.main
        assert not app.om.dirty
        assert app.om.map.touchpoint("queue-at-the-till") is None
        assert "draft is kept" in notes(app)
        await pilot.press("q")
        await pilot.pause()
    assert draft_path(path).read_bytes() == before
    assert path.read_text(encoding="utf-8") == COMMENTED

    again = app_for(path)  # and the next open asks again
    async with again.run_test(size=SIZE) as pilot:
        await opened(again, pilot)
        assert isinstance(again.screen, RecoveryDialog)


async def test_the_dialog_says_when_the_map_changed_on_disk_after_the_draft(path: Path) -> None:
    om = OpenMap.open(path)
    om.quick_add("Queue at the till #buy -2", None)
    path.write_text(COMMENTED.replace("Shop visit", "Shop"), encoding="utf-8")  # a git pull
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))
    write_draft(om.file, om.map)  # the editor still had the old text
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert "changed on disk" in dialog_text(app)


async def test_a_draft_of_a_map_never_saved_is_offered_and_restored(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    om = OpenMap.open(path)
    om.quick_add("Poster at the bus stop -1", "before")
    write_draft(om.file, om.map)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert "never saved" in dialog_text(app)
        await pilot.press("r", "ctrl+s")
        await pilot.pause()
    assert [t.name for t in OpenMap.open(path).map.touchpoints] == ["Poster at the bus stop"]
    assert not draft_path(path).exists()


async def test_a_corrupt_draft_is_reported_and_left_alone(path: Path) -> None:
    draft_path(path).write_text("[map\nthis is not toml", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert app.screen is app.main
        assert "cannot be used" in notes(app)
        assert "TOML syntax" in notes(app)
    assert draft_path(path).read_text(encoding="utf-8") == "[map\nthis is not toml"


async def test_a_draft_that_holds_nothing_new_goes_away_quietly(path: Path) -> None:
    om = OpenMap.open(path)
    write_draft(om.file, om.map)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert app.screen is app.main
    assert not draft_path(path).exists()


async def test_a_read_only_editor_neither_offers_nor_writes_a_draft(path: Path) -> None:
    """Another editor holds the map: the draft may well be that editor's, live."""
    crashed_session(path)
    before = draft_path(path).read_bytes()
    om = OpenMap.open(path)
    om.read_only = True
    app = CjmApp(om, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert app.screen is app.main
        app.drafts.tick()
        await opened(app, pilot)
    assert draft_path(path).read_bytes() == before


# Autosave ------------------------------------------------------------------------------------


async def ticked(app: CjmApp) -> None:
    """One more tick of the autosave timer, and whatever it started, done: after this, a draft
    that is not there was not written (a test of absence waits for the tick, not for a time)."""
    app.drafts.tick()
    await app.workers.wait_for_complete()


async def test_the_timer_keeps_a_draft_of_unsaved_changes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJM_AUTOSAVE_SECONDS", "0.05")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await ticked(app)
        assert not draft_path(path).exists()  # nothing changed yet: nothing to keep

        await pilot.press("plus")
        await until(pilot, lambda: draft_path(path).exists())
        await app.workers.wait_for_complete()
        assert map_to_raw(read_draft(path).map) == map_to_raw(app.om.map)
        assert path.read_text(encoding="utf-8") == COMMENTED  # never the map itself

        await pilot.press("m")  # a later change updates it
        await until(pilot, lambda: read_draft(path).map.touchpoints[0].moment_of_truth is True)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not draft_path(path).exists()  # a clean save removes it
        await ticked(app)
        assert not draft_path(path).exists()  # and the next tick does not bring it back


async def test_undo_back_to_the_saved_state_removes_the_draft(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJM_AUTOSAVE_SECONDS", "0.05")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("plus")
        await until(pilot, lambda: draft_path(path).exists())
        await pilot.press("ctrl+z")
        assert not draft_path(path).exists()
        await pilot.press("ctrl+y")  # redo: unsaved again, so kept again
        await until(pilot, lambda: draft_path(path).exists())


async def test_quitting_with_nothing_unsaved_leaves_no_draft_behind(path: Path) -> None:
    """Back at the file's state by a way that is not the undo key (here: the model directly),
    then quit before the next tick: the draft of this session still goes."""
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("plus")
        assert app.drafts.write_now()
        assert draft_path(path).exists()
        app.om.undo()
        await pilot.press("q")
        await pilot.pause()
    assert not draft_path(path).exists()


async def test_discard_in_the_quit_guard_removes_this_sessions_draft(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJM_AUTOSAVE_SECONDS", "0.05")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("plus")
        await until(pilot, lambda: draft_path(path).exists())
        await pilot.press("q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await pilot.pause()
    assert not draft_path(path).exists()
    assert path.read_text(encoding="utf-8") == COMMENTED


async def test_discard_in_the_quit_guard_spares_a_draft_left_for_later(path: Path) -> None:
    crashed_session(path)
    before = draft_path(path).read_bytes()
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("escape", "plus", "q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await pilot.pause()
    assert draft_path(path).read_bytes() == before


async def test_a_termination_signal_writes_the_draft_and_quits(path: Path) -> None:
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("plus")
        assert not draft_path(path).exists()  # the timer is far away
        app.drafts.on_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    assert map_to_raw(read_draft(path).map)["touchpoints"][0]["emotion"] == 0
    assert path.read_text(encoding="utf-8") == COMMENTED


async def test_an_exit_that_skips_the_quit_guard_keeps_the_unsaved_changes(path: Path) -> None:
    """A closed browser tab (cjm serve) ends the editor without the quit guard: the changes
    of the last seconds, not yet autosaved, must still land in the draft."""
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("plus")
        assert not draft_path(path).exists()  # the timer is far away
        app.exit(0)
        await pilot.pause()
    assert map_to_raw(read_draft(path).map) == map_to_raw(app.om.map)
    assert path.read_text(encoding="utf-8") == COMMENTED


async def test_a_failed_draft_is_told_outside_the_lock(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft that cannot be written (a full disk) is reported from the worker without
    holding the drafts' lock: the app's thread may be waiting for that lock (a save, a
    signal) while the report waits for the app's thread, and the editor would hang."""
    import errno

    from cjm_tui.tui import drafts as drafts_module

    def full_disk(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(drafts_module, "write_draft", full_disk)
    monkeypatch.setenv("CJM_AUTOSAVE_SECONDS", "0.05")
    app = app_for(path)
    held_while_telling: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        real = app.call_from_thread

        def spy(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            held_while_telling.append(app.drafts.lock.locked())
            return real(callback, *args, **kwargs)

        monkeypatch.setattr(app, "call_from_thread", spy)
        await pilot.press("plus")
        await until(pilot, lambda: bool(held_while_telling))
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.om.dirty  # the save went through
    assert held_while_telling and not any(held_while_telling)
