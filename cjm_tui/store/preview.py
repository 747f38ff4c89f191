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
from collections.abc import Iterator
from typing import Any

from cjm_tui.model import Map, map_from_raw
from cjm_tui.model.validate import validate

FIRST_LOOK_TOUCHPOINTS = 200
"""More than any screen shows of one stage."""

_HEADER = re.compile(r"(?m)^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]?[ \t]*(?:#.*)?\r?$")
_STAGE = re.compile(r'(?m)^[ \t]*stage[ \t]*=[ \t]*"([^"\\\n]*)"')


def _tables(text: str) -> Iterator[tuple[str, str]]:
    """(top-level table name, the text of one of its entries, sub-tables included), in the
    file's order, found as they are asked for: the look stops reading early."""
    top, chunk_start = "", -1
    for m in _HEADER.finditer(text):
        name = m.group(2)
        if "." in name and name.split(".")[0] == top:
            continue  # a sub-table belongs to the entry before it
        if chunk_start >= 0:
            yield top, text[chunk_start : m.start()]
        top, chunk_start = name.split(".")[0], m.start()
    if chunk_start >= 0:
        yield top, text[chunk_start:]


def _head(chunks: list[str]) -> tuple[dict[str, Any], object] | None:
    """[map], personas and stages read, with the first stage's id; None without a stage."""
    raw: dict[str, Any] = tomllib.loads("\n".join(chunks))
    stages = raw.get("stages") or []
    if not stages or not isinstance(stages[0], dict):
        return None
    return raw, stages[0].get("id")


def first_look(text: str) -> Map | None:
    """[map], personas, stages and the first stage's first touchpoints, or None.

    None means the quick read did not work (an unusual layout, or something invalid in what
    it read): the caller then loads the whole file before showing anything. The look stops
    at the end of the first stage's touchpoints (a 20,000-touchpoint file is not scanned to
    its end), so personas or stages written after the touchpoints are not in it; the full
    load shows them a moment later.
    """
    try:
        head: list[str] = []
        chosen: list[str] = []
        looked: tuple[dict[str, Any], object] | None = None
        looked_at = 0  # how many head chunks `looked` read
        for top, chunk in _tables(text):
            if top in ("map", "personas", "stages"):
                head.append(chunk)
                continue
            if top != "touchpoints":
                continue
            if looked is None:  # the first touchpoint: which stage is first
                looked, looked_at = _head(head), len(head)
                if looked is None:
                    return None
            m = _STAGE.search(chunk)
            if m is None:
                return None  # an unusual way of writing it: leave it to the full load
            if m.group(1) == looked[1]:
                chosen.append(chunk)
            elif chosen:
                break  # past the first stage's group
            if len(chosen) >= FIRST_LOOK_TOUCHPOINTS:
                break
        if looked is None or looked_at != len(head):  # no touchpoints, or more head after
            looked = _head(head)
            if looked is None:
                return None
        raw = looked[0]
        raw["touchpoints"] = tomllib.loads("\n".join(chosen)).get("touchpoints", [])
        if any(p.severity == "error" for p in validate(raw)):
            return None
        return map_from_raw(raw)
    except Exception:  # any surprise: no first look, the full load speaks
        return None
