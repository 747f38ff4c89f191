"""The `cjm` command line as a user (or CI) runs it: exit codes, error lines, files left alone."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cjm_tui import __version__
from cjm_tui.cli import build_parser
from cjm_tui.model.rules import is_slug

from .conftest import SAMPLE_MAPS

ERROR_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")


def cjm(
    *args: str,
    cwd: Path | None = None,
    color: bool = False,
    extra_env: dict[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m cjm_tui ARGS` like a user would; never a traceback. Its stdin is this
    terminal's, or with `input` a pipe that gives that text."""
    env = {**os.environ, "COLUMNS": "100", "PYTHONUTF8": "1"}
    for name in ("CJM_DEBUG", "FORCE_COLOR", "NO_COLOR", "TERM"):
        env.pop(name, None)
    if color:
        env.update(FORCE_COLOR="1", TERM="xterm-256color")
    else:
        env["NO_COLOR"] = "1"
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "cjm_tui", *args],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert "Traceback" not in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    return proc


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ERROR_LINE.match(line)]


# A small hand-written map with comments, blank lines and an unknown key.
SMALL = """\
# Office visit: a small map for the tests
[map]
format = 1
title = "Office visit"  # keep it short

[[personas]]
id = "guest"
name = "Guest"

# ---- stages
[[stages]]
id = "arrive"
name = "Arrive"

[[stages]]
id = "meet"
name = "Meet"

# ---- touchpoints
[[touchpoints]]
id = "parking"
stage = "arrive"
name = "Parking"
emotion = -1  # too few places

[[touchpoints]]
id = "room"
stage = "meet"
name = "Meeting room"
x_note = "kept"
"""

