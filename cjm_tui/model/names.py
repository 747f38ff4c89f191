"""What an entry is called where there is little room: one rule for every view and export."""

from __future__ import annotations

from collections import Counter

from cjm_tui.model.journey import Map

UNNAMED = "(unnamed)"
"""Shown for a name left blank (a map may have one; the linter points it out)."""

SHORT_NAME_LIMIT = 40


def short_names(m: Map, limit: int = SHORT_NAME_LIMIT) -> dict[str, str]:
    """Each persona's name up to its first comma ("Ola, 20, student" is "Ola"), for table
    cells and legends: the whole name where two would read the same, the id where the name is
    blank, cut to `limit` characters with an ellipsis."""
    first = {p.id: p.name.split(",", 1)[0].strip() or p.name.strip() or p.id for p in m.personas}
    seen = Counter(first.values())
    out: dict[str, str] = {}
    for p in m.personas:
        name = first[p.id] if seen[first[p.id]] == 1 else (p.name.strip() or p.id)
        out[p.id] = name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
    return out
