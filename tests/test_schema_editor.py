"""Validation while typing: Taplo (the TOML language server behind VS Code's Even Better TOML)
honours the `#:schema` line of a map made by `cjm new` and checks it against `cjm schema`.

Taplo's CLI runs the same validation as its language server. The schema is a local file and
every proxy points at a closed port, so the test never needs the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from .conftest import unavailable
from .test_cli import cjm


def _taplo() -> str:
    """Taplo from PATH or beside this Python (the `taplo` wheel of the test extra)."""
    search = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    found = shutil.which("taplo", path=search)
    if found is None:
        unavailable("taplo is not installed (pip install taplo): editor validation not tested")
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with `map.toml` made by `cjm new`, and the schema it wrote beside it."""
    maps = tmp_path / "maps"
    maps.mkdir()
    proc = cjm("new", "map.toml", cwd=maps)
    assert proc.returncode == 0, proc.stderr
    return maps


def taplo_lint(path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`taplo lint FILE`, with no configuration file found by chance, no schema catalog and
    no way out to the network; run from `cwd`, elsewhere than the map."""
    closed = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "NO_COLOR": "1",
        **{name: closed for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")},
    }
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return subprocess.run(
        [_taplo(), "lint", "--no-auto-config", "--colors", "never", str(path)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def edited(path: Path, old: str, new: str, name: str) -> Path:
    """A copy of `path` beside it, named `name`, with the first `old` replaced by `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    target = path.with_name(name)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_a_new_map_passes(folder: Path, tmp_path: Path) -> None:
    proc = taplo_lint(folder / "map.toml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr.lower()


def test_an_emotion_of_7_is_a_schema_error_on_its_line(folder: Path, tmp_path: Path) -> None:
    bad = edited(folder / "map.toml", "\nemotion = 1", "\nemotion = 7", "bad.toml")
    line = bad.read_text(encoding="utf-8").splitlines().index("emotion = 7") + 1
    proc = taplo_lint(bad, cwd=tmp_path)
    assert proc.returncode != 0
    assert re.search(rf"bad\.toml:{line}:\d+", proc.stderr), proc.stderr
    assert "7 is not valid" in proc.stderr, proc.stderr


def test_a_missing_title_is_a_schema_error(folder: Path, tmp_path: Path) -> None:
    bad = edited(folder / "map.toml", '\ntitle = "New journey map"', "", "untitled.toml")
    proc = taplo_lint(bad, cwd=tmp_path)
    assert proc.returncode != 0
    assert '"title" is a required property' in proc.stderr, proc.stderr


def test_the_schema_line_is_what_taplo_follows(folder: Path, tmp_path: Path) -> None:
    """Without the line the same wrong map passes (Taplo had no schema). With the line, the
    schema is looked up beside the map, not where Taplo runs: a schema file only in Taplo's
    working folder does not stand in for the missing one.

    Taplo's "failed to load schema" line is a log record that Taplo sometimes exits without
    writing (about one run in six here), so the exit code, not that line, is asserted."""
    bad = edited(folder / "map.toml", "\nemotion = 1", "\nemotion = 7", "bad.toml")
    unmarked = edited(bad, "#:schema ./cjm-map.schema.json\n", "", "unmarked.toml")
    assert taplo_lint(unmarked, cwd=tmp_path).returncode == 0
    schema = folder / "cjm-map.schema.json"
    assert taplo_lint(folder / "map.toml", cwd=tmp_path).returncode == 0
    schema.rename(tmp_path / schema.name)
    assert taplo_lint(folder / "map.toml", cwd=tmp_path).returncode != 0
    (tmp_path / schema.name).rename(schema)
    assert taplo_lint(folder / "map.toml", cwd=tmp_path).returncode == 0
