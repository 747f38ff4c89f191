"""The `cjm` command line: one entry point, a subcommand per job."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cjm_tui import __version__
from cjm_tui.cli import (
    add,
    check,
    diff,
    edit,
    export,
    import_cmd,
    lint,
    merge,
    new,
    report,
    serve,
    show,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cjm",
        description="Draft customer journey maps in the terminal, kept as clean TOML files.",
        epilog="Run `cjm COMMAND --help` for a command's options. Map format: docs/format.md.",
    )
    parser.add_argument("--version", action="version", version=f"cjm {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (
        edit,
        new,
        check,
        show,
        report,
        add,
        diff,
        merge,
        export,
        lint,
        import_cmd,
        serve,
    ):
        module.add_parser(sub)
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
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv.insert(0, "edit")  # `cjm FILE` opens the editor
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
