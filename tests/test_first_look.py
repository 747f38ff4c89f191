"""Large maps paint from a first look while the whole file loads in a worker."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.store import MapFile
from cjm_tui.store.preview import first_look
from cjm_tui.tui.app import CjmApp

from .conftest import ROOT, until


def generated(n: int) -> str:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate_map(n)
    return text


@pytest.fixture(scope="module")
def big_text() -> str:
    return generated(600)


def test_first_look_holds_the_head_and_the_first_stage(big_text: str, tmp_path: Path) -> None:
    look = first_look(big_text)
    assert look is not None
    path = tmp_path / "big.toml"
    path.write_text(big_text, encoding="utf-8")
    full = MapFile.load(path).map
    assert look.info == full.info
    assert [s.id for s in look.stages] == [s.id for s in full.stages]
    assert [p.name for p in look.personas] == [p.name for p in full.personas]
    first = full.stages[0].id
    assert [t.id for t in look.touchpoints] == [t.id for t in full.touchpoints if t.stage == first]
    assert look.actions == []


def test_first_look_stops_after_the_first_stage(big_text: str) -> None:
    """What comes after the first stage's touchpoints is not read: a broken table at the
    end of a large file does not cost the first look (the full load reports it)."""
    look = first_look(big_text + "\n[[personas]]\nid = [broken\n")
    whole = first_look(big_text)
    assert look is not None and whole is not None
    assert [p.name for p in look.personas] == [p.name for p in whole.personas]


def test_first_look_declines_what_it_cannot_read_safely(big_text: str) -> None:
    assert first_look("not toml at all [") is None
    assert first_look('[map]\nformat = 1\ntitle = "x"\n') is None  # no stages
    bad = big_text.replace("emotion = 1\n", "emotion = 7\n", 1)
    assert first_look(bad) is None  # an invalid value in what it read


async def test_the_app_paints_from_the_look_and_edits_after_the_load(
    big_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(big_text, encoding="utf-8")
    look = first_look(big_text)
    assert look is not None
    om = OpenMap.loading(path, look)
    with pytest.raises(EditError, match="loading"):
        om.toggle_moment(look.touchpoints[0])
    app = CjmApp(om, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not app.om.is_loading)
        assert len(app.om.map.touchpoints) == 600
        assert "loading" not in app.sub_title
        await pilot.press("m", "ctrl+s")
    toggled = None if look.touchpoints[0].moment_of_truth else True
    assert MapFile.load(path).map.touchpoints[0].moment_of_truth is toggled


async def test_an_invalid_file_found_by_the_full_load_exits_2_untouched(
    big_text: str, tmp_path: Path
) -> None:
    bad = big_text.replace('touchpoint = "', 'touchpoint = "missing-', 1)
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    look = first_look(bad)
    assert look is not None  # the broken action is beyond the first look
    app = CjmApp(OpenMap.loading(path, look), keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_value == 2
    assert any("not the id of a touchpoint" in p.message for p in app.load_problems)
    assert path.read_text(encoding="utf-8") == bad
