"""What every test module shares: where things are, and the one gate for tools CI must have.

A test that needs something outside Python (Chromium, Node and its packages, the shared test
corpus beside the repository) skips where it is missing, so `make test` runs anywhere; under
CI (the environment variable `CI` set to anything but empty, 0, false or no) the same test
fails instead, so a CI that lost a tool cannot pass by skipping.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from textual.dom import DOMNode
from textual.pilot import Pilot

import cjm_tui.tui

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
SAMPLES = ROOT / "maps"
"""The sample maps that ship with the repository."""
SAMPLE_MAPS = sorted(p for p in SAMPLES.glob("*.toml") if p.name != "personas.toml")
"""The sample maps, without the persona library they share (`maps/personas.toml`)."""
TELECOM = SAMPLES / "telecom-prepaid.toml"
"""The sample most tests open: a telecom's prepaid journey."""
SHARED = ROOT.parent / "shared"
"""Test data from elsewhere, beside the repository (absent in a user's clone)."""


def under_ci() -> bool:
    """Whether this run is CI's: `CI` set, and not to a word that means no."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """A tool or data set the test needs is missing: skip it, or fail it under CI."""
    if under_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure)", pytrace=False)
    pytest.skip(reason)


def copy_of(source: Path, tmp_path: Path) -> Path:
    """The map copied to `tmp_path/map.toml`: nothing can write to the repository, and the
    editor's header shows the same file name on every run."""
    dest = tmp_path / "map.toml"
    shutil.copyfile(source, dest)
    return dest


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10) -> None:
    """Let the app run until `condition` holds (a test waits for what it needs, never a
    fixed time); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def editor_classes() -> list[type[DOMNode]]:
    """Every app, screen and widget class in `cjm_tui.tui` that declares bindings."""
    for module in pkgutil.walk_packages(cjm_tui.tui.__path__, "cjm_tui.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("cjm_tui.") and "BINDINGS" in cls.__dict__:
            found.append(cls)
    return found


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """`map.toml` in a fresh folder: the small commented map of tests/test_store_write.py
    (comments, an unknown key, a per-line comment after a value), for tests of the editor
    and the commands around it."""
    from .test_store_write import COMMENTED  # here: that module imports this one

    p = tmp_path / "map.toml"
    p.write_text(COMMENTED, encoding="utf-8")
    return p
