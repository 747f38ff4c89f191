"""One CSV row per touchpoint, in journey order, for spreadsheets.

Columns: every touchpoint key in the format's order but `metrics`, then one `metric:NAME`
column per metric (first seen first; the cell is the number, empty where a touchpoint has no
such metric), then unknown keys (first seen first).
Lists are joined with "; ", a per-persona emotion is `student=-1; senior=2`, booleans are
`true`/`false`, dates ISO 8601, an absent key an empty cell. Control characters are removed
(line breaks inside a cell are kept; the csv module quotes them).

Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return could run
as a formula in a spreadsheet, so it gets a leading `'`. The one exception is the `emotion`
column's plain integers (`-1`, `-2`): the format guarantees they are numbers, and a number
is not a formula. The same holds for the `metric:NAME` columns (the format makes them numbers).

By default the table is for git and scripts: `,`, LF, no byte order mark. For Excel
(`cjm export --excel`) it starts with a BOM (without one Excel reads UTF-8 as the system's code
page, mojibake in Polish or Russian) and ends lines with CRLF, and the separator is `;` where
the locale writes numbers with a decimal comma, as Excel there expects (`excel_separator`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import locale
from collections.abc import Callable, Mapping
from typing import Any

from cjm_tui.model import KNOWN_KEYS, Map, to_raw
from cjm_tui.sanitize import clean

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
METRIC_COLUMN = "metric:"
"""The prefix of a metric's column: `metric:csat`."""
SEPARATORS = {",": ",", ";": ";", "tab": "\t"}
"""The separators between cells, by the name options and messages give them."""


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


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def excel_separator(localeconv: Callable[[], Mapping[str, Any]] = locale.localeconv) -> str:
    """`;` when the user's locale (LC_NUMERIC) uses a decimal comma (pl_PL, ru_RU, de_DE), as
    Excel there splits CSV at `;`; else `,`. The process's locale is restored after."""
    previous = locale.setlocale(locale.LC_NUMERIC)
    try:
        locale.setlocale(locale.LC_NUMERIC, "")
        decimal_point = localeconv()["decimal_point"]
    except locale.Error:  # LANG names a locale the machine does not have
        decimal_point = "."
    finally:
        locale.setlocale(locale.LC_NUMERIC, previous)
    return ";" if decimal_point == "," else ","


def render(m: Map, delimiter: str = ",", excel: bool = False) -> str:
    """The table; `excel`: with a byte order mark and CRLF line ends."""
    rows = []
    metric_columns: list[str] = []
    for tp in m.journey():
        row = to_raw(tp)
        for name, value in (row.pop("metrics", None) or {}).items():
            column = METRIC_COLUMN + name
            row[column] = value
            if column not in metric_columns:
                metric_columns.append(column)
        rows.append(row)
    columns = [k for k in KNOWN_KEYS["touchpoints"] if k != "metrics"] + metric_columns
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n" if excel else "\n",
    )
    writer.writerow([defuse(clean(c)) for c in columns])
    for row in rows:
        cells: list[str] = []
        for key in columns:
            value = row.get(key)
            text = clean(cell(value))
            plain_number = (key == "emotion" and isinstance(value, int)) or (
                key in metric_columns and _is_number(value)
            )
            cells.append(text if plain_number else defuse(text))
        writer.writerow(cells)
    return out.getvalue()
