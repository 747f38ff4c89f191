"""A persona library bound to its file: what it holds, and saving edits of its personas in
place with the one writer (`store/write.py`, in its library mode), atomically."""

from __future__ import annotations

import hashlib

from cjm_tui.model import Map, MapInfo, to_raw
from cjm_tui.model.library import library_map
from cjm_tui.store.atomic import write_atomic
from cjm_tui.store.baseline import Baseline
from cjm_tui.store.read import BOM, LibraryText, StoreError


class LibraryFile:
    """The file side of a map's persona library (`MapFile.library`)."""

    def __init__(self, read: LibraryText, m: Map) -> None:
        self.path = read.path
        self.text = read.text
        self.bom = read.data.startswith(BOM.encode())
        self.digest = hashlib.sha256(read.data).hexdigest()
        self._baseline = _baseline(library_map(m))

    def is_changed(self, m: Map) -> bool:
        """Whether the library personas of `m` differ from what the library file holds."""
        return self._baseline.differs(library_map(m))

    def changed_on_disk(self) -> bool:
        try:
            data = self.path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(data).hexdigest() != self.digest

    def save(self, m: Map) -> bool:
        """Write the library personas of `m` to the library file, only what changed.

        Raises WriteError or StoreError (also when someone changed the library since it was
        read: another map's editor saved it); the file is then as it was.
        """
        if not self.is_changed(m):
            return False
        lib = library_map(m)
        from cjm_tui.store.layout import Layout
        from cjm_tui.store.write import render_with_baseline

        text, baseline = render_with_baseline(
            self.text, Layout(self.text), self._baseline, lib, library=True
        )
        if self.changed_on_disk():
            raise StoreError(
                f"{self.path}: error: the persona library changed on disk since it was read; "
                "nothing was saved (open the map again)"
            )
        data = (BOM + text if self.bom else text).encode("utf-8")
        try:
            write_atomic(self.path, data)
        except OSError as exc:
            raise StoreError(f"{self.path}: error: cannot save: {exc.strerror or exc}") from None
        self.text = text
        self.digest = hashlib.sha256(data).hexdigest()
        baseline.info = to_raw(MapInfo())
        self._baseline = baseline
        return True


def _baseline(lib: Map) -> Baseline:
    return Baseline.of_map(lib)


__all__ = ["LibraryFile"]
