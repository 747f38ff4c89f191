"""A person's own keys (`keymap.toml`): read when well formed, else ignored with one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm_tui.tui.app import build_app
from cjm_tui.tui.keymap import load_keymap

from .conftest import SAMPLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[keys]\n"touchpoint.moment" = "M"\n', {"touchpoint.moment": "M"}),
        ("# nothing yet\n", {}),
    ],
)
def test_a_well_formed_keymap_is_read(tmp_path: Path, text: str, expected: dict[str, str]) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    assert load_keymap(path) == (expected, None)


def test_no_keymap_is_no_keys_and_no_warning(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "absent.toml") == ({}, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('[keys\n"app.quit" = "x"\n', id="not-toml"),
        pytest.param('[keys]\n"app.quit" = 3\n', id="not-a-key-string"),
        pytest.param('keys = "app.quit"\n', id="keys-not-a-table"),
        pytest.param(b"[keys]\n\xff = 1\n", id="not-utf8"),
    ],
)
def test_a_malformed_keymap_is_ignored_with_one_line_naming_it(
    tmp_path: Path, text: str | bytes
) -> None:
    path = tmp_path / "keymap.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    keys, warning = load_keymap(path)
    assert keys == {}
    assert warning is not None and str(path) in warning and "\n" not in warning


async def test_the_editor_opens_with_the_default_keys_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken keymap never stops the editor: it opens, warns once, and `ctrl+s` still saves."""
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keys]\n"app.save" = [\n', encoding="utf-8")
    monkeypatch.setenv("CJM_KEYMAP", str(keymap))
    path = Path(shutil.copyfile(SAMPLES / "telecom-prepaid.toml", tmp_path / "map.toml"))
    app = build_app(path)
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert [str(keymap) in n.message for n in warnings] == [True]
        await pilot.press("plus")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.om.dirty
    assert path.read_bytes() != (SAMPLES / "telecom-prepaid.toml").read_bytes()
