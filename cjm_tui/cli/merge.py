"""`cjm merge BASE OURS THEIRS -o OUT`: three-way merge by id; a git merge driver."""

from __future__ import annotations

import argparse
from pathlib import Path

from cjm_tui.cli import output
from cjm_tui.sanitize import clean_line


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "merge",
        help="three-way merge of maps by id (a git merge driver)",
        description="Merge THEIRS into OURS, with BASE their common ancestor, entry by entry "
        "and field by field. Additions on both sides and edits of different fields merge "
        "cleanly; the same field changed both ways is a conflict, reported by id and field, "
        "and our value is kept so OUT is always a valid map. OURS's comments and formatting "
        "are kept. As a git merge driver: cjm merge %%O %%A %%B -o %%A.",
    )
    p.add_argument("base", metavar="BASE")
    p.add_argument("ours", metavar="OURS")
    p.add_argument("theirs", metavar="THEIRS")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="where to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.store import StoreError, WriteError
    from cjm_tui.store.atomic import write_atomic
    from cjm_tui.versions.semmerge import dangling, merge_maps

    files = [
        load_or_report(name, without_library=True) for name in (args.base, args.ours, args.theirs)
    ]
    base, ours, theirs = files
    if base is None or ours is None or theirs is None:
        return 2
    merged, conflicts = merge_maps(base.map, ours.map, theirs.map)
    problems = [c.describe() for c in conflicts]
    broken = dangling(merged)
    try:
        text = ours.text if broken else ours.render(merged)
        write_atomic(Path(args.output), text.encode("utf-8"))
    except (WriteError, StoreError, OSError) as exc:
        output.error(f"{args.output}: error: cannot write the merge: {exc}")
        return 2
    for line in problems:
        output.error(f"{args.ours}: conflict: {line}")
    if broken:
        for message in broken:
            output.error(f"{args.ours}: conflict: the merged map would be invalid: {message}")
        output.error(f"{args.output}: our version was written unchanged; merge these by hand")
    if problems or broken:
        return 1
    output.stdout().print(clean_line(f"merged into {args.output}"))
    return 0
