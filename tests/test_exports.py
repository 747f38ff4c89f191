"""`cjm export` (markdown, csv, json, mermaid, svg, html), `cjm schema`: golden files, the CLI.

Regenerate the golden files with `CJM_UPDATE_GOLDEN=1 pytest tests/test_exports.py`, then
read the diff: they are the reviewed expected output.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cjm_tui.cli import main
from cjm_tui.exports import FORMATS
from cjm_tui.exports.schema import json_schema
from cjm_tui.model import Map, map_from_raw, map_to_raw
from cjm_tui.store import MapFile

from .conftest import ROOT, SAMPLE_MAPS

HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
GOLDEN = ROOT / "tests" / "golden"
SUFFIX = {
    "markdown": "md",
    "csv": "csv",
    "json": "json",
    "mermaid": "mmd",
    "svg": "svg",
    "html": "html",
}
# What must never reach an export raw: C0 (but tab and newline), DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def load(path: Path) -> Map:
    return MapFile.load(path).map


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.stem)
def test_golden(path: Path, fmt: str) -> None:
    out = FORMATS[fmt](load(path))
    golden = GOLDEN / f"{path.stem}.{SUFFIX[fmt]}"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8")


# Markdown ---------------------------------------------------------------------------


def table_cells(line: str) -> int:
    """Columns of a GFM table row: pipes that are not backslash-escaped, minus one."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) - 1


def tables(markdown: str) -> list[list[str]]:
    found: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def check_markdown(out: str) -> None:
    assert not RAW_CONTROL.search(out)
    assert "\t" not in out
    found = tables(out)
    assert found
    for table in found:
        widths = {table_cells(line) for line in table}
        assert len(widths) == 1, table
        assert re.fullmatch(r"\|(---\|)+", table[1])


def test_markdown_hostile_is_escaped() -> None:
    out = FORMATS["markdown"](load(HOSTILE))
    check_markdown(out)
    # Markup shows literally: every bracket, angle bracket and pipe is escaped.
    body = "\n".join(line.removeprefix("> ") for line in out.splitlines())
    assert re.search(r"(?<!\\)[\[\]<>]", body.replace("<br>", "")) is None
    assert "\\<script\\>" in out


def test_markdown_tricky_text() -> None:
    raw = tomllib.loads((ROOT / "maps" / "telecom-prepaid.toml").read_text(encoding="utf-8"))
    tp = raw["touchpoints"][0]
    tp["name"] = "1. a | b \\| c *x* _y_ `z` # h ~s~ &amp; <br>"
    tp["doing"] = "- first line\r\nsecond | line\n\n> quoted\u2028+ plus"
    tp["owner"] = "=SUM(A1)\x1b[31m\x00"
    out = FORMATS["markdown"](map_from_raw(raw))
    check_markdown(out)
    row = next(line for line in out.splitlines() if "a \\| b" in line)
    assert "1\\. a \\| b \\\\\\| c \\*x\\* \\_y\\_ \\`z\\` \\# h \\~s\\~ \\&amp; \\<br\\>" in row
    assert "\\- first line<br>second \\| line<br><br>\\> quoted<br>\\+ plus" in row
    assert "| \\=SUM(A1) |" in row  # a text-start marker is escaped


# CSV --------------------------------------------------------------------------------


def parse_csv(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out, newline="")))


def test_csv_hostile_is_clean() -> None:
    m = load(HOSTILE)
    out = FORMATS["csv"](m)
    assert not RAW_CONTROL.search(out)
    rows = parse_csv(out)
    assert len(rows) == len(m.touchpoints) + 1
    assert {len(r) for r in rows} == {len(rows[0])}
    assert [r[0] for r in rows[1:]] == [tp.id for tp in m.journey()]


def test_csv_columns_formulas_and_values() -> None:
    raw = tomllib.loads((ROOT / "maps" / "telecom-prepaid.toml").read_text(encoding="utf-8"))
    tps = raw["touchpoints"]
    tps[0].update(
        name='=HYPERLINK("http://x")',
        doing="+1",
        thinking="-2+3",
        feeling="@SUM(A1)",
        expectation="\tTAB",
        experience="\r=CR",
        channel="multi\nline",
        emotion=-2,
        moment_of_truth=False,
        x_first="=extra",
    )
    tps[1]["x_second"] = [dt.date(2026, 1, 2), "b"]
    tps[1]["emotion"] = {"student": -1, "senior": 2}
    out = FORMATS["csv"](map_from_raw(raw))
    rows = parse_csv(out)
    header = rows[0]
    assert header[-2:] == ["x_first", "x_second"]
    assert {len(r) for r in rows} == {len(header)}
    first = dict(zip(header, rows[1], strict=True))
    assert first["name"] == '\'=HYPERLINK("http://x")'
    assert first["doing"] == "'+1"
    assert first["thinking"] == "'-2+3"
    assert first["feeling"] == "'@SUM(A1)"
    assert first["expectation"] == "'\tTAB"
    assert first["experience"] == "=CR"[0:0] + "'=CR"  # CR removed, then defused
    assert first["channel"] == "multi\nline"
    assert first["emotion"] == "-2"  # a plain number, not a formula
    assert first["moment_of_truth"] == "false"
    assert first["x_first"] == "'=extra"
    assert first["x_second"] == ""
    second = dict(zip(header, rows[2], strict=True))
    assert second["emotion"] == "student=-1; senior=2"
    assert second["x_second"] == "2026-01-02; b"
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


# JSON -------------------------------------------------------------------------------


