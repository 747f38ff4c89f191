"""Consoles for people (Rich, no colour when piped or with NO_COLOR) and problem printing."""

from __future__ import annotations

import builtins
import os
import sys
from functools import cache
from typing import TYPE_CHECKING

from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from rich.console import Console

    from cjm_tui.model.problems import Problem


@cache
def stdout() -> Console:
    from rich.console import Console

    # markup and highlighting off: text from a map is printed as the data it is.
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=True)


@cache
def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def plain_stdout() -> bool:
    """Whether Rich would write to stdout with no styles at all (not a terminal, by Rich's
    own rules: `TTY_COMPATIBLE`, `FORCE_COLOR`, `isatty`); in doubt (Jupyter, IDLE), no."""
    if hasattr(builtins, "get_ipython") or getattr(sys.stdin, "__module__", "").startswith(
        "idlelib"
    ):
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    if "FORCE_COLOR" in os.environ:
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def say(line: str, style: str = "") -> None:
    """One line on stdout in `style` (on a terminal). Piped, it is written as Rich would write
    it, without importing Rich (~15 ms of `cjm check`)."""
    if plain_stdout():
        sys.stdout.write(clean_line(line) + "\n")
        sys.stdout.flush()  # as Rich does: in `2>&1` it stays in order with stderr's lines
    else:
        stdout().print(clean_line(line), style=style)


def error(message: str) -> None:
    """One line on stderr, in red on a terminal."""
    stderr().print(clean_line(message), style="red")


def print_problem(problem: Problem, console: Console | None = None) -> None:
    """`FILE:LINE:COL: error: message`, then the offending line with a caret under the column."""
    from rich.cells import cell_len
    from rich.text import Text

    out = console or stdout()
    colour = "red" if problem.severity == "error" else "yellow"
    out.print(Text(problem.format(), style=colour))
    if problem.excerpt is None:
        return
    line = problem.excerpt
    column = max(0, min(problem.column - 1, len(line)))
    prefix = clean_line(line[:column])
    shown = clean_line(line)
    if len(shown) > 100:
        start = max(0, len(prefix) - 50)
        shown, prefix = shown[start : start + 100], prefix[start:]
    gutter = f"{problem.line:>5} | "
    out.print(Text(gutter, style="dim") + Text(shown))
    out.print(
        Text(" " * (len(gutter) - 2) + "| ", style="dim")
        + Text(" " * cell_len(prefix) + "^", style=colour)
    )
