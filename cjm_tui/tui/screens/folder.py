"""`cjm edit DIR`: the folder's maps as a list; `enter` opens one, `n` starts one, `v` looks
across them.

The list paints with the file names at once; a worker thread reads the maps and fills in
their figures as it goes, so a folder of 200 maps is usable before it is read.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.worker import get_current_worker

from cjm_tui.i18n import _, _n
from cjm_tui.reports.folder_list import MapRow, first_rows, read_row
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.components.map_table import MapList, MapTable
from cjm_tui.tui.notify import tell

FIRST_FRAME_SECONDS = 0.15
"""How long after mounting the maps start being read."""
BATCH_SECONDS = 0.1
"""Rows read meanwhile reach the table at most this often (one repaint per batch)."""


class FolderScreen(bindings.TranslatedBindings, Screen[None]):
    """The maps of one folder."""

    DEFAULT_CSS = """
    FolderScreen #folder-status { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FOLDER)

    class Chosen(Message):
        """The person chose a map to open (`path`), or to start one there."""

        def __init__(self, path: Path, new: bool = False) -> None:
            super().__init__()
            self.path = path
            self.new = new

    def __init__(self, folder: Path, files: list[Path], highlight: Path | None = None) -> None:
        super().__init__()
        self.folder = folder
        self._first = first_rows(folder, files)
        self._highlight = highlight

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical():
            yield MapTable(id="maps")
            yield Static(id="folder-status")
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = clean_line(self.folder.resolve().name or str(self.folder))
        table = self.table
        table.show_rows(self._first)
        if self._highlight is not None:
            table.highlight_path(str(self._highlight))
        table.focus()
        self._status()
        # Read once the first frame is out: a worker started now would compete with it for
        # the interpreter (the names are what a person needs first).
        self.set_timer(FIRST_FRAME_SECONDS, lambda: self._read_all(list(self._first)))

    @property
    def table(self) -> MapList:
        return self.query_one(MapList)

    @property
    def rows(self) -> list[MapRow]:
        """The maps as the list shows them (their figures in as they are read)."""
        return self.table.rows

    # Reading the maps ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="folder")
    def _read_all(self, rows: list[MapRow]) -> None:
        worker = get_current_worker()
        done: list[MapRow] = []
        last = time.monotonic()
        for row in rows:
            if worker.is_cancelled:
                return
            done.append(read_row(row))
            if time.monotonic() - last > BATCH_SECONDS:
                self.app.call_from_thread(self._filled, done)
                done, last = [], time.monotonic()
        self.app.call_from_thread(self._filled, done)

    def _filled(self, rows: list[MapRow]) -> None:
        table = self.table
        for row in rows:
            table.update_row(row)
        self._status()

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._status()

    def _status(self) -> None:
        read = sum(1 for r in self.rows if r.read)
        bad = sum(1 for r in self.rows if r.problem is not None)
        total = len(self.rows)
        if not total:
            text = _("No maps in this folder: n starts one.")
        else:
            text = _n("{n} map", "{n} maps", total)
            if read < total:
                text += " · " + _("reading {read} of {total}…", read=read, total=total)
            if bad:
                text += " · " + _n("{n} is not a valid map", "{n} are not valid maps", bad)
        row = self._highlighted() if total else None
        if row is not None:  # the whole name (the table cuts it) and, for a bad file, why
            text = f"{row.name}" + (f": {row.problem}" if row.problem else "") + " · " + text
        self.query_one("#folder-status", Static).update(Text(text))

    # Keys ---------------------------------------------------------------------------------------

    def _highlighted(self) -> MapRow | None:
        return self.table.highlighted_row

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        row = self._highlighted()
        if row is None:
            return
        if not row.read:
            tell(self, _("Still reading this map; try again in a moment."))
            return
        if row.library:
            tell(
                self,
                _(
                    "{name} is a persona library: the maps that use it show its personas.",
                    name=row.name,
                ),
            )
            return
        if row.problem is not None:
            tell(
                self,
                _("{name} is not a valid map: {problem}", name=row.name, problem=row.problem),
                severity="error",
                timeout=8,
            )
            return
        self.post_message(self.Chosen(row.path))

    def action_new_map(self) -> None:
        from cjm_tui.tui.screens.new_map import NewMapScreen

        def made(path: Path | None) -> None:
            if path is not None:
                self.post_message(self.Chosen(path, new=True))

        self.app.push_screen(NewMapScreen(self.folder), made)

    def action_views(self) -> None:
        from cjm_tui.tui.screens.across_maps import AcrossMapsScreen

        maps = [r.path for r in self.rows if r.can_open]
        if not maps:
            tell(self, _("No valid maps read yet."))
            return
        self.app.push_screen(AcrossMapsScreen(self.folder, maps))

    def action_rescan(self) -> None:
        rescan = getattr(self.app, "rescan", None)
        if callable(rescan):
            rescan()
