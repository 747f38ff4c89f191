"""Reading a map: bytes -> text -> plain data (tomllib) -> problems with their lines.

The fast path never builds a layout: positions are looked up only when there is a problem
to point at.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm_tui.model.problems import Problem, has_errors
from cjm_tui.model.validate import validate


class StoreError(Exception):
    """A file could not be read or written at all (missing, permission, disk full)."""


class InvalidMap(Exception):
    """The file was read but is not a valid map; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].format() if problems else "invalid map")
        self.problems = problems


@dataclass
class Checked:
    """A text and what `check` found in it; `raw` is None when TOML could not parse it."""

    text: str
    raw: dict[str, Any] | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.raw is not None and not has_errors(self.problems)


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path}: error: no such file") from None
    except IsADirectoryError:
        raise StoreError(f"{path}: error: is a directory, not a map file") from None
    except OSError as exc:
        raise StoreError(f"{path}: error: cannot read: {exc.strerror or exc}") from None


BOM = "\ufeff"


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, or InvalidMap pointing at the first byte that is not UTF-8.

    A byte order mark (older Windows editors write one) is not part of the text; the file
    keeps it when saved (`MapFile`).
    """
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        line_bytes = data[before.rfind(b"\n") + 1 :].split(b"\n", 1)[0]
        problem = Problem(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            file=file,
            line=line,
            column=column,
            excerpt=line_bytes.decode("utf-8", "replace").rstrip("\r"),
        )
        raise InvalidMap([problem]) from None


def parse(text: str, file: str) -> dict[str, Any]:
    """tomllib's data, or InvalidMap with the parser's own line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line, column = 1, 1
        if m := _AT.search(message):
            line, column = int(m.group(1)), int(m.group(2))
            message = message[: m.start()]
        elif m := _AT_END.search(message):
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            message = message[: m.start()] + " at the end of the file"
        message = "TOML syntax: " + message[:1].lower() + message[1:]
        raise InvalidMap([Problem(message, file=file, line=line, column=column)]) from None


def check_text(text: str, file: str, strict: bool = False) -> Checked:
    """Parse and validate; every problem gets its file, line, column and an excerpt."""
    try:
        raw = parse(text, file)
    except InvalidMap as exc:
        _add_excerpts(text, exc.problems)
        return Checked(text, None, exc.problems)
    problems = validate(raw, strict)
    if problems:
        from cjm_tui.store.layout import Layout  # positions only when there is a problem

        layout = Layout(text)
        for problem in problems:
            problem.file = file
            problem.line, problem.column = layout.locate(problem.path, problem.at_value)
        problems.sort(key=lambda p: (p.line, p.column))
        _add_excerpts(text, problems)
    return Checked(text, raw, problems)


def check_file(path: Path, strict: bool = False) -> Checked:
    """`check_text` on a file. Raises StoreError when it cannot be read at all."""
    data = read_bytes(path)
    try:
        text = decode(data, str(path))
    except InvalidMap as exc:
        return Checked("", None, exc.problems)
    return check_text(text, str(path), strict)


def _add_excerpts(text: str, problems: list[Problem]) -> None:
    lines = text.split("\n")
    for problem in problems:
        if 1 <= problem.line <= len(lines):
            problem.excerpt = lines[problem.line - 1].rstrip("\r")
