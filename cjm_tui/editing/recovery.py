"""Recovery drafts: the unsaved state of a map, kept beside it so a crash never loses work.

The draft of `NAME.toml` is `.NAME.toml.cjm-draft` in the same directory (hidden, so `git
status` stays quiet; `.*.cjm-draft` belongs in `.gitignore`). Its content is the full text the
map would be saved as (rendered by the project's one writer, `MapFile.render`), below a few
comment lines, so the draft is itself a valid map file: `cjm check` reads it, and copying it over
the map restores it by hand. One of those comment lines is a JSON header:

    # cjm-draft {"format": 1, "map": "NAME.toml", "written": "...", "base": {...}}

`base` is the map file as the editor loaded it (mtime, size, sha256; null for a map that was
never saved); it tells whether the map changed on disk after the draft's editor opened it.
A draft is written atomically: it is the old draft or the new one, never half of either.
Headless: no textual here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.store.atomic import write_atomic
from cjm_tui.store.mapfile import DiskState, MapFile, model_of
from cjm_tui.store.read import InvalidMap, check_text, decode

SUFFIX = ".cjm-draft"
HEADER = "# cjm-draft "
FORMAT = 1
_HEAD_BYTES = 4096
"""The header is in the first lines; reading this much finds it without reading the map."""


class DraftError(Exception):
    """A draft that cannot be used (unreadable, not a valid map, another map's); one line."""


@dataclass(frozen=True)
class Draft:
    """A draft as read back: the map it holds and what it was based on."""

    path: Path
    map: Map
    map_name: str
    written: dt.datetime
    """When it was written (aware, UTC)."""
    base: DiskState | None
    """The map file as its editor loaded it; None for a map never saved (or no header)."""
    has_header: bool


def draft_path(map_path: str | os.PathLike[str]) -> Path:
    """Where the draft of a map lives: `.NAME.toml.cjm-draft` beside `NAME.toml`."""
    path = Path(map_path)
    return path.with_name(f".{path.name}{SUFFIX}")


def draft_text(mf: MapFile, m: Map, now: dt.datetime | None = None) -> str:
    """The draft's content: the header, then the text `mf.save(m)` would write.

    Raises WriteError when the writer cannot render `m` (the map is then not touched either).
    """
    body = mf.render(m)
    written = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    base = mf.disk
    header: dict[str, Any] = {
        "format": FORMAT,
        "map": mf.path.name,
        "written": written.isoformat(timespec="seconds"),
        "base": None
        if base is None
        else {"mtime_ns": base.mtime_ns, "size": base.size, "sha256": base.digest},
    }
    newline = "\r\n" if "\r\n" in body.split("\n", 1)[0] + "\n" else "\n"
    name = clean_line(mf.path.name)
    lines = [
        f"# Recovery draft of {name}: unsaved changes kept by cjm edit (not the map itself).",
        f"# Opening {name} in cjm edit offers to restore it; deleting this file drops it.",
        HEADER + json.dumps(header, ensure_ascii=True, separators=(", ", ": ")),
    ]
    return newline.join(lines) + newline + body


def write_draft(mf: MapFile, m: Map, now: dt.datetime | None = None) -> Path:
    """Write the draft of `mf`'s map holding `m`, atomically; returns its path.

    A new draft gets the map file's permissions (a private map keeps a private draft).
    Raises WriteError (cannot render) or OSError (the disk refused).
    """
    data = draft_text(mf, m, now).encode("utf-8")
    target = draft_path(mf.path)
    mode = None
    if not target.exists():
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(mf.path.stat().st_mode) & 0o666
    write_atomic(target, data, mode=mode)
    return target


def remove_draft(map_path: str | os.PathLike[str]) -> bool:
    """Delete the draft of a map; False when there was none (or it could not be removed)."""
    try:
        draft_path(map_path).unlink()
    except OSError:
        return False
    return True


def find_draft(map_path: str | os.PathLike[str]) -> Path | None:
    """The map's draft if it is worth offering, else None.

    It is when it exists and the map does not (a new map, never saved), or the draft is
    newer than the map, or the map is still exactly what the draft was based on (its time
    moved without a change, as a checkout or `touch` does).
    """
    path = Path(map_path)
    draft = draft_path(path)
    try:
        dst = draft.stat()
    except OSError:
        return None
    if not stat.S_ISREG(dst.st_mode):
        return None
    try:
        mst = path.stat()
    except FileNotFoundError:
        return draft
    except OSError:
        return None
    if dst.st_mtime_ns > mst.st_mtime_ns:
        return draft
    base = _base_of_head(draft)
    return draft if base is not None and not _differs(path, base) else None


def read_draft(map_path: str | os.PathLike[str]) -> Draft:
    """Read and validate a map's draft like a map load. Raises DraftError (one line)."""
    path = Path(map_path)
    draft = draft_path(path)
    try:
        data = draft.read_bytes()
        mtime = draft.stat().st_mtime
    except OSError as exc:
        raise DraftError(f"{draft}: cannot read: {exc.strerror or exc}") from None
    try:
        text = decode(data, str(draft))
    except InvalidMap as exc:
        raise DraftError(exc.problems[0].format()) from None
    checked = check_text(text, str(draft))
    if not checked.ok:
        first = next(p for p in checked.problems if p.severity == "error")
        raise DraftError(f"not a valid map: {first.format()}")
    header = _header(text)
    name = str(header.get("map", path.name)) if header else path.name
    if name != path.name:
        raise DraftError(f"{draft}: this draft belongs to {clean_line(name)}, not {path.name}")
    written = _when(header.get("written") if header else None)
    if written is None:
        written = dt.datetime.fromtimestamp(mtime, dt.UTC)
    return Draft(
        path=draft,
        map=model_of(checked)[0],
        map_name=name,
        written=written,
        base=_base(header.get("base")) if header else None,
        has_header=header is not None,
    )


def map_changed_since(draft: Draft, map_path: str | os.PathLike[str]) -> bool:
    """Whether the map file is no longer what the draft's editor loaded.

    A draft of a map never saved counts the map appearing since as a change; a draft without
    a header cannot tell, and says no.
    """
    path = Path(map_path)
    if draft.base is None:
        return draft.has_header and path.exists()
    return _differs(path, draft.base)


# Inside -------------------------------------------------------------------------------------


def _differs(path: Path, base: DiskState) -> bool:
    try:
        st = path.stat()
        if (st.st_mtime_ns, st.st_size) == (base.mtime_ns, base.size):
            return False
        if st.st_size != base.size:
            return True
        return hashlib.sha256(path.read_bytes()).hexdigest() != base.digest
    except OSError:
        return True


def _header(text: str) -> dict[str, Any] | None:
    for line in text.splitlines():
        if not line.startswith("#"):
            return None
        if line.startswith(HEADER):
            try:
                found = json.loads(line[len(HEADER) :])
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    return None


def _base_of_head(draft: Path) -> DiskState | None:
    try:
        with draft.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    header = _header(head.rsplit("\n", 1)[0] if len(head) == _HEAD_BYTES else head)
    return _base(header.get("base")) if header else None


def _base(value: Any) -> DiskState | None:
    if not isinstance(value, dict):
        return None
    mtime, size, digest = value.get("mtime_ns"), value.get("size"), value.get("sha256")
    if isinstance(mtime, int) and isinstance(size, int) and isinstance(digest, str):
        return DiskState(mtime, size, digest)
    return None


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        found = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=dt.UTC)


__all__ = [
    "Draft",
    "DraftError",
    "draft_path",
    "draft_text",
    "find_draft",
    "map_changed_since",
    "read_draft",
    "remove_draft",
    "write_draft",
]
