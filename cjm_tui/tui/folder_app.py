"""`cjm edit DIR`: the app of a folder of maps. It answers the map to open (or None: quit);
`cjm edit` then runs the editor on it and comes back here when that editor quits."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import BindingType

from cjm_tui.reports.map_files import find_map_files
from cjm_tui.tui import bindings
from cjm_tui.tui.keymap import KeySetup
from cjm_tui.tui.screens.folder import FolderScreen
from cjm_tui.tui.themes import ThemeSetup, register_themes


class FolderApp(bindings.TranslatedBindings, App[Path | None]):
    TITLE = "cjm"
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(
        self,
        folder: Path,
        highlight: Path | None = None,
        theme: ThemeSetup | None = None,
        keys: KeySetup | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self._highlight = highlight
        if keys is not None and keys.keys:
            self.set_keymap(keys.keys)
        register_themes(self)
        self.theme = (theme or ThemeSetup()).name

    def on_mount(self) -> None:
        self.push_screen(FolderScreen(self.folder, find_map_files(self.folder), self._highlight))
        self.call_after_refresh(gc.enable)  # `cjm edit DIR` starts with it off until now

    @on(FolderScreen.Chosen)
    def _chosen(self, event: FolderScreen.Chosen) -> None:
        self.exit(event.path)

    def rescan(self) -> None:
        """`r`: the folder again (files added or removed meanwhile)."""
        screen = self.screen
        keep = screen.table.highlighted_path if isinstance(screen, FolderScreen) else None
        self.switch_screen(
            FolderScreen(self.folder, find_map_files(self.folder), Path(keep) if keep else None)
        )
