"""CSV as spreadsheets write it: `cjm export --excel`, and `cjm import csv` of Excel's and
LibreOffice's files (`;` or `,` or tab, a BOM or none, CRLF or LF), through the command line."""

from __future__ import annotations

import csv
import io
import locale
from pathlib import Path
from typing import Any

import pytest

from cjm_tui.cli import export
from cjm_tui.exports import csvtable
from cjm_tui.imports.csvmap import decode_csv, map_from_csv, sniff_delimiter
from cjm_tui.model import Map, to_raw
from cjm_tui.store import InvalidMap, MapFile

from .conftest import SAMPLE_MAPS
from .test_cli import cjm
from .test_import_csv import carried

BOM = b"\xef\xbb\xbf"
POLISH = next(p for p in SAMPLE_MAPS if p.stem == "b2b-office-visit")  # Polish text, metrics


def same_content(imported: Map, original: Map) -> None:
    """The imported map holds what the CSV carries of the original: the plain table of each
    is the same (every touchpoint key, metric and unknown key), and the stage ids (the
    column holds ids) come in the same order."""
    assert csvtable.render(imported) == csvtable.render(original)
    used = dict.fromkeys(tp.stage for tp in original.journey())
    assert [s.id for s in imported.stages] == list(used)


def import_cli(source: Path, out: Path, *extra: str) -> Any:
    proc = cjm("import", "csv", str(source), "-o", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return proc


# Export, then import: the same map --------------------------------------------------


@pytest.mark.parametrize("separator", [";", ",", "tab"])
def test_excel_export_imports_back_to_the_same_map(tmp_path: Path, separator: str) -> None:
    table, out = tmp_path / "biuro.csv", tmp_path / "biuro.toml"
    export = ["export", str(POLISH), "--format", "csv", "--excel", "--separator", separator]
    assert cjm(*export, "-o", str(table)).returncode == 0
    data = table.read_bytes()
    proc = cjm(*export)  # the same table on stdout (read here as text: CRLF as LF)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == data.decode("utf-8").replace("\r\n", "\n")
    assert data.startswith(BOM)
    records = list(
        csv.reader(
            io.StringIO(data.decode("utf-8-sig"), newline=""),
            delimiter="\t" if separator == "tab" else separator,
        )
    )
    original = MapFile.load(POLISH).map
    assert len(records) == len(original.touchpoints) + 1
    # Every record ends in CRLF; a bare LF is only ever inside a quoted cell.
    assert data.count(b"\r\n") == len(records)
    proc = import_cli(table, out)
    assert proc.stderr == f"read {table} as {separator}-separated, UTF-8 with BOM, CRLF line ends\n"
    assert proc.stdout == f"wrote {out}: {len(original.touchpoints)} touchpoints\n"
    imported = MapFile.load(out).map
    same_content(imported, original)
    assert [to_raw(tp) for tp in imported.touchpoints] == [carried(tp) for tp in original.journey()]


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.stem)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_every_sample_round_trips_with_every_separator(path: Path, delimiter: str) -> None:
    original = MapFile.load(path).map
    text = csvtable.render(original, delimiter, excel=True)
    assert sniff_delimiter(text.removeprefix("\ufeff")) == delimiter
    imported = map_from_csv(text, "t.csv")
    same_content(imported, original)


def test_without_excel_the_export_is_unchanged(tmp_path: Path) -> None:
    plain = cjm("export", str(POLISH), "--format", "csv")
    assert plain.stdout == csvtable.render(MapFile.load(POLISH).map)
    table = tmp_path / "t.csv"
    assert (
        cjm("export", str(POLISH), "-f", "csv", "--separator", ";", "-o", str(table)).returncode
        == 0
    )
    data = table.read_bytes()
    assert not data.startswith(BOM) and b"\r\n" not in data
    assert data.split(b"\n", 1)[0].startswith(b"id;stage;name;")


def test_crlf_reaches_stdout_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stdout that translates newlines (as on Windows) must not make CRLF CR CR LF."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr("sys.stdout", stream)
    text = csvtable.render(MapFile.load(POLISH).map, ";", excel=True)
    assert export._emit(text, None) == 0
    assert raw.getvalue() == text.encode("utf-8")


def test_the_separator_option_offers_every_separator() -> None:
    assert tuple(csvtable.SEPARATORS) == export.SEPARATOR_NAMES


