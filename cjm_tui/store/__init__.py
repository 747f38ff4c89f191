"""Files to models and back: fast reads with tomllib, in-place edits, atomic saves."""

from cjm_tui.store.mapfile import DiskState, MapFile
from cjm_tui.store.read import Checked, InvalidMap, StoreError, check_file, check_text
from cjm_tui.store.write import WriteError

__all__ = [
    "Checked",
    "DiskState",
    "InvalidMap",
    "MapFile",
    "StoreError",
    "WriteError",
    "check_file",
    "check_text",
]
