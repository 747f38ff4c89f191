"""`cjm diff OLD NEW`: what changed between two versions of a map, by id, not by line."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from cjm_tui.cli import output
from cjm_tui.sanitize import clean_line
from cjm_tui.versions.diffwords import LABEL, describe, value_text

if TYPE_CHECKING:
    from cjm_tui.model import Map


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed between two versions of a map",
        description="Compare two maps by id: entries added, removed, renamed, moved between "
        "stages or reordered, and every changed field old -> new (emotions with an arrow). "
        "With --git it serves git: `cjm diff --git FILE` prints a map as one line per field "
        "(a textconv: git diff then shows changes to touchpoints), and with the seven "
        "arguments git gives an external diff driver it prints the semantic diff. --curve "
        "draws both emotion curves overlaid, then lists the emotions that changed.",
    )
    p.add_argument("paths", nargs="+", metavar="OLD NEW", help="the two maps")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for tools",
    )
    p.add_argument(
        "--git",
        action="store_true",
        help="git mode: textconv with one FILE, external diff driver with 7 args",
    )
    p.add_argument(
        "--curve",
        action="store_true",
        help="show both emotion curves overlaid (the overall curve, or --persona's)",
    )
    p.add_argument("--persona", metavar="ID", help="with --curve: that persona's curve")
    p.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="with --curve: fit the chart to N columns (default: the terminal's width)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.versions.semdiff import diff_maps

    paths: list[str] = args.paths
    if args.git and len(paths) == 1:
        mf = load_or_report(paths[0], without_library=True)
        if mf is None:
            return 2
        output.stdout().print(textconv(mf.map), soft_wrap=True)
        return 0
    if args.git and len(paths) == 7:
        # git's external diff: path old-file old-hex old-mode new-file new-hex new-mode
        output.stdout().print(f"cjm diff a/{clean_line(paths[0])} b/{clean_line(paths[0])}")
        paths = [paths[1], paths[4]]
    if len(paths) != 2:
        output.error("cjm diff: give OLD and NEW (or, with --git, one FILE or git's 7 arguments)")
        return 2
    old_file = load_or_report(paths[0], without_library=True)
    new_file = load_or_report(paths[1], without_library=True)
    if old_file is None or new_file is None:
        return 2
    if args.curve:
        return _curves(args, old_file.map, new_file.map, paths)
    if args.persona is not None or args.width is not None:
        output.error("cjm diff: --persona and --width go with --curve")
        return 2
    changes = diff_maps(old_file.map, new_file.map)
    if args.format == "json":
        print(json.dumps({"changes": [c.as_json() for c in changes]}, ensure_ascii=False, indent=2))
        return 0
    console = output.stdout()
    if not changes:
        console.print("No changes.")
        return 0
    for change in changes:
        console.print(describe(change, old_file.map, new_file.map))
    return 0


def _curves(args: argparse.Namespace, old: Map, new: Map, paths: list[str]) -> int:
    from cjm_tui.views.curvediff import MIN_WIDTH, render_curves

    if args.format == "json":
        output.error("cjm diff: --curve draws a chart; use --format json without it")
        return 2
    console = output.stdout()
    width = args.width or min(console.width, 160)
    if width < MIN_WIDTH:
        output.error(f"--width {width} is too narrow: the curves need at least {MIN_WIDTH} columns")
        return 2
    try:
        chart = render_curves(old, new, args.persona, width, (paths[0], paths[1]))
    except ValueError:
        known = sorted({p.id for p in (*old.personas, *new.personas)})
        output.error(
            f"cjm diff: no persona {args.persona!r} in either map "
            f"(personas: {', '.join(known) or 'none'})"
        )
        return 2
    console.width = width
    console.print(chart)
    return 0


def textconv(m: Map) -> str:
    """A map as text git can diff meaningfully: one entry per paragraph, one field per line,
    each line saying whose field it is, so a hunk reads as "touchpoint X: emotion ..."."""
    from cjm_tui.model import ENTITY_TABLES, to_raw

    out = [f"map: {k} = {value_text(v)}" for k, v in to_raw(m.info).items()]
    for table in ENTITY_TABLES:
        for entity in getattr(m, table):
            raw = to_raw(entity)
            head = f"{LABEL[table]} {clean_line(entity.id)}"
            out.append("")
            for key, value in raw.items():
                if key == "id":
                    continue
                out.append(f"{head}: {clean_line(key)} = {value_text(value, key == 'emotion')}")
    return "\n".join(out) + "\n"
