"""`cjm show FILE`: the emotion timeline and the moments of truth, in the terminal."""

from __future__ import annotations

import argparse
import sys

from cjm_tui.cli import output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="print the emotion timeline and the moments of truth",
        description="Print the map's emotion timeline (stages left to right, one "
        "curve per persona, values beside the colours) and its moments of truth.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--persona", metavar="ID", help="only this persona's curve and touchpoints")
    p.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="fit the output to N columns (default: the terminal's width)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.collection import without_collection

    with without_collection():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import read_or_report

    m = read_or_report(args.file)
    if m is None:
        return 2
    if args.persona is not None and m.persona(args.persona) is None:
        known = ", ".join(p.id for p in m.personas) or "none defined"
        output.error(f"{args.file}: error: unknown persona {args.persona!r} (personas: {known})")
        return 2
    if args.width and output.plain_stdout():
        # Piped with a width: written without Rich's console, as it would write it.
        from cjm_tui.views.showview import plain_show

        if args.width < 40:
            return _too_narrow(args.width)
        text = plain_show(m, persona=args.persona, width=args.width)
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return 0
    console = output.stdout()
    width = args.width or min(console.width, 160)
    if width < 40:
        return _too_narrow(width)
    console.width = width
    from cjm_tui.views.showview import render_show

    console.print(render_show(m, persona=args.persona, width=width))
    return 0


def _too_narrow(width: int) -> int:
    output.error(f"--width {width} is too narrow: cjm show needs at least 40 columns")
    return 2
