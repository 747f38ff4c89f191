"""Changes by id: what one edit did to a map, as steps another copy of the map can replay.

This is the unit editors of one map share (`cjm_tui/together/`) and the unit a shared undo
takes back. It speaks ids and raw TOML values, like `cjm merge`, never the process-local
`uid`: two editors' processes agree on ids, not on uids.

- `between(before, after)` lists the steps from one state to the other. Edits replace only
  the entities they touch, so entries that are the same object are skipped without looking.
- `replay(m, steps, careful)` applies them. Careful (`True`) is for a copy that may have
  changed meanwhile (the shared state, a pending edit rebased, an undo after others' edits):
  a field that someone else changed since stays theirs and comes back in `lost`. Not careful
  is for the shared state's own verdicts, which every copy applies as they are.

Steps, in the order `between` gives them (deletions first, then field changes, then new and
moved entries, so each step finds what it names):
- `Drop(table, id)`: the entry goes.
- `Put(table, id, fields)`: each field goes from old to new (`None`: absent); `id` is the
  entry's id before this step, and a field `id` renames it. Table "map" is the map's details
  and "extra" the unknown top-level tables (its `id` is "").
- `Place(table, id, after, raw)`: the entry stands after entry `after` (`None`: first). With
  `raw` it is a new entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cjm_tui.model import ENTITY_TABLES, Entity, Map, Touchpoint, to_raw
from cjm_tui.model.ids import free_id
from cjm_tui.model.library import is_library_persona
from cjm_tui.model.raw import build_entity, copy_value, with_raw
from cjm_tui.versions.sequences import longest_increasing

ORDER = ("stages", "personas", "touchpoints", "actions")
"""Tables in the order their new entries are placed: a touchpoint's stage exists first."""
DROP_ORDER = ("actions", "touchpoints", "stages", "personas")
"""Tables in the order entries go: an action before its touchpoint, a touchpoint before its
stage."""


@dataclass(frozen=True)
class Drop:
    table: str
    id: str


@dataclass(frozen=True)
class Put:
    table: str
    id: str
    fields: dict[str, tuple[Any, Any]]
    """field -> (old, new); None is an absent key."""


@dataclass(frozen=True)
class Place:
    table: str
    id: str
    after: str | None
    raw: dict[str, Any] | None = None
    """The whole entry when it is new."""
    uid: int | None = field(default=None, compare=False)
    """The new entry's uid in the process that made it, so its own copy keeps it."""


Step = Drop | Put | Place


@dataclass(frozen=True)
class Lost:
    """A step (or part of one) that did not apply, for the one-line notice."""

    table: str
    id: str
    field: str | None
    """The field another editor changed first; None: the entry itself (deleted meanwhile)."""
    mine: Any = None
    theirs: Any = None


@dataclass
class Replayed:
    map: Map
    steps: list[Step]
    """What was applied (careful replay drops what did not apply)."""
    lost: list[Lost]
    renamed: dict[tuple[str, str], str]
    """(table, id) -> the id a new entry got because its own was taken meanwhile."""


# Between two states -------------------------------------------------------------------------


def between(before: Map, after: Map) -> list[Step]:
    """The steps that turn `before` into `after` (entries matched by uid)."""
    drops: list[Step] = []
    puts: list[Step] = []
    places: list[Step] = []
    if before.info is not after.info:
        changed = _fields(to_raw(before.info), to_raw(after.info))
        if changed:
            puts.append(Put("map", "", changed))
    if before.extra is not after.extra and before.extra != after.extra:
        puts.append(Put("extra", "", _fields(before.extra, after.extra)))
    for table in ORDER:
        old: list[Entity] = getattr(before, table)
        new: list[Entity] = getattr(after, table)
        if len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True)):
            continue  # the same objects: nothing in this table changed
        new_at = {e.uid: i for i, e in enumerate(new)}
        old_at = {e.uid: i for i, e in enumerate(old)}
        for e in old:
            if e.uid not in new_at:
                drops.append(Drop(table, e.id))
            else:
                n = new[new_at[e.uid]]
                if n is not e:
                    changed = _fields(to_raw(e), to_raw(n))
                    if changed:
                        puts.append(Put(table, e.id, changed))
        # Which kept entries moved: those off the longest run still in their old order.
        kept = [old_at[e.uid] for e in new if e.uid in old_at]
        still = {old[i].uid for i in longest_increasing(kept)}
        for i, e in enumerate(new):
            previous = new[i - 1].id if i else None
            if e.uid not in old_at:
                places.append(Place(table, e.id, previous, to_raw(e), e.uid))
            elif e.uid not in still:
                places.append(Place(table, e.id, previous))
    drops.sort(key=lambda s: DROP_ORDER.index(s.table))
    return [*drops, *puts, *places]


def _fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    keys = [*old, *(k for k in new if k not in old)]
    return {k: (old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)}


