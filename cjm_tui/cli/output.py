"""Consoles for people (Rich, no colour when piped or with NO_COLOR) and problem printing."""

from __future__ import annotations

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
