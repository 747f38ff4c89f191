"""A CSV table (one row per touchpoint, as `cjm export --format csv` writes it) to a map.

It undoes exactly what the export does: the leading `'` that defuses a formula is removed
(only before a character the export defuses), lists are split at "; ", an emotion is `-1`
or `student=-1; senior=2`, booleans are `true`/`false`, an empty cell is an absent key.
Stages come from the `stage` column in order of first appearance, personas from the ids in
the `personas` and emotion cells. A `metric:NAME` column is the touchpoint's metric NAME (a
number). Columns the format does not know become unknown keys,
kept as text. Problems point at the row's line and the cell's column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from cjm_tui.exports.csvtable import FORMULA_START, METRIC_COLUMN
from cjm_tui.model import KNOWN_KEYS, Map, map_from_raw
from cjm_tui.model.ids import unique_id
from cjm_tui.model.problems import Problem
from cjm_tui.model.rules import is_slug
from cjm_tui.model.validate import validate
from cjm_tui.store.read import InvalidMap

REQUIRED_COLUMNS = ("stage", "name")
LIST_KEYS = frozenset(
    {"personas", "pain_points", "opportunities", "backstage", "support", "evidence"}
)
BOOL_KEYS = frozenset({"moment_of_truth"})
SEPARATOR = "; "
_INT = re.compile(r"[+-]?[0-9]+")


def undefuse(text: str) -> str:
    """The cell's text before the export's formula defusing."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


class _Row:
    """One record of the table and where its cells start in the text."""

    def __init__(self, cells: list[str], line: int, starts: list[tuple[int, int]]) -> None:
        self.cells = cells
        self.line = line
        self.starts = starts

    def at(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.starts):
            return self.starts[index]
        return self.line, 1


def _cell_starts(lines: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """(line, column) of each cell's first character in the record on lines first..last."""
    starts = [(first, 1)]
    quoted = False
    for number in range(first, last + 1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        for index, char in enumerate(line):
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                starts.append((number, index + 2))
    return starts


def _rows(text: str, file: str) -> list[_Row]:
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_Row] = []
    previous = 0
    try:
        for cells in reader:
            first, last = previous + 1, reader.line_num
            previous = reader.line_num
            if cells:
                rows.append(_Row(cells, first, _cell_starts(lines, first, last)))
    except csv.Error as exc:
        line = max(reader.line_num, 1)
        raise InvalidMap([Problem(f"CSV syntax: {exc}", file=file, line=line)]) from None
    return rows


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, message: str, where: tuple[int, int]) -> None:
        line, column = where
        self.problems.append(Problem(message, file=self.file, line=line, column=column))

    def emotion(self, text: str, where: tuple[int, int]) -> Any:
        if _INT.fullmatch(text):
            return int(text)
        table: dict[str, int] = {}
        for part in text.split(SEPARATOR):
            persona, equals, value = part.partition("=")
            if not equals or not is_slug(persona) or not _INT.fullmatch(value):
                self.problem(
                    f"emotion {text!r} is neither an integer nor `persona=integer; ...`", where
                )
                return None
            if persona in table:
                self.problem(f"emotion names persona {persona!r} twice", where)
                return None
            table[persona] = int(value)
        return table

    def number(self, column: str, text: str, where: tuple[int, int]) -> int | float | None:
        """A metric's cell: an integer or a float."""
        if _INT.fullmatch(text):
            return int(text)
        try:
            return float(text)
        except ValueError:
            self.problem(f"{column} {text!r} is not a number", where)
            return None

    def value(self, key: str, text: str, where: tuple[int, int]) -> Any:
        if key in LIST_KEYS:
            items = text.split(SEPARATOR)
            if key == "personas":
                for item in items:
                    if not is_slug(item):
                        self.problem(f"persona id {item!r} is not a slug", where)
                        return None
            return items
        if key in BOOL_KEYS:
            if text not in ("true", "false"):
                self.problem(f"{key} {text!r} is neither true nor false", where)
                return None
            return text == "true"
        if key == "emotion":
            return self.emotion(text, where)
        return text


