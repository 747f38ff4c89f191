"""`cjm edit FILE` (or just `cjm FILE`): the editor."""

from __future__ import annotations

import argparse

from cjm_tui.cli import output


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


def run(args: argparse.Namespace) -> int:
    from cjm_tui.openmap import OpenMap
    from cjm_tui.store import InvalidMap, StoreError

    try:
        om = OpenMap.open(args.file)
    except StoreError as exc:
        output.error(str(exc))
        return 2
    except InvalidMap as exc:
        for problem in exc.problems:
            output.print_problem(problem, output.stderr())
        output.error(
            f"{args.file}: not a valid map; the editor did not open and the file was not changed"
        )
        return 2
    from cjm_tui.tui.app import CjmApp

    code = CjmApp(om).run()
    return code or 0
