"""The whole map as JSON, mirroring the TOML tables so a tool can read it like the TOML.

`{"map": {"format": 1, ...}, "personas": [...], "stages": [...], ...}`: the tables of
`map_to_raw`, keys in the format's order and then unknown keys in file order (so the output
is stable for a given file). TOML dates, date-times and times become ISO 8601 strings.
Text is kept exactly: C0 controls are JSON escapes (json.dumps), and DEL, C1 controls, line
and paragraph separators and bidi controls are written as `\\uXXXX` escapes too, so no
control character appears raw while the parsed strings stay the same.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from cjm_tui.model import Map, map_to_raw

_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _default(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__} as JSON")


def dumps(value: Any) -> str:
    """Plain data as indented JSON, dates as ISO 8601, no control character raw."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
    # These characters can only stand inside JSON strings, where `\uXXXX` means the same.
    return _RAW_CONTROLS.sub(lambda c: f"\\u{ord(c.group()):04x}", text) + "\n"


def render(m: Map) -> str:
    return dumps(map_to_raw(m))