def map_from_csv(text: str, file: str, title: str | None = None) -> Map:
    """The map a CSV table describes; InvalidMap with each problem's line and column."""
    reader = _Reader(file)
    rows = _rows(text.removeprefix("\ufeff"), file)
    if not rows:
        raise InvalidMap([Problem("the CSV has no header row", file=file)])
    header_row, body = rows[0], rows[1:]
    columns = [undefuse(c) for c in header_row.cells]
    for index, column in enumerate(columns):
        if column == "":
            reader.problem(f"column {index + 1} has no name", header_row.at(index))
        elif column in columns[:index]:
            reader.problem(f"column {column!r} appears twice", header_row.at(index))
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            reader.problem(f"no {required!r} column (the header needs stage and name)", (1, 1))
    if reader.problems:
        raise InvalidMap(reader.problems)

    known = KNOWN_KEYS["touchpoints"]
    entries: list[dict[str, Any]] = []
    for row in body:
        if len(row.cells) > len(columns):
            reader.problem(
                f"{len(row.cells)} cells but the header has {len(columns)} columns",
                row.at(len(columns)),
            )
            continue
        entry: dict[str, Any] = {}
        for index, column in enumerate(columns):
            raw_text = row.cells[index] if index < len(row.cells) else ""
            cell = undefuse(raw_text)
            if column in REQUIRED_COLUMNS:
                entry[column] = cell
            elif cell == "":
                continue
            elif column in known and column != "metrics":
                value = reader.value(column, cell, row.at(index))
                if value is not None:
                    entry[column] = value
            elif column.startswith(METRIC_COLUMN):
                number = reader.number(column, cell, row.at(index))
                if number is not None:
                    entry.setdefault("metrics", {})[column.removeprefix(METRIC_COLUMN)] = number
            else:
                entry[column] = cell
        entries.append(entry)
    if reader.problems:
        raise InvalidMap(reader.problems)

    # Stages: a slug value is its own id (reserved first), any other value gets one made.
    stage_ids: dict[str, str] = {}
    taken = {e["stage"] for e in entries if is_slug(e["stage"])}
    for entry in entries:
        value = entry["stage"]
        if value not in stage_ids:
            if is_slug(value):
                stage_ids[value] = value
            else:
                stage_ids[value] = unique_id(value, taken, "stage")
                taken.add(stage_ids[value])
    if not stage_ids:
        stage_ids[""] = "journey"

    persona_ids: list[str] = []
    tp_taken = {e["id"] for e in entries if "id" in e}
    for entry in entries:
        entry["stage"] = stage_ids[entry["stage"]]
        mentioned = list(entry.get("personas", []))
        if isinstance(entry.get("emotion"), dict):
            mentioned.extend(entry["emotion"])
        persona_ids.extend(p for p in mentioned if p not in persona_ids)
        if "id" not in entry:
            entry["id"] = unique_id(entry["name"], tp_taken, "touchpoint")
            tp_taken.add(entry["id"])
        ordered = {k: entry[k] for k in known if k in entry}
        ordered.update((k, v) for k, v in entry.items() if k not in ordered)
        entry.clear()
        entry.update(ordered)

    raw: dict[str, Any] = {
        "map": {"format": 1, "title": Path(file).stem if title is None else title},
        "stages": [{"id": sid, "name": value or "Journey"} for value, sid in stage_ids.items()],
    }
    if persona_ids:
        raw["personas"] = [{"id": p, "name": p} for p in persona_ids]
    if entries:
        raw["touchpoints"] = entries

    for problem in validate(raw):
        if problem.severity != "error":
            continue
        where = (1, 1)
        path = problem.path
        if len(path) >= 2 and path[0] == "touchpoints" and isinstance(path[1], int):
            row = body[path[1]]
            key = path[2] if len(path) > 2 else None
            where = row.at(columns.index(key)) if key in columns else (row.line, 1)
        reader.problem(problem.message, where)
    if reader.problems:
        raise InvalidMap(reader.problems)
    return map_from_raw(raw)
