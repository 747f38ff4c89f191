"""A quick first look at a large map, so the editor can paint before the whole file is read.

The editor shows the map's title, its personas and stages and the first stage's touchpoints
from this look while the full load (parse, checks, model) runs; edits wait for the full load,
which also decides whether the file is a valid map at all.
"""

from __future__ import annotations

import tomllib
from typing import Any

from cjm_tui.model import Map, map_from_raw
from cjm_tui.store.layout import Block, Layout
from cjm_tui.validate import validate

FIRST_LOOK_TOUCHPOINTS = 200
"""More than any screen shows of one stage."""


def _entries(layout: Layout, table: str) -> list[list[Block]]:
    """Each `[[table]]` entry with the sub-tables that follow it."""
    out: list[list[Block]] = []
    for block in layout.blocks:
        if block.is_array and block.name == (table,):
            out.append([block])
        elif out and len(block.path) > 2 and block.path[:2] == out[-1][0].path:
            out[-1].append(block)
    return out


def first_look(text: str) -> Map | None:
    """[map], personas, stages and the first stage's first touchpoints, or None.

    None means the quick read did not work (an unusual layout, or something invalid in what
    it read): the caller then loads the whole file before showing anything.
    """
    try:
        layout = Layout(text)
        head_blocks = [b for b in layout.blocks if b.path[:1] == ("map",)]
        for table in ("personas", "stages"):
            head_blocks += [b for entry in _entries(layout, table) for b in entry]
        head = "".join(text[b.start : b.end] + "\n" for b in head_blocks)
        raw: dict[str, Any] = tomllib.loads(head)
        stages = raw.get("stages") or []
        if not stages or not isinstance(stages[0], dict):
            return None
        first_stage = stages[0].get("id")
        touchpoints: list[dict[str, Any]] = []
        for entry in _entries(layout, "touchpoints"):
            chunk = "".join(text[b.start : b.end] + "\n" for b in entry)
            tp = tomllib.loads(chunk)["touchpoints"][0]
            if tp.get("stage") == first_stage:
                touchpoints.append(tp)
            elif touchpoints:
                break  # past the first stage's group
            if len(touchpoints) >= FIRST_LOOK_TOUCHPOINTS:
                break
        raw["touchpoints"] = touchpoints
        if any(p.severity == "error" for p in validate(raw)):
            return None
        return map_from_raw(raw)
    except Exception:  # any surprise: no first look, the full load speaks
        return None
