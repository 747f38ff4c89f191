"""The semantic diff: changes by id, as a reviewer reads them."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_tui.cli import main
from cjm_tui.model import Map, Touchpoint
from cjm_tui.store import MapFile
from cjm_tui.versions.diffwords import describe
from cjm_tui.versions.semdiff import diff_maps

from .conftest import SAMPLES
from .mutations import applied, edits, effective
from .test_store_properties import maps

SAMPLE = SAMPLES / "telecom-prepaid.toml"


def lines(old: Map, new: Map) -> list[str]:
    return [describe(c, old, new).plain for c in diff_maps(old, new)]


@settings(max_examples=60, deadline=None)
@given(maps())
def test_a_map_compared_with_itself_has_no_changes(m: Map) -> None:
    assert diff_maps(m, copy.deepcopy(m)) == []


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_diff_names_exactly_the_fields_that_were_edited(data: st.DataObject) -> None:
    """Random edits of a random map: the diff lists each edited (touchpoint, key) whose
    value changed, and nothing else (a diff that says nothing, or too much, fails)."""
    m = data.draw(maps())
    changes = data.draw(edits(m))
    new = applied(m, changes)
    found = {(c.id, c.key) for c in diff_maps(m, new)}
    assert all(c.kind == "changed" and c.table == "touchpoints" for c in diff_maps(m, new))
    assert found == effective(m, changes)


def test_each_kind_of_change_reads_as_a_sentence() -> None:
    m = MapFile.load(SAMPLE).map
    n = copy.deepcopy(m)
    first, second = n.touchpoints[0], n.touchpoints[1]
    n.touchpoints[0] = replace(first, emotion=-2, moment_of_truth=True)
    n.touchpoints[1] = replace(second, stage=n.stages[2].id)
    gone = n.touchpoints.pop(4)
    n.insert_touchpoint(Touchpoint(id="parking", stage=n.stages[0].id, name="Parking"))
    old_stage = n.stages[1]
    n.stages[1] = replace(old_stage, id="compare-offers")
    n.touchpoints = [
        replace(t, stage="compare-offers") if t.stage == old_stage.id else t for t in n.touchpoints
    ]
    n.info = replace(n.info, title="Prepaid, v2")
    out = lines(m, n)
    assert out[0] == f'~ map: title "{m.info.title}" → "Prepaid, v2"'
    assert f"~ stage {old_stage.id} renamed to compare-offers “{old_stage.name}”" in out
    assert f"- touchpoint {gone.id} “{gone.name}” from stage {m.stage_name(gone.stage)}" in out
    assert f"~ touchpoint {first.id} “{first.name}”: emotion +1 → -2 ↓" in out
    assert f"◆ touchpoint {first.id} “{first.name}”: is now a moment of truth" in out
    assert (
        f"→ touchpoint {second.id} “{second.name}”: moved from stage "
        f"{m.stage_name(second.stage)} to {n.stages[2].name}"
    ) in out
    assert "+ touchpoint parking “Parking” in stage Discover" in out
    # Touchpoints of the renamed stage did not "move".
    assert not [line for line in out if "moved from stage Compare" in line]


def test_per_persona_emotions_and_reordering() -> None:
    m = MapFile.load(SAMPLE).map
    n = copy.deepcopy(m)
    i = next(k for k, t in enumerate(n.touchpoints) if isinstance(t.emotion, dict))
    tp = n.touchpoints[i]
    assert isinstance(tp.emotion, dict)
    pid = next(iter(tp.emotion))
    n.touchpoints[i] = replace(tp, emotion={**tp.emotion, pid: tp.emotion[pid] - 1 or 1})
    n.touchpoints[0], n.touchpoints[1] = n.touchpoints[1], n.touchpoints[0]
    out = lines(m, n)
    assert any(
        line.startswith(f"~ touchpoint {tp.id}") and f"emotion {pid} " in line for line in out
    )
    assert sum(1 for line in out if "moved in journey order" in line) == 1


def test_hostile_text_is_data_in_the_diff() -> None:
    m = MapFile.load(SAMPLE).map
    n = copy.deepcopy(m)
    n.touchpoints[0] = replace(n.touchpoints[0], name="[bold]x[/bold]\x1b[31m\u202e")
    out = lines(m, n)
    assert any("[bold]x[/bold]" in line for line in out)
    assert not any(ch in line for line in out for ch in ("\x1b", "\u202e"))


def test_cjm_diff_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    old = tmp_path / "old.toml"
    new = tmp_path / "new.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("emotion = 1\n", "emotion = -1\n", 1), encoding="utf-8")
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "No changes."
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "emotion +1 → -1 ↓" in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changes"][0]["kind"] == "changed" and data["changes"][0]["key"] == "emotion"
    bad = tmp_path / "bad.toml"
    bad.write_text("[map]\n", encoding="utf-8")
    assert main(["diff", str(old), str(bad)]) == 2
    with pytest.raises(SystemExit):
        main(["diff", "--help"])


def test_git_textconv_and_external_diff_modes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--git", str(SAMPLE)]) == 0
    text = capsys.readouterr().out
    m = MapFile.load(SAMPLE).map
    tp = m.touchpoints[0]
    assert f"touchpoint {tp.id}: name = {json.dumps(tp.name, ensure_ascii=False)}" in text
    assert f"touchpoint {tp.id}: emotion = +1" in text
    assert "map: format = 1" in text
    new = tmp_path / "new.toml"
    new.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("emotion = 1\n", "emotion = 2\n", 1),
        encoding="utf-8",
    )
    git_args = ["map.toml", str(SAMPLE), "abc", "100644", str(new), "def", "100644"]
    assert main(["diff", "--git", *git_args]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "cjm diff a/map.toml b/map.toml"
    assert out[1] == f"~ touchpoint {tp.id} “{tp.name}”: emotion +1 → +2 ↑"
    assert main(["diff", "--git", "a", "b", "c"]) == 2