@pytest.mark.parametrize("option", [["--excel"], ["--separator", ";"]])
def test_excel_options_are_for_csv_only(tmp_path: Path, option: list[str]) -> None:
    proc = cjm("export", str(POLISH), "--format", "json", *option, "-o", str(tmp_path / "x"))
    assert proc.returncode == 2
    assert proc.stderr == "error: --excel and --separator apply only to --format csv\n"
    assert not (tmp_path / "x").exists()


# The locale's separator ----------------------------------------------------------------


@pytest.mark.parametrize(("decimal_point", "separator"), [(",", ";"), (".", ",")])
def test_excel_separator_follows_the_decimal_point(decimal_point: str, separator: str) -> None:
    before = locale.setlocale(locale.LC_NUMERIC)
    assert csvtable.excel_separator(lambda: {"decimal_point": decimal_point}) == separator
    assert locale.setlocale(locale.LC_NUMERIC) == before


def test_excel_separator_with_a_locale_the_machine_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "xx_NOPE.UTF-8")
    assert csvtable.excel_separator() == ","


def _available(name: str) -> bool:
    before = locale.setlocale(locale.LC_NUMERIC)
    try:
        locale.setlocale(locale.LC_NUMERIC, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_NUMERIC, before)
    return True


@pytest.mark.parametrize(("name", "separator"), [("de_DE.UTF-8", b";"), ("C.UTF-8", b",")])
def test_excel_export_uses_the_environments_locale(
    tmp_path: Path, name: str, separator: bytes
) -> None:
    if not _available(name):
        pytest.skip(f"the locale {name} is not installed (the decision is tested above)")
    table = tmp_path / "t.csv"
    proc = cjm(
        "export", str(POLISH), "-f", "csv", "--excel", "-o", str(table), extra_env={"LC_ALL": name}
    )
    assert proc.returncode == 0, proc.stderr
    assert table.read_bytes().startswith(BOM + b"id" + separator + b"stage")


# Files as spreadsheets write them ------------------------------------------------------

EXCEL = (
    "\ufeffStage ;NAME;Personas;Emotion;Pain_Points;x_Notatka\r\n"
    'Odkrycie;"Reklama ""Biuro"";\nna dwie linie";student;-1;;uwaga\r\n'
    'Покупка;Оплата картой;;"student=-2; senior=1";"Długa kolejka; Нет сдачи";\r\n'
    "Odkrycie;'=SUMA(A1);;;;\r\n"
).encode("utf-8")


def test_an_excel_file_imports(tmp_path: Path) -> None:
    source, out = tmp_path / "ludzie.csv", tmp_path / "ludzie.toml"
    source.write_bytes(EXCEL)
    proc = import_cli(source, out)
    assert proc.stderr == f"read {source} as ;-separated, UTF-8 with BOM, CRLF line ends\n"
    assert proc.stdout == f"wrote {out}: 3 touchpoints\n"
    m = MapFile.load(out).map
    assert [(s.id, s.name) for s in m.stages] == [("odkrycie", "Odkrycie"), ("pokupka", "Покупка")]
    assert [to_raw(tp) for tp in m.touchpoints] == [
        {
            "id": "reklama-biuro-na-dwie-linie",
            "stage": "odkrycie",
            "name": 'Reklama "Biuro";\nna dwie linie',
            "personas": ["student"],
            "emotion": -1,
            "x_Notatka": "uwaga",
        },
        {
            "id": "oplata-kartoi",
            "stage": "pokupka",
            "name": "Оплата картой",
            "emotion": {"student": -2, "senior": 1},
            "pain_points": ["Długa kolejka", "Нет сдачи"],
        },
        {"id": "suma-a1", "stage": "odkrycie", "name": "=SUMA(A1)"},
    ]


