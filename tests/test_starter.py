"""The starter map `cjm new` writes: valid TOML, the promised shape, any title kept exactly."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cjm_tui.model import map_from_raw
from cjm_tui.model.rules import is_slug
from cjm_tui.store.starter import starter_map, toml_basic_string

TODAY = dt.date(2026, 11, 20)

HOSTILE_TITLES = [
    'Say "hi" \\ back\\slash',
    "two\nlines\r\nand a tab\t",
    "[bold]not markup[/bold] [red]",
    "escape \x1b[31mred\x1b[0m and bell \x07 and NUL \x00",
    "DEL \x7f, C1 \x85 \x9b, separators \u2028 \u2029",
    "bidi \u202eevil\u202c \u2066isolate\u2069",
    "'single' '''triple''' \"\"\"triple double\"\"\"",
    "ends with a backslash \\",
    "Mapa podróży: zażółć gęślą jaźń; Карта пути клиента; 🚀",
    "",
    "#not a comment = 1\n[map]\nformat = 2",
]


def _parse(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def _check_shape(raw: dict[str, Any], kind: str) -> None:
    assert raw["map"]["format"] == 1
    assert raw["map"]["kind"] == kind
    assert raw["map"]["updated"] == TODAY
    assert len(raw["stages"]) == 3
    assert len(raw["personas"]) == 1
    stage_ids = [s["id"] for s in raw["stages"]]
    persona_ids = {p["id"] for p in raw["personas"]}
    touchpoint_ids = {t["id"] for t in raw["touchpoints"]}
    for table in ("personas", "stages", "touchpoints", "actions"):
        ids = [entry["id"] for entry in raw[table]]
        assert all(is_slug(i) for i in ids), ids
        assert len(ids) == len(set(ids))
    last_stage = 0
    for tp in raw["touchpoints"]:
        assert tp["stage"] in stage_ids
        index = stage_ids.index(tp["stage"])
        assert index >= last_stage, "touchpoints are grouped by stage in journey order"
        last_stage = index
        assert set(tp.get("personas", [])) <= persona_ids
        emotion = tp.get("emotion")
        if isinstance(emotion, dict):
            assert set(emotion) <= persona_ids
        elif emotion is not None:
            assert -2 <= emotion <= 2
        assert tp.get("status", "hypothesis") in ("hypothesis", "verified")
    assert raw["actions"]
    for action in raw["actions"]:
        assert action["touchpoint"] in touchpoint_ids
        assert action.get("effort", "low") in ("low", "medium", "high")
        assert action.get("impact", "low") in ("low", "medium", "high")
        assert action.get("state", "todo") in ("todo", "doing", "done")
        assert isinstance(action.get("due", TODAY), dt.date)


@pytest.mark.parametrize("kind", ["customer", "employee"])
def test_starter_is_a_valid_map_of_its_kind(kind: str) -> None:
    text = starter_map("My map", kind, today=TODAY)
    raw = _parse(text)
    assert raw["map"]["title"] == "My map"
    _check_shape(raw, kind)
    journey = map_from_raw(raw)
    assert journey.info.effective_kind == kind
    assert len(journey.moments_of_truth()) == 1
    assert len(journey.quick_wins()) == 1


@pytest.mark.parametrize("kind", ["customer", "employee"])
@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_any_title_round_trips_exactly(kind: str, title: str) -> None:
    raw = _parse(starter_map(title, kind, today=TODAY))
    assert raw["map"]["title"] == title
    _check_shape(raw, kind)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_title_stays_on_its_own_line_without_raw_controls(title: str) -> None:
    text = starter_map(title, today=TODAY)
    lines = text.splitlines()
    map_title = lines[lines.index("[map]") + 2]
    assert map_title == f"title = {toml_basic_string(title)}"
    # Nothing an editor or terminal would act on is written raw.
    for char in "\x00\x07\x1b\x7f\x85\x9b\u2028\u2029\u202e\u2066":
        assert char not in text


def test_employee_wording() -> None:
    raw = _parse(starter_map(kind="employee", today=TODAY))
    assert [s["id"] for s in raw["stages"]] == ["pre-boarding", "first-day", "first-month"]
    assert "customer" not in raw["personas"][0]["name"].lower()


def test_defaults() -> None:
    raw = _parse(starter_map())
    assert raw["map"]["title"] == "New journey map"
    assert raw["map"]["kind"] == "customer"
    assert raw["map"]["updated"] == dt.date.today()


def test_lone_surrogate_becomes_replacement_character() -> None:
    raw = _parse(starter_map("bad byte \udcff here", today=TODAY))
    assert raw["map"]["title"] == "bad byte \ufffd here"


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        starter_map(kind="partner")


def test_starter_text_is_stable() -> None:
    assert starter_map("T", today=TODAY) == starter_map("T", today=TODAY)
    assert starter_map("T", today=TODAY).endswith("\n")


@pytest.mark.parametrize("kind", ["customer", "employee"])
def test_no_placeholder_of_cjm_new_reaches_the_html_export(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hints for the map's description and owner are comments: a client never sees them."""
    from cjm_tui.cli import main
    from cjm_tui.store.starter import _WORDING

    path = tmp_path / "new.toml"
    out = tmp_path / "new.html"
    assert main(["new", str(path), "--kind", kind]) == 0
    assert main(["export", str(path), "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    wording = _WORDING[kind]
    for hint in (wording.description, "Why this map exists", "who keeps this map current"):
        assert hint not in page
        assert hint.split(",")[0] in path.read_text(encoding="utf-8")  # still in the file


def test_schema_directive_is_the_first_line_only_when_asked() -> None:
    """Taplo reads `#:schema` as a directive; without a schema to name, no line is written
    (the editor's new map has no schema file beside it)."""
    text = starter_map("T", today=TODAY, schema="./cjm-map.schema.json")
    assert text.splitlines()[0] == "#:schema ./cjm-map.schema.json"
    assert text.splitlines()[1:] == starter_map("T", today=TODAY).splitlines()
    assert "#:schema" not in starter_map("T", today=TODAY)
    _check_shape(_parse(text), "customer")
