"""Opening a map for a command, with the same error lines as `cjm check` when it fails."""

from __future__ import annotations

from cjm_tui.cli import output
from cjm_tui.store import InvalidMap, MapFile, StoreError


def load_or_report(name: str) -> MapFile | None:
    """The loaded map, or None after printing why not to stderr (the caller exits 2)."""
    try:
        return MapFile.load(name)
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
