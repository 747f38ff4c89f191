"""A map bound to its file: load it, know what the file holds, save edits in place."""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cjm_tui.model import Map
from cjm_tui.model.library import own_map
from cjm_tui.store.atomic import write_atomic
from cjm_tui.store.baseline import Baseline, WriteError
from cjm_tui.store.library import LibraryFile
from cjm_tui.store.read import (
    BOM,
    Checked,
    InvalidMap,
    StoreError,
    check_text,
    decode,
    map_of,
    read_bytes,
)

if TYPE_CHECKING:
    from cjm_tui.store.layout import Layout


@dataclass(frozen=True)
class DiskState:
    """What the file looked like when we last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> DiskState:
        st = path.stat()
        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


class MapFile:
    """The file side of an open map.

    `map` is the model as loaded; callers edit it (or a copy) and hand it to `save`, which
    writes only the difference from what the file holds.
    """

    def __init__(
        self,
        path: Path,
        text: str,
        m: Map,
        baseline: Baseline,
        disk: DiskState | None,
        unsaved_text: bool = False,
        bom: bool = False,
        library: LibraryFile | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.map = m
        self._baseline = baseline
        self._layout: Layout | None = None
        self.disk = disk
        self._unsaved_text = unsaved_text
        """The text itself is not on disk yet (a new map): the first save writes it."""
        self.bom = bom
        """The file starts with a UTF-8 byte order mark, which a save keeps."""
        self.library = library
        """The map's persona library: its personas' edits are saved there."""
        self._lock = threading.RLock()
        """A save moves the layout's blocks in place: never while a draft renders from it
        (in a worker thread)."""

    @classmethod
    def load(cls, path: str | os.PathLike[str], without_library: bool = False) -> MapFile:
        """Read and validate a map. Raises StoreError (unreadable) or InvalidMap.

        `without_library`: the map's own file only, its persona library not read (see
        `check_text`): for git's diff and merge drivers."""
        path = Path(path)
        data = read_bytes(path)
        text = decode(data, str(path))
        checked = check_text(text, str(path), without_library=without_library)
        if not checked.ok:
            raise InvalidMap([p for p in checked.problems if p.severity == "error"])
        m, library = model_of(checked)
        bom = data.startswith(BOM.encode())
        return cls(
            path,
            text,
            m,
            Baseline.of_map(own_map(m)),
            DiskState.of(path, data),
            bom=bom,
            library=library,
        )

    @classmethod
    def from_text(cls, path: str | os.PathLike[str], text: str) -> MapFile:
        """A map for a file that does not exist yet (written on the first save)."""
        path = Path(path)
        checked = check_text(text, str(path))
        if not checked.ok:
            raise InvalidMap(checked.problems)
        m, library = model_of(checked)
        return cls(
            path, text, m, Baseline.of_map(own_map(m)), None, unsaved_text=True, library=library
        )

    @property
    def layout(self) -> Layout:
        from cjm_tui.store.layout import Layout

        if self._layout is None:
            self._layout = Layout(self.text)
        return self._layout

    def prepare_save(self) -> None:
        """Find the file's tables now, for the first save to be as quick as the next ones:
        the editor calls this in a worker once the map is on screen (a load reads the
        values only; finding where each table stands in the text costs a scan of all of it,
        60 ms at 2,000 touchpoints)."""
        from cjm_tui.store.write import prepare

        with self._lock:
            prepare(self.layout)

    def is_changed(self, m: Map) -> bool:
        """Whether `m` differs from what the file holds."""
        return (
            self._unsaved_text
            or self._baseline.differs(own_map(m))
            or (self.library is not None and self.library.is_changed(m))
        )

    def render(self, m: Map) -> str:
        """The file's text with `m`'s changes applied in place (for a recovery draft, which
        is read back through the model: the whole-text check of `save` is skipped).
        Raises WriteError."""
        from cjm_tui.store.write import render

        with self._lock:
            return render(self.text, self.layout, self._baseline, own_map(m), verify=False)

    def changed_on_disk(self) -> bool:
        """Whether someone else changed (or removed) the file since we read or wrote it."""
        if self.disk is None:
            return self.path.exists()
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return True
        if (st.st_mtime_ns, st.st_size) == (self.disk.mtime_ns, self.disk.size):
            return False
        try:
            data = self.path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(data).hexdigest() != self.disk.digest

    def save(self, m: Map) -> bool:
        """Write `m` to the file atomically; returns False when there was nothing to write.

        Raises WriteError (cannot be written in place) or StoreError (the disk refused);
        in both cases the file is exactly as it was. Edits of the library's personas are
        written to the library file first (the map's own file never holds them).
        """
        with self._lock:
            return self._save(m)

    def _save(self, m: Map) -> bool:
        from cjm_tui.store.write import render_save

        saved = render_save(self.text, self.layout, self._baseline, own_map(m))
        text, baseline = saved.text, saved.baseline
        wrote_library = self.library is not None and self.library.save(m)
        if text == self.text and not self._unsaved_text:
            self._baseline = baseline  # same data, maybe new uids (an undone delete)
            if wrote_library:
                self.map = m
            return wrote_library
        data = (BOM + text if self.bom else text).encode("utf-8")
        try:
            write_atomic(self.path, data)
            disk = DiskState.of(self.path, data)
        except OSError as exc:
            raise StoreError(f"{self.path}: error: cannot save: {exc.strerror or exc}") from None
        self.text = text
        if not saved.follow():
            self._layout = None
        self._baseline = baseline
        self._unsaved_text = False
        self.disk = disk
        self.map = m
        return True


def model_of(checked: Checked) -> tuple[Map, LibraryFile | None]:
    """The model of a checked map, with its persona library's personas first."""
    m = map_of(checked)
    return m, (LibraryFile(checked.library, m) if checked.library is not None else None)


__all__ = ["InvalidMap", "MapFile", "StoreError", "WriteError", "model_of"]
