"""`cjm check --format github` and `cjm lint --format github`: each problem as a GitHub Actions
workflow command (`::error file=F,line=L,col=C::message`), escaped by GitHub's rules, with the
exit codes of the text output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm_tui.cli.annotation import command, of_error_line

from .conftest import SAMPLES
from .test_cli import INVALID, SMALL, cjm

# A map `cjm lint` finds one error in (a negative emotion and no pain points); with a pain
# point in place of the evidence, one warning instead (a hypothesis with no evidence).
LINTED = """\
[map]
format = 1
title = "Lint"
updated = 2999-01-01

[[personas]]
id = "p"
name = "P"

[[stages]]
id = "s"
name = "S"

[[touchpoints]]
id = "t"
stage = "s"
name = "T"
emotion = -1
evidence = ["interview 3"]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# --------------------------------------------------------------------------- the command itself


def test_command_with_line_and_column() -> None:
    assert command("error", "bad", "m.toml", 3, 7) == "::error file=m.toml,line=3,col=7::bad"


def test_command_for_a_warning_and_a_whole_file_problem() -> None:
    assert command("warning", "hm", "m.toml") == "::warning file=m.toml::hm"
    assert command("error", "no file") == "::error::no file"


def test_command_escapes_by_githubs_rules() -> None:
    # `%` first: an escape in the text stays the text it was.
    assert command("error", "50% a:b, c\r\nd %0A", "a%b:c,d\ne.toml", 1, 2) == (
        "::error file=a%25b%3Ac%2Cd%0Ae.toml,line=1,col=2::50%25 a:b, c%0D%0Ad %250A"
    )


def test_command_drops_control_characters() -> None:
    line = command("error", "red \x1b[31mtext\x07\u202e!", "m\x1b]0;t\x07.toml", 1, 1)
    assert line == "::error file=m.toml,line=1,col=1::red text!"


def test_error_line_names_its_file_without_a_line() -> None:
    assert of_error_line("maps/x.toml: error: no such file") == (
        "::error file=maps/x.toml::no such file"
    )
    assert of_error_line("something odd") == "::error::something odd"


# --------------------------------------------------------------------------- cjm check


def test_check_github_syntax_error_at_the_parsers_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, "syntax.toml", '[map]\nformat = 1\ntitle = "x\n')
    proc = cjm("check", "--format", "github", "syntax.toml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == (
        "::error file=syntax.toml,line=3,col=11::TOML syntax: illegal character '\\n'\n"
    )
    assert proc.stderr == ""


def test_check_github_rule_error(tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", INVALID)
    proc = cjm("check", "--format", "github", "bad.toml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "::error file=bad.toml,line=2,col=10::format = 2 is not supported (this cjm reads format 1)"
    ]


def test_check_github_says_nothing_for_valid_maps(tmp_path: Path) -> None:
    write(tmp_path, "small.toml", SMALL)
    proc = cjm("check", "--format", "github", "small.toml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_check_github_warnings_with_strict(tmp_path: Path) -> None:
    write(tmp_path, "small.toml", SMALL)
    proc = cjm("check", "--strict", "--format", "github", "small.toml", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines(), "SMALL has an unknown key"
    assert all(
        line.startswith("::warning file=small.toml,line=") for line in proc.stdout.splitlines()
    )


def test_check_github_unreadable_file_has_no_line(tmp_path: Path) -> None:
    proc = cjm("check", "--format", "github", "missing.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == "::error file=missing.toml::no such file\n"


def test_check_github_escapes_file_names_and_messages(tmp_path: Path) -> None:
    persona = '[[personas]]\nid = "50%,a:b"\nname = "P"\n'
    write(
        tmp_path, "we%ird,na:me.toml", SMALL.replace("[[personas]]\n", persona + "\n[[personas]]\n")
    )
    write(tmp_path, "new\nline.toml", INVALID)
    proc = cjm("check", "--format", "github", "we%ird,na:me.toml", "new\nline.toml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2, proc.stdout
    assert lines[0].startswith("::error file=we%25ird%2Cna%3Ame.toml,line=7,col=6::")
    assert lines[0].split("::")[2].startswith('id = "50%25,a:b" is not a valid id')
    assert lines[1] == (
        "::error file=new%0Aline.toml,line=2,col=10::"
        "format = 2 is not supported (this cjm reads format 1)"
    )


@pytest.mark.parametrize(
    ("files", "code"),
    [(["small.toml"], 0), (["small.toml", "bad.toml"], 1), (["bad.toml", "missing.toml"], 2)],
)
def test_check_github_keeps_the_exit_codes(tmp_path: Path, files: list[str], code: int) -> None:
    write(tmp_path, "small.toml", SMALL)
    write(tmp_path, "bad.toml", INVALID)
    assert cjm("check", *files, cwd=tmp_path).returncode == code
    assert cjm("check", "--format", "github", *files, cwd=tmp_path).returncode == code


# --------------------------------------------------------------------------- cjm lint


def test_lint_github_finding_with_its_rule(tmp_path: Path) -> None:
    write(tmp_path, "lint.toml", LINTED)
    proc = cjm("lint", "--format", "github", "lint.toml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "::error file=lint.toml,line=18,col=1::touchpoint t has a negative emotion and no pain "
        "points [negative-no-pain]"
    ]


def test_lint_github_warning_exits_0(tmp_path: Path) -> None:
    write(
        tmp_path,
        "lint.toml",
        LINTED.replace('evidence = ["interview 3"]\n', 'pain_points = ["x"]\n'),
    )
    proc = cjm("lint", "--format", "github", "lint.toml", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "::warning file=lint.toml,line=14,col=1::touchpoint t is a hypothesis with no evidence "
        "[hypothesis-no-evidence]"
    ]


def test_lint_github_invalid_map_is_annotated_and_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", INVALID)
    proc = cjm("lint", "--format", "github", "bad.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == ""  # not the text lines as well
    assert proc.stdout.splitlines() == [
        "::error file=bad.toml,line=2,col=10::format = 2 is not supported (this cjm reads format 1)"
    ]


def test_lint_github_bad_settings_name_their_file(tmp_path: Path) -> None:
    write(tmp_path, "lint.toml", LINTED)
    write(tmp_path, "cjm.toml", '[lint]\ndisable = ["no-such-rule"]\n')
    proc = cjm("lint", "--format", "github", "lint.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.startswith("::error file=")
    assert "cjm.toml::unknown lint rule 'no-such-rule'" in proc.stdout
    assert ",line=" not in proc.stdout


def test_lint_github_escapes_a_newline_in_a_message(tmp_path: Path) -> None:
    # A persona library is not a map for `cjm lint`; the message names the file.
    shutil.copy(SAMPLES / "personas.toml", tmp_path / "per\nsonas.toml")
    proc = cjm("lint", "--format", "github", "per\nsonas.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.count("\n") == 1
    assert proc.stdout.startswith("::error file=per%0Asonas.toml,line=1,col=1::per%0Asonas.toml is")


@pytest.mark.parametrize(
    ("text", "code"),
    [(LINTED.replace("emotion = -1", "emotion = 1"), 0), (LINTED, 1), (INVALID, 2)],
)
def test_lint_github_keeps_the_exit_codes(tmp_path: Path, text: str, code: int) -> None:
    write(tmp_path, "m.toml", text)
    assert cjm("lint", "m.toml", cwd=tmp_path).returncode == code
    assert cjm("lint", "--format", "github", "m.toml", cwd=tmp_path).returncode == code
