"""Opening a map for a command, with the same error lines as `cjm check` when it fails."""

from __future__ import annotations

from cjm_tui.cli import output
from cjm_tui.store import InvalidMap, MapFile, StoreError


def load_or_report(name: str, without_library: bool = False) -> MapFile | None:
    """The loaded map, or None after printing why not to stderr (the caller exits 2).

    `without_library`: the map's own file only, its persona library not read (`cjm diff`,
    `cjm merge` compare and merge what the file holds; git hands them copies elsewhere)."""
    try:
        return MapFile.load(name, without_library)
    except StoreError as exc:
        output.error(str(exc))
    except InvalidMap as exc:
        for problem in exc.problems:
            output.print_problem(problem, output.stderr())
        output.error(
            f"{name}: not a valid map ({len(exc.problems)} "
            f"error{'s' * (len(exc.problems) != 1)}); the file was not changed"
        )
    return None
