"""Between the model and the plain dicts TOML parsers give (the "raw" form of a map).

Only a map that `validate` accepted is turned into a model, so the conversion trusts types.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from cjm_tui.model.entities import Action, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.model.journey import Map

Entity = Persona | Stage | Touchpoint | Action
E = TypeVar("E", Persona, Stage, Touchpoint, Action)

ENTITY_TABLES: dict[str, type[Entity]] = {
    "personas": Persona,
    "stages": Stage,
    "touchpoints": Touchpoint,
    "actions": Action,
}
TABLE_OF: dict[type[Any], str] = {cls: table for table, cls in ENTITY_TABLES.items()}
"""The table an entity class is written to ("touchpoints" for Touchpoint)."""


def title_of(entity: Entity) -> str:
    """What a person calls an entity: an action's title, anything else's name."""
    return entity.title if isinstance(entity, Action) else entity.name


_INTERNAL = ("extra", "uid")


def known_keys(cls: type[Any]) -> tuple[str, ...]:
    """The TOML keys a model class stands for, in the order a new entry writes them."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _INTERNAL)


KNOWN_KEYS_ORDERED: dict[type[Any], tuple[str, ...]] = {
    cls: known_keys(cls) for cls in (MapInfo, Persona, Stage, Touchpoint, Action)
}
KNOWN_KEYS_BY_CLASS: dict[type[Any], frozenset[str]] = {
    cls: frozenset(keys) for cls, keys in KNOWN_KEYS_ORDERED.items()
}
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "map": known_keys(MapInfo),
    **{table: known_keys(cls) for table, cls in ENTITY_TABLES.items()},
}


def copy_value(value: Any) -> Any:
    """A copy deep enough that editing the model never edits the data it came from."""
    if isinstance(value, list):
        return [copy_value(v) for v in value]
    if isinstance(value, dict):
        return {k: copy_value(v) for k, v in value.items()}
    return value


def _build(cls: type[E], raw: dict[str, Any], copy: Callable[[Any], Any] = copy_value) -> E:
    keys = KNOWN_KEYS_BY_CLASS[cls]
    known = {k: copy(v) for k, v in raw.items() if k in keys}
    extra = {k: copy(v) for k, v in raw.items() if k not in keys}
    return cls(**known, extra=extra)


def _same(value: Any) -> Any:
    return value


def build_entity(table: str, raw: dict[str, Any]) -> Entity:
    """An entry of `table` ("touchpoints"...) from its TOML table."""
    cls: Any = ENTITY_TABLES[table]
    return _build(cls, raw)  # type: ignore[no-any-return]


Item = TypeVar("Item", bound=Persona | Stage | Touchpoint | Action | MapInfo)


def with_raw(item: Item, raw: dict[str, Any]) -> Item:
    """`item` (same uid) holding exactly the keys of `raw`: known ones as fields, the rest as
    unknown keys; a known key missing from `raw` becomes None."""
    known = KNOWN_KEYS_BY_CLASS[type(item)]
    values: dict[str, Any] = {
        k: copy_value(raw[k]) if k in raw else _DEFAULTS[type(item)].get(k) for k in known
    }
    values["extra"] = {k: copy_value(v) for k, v in raw.items() if k not in known}
    return dataclasses.replace(item, **values)


_DEFAULTS: dict[type[Any], dict[str, Any]] = {
    cls: {
        f.name: f.default
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING and f.default is not None
    }
    for cls in (MapInfo, Persona, Stage, Touchpoint, Action)
}
"""Known keys whose absence means a value other than None (the map's `format` and `title`)."""


def map_from_raw(raw: dict[str, Any], copy: bool = True) -> Map:
    """The model of a map's data. `copy=False`: the model takes the data's lists and tables as
    they are (for a caller that drops the data, so nothing else can edit them: `read_map`)."""
    c: Callable[[Any], Any] = copy_value if copy else _same
    info_raw = raw["map"]
    info_keys = KNOWN_KEYS_BY_CLASS[MapInfo]
    info = MapInfo(
        **{k: c(v) for k, v in info_raw.items() if k in info_keys},
        extra={k: c(v) for k, v in info_raw.items() if k not in info_keys},
    )
    return Map(
        info=info,
        personas=[_build(Persona, r, c) for r in raw.get("personas", [])],
        stages=[_build(Stage, r, c) for r in raw.get("stages", [])],
        touchpoints=[_build(Touchpoint, r, c) for r in raw.get("touchpoints", [])],
        actions=[_build(Action, r, c) for r in raw.get("actions", [])],
        extra={k: c(v) for k, v in raw.items() if k not in ("map", *ENTITY_TABLES)},
    )


def to_raw(item: MapInfo | Entity) -> dict[str, Any]:
    """The TOML table for an entity: its keys that are present, then its unknown keys."""
    out: dict[str, Any] = {}
    for name in KNOWN_KEYS_ORDERED[type(item)]:
        value = getattr(item, name)
        if value is not None:
            # The format's own lists and tables hold only scalars: a shallow copy is enough.
            out[name] = value.copy() if isinstance(value, list | dict) else value
    if item.extra:
        out.update(copy_value(item.extra))
    return out


def map_to_raw(m: Map) -> dict[str, Any]:
    """The whole map as plain data (what `json` exports and what tests compare)."""
    raw: dict[str, Any] = {"map": to_raw(m.info)}
    for table in ENTITY_TABLES:
        entries = getattr(m, table)
        if entries:
            raw[table] = [to_raw(e) for e in entries]
    raw.update(m.extra)
    return raw
