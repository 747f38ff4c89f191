"""The headless emotion timeline: where points land, lines, gaps, windows, sanitizing."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from cjm_tui.model import Map, map_from_raw
from cjm_tui.views.colours import (
    EMOTION_COLOURS,
    MOT_SYMBOL,
    PERSONA_SYMBOLS,
    SELECTED_SYMBOL,
    emotion_colour,
    emotion_label,
    persona_style,
)
from cjm_tui.views.timeline import (
    GUTTER,
    HEIGHT,
    ROW_AXIS,
    ROW_MARKERS,
    ROW_STAGES,
    Timeline,
    emotion_row,
    text_cells,
    truncate_cells,
)

from .conftest import SAMPLES


def make_map(
    touchpoints: list[dict[str, Any]],
    stages: list[tuple[str, str]] | None = None,
    personas: list[tuple[str, str]] | None = None,
) -> Map:
    raw: dict[str, Any] = {
        "map": {"format": 1, "title": "Test map"},
        "stages": [{"id": sid, "name": name} for sid, name in (stages or [("s1", "Stage one")])],
        "touchpoints": touchpoints,
    }
    if personas:
        raw["personas"] = [{"id": pid, "name": name} for pid, name in personas]
    return map_from_raw(raw)


def tp(tp_id: str, emotion: Any = None, stage: str = "s1", **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": tp_id, "stage": stage, "name": tp_id.upper(), **more}
    if emotion is not None:
        out["emotion"] = emotion
    return out


def plain(tl: Timeline, x: int = 0, width: int = 100) -> list[str]:
    return [line.plain for line in tl.render(x, width)]


def row_of(lines: list[str], value: int) -> str:
    """The chart part (gutter cut off) of the row for an emotion value."""
    line = lines[emotion_row(value)]
    assert line.startswith(f"{emotion_label(value):>2} ┤")
    return line[GUTTER:]


def column_cells(tl: Timeline, lines: list[str], touchpoint_id: str, row: int) -> str:
    span = tl.column_span(touchpoint_id)
    assert span is not None
    x, w = span
    return lines[row][GUTTER + x : GUTTER + x + w]


# Palette ---------------------------------------------------------------------------------


def test_persona_styles_are_distinct_symbols_and_colours() -> None:
    styles = [persona_style(i) for i in range(7)]
    assert len({symbol for symbol, _ in styles}) == 7
    assert len({colour for _, colour in styles}) == 7
    assert all(cell_len(symbol) == 1 for symbol in PERSONA_SYMBOLS)
    assert MOT_SYMBOL not in PERSONA_SYMBOLS
    assert persona_style(12)[0] == persona_style(0)[0]  # cycles, never fails
    with pytest.raises(ValueError):
        persona_style(-1)


def test_emotion_colours_diverge_and_labels_are_signed() -> None:
    assert len(set(EMOTION_COLOURS.values())) == 5
    assert emotion_colour(None) == emotion_colour(0)
    assert emotion_colour(7) == emotion_colour(None)
    assert [emotion_label(v) for v in (2, 1, 0, -1, -2)] == ["+2", "+1", "0", "-1", "-2"]


# Points, lines and gaps ------------------------------------------------------------------


def test_points_land_on_the_row_of_their_emotion() -> None:
    m = make_map([tp("a", 2), tp("b", -2), tp("c", 0), tp("d", 1), tp("e", -1)])
    lines = plain(Timeline(m))
    assert len(lines) == HEIGHT
    for tp_id, value in (("a", 2), ("b", -2), ("c", 0), ("d", 1), ("e", -1)):
        tl = Timeline(m)
        cells = column_cells(tl, lines, tp_id, emotion_row(value))
        assert f"●{emotion_label(value)}" in cells
        for other in (2, 1, 0, -1, -2):
            if other != value:
                assert "●" not in column_cells(tl, lines, tp_id, emotion_row(other))
    assert "●+2" in row_of(lines, 2)
    assert "●-2" in row_of(lines, -2)
    assert "-2" not in row_of(lines, 2)


def test_consecutive_points_are_joined_by_a_line() -> None:
    m = make_map([tp("a", 1), tp("b", 1), tp("c", -1)])
    lines = plain(Timeline(m))
    assert re.search(r"●\+1─+●\+1", row_of(lines, 1))  # same row: a straight line
    assert "╮" in row_of(lines, 1)  # then it steps down ...
    assert "│" in row_of(lines, 0)
    assert re.search(r"╰─*●-1", row_of(lines, -1))  # ... into the next point


def test_a_missing_emotion_is_a_gap_not_neutral() -> None:
    m = make_map([tp("a", 1), tp("b"), tp("c", 1)])
    tl = Timeline(m)
    lines = plain(tl)
    for value in (2, 1, 0, -1, -2):
        assert column_cells(tl, lines, "b", emotion_row(value)).strip() == ""
    assert "●0" not in row_of(lines, 0)
    assert "─" not in row_of(lines, 1)  # the line breaks at the gap


def test_persona_curves_have_distinct_symbols_and_share_a_point() -> None:
    m = make_map(
        [
            tp("a", {"student": -1, "senior": -2}),
            tp("b", {"student": 2, "senior": 2}),
            tp("c", {"student": 1}),
        ],
        personas=[("student", "Ola"), ("senior", "Jan")],
    )
    tl = Timeline(m)
    assert [c.persona for c in tl.curves] == ["student", "senior"]
    lines = plain(tl)
    assert "●-1" in row_of(lines, -1)
    assert "■-2" in row_of(lines, -2)
    assert "●■+2" in row_of(lines, 2)  # both at +2: one point with both symbols
    assert "●+1" in row_of(lines, 1)
    assert "■" not in column_cells(tl, lines, "c", emotion_row(1))
    legend = " ".join(t.plain for t in tl.legend(100))
    assert "● Ola" in legend and "■ Jan" in legend


def test_persona_filter_shows_only_that_curve() -> None:
    m = make_map(
        [tp("a", {"student": -1, "senior": -2}), tp("b", {"student": 2, "senior": 0})],
        personas=[("student", "Ola"), ("senior", "Jan")],
    )
    tl = Timeline(m, "senior")
    assert [c.persona for c in tl.curves] == ["senior"]
    chart = "\n".join(plain(tl)[ROW_MARKERS:ROW_AXIS])
    assert "■-2" in chart and "■0" in chart
    assert "●" not in chart
    assert [t.plain for t in tl.legend(100)] == ["■ Jan"]  # same symbol as unfiltered


def test_highlight_focus_keeps_every_curve_and_draws_the_persona_last() -> None:
    m = make_map(
        [tp("a", {"student": 1, "senior": -1})],
        personas=[("student", "Ola"), ("senior", "Jan")],
    )
    tl = Timeline(m, "student", focus="highlight")
    assert [c.persona for c in tl.curves] == ["senior", "student"]
    assert [c.emphasis for c in tl.curves] == ["faint", "strong"]


def test_unknown_persona_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown persona"):
        Timeline(make_map([tp("a", 1)]), "nobody")


def test_a_persona_skips_touchpoints_it_does_not_meet() -> None:
    m = make_map(
        [tp("a", -1), tp("b", 2, personas=["other"]), tp("c", -1)],
        personas=[("me", "Me"), ("other", "Other")],
    )
    tl = Timeline(m, "me")
    lines = plain(tl)
    assert "+2" not in row_of(lines, 2)
    assert re.search(r"-1─+.*-1", row_of(lines, -1))  # joined across what it does not meet


def test_single_overall_curve_without_per_persona_emotions() -> None:
    m = make_map([tp("a", 1), tp("b", -1)], personas=[("p", "P"), ("q", "Q")])
    tl = Timeline(m)
    assert [c.persona for c in tl.curves] == [None]
    assert [t.plain for t in tl.legend(100)] == ["● all personas"]


def test_rounded_mean_of_a_per_persona_table_is_not_drawn_as_a_curve() -> None:
    m = make_map([tp("a", {"p": 2, "q": -1})], personas=[("p", "P"), ("q", "Q")])
    lines = plain(Timeline(m))
    assert "●+2" in row_of(lines, 2) and "■-1" in row_of(lines, -1)


# Stages, markers, axis -------------------------------------------------------------------


def test_stage_names_in_journey_order_with_empty_stages() -> None:
    stages = [("z", "Zeta first"), ("a", "Alpha second"), ("e", "Empty third"), ("m", "Mu")]
    m = make_map([tp("x", 1, stage="m"), tp("y", 1, stage="a"), tp("w", 0, stage="z")], stages)
    header = plain(Timeline(m, column_width=16))[ROW_STAGES]
    positions = [header.index(name) for name in ("Zeta first", "Alpha second", "Empty third")]
    assert positions == sorted(positions)
    assert header.index("Mu") > positions[-1]
    assert header.count("│") == 3


def test_stage_name_is_truncated_to_its_band() -> None:
    m = make_map([tp("a", 1), tp("b", 1, stage="s2")], [("s1", "A very long name"), ("s2", "B")])
    header = plain(Timeline(m))[ROW_STAGES]
    assert "A ver…" in header and "long name" not in header


def test_moments_of_truth_and_selection_are_marked_above_their_column() -> None:
    m = make_map([tp("a", 1), tp("b", 1, moment_of_truth=True), tp("c", 0)])
    tl = Timeline(m, selected="c")
    lines = plain(tl)
    assert column_cells(tl, lines, "b", ROW_MARKERS).strip() == MOT_SYMBOL
    assert column_cells(tl, lines, "c", ROW_MARKERS).strip() == SELECTED_SYMBOL
    assert column_cells(tl, lines, "a", ROW_MARKERS).strip() == ""
    legend = " ".join(t.plain for t in tl.legend(100))
    assert "◆ moment of truth" in legend and "↓ selected" in legend
    tl.selected = "b"
    assert column_cells(tl, plain(tl), "b", ROW_MARKERS).strip() == SELECTED_SYMBOL + MOT_SYMBOL
    tl.selected = "nope"
    assert tl.selected is None


def test_axis_numbers_touchpoints_in_journey_order() -> None:
    m = make_map([tp(f"t{i}", 0) for i in range(12)])
    axis = plain(Timeline(m))[ROW_AXIS]
    assert axis.startswith("  # ")
    assert [int(n) for n in axis.split()[1:]] == list(range(1, 13))


def test_axis_uses_names_where_they_fit() -> None:
    m = make_map([tp("a", 1, name="Shop"), tp("b", 1, name="A rather long touchpoint name")])
    tl = Timeline(m, fit=60)
    axis = plain(tl, 0, 60)[ROW_AXIS]
    assert "Shop" in axis and "A rather" in axis and "…" in axis
    assert Timeline(m, fit=60, labels="index").render(0, 60)[ROW_AXIS].plain.split() == [
        "#",
        "1",
        "2",
    ]


def test_empty_journey_says_so() -> None:
    lines = plain(Timeline(make_map([], [("a", "First"), ("b", "Second")]), column_width=10))
    assert "no touchpoints yet" in lines[emotion_row(0)]
    assert "First" in lines[ROW_STAGES] and "Second" in lines[ROW_STAGES]
    no_stages = map_from_raw({"map": {"format": 1, "title": "x"}})
    assert "no stages yet" in plain(Timeline(no_stages))[emotion_row(0)]


# Text from the map is data ---------------------------------------------------------------


def test_markup_shows_literally_and_control_characters_are_gone() -> None:
    m = make_map(
        [tp("a", {"p": 1}, name="[bold]t[/bold]\x07"), tp("b", {"p": -1})],
        [("s1", "[red]Stage\x1b[2J[/red]\u202e")],
        personas=[("p", "[bold]x[/bold] \x1b]0;pwn\x07")],
    )
    tl = Timeline(m, column_width=30, labels="name")
    text = "\n".join(plain(tl, 0, 80) + [t.plain for t in tl.legend(80)])
    assert "[red]Stage[/red]" in text  # the whole escape sequence is gone, not only ESC
    assert "[bold]x[/bold]" in text
    assert "[bold]t[/bold]" in text
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text
    assert all(
        not span.style or "bold" not in str(span.style) for span in tl.legend(80)[0].spans[2:]
    )


def test_wide_characters_keep_rows_exactly_as_wide_as_asked() -> None:
    stages = [("s1", "Первый этап 🚀🚀🚀"), ("s2", "Zażółć gęślą jaźń"), ("s3", "日本語のステージ")]
    m = make_map(
        [tp("a", 1, name="🎉🎉🎉🎉"), tp("b", -1, stage="s2"), tp("c", 2, stage="s3")],
        stages,
        personas=[("p", "Ола 💼")],
    )
    tl = Timeline(m, column_width=9, labels="name")
    for x in range(tl.content_width + 2):
        for width in (5, 9, 13, 20):
            for line in tl.render(x, width):
                assert line.cell_len == width
    assert "Первый" in plain(tl, 0, 40)[ROW_STAGES]
    for width in (1, 3, 6, 12, 40):
        assert all(line.cell_len <= width for line in tl.legend(width))


def test_cells_helpers() -> None:
    assert text_cells("a🚀b") == ["a", "🚀", "", "b"]
    assert text_cells("e\u0301x") == ["e\u0301", "x"]
    assert truncate_cells(list("abcdef"), 4) == ["a", "b", "c", "…"]
    assert truncate_cells(["a", "🚀", "", "b"], 3) == ["a", "…"]  # never half a wide char
    assert truncate_cells(list("abc"), 3) == list("abc")
    assert truncate_cells(list("abc"), 0) == []


# Windows and compression -----------------------------------------------------------------


def big_map(n: int = 2000, stages: int = 25) -> Map:
    tps = []
    for i in range(n):
        emotion: Any = None if i % 7 == 3 else {"a": (i % 5) - 2, "b": 2 - (i % 5)}
        tps.append(tp(f"t{i}", emotion, stage=f"s{i * stages // n}", moment_of_truth=i % 97 == 0))
    return make_map(
        tps,
        [(f"s{i}", f"Etap {i} żółć") for i in range(stages)],
        personas=[("a", "Anna"), ("b", "Борис")],
    )


def test_render_window_rows_are_exactly_the_width_asked() -> None:
    m = make_map([tp("a", 2), tp("b", -2, stage="s2")], [("s1", "One"), ("s2", "Two")])
    tl = Timeline(m)
    for width in (0, 1, 2, GUTTER, GUTTER + 1, 10, 60, 100, 200):
        for x in (0, 1, 3, tl.content_width - 1, tl.content_width, 10_000):
            lines = tl.render(x, width)
            assert len(lines) == HEIGHT
            assert [line.cell_len for line in lines] == [width] * HEIGHT


def test_scrolling_through_2000_touchpoints() -> None:
    m = big_map()
    tl = Timeline(m, selected="t1500")
    assert tl.content_width == 2000 * 7
    width = 100
    seen_stages = set()
    for x in range(0, tl.content_width, 480):
        lines = tl.render(x, width)
        assert [line.cell_len for line in lines] == [width] * HEIGHT
        header = lines[ROW_STAGES].plain
        seen_stages.update(re.findall(r"Etap (\d+)", header))
        assert header[GUTTER:].strip()  # a stage name is always in view (sticky)
    assert len(seen_stages) == 25
    x = tl.scroll_to("t1500", 0, width)
    assert 0 < x <= tl.max_offset(width)
    shown = [line.plain for line in tl.render(x, width)]
    assert column_cells_at(tl, shown, x, "t1500", ROW_MARKERS).strip() == SELECTED_SYMBOL
    assert "1501" in shown[ROW_AXIS]  # the journey number of the 1501st touchpoint
    # t1500: a = 1500 % 5 - 2 = -2, b = +2
    assert "●-2" in column_cells_at(tl, shown, x, "t1500", emotion_row(-2))
    assert "■+2" in column_cells_at(tl, shown, x, "t1500", emotion_row(2))
    assert tl.scroll_to("t1500", x, width) == x  # already visible: no jump
    span = tl.column_span("t1500")
    assert span is not None and tl.touchpoint_at(span[0] + 1) == "t1500"
    assert tl.touchpoint_at(-1) is None and tl.touchpoint_at(tl.content_width) is None


def column_cells_at(tl: Timeline, lines: list[str], x0: int, touchpoint_id: str, row: int) -> str:
    span = tl.column_span(touchpoint_id)
    assert span is not None
    x, w = span
    start = GUTTER + x - x0
    return lines[row][start : start + w]


def test_a_line_crossing_the_window_edge_is_drawn() -> None:
    m = make_map([tp("a", 2), tp("b", -2)])
    tl = Timeline(m, column_width=20)
    lines = plain(tl, 12, GUTTER + 10)  # only the cells between the two points
    assert "●" not in "".join(lines)
    assert "│" in row_of(lines, 0)


def test_fit_squeezes_the_journey_into_the_width() -> None:
    m = make_map([tp(f"t{i}", (i % 5) - 2) for i in range(15)])
    tl = Timeline(m, fit=60)
    assert tl.content_width == 56
    assert not tl.sampled
    lines = plain(tl, 0, 60)
    assert all(cell_len(line) == 60 for line in lines)
    assert "●+2" in row_of(lines, 2) and "●-2" in row_of(lines, -2)
    narrow = plain(Timeline(make_map([tp(f"t{i}", 2) for i in range(30)]), fit=60), 0, 60)
    assert "●" in row_of(narrow, 2) and "+2" not in row_of(narrow, 2)  # no room for numbers


def test_fit_samples_when_there_are_more_touchpoints_than_cells() -> None:
    m = big_map()
    tl = Timeline(m, fit=80)
    assert tl.sampled and tl.content_width == 76
    lines = plain(tl, 0, 80)
    assert [cell_len(line) for line in lines] == [80] * HEIGHT
    assert MOT_SYMBOL in lines[ROW_MARKERS]
    assert "●" in "".join(lines[ROW_MARKERS:ROW_AXIS])
    assert lines[ROW_AXIS].split()[:2] == ["#", "1"]


def test_fit_gives_small_journeys_wider_columns() -> None:
    m = make_map([tp("a", 1), tp("b", 2)])
    tl = Timeline(m, fit=100)
    span = tl.column_span("a")
    assert span is not None and span[1] > 7


# Properties ------------------------------------------------------------------------------

_POINT = re.compile(r"[●■▲]+([+-][12]|0)")

emotions = st.one_of(
    st.none(),
    st.integers(-2, 2),
    st.dictionaries(st.sampled_from(["p", "q", "r"]), st.integers(-2, 2), max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 3), emotions, st.booleans()), max_size=25),
    x=st.integers(0, 300),
    width=st.integers(0, 120),
    fit=st.one_of(st.none(), st.integers(1, 120)),
    column_width=st.integers(1, 12),
)
def test_any_map_any_window(
    data: list[tuple[int, Any, bool]], x: int, width: int, fit: int | None, column_width: int
) -> None:
    m = make_map(
        [tp(f"t{i}", e, stage=f"s{s}", moment_of_truth=mot) for i, (s, e, mot) in enumerate(data)],
        [(f"s{i}", f"Stage {i}") for i in range(4)],
        personas=[("p", "P"), ("q", "Q"), ("r", "R")],
    )
    tl = Timeline(m, fit=fit, column_width=column_width, selected="t0")
    lines = tl.render(x, width)
    assert [line.cell_len for line in lines] == [width] * HEIGHT
    if width > GUTTER:
        for value in (2, 1, 0, -1, -2):
            row = lines[emotion_row(value)].plain[GUTTER:]
            assert {m.group(1) for m in _POINT.finditer(row)} <= {emotion_label(value)}


def test_headless_modules_do_not_import_textual() -> None:
    code = (
        "import sys, cjm_tui.views.timeline, cjm_tui.views.colours, cjm_tui.views.showview;"
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_update_touchpoints_draws_what_a_new_layout_draws() -> None:
    """Edits of values go through the quick path and look exactly like a fresh layout."""
    import random
    from dataclasses import replace

    from cjm_tui.store import MapFile

    m = MapFile.load(SAMPLES / "telecom-prepaid.toml").map
    rng = random.Random(7)
    for persona in (None, "student"):
        tl = Timeline(m, persona, focus="highlight", selected=m.touchpoints[3].id)
        current = m
        for _ in range(40):
            tps = list(current.touchpoints)
            i = rng.randrange(len(tps))
            choice = rng.choice(["emotion", "table", "none", "mot"])
            if choice == "emotion":
                tps[i] = replace(tps[i], emotion=rng.randint(-2, 2))
            elif choice == "table":
                tps[i] = replace(tps[i], emotion={"student": rng.randint(-2, 2)})
            elif choice == "none":
                tps[i] = replace(tps[i], emotion=None)
            else:
                tps[i] = replace(tps[i], moment_of_truth=not tps[i].moment_of_truth)
            current = replace(current, touchpoints=tps)
            quick = tl.update_touchpoints(current)
            fresh = Timeline(current, persona, focus="highlight", selected=m.touchpoints[3].id)
            if not quick:
                tl = fresh
                continue
            for x in (0, 40, 120):
                assert [t.plain for t in tl.render(x, 80)] == [t.plain for t in fresh.render(x, 80)]
                assert [t.spans for t in tl.render(x, 80)] == [t.spans for t in fresh.render(x, 80)]


def test_update_touchpoints_refuses_a_changed_shape() -> None:
    from dataclasses import replace

    m = make_map([tp("a", {"p": 1}), tp("b", {"p": -1})], personas=[("p", "P")])
    tl = Timeline(m)
    renamed = replace(m, touchpoints=[replace(m.touchpoints[0], name="New name"), m.touchpoints[1]])
    assert not tl.update_touchpoints(renamed)
    shorter = replace(m, touchpoints=m.touchpoints[:1])
    assert not tl.update_touchpoints(shorter)
    assert tl.map is m  # nothing taken


def test_the_legend_names_every_persona_in_the_lines_it_has() -> None:
    """The telecom map's four personas: at 118 cells one line held three full names and the
    fourth was below the pane's edge; with `lines` the short names fit, all four."""
    from cjm_tui.store import MapFile

    m = MapFile.load(SAMPLES / "telecom-prepaid.toml").map
    timeline = Timeline(m, selected=m.touchpoints[0].id)
    assert len(timeline.legend(118)) > 1  # the full names need two lines
    (line,) = [t.plain for t in timeline.legend(118, lines=1)]
    for short in ["Ola", "Marek", "Pani Halina", "Oleksandr"]:
        assert f" {short}" in line
    assert "more" not in line
    # Out of room even for the short names: the last entries give way to "+N more".
    (narrow,) = [t.plain for t in timeline.legend(40, lines=1)]
    assert cell_len(narrow) <= 40
    assert "Ola" in narrow and re.search(r"\+\d more$", narrow)
    shown = sum(name in narrow for name in ["Ola", "Marek", "Halina", "Oleksandr"])
    n = int(re.search(r"\+(\d) more$", narrow).group(1))  # type: ignore[union-attr]
    assert shown + n == 6  # four personas, the moment of truth, the selected marker
    # Room enough: full names, as before.
    assert "Ola, 20, student on prepaid" in "".join(t.plain for t in timeline.legend(118, 3))
