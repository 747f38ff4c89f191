"""The headless map model: plain dataclasses and the views derived from them (no textual here).

Names are imported on first use, so `cjm check` (validation only) never builds the model's
classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cjm_tui.model.entities import Action as Action
    from cjm_tui.model.entities import DateValue as DateValue
    from cjm_tui.model.entities import Emotion as Emotion
    from cjm_tui.model.entities import MapInfo as MapInfo
    from cjm_tui.model.entities import Persona as Persona
    from cjm_tui.model.entities import Stage as Stage
    from cjm_tui.model.entities import Touchpoint as Touchpoint
    from cjm_tui.model.entities import mean_emotion as mean_emotion
    from cjm_tui.model.entities import new_uid as new_uid
    from cjm_tui.model.journey import CurvePoint as CurvePoint
    from cjm_tui.model.journey import Map as Map
    from cjm_tui.model.raw import ENTITY_TABLES as ENTITY_TABLES
    from cjm_tui.model.raw import KNOWN_KEYS as KNOWN_KEYS
    from cjm_tui.model.raw import TABLE_OF as TABLE_OF
    from cjm_tui.model.raw import Entity as Entity
    from cjm_tui.model.raw import map_from_raw as map_from_raw
    from cjm_tui.model.raw import map_to_raw as map_to_raw
    from cjm_tui.model.raw import title_of as title_of
    from cjm_tui.model.raw import to_raw as to_raw

_HOME = {
    "Action": "entities",
    "DateValue": "entities",
    "Emotion": "entities",
    "MapInfo": "entities",
    "Persona": "entities",
    "Stage": "entities",
    "Touchpoint": "entities",
    "mean_emotion": "entities",
    "new_uid": "entities",
    "CurvePoint": "journey",
    "Map": "journey",
    "ENTITY_TABLES": "raw",
    "KNOWN_KEYS": "raw",
    "TABLE_OF": "raw",
    "Entity": "raw",
    "map_from_raw": "raw",
    "map_to_raw": "raw",
    "title_of": "raw",
    "to_raw": "raw",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'cjm_tui.model' has no attribute {name!r}")
    return getattr(importlib.import_module(f"cjm_tui.model.{module}"), name)
