"""The headless API for scripts and notebooks: everything here keeps its name across releases.

    from cjm_tui.api import OpenMap, Touchpoint

    om = OpenMap.open("maps/clinic.toml")
    om.add(Touchpoint(id="parking", stage="arrive", name="Parking", emotion=-1))
    om.save()

Import from here rather than from the modules behind it: those may move (see docs/api.md).
Nothing here imports Textual.
"""

from __future__ import annotations

from cjm_tui.editing.openmap import EditError, OpenMap, ReadOnlyError, SaveResult
from cjm_tui.model import Action, Map, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.store import InvalidMap, MapFile, StoreError, WriteError, check_file, check_text

__all__ = [
    "Action",
    "EditError",
    "InvalidMap",
    "Map",
    "MapFile",
    "MapInfo",
    "OpenMap",
    "Persona",
    "ReadOnlyError",
    "SaveResult",
    "Stage",
    "StoreError",
    "Touchpoint",
    "WriteError",
    "check_file",
    "check_text",
]