def isoformat_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: isoformat_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [isoformat_dates(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def test_json_hostile_round_trips() -> None:
    m = load(HOSTILE)
    out = FORMATS["json"](m)
    assert not RAW_CONTROL.search(out)
    data = json.loads(out)
    assert data == isoformat_dates(map_to_raw(m))
    assert data == isoformat_dates(tomllib.loads(HOSTILE.read_text(encoding="utf-8")))
    assert list(data) == ["map", "personas", "stages", "touchpoints", "actions"]


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.stem)
def test_json_mirrors_the_toml(path: Path) -> None:
    """The map as data; a persona library's personas stand first among the personas."""
    data = json.loads(FORMATS["json"](load(path)))
    toml = tomllib.loads(path.read_text(encoding="utf-8"))
    if "persona_library" in toml["map"]:
        library = tomllib.loads((path.parent / toml["map"]["persona_library"]).read_text("utf-8"))
        toml["personas"] = [*library["personas"], *toml.get("personas", [])]
        assert len(toml["personas"]) == len(data["personas"]) > 0
    assert data == isoformat_dates(toml)
    assert data["map"]["format"] == 1


# Schema -----------------------------------------------------------------------------


@functools.cache
def validator() -> Draft202012Validator:
    """A real draft 2020-12 validator of `cjm schema`, checking formats too (as a TOML
    language server may), after checking the schema itself against the meta-schema."""
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def refused(data: Any) -> bool:
    return any(True for _ in validator().iter_errors(data))


@pytest.mark.parametrize("path", [*SAMPLE_MAPS, HOSTILE], ids=lambda p: p.stem)
def test_sample_maps_validate_against_the_schema(path: Path) -> None:
    data = isoformat_dates(tomllib.loads(path.read_text(encoding="utf-8")))
    validator().validate(data)


@pytest.mark.parametrize(
    ("table", "index", "key", "value"),
    [
        ("touchpoints", 0, "emotion", 3),
        ("touchpoints", 0, "emotion", "bad"),
        ("touchpoints", 0, "emotion", {"student": -3}),
        ("touchpoints", 0, "emotion", {"Not A Slug": 1}),
        ("touchpoints", 0, "moment_of_truth", "yes"),
        ("touchpoints", 0, "status", "maybe"),
        ("touchpoints", 0, "personas", "student"),
        ("stages", 0, "id", "Has Spaces"),
        ("actions", 0, "effort", "huge"),
        ("actions", 0, "due", "next week"),
        ("actions", 0, "link", "javascript:alert(1)"),
        ("actions", 0, "link", " https://tracker.example/"),
        ("touchpoints", 0, "metrics", {"csat": "high"}),
        ("touchpoints", 0, "metrics", {"csat": True}),
    ],
)
def test_schema_rejects_what_check_rejects(table: str, index: int, key: str, value: Any) -> None:
    data = isoformat_dates(tomllib.loads(SAMPLE_MAPS[-1].read_text(encoding="utf-8")))
    data[table][index][key] = value
    assert refused(data)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-11-20", True),
        ("2026-11-20T09:30:00", True),  # a TOML local date-time
        ("2026-11-20 09:30:00.5", True),
        ("2026-11-20T09:30:00+01:00", True),
        ("2026-11-20t09:30:00Z", True),
        ("09:30:00", False),  # a TOML local time is no date
        ("2026-13-45", False),
        ("20261120", False),
        ("2026-11-20T09:30", False),
        ("2026-11-20 next week", False),
    ],
)
def test_schema_dates_are_toml_dates(value: str, ok: bool) -> None:
    """What `cjm check` takes as a date (a TOML date or date-time, as a TOML reader shows it
    to a JSON validator) passes; anything else is refused, by the pattern alone too, for the
    validators that ignore `format`."""
    data = isoformat_dates(tomllib.loads(SAMPLE_MAPS[-1].read_text(encoding="utf-8")))
    data["map"]["updated"] = value
    assert refused(data) is not ok
    date_schema = json_schema()["$defs"]["date"]
    if value != "2026-13-45":
        assert bool(re.search(date_schema["pattern"], value)) is ok


def test_schema_requires_map_title_format_and_stages() -> None:
    schema = json_schema()
    for broken in (
        {"stages": [{"id": "a", "name": "A"}]},
        {"map": {"format": 1}, "stages": [{"id": "a", "name": "A"}]},
        {"map": {"format": 2, "title": "t"}, "stages": [{"id": "a", "name": "A"}]},
        {"map": {"format": 1, "title": "t"}, "stages": []},
        {"map": {"format": 1, "title": "t"}},
    ):
        assert refused(broken), broken
    fine = {"map": {"format": 1, "title": "t", "x": [1]}, "stages": [{"id": "a", "name": "A"}]}
    validator().validate(fine)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:cjm-tui:map-format:1"


# CLI --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLE_MAPS[0]
    assert main(["export", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out == FORMATS[fmt](load(path))


def test_cli_export_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    assert main(["export", str(SAMPLE_MAPS[0]), "--format", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == FORMATS["markdown"](load(SAMPLE_MAPS[0]))
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary left behind


def test_cli_export_invalid_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[map]\nformat = 1\ntitle = "t"\n\n[[stages]]\nid = "Bad Id"\nname = "x"\n')
    target = tmp_path / "out.json"
    assert main(["export", str(bad), "--format", "json", "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(r"bad\.toml:6:\d+: error: ", captured.err)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_cli_export_missing_file_and_bad_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "nope.toml"), "--format", "csv"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", str(SAMPLE_MAPS[0]), "--format", "pdf"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_cli_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    target = tmp_path / "cjm.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()
