"""Random edits of a random map, for the property tests of `cjm diff` and `cjm merge`.

An edit is (touchpoint index, key, new value): what a person changes in the editor's form.
Applying a set of edits gives the map a diff must describe and a merge must combine.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from cjm_tui.model import Map

Edit = tuple[int, str, Any]

KEYS = ("channel", "owner", "doing", "feeling", "emotion")


def values(key: str) -> st.SearchStrategy[Any]:
    if key == "emotion":
        return st.integers(-2, 2)
    return st.text(min_size=1, max_size=12)


@st.composite
def edits(draw: st.DrawFn, m: Map, taken: frozenset[tuple[int, str]] = frozenset()) -> list[Edit]:
    """Up to five edits of different (touchpoint, key) pairs, none of them in `taken`."""
    if not m.touchpoints:
        return []
    spots = [(i, k) for i in range(len(m.touchpoints)) for k in KEYS if (i, k) not in taken]
    chosen = draw(st.lists(st.sampled_from(spots), max_size=5, unique=True)) if spots else []
    return [(i, k, draw(values(k))) for i, k in chosen]


def applied(m: Map, changes: list[Edit]) -> Map:
    """A copy of `m` with the edits made (the same uids: the same entries)."""
    out = copy.deepcopy(m)
    for i, key, value in changes:
        out.touchpoints[i] = replace(out.touchpoints[i], **{key: value})
    return out


def effective(m: Map, changes: list[Edit]) -> set[tuple[str, str]]:
    """(touchpoint id, key) of the edits that change a value."""
    return {
        (m.touchpoints[i].id, key)
        for i, key, value in changes
        if getattr(m.touchpoints[i], key) != value
    }
