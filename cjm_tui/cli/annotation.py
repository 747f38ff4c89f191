"""`--format github`: each problem as a GitHub Actions workflow command, which the runner turns
into an annotation on the file's line (`::error file=F,line=L,col=C::message`)."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from cjm_tui.model.problems import Problem

# GitHub's escapes: `%` first (so the escapes themselves survive), then line breaks; the
# properties also escape the `:` and `,` that end a property.
_IN_MESSAGE = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_IN_PROPERTY = {**_IN_MESSAGE, ":": "%3A", ",": "%2C"}
_MESSAGE = re.compile("[%\r\n]")
_PROPERTY = re.compile("[%\r\n:,]")
# The one-line errors the store and the lint settings give as text, `FILE: error: reason`.
_ERROR_LINE = re.compile(r"(?P<file>.+?): error: (?P<reason>.*)", re.DOTALL)


def _escape(text: str, pattern: re.Pattern[str], escapes: dict[str, str]) -> str:
    # Line breaks are escaped before the cleaning, which would make them spaces; what else
    # could steer a terminal (or end the command early) goes.
    return clean_line(pattern.sub(lambda m: escapes[m.group()], text))


def command(
    severity: str,
    message: str,
    file: str = "",
    line: int | None = None,
    column: int | None = None,
) -> str:
    """One workflow command; without `line` (a whole-file problem) it names only the file,
    without `file` nothing."""
    properties = []
    if file:
        properties.append(f"file={_escape(file, _PROPERTY, _IN_PROPERTY)}")
        if line is not None:
            properties.append(f"line={line}")
            if column is not None:
                properties.append(f"col={column}")
    kind = "error" if severity == "error" else "warning"
    where = " " + ",".join(properties) if properties else ""
    return f"::{kind}{where}::{_escape(message, _MESSAGE, _IN_MESSAGE)}"


def of_problem(problem: Problem) -> str:
    return command(problem.severity, problem.message, problem.file, problem.line, problem.column)


def of_error_line(text: str) -> str:
    """A whole-file error given as `FILE: error: reason` (a file that cannot be read, lint
    settings that are wrong): the file, no line."""
    if m := _ERROR_LINE.fullmatch(text):
        return command("error", m.group("reason"), m.group("file"))
    return command("error", text)


def error_line(text: str, github: bool) -> None:
    """A whole-file error (`FILE: error: reason`): on stderr as usual, or with `--format
    github` as an annotation on stdout, where the runner reads it."""
    if github:
        say(of_error_line(text))
    else:
        from cjm_tui.cli import output

        output.error(text)


def say(line: str) -> None:
    # Plain stdout, never Rich: the runner reads the line as it is, and Rich would wrap it.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
