# PYTHON_ARGCOMPLETE_OK  (argcomplete's global completion looks for this mark)
"""The `cjm` command line: one entry point, a subcommand per job."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from cjm_tui import __version__

MODULES = (
    "edit",
    "new",
    "check",
    "show",
    "report",
    "add",
    "diff",
    "merge",
    "export",
    "lint",
    "import_cmd",
    "serve",
)
"""The command modules, in the order `cjm --help` lists them."""
MODULE_OF = {"import": "import_cmd", "schema": "export"}
"""Commands whose module has another name (the others: their own)."""


EXAMPLES = (
    ('cjm new workshop.toml --title "Onboarding"', "start a map"),
    ("cjm workshop.toml", "open it in the editor (cjm edit)"),
    ("cjm maps/", "the maps of a folder, one list"),
    ("cjm check maps/*.toml", "exit 1 when a map is invalid"),
    ("cjm show workshop.toml", "timeline and moments of truth"),
    ("cjm report maps/ --format html -o all.html", "the analysis, across maps"),
    ('cjm add workshop.toml "Parking full @car -2 !"', "a touchpoint, as in the editor"),
    ("cjm diff old.toml new.toml", "what changed, entry by entry"),
    ("cjm merge base.toml ours.toml theirs.toml -o ours.toml", "three-way merge"),
    ("cjm export workshop.toml --format html -o map.html", "also markdown, svg, csv, json..."),
    ("cjm schema -o cjm-map.schema.json", "the JSON Schema, for editors"),
    ("cjm lint maps/*.toml", "owners, actions, evidence..."),
    ("cjm import csv touchpoints.csv -o new.toml", "a map from a spreadsheet"),
    ("cjm serve workshop.toml", "the editor in a browser tab"),
)
"""(command line, what it does): `cjm --help` shows one example of each command."""
_EXAMPLE_WIDTH = 42


def _epilog() -> str:
    """The examples under `cjm --help`, in 79 columns: a long command line gets its words on
    the line under it."""
    lines = ["examples:"]
    for example, what in EXAMPLES:
        if len(example) <= _EXAMPLE_WIDTH:
            lines.append(f"  {example:<{_EXAMPLE_WIDTH}}  {what}")
        else:
            lines += [f"  {example}", f"  {'':<{_EXAMPLE_WIDTH}}  {what}"]
    lines += ["", "Run `cjm COMMAND --help` for a command's options. Map format: docs/format.md."]
    return "\n".join(lines)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`command`) one with that command only: a command's run imports
    only its own module, not all twelve (every `cjm` command starts ~15 ms sooner)."""
    parser = argparse.ArgumentParser(
        prog="cjm",
        description="Draft customer journey maps in the terminal, kept as clean TOML files.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the examples' own lines
    )
    parser.add_argument("--version", action="version", version=f"cjm {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    names = MODULES if command is None else (MODULE_OF.get(command, command),)
    for name in names:
        importlib.import_module(f"cjm_tui.cli.{name}").add_parser(sub)
    return parser


COMMANDS = (
    "edit",
    "new",
    "check",
    "show",
    "add",
    "diff",
    "merge",
    "export",
    "schema",
    "lint",
    "import",
    "serve",
    "report",
)


def main(argv: Sequence[str] | None = None) -> int:
    if "_ARGCOMPLETE" in os.environ:  # a shell asks for completions: answer, then exit
        _complete()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["help"]:  # `cjm help`, `cjm help check`: as --help says it
        argv = [*argv[1:2], "--help"]
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        if not opens_a_map(argv[0]):
            return _unknown_command(argv[0])
        argv.insert(0, "edit")  # `cjm FILE` opens the editor
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        code: int = run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cjm show map.toml | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: say so in one line, keep the traceback for debugging
        if os.environ.get("CJM_DEBUG"):
            raise
        print(
            f"cjm: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; run with CJM_DEBUG=1 for the details)",
            file=sys.stderr,
        )
        return 70
    return code


def opens_a_map(word: str) -> bool:
    """Whether `cjm WORD` is the short form of `cjm edit WORD`: an existing file or folder, or
    a name ending in `.toml` (a new map). Anything else is a mistyped command, never a map."""
    return word.lower().endswith(".toml") or os.path.exists(word)


def _unknown_command(word: str) -> int:
    from difflib import get_close_matches

    from cjm_tui.cli import output
    from cjm_tui.sanitize import clean_line

    close = get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    hint = (
        f"did you mean {close[0]!r}?"
        if close
        else "to open or start a map, give a file name ending in .toml; cjm --help lists "
        "the commands"
    )
    output.error(f"cjm: unknown command {clean_line(word)!r}; {hint}")
    return 2


def _complete() -> None:
    """Shell completion (argcomplete) from the whole parser: commands, options, files.
    Costs nothing otherwise: argcomplete is imported only when a shell asks."""
    import argcomplete

    argcomplete.autocomplete(build_parser())
