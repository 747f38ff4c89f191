"""Random keystrokes over every pane and dialog: no crash, and the saved file is a valid map."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from cjm_tui.store import check_file
from cjm_tui.tui.app import build_app

from .conftest import SAMPLES

MAPS = SAMPLES

# Everything a person can press in the editor, weighted towards the editing keys. Quitting
# keys are left out (they would end the run) and so is the command palette (it is tested on
# its own, and typing into it runs arbitrary commands, quitting among them).
KEYS = (
    ["tab", "shift+tab", "1", "2", "3", "4", "5", "up", "down", "j", "k", "left", "right"] * 3
    + ["a", "e", "enter", "escape", "d", "delete", "y", "n", "s", "c", "r", "o"] * 2
    + ["plus", "minus", "equals_sign", "m", "K", "J", "less_than_sign", "greater_than_sign"] * 3
    + ["ctrl+z", "ctrl+y", "ctrl+s", "question_mark", "z", "home", "end", "pageup", "pagedown"]
    + ["space", "backspace", "x", "7", "-", "+", "#", "@", "^", "!", "\\", "[", "]", "ą", "я"]
)


CHARS = {
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "question_mark": "?",
    "space": " ",
}


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key` (a name like "plus", or a character)."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    return events.Key(key, CHARS.get(key))


@pytest.mark.parametrize(
    ("sample", "seed"),
    [("telecom-prepaid.toml", 1), ("b2b-office-visit.toml", 2), ("employee-onboarding.toml", 3)],
)
async def test_random_keys_never_crash_and_save_a_valid_map(
    tmp_path: Path, sample: str, seed: int
) -> None:
    path = tmp_path / sample
    shutil.copy(MAPS / sample, path)
    shutil.copy(MAPS / "personas.toml", tmp_path)  # employee-onboarding's persona library
    rng = random.Random(seed)
    app = build_app(path, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        # Keys arrive in bursts, as from a fast typist: Pilot's per-key wait for idle would
        # make a few thousand keys take minutes.
        for _ in range(50):
            for _ in range(25):
                app.post_message(key_event(rng.choice(KEYS)))
            await pilot.pause()
            assert app.is_running
        for _ in range(4):  # leave whatever dialog or form is open
            await pilot.press("escape")
        while app.screen is not app.main:
            app.pop_screen()
        await pilot.press("ctrl+s")
        await pilot.pause()
        if app.screen is not app.main:  # "changed on disk" cannot happen here, but be sure
            await pilot.press("o")
        assert not app.om.dirty
    # the keys really edited the map (20 for the onboarding sample, whose library personas
    # cannot be deleted from it)
    assert app.om.version >= 20
    checked = check_file(path)
    assert checked.ok, [p.format() for p in checked.problems]
    assert app.om.file.text == path.read_text(encoding="utf-8")  # what it saved is there
