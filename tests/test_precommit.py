"""The pre-commit hooks of `.pre-commit-hooks.yaml`, as a user's repository of maps runs them.

`pre-commit try-repo` installs cjm from a clone of this repository into an environment of its
own (pip, from the package index), as `repo:` in a user's `.pre-commit-config.yaml` would. It
takes what is committed: a clone of the repository the tests run from, so uncommitted changes
are not what it tries. Needs pre-commit (the `test` extra) and git; skipped without them, a
failure under CI.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, unavailable

VALID = (SAMPLES / "b2b-office-visit.toml").read_text(encoding="utf-8")
# An emotion out of range, at line 17 column 11 (what `cjm check` prints without pre-commit).
INVALID = """\
[map]
format = 1
title = "Broken"

[[personas]]
id = "p1"
name = "P1"

[[stages]]
id = "s1"
name = "S1"

[[touchpoints]]
id = "t1"
stage = "s1"
name = "T1"
emotion = 5
"""

# Valid, and `cjm lint` finds one error in it: a negative emotion and no pain points, line 18.
NO_PAIN_POINTS = INVALID.replace('"Broken"', '"No pain points"\nupdated = 2999-01-01').replace(
    "emotion = 5", 'emotion = -1\nevidence = ["interview"]'
)


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """A clone of this repository, a git repository of maps, and the environment to run
    pre-commit in (its environments kept in one place for the module's runs)."""
    if importlib.util.find_spec("pre_commit") is None:
        unavailable("pre-commit is not installed (pip install -e '.[test]'): hooks not tried")
    if shutil.which("git") is None:
        unavailable("git is not installed: pre-commit hooks not tried")
    scratch = tmp_path_factory.mktemp("precommit")
    clone = scratch / "cjm"
    # A checkout owned by another user (a CI container) is still cloned: git refuses it else.
    git_clone = ["git", "-c", "safe.directory=*", "clone", "--quiet"]
    subprocess.run([*git_clone, str(ROOT), str(clone)], check=True, timeout=60)
    maps = scratch / "consulting"
    (maps / "maps").mkdir(parents=True)
    (maps / "maps" / "office.toml").write_text(VALID, encoding="utf-8")
    (maps / "maps" / "broken.toml").write_text(INVALID, encoding="utf-8")
    (maps / "maps" / "no-pain.toml").write_text(NO_PAIN_POINTS, encoding="utf-8")
    subprocess.run(["git", "init", "--quiet", str(maps)], check=True, timeout=60)
    subprocess.run(["git", "-C", str(maps), "add", "maps"], check=True, timeout=60)
    env = {**os.environ, "PRE_COMMIT_HOME": str(scratch / "pre-commit-home"), "NO_COLOR": "1"}
    # pre-commit pip-installs the clone, whose build needs hatchling and Babel: in isolation.
    env.pop("PIP_NO_BUILD_ISOLATION", None)
    return clone, maps, env


def try_repo(
    hooks: tuple[Path, Path, dict[str, str]], hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    clone, maps, env = hooks
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(clone), hook]
    return subprocess.run(
        [*command, "--color=never", "--files", *files],
        cwd=maps,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # the first run builds cjm's environment (pip, from the index)
    )


def test_cjm_check_hook_passes_a_valid_map(hooks: tuple[Path, Path, dict[str, str]]) -> None:
    proc = try_repo(hooks, "cjm-check", "maps/office.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "cjm check" in proc.stdout and "Passed" in proc.stdout


def test_cjm_check_hook_fails_an_invalid_map(hooks: tuple[Path, Path, dict[str, str]]) -> None:
    proc = try_repo(hooks, "cjm-check", "maps/office.toml", "maps/broken.toml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    assert "maps/broken.toml:17:11: error: emotion = 5: emotion must be within -2..+2" in (
        proc.stdout
    )
    assert "maps/office.toml: ok" in proc.stdout  # the valid one given with it still passes


def test_cjm_lint_hook_fails_a_map_with_a_lint_error(
    hooks: tuple[Path, Path, dict[str, str]],
) -> None:
    proc = try_repo(hooks, "cjm-lint", "maps/no-pain.toml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (
        "maps/no-pain.toml:18:1: error: touchpoint t1 has a negative emotion and no pain points"
        in proc.stdout
    )