INVALID = """\
[map]
format = 2
title = "Bad"

[[stages]]
id = "a"
name = "A"
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8", newline="")
    return path


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(INVALID, encoding="utf-8", newline="")
    return path


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- version and help


def test_version() -> None:
    proc = cjm("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"cjm {__version__}"


def _subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_the_subcommands_are_known() -> None:
    assert {"new", "check", "show", "add"} <= set(_subcommands())


def test_top_level_help() -> None:
    proc = cjm("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: cjm")
    for name in _subcommands():
        assert name in proc.stdout


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_has_help(command: str) -> None:
    proc = cjm(command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: cjm {command}")


def test_no_command_is_a_usage_error() -> None:
    proc = cjm()
    assert proc.returncode == 2
    assert "usage: cjm" in proc.stdout + proc.stderr


def test_unknown_option_is_a_usage_error(small: Path) -> None:
    proc = cjm("check", "--no-such-option", str(small))
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


# --------------------------------------------------------------------------- check


def test_sample_maps_exist() -> None:
    assert len(SAMPLE_MAPS) >= 3


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=[p.name for p in SAMPLE_MAPS])
def test_check_accepts_each_sample_map(path: Path) -> None:
    before = path.read_bytes()
    proc = cjm("check", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{path}: ok" in proc.stdout
    assert error_lines(proc.stdout + proc.stderr) == []
    assert path.read_bytes() == before


def test_check_invalid_map_prints_the_exact_error_line(invalid: Path) -> None:
    before = invalid.read_bytes()
    proc = cjm("check", "bad.toml", cwd=invalid.parent)
    assert proc.returncode == 1
    assert error_lines(proc.stdout) == [
        "bad.toml:2:10: error: format = 2 is not supported (this cjm reads format 1)"
    ]
    assert "format = 2" in proc.stdout.split("\n")[1]  # the excerpt follows
    assert invalid.read_bytes() == before


def test_check_syntax_error_uses_the_parser_location(tmp_path: Path) -> None:
    (tmp_path / "syntax.toml").write_text("[map]\nformat = 1\ntitle = \n", encoding="utf-8")
    proc = cjm("check", "syntax.toml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = error_lines(proc.stdout)
    assert len(lines) == 1
    assert lines[0].startswith("syntax.toml:3:9: error: TOML syntax")


def test_check_bad_utf8_is_invalid_not_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    data = '[map]\nformat = 1\ntitle = "Caf\xe9"\n'.encode("latin-1")
    path.write_bytes(data)
    proc = cjm("check", "latin1.toml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = error_lines(proc.stdout)
    assert len(lines) == 1
    assert lines[0].startswith("latin1.toml:3:13: error: ")
    assert "UTF-8" in lines[0]
    assert path.read_bytes() == data


def test_check_reports_every_problem_of_a_file(tmp_path: Path) -> None:
    (tmp_path / "many.toml").write_text(
        '[map]\nformat = 2\ntitle = "T"\nkind = "robot"\n\n[[stages]]\nid = "Bad Id"\nname = "A"\n',
        encoding="utf-8",
    )
    proc = cjm("check", "many.toml", cwd=tmp_path)
    assert proc.returncode == 1
    assert [line.split(": error:")[0] for line in error_lines(proc.stdout)] == [
        "many.toml:2:10",
        "many.toml:4:8",
        "many.toml:7:6",
    ]


def test_check_missing_file_exits_2(tmp_path: Path) -> None:
    proc = cjm("check", "nope.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nope.toml" in proc.stderr
    assert "no such file" in proc.stderr
    assert not (tmp_path / "nope.toml").exists()


def test_check_directory_exits_2(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    proc = cjm("check", "dir.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "dir.toml" in proc.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="running as root (or no POSIX permissions): root can read any file",
)
def test_check_unreadable_file_exits_2(small: Path) -> None:
    small.chmod(0)
    try:
        proc = cjm("check", str(small))
        assert proc.returncode == 2
        assert str(small) in proc.stderr
    finally:
        small.chmod(0o644)
    assert small.read_text(encoding="utf-8") == SMALL


def test_check_valid_and_invalid_exits_1(small: Path, invalid: Path) -> None:
    proc = cjm("check", "small.toml", "bad.toml", cwd=small.parent)
    assert proc.returncode == 1
    assert "small.toml: ok" in proc.stdout
    assert error_lines(proc.stdout) == [
        "bad.toml:2:10: error: format = 2 is not supported (this cjm reads format 1)"
    ]


def test_check_missing_and_invalid_exits_2_and_still_reports_both(invalid: Path) -> None:
    proc = cjm("check", "nope.toml", "bad.toml", cwd=invalid.parent)
    assert proc.returncode == 2
    assert "nope.toml" in proc.stderr
    assert len(error_lines(proc.stdout)) == 1
    assert error_lines(proc.stdout)[0].startswith("bad.toml:2:10: error:")


def test_check_json(small: Path, invalid: Path) -> None:
    proc = cjm("check", "--format", "json", "small.toml", "bad.toml", cwd=small.parent)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["valid"] is False
    files = {f["file"]: f for f in report["files"]}
    assert set(files) == {"small.toml", "bad.toml"}
    assert files["small.toml"]["valid"] is True
    assert files["small.toml"]["problems"] == []
    bad = files["bad.toml"]
    assert bad["valid"] is False
    assert len(bad["problems"]) == 1
    problem = bad["problems"][0]
    assert problem["file"] == "bad.toml"
    assert (problem["line"], problem["column"]) == (2, 10)
    assert problem["severity"] == "error"
    assert "format = 2" in problem["message"]


def test_check_json_all_valid(small: Path) -> None:
    proc = cjm("check", "--format", "json", str(small))
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert report["valid"] is True
    assert [f["valid"] for f in report["files"]] == [True]


def test_check_json_with_a_missing_file(small: Path) -> None:
    proc = cjm("check", "--format", "json", "small.toml", "nope.toml", cwd=small.parent)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)  # stdout stays parseable JSON
    files = {f["file"]: f for f in report["files"]}
    assert files["nope.toml"]["valid"] is False
    assert files["small.toml"]["valid"] is True


def test_check_strict_shows_warnings_and_exits_0(small: Path) -> None:
    with small.open("a", encoding="utf-8") as f:
        f.write('\n[x_workshop]\nwhen = "Monday"\n')
    plain = cjm("check", "small.toml", cwd=small.parent)
    assert plain.returncode == 0
    assert "warning" not in plain.stdout
    proc = cjm("check", "--strict", "small.toml", cwd=small.parent)
    assert proc.returncode == 0, proc.stdout
    warnings = [
        line
        for line in proc.stdout.splitlines()
        if re.match(r"^small\.toml:\d+:\d+: warning: ", line)
    ]
    assert len(warnings) == 2
    assert warnings[0].startswith("small.toml:30:1: warning: ")
    assert '"x_note"' in warnings[0]
    assert warnings[1].startswith("small.toml:32:1: warning: ")
    assert '"x_workshop"' in warnings[1]
    assert error_lines(proc.stdout) == []


def test_check_error_output_holds_no_control_characters(tmp_path: Path) -> None:
    # a raw RLO is legal inside a TOML string; the excerpt must not pass it to the terminal
    text = INVALID.replace(
        'name = "A"',
        'name = "A"\n\n[[touchpoints]]\nid = "t"\n'
        'stage = "no\u202ewhere\\u001b[31m\\u0007"\nname = "T"',
    )
    (tmp_path / "evil.toml").write_text(text, encoding="utf-8")
    proc = cjm("check", "evil.toml", cwd=tmp_path)
    assert proc.returncode == 1
    assert len(error_lines(proc.stdout)) == 2
    for ch in ("\x1b", "\x07", "\u202e"):
        assert ch not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- new


def test_new_writes_a_map_that_check_accepts(tmp_path: Path) -> None:
    proc = cjm("new", "fresh.toml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "fresh.toml"
    raw = load(path)
    assert raw["map"]["format"] == 1
    assert raw["map"].get("kind", "customer") == "customer"
    assert len(raw["stages"]) == 3
    assert len(raw["personas"]) == 1
    assert "#" in path.read_text(encoding="utf-8")  # commented
    check = cjm("check", "--strict", "fresh.toml", cwd=tmp_path)
    assert check.returncode == 0
    assert "warning" not in check.stdout


def test_new_writes_the_schema_its_first_line_names(tmp_path: Path) -> None:
    assert cjm("new", "maps/a.toml", cwd=tmp_path).returncode == 2  # no folder yet
    folder = tmp_path / "maps"
    folder.mkdir()
    proc = cjm("new", "maps/a.toml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    first = (folder / "a.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ./cjm-map.schema.json"
    schema = folder / "cjm-map.schema.json"
    assert schema.read_text(encoding="utf-8") == cjm("schema").stdout
    # A second map shares the schema already there, quietly.
    proc = cjm("new", "maps/b.toml", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["a.toml", "b.toml", "cjm-map.schema.json"]


def test_new_keeps_a_differing_schema_and_says_so(tmp_path: Path) -> None:
    schema = tmp_path / "cjm-map.schema.json"
    schema.write_text('{"title": "ours"}\n', encoding="utf-8")
    proc = cjm("new", "a.toml", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "a.toml").exists()
    assert schema.read_text(encoding="utf-8") == '{"title": "ours"}\n'
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cjm-map.schema.json: warning: differs"), lines


def test_new_never_overwrites(small: Path) -> None:
    before = small.read_bytes()
    proc = cjm("new", "small.toml", cwd=small.parent)
    assert proc.returncode == 2
    assert "small.toml" in proc.stderr
    assert small.read_bytes() == before


def test_new_kind_employee(tmp_path: Path) -> None:
    proc = cjm("new", "emp.toml", "--kind", "employee", cwd=tmp_path)
    assert proc.returncode == 0
    assert load(tmp_path / "emp.toml")["map"]["kind"] == "employee"
    assert cjm("check", "emp.toml", cwd=tmp_path).returncode == 0


def test_new_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    proc = cjm("new", "x.toml", "--kind", "robot", cwd=tmp_path)
    assert proc.returncode == 2
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize(
    "title",
    [
        'He said "hi" \\ then [bold]left[/bold]',
        "ends with a backslash \\",
        "Mapa podróży: zażółć gęślą jaźń; Карта пути; 🚀",
        "''' \"\"\" # not a comment",
    ],
)
def test_new_title_round_trips(tmp_path: Path, title: str) -> None:
    proc = cjm("new", "t.toml", "--title", title, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert load(tmp_path / "t.toml")["map"]["title"] == title
    assert cjm("check", "t.toml", cwd=tmp_path).returncode == 0


# --------------------------------------------------------------------------- add


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails when any line of `before` was removed."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line for line in diff if line.startswith("- ")]
    assert removed == [], removed
    return [line[2:] for line in diff if line.startswith("+ ")]


def touchpoints(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load(path).get("touchpoints", [])
    return found


def test_add_quick_add_example_exact_text(small: Path) -> None:
    proc = cjm(
        "add", "small.toml", "Security guard asks for ID @office #arrive -1 !", cwd=small.parent
    )
    assert proc.returncode == 0, proc.stderr
    assert "security-guard-asks-for-id" in proc.stdout
    new_block = """\
