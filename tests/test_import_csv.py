"""`cjm import csv`: the CSV export read back, and the command's exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_tui.cli import main
from cjm_tui.exports import csvtable
from cjm_tui.exports.csvtable import FORMULA_START, cell
from cjm_tui.imports.csvmap import map_from_csv
from cjm_tui.model import Map, Touchpoint, to_raw
from cjm_tui.sanitize import clean
from cjm_tui.store import InvalidMap, MapFile, check_file, check_text
from cjm_tui.store.write import render_new

from .conftest import SAMPLE_MAPS
from .test_store_properties import maps

MAPS = SAMPLE_MAPS
REQUIRED = ("id", "stage", "name")


def _text(value: str) -> str:
    """A text as the CSV can carry it: no control characters, no ambiguous leading `'`."""
    text = clean(value)
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def carried(tp: Touchpoint) -> dict[str, Any]:
    """What of a touchpoint the CSV export keeps: its data, less the export's known losses.

    Control characters are removed, an empty text, list or emotion table is an empty cell
    (an absent key), a list item cannot hold the separator "; ", unknown keys come back as text.
    """
    out: dict[str, Any] = {}
    for key, value in to_raw(tp).items():
        if isinstance(value, list):
            items = [clean(v).replace("; ", ";") for v in value]
            joined = _text("; ".join(items))
            value = joined.split("; ") if joined else None
        elif isinstance(value, dict):
            value = value or None
        elif isinstance(value, str):
            value = _text(value)
        elif key in tp.extra:
            value = _text(clean(cell(value)))
        if value == "" and key not in REQUIRED:
            value = None
        if value is not None:
            out[key] = value
    return out


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_sample_map_csv_round_trip(path: Path) -> None:
    csv_text = csvtable.render(MapFile.load(path).map)
    imported = map_from_csv(csv_text, "sample.csv")
    assert csvtable.render(imported) == csv_text
    assert check_text(render_new(imported), "x.toml").ok


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_any_map_csv_round_trip_keeps_the_touchpoints(m: Map, delimiter: str, excel: bool) -> None:
    """Whatever the separator, with or without Excel's BOM and CRLF: the import sniffs it."""
    csv_text = csvtable.render(m, delimiter, excel)
    imported = map_from_csv(csv_text, "random.csv")
    assert [to_raw(tp) for tp in imported.touchpoints] == [carried(tp) for tp in m.journey()]
    assert check_text(render_new(imported), "x.toml").ok


# The command ---------------------------------------------------------------------


def _sample_csv(tmp_path: Path) -> Path:
    source = tmp_path / "journey.csv"
    source.write_text(csvtable.render(MapFile.load(MAPS[0]).map), encoding="utf-8")
    return source


def test_cli_import_writes_a_valid_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = _sample_csv(tmp_path), tmp_path / "out.toml"
    assert main(["import", "csv", str(source), "-o", str(out), "--title", "Imported"]) == 0
    checked = check_file(out)
    assert checked.ok
    assert checked.raw is not None and checked.raw["map"]["title"] == "Imported"
    assert "wrote" in capsys.readouterr().out


def test_cli_import_title_defaults_to_the_file_stem(tmp_path: Path) -> None:
    source, out = _sample_csv(tmp_path), tmp_path / "out.toml"
    assert main(["import", "csv", str(source), "-o", str(out)]) == 0
    checked = check_file(out)
    assert checked.raw is not None and checked.raw["map"]["title"] == "journey"


def test_cli_import_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = _sample_csv(tmp_path), tmp_path / "out.toml"
    out.write_bytes(b"precious bytes\n")
    assert main(["import", "csv", str(source), "-o", str(out)]) == 2
    assert out.read_bytes() == b"precious bytes\n"
    assert "already exists" in capsys.readouterr().err


def test_cli_import_force_overwrites(tmp_path: Path) -> None:
    source, out = _sample_csv(tmp_path), tmp_path / "out.toml"
    out.write_bytes(b"old\n")
    assert main(["import", "csv", str(source), "-o", str(out), "--force"]) == 0
    assert check_file(out).ok


def test_cli_import_bad_emotion_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "broken.csv", tmp_path / "out.toml"
    source.write_text('stage,name,emotion\ndiscover,"two\nlines",1\nbuy,Pay,bad\n')
    assert main(["import", "csv", str(source), "-o", str(out)]) == 1
    assert f"{source}:4:9: error:" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name,emotion\nA,1\n", (1, 1)),  # no stage column
        ("stage,emotion\ns,1\n", (1, 1)),  # no name column
        ("stage,name,emotion\ns,A,3\n", (2, 5)),  # out of range
        ("stage,name,emotion\ns,A,p=x\n", (2, 5)),
        ("id,stage,name\nNot A Slug,s,A\n", (2, 1)),
        ("id,stage,name\na,s,A\na,s,B\n", (3, 1)),  # duplicate id
        ("stage,name,personas\ns,A,Bad Id\n", (2, 5)),
        ("stage,name,moment_of_truth\ns,A,yes\n", (2, 5)),
        ('stage,name\ns,"A\n', (2, 1)),  # unterminated quote
    ],
)
def test_unparseable_input_names_line_and_column(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(InvalidMap) as info:
        map_from_csv(text, "in.csv")
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("in.csv", *where)


def test_stages_personas_and_ids_are_made_from_the_cells() -> None:
    text = (
        "stage,name,personas,emotion,x_note\n"
        "Look around,Ad,student,,hi\n"
        "buy,Ad,,senior=2; student=-1,\n"
        "Look around,Call,,,\n"
    )
    m = map_from_csv(text, "dir/journey.csv")
    assert m.info.title == "journey"
    assert [(s.id, s.name) for s in m.stages] == [("look-around", "Look around"), ("buy", "buy")]
    assert [(p.id, p.name) for p in m.personas] == [("student", "student"), ("senior", "senior")]
    assert [tp.id for tp in m.touchpoints] == ["ad", "ad-2", "call"]
    assert m.touchpoints[0].extra == {"x_note": "hi"}
    assert m.touchpoints[1].emotion == {"senior": 2, "student": -1}


def test_metric_columns_round_trip_as_numbers() -> None:
    sample = next(p for p in MAPS if p.stem == "b2b-office-visit")
    m = MapFile.load(sample).map
    csv_text = csvtable.render(m)
    header = csv_text.splitlines()[0].split(",")
    assert header[-3:] == ["metric:csat", "metric:wait_min", "metric:first_response_h"]
    imported = map_from_csv(csv_text, "sample.csv")
    assert [tp.metrics for tp in imported.touchpoints] == [tp.metrics for tp in m.journey()]


def test_metric_cells_are_numbers_never_defused_and_bad_ones_are_reported() -> None:
    text = "stage,name,metric:nps,metric:=odd\nbuy,Pay,-20,1.5\nbuy,Ship,,2\n"
    m = map_from_csv(text, "m.csv")
    assert [tp.metrics for tp in m.touchpoints] == [{"nps": -20, "=odd": 1.5}, {"=odd": 2}]
    out = csvtable.render(m)
    assert out.splitlines()[0].endswith(",metric:nps,metric:=odd")
    assert ",-20,1.5" in out  # a number is not a formula
    with pytest.raises(InvalidMap) as info:
        map_from_csv("stage,name,metric:nps\nbuy,Pay,lots\n", "m.csv")
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (2, 9)
    assert "metric:nps 'lots' is not a number" in problem.message
