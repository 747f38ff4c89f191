"""Files to models and back: fast reads with tomllib, in-place edits, atomic saves.

Names are imported on first use, so `cjm check` (reads only) never loads the writer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cjm_tui.store.baseline import WriteError as WriteError
    from cjm_tui.store.mapfile import DiskState as DiskState
    from cjm_tui.store.mapfile import MapFile as MapFile
    from cjm_tui.store.read import Checked as Checked
    from cjm_tui.store.read import InvalidMap as InvalidMap
    from cjm_tui.store.read import StoreError as StoreError
    from cjm_tui.store.read import check_file as check_file
    from cjm_tui.store.read import check_text as check_text
    from cjm_tui.store.read import read_map as read_map

_HOME = {
    "Checked": "read",
    "InvalidMap": "read",
    "StoreError": "read",
    "check_file": "read",
    "check_text": "read",
    "read_map": "read",
    "DiskState": "mapfile",
    "MapFile": "mapfile",
    "WriteError": "baseline",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'cjm_tui.store' has no attribute {name!r}")
    return getattr(importlib.import_module(f"cjm_tui.store.{module}"), name)