[[touchpoints]]
id = "security-guard-asks-for-id"
stage = "arrive"
name = "Security guard asks for ID"
channel = "office"
emotion = -1
moment_of_truth = true

"""
    anchor = '[[touchpoints]]\nid = "room"'
    expected = SMALL.replace(anchor, new_block + anchor)
    after = small.read_text(encoding="utf-8")
    assert after == expected
    added = added_lines(SMALL, after)
    assert sorted(added) == sorted(new_block.splitlines())
    tp = touchpoints(small)[1]
    assert tp == {
        "id": "security-guard-asks-for-id",
        "stage": "arrive",
        "name": "Security guard asks for ID",
        "channel": "office",
        "emotion": -1,
        "moment_of_truth": True,
    }
    assert cjm("check", "small.toml", cwd=small.parent).returncode == 0


def _refused(path: Path, line: str, code: int, fragment: str) -> None:
    before = path.read_bytes()
    proc = cjm("add", path.name, line, cwd=path.parent)
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert fragment in proc.stderr
    assert path.read_bytes() == before


def test_add_unknown_stage_is_refused(small: Path) -> None:
    _refused(small, "Lift is broken #lobby -2", 1, "lobby")


def test_add_unknown_persona_is_refused(small: Path) -> None:
    _refused(small, "Lift is broken ^ghost -2", 1, "ghost")


@pytest.mark.parametrize("line", ["@web -1", "", "   ", "#arrive ! +1"])
def test_add_empty_name_is_refused(small: Path, line: str) -> None:
    _refused(small, line, 1, "name")


def test_add_to_an_invalid_map_exits_2(invalid: Path) -> None:
    _refused(invalid, "Coffee @office", 2, "bad.toml:2:10: error:")


def test_add_to_a_missing_file_exits_2(tmp_path: Path) -> None:
    proc = cjm("add", "nope.toml", "Coffee", cwd=tmp_path)
    assert proc.returncode == 2
    assert not (tmp_path / "nope.toml").exists()


def test_add_without_stage_goes_to_the_stage_of_the_last_touchpoint(tmp_path: Path) -> None:
    # file order: arrive, meet, arrive; then actions. The last touchpoint's stage is
    # "arrive", so the new one goes after "badge" (not after "parking", not to "meet").
    text = (
        SMALL
        + """