# Replaying steps ------------------------------------------------------------------------------


def replay(
    m: Map,
    steps: Iterable[Step],
    careful: bool,
    uids: dict[tuple[str, str], int] | None = None,
) -> Replayed:
    """`m` with `steps` applied (a new Map; `m` is not changed).

    `uids`: (table, id) -> uid for new entries this process knows already (its own, coming
    back from the shared state), so they keep their identity here.
    """
    out = m.copy()
    applied: list[Step] = []
    lost: list[Lost] = []
    renamed: dict[tuple[str, str], str] = {}
    for step in steps:
        if isinstance(step, Drop):
            if _drop(out, step):
                applied.append(step)
        elif isinstance(step, Put):
            put = _put(out, step, careful, lost)
            if put is not None:
                applied.append(put)
        else:
            place = _place(out, step, careful, lost, renamed, uids or {})
            if place is not None:
                applied.append(place)
    return Replayed(out, applied, lost, renamed)


def _index(entries: Sequence[Entity], ident: str) -> int | None:
    for i, e in enumerate(entries):
        if e.id == ident:
            return i
    return None


def _drop(m: Map, step: Drop) -> bool:
    entries: list[Entity] = getattr(m, step.table)
    i = _index(entries, step.id)
    if i is None:
        return False  # gone already: deleted by someone else too
    if step.table == "personas" and is_library_persona(m, entries[i]):  # type: ignore[arg-type]
        return False  # a persona of the library is not deleted from one map (another editor's)
    del entries[i]
    return True


def _put(m: Map, step: Put, careful: bool, lost: list[Lost]) -> Put | None:
    entries: list[Entity] = []
    i = 0
    if step.table == "extra":
        current = m.extra
    elif step.table == "map":
        current = to_raw(m.info)
    else:
        entries = getattr(m, step.table)
        found = _index(entries, step.id)
        if found is None:
            lost.append(Lost(step.table, step.id, None))
            return None
        i = found
        current = to_raw(entries[i])
    raw = dict(current)
    fields: dict[str, tuple[Any, Any]] = {}
    shared = bool(entries) and step.table == "personas" and is_library_persona(m, entries[i])  # type: ignore[arg-type]
    for key, (old, new) in step.fields.items():
        now = current.get(key)
        if shared and key == "id":
            lost.append(Lost(step.table, step.id, key, new, now))
            continue  # a library persona keeps its id (other maps name it)
        if careful and now != old and now != new:
            lost.append(Lost(step.table, step.id, key, new, now))
            continue
        if now == new:
            continue
        fields[key] = (now, new)
        if new is None:
            raw.pop(key, None)
        else:
            raw[key] = copy_value(new)
    if not fields:
        return None
    if step.table == "extra":
        m.extra = raw
    elif step.table == "map":
        m.info = with_raw(m.info, raw)
    else:
        entries[i] = with_raw(entries[i], raw)
    return Put(step.table, step.id, fields)


def _place(
    m: Map,
    step: Place,
    careful: bool,
    lost: list[Lost],
    renamed: dict[tuple[str, str], str],
    uids: dict[tuple[str, str], int],
) -> Place | None:
    entries: list[Entity] = getattr(m, step.table)
    ident = step.id
    if step.raw is not None:
        if _index(entries, ident) is not None:
            if not careful:
                return None
            # Someone added an entry with this id meanwhile: this one gets the next free id
            # (its own with a suffix: an id is not made again from itself, "park_1" stays).
            ident = free_id(ident, {e.id for e in entries})
            renamed[(step.table, step.id)] = ident
        raw = {**step.raw, "id": ident}
        entity = build_entity(step.table, raw)
        uid = step.uid if step.uid is not None else uids.get((step.table, ident))
        if uid is not None:
            entity = replace(entity, uid=uid)
    else:
        i = _index(entries, ident)
        if i is None:
            return None  # deleted meanwhile: nothing to move
        entity = entries.pop(i)
    after = step.after
    if after is None:
        entries.insert(0, entity)
    else:
        j = _index(entries, after)
        if j is not None:
            entries.insert(j + 1, entity)
        elif isinstance(entity, Touchpoint):
            m.insert_touchpoint(entity)  # its neighbour went meanwhile: journey order
        else:
            entries.append(entity)
    raw_out = None if step.raw is None else {**step.raw, "id": ident}
    return Place(step.table, ident, after, raw_out, step.uid)


# Telling what changed ------------------------------------------------------------------------


def structural(steps: Iterable[Step]) -> bool:
    """Whether the steps may break a reference between entries (so the whole map must be
    checked): anything but field changes that leave ids and references alone."""
    refs = {"id", "stage", "personas", "emotion", "touchpoint"}
    for step in steps:
        if not isinstance(step, Put):
            return True
        if step.table in ENTITY_TABLES and refs.intersection(step.fields):
            return True
    return False
