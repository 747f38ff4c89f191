"""The rows of a folder of maps (`cjm edit DIR`): one line of figures per map.

A row starts with the file's name only (the folder's list paints at once) and is filled in
when the map has been read: title, kind, stages, touchpoints, moments of truth, open
actions, lint findings, last change; or, for a file that is not a valid map, its first error.

Headless: no textual here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cjm_tui.reports.map_files import Loaded, load_map
from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from cjm_tui.model import Map


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
    library: bool = False
    """A shared persona library (`[[personas]]` only): not a map to open."""

    @property
    def can_open(self) -> bool:
        return self.read and self.problem is None and not self.library


def first_rows(folder: Path, files: list[Path]) -> list[MapRow]:
    """The rows before any map is read: the names only."""
    return [MapRow(path=p, name=_relative(p, folder)) for p in files]


def read_row(row: MapRow, today: dt.date | None = None) -> MapRow:
    """The row with its figures (or its problem): the map read, validated and linted."""
    # Imported here, in the worker that reads the maps: the list paints without them.
    from cjm_tui.model.lint import lint, load_config

    changed = _changed(row.path)
    loaded = load_map(row.path, row.name)
    if loaded.library:
        return replace(row, kind="library", problem=None, changed=changed, read=True, library=True)
    if loaded.map is None:
        return replace(row, problem=_problem_line(loaded), changed=changed, read=True)
    cfg, _warning = load_config(row.path, today)
    return _filled(row, loaded.map, len(lint(loaded.map, cfg)), changed)


def _filled(row: MapRow, m: Map, findings: int, changed: dt.datetime | None) -> MapRow:
    return replace(
        row,
        title=clean_line(m.info.title),
        kind=m.info.effective_kind,
        stages=len(m.stages),
        touchpoints=len(m.touchpoints),
        moments=len(m.moments_of_truth()),
        open_actions=sum(1 for a in m.actions if a.is_open),
        findings=findings,
        changed=changed,
        read=True,
    )


def _problem_line(loaded: Loaded) -> str:
    """`LINE:COL: message` (the list names the file), else the reading error as it is."""
    first = loaded.first
    if first is not None:
        return clean_line(f"{first.line}:{first.column}: {first.message}")
    return clean_line(loaded.problem or "not a map")


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
