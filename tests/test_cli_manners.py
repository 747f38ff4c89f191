"""How `cjm` meets mistakes and scripts: a mistyped command is named, never a new map; the
editor refuses at once without a terminal and leaves nothing behind; `cjm --help` shows an
example of every command and each example is one the parser takes."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cjm_tui.cli import COMMANDS, EXAMPLES, build_parser, opens_a_map
from cjm_tui.editing.lock import lock_path
from cjm_tui.editing.recovery import draft_path

from .conftest import SAMPLES, TELECOM, copy_of
from .test_cli import cjm


@pytest.mark.parametrize(
    ("word", "close"),
    [("chekc", "check"), ("sohw", "show"), ("exprot", "export"), ("lnit", "lint")],
)
def test_a_mistyped_command_is_named_and_starts_nothing(
    tmp_path: Path, word: str, close: str
) -> None:
    proc = cjm(word, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"cjm: unknown command {word!r}; did you mean {close!r}?"
    ]
    assert list(tmp_path.iterdir()) == []  # no new map, no lock, no draft


def test_a_word_like_no_command_says_how_to_open_a_map(tmp_path: Path) -> None:
    proc = cjm("workshop", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown command 'workshop'" in proc.stderr
    assert ".toml" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_short_form_is_for_maps(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    assert opens_a_map(str(tmp_path / "folder"))  # a folder of maps
    assert opens_a_map(str(tmp_path / "notes"))  # an existing file, whatever its name
    assert opens_a_map("new-map.toml") and opens_a_map("NEW.TOML")  # a new map
    assert not opens_a_map("chekc")
    assert not opens_a_map(str(tmp_path / "missing"))


def test_cjm_help_is_cjm_dash_dash_help() -> None:
    assert cjm("help").stdout == cjm("--help").stdout
    assert cjm("help", "check").stdout == cjm("check", "--help").stdout


# Without a terminal --------------------------------------------------------------------


@pytest.mark.parametrize("short", [False, True], ids=["cjm edit FILE", "cjm FILE"])
def test_the_editor_refuses_at_once_without_a_terminal(tmp_path: Path, short: bool) -> None:
    path = copy_of(TELECOM, tmp_path)
    before = path.read_bytes()
    args = [str(path)] if short else ["edit", str(path)]
    # A pipe for stdin and stdout: a script, cron, an editor's task runner. (Were it to run
    # blind until killed, the timeout would end the test.)
    proc = cjm(*args, input="")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], lines
    assert path.read_bytes() == before
    assert not lock_path(path).exists()
    assert not draft_path(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.toml"]


def test_a_new_map_is_not_started_without_a_terminal(tmp_path: Path) -> None:
    proc = cjm("edit", "new.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "needs a terminal" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_listed_without_a_terminal(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLES / "telecom-prepaid.toml", tmp_path / "a.toml")
    proc = cjm(str(tmp_path))
    assert proc.returncode == 2 and "needs a terminal" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def test_a_browser_tab_needs_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`cjm serve` runs each tab's editor with pipes and Textual's web driver."""
    from cjm_tui.cli import edit

    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.setenv(edit.WEB_DRIVER_VARIABLE, "textual.drivers.web_driver:WebDriver")
    assert edit.no_terminal() is None
    monkeypatch.delenv(edit.WEB_DRIVER_VARIABLE)
    assert edit.no_terminal() == "input"


# cjm --help -------------------------------------------------------------------------------


def test_help_shows_an_example_of_every_command() -> None:
    out = cjm("--help").stdout
    shown = {shlex.split(line)[0] for line, _ in EXAMPLES}
    assert shown == {"cjm"}
    commands = {shlex.split(line)[1] for line, _ in EXAMPLES}
    # `cjm FILE` stands for edit; `import csv` for import.
    assert set(COMMANDS) <= commands | {"edit"}
    for line, what in EXAMPLES:
        assert line in out and what in out
    examples = out[out.index("examples:") :]
    assert max(len(line) for line in examples.splitlines()) <= 79  # an 80-column terminal


@pytest.mark.parametrize("example", [line for line, _ in EXAMPLES])
def test_every_example_is_a_command_line_cjm_takes(example: str) -> None:
    words = shlex.split(example)[1:]
    if words[0] not in COMMANDS:
        assert opens_a_map(words[0]) or words[0].endswith("/")
        words.insert(0, "edit")
    args = build_parser(words[0]).parse_args(words)  # exits 2 on a wrong option
    assert callable(args.run)


# Install and discover ----------------------------------------------------------------------


def test_serve_without_its_extra_says_how_to_install_it(tmp_path: Path) -> None:
    path = copy_of(TELECOM, tmp_path)
    script = (
        "import sys\n"
        "sys.modules['textual_serve'] = None  # as if `pip install cjm-tui` without [serve]\n"
        "from cjm_tui.cli import main\n"
        f"sys.exit(main(['serve', {str(path)!r}, '--port', '0']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "cjm serve needs its browser part, which is not installed: pip install 'cjm-tui[serve]'"
    ]


def test_the_readme_gives_the_config_paths_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings file's folder on each system, as the README's table says it."""
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix
    from platformdirs.windows import Windows

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    home = str(Path.home())
    unix = Unix("cjm").user_config_dir.replace(home, "~")
    mac = MacOS("cjm").user_config_dir.replace(home, "~")
    windows = Windows("cjm")._append_parts("%LOCALAPPDATA%").replace("/", "\\")
    for folder in (unix, mac, windows):
        sep = "\\" if folder.startswith("%") else "/"
        assert f"`{folder}{sep}config.toml`" in readme, folder


def _complete_in_bash(line: str) -> list[str]:
    """What bash completes for `line` with cjm's completion loaded the README's way."""
    bin_dir = Path(sys.executable).parent  # this environment's `cjm` and argcomplete
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    script = (
        'eval "$(register-python-argcomplete cjm)"\n'
        f"COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        f"_python_argcomplete cjm {shlex.quote(words[-1])} {shlex.quote(words[-2])}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(Path.home())}
    proc = subprocess.run(
        ["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return [w.strip() for w in proc.stdout.splitlines() if w.strip()]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_commands_and_options() -> None:
    assert _complete_in_bash("cjm ch") == ["check"]
    assert "--format" in _complete_in_bash("cjm check --f")
    assert set(_complete_in_bash("cjm ")) >= {"check", "edit", "export", "report", "serve"}


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_a_completion_script(shell: str) -> None:
    tool = Path(sys.executable).parent / "register-python-argcomplete"
    proc = subprocess.run(
        [str(tool), "--shell", shell, "cjm"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and "cjm" in proc.stdout
