"""Reading a map: bytes -> text -> plain data (tomllib) -> problems with their lines.

The fast path never builds a layout: positions are looked up only when there is a problem
to point at.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm_tui.model.library import is_persona_library
from cjm_tui.model.problems import Problem, has_errors
from cjm_tui.model.validate import show, validate, validate_library

if TYPE_CHECKING:
    from cjm_tui.model.journey import Map


class StoreError(Exception):
    """A file could not be read or written at all (missing, permission, disk full)."""


class InvalidMap(Exception):
    """The file was read but is not a valid map; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].format() if problems else "invalid map")
        self.problems = problems


class LibraryText:
    """A persona library as read for a map: its file, text and `[[personas]]` entries.

    (This and `Checked` are written out rather than dataclasses: `cjm check` starts without
    importing `dataclasses`.)"""

    def __init__(
        self, ref: str, path: Path, data: bytes, text: str, personas: list[dict[str, Any]]
    ) -> None:
        self.ref = ref
        """As written in the map's `persona_library`."""
        self.path = path
        self.data = data
        self.text = text
        self.personas = personas

    def __repr__(self) -> str:
        return (
            f"LibraryText(ref={self.ref!r}, path={self.path!r}, data={self.data!r}, "
            f"text={self.text!r}, personas={self.personas!r})"
        )


class Checked:
    """A text and what `check` found in it; `raw` is None when TOML could not parse it."""

    def __init__(
        self,
        text: str,
        raw: dict[str, Any] | None,
        problems: list[Problem],
        library: LibraryText | None = None,
        is_library: bool = False,
    ) -> None:
        self.text = text
        self.raw = raw
        self.problems = problems
        self.library = library
        """The map's persona library, when it names one that was read without errors."""
        self.is_library = is_library
        """The text is a persona library, checked as one (`check_text(..., library_ok=True)`)."""

    def __repr__(self) -> str:
        return (
            f"Checked(text={self.text!r}, raw={self.raw!r}, problems={self.problems!r}, "
            f"library={self.library!r}, is_library={self.is_library!r})"
        )

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


def check_text(
    text: str,
    file: str,
    strict: bool = False,
    library_ok: bool = False,
    without_library: bool = False,
) -> Checked:
    """Parse and validate; every problem gets its file, line, column and an excerpt.

    A map's persona library (`persona_library`, relative to `file`) is read and checked too:
    its own problems point at its own lines, a missing or invalid one at the map's
    `persona_library` line. A persona library itself is an error here unless `library_ok`
    (`cjm check`), which checks it as a library. `without_library`: the library is not read
    and references to personas are not checked: the map's own file as it is (git's diff and
    merge drivers hand over copies of a map in another folder, and compare and merge what
    the map's file holds).
    """
    try:
        raw = parse(text, file)
    except InvalidMap as exc:
        _add_excerpts(text, exc.problems)
        return Checked(text, None, exc.problems)
    if is_persona_library(raw):
        if library_ok:
            return Checked(
                text, raw, _locate(validate_library(raw, strict), text, file), None, True
            )
        problem = Problem(f"{file} is a persona library, not a map: {NOT_A_MAP}", file=file)
        return Checked(text, raw, _locate([problem], text, file))
    library: LibraryText | None = None
    at_map: list[Problem] = []
    inside: list[Problem] = []
    if without_library:
        broken = _names_library(raw)
    else:
        library, at_map, inside = _library_of(raw, file, strict)
        broken = bool(at_map)
    problems = validate(
        raw,
        strict,
        library=[str(p.get("id")) for p in library.personas] if library else None,
        library_broken=broken,
    )
    return Checked(text, raw, _locate(problems + at_map, text, file) + inside, library)


NOT_A_MAP = "maps name it in [map] persona_library (cjm check validates it as a library)"


def _names_library(raw: dict[str, Any]) -> bool:
    info = raw.get("map")
    return isinstance(info, dict) and isinstance(info.get("persona_library"), str)


