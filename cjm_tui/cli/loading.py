"""Opening a map for a command, with the same error lines as `cjm check` when it fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from cjm_tui.cli import output

if TYPE_CHECKING:
    from cjm_tui.model import Map
    from cjm_tui.store import MapFile

T = TypeVar("T")


def load_or_report(
    name: str, without_library: bool = False, annotate: bool = False
) -> MapFile | None:
    """The loaded map, or None after printing why not to stderr (the caller exits 2).

    `without_library`: the map's own file only, its persona library not read (`cjm diff`,
    `cjm merge` compare and merge what the file holds; git hands them copies elsewhere).
    `annotate`: why not as GitHub Actions annotations on stdout (`--format github`)."""
    from cjm_tui.store import MapFile

    return _or_report(name, lambda: MapFile.load(name, without_library), annotate)


def read_or_report(name: str) -> Map | None:
    """The map's model for a command that only reads it (no writer imported, nothing kept
    for a save), or None after the same lines as `load_or_report`."""
    from pathlib import Path

    from cjm_tui.store import read_map

    return _or_report(name, lambda: read_map(Path(name)))


def _or_report(name: str, load: Callable[[], T], annotate: bool = False) -> T | None:
    from cjm_tui.cli import annotation
    from cjm_tui.store import InvalidMap, StoreError

    try:
        return load()
    except StoreError as exc:
        annotation.error_line(str(exc), github=annotate)
    except InvalidMap as exc:
        if annotate:
            for problem in exc.problems:
                annotation.say(annotation.of_problem(problem))
            return None
        for problem in exc.problems:
            output.print_problem(problem, output.stderr())
        output.error(
            f"{name}: not a valid map ({len(exc.problems)} "
            f"error{'s' * (len(exc.problems) != 1)}); the file was not changed"
        )
    return None
