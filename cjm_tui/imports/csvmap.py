"""A CSV table (one row per touchpoint, as `cjm export --format csv` writes it) to a map.

It undoes exactly what the export does: the leading `'` that defuses a formula is removed
(only before a character the export defuses), lists are split at "; ", an emotion is `-1`
or `student=-1; senior=2`, booleans are `true`/`false`, an empty cell is an absent key.
Stages come from the `stage` column in order of first appearance, personas from the ids in
the `personas` and emotion cells. A `metric:NAME` column is the touchpoint's metric NAME (a
number). Columns the format does not know become unknown keys,
kept as text. Problems point at the row's line and the cell's column.

Spreadsheets write CSV their own way: Excel in a decimal-comma locale (Polish, Russian,
German) separates with `;`, starts with a byte order mark and ends lines with CRLF;
LibreOffice quotes every field; a tab-separated export is common too. The separator is
sniffed (`,`, `;` or tab), the rest the csv module reads as it is. A header cell matches a
known column ignoring case and surrounding spaces ("Stage "); an unknown one is kept as written.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm_tui.exports.csvtable import FORMULA_START, METRIC_COLUMN, SEPARATORS
from cjm_tui.model import KNOWN_KEYS, Map, map_from_raw
from cjm_tui.model.ids import unique_id
from cjm_tui.model.problems import Problem
from cjm_tui.model.rules import is_slug
from cjm_tui.model.validate import validate
from cjm_tui.store.read import InvalidMap, decode

REQUIRED_COLUMNS = ("stage", "name")
LIST_KEYS = frozenset(
    {"personas", "pain_points", "opportunities", "backstage", "support", "evidence"}
)
BOOL_KEYS = frozenset({"moment_of_truth"})
SEPARATOR = "; "
_INT = re.compile(r"[+-]?[0-9]+")
DELIMITERS = {char: name for name, char in SEPARATORS.items()}
"""The separators a table may use, and how a message names each."""
_SNIFF_SAMPLE = 64 * 1024


def sniff_delimiter(text: str) -> str:
    """The table's separator: `,`, `;` or tab.

    csv.Sniffer looks at the start of the text; when it cannot decide, or picks a character
    the header line does not hold (a header has two columns at least), the candidate the
    header holds most often wins (`,` on a tie or when it holds none).
    """
    sample = text[:_SNIFF_SAMPLE]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]  # whole lines only
    header = text.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = ""
    if found in DELIMITERS and found in header:
        return found
    return max(DELIMITERS, key=header.count)  # max keeps the first of equals: `,`


@dataclass(frozen=True)
class CsvShape:
    """How a CSV file is written: what `cjm import csv` says it found."""

    delimiter: str
    bom: bool
    crlf: bool

    def describe(self) -> str:
        """`;-separated, UTF-8 with BOM, CRLF line ends`."""
        bom = " with BOM" if self.bom else ""
        ends = "CRLF" if self.crlf else "LF"
        return f"{DELIMITERS[self.delimiter]}-separated, UTF-8{bom}, {ends} line ends"


def decode_csv(data: bytes, file: str) -> tuple[str, CsvShape]:
    """The file's text and shape; InvalidMap (one line, no excerpt) when it is not UTF-8.

    Excel's plain "CSV" is written in the system's code page (cp1250, cp1251...), which is
    not guessed: its "CSV UTF-8" is what can be read.
    """
    try:
        text = decode(data, file)
    except InvalidMap as exc:
        problem = exc.problems[0]
        problem.message += '; save it as "CSV UTF-8" (Excel: Save As, CSV UTF-8)'
        problem.excerpt = None  # the line in the wrong code page would be mojibake
        raise InvalidMap([problem]) from None
    first_line_end = text.find("\n")
    crlf = first_line_end > 0 and text[first_line_end - 1] == "\r"
    return text, CsvShape(sniff_delimiter(text), data.startswith(codecs.BOM_UTF8), crlf)


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


def _cell_starts(lines: list[str], first: int, last: int, delimiter: str) -> list[tuple[int, int]]:
    """(line, column) of each cell's first character in the record on lines first..last."""
    starts = [(first, 1)]
    quoted = False
    for number in range(first, last + 1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        for index, char in enumerate(line):
            if char == '"':
                quoted = not quoted
            elif char == delimiter and not quoted:
                starts.append((number, index + 2))
    return starts


def _rows(text: str, file: str, delimiter: str) -> list[_Row]:
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[_Row] = []
    previous = 0
    try:
        for cells in reader:
            first, last = previous + 1, reader.line_num
            previous = reader.line_num
            if cells:
                # A line break in a cell is LF, as the export writes it; Windows tools write CRLF.
                cells = [c.replace("\r\n", "\n") for c in cells]
                rows.append(_Row(cells, first, _cell_starts(lines, first, last, delimiter)))
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


def _column(header: str, known: frozenset[str]) -> str:
    """A header cell's column: a known one ignoring case and surrounding spaces, else as is."""
    name = header.strip()
    if name == "" or name.lower() in known:
        return name.lower()
    if name.lower().startswith(METRIC_COLUMN):
        return METRIC_COLUMN + name[len(METRIC_COLUMN) :]
    return header


def map_from_csv(
    text: str, file: str, title: str | None = None, delimiter: str | None = None
) -> Map:
    """The map a CSV table describes; InvalidMap with each problem's line and column.

    `delimiter` is sniffed when not given (`sniff_delimiter`).
    """
    reader = _Reader(file)
    text = text.removeprefix("\ufeff")
    rows = _rows(text, file, delimiter or sniff_delimiter(text))
    if not rows:
        raise InvalidMap([Problem("the CSV has no header row", file=file)])
    header_row, body = rows[0], rows[1:]
    known = KNOWN_KEYS["touchpoints"]
    known_columns = frozenset(known)
    columns = [_column(undefuse(c), known_columns) for c in header_row.cells]
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
