"""What a map file holds, as data: the reference a save compares the model with
(`Baseline`), the cheap fingerprints that tell which entries changed (`snapshots`), and the
error of a save that cannot be written (`WriteError`).

Apart from the writer (`write.py`) so that reading a map for the editor's first frame never
imports the writer: it is needed first at the first save.
"""

from __future__ import annotations

import marshal
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cjm_tui.model import ENTITY_TABLES, Entity, Map, to_raw
from cjm_tui.model.raw import KNOWN_KEYS_ORDERED, copy_value
from cjm_tui.store.values import same_data


class WriteError(Exception):
    """The edit cannot be written in place; the file is left as it is."""


_FIELDS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    table: operator.attrgetter(*KNOWN_KEYS_ORDERED[cls], "extra")
    for table, cls in ENTITY_TABLES.items()
}


def snapshots(table: str, entities: list[Entity]) -> list[bytes | None]:
    """Each entry's fields (its unknown keys too) as bytes, for telling cheaply which entries
    changed since: equal bytes are equal data of the same types (marshal tells True from 1
    and 1.0; format 0 writes every string alike, interned or not). None where a value has
    no such bytes (a date): that entry is compared in full."""
    fields = _FIELDS[table]
    try:
        return [marshal.dumps(fields(e), 0) for e in entities]
    except (ValueError, AttributeError):
        return [_snapshot(fields, e) for e in entities]


def snapshot(table: str, entity: Entity) -> bytes | None:
    """One entry's `snapshots` entry."""
    return _snapshot(_FIELDS[table], entity)


def _snapshot(fields: Callable[[Any], tuple[Any, ...]], entity: Entity) -> bytes | None:
    try:
        return marshal.dumps(fields(entity), 0)
    except (ValueError, AttributeError):
        return None


@dataclass
class Baseline:
    """What the file holds, as data: the reference a save compares the model with."""

    info: dict[str, Any]
    extra: dict[str, Any]
    tables: dict[str, list[tuple[int, dict[str, Any]]]]
    """Per array table: (uid, raw entry) in file order."""
    snaps: dict[str, list[bytes | None]] = field(default_factory=dict)
    """Per array table, the `snapshots` of the entries the raws were made from (a table
    without them is compared entry by entry in full)."""

    @classmethod
    def empty(cls) -> Baseline:
        """The baseline of a file that does not exist yet."""
        return cls(info={}, extra={}, tables={t: [] for t in ENTITY_TABLES})

    @classmethod
    def of_map(cls, m: Map) -> Baseline:
        return cls(
            info=to_raw(m.info),
            extra=copy_value(m.extra),
            tables={t: [(e.uid, to_raw(e)) for e in getattr(m, t)] for t in ENTITY_TABLES},
            snaps={t: snapshots(t, getattr(m, t)) for t in ENTITY_TABLES},
        )

    def changed(self, table: str, entities: list[Entity]) -> list[int] | None:
        """The positions of the entries of `table` whose data may differ from the file's
        (a superset: equal data written differently in memory counts too), or None when
        entries were added, removed or reordered."""
        entries = self.tables[table]
        if len(entities) != len(entries):
            return None
        if [e.uid for e in entities] != [uid for uid, _ in entries]:
            return None
        old = self.snaps.get(table)
        if old is None:
            return list(range(len(entities)))
        now = snapshots(table, entities)
        if now == old:
            return []
        return [i for i, (a, b) in enumerate(zip(now, old, strict=True)) if a is None or a != b]

    def differs(self, m: Map) -> bool:
        if not same_data(to_raw(m.info), self.info) or not same_data(m.extra, self.extra):
            return True
        for table, entries in self.tables.items():
            current: list[Entity] = getattr(m, table)
            maybe = self.changed(table, current)
            if maybe is None:
                return True
            for i in maybe:
                if not same_data(to_raw(current[i]), entries[i][1]):
                    return True
        return False
