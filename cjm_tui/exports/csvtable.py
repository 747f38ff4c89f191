"""One CSV row per touchpoint, in journey order, for spreadsheets.

Columns: every touchpoint key in the format's order, then unknown keys (first seen first).
Lists are joined with "; ", a per-persona emotion is `student=-1; senior=2`, booleans are
`true`/`false`, dates ISO 8601, an absent key an empty cell. Control characters are removed
(line breaks inside a cell are kept; the csv module quotes them).

Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return could run
as a formula in a spreadsheet, so it gets a leading `'`. The one exception is the `emotion`
column's plain integers (`-1`, `-2`): the format guarantees they are numbers, and a number
is not a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from cjm_tui.model import KNOWN_KEYS, Map, to_raw
from cjm_tui.sanitize import clean

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as the text of one cell (before defusing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={cell(v)}" for k, v in value.items())
    return str(value)


def defuse(text: str) -> str:
    """`text` safe from spreadsheet formula evaluation."""
    return "'" + text if text.startswith(FORMULA_START) else text


def render(m: Map) -> str:
    rows = [to_raw(tp) for tp in m.journey()]
    columns = list(KNOWN_KEYS["touchpoints"])
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([defuse(clean(c)) for c in columns])
    for row in rows:
        cells: list[str] = []
        for key in columns:
            value = row.get(key)
            text = clean(cell(value))
            plain_number = key == "emotion" and isinstance(value, int)
            cells.append(text if plain_number else defuse(text))
        writer.writerow(cells)
    return out.getvalue()
