"""`cjm report DIR|FILE...`: the report across maps (golden files on maps/, owners merged,
actions overdue first, personas across maps, bad files, hostile text, order of the maps).

Regenerate the golden files with `CJM_UPDATE_GOLDEN=1 pytest tests/test_portfolio.py`, then read
the diff: they are the reviewed expected output (tests/golden/across-maps.*).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from cjm_tui.cli import main
from cjm_tui.cli.report import plain_render
from cjm_tui.model import map_from_raw
from cjm_tui.reports import portfolio_report as report
from cjm_tui.reports.map_files import load_map, load_maps, map_files
from cjm_tui.reports.portfolio import MapSummary, Portfolio, across, summaries
from tests.test_report import RAW_CONTROL, check_markdown

from .conftest import ROOT, SAMPLE_MAPS

MAPS = ROOT / "maps"
HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
GOLDEN = ROOT / "tests" / "golden"
TODAY = dt.date(2026, 12, 6)


def portfolio_of(*folders_or_files: Path, today: dt.date = TODAY) -> tuple[Portfolio, list[Any]]:
    loaded = load_maps(list(folders_or_files))
    return across(summaries(loaded), today), [x for x in loaded if x.map is None]


def small_map(title: str, **parts: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "map": {"format": 1, "title": title},
        "personas": [{"id": "ann", "name": "Ann"}],
        "stages": [{"id": "s1", "name": "One"}],
        "touchpoints": [],
        "actions": [],
    }
    raw.update(parts)
    return raw


def summary(name: str, raw: dict[str, Any]) -> MapSummary:
    return MapSummary(name, map_from_raw(raw))


# Golden files --------------------------------------------------------------------------------


def render(fmt: str, p: Portfolio, skipped: list[Any]) -> str:
    if fmt == "md":
        return report.markdown(p, skipped)
    if fmt == "html":
        return report.html(p, skipped)
    if fmt == "json":
        return report.as_json(p, skipped)
    return plain_render(report.text(p, skipped, 100), 100)


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_golden_report_across_the_sample_maps(fmt: str) -> None:
    p, skipped = portfolio_of(MAPS)
    assert [s.name for s in skipped] == ["personas.toml"] and all(s.library for s in skipped)
    out = render(fmt, p, skipped)
    golden = GOLDEN / f"across-maps.{fmt}"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8")
    if fmt == "md":
        check_markdown(out)
    if fmt == "txt":
        assert max(cell_len(line) for line in out.splitlines()) <= 100


def test_cli_formats_are_the_golden_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI uses the local date; the golden files a fixed one: compare what does not depend
    # on it when the date differs (json: the map list; markdown: the moments section).
    assert main(["report", str(MAPS), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    golden = json.loads((GOLDEN / "across-maps.json").read_text(encoding="utf-8"))
    assert data["today"] == dt.date.today().isoformat()
    assert data["moments_of_truth"] == golden["moments_of_truth"]
    assert data["personas"] == golden["personas"]
    target = tmp_path / "out.html"
    assert main(["report", str(MAPS), "-f", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    for heading in ("Moments of truth", "Owners across maps", "Actions by due date"):
        assert f"<h2>{heading}</h2>" in page
    assert main(["report", str(MAPS)]) == 0  # text, plain when piped
    out = capsys.readouterr().out
    assert out.startswith(f"Across {len(SAMPLE_MAPS)} maps\n") and "\x1b" not in out


# Reading a folder ----------------------------------------------------------------------------


def test_folder_with_bad_files_names_each_and_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    (tmp_path / "maps" / "sub").mkdir()
    (tmp_path / "maps" / "sub" / "broken.toml").write_text('[map\ntitle = "x"\n', encoding="utf-8")
    (tmp_path / "maps" / "z-not-a-map.toml").write_text('[tool]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "maps" / "team-personas.toml").write_text(
        '# a library\n[[personas]]\nid = "p"\nname = "P"\n', encoding="utf-8"
    )
    (tmp_path / "maps" / ".hidden").mkdir()
    (tmp_path / "maps" / ".hidden" / "skip.toml").write_text("nope = [", encoding="utf-8")
    (tmp_path / "maps" / ".venv").mkdir()
    (tmp_path / "maps" / ".venv" / "skip.toml").write_text("nope = [", encoding="utf-8")

    assert main(["report", str(tmp_path / "maps"), "-f", "markdown"]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 2, lines
    assert re.fullmatch(r".*sub/broken\.toml:1:5: error: TOML syntax: .*", lines[0])
    assert re.fullmatch(r".*z-not-a-map\.toml:\d+:\d+: error: .*", lines[1])
    assert "Traceback" not in captured.err
    out = captured.out
    assert out.startswith(f"# Across {len(SAMPLE_MAPS)} maps\n")
    assert "| sub/broken.toml | " in out and "| z-not-a-map.toml | " in out
    assert "*Persona libraries (not maps):* personas.toml" in out
    assert "skip.toml" not in out


def test_nothing_to_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path)]) == 2
    assert "no map to report" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_text("x = [", encoding="utf-8")
    assert main(["report", str(tmp_path), "-f", "json"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r".*bad\.toml:1:\d+: error: .*", err[0]) and len(err) == 2


def test_missing_file_among_several(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", str(MAPS / "telecom-prepaid.toml"), str(tmp_path / "nope.toml")])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err.strip().endswith("nope.toml: error: no such file")
    assert captured.out.startswith("Across 1 map\n")


def test_one_file_stays_the_single_map_report(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(MAPS / "telecom-prepaid.toml")
    assert main(["report", path, "-f", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Analysis: ")
    assert main(["report", path, "-f", "json"]) == 2
    assert "for two or more maps or a folder" in capsys.readouterr().err


def test_a_valid_map_is_parsed_once_and_a_library_is_no_map(tmp_path: Path) -> None:
    lib = tmp_path / "personas.toml"
    lib.write_text('[[personas]]\nid = "p"\nname = "P"\n', encoding="utf-8")
    assert load_map(lib).library and load_map(lib).map is None and load_map(lib).problem is None
    good = load_map(MAPS / "telecom-prepaid.toml")
    assert good.map is not None and good.problem is None
    bad = tmp_path / "bad.toml"
    bad.write_text('[map]\nformat = 1\ntitle = "t"\n\n[[stages]]\nid = "Bad Id"\nname = "x"\n')
    problem = load_map(bad).problem
    assert problem is not None and re.fullmatch(r".*bad\.toml:6:\d+: error: .*", problem)


def test_many_files_read_by_worker_processes_are_read_as_one_process_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm_tui.reports import map_files as module

    for i in range(module.PARALLEL_FROM + 4):
        shutil.copy(MAPS / ("telecom-prepaid.toml" if i % 2 else "b2b-office-visit.toml"), tmp_path)
        (tmp_path / f"copy-{i:02d}.toml").write_bytes((MAPS / "telecom-prepaid.toml").read_bytes())
    (tmp_path / "broken.toml").write_text("[map\n", encoding="utf-8")
    shutil.copy(MAPS / "personas.toml", tmp_path)
    if len(os.sched_getaffinity(0)) > 1:
        assert module._workers(len(map_files([tmp_path]))) > 1
    parallel = load_maps([tmp_path])
    monkeypatch.setattr(module, "_workers", lambda files: 1)
    assert parallel == load_maps([tmp_path])
    assert [item.name for item in parallel][:2] == ["b2b-office-visit.toml", "broken.toml"]
    assert (
        sum(item.library for item in parallel) == 1 and sum(bool(i.problem) for i in parallel) == 1
    )


def test_reporting_a_folder_equals_reporting_its_files(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(MAPS)
    names = [name for _, name in map_files([Path(".")])]
    assert names == sorted(p.name for p in MAPS.glob("*.toml"))
    assert main(["report", ".", "-f", "json"]) == 0
    folder = capsys.readouterr().out
    assert main(["report", *names, "-f", "json"]) == 0
    assert capsys.readouterr().out == folder


# The rules across maps -----------------------------------------------------------------------


def test_owners_merged_ignoring_case_and_spaces() -> None:
    a = small_map(
        "A",
        touchpoints=[
            {"id": "t1", "stage": "s1", "name": "Ad", "owner": "Marketing", "emotion": -2},
            {
                "id": "t2",
                "stage": "s1",
                "name": "Mail",
                "owner": "Marketing",
                "emotion": 1,
                "moment_of_truth": True,
            },
            {"id": "t3", "stage": "s1", "name": "Desk", "owner": "Sales", "emotion": 0},
        ],
        actions=[
            {
                "id": "a1",
                "touchpoint": "t1",
                "title": "Fix ad",
                "owner": "MARKETING",
                "due": dt.date(2026, 11, 1),
            },
            {
                "id": "a2",
                "touchpoint": "t1",
                "title": "Done",
                "owner": "Marketing",
                "due": dt.date(2026, 11, 1),
                "state": "done",
            },
        ],
    )
    b = small_map(
        "B",
        touchpoints=[
            {
                "id": "t1",
                "stage": "s1",
                "name": "Web",
                "owner": " marketing ",
                "emotion": {"ann": -1},
            },
        ],
        actions=[
            {
                "id": "a1",
                "touchpoint": "t1",
                "title": "Later",
                "owner": " marketing ",
                "due": dt.date(2027, 1, 1),
            },
        ],
    )
    p = across([summary("a.toml", a), summary("b.toml", b)], TODAY)
    assert [o.name for o in p.owners] == ["Marketing", "Sales"]
    marketing = p.owners[0]
    assert marketing.spellings == (" marketing ", "MARKETING", "Marketing")
    assert marketing.maps == ("a.toml", "b.toml")
    assert len(marketing.touchpoints) == 3 and len(marketing.moments) == 1
    assert marketing.average == pytest.approx((-2 + 1 - 1) / 3)
    assert [a.action.title for a in marketing.open_actions] == ["Fix ad", "Later"]
    assert [a.action.title for a in marketing.overdue_actions] == ["Fix ad"]
    assert not p.owners[1].merged
    md = report.markdown(p)
    assert "| Marketing | 2 | 3 | 1 | -0.7 | 2 | **1** |" in md
    assert '| Marketing | " marketing "<br>"MARKETING"<br>"Marketing" |' in md


def test_actions_overdue_first_then_by_date_undated_last() -> None:
    tps = [{"id": "t1", "stage": "s1", "name": "T"}]
    a = small_map(
        "A",
        touchpoints=tps,
        actions=[
            {"id": "undated", "touchpoint": "t1", "title": "Undated"},
            {"id": "late", "touchpoint": "t1", "title": "Late", "due": dt.date(2026, 12, 1)},
            {"id": "due-today", "touchpoint": "t1", "title": "Today", "due": TODAY},
            {
                "id": "done",
                "touchpoint": "t1",
                "title": "Done early",
                "due": dt.date(2026, 10, 1),
                "state": "done",
            },
        ],
    )
    b = small_map(
        "B",
        touchpoints=tps,
        actions=[
            {"id": "later", "touchpoint": "t1", "title": "Next year", "due": dt.date(2027, 1, 2)},
            {
                "id": "older",
                "touchpoint": "t1",
                "title": "Very late",
                "due": dt.datetime(2026, 11, 2, 9, 30),
                "state": "doing",
            },
        ],
    )
    p = across([summary("a.toml", a), summary("b.toml", b)], TODAY)
    assert [x.action.id for x in p.actions] == [
        "older",
        "late",
        "done",
        "due-today",
        "later",
        "undated",
    ]
    assert [x.overdue for x in p.actions] == [True, True, False, False, False, False]
    assert p.overdue_count == 2 and p.open_count == 5
    # Another day, other overdue actions: "today" is the caller's.
    later = across([summary("a.toml", a), summary("b.toml", b)], dt.date(2027, 2, 1))
    assert [x.action.id for x in later.actions][:4] == ["older", "late", "due-today", "later"]
    data = report.as_data(p)
    assert [(x["id"], x["due"], x["overdue"]) for x in data["actions"]][:2] == [
        ("older", "2026-11-02", True),
        ("late", "2026-12-01", True),
    ]


def test_personas_across_maps() -> None:
    a = small_map(
        "A",
        personas=[{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        touchpoints=[
            {"id": "t1", "stage": "s1", "name": "T1", "emotion": {"ann": -2, "bob": 1}},
            {"id": "t2", "stage": "s1", "name": "T2", "emotion": {"ann": 1}},
        ],
    )
    b = small_map(
        "B",
        personas=[{"id": "ann", "name": "Ann, buyer"}, {"id": "cy", "name": "Cy"}],
        touchpoints=[{"id": "t1", "stage": "s1", "name": "T1", "emotion": 2}],
    )
    p = across([summary("a.toml", a), summary("b.toml", b)], TODAY)
    assert [x.id for x in p.personas] == ["ann", "bob", "cy"]
    ann = p.personas[0]
    assert ann.shared and ann.names == ("Ann", "Ann, buyer")
    assert [(x.map.name, x.average) for x in ann.appearances] == [
        ("a.toml", -0.5),
        ("b.toml", 2.0),
    ]
    assert [(x.map.name, x.average) for x in p.personas[1].appearances] == [("a.toml", 1.0)]
    assert "2 in more than one map" not in report.markdown(p)
    assert "1 in more than one map" in report.markdown(p)
    assert "| ann | Ann<br>Ann, buyer | 2 | -0.5 A<br>+2.0 B |" in report.markdown(p)


def test_hostile_text_is_escaped_in_every_format(tmp_path: Path) -> None:
    p, skipped = portfolio_of(HOSTILE, MAPS / "telecom-prepaid.toml")
    assert not skipped
    md = report.markdown(p)
    check_markdown(md)
    assert "\\<script\\>" in md
    assert re.search(r"(?<!\\)[\[\]<>]", md.replace("<br>", "")) is None
    page = report.html(p)
    assert not RAW_CONTROL.search(page.replace("\n", ""))
    assert "<script>" not in page and "<b>Marketing</b>" not in page
    assert "&lt;b&gt;Marketing&lt;/b&gt;" in page
    text = plain_render(report.text(p, skipped, 100), 100)
    assert not RAW_CONTROL.search(text.replace("\n", ""))
    assert "[bold]x[/bold]" in text
    out = report.as_json(p)
    assert not RAW_CONTROL.search(out.replace("\n", ""))
    assert json.loads(out)["maps"][0]["title"] == map_title(HOSTILE)


def map_title(path: Path) -> str:
    loaded = load_map(path)
    assert loaded.map is not None
    return loaded.map.info.title


# Order of the maps ---------------------------------------------------------------------------

OWNERS = ["Sales", " sales", "SALES ", "Support", "IT", "it", ""]
DAYS = [None, dt.date(2026, 11, 1), TODAY, dt.date(2027, 3, 1)]


@st.composite
def raw_maps(draw: st.DrawFn, title: str) -> dict[str, Any]:
    personas = draw(st.lists(st.sampled_from(["ann", "bob", "cy"]), min_size=1, unique=True))
    count = draw(st.integers(1, 4))
    touchpoints = []
    for i in range(count):
        tp: dict[str, Any] = {"id": f"t{i}", "stage": "s1", "name": f"T{i}"}
        if owner := draw(st.sampled_from(OWNERS)):
            tp["owner"] = owner
        emotion = draw(
            st.one_of(
                st.none(),
                st.integers(-2, 2),
                st.dictionaries(st.sampled_from(personas), st.integers(-2, 2), min_size=1),
            )
        )
        if emotion is not None:
            tp["emotion"] = emotion
        if draw(st.booleans()):
            tp["moment_of_truth"] = True
        touchpoints.append(tp)
    actions = []
    for i in range(draw(st.integers(0, 4))):
        action: dict[str, Any] = {"id": f"a{i}", "touchpoint": "t0", "title": f"A{i}"}
        if owner := draw(st.sampled_from(OWNERS)):
            action["owner"] = owner
        if due := draw(st.sampled_from(DAYS)):
            action["due"] = due
        action["state"] = draw(st.sampled_from(["todo", "doing", "done"]))
        actions.append(action)
    return small_map(
        title,
        personas=[{"id": pid, "name": pid.title()} for pid in personas],
        touchpoints=touchpoints,
        actions=actions,
    )


def order_free(p: Portfolio) -> dict[str, Any]:
    """What must not depend on the order of the maps."""
    return {
        "owners": [
            (
                o.name,
                o.spellings,
                sorted(o.maps),
                sorted((t.map.name, t.touchpoint.id) for t in o.touchpoints),
                sorted((t.map.name, t.touchpoint.id) for t in o.moments),
                None if o.average is None else round(o.average, 9),
                sorted((a.map.name, a.action.id) for a in o.open_actions),
                sorted((a.map.name, a.action.id) for a in o.overdue_actions),
            )
            for o in p.owners
        ],
        # By due date, overdue first; only ties of one date are in map order.
        "actions": [(a.overdue, a.action.due_day) for a in p.actions],
        "action_set": sorted((a.map.name, a.action.id) for a in p.actions),
        "moments": sorted((m.map.name, m.moment.touchpoint.id) for m in p.moments),
        "personas": [
            (x.id, sorted((a.map.name, a.average) for a in x.appearances)) for x in p.personas
        ],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_maps("A"), raw_maps("B"))
def test_the_report_of_a_b_is_the_report_of_b_a(a: dict[str, Any], b: dict[str, Any]) -> None:
    one = across([summary("a.toml", a), summary("b.toml", b)], TODAY)
    two = across([summary("b.toml", b), summary("a.toml", a)], TODAY)
    assert order_free(one) == order_free(two)
    # The moments are in map order: the same list, each map's block moved.
    assert [m for m in one.moments if m.map.name == "a.toml"] == [
        m for m in two.moments if m.map.name == "a.toml"
    ]
    for o in one.owners:
        if o.average is not None:
            assert not math.isnan(o.average)


def test_the_report_across_maps_shows_metrics_off_target_and_ticket_links() -> None:
    p, skipped = portfolio_of(MAPS)
    page = render("html", p, skipped)
    assert "Metrics off target" in page
    assert 'href="https://tracker.example/CX-101"' in page
    shortfalls = [x.miss.shortfall for x in p.off_target]
    assert shortfalls and shortfalls == sorted(shortfalls, reverse=True)
    assert {x.map.name for x in p.off_target} == {"b2b-office-visit.toml"}
    data = json.loads(render("json", p, skipped))
    assert data["metrics_off_target"][0]["metric"] == "first_response_h"
    assert any(a["link"] == "https://tracker.example/CX-101" for a in data["actions"])
