"""toml-test's invalid cases: every file tomllib rejects, `cjm check` rejects too, with a location.

The corpus lives outside the project (`../shared/corpora/toml-test-invalid/`). Without it these
tests skip, except under CI (the CI environment variable set), where a missing corpus fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cjm_tui.store import check_file

from .conftest import SHARED, unavailable

CORPUS = SHARED / "corpora" / "toml-test-invalid"


def require_corpus() -> Path:
    """The corpus folder; skip (or fail under CI) when it is not there."""
    if not CORPUS.is_dir():
        unavailable(f"the toml-test corpus is absent: {CORPUS.resolve()} does not exist")
    return CORPUS


def _rejected_by_tomllib(data: bytes) -> bool:
    try:
        tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    return False


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        p for p in CORPUS.rglob("*.toml") if p.is_file() and _rejected_by_tomllib(p.read_bytes())
    )


FILES = _corpus_files()
# Without the corpus, one placeholder case runs and skips (or fails under CI) with the reason.
PARAMS: list[Path | None] = [*FILES] or [None]
IDS = [str(p.relative_to(CORPUS)) for p in FILES] or ["corpus-absent"]


def test_corpus_is_present_and_tomllib_rejects_files() -> None:
    root = require_corpus()
    every = list(root.rglob("*.toml"))
    assert every, f"no .toml files under {root}"
    # NOTICE.md: the pinned commit holds 509 files, and Python 3.11's tomllib rejects them all.
    assert len(every) == 509
    if sys.version_info[:2] == (3, 11):
        assert len(FILES) == 509
    assert len(FILES) >= 400


@pytest.mark.parametrize("path", PARAMS, ids=IDS)
def test_check_file_rejects_with_a_location(path: Path | None) -> None:
    require_corpus()
    assert path is not None
    before = path.read_bytes()
    checked = check_file(path)
    assert not checked.ok
    assert checked.raw is None  # a syntax (or encoding) error: nothing was parsed
    assert checked.problems, "no problem reported"
    for problem in checked.problems:
        assert problem.severity == "error"
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.file == str(path)
        assert problem.message.strip()
        assert "\n" not in problem.format()
    assert path.read_bytes() == before


def test_cli_check_over_the_whole_corpus() -> None:
    require_corpus()
    assert FILES
    before = {p: p.read_bytes() for p in FILES}
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONUTF8": "1"}
    env.pop("CJM_DEBUG", None)
    env.pop("FORCE_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cjm_tui", "check", *map(str, FILES)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout
    assert "Traceback" not in proc.stderr
    assert "internal error" not in proc.stderr
    error_lines = [
        line for line in proc.stdout.splitlines() if re.match(r"^.+:\d+:\d+: error: ", line)
    ]
    per_file: dict[str, int] = {}
    for line in error_lines:
        for path in FILES:
            name = str(path)
            if line.startswith(name + ":") and re.match(
                r"\d+:\d+: error: \S", line[len(name) + 1 :]
            ):
                per_file[name] = per_file.get(name, 0) + 1
                break
        else:
            pytest.fail(f"error line for no corpus file: {line!r}")
    missing = [str(p) for p in FILES if str(p) not in per_file]
    assert not missing, f"{len(missing)} files without an error line, e.g. {missing[:3]}"
    several = {k: v for k, v in per_file.items() if v != 1}
    assert not several, several
    assert len(error_lines) == len(FILES)
    for line in error_lines:
        m = re.search(r":(\d+):(\d+): error: ", line)
        assert m and int(m.group(1)) >= 1 and int(m.group(2)) >= 1, line
    # text from the files is printed as data: no raw control characters reach the terminal
    assert not re.search(
        "[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", proc.stdout + proc.stderr
    )
    assert all(p.read_bytes() == data for p, data in before.items())
