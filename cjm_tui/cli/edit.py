"""`cjm edit FILE` (or just `cjm FILE`): the editor."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cjm_tui.cli import output

if TYPE_CHECKING:
    from cjm_tui.openmap import OpenMap
    from cjm_tui.problems import Problem


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "edit",
        help="open the editor on a map (a missing file starts a new map)",
        description="Open the keyboard-driven editor. A missing FILE starts a new map, written "
        "on the first save; a file that is not a valid map is refused (errors printed, exit 2) "
        "and never written to. Press ? in the editor for its keys.",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=run)


FIRST_LOOK_BYTES = 100_000
"""From this size on, the editor paints from a first look while the whole file loads."""


def run(args: argparse.Namespace) -> int:
    from cjm_tui.openmap import OpenMap
    from cjm_tui.store import InvalidMap, StoreError

    try:
        om = _first_look(Path(args.file)) or OpenMap.open(args.file)
    except StoreError as exc:
        output.error(str(exc))
        return 2
    except InvalidMap as exc:
        return _refused(args.file, exc.problems)
    from cjm_tui.tui.app import CjmApp

    app = CjmApp(om)
    code = app.run()
    if app.load_error:
        output.error(app.load_error)
        return 2
    if app.load_problems:
        return _refused(args.file, app.load_problems)
    return code or 0


def _first_look(path: Path) -> OpenMap | None:
    """A map to paint from before the whole of a large file is read, or None."""
    from cjm_tui.openmap import OpenMap
    from cjm_tui.store.preview import first_look

    try:
        if path.stat().st_size < FIRST_LOOK_BYTES:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the full load reports it properly
    look = first_look(text)
    return OpenMap.loading(path, look) if look is not None else None


def _refused(name: str, problems: list[Problem]) -> int:
    for problem in problems:
        output.print_problem(problem, output.stderr())
    output.error(
        f"{name}: not a valid map; the editor did not open it and the file was not changed"
    )
    return 2
