"""`cjm report FILE [--format text|markdown|html] [-o OUT]`: where the journey breaks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cjm_tui.cli import output

if TYPE_CHECKING:
    from cjm_tui.model import Map

REPORT_FORMATS = ("text", "markdown", "html")
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
        "markdown and html are documents to share. Prints to stdout unless -o is given.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format",
        "-f",
        default="text",
        choices=REPORT_FORMATS,
        metavar="F",
        help="text (default), markdown or html",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (replaced atomically)")
    p.set_defaults(run=run)


def plain_text(m: Map, width: int) -> str:
    """The text report without colour or trailing blanks: for a pipe or a file."""
    import io

    from rich.console import Console

    from cjm_tui.reports.text import render

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
    console.print(render(m, width))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.export import _emit
    from cjm_tui.cli.loading import load_or_report

    mf = load_or_report(args.file)
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
