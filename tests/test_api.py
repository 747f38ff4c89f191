"""The scripting API of docs/api.md, used as a script would: open, edit, undo, save, read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_tui.api import (
    EditError,
    InvalidMap,
    MapFile,
    OpenMap,
    SaveResult,
    Touchpoint,
    check_file,
)


def test_a_script_drafts_a_map_and_saves_it(tmp_path: Path) -> None:
    """docs/api.md's example, on a new map: every edit lands in the file, an undone one does not."""
    path = tmp_path / "clinic.toml"
    om = OpenMap.open(path)  # a missing file starts a new map
    om.add(Touchpoint(id="guard", stage="during", name="Security guard", emotion=0))
    guard = next(t for t in om.map.touchpoints if t.id == "guard")
    guard = om.bump_emotion(guard, -1, persona=None)
    guard = om.toggle_moment(guard)
    om.update(guard, owner="Facilities")
    om.add(Touchpoint(id="parking", stage="before", name="Visitor parking", emotion=-2))
    om.undo()
    assert om.save() is SaveResult.SAVED
    assert check_file(path).ok
    saved = MapFile.load(path).map
    (tp,) = saved.touchpoints
    assert (tp.id, tp.emotion, tp.moment_of_truth, tp.owner) == ("guard", -1, True, "Facilities")
    assert om.save() is SaveResult.UNCHANGED


def test_a_script_gets_the_editor_s_refusals(tmp_path: Path) -> None:
    """A duplicate id is refused with EditError and changes nothing; an invalid file raises
    InvalidMap with located problems."""
    om = OpenMap.open(tmp_path / "m.toml")
    om.add(Touchpoint(id="a", stage="before", name="A"))
    with pytest.raises(EditError):
        om.add(Touchpoint(id="a", stage="before", name="Again"))
    assert [t.id for t in om.map.touchpoints] == ["a"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[map]\nformat = 1\ntitle = "T"\n\n[[stages]]\nid = "Not A Slug"\nname = "S"\n')
    with pytest.raises(InvalidMap) as caught:
        OpenMap.open(bad)
    assert caught.value.problems[0].line == 6
