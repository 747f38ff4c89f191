"""Three-way merge of maps by id, for `cjm merge` and git's merge driver.

Two people who add touchpoints, or change different fields of the same touchpoint, merge
cleanly. The same field changed both ways, or an entry changed on one side and deleted on
the other, is a conflict named by table, id and field; the merged map then keeps our value
there, so the file written is always a valid map.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cjm_tui.model import ENTITY_TABLES, Entity, Map, Touchpoint, map_to_raw, to_raw
from cjm_tui.model.raw import with_raw


@dataclass
class Conflict:
    table: str
    id: str
    key: str | None
    ours: Any
    theirs: Any

    def describe(self) -> str:
        what = {"map": "map", **{t: t[:-1] for t in ENTITY_TABLES}}[self.table]
        where = what if self.table == "map" else f"{what} {self.id}"
        if self.key is None:
            return f"{where}: {self.ours} on our side, {self.theirs} on theirs (kept ours)"
        return (
            f"{where}: {self.key} changed on both sides: ours {self.ours!r}, "
            f"theirs {self.theirs!r} (kept ours)"
        )


def _merge_fields(
    table: str,
    ident: str,
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    conflicts: list[Conflict],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = [*ours, *(k for k in theirs if k not in ours)]
    for key in keys:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == b:
            value = t
        elif t == b or o == t:
            value = o
        else:
            conflicts.append(Conflict(table, ident, key, o, t))
            value = o
        if value is not None:
            out[key] = value
    return out


def merge_maps(base: Map, ours: Map, theirs: Map) -> tuple[Map, list[Conflict]]:
    """The merged map (built on our entities, so a save keeps our text) and the conflicts."""
    conflicts: list[Conflict] = []
    info_raw = _merge_fields(
        "map", "map", to_raw(base.info), to_raw(ours.info), to_raw(theirs.info), conflicts
    )
    info = with_raw(ours.info, info_raw)
    merged = Map(info=info, extra=ours.extra)
    for table in ENTITY_TABLES:
        b_by = {e.id: e for e in getattr(base, table)}
        o_list: list[Entity] = getattr(ours, table)
        t_list: list[Entity] = getattr(theirs, table)
        o_by = {e.id: e for e in o_list}
        t_by = {e.id: e for e in t_list}
        out: list[Entity] = []
        for e in o_list:
            b, t = b_by.get(e.id), t_by.get(e.id)
            if b is None:  # added on our side (maybe on theirs too)
                if t is None or to_raw(t) == to_raw(e):
                    out.append(e)
                else:
                    fields = _merge_fields(table, e.id, {}, to_raw(e), to_raw(t), conflicts)
                    out.append(with_raw(e, fields))
            elif t is None:  # deleted on their side
                if to_raw(e) != to_raw(b):
                    conflicts.append(Conflict(table, e.id, None, "changed", "deleted"))
                    out.append(e)
            else:
                fields = _merge_fields(table, e.id, to_raw(b), to_raw(e), to_raw(t), conflicts)
                out.append(e if fields == to_raw(e) else with_raw(e, fields))
        setattr(merged, table, out)
        # Their additions, after the entry that precedes them on their side.
        for i, e in enumerate(t_list):
            if e.id in o_by:
                continue
            if e.id in b_by:  # deleted on our side
                if to_raw(e) != to_raw(b_by[e.id]):
                    conflicts.append(Conflict(table, e.id, None, "deleted", "changed"))
                continue
            if isinstance(e, Touchpoint):
                merged.insert_touchpoint(e)
                continue
            before = next((p.id for p in reversed(t_list[:i]) if p.id in {x.id for x in out}), None)
            at = next((k + 1 for k, x in enumerate(out) if x.id == before), len(out))
            out.insert(at if before is not None else len(out), e)
    return merged, conflicts


def dangling(m: Map) -> list[str]:
    """References the merge left pointing at nothing (each side was fine on its own)."""
    from cjm_tui.model.validate import validate

    # A map read without its persona library (`cjm merge` merges what the map's file holds)
    # may name the library's personas: those references are not checked.
    unread = m.info.persona_library is not None and m.library is None
    problems = validate(map_to_raw(m), library_broken=unread)
    return [p.message for p in problems if p.severity == "error"]
