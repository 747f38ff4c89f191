"""The editor app: one open map, the main screen, saving and quitting with care."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.content import Content

from cjm_tui.openmap import OpenMap, SaveResult
from cjm_tui.problems import Problem
from cjm_tui.sanitize import clean_line
from cjm_tui.store import InvalidMap, MapFile, StoreError, WriteError
from cjm_tui.tui import bindings
from cjm_tui.tui.commands import CjmCommands
from cjm_tui.tui.keymap import load_keymap
from cjm_tui.tui.notify import tell
from cjm_tui.tui.screens.choice import changed_on_disk, quit_guard
from cjm_tui.tui.screens.help import HelpScreen
from cjm_tui.tui.screens.main import MainScreen


class CjmApp(App[int]):
    """`cjm edit FILE`. Holds the open map; the main screen shows and edits it."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "cjm"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.APP)
    COMMANDS = App.COMMANDS | {CjmCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, om: OpenMap, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.om = om
        self.main = MainScreen(om)
        self._user_keymap = keymap
        self.load_problems: list[Problem] = []
        """Why the full load refused the file (the app then exits with 2; the CLI prints)."""
        self.load_error: str | None = None

    def format_title(self, title: str, sub_title: str) -> Content:
        """File name (with the unsaved marker) first, so a long title cannot hide them."""
        if not sub_title:
            return Content(title)
        return Content.assemble((sub_title, "bold"), (" — ", "dim"), (title, "dim"))

    def on_mount(self) -> None:
        keymap, warning = (
            (self._user_keymap, None) if self._user_keymap is not None else load_keymap()
        )
        if keymap:
            self.set_keymap(keymap)
        self.push_screen(self.main)
        if self.om.is_loading:
            # Painted from the first look; read the whole file once that frame is out (a
            # worker started earlier would compete with the first frame for the interpreter).
            self.set_timer(0.15, self._start_loading)
        else:
            self.call_after_refresh(gc.freeze)
        if warning:
            tell(self, clean_line(warning), severity="warning", timeout=8)

    def _start_loading(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True)

    def _load(self) -> None:
        """In a worker thread: the full load, reported back to the app's thread."""
        try:
            mf = MapFile.load(self.om.path)
        except InvalidMap as exc:
            self.call_from_thread(self._load_failed, exc.problems, None)
        except StoreError as exc:
            self.call_from_thread(self._load_failed, [], str(exc))
        else:
            self.call_from_thread(self._loaded, mf)

    def _loaded(self, mf: MapFile) -> None:
        self.om.finish_loading(mf)
        self.main.refresh_views()
        # The map and the widgets live as long as the app: keep the collector from walking
        # them again on every full collection (those pauses set the worst keypress times).
        gc.freeze()

    def _load_failed(self, problems: list[Problem], error: str | None) -> None:
        self.load_problems = problems
        self.load_error = error
        self.exit(2)

    # Files -------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, force: bool = False, then_quit: bool = False) -> None:
        try:
            result = self.om.save(force=force)
        except (StoreError, WriteError) as exc:
            tell(self, clean_line(str(exc)), severity="error", title="Not saved", timeout=10)
            return
        if result is SaveResult.CHANGED_ON_DISK:
            self.push_screen(
                changed_on_disk(str(self.om.path)), lambda a: self._on_disk_answer(a, then_quit)
            )
            return
        self.main.refresh_views()
        if then_quit:
            self.exit(0)
            return
        name = clean_line(self.om.path.name)
        done = "Saved" if result is SaveResult.SAVED else "Nothing to save in"
        tell(self, f"{done} {name}", timeout=2)

    def _on_disk_answer(self, answer: str | None, then_quit: bool) -> None:
        if answer == "overwrite":
            self.save(force=True, then_quit=then_quit)
        elif answer == "reload":
            try:
                self.om.reload()
            except Exception as exc:  # an invalid file on disk: say so, keep ours
                tell(self, clean_line(str(exc)), severity="error", title="Not reloaded")
                return
            self.main.refresh_views()
            tell(self, "Reloaded from disk; ctrl+z brings your changes back.")

    # Undo ----------------------------------------------------------------------------

    def action_undo(self) -> None:
        what = self.om.undo()
        self._after_history("Undid", what, "Nothing to undo")

    def action_redo(self) -> None:
        what = self.om.redo()
        self._after_history("Redid", what, "Nothing to redo")

    def _after_history(self, verb: str, what: str | None, nothing: str) -> None:
        if what is None:
            tell(self, nothing, timeout=2)
            return
        self.main.refresh_views()
        tell(self, clean_line(f"{verb}: {what}"), timeout=2)

    # Help and quit -----------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if not self.om.dirty:
            self.exit(0)
            return
        if self.screen is not self.main:
            return  # a dialog is open: it decides first
        self.push_screen(quit_guard(), self._on_quit_answer)

    def _on_quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self.save(then_quit=True)
        elif answer == "discard":
            self.exit(0)


def build_app(path: str | Path, keymap: dict[str, str] | None = None) -> CjmApp:
    """The app on a map file (for `cjm edit` and for tests). Raises InvalidMap/StoreError."""
    return CjmApp(OpenMap.open(path), keymap=keymap if keymap is not None else None)
