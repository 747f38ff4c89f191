"""A quick first look at a large map, so the editor can paint before the whole file is read.

The editor shows the map's title, its personas and stages and the first stage's touchpoints
from this look while the full load (parse, checks, model) runs; edits wait for the full load,
which also decides whether the file is a valid map at all. The look may be wrong about an
unusual file (a header-like line inside a multi-line string, say): then it reads nothing
valid and says None, or the full load replaces what it showed a moment later.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from cjm_tui.model import Map, map_from_raw
from cjm_tui.model.validate import validate

FIRST_LOOK_TOUCHPOINTS = 200
"""More than any screen shows of one stage."""

_HEADER = re.compile(r"(?m)^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]?[ \t]*(?:#.*)?\r?$")
_STAGE = re.compile(r'(?m)^[ \t]*stage[ \t]*=[ \t]*"([^"\\\n]*)"')


def _tables(text: str) -> dict[str, list[str]]:
    """The text of each top-level table's entries, sub-tables included, by table name."""
    found = list(_HEADER.finditer(text))
    out: dict[str, list[str]] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        chunk = text[m.start() : end]
        name = m.group(2)
        top = name.split(".")[0]
        if "." in name and out.get(top):
            out[top][-1] += chunk  # a sub-table belongs to the entry before it
        else:
            out.setdefault(top, []).append(chunk)
    return out


def first_look(text: str) -> Map | None:
    """[map], personas, stages and the first stage's first touchpoints, or None.

    None means the quick read did not work (an unusual layout, or something invalid in what
    it read): the caller then loads the whole file before showing anything.
    """
    try:
        tables = _tables(text)
        head = "\n".join(
            chunk for t in ("map", "personas", "stages") for chunk in tables.get(t, [])
        )
        raw: dict[str, Any] = tomllib.loads(head)
        stages = raw.get("stages") or []
        if not stages or not isinstance(stages[0], dict):
            return None
        first_stage = stages[0].get("id")
        chosen: list[str] = []
        for chunk in tables.get("touchpoints", []):
            m = _STAGE.search(chunk)
            if m is None:
                return None  # an unusual way of writing it: leave it to the full load
            if m.group(1) == first_stage:
                chosen.append(chunk)
            elif chosen:
                break  # past the first stage's group
            if len(chosen) >= FIRST_LOOK_TOUCHPOINTS:
                break
        raw["touchpoints"] = tomllib.loads("\n".join(chosen)).get("touchpoints", [])
        if any(p.severity == "error" for p in validate(raw)):
            return None
        return map_from_raw(raw)
    except Exception:  # any surprise: no first look, the full load speaks
        return None
