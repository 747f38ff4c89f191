"""The headless map model: plain dataclasses and the views derived from them (no textual here)."""

from cjm_tui.model.entities import (
    Action,
    DateValue,
    Emotion,
    MapInfo,
    Persona,
    Stage,
    Touchpoint,
    mean_emotion,
    new_uid,
)
from cjm_tui.model.journey import CurvePoint, Map
from cjm_tui.model.raw import (
    ENTITY_TABLES,
    KNOWN_KEYS,
    TABLE_OF,
    Entity,
    map_from_raw,
    map_to_raw,
    title_of,
    to_raw,
)

__all__ = [
    "ENTITY_TABLES",
    "KNOWN_KEYS",
    "TABLE_OF",
    "Action",
    "CurvePoint",
    "DateValue",
    "Emotion",
    "Entity",
    "Map",
    "MapInfo",
    "Persona",
    "Stage",
    "Touchpoint",
    "map_from_raw",
    "map_to_raw",
    "mean_emotion",
    "new_uid",
    "title_of",
    "to_raw",
]
