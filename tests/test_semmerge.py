"""Three-way merges by id: clean where people touched different things, named conflicts else."""

from __future__ import annotations

import copy
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cjm_tui.cli import main
from cjm_tui.model import Map, Touchpoint, map_to_raw
from cjm_tui.store import MapFile, check_file
from cjm_tui.versions.semmerge import merge_maps

from .mutations import applied, edits
from .test_store_properties import maps
from .test_store_write import COMMENTED


@settings(max_examples=60, deadline=None)
@given(maps())
def test_merging_a_side_that_did_nothing_gives_the_other_side(m: Map) -> None:
    base = copy.deepcopy(m)
    merged, conflicts = merge_maps(base, copy.deepcopy(m), base)
    assert conflicts == [] and map_to_raw(merged) == map_to_raw(m)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_two_sides_editing_different_fields_merge_into_both(data: st.DataObject) -> None:
    """Ours and theirs edit different (touchpoint, key) pairs of a random map: the merge holds
    both sides' edits and reports no conflict (a merge that keeps ours only fails)."""
    base = data.draw(maps())
    mine = data.draw(edits(base))
    taken = frozenset((i, k) for i, k, _ in mine)
    yours = data.draw(edits(base, taken))
    merged, conflicts = merge_maps(base, applied(base, mine), applied(base, yours))
    assert conflicts == []
    assert map_to_raw(merged) == map_to_raw(applied(base, mine + yours))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_same_field_edited_two_ways_is_a_conflict_named_by_id_and_key(
    data: st.DataObject,
) -> None:
    """Both sides set one field to different values: the conflict names that touchpoint and
    key, and every other edit of either side is in the merge."""
    base = data.draw(maps())
    assume(base.touchpoints)
    i = data.draw(st.integers(0, len(base.touchpoints) - 1))
    a, b = data.draw(st.lists(st.text(min_size=1, max_size=8), min_size=2, max_size=2, unique=True))
    ours = [(i, "owner", a)]
    theirs = [(i, "owner", b)]
    mine = data.draw(edits(base, frozenset({(i, "owner")})))
    ours += mine
    taken = frozenset({(i, "owner")} | {(j, k) for j, k, _ in mine})
    theirs += data.draw(edits(base, taken))
    merged, conflicts = merge_maps(base, applied(base, ours), applied(base, theirs))
    tp = base.touchpoints[i]
    assert [(c.table, c.id, c.key) for c in conflicts] == [("touchpoints", tp.id, "owner")]
    assert merged.touchpoints[i].owner == a  # kept ours, as the conflict says
    for j, key, value in ours[1:] + theirs[1:]:
        assert getattr(merged.touchpoints[j], key) == value


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_two_branches_adding_touchpoints_merge_cleanly(tmp_path: Path) -> None:
    base = write(tmp_path / "base.toml", COMMENTED)
    ours_mf = MapFile.load(write(tmp_path / "ours.toml", COMMENTED))
    m = ours_mf.map
    m.insert_touchpoint(Touchpoint(id="leaflet", stage="discover", name="Leaflet", emotion=0))
    ours_mf.save(m)
    theirs_mf = MapFile.load(write(tmp_path / "theirs.toml", COMMENTED))
    t = theirs_mf.map
    t.insert_touchpoint(Touchpoint(id="receipt", stage="buy", name="Receipt", emotion=1))
    t.touchpoints[0] = replace(t.touchpoints[0], owner="Marketing")  # another field of sms
    theirs_mf.save(t)
    out = tmp_path / "out.toml"
    code = main(["merge", str(base), str(ours_mf.path), str(theirs_mf.path), "-o", str(out)])
    assert code == 0
    merged = MapFile.load(out).map
    assert [x.id for x in merged.touchpoints] == ["sms", "leaflet", "shop", "pay", "receipt"]
    assert merged.touchpoint("sms").owner == "Marketing"  # type: ignore[union-attr]
    text = out.read_text(encoding="utf-8")
    assert "# The SMS nobody trusts" in text and "# interview 3" in text  # ours' comments


def test_the_same_field_changed_both_ways_is_a_named_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path / "base.toml", COMMENTED)
    ours = write(tmp_path / "ours.toml", COMMENTED.replace("emotion = -1", "emotion = 1"))
    theirs = write(tmp_path / "theirs.toml", COMMENTED.replace("emotion = -1", "emotion = -2"))
    out = tmp_path / "out.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "touchpoint sms: emotion changed on both sides" in err
    assert check_file(out).ok  # never a broken file
    assert MapFile.load(out).map.touchpoint("sms").emotion == 1  # type: ignore[union-attr]


def test_a_merge_that_would_leave_a_dangling_reference_keeps_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ours deletes touchpoint sms; theirs adds an action for it: each side is valid, the
    merge would not be, so ours is written unchanged and the conflict is reported."""
    base = write(tmp_path / "base.toml", COMMENTED)
    om = MapFile.load(write(tmp_path / "ours.toml", COMMENTED))
    m = om.map
    m.touchpoints = [t for t in m.touchpoints if t.id != "sms"]
    m.actions = []
    om.save(m)
    ours_text = om.path.read_text(encoding="utf-8")
    theirs = write(
        tmp_path / "theirs.toml",
        COMMENTED + '\n[[actions]]\nid = "call-back"\ntouchpoint = "sms"\ntitle = "Call back"\n',
    )
    out = tmp_path / "out.toml"
    assert main(["merge", str(base), str(om.path), str(theirs), "-o", str(out)]) == 1
    assert "would be invalid" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == ours_text


def test_changed_on_one_side_and_deleted_on_the_other_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path / "base.toml", COMMENTED)
    om = MapFile.load(write(tmp_path / "ours.toml", COMMENTED))
    m = om.map
    m.touchpoints = [t for t in m.touchpoints if t.id != "sms"]
    m.actions = []
    om.save(m)
    theirs = write(
        tmp_path / "theirs.toml",
        COMMENTED.replace('title = "Magic link in SMS"', 'title = "Magic link"'),
    )
    out = tmp_path / "out.toml"
    assert main(["merge", str(base), str(om.path), str(theirs), "-o", str(out)]) == 1
    assert "action magic-link: deleted on our side, changed on theirs" in capsys.readouterr().err
    assert check_file(out).ok


def test_git_uses_cjm_as_merge_driver(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    driver = f"{sys.executable} -m cjm_tui merge %O %A %B -o %A"
    git("config", "merge.cjm.driver", driver)
    (tmp_path / ".gitattributes").write_text("*.toml merge=cjm\n", encoding="utf-8")
    write(tmp_path / "map.toml", COMMENTED)
    git("add", "-A")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "other")
    assert main(["add", str(tmp_path / "map.toml"), "Receipt by email @email #buy +1"]) == 0
    git("commit", "-qam", "theirs")
    git("checkout", "-q", "main")
    assert main(["add", str(tmp_path / "map.toml"), "Leaflet @print #discover +0"]) == 0
    git("commit", "-qam", "ours")
    git("merge", "-q", "--no-edit", "other")  # raises if the merge conflicts
    merged = MapFile.load(tmp_path / "map.toml").map
    ids = [t.id for t in merged.touchpoints]
    assert "leaflet" in ids and "receipt-by-email" in ids