def _locate(problems: list[Problem], text: str, file: str) -> list[Problem]:
    if problems:
        from cjm_tui.store.layout import Layout  # positions only when there is a problem

        layout = Layout(text)
        for problem in problems:
            problem.file = file
            problem.line, problem.column = layout.locate(problem.path, problem.at_value)
        problems.sort(key=lambda p: (p.line, p.column))
        _add_excerpts(text, problems)
    return problems


def library_path(map_file: str, ref: str) -> Path:
    """The file a map's `persona_library` names (relative to the map's folder; `..` worked
    out, so maps in two folders name one library by one path)."""
    return Path(os.path.normpath(Path(map_file).parent / ref))


def _library_of(
    raw: dict[str, Any], file: str, strict: bool
) -> tuple[LibraryText | None, list[Problem], list[Problem]]:
    """The map's persona library; the problems at the map's `persona_library` line (it is
    missing, unreadable or invalid: then the map's persona references are not checked); the
    problems inside the library, at its own lines."""
    info = raw.get("map")
    ref = info.get("persona_library") if isinstance(info, dict) else None
    if not isinstance(ref, str):
        return None, [], []
    at = ("map", "persona_library")
    path = library_path(file, ref)
    try:
        data = read_bytes(path)
    except StoreError as exc:
        reason = str(exc).rsplit(": error: ", 1)[-1]
        problem = Problem(f"persona_library = {show(ref)}: {reason} ({path})", at, at_value=True)
        return None, [problem], []
    try:
        text = decode(data, str(path))
        lib_raw = parse(text, str(path))
    except InvalidMap as exc:
        _add_excerpts(data.decode("utf-8", "replace").removeprefix(BOM), exc.problems)
        return None, [_invalid(ref, at)], exc.problems
    inside = _locate(validate_library(lib_raw, strict), text, str(path))
    if has_errors(inside):
        return None, [_invalid(ref, at)], inside
    personas = lib_raw.get("personas", [])
    return LibraryText(ref, path, data, text, personas), [], inside


def _invalid(ref: str, at: tuple[str, ...]) -> Problem:
    return Problem(
        f"persona_library = {show(ref)}: the persona library has errors (reported at its lines)",
        at,
        at_value=True,
    )


def check_file(path: Path, strict: bool = False, library_ok: bool = False) -> Checked:
    """`check_text` on a file. Raises StoreError when it cannot be read at all."""
    data = read_bytes(path)
    try:
        text = decode(data, str(path))
    except InvalidMap as exc:
        return Checked("", None, exc.problems)
    return check_text(text, str(path), strict, library_ok)


def read_map(path: Path, without_library: bool = False) -> Map:
    """The model of a valid map file, for a command that only reads it (`cjm show`): what
    `MapFile.load` checks and builds, without what a save needs (the writer's baseline, the
    file's digest). Raises StoreError (unreadable) or InvalidMap."""
    text = decode(read_bytes(path), str(path))
    checked = check_text(text, str(path), without_library=without_library)
    if not checked.ok:
        raise InvalidMap([p for p in checked.problems if p.severity == "error"])
    return map_of(checked, copy=False)  # the data goes with `checked`: no copy of it


def map_of(checked: Checked, copy: bool = True) -> Map:
    """The model of a checked map, with its persona library's personas first (`copy`: see
    `map_from_raw`)."""
    from cjm_tui.model.library import with_library
    from cjm_tui.model.raw import map_from_raw

    assert checked.raw is not None
    m = map_from_raw(checked.raw, copy)
    lib = checked.library
    if lib is None:
        return m
    return with_library(m, lib.ref, str(lib.path), lib.personas)


def _add_excerpts(text: str, problems: list[Problem]) -> None:
    lines = text.split("\n")
    for problem in problems:
        if 1 <= problem.line <= len(lines):
            problem.excerpt = lines[problem.line - 1].rstrip("\r")
