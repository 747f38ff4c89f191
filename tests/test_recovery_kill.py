"""The real thing: `cjm edit` in a real terminal (a pty), killed, started again, restored.

Each test runs the editor as a separate process on a copy of a sample map, makes an edit with
a key, and ends the process the hard way: SIGKILL (the autosave timer must have written the
draft), SIGHUP (a dropped SSH connection: the handler writes it, the timer is set far away),
or the terminal itself going away. The next `cjm edit` must show the recovery dialog; `r` then
`ctrl+s` must save the edit. The terminal is a pty from the standard library, so this runs on
any POSIX machine with Python (no tmux needed). Every wait has a timeout; every process this
starts is killed in `finally`.
"""

from __future__ import annotations

import os
import shutil
import signal
import tomllib
from pathlib import Path

import pytest

from cjm_tui.editing.recovery import draft_path, read_draft

from .conftest import SAMPLES
from .terminal import TIMEOUT, Terminal, editor, environment, wait_until

pytestmark = pytest.mark.skipif(not hasattr(os, "forkpty"), reason="needs a POSIX pty")

SAMPLE = SAMPLES / "telecom-prepaid.toml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    file = tmp_path / "journey.toml"
    shutil.copyfile(SAMPLE, file)
    return file


def first_emotion(file: Path) -> object:
    return tomllib.loads(file.read_text(encoding="utf-8"))["touchpoints"][0].get("emotion")


def edit_one_emotion(term: Terminal) -> None:
    term.wait_for("Bus-stop poster")  # painted: the first stage's touchpoints are there
    term.send(b"+")
    term.wait_for("[unsaved]")


def restore_and_save(file: Path, env: dict[str, str], original: bytes) -> None:
    """Start again: the dialog is there; `r`, `ctrl+s`; the map holds the edit."""
    with editor(file, env) as term:
        term.wait_for("Restore (r)")
        assert "left in a draft of journey.toml" in term.text()
        assert file.read_bytes() == original  # nothing written before the person chose
        term.send(b"r")
        term.wait_for("Restored the draft")
        term.send(b"\x13")  # ctrl+s
        wait_until(lambda: file.read_bytes() != original, "the map to be saved", TIMEOUT, term)
        wait_until(lambda: not draft_path(file).exists(), "the draft to go", TIMEOUT, term)
        term.send(b"q")
        status = term.wait_exit()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert first_emotion(file) == 2
    changed = [
        (a, b)
        for a, b in zip(original.decode().splitlines(), file.read_text().splitlines(), strict=True)
        if a != b
    ]
    assert changed == [("emotion = 1", "emotion = 2")]


def test_sigkill_loses_nothing_the_timer_kept(workspace: Path, tmp_path: Path) -> None:
    env = environment(tmp_path, autosave="0.3")
    original = workspace.read_bytes()
    assert first_emotion(workspace) == 1
    with editor(workspace, env) as term:
        edit_one_emotion(term)
        wait_until(lambda: draft_path(workspace).exists(), "the draft", TIMEOUT, term)
        wait_until(
            lambda: first_emotion_of_draft(workspace) == 2, "the draft's content", TIMEOUT, term
        )
        os.kill(term.pid, signal.SIGKILL)
        status = term.wait_exit()
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert workspace.read_bytes() == original
    restore_and_save(workspace, env, original)


def test_sighup_writes_the_draft_before_the_editor_exits(workspace: Path, tmp_path: Path) -> None:
    env = environment(tmp_path, autosave="1000")  # the handler, not the timer, must write it
    original = workspace.read_bytes()
    with editor(workspace, env) as term:
        edit_one_emotion(term)
        # The timer's period (1,000 s) cannot pass in this test: only the handler can write.
        assert not draft_path(workspace).exists()
        os.kill(term.pid, signal.SIGHUP)
        status = term.wait_exit()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + signal.SIGHUP
    assert first_emotion_of_draft(workspace) == 2
    assert workspace.read_bytes() == original
    restore_and_save(workspace, env, original)


def test_a_terminal_that_goes_away_leaves_the_draft(workspace: Path, tmp_path: Path) -> None:
    """The SSH connection drops: the pty hangs up under the editor, which can no longer draw."""
    env = environment(tmp_path, autosave="1000")
    original = workspace.read_bytes()
    with editor(workspace, env) as term:
        edit_one_emotion(term)
        term.hang_up()
        status = term.wait_exit()
        assert os.WIFEXITED(status)  # handled, not killed by the signal's default action
    assert first_emotion_of_draft(workspace) == 2
    assert workspace.read_bytes() == original


def first_emotion_of_draft(file: Path) -> object:
    try:
        return read_draft(file).map.touchpoints[0].emotion
    except Exception:
        return None
