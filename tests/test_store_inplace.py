"""The save in place (`_Writer.in_place`) against the whole writer.

A save where only values of entries the file holds changed splices those entries' new text
into the old one and moves the layout's blocks by the change in length, instead of writing
every unit out and scanning the new text again. Whatever the map, the style it is written in
and the edits (the editor's, and a script's that changes an entry object itself), it must
write exactly the bytes the whole writer writes, and the layout it keeps must be the one a
fresh scan of the new text finds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from cjm_tui.editing.openmap import OpenMap
from cjm_tui.model import Map
from cjm_tui.model.library import own_map
from cjm_tui.store import MapFile
from cjm_tui.store.layout import Block, Layout
from cjm_tui.store.write import WriteError, render_save

from .mapstyles import render_styled
from .test_store_properties import STYLED, _edit, in_journey_order, maps, styled_ops, styles
from .test_store_write import COMMENTED


def _whole(mf: MapFile, m: Map) -> str | None:
    """What the whole writer saves (None: it refuses), from a layout scanned afresh."""
    try:
        return render_save(mf.text, Layout(mf.text), mf._baseline, own_map(m), fast=False).text
    except WriteError:
        return None


def _where(block: Block) -> tuple[Any, ...]:
    return (
        block.name,
        block.path,
        block.is_array,
        block.header_start,
        block.start,
        block.body_start,
        block.content_end,
        block.end,
    )


def _mutate(m: Map, op: tuple[Any, ...]) -> None:
    """A script's edit: the touchpoint object itself changed, no new object."""
    if not m.touchpoints or op[0] not in ("text", "bump", "list", "to-stage"):
        return
    tp = m.touchpoints[op[1] % len(m.touchpoints)]
    if op[0] == "text" and op[3] is not None:
        setattr(tp, op[2], op[3])
    elif op[0] == "bump" and isinstance(tp.emotion, int):
        tp.emotion = max(-2, min(2, tp.emotion + op[2]))
    elif op[0] == "to-stage":
        ids = [s.id for s in m.stages]
        if tp.stage in ids:
            tp.stage = ids[(ids.index(tp.stage) + op[2]) % len(ids)]  # where it stands
    elif op[0] == "list":
        items = getattr(tp, op[2])
        if items is None:
            setattr(tp, op[2], [op[4]])
        else:
            items.append(op[4])  # the list itself, in place


def check_save(mf: MapFile, m: Map) -> bool:
    """Save `m` and compare with the whole writer; whether the layout was kept."""
    want = _whole(mf, m)
    before = mf.path.read_bytes()
    try:
        mf.save(m)
    except WriteError:
        assert want is None, "the save in place refused what the whole writer writes"
        assert mf.path.read_bytes() == before
        return False
    assert want is not None, "the save in place wrote what the whole writer refuses"
    assert mf.text == want
    kept = mf._layout is not None
    if kept:
        assert [_where(b) for b in mf.layout.blocks] == [_where(b) for b in Layout(mf.text).blocks]
    return kept


@settings(STYLED, max_examples=150)
@given(
    maps(),
    styles(),
    st.lists(st.tuples(styled_ops, st.booleans()), min_size=1, max_size=6),
)
def test_a_save_in_place_writes_what_the_whole_writer_writes(
    tmp_path: Path, m: Map, style: Any, steps: list[tuple[tuple[Any, ...], bool]]
) -> None:
    m = in_journey_order(m, style)
    path = tmp_path / "styled.toml"
    path.write_bytes(render_styled(m, style).encode("utf-8"))
    om = OpenMap.open(path)
    mf = om.file
    for op, by_script in steps:
        if by_script:
            _mutate(om.map, op)
        else:
            _edit(om, op)
        event("layout kept" if check_save(mf, om.map) else "layout scanned again")


def test_one_value_is_saved_in_place_and_the_layout_kept(tmp_path: Path) -> None:
    """The benchmark's edit: one emotion changed on the object itself, saved twice."""
    path = tmp_path / "map.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    mf = MapFile.load(path)
    m = mf.map
    layout = mf.layout
    for value in (2, -2):
        m.touchpoints[0].emotion = value
        assert check_save(mf, m)
        assert mf.layout is layout
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        "emotion = -1   # interview 3", "emotion = -2   # interview 3"
    )


BANNERS = """\
[map]
format = 1
title = "Banners"

[[stages]]
id = "one"
name = "One"

[[stages]]
id = "two"
name = "Two"

# ----- One -----

[[touchpoints]]
id = "a"
stage = "one"
name = "A"

# ----- Two -----

[[touchpoints]]
id = "b"
stage = "two"
name = "B"
"""


def test_a_touchpoint_that_changes_stage_goes_under_its_banner(tmp_path: Path) -> None:
    """Not in place: its new stage's banner is above another entry."""
    path = tmp_path / "map.toml"
    path.write_text(BANNERS, encoding="utf-8")
    mf = MapFile.load(path)
    m = mf.map
    m.touchpoints[1].stage = "one"
    check_save(mf, m)
    assert mf.text.index('id = "b"') < mf.text.index("# ----- Two -----")