def test_a_libreoffice_file_imports(tmp_path: Path) -> None:
    """LibreOffice's "Quote all text cells": `,`, no BOM, LF, every field quoted."""
    source, out = tmp_path / "lo.csv", tmp_path / "lo.toml"
    body = io.StringIO()
    writer = csv.writer(body, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows(
        [
            ["stage", "name", "emotion"],
            ["Zakup", 'Kasa, "szybka"', "2"],
            ["Zakup", "Dwie\nlinie", ""],
        ]
    )
    source.write_bytes(body.getvalue().encode("utf-8"))
    proc = import_cli(source, out)
    assert proc.stderr == f"read {source} as ,-separated, UTF-8, LF line ends\n"
    m = MapFile.load(out).map
    assert [(tp.name, tp.emotion) for tp in m.touchpoints] == [
        ('Kasa, "szybka"', 2),
        ("Dwie\nlinie", None),
    ]


def test_a_line_break_in_a_cell_is_lf_as_the_export_writes_it() -> None:
    m = map_from_csv('stage,name\r\nbuy,"two\r\nlines"\r\n', "w.csv")
    assert m.touchpoints[0].name == "two\nlines"


def test_a_tab_separated_file_imports(tmp_path: Path) -> None:
    source, out = tmp_path / "t.tsv", tmp_path / "t.toml"
    source.write_bytes(b"stage\tname\towner\nbuy\tPay, then leave\tSales; Ops\n")
    proc = import_cli(source, out)
    assert "as tab-separated, UTF-8, LF line ends" in proc.stderr
    tp = MapFile.load(out).map.touchpoints[0]
    assert (tp.stage, tp.name, tp.owner) == ("buy", "Pay, then leave", "Sales; Ops")


@pytest.mark.parametrize("force", [False, True])
def test_a_legacy_code_page_file_is_refused_and_nothing_written(
    tmp_path: Path, force: bool
) -> None:
    source, out = tmp_path / "stary.csv", tmp_path / "stary.toml"
    source.write_bytes("stage;name\r\nZakup;Płatność\r\n".encode("cp1250"))
    if force:
        out.write_bytes(b"precious\n")
    proc = cjm("import", "csv", str(source), "-o", str(out), *(["--force"] if force else []))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (
        f"{source}:2:8: error: the file is not valid UTF-8 (byte 0xb3); "
        'save it as "CSV UTF-8" (Excel: Save As, CSV UTF-8)\n'
    )
    assert out.read_bytes() == b"precious\n" if force else not out.exists()


def test_decode_csv_tells_the_shape() -> None:
    text, shape = decode_csv(b"a,b\r\nc,d\n", "f.csv")
    assert (text, shape.delimiter, shape.bom, shape.crlf) == ("a,b\r\nc,d\n", ",", False, True)
    text, shape = decode_csv(BOM + b"a;b\n", "f.csv")
    assert (text, shape.describe()) == ("a;b\n", ";-separated, UTF-8 with BOM, LF line ends")
    with pytest.raises(InvalidMap) as info:
        decode_csv("ы".encode("cp1251"), "f.csv")
    assert info.value.problems[0].excerpt is None


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("stage;name\nx;y;z;w\n", ";"),  # csv.Sniffer cannot decide: the header's count
        ("stage\tname\n", "\t"),
        ('stage,name,personas\ns,A,"a; b"\nt,B,"c; d; e"\n', ","),
        ("stage\n", ","),  # no candidate at all
        # csv.Sniffer says `;` (quoted `;"`...`";`), which the header does not hold.
        ('stage,name\nbuy,"Pay; ""cash""; card"\n', ","),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_problems_in_a_semicolon_table_point_at_the_cell() -> None:
    with pytest.raises(InvalidMap) as info:
        map_from_csv('stage;name;emotion\r\ns;"A;\nB";3\r\n', "in.csv")
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (3, 4)


# Header cells ----------------------------------------------------------------------------


def test_header_matches_known_columns_ignoring_case_and_spaces() -> None:
    m = map_from_csv(" Stage ,NAME , Emotion,Metric:csat,X_Note\nbuy,Pay,1,2.5,hi\n", "h.csv")
    tp = m.touchpoints[0]
    assert (tp.stage, tp.name, tp.emotion, tp.metrics) == ("buy", "Pay", 1, {"csat": 2.5})
    assert tp.extra == {"X_Note": "hi"}  # an unknown column is kept as written


def test_a_column_written_twice_in_different_case_is_reported() -> None:
    with pytest.raises(InvalidMap) as info:
        map_from_csv("stage,name,Stage \nbuy,Pay,buy\n", "h.csv")
    problem = info.value.problems[0]
    assert "column 'stage' appears twice" in problem.message
    assert (problem.line, problem.column) == (1, 12)
