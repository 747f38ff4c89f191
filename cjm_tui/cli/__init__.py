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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`command`) one with that command only: a command's run imports
    only its own module, not all twelve (every `cjm` command starts ~15 ms sooner)."""
    parser = argparse.ArgumentParser(
        prog="cjm",
        description="Draft customer journey maps in the terminal, kept as clean TOML files.",
        epilog="Run `cjm COMMAND --help` for a command's options. Map format: docs/format.md.",
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
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
