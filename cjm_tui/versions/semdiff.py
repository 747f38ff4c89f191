"""What changed between two versions of a map, by id: the review a person wants from git.

"Emotion at Checkout fell from +1 to -2" instead of TOML lines. Entries are matched by id in
each table; an id that disappears while an entry with the same name appears is a rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from cjm_tui.model import ENTITY_TABLES, Entity, Map, Touchpoint, title_of, to_raw
from cjm_tui.versions.sequences import longest_increasing

Kind = Literal["added", "removed", "renamed", "moved", "reordered", "changed"]


@dataclass
class Change:
    """One difference. `table` is "map" for the [map] table; `key` is set for field changes."""

    kind: Kind
    table: str
    id: str
    name: str = ""
    key: str | None = None
    old: Any = None
    new: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "table": self.table, "id": self.id}
        if self.name:
            out["name"] = self.name
        if self.key is not None:
            out["key"] = self.key
        if self.kind in ("changed", "renamed", "moved"):
            out["old"] = _jsonable(self.old)
            out["new"] = _jsonable(self.new)
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _fields(
    table: str, old: dict[str, Any], new: dict[str, Any], ident: str, name: str
) -> list[Change]:
    skip = {"id"} | ({"stage"} if table == "touchpoints" else set())
    out: list[Change] = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key in skip or old.get(key) == new.get(key):
            continue
        out.append(Change("changed", table, ident, name, key, old.get(key), new.get(key)))
    return out


def diff_maps(old: Map, new: Map) -> list[Change]:
    """Every change from `old` to `new`, table by table, in the new map's order."""
    changes = _fields("map", to_raw(old.info), to_raw(new.info), "map", "")
    stage_renames: dict[str, str] = {}  # a renamed stage does not move its touchpoints
    for table in ENTITY_TABLES:
        before: list[Entity] = getattr(old, table)
        after: list[Entity] = getattr(new, table)
        old_by_id = {e.id: e for e in before}
        new_ids = {e.id for e in after}
        gone = [e for e in before if e.id not in new_ids]
        renamed: dict[str, Entity] = {}  # new id -> old entity
        for e in after:
            if e.id in old_by_id:
                continue
            twin = next(
                (
                    g
                    for g in gone
                    if title_of(g) == title_of(e) and g.id not in {r.id for r in renamed.values()}
                ),
                None,
            )
            if twin is not None:
                renamed[e.id] = twin
        renamed_old = {g.id for g in renamed.values()}
        for e in gone:
            if e.id not in renamed_old:
                changes.append(Change("removed", table, e.id, title_of(e), extra=_where(e)))
        kept_positions: list[int] = []
        position = {e.id: i for i, e in enumerate(before)}
        for e in after:
            was = old_by_id.get(e.id) or renamed.get(e.id)
            if was is None:
                changes.append(Change("added", table, e.id, title_of(e), extra=_where(e)))
                continue
            if was.id != e.id:
                changes.append(Change("renamed", table, e.id, title_of(e), "id", was.id, e.id))
                if table == "stages":
                    stage_renames[was.id] = e.id
            if (
                isinstance(e, Touchpoint)
                and isinstance(was, Touchpoint)
                and e.stage != stage_renames.get(was.stage, was.stage)
            ):
                changes.append(
                    Change("moved", table, e.id, title_of(e), "stage", was.stage, e.stage)
                )
            changes.extend(_fields(table, to_raw(was), to_raw(e), e.id, title_of(e)))
            kept_positions.append(position[was.id])
        in_order = set(longest_increasing(kept_positions))
        for e in after:
            was = old_by_id.get(e.id) or renamed.get(e.id)
            if was is not None and position[was.id] not in in_order:
                changes.append(Change("reordered", table, e.id, title_of(e)))
    extra_keys = set(old.extra) | set(new.extra)
    for key in sorted(extra_keys):
        if old.extra.get(key) != new.extra.get(key):
            changes.append(
                Change("changed", "map", key, "", key, old.extra.get(key), new.extra.get(key))
            )
    return changes


def _where(e: Entity) -> dict[str, Any]:
    return {"stage": e.stage} if isinstance(e, Touchpoint) else {}
