"""Property tests: whatever the map and whatever the edits, what is saved reads back the same."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_tui.model import Action, Map, MapInfo, Persona, Stage, Touchpoint, map_to_raw
from cjm_tui.model.rules import LEVELS, STATES, STATUSES
from cjm_tui.store import MapFile
from cjm_tui.store.write import render_new
from cjm_tui.validate import validate

from .test_store_write import COMMENTED

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
texts = st.text(max_size=30)  # any Unicode TOML can hold, control characters included
text_lists = st.lists(texts, max_size=3)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1))
emotions = st.integers(-2, 2)


@st.composite
def maps(draw: st.DrawFn) -> Map:
    persona_ids = draw(st.lists(ids, max_size=4, unique=True))
    stage_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    tp_ids = draw(st.lists(ids, max_size=8, unique=True))
    opt = st.none() | texts

    def emotion() -> Any:
        return draw(
            st.none() | emotions | st.dictionaries(st.sampled_from(persona_ids), emotions)
            if persona_ids
            else st.none() | emotions
        )

    touchpoints = [
        Touchpoint(
            id=tid,
            stage=draw(st.sampled_from(stage_ids)),
            name=draw(texts),
            channel=draw(opt),
            doing=draw(opt),
            thinking=draw(opt),
            feeling=draw(opt),
            expectation=draw(opt),
            experience=draw(opt),
            emotion=emotion(),
            personas=draw(st.none() | st.lists(st.sampled_from(persona_ids), unique=True))
            if persona_ids
            else None,
            moment_of_truth=draw(st.none() | st.booleans()),
            mot_reason=draw(opt),
            pain_points=draw(st.none() | text_lists),
            owner=draw(opt),
            evidence=draw(st.none() | text_lists),
            status=draw(st.none() | st.sampled_from(STATUSES)),
            extra=draw(
                st.dictionaries(
                    st.from_regex(r"x_[a-z]{1,5}", fullmatch=True),
                    texts | st.integers() | st.booleans(),
                    max_size=2,
                )
            ),
        )
        for tid in tp_ids
    ]
    actions = [
        Action(
            id=aid,
            touchpoint=draw(st.sampled_from(tp_ids)),
            title=draw(texts),
            owner=draw(opt),
            effort=draw(st.none() | st.sampled_from(LEVELS)),
            impact=draw(st.none() | st.sampled_from(LEVELS)),
            quick_win=draw(st.none() | st.booleans()),
            due=draw(st.none() | dates),
            state=draw(st.none() | st.sampled_from(STATES)),
        )
        for aid in (draw(st.lists(ids, max_size=3, unique=True)) if tp_ids else [])
    ]
    return Map(
        info=MapInfo(
            title=draw(texts),
            kind=draw(st.none() | st.sampled_from(["customer", "employee"])),
            description=draw(opt),
            updated=draw(st.none() | dates),
        ),
        personas=[
            Persona(id=p, name=draw(texts), goals=draw(st.none() | text_lists), quote=draw(opt))
            for p in persona_ids
        ],
        stages=[Stage(id=s, name=draw(texts), goal=draw(opt)) for s in stage_ids],
        touchpoints=touchpoints,
        actions=actions,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.sampled_from(["\n", "\r\n"]))
def test_any_map_saved_as_a_new_file_reads_back_the_same(m: Map, newline: str) -> None:
    text = render_new(m, newline)
    raw = tomllib.loads(text)
    assert raw == map_to_raw(m)
    assert validate(raw) == []
    assert "\n" not in text.replace("\r\n", "") if newline == "\r\n" else "\r" not in text


# Random edits on a hand-commented file ------------------------------------------


def _apply(m: Map, op: tuple[Any, ...]) -> None:
    kind = op[0]
    tps = m.touchpoints
    if kind == "text" and tps:
        tp = tps[op[1] % len(tps)]
        setattr(tp, op[2], op[3])
    elif kind == "emotion" and tps:
        tps[op[1] % len(tps)].emotion = op[2]
    elif kind == "mot" and tps:
        tp = tps[op[1] % len(tps)]
        tp.moment_of_truth = None if tp.moment_of_truth else True
    elif kind == "delete" and tps:
        gone = tps.pop(op[1] % len(tps))
        m.actions = [a for a in m.actions if a.touchpoint != gone.id]
    elif kind == "add":
        taken = {t.id for t in tps}
        new_id = next(f"new-{n}" for n in range(100) if f"new-{n}" not in taken)
        stage = m.stages[op[1] % len(m.stages)].id
        m.insert_touchpoint(Touchpoint(id=new_id, stage=stage, name=op[2], emotion=op[3]))
    elif kind == "move" and len(tps) > 1:
        tp = tps.pop(op[1] % len(tps))
        tps.insert(op[2] % (len(tps) + 1), tp)
    elif kind == "persona":
        taken = {p.id for p in m.personas}
        pid = next(f"p{n}" for n in range(100) if f"p{n}" not in taken)
        m.personas.insert(op[1] % (len(m.personas) + 1), Persona(id=pid, name=op[2]))
    elif kind == "title":
        m.info.title = op[1]


ops = st.one_of(
    st.tuples(
        st.just("text"),
        st.integers(0, 9),
        st.sampled_from(["name", "channel", "doing", "owner", "mot_reason"]),
        texts,
    ),
    st.tuples(
        st.just("emotion"),
        st.integers(0, 9),
        st.none()
        | emotions
        | st.fixed_dictionaries({"student": emotions}, optional={"senior": emotions}),
    ),
    st.tuples(st.just("mot"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("add"), st.integers(0, 9), texts, st.none() | emotions),
    st.tuples(st.just("move"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("persona"), st.integers(0, 9), texts),
    st.tuples(st.just("title"), texts),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(ops, max_size=8), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_random_edits_save_and_read_back(
    tmp_path: Path, edits: list[tuple[Any, ...]], save_between: bool, newline: str
) -> None:
    path = tmp_path / "map.toml"
    original = COMMENTED.replace("\n", newline)
    path.write_bytes(original.encode())
    mf = MapFile.load(path)
    m = mf.map
    for op in edits:
        _apply(m, op)
        if save_between:
            mf.save(m)
    mf.save(m)
    data = path.read_bytes()
    again = MapFile.load(path)
    assert map_to_raw(again.map) == map_to_raw(m)
    assert again.render(again.map).encode() == data  # and it round-trips from here
    if newline == "\r\n":
        assert b"\n" not in data.replace(b"\r\n", b"")
    # What no edit touched is still there, comments included.
    text = data.decode()
    assert text.startswith("# Prepaid bundle map: kept in git, reviewed like code.")
    assert 'x_workshop = "Warsaw, 2026-11-18"' in text
    assert "# --- Stages, in journey order ---" + newline + "[[stages]]" in text
    if any(t.id == "shop" for t in m.touchpoints):
        assert 'x_color = "red"   # team\'s own key' in text
    if not edits:
        assert data == original.encode()
