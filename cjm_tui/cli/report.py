"""`cjm report FILE [--format text|markdown|html] [-o OUT]`: where the journey breaks;
`cjm report DIR|FILE... [--format text|markdown|html|json]`: the whole picture across maps."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from cjm_tui.cli import output

if TYPE_CHECKING:
    from cjm_tui.model import Map

REPORT_FORMATS = ("text", "markdown", "html", "json")
ONE_MAP_FORMATS = ("text", "markdown", "html")
TEXT_WIDTH = 100
"""Columns of a text report written to a file (-o)."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="print the analysis: moments of truth, lowest touchpoints, gaps, action plan...",
        description="Analyse the map for a workshop: moments of truth (emotion per persona, "
        "owner, actions), the lowest touchpoints (by the lowest persona emotion, ties by the "
        "mean), gaps between expectation and experience, quick wins and the action plan with "
        "an impact/effort matrix, departments (owners), channels, and coverage (what is "
        "missing or still a hypothesis). text is for the terminal (plain when piped); "
        "markdown and html are documents to share. Prints to stdout unless -o is given. "
        "With two or more maps or a folder (its *.toml files, recursively; hidden folders "
        "and .venv skipped; a file of [[personas]] only is a persona library, skipped): "
        "across maps, every moment of truth with its map, owners across maps (matched "
        "ignoring case and surrounding spaces: touchpoints, moments of truth, average "
        "emotion, open and overdue actions), all actions by due date (overdue first) and "
        "personas across maps; also as json. Exit 1 when some files are not valid maps "
        "(each named with its first error; the rest is reported), 2 when nothing is.",
    )
    p.add_argument("file", metavar="DIR|FILE", nargs="+")
    p.add_argument(
        "--format",
        "-f",
        default="text",
        choices=REPORT_FORMATS,
        metavar="F",
        help="text (default), markdown or html; json across maps",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (replaced atomically)")
    p.set_defaults(run=run)


def plain_text(m: Map, width: int) -> str:
    """The text report without colour or trailing blanks: for a pipe or a file."""
    from cjm_tui.reports.text import render

    return plain_render(render(m, width), width)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    files: list[str] = args.file
    if len(files) > 1 or Path(files[0]).is_dir():
        return run_across(args)
    if args.format not in ONE_MAP_FORMATS:
        output.error(
            f"{files[0]}: error: --format {args.format} is for two or more maps or a folder"
        )
        return 2
    return run_one(args, files[0])


def plain_render(renderable: object, width: int) -> str:
    """A Rich renderable as plain text `width` wide, without colour or trailing blanks."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def run_across(args: argparse.Namespace, today: dt.date | None = None) -> int:
    """The report across maps: every file named on stderr with its first error when it is
    not a map (exit 1, the rest reported), exit 2 when no map is left."""
    from cjm_tui.cli.collection import without_collection

    # Everything read stays alive until the report is out: a collection would only walk it.
    with without_collection():
        return _across(args, today)


def _across(args: argparse.Namespace, today: dt.date | None) -> int:
    from pathlib import Path

    from cjm_tui.cli.export import _emit
    from cjm_tui.reports import portfolio_report as report
    from cjm_tui.reports.map_files import load_maps
    from cjm_tui.reports.portfolio import across, summaries

    loaded = load_maps([Path(f) for f in args.file])
    for item in loaded:
        if item.problem is not None:
            output.error(item.problem)
    maps = summaries(loaded)
    if not maps:
        output.error("cjm report: error: no map to report")
        return 2
    skipped = [item for item in loaded if item.map is None]
    p = across(maps, today)
    bad = 1 if any(item.problem is not None for item in loaded) else 0
    if args.format == "json":
        code = _emit(report.as_json(p, skipped), args.output)
    elif args.format == "markdown":
        code = _emit(report.markdown(p, skipped), args.output)
    elif args.format == "html":
        code = _emit(report.html(p, skipped), args.output)
    else:
        console = output.stdout()
        if args.output is None and console.is_terminal:
            console.print(report.text(p, skipped, console.width), soft_wrap=False)
            return bad
        width = console.width if args.output is None else TEXT_WIDTH
        code = _emit(plain_render(report.text(p, skipped, width), width), args.output)
    return code or bad


def run_one(args: argparse.Namespace, name: str) -> int:
    from cjm_tui.cli.export import _emit
    from cjm_tui.cli.loading import load_or_report

    mf = load_or_report(name)
    if mf is None:
        return 2
    if args.format == "markdown":
        from cjm_tui.reports.markdown import render as markdown

        return _emit(markdown(mf.map), args.output)
    if args.format == "html":
        from cjm_tui.reports.html import render as html

        return _emit(html(mf.map), args.output)
    console = output.stdout()
    if args.output is None and console.is_terminal:
        from cjm_tui.reports.text import render

        console.print(render(mf.map, console.width), soft_wrap=False)  # wrap words
        return 0
    width = console.width if args.output is None else TEXT_WIDTH
    return _emit(plain_text(mf.map, width), args.output)
