"""`cjm diff OLD NEW --curve`: both emotion curves in one chart, then what changed."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from cjm_tui.cli import main
from cjm_tui.model import Map, Touchpoint
from cjm_tui.store import MapFile
from cjm_tui.views.curvediff import AFTER, BEFORE, emotion_changes, overlay
from cjm_tui.views.timeline import ROW_TOP, Timeline

from .conftest import ROOT
from .test_store_properties import maps

SAMPLE = ROOT / "maps" / "telecom-prepaid.toml"
HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def edited(m: Map) -> Map:
    """The sample with one emotion raised, one lowered, one touchpoint gone, one added."""
    n = copy.deepcopy(m)
    n.touchpoints[0] = replace(n.touchpoints[0], emotion=-2)
    n.touchpoints[2] = replace(n.touchpoints[2], emotion=2)
    n.touchpoints.pop(5)
    n.insert_touchpoint(Touchpoint(id="loyalty-sms", stage=n.stages[3].id, name="SMS", emotion=1))
    return n


def test_overlay_keeps_removed_touchpoints_where_they_were() -> None:
    m = MapFile.load(SAMPLE).map
    n = edited(m)
    both = overlay(m, n)
    ids = [tp.id for tp in both.journey()]
    old_ids = [tp.id for tp in m.journey()]
    gone = m.touchpoints[5].id
    # The removed one sits right after the touchpoint it followed in OLD.
    assert ids.index(gone) == ids.index(old_ids[old_ids.index(gone) - 1]) + 1
    assert "loyalty-sms" in ids
    assert len(ids) == len(m.touchpoints) + 1
    by_id = {tp.id: tp for tp in both.touchpoints}
    assert by_id[gone].emotion == {BEFORE: m.touchpoints[5].emotion_for(None)}
    assert by_id["loyalty-sms"].emotion == {AFTER: 1}
    first = m.touchpoints[0]
    assert by_id[first.id].emotion == {BEFORE: first.emotion_for(None), AFTER: -2}


def test_changes_list_each_curve_difference() -> None:
    m = MapFile.load(SAMPLE).map
    n = edited(m)
    changes = {c.id: c for c in emotion_changes(m, n)}
    assert changes[m.touchpoints[0].id].new == -2
    assert changes[m.touchpoints[2].id].new == 2
    assert changes["loyalty-sms"].kind == "added"
    assert changes[m.touchpoints[5].id].kind == "removed"
    # A persona's curve: a per-persona value changed for that persona only.
    senior = copy.deepcopy(m)
    tp = next(
        t for t in senior.touchpoints if isinstance(t.emotion, dict) and "senior" in t.emotion
    )
    assert isinstance(tp.emotion, dict)
    tp.emotion = {**tp.emotion, "senior": 2 if tp.emotion["senior"] != 2 else -2}
    assert [c.id for c in emotion_changes(m, senior, "senior")] == [tp.id]
    others = [p.id for p in m.personas if p.id != "senior" and p.id not in tp.emotion]
    for pid in others:
        assert emotion_changes(m, senior, pid) == []


def test_the_chart_draws_both_values_on_their_rows() -> None:
    m = MapFile.load(SAMPLE).map
    n = edited(m)
    both = overlay(m, n)
    timeline = Timeline(both, column_width=7)
    rows = [line.plain for line in timeline.render(0, 4 + 7 * len(both.touchpoints))]
    before_symbol = timeline.curves[0].symbol
    after_symbol = timeline.curves[1].symbol
    # The first touchpoint fell to -2: the after curve is on the -2 row in the first column.
    first_column = slice(4, 4 + 7)
    assert after_symbol in rows[ROW_TOP + 4][first_column]
    old_value = m.journey()[0].emotion_for(None)
    assert old_value is not None
    assert before_symbol in rows[ROW_TOP + 2 - old_value][first_column]


@settings(max_examples=40, deadline=None)
@given(maps())
def test_a_map_against_itself_has_one_curve_twice(m: Map) -> None:
    both = overlay(m, copy.deepcopy(m))
    assert [tp.id for tp in both.journey()] == [tp.id for tp in m.journey()]
    for tp in both.touchpoints:
        assert isinstance(tp.emotion, dict)
        assert tp.emotion.get(BEFORE) == tp.emotion.get(AFTER)
    assert emotion_changes(m, copy.deepcopy(m)) == []


def test_cjm_diff_curve_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.toml"
    new = tmp_path / "new.toml"
    old.write_bytes(SAMPLE.read_bytes())
    new.write_bytes(SAMPLE.read_bytes())
    before = old.read_bytes()
    assert main(["add", str(new), "Loyalty SMS #activate +1"]) == 0
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--curve", "--width", "80"]) == 0
    out = capsys.readouterr().out
    assert "before: " + str(old) in out
    assert "after: " + str(new) in out
    assert "“Loyalty SMS”: added, +1" in out
    assert "\x1b[" not in out  # plain when piped
    assert max(len(line) for line in out.splitlines()) <= 80
    assert old.read_bytes() == before

    assert main(["diff", str(old), str(new), "--curve", "--persona", "senior"]) == 0
    assert "emotion of Pani Halina" in capsys.readouterr().out

    assert main(["diff", str(old), str(new), "--curve", "--persona", "nobody"]) == 2
    assert "no persona 'nobody'" in capsys.readouterr().err
    assert main(["diff", str(old), str(new), "--persona", "senior"]) == 2
    assert "go with --curve" in capsys.readouterr().err
    assert main(["diff", str(old), str(new), "--curve", "--format", "json"]) == 2
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--curve", "--width", "20"]) == 2
    assert "too narrow" in capsys.readouterr().err


def test_hostile_text_in_the_curves_is_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(HOSTILE), str(SAMPLE), "--curve", "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out)
