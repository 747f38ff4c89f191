"""`n` in a folder of maps: the new map's title; the file (named after it) is written at once
as `cjm new` writes it, and answered so the editor opens it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cjm_tui.editing.newmap import create_map
from cjm_tui.i18n import _
from cjm_tui.model.ids import slugify
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.screens.choice import OneAnswer


def new_map_path(folder: Path, title: str) -> Path:
    """`folder/<slug of the title>.toml`."""
    return folder / f"{slugify(title, 'new-map')}.toml"


class NewMapScreen(OneAnswer, bindings.TranslatedBindings, ModalScreen[Path | None]):
    """Asks for the title; answers the written file, or None."""

    DEFAULT_CSS = """
    NewMapScreen { align: center middle; }
    NewMapScreen > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    NewMapScreen #new-map-file { color: $text-muted; height: auto; }
    NewMapScreen #new-map-error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.NEW_MAP)

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("The new map's title (enter writes it, escape cancels):"))
            yield Input(id="new-map-title", placeholder=_("e.g. Retail customers: first purchase"))
            yield Static(id="new-map-file")
            yield Static(id="new-map-error")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        title = event.value.strip()
        where = new_map_path(self.folder, title).name if title else ""
        self.query_one("#new-map-file", Static).update(
            _("File: {name}", name=clean_line(where)) if where else ""
        )
        self.query_one("#new-map-error", Static).update("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = event.value.strip()
        if not title:
            return
        path = new_map_path(self.folder, title)
        error = self.query_one("#new-map-error", Static)
        if path.exists() or path.is_symlink():
            error.update(_("{name} exists already: choose another title", name=path.name))
            return
        try:
            # With its `#:schema` line and the schema beside it, as `cjm new` writes it. A
            # schema kept because it differs is the folder's own business: the map is fine.
            create_map(path, title)
        except OSError as exc:
            error.update(clean_line(_("Cannot write {name}: {why}", name=path.name, why=exc)))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