[[touchpoints]]
id = "badge"
stage = "arrive"
name = "Badge"

# ---- actions
[[actions]]
id = "more-parking"
touchpoint = "parking"
title = "Rent more places"
"""
    )
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    proc = cjm("add", "m.toml", "Lift is slow -1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    after = path.read_text(encoding="utf-8")
    assert [(t["id"], t["stage"]) for t in touchpoints(path)] == [
        ("parking", "arrive"),
        ("room", "meet"),
        ("badge", "arrive"),
        ("lift-is-slow", "arrive"),
    ]
    assert after.index('id = "lift-is-slow"') < after.index("[[actions]]")
    added = added_lines(text, after)
    assert 'id = "lift-is-slow"' in added and 'stage = "arrive"' in added
    assert cjm("check", "m.toml", cwd=tmp_path).returncode == 0


def test_add_without_stage_follows_the_last_touchpoint_not_the_first_stage(small: Path) -> None:
    proc = cjm("add", "small.toml", "Coffee", cwd=small.parent)
    assert proc.returncode == 0
    assert [(t["id"], t["stage"]) for t in touchpoints(small)] == [
        ("parking", "arrive"),
        ("room", "meet"),
        ("coffee", "meet"),
    ]


def test_add_without_touchpoints_goes_to_the_first_stage(tmp_path: Path) -> None:
    text = (
        '[map]\nformat = 1\ntitle = "T"\n\n[[stages]]\nid = "one"\nname = "One"\n\n'
        '[[stages]]\nid = "two"\nname = "Two"\n'
    )
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    assert cjm("add", "m.toml", "First", cwd=tmp_path).returncode == 0
    assert [(t["id"], t["stage"]) for t in touchpoints(path)] == [("first", "one")]
    assert path.read_text(encoding="utf-8").startswith(text)


def test_add_backslash_escapes_keep_the_text(small: Path) -> None:
    proc = cjm("add", "small.toml", r"\#1 fan \@home \^caret \! \+2 \-1 #meet", cwd=small.parent)
    assert proc.returncode == 0, proc.stderr
    tp = touchpoints(small)[-1]
    assert tp["name"] == "#1 fan @home ^caret ! +2 -1"
    assert tp["stage"] == "meet"
    assert "emotion" not in tp and "channel" not in tp and "moment_of_truth" not in tp


def test_add_plus_three_is_part_of_the_name(small: Path) -> None:
    assert cjm("add", "small.toml", "Rated +3 -5 stars +1", cwd=small.parent).returncode == 0
    tp = touchpoints(small)[-1]
    assert tp["name"] == "Rated +3 -5 stars"
    assert tp["emotion"] == 1


def test_add_ids_are_made_unique(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(SMALL.replace('"parking"', '"car-park"'), encoding="utf-8")
    assert cjm("add", "m.toml", "Parking #arrive", cwd=tmp_path).returncode == 0
    assert cjm("add", "m.toml", "Parking #arrive", cwd=tmp_path).returncode == 0
    ids = [t["id"] for t in touchpoints(path)]
    assert ids == ["car-park", "parking", "parking-2", "room"]
    assert cjm("check", "m.toml", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("line", "name", "ident"),
    [
        ("Zażółć gęślą jaźń", "Zażółć gęślą jaźń", "zazolc-gesla-jazn"),
        ("Карта пути", "Карта пути", "karta-puti"),
        ("Łódź 🚀 start", "Łódź 🚀 start", "lodz-start"),
        ("🚀🎉", "🚀🎉", None),
    ],
)
def test_add_names_in_any_language(small: Path, line: str, name: str, ident: str | None) -> None:
    proc = cjm("add", "small.toml", line + " #arrive", cwd=small.parent)
    assert proc.returncode == 0, proc.stderr
    tps = touchpoints(small)
    tp = next(t for t in tps if t["name"] == name)
    assert is_slug(tp["id"])
    assert len({t["id"] for t in tps}) == len(tps)
    if ident is not None:
        assert tp["id"] == ident
    assert cjm("check", "small.toml", cwd=small.parent).returncode == 0


def test_add_markup_in_a_name_is_stored_literally(small: Path) -> None:
    proc = cjm("add", "small.toml", "Call [bold]now[/bold] [link=http://x]here", cwd=small.parent)
    assert proc.returncode == 0
    assert touchpoints(small)[-1]["name"] == "Call [bold]now[/bold] [link=http://x]here"


def test_add_personas_are_written(small: Path) -> None:
    assert cjm("add", "small.toml", "Wi-Fi code ^guest ^guest +2", cwd=small.parent).returncode == 0
    tp = touchpoints(small)[-1]
    assert tp["personas"] == ["guest"]
    assert tp["emotion"] == 2


def test_add_keeps_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    data = SMALL.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    assert cjm("add", "crlf.toml", "Coffee #meet", cwd=tmp_path).returncode == 0
    after = path.read_bytes()
    assert after.startswith(data)
    assert b"\n" not in after.replace(b"\r\n", b"")


# --------------------------------------------------------------------------- show


def stage_shown(name: str, out: str) -> bool:
    """The stage's name, in full or cut short with an ellipsis where its column is narrow."""
    if name in out:
        return True
    return any(name[:k].rstrip() + "…" in out for k in range(6, len(name)))


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=[p.name for p in SAMPLE_MAPS])
def test_show_each_sample_map(path: Path) -> None:
    raw = load(path)
    proc = cjm("show", str(path), "--width", "160")
    assert proc.returncode == 0, proc.stderr
    assert raw["map"]["title"] in proc.stdout
    for stage in raw["stages"]:
        assert stage_shown(stage["name"], proc.stdout), stage["name"]
    if any(t.get("moment_of_truth") for t in raw.get("touchpoints", [])):
        assert "Moments of truth" in proc.stdout


