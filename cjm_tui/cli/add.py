"""`cjm add FILE "line"`: one touchpoint from a quick-add line, saved in place."""

from __future__ import annotations

import argparse

from cjm_tui.cli import output
from cjm_tui.sanitize import clean_line


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "add",
        help="add a touchpoint from a quick-add line",
        description="Add one touchpoint, written like the editor's quick-add line: plain words "
        "are the name; @channel, #stage-id, ^persona-id (repeatable), +2..-2 emotion, ! moment "
        "of truth; a backslash keeps @ # ^ ! + - as text. Without #stage it goes to the stage "
        "of the file's last touchpoint, after that stage's last touchpoint.",
        epilog='example: cjm add map.toml "Security guard asks for ID @office #arrive -1 !"',
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("line", metavar="LINE", help="the quick-add line (quote it)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.editing.quickadd import QuickAddError, build
    from cjm_tui.store import StoreError, WriteError

    mf = load_or_report(args.file)
    if mf is None:
        return 2
    m = mf.map
    try:
        tp = build(m, args.line, default_stage=m.last_stage_used())
    except QuickAddError as exc:
        output.error(f"{args.file}: error: {exc}; nothing was added")
        return 1
    m.insert_touchpoint(tp)
    try:
        mf.save(m)
    except (WriteError, StoreError) as exc:
        output.error(f"{args.file}: error: {exc}")
        return 1
    output.stdout().print(
        clean_line(f'added touchpoint "{tp.id}" to stage "{tp.stage}" in {args.file}')
    )
    return 0
