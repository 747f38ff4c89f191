"""The rows of a folder of maps (`cjm edit DIR`): one line of figures per map.

A row starts with the file's name only (the folder's list paints at once) and is filled in
when the map has been read: title, kind, stages, touchpoints, moments of truth, open
actions, lint findings, last change; or, for a file that is not a valid map, its first error.

Headless: no textual here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from cjm_tui.model import Map
    from cjm_tui.model.problems import Problem


@dataclass(frozen=True)
class MapRow:
    path: Path
    """The file, as found in the folder."""
    name: str
    """Its path relative to the folder, for the list."""
    title: str = ""
    kind: str = ""
    stages: int | None = None
    touchpoints: int | None = None
    moments: int | None = None
    open_actions: int | None = None
    findings: int | None = None
    changed: dt.datetime | None = None
    problem: str | None = None
    """Not a valid map: its first error, `LINE:COL: message`."""
    read: bool = False
    """The figures are in (or the problem is known)."""

    @property
    def can_open(self) -> bool:
        return self.read and self.problem is None


SKIPPED_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__"})


def find_map_files(folder: Path) -> list[Path]:
    """The `*.toml` files below `folder`, by path; hidden folders and virtualenvs skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def first_rows(folder: Path, files: list[Path]) -> list[MapRow]:
    """The rows before any map is read: the names only."""
    return [MapRow(path=p, name=_relative(p, folder)) for p in files]


def read_row(row: MapRow, today: dt.date | None = None) -> MapRow:
    """The row with its figures (or its problem): the map read, validated and linted."""
    # Imported here, in the worker that reads the maps: the list paints without them.
    from cjm_tui.model.lint import lint, load_config
    from cjm_tui.store.mapfile import model_of
    from cjm_tui.store.read import StoreError, check_file

    changed = _changed(row.path)
    try:
        checked = check_file(row.path)
    except StoreError as exc:
        return replace(row, problem=clean_line(str(exc)), changed=changed, read=True)
    errors = [p for p in checked.problems if p.severity == "error"]
    if checked.raw is None or errors:
        first = errors[0] if errors else None
        return replace(row, problem=_problem_line(first), changed=changed, read=True)
    m, _library = model_of(checked)
    cfg, _warning = load_config(row.path, today)
    return _filled(row, m, len(lint(m, cfg)), changed)


def _filled(row: MapRow, m: Map, findings: int, changed: dt.datetime | None) -> MapRow:
    return replace(
        row,
        title=clean_line(m.info.title),
        kind=m.info.effective_kind,
        stages=len(m.stages),
        touchpoints=len(m.touchpoints),
        moments=len(m.moments_of_truth()),
        open_actions=sum(1 for a in m.actions if a.effective_state != "done"),
        findings=findings,
        changed=changed,
        read=True,
    )


def _problem_line(problem: Problem | None) -> str:
    if problem is None:
        return "not a map"
    return clean_line(f"{problem.line}:{problem.column}: {problem.message}")


def _changed(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()