def test_show_small_map(small: Path) -> None:
    proc = cjm("show", "small.toml", cwd=small.parent)
    assert proc.returncode == 0
    assert "Office visit" in proc.stdout
    assert "Arrive" in proc.stdout and "Meet" in proc.stdout
    assert "\x1b" not in proc.stdout  # NO_COLOR and a pipe: no escapes at all


def test_show_known_persona(small: Path) -> None:
    proc = cjm("show", "small.toml", "--persona", "guest", cwd=small.parent)
    assert proc.returncode == 0
    assert "Office visit" in proc.stdout


def test_show_unknown_persona_exits_2(small: Path) -> None:
    proc = cjm("show", "small.toml", "--persona", "ghost", cwd=small.parent)
    assert proc.returncode == 2
    assert "ghost" in proc.stderr


def test_show_invalid_map_exits_2_with_error_lines_on_stderr(invalid: Path) -> None:
    before = invalid.read_bytes()
    proc = cjm("show", "bad.toml", cwd=invalid.parent)
    assert proc.returncode == 2
    assert error_lines(proc.stderr) == [
        "bad.toml:2:10: error: format = 2 is not supported (this cjm reads format 1)"
    ]
    assert invalid.read_bytes() == before


def test_show_missing_file_exits_2(tmp_path: Path) -> None:
    proc = cjm("show", "nope.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nope.toml" in proc.stderr


HOSTILE = r"""[map]
format = 1
title = "Evil [bold]red[/bold] \u001b[31mmap\u0007 \u202eeman"

[[personas]]
id = "p"
name = "[link=http://x]click[/link] \u001b]8;;http://x\u0007p\u001b]8;;\u0007"

[[personas]]
id = "q"
name = "Q [bold]red[/bold] \u001b[31m\u0007\u202e"

[[stages]]
id = "s"
name = "[bold]red[/bold] \u001b[31m\u0007\u202e"

[[touchpoints]]
id = "t"
stage = "s"
name = "[bold]red[/bold] [link=http://x] \u001b[31m \u0007 \u202e"
emotion = { p = -2, q = 1 }
moment_of_truth = true
mot_reason = "[bold]red[/bold] \u001b[31m \u0007 \u202e"
owner = "[link=http://x]own\u001b[31m"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_hostile_map_is_valid(hostile: Path) -> None:
    assert cjm("check", "hostile.toml", cwd=hostile.parent).returncode == 0


@pytest.mark.parametrize("color", [False, True], ids=["no-color", "force-color"])
@pytest.mark.parametrize("persona", [None, "p"])
def test_show_prints_hostile_text_as_data(hostile: Path, color: bool, persona: str | None) -> None:
    args = ["show", "hostile.toml", "--width", "120"]
    if persona:
        args += ["--persona", persona]
    proc = cjm(*args, cwd=hostile.parent, color=color)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "[bold]red[/bold]" in out  # markup shown literally
    assert "\x1b[31m" not in out  # the map's own escape sequence never reaches the terminal
    assert "\x1b]8;" not in out  # no hyperlinks from map text or from [link=...] markup
    assert "\x07" not in out
    assert "\u202e" not in out
    if color:
        assert "\x1b[" in out  # Rich does colour this output
        # every escape left is a well-formed SGR sequence written by Rich
        assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0
    else:
        assert "\x1b" not in out


def test_show_too_narrow_width_exits_2(small: Path) -> None:
    proc = cjm("show", "small.toml", "--width", "30", cwd=small.parent)
    assert proc.returncode == 2
    assert "30" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "line",
    [
        "map.toml: ok (3 stages, 12 touchpoints, 2 personas)",
        "tab\there, ünïcödé 漢字 and 😀 in a name",
        "a very long line " * 40,
        "\x1b[31mred\x1b[0m and \u202econtrols\x07",
        "trailing spaces   ",
        "",
    ],
)
def test_say_writes_what_rich_writes_when_piped(
    line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`output.say` skips Rich when stdout is not a terminal; the bytes are Rich's."""
    import io

    from rich.console import Console

    from cjm_tui.cli import output
    from cjm_tui.sanitize import clean_line

    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    rich_out = io.StringIO()
    Console(
        file=rich_out, highlight=False, markup=False, emoji=False, soft_wrap=True, width=40
    ).print(clean_line(line), style="green")
    assert output.plain_stdout()
    output.say(line, style="green")
    assert capsys.readouterr().out == rich_out.getvalue()
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not output.plain_stdout()
