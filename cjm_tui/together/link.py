"""Where editors of one map meet, and what the session tells the editor on screen.

The editor that hosts a map listens on a Unix socket named in the map's lock file (see
`cjm_tui/editing/lock.py`): beside the map when the path is short enough for a socket
(about 100 bytes), else in the user's runtime folder under a hash of the map's real path.
Two maps never share a socket; another host's lock (a shared drive) cannot be joined.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cjm_tui.together.people import Person
from cjm_tui.together.wire import LIMIT, decode, encode

SOCKET_SUFFIX = ".cjm-sock"
MAX_SOCKET_PATH = 100
"""sun_path holds 108 bytes on Linux, 104 on macOS: stay under both."""


def socket_path(map_path: str | os.PathLike[str]) -> Path:
    path = Path(map_path).absolute()
    beside = path.with_name(f".{path.name}{SOCKET_SUFFIX}")
    if len(os.fsencode(beside)) < MAX_SOCKET_PATH:
        return beside
    digest = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:24]
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(folder) / f"cjm-{digest}{SOCKET_SUFFIX}"


def socket_mode(map_path: Path) -> int:
    """Who may connect: whoever may write the map (connecting needs write permission)."""
    try:
        mode = map_path.stat().st_mode
    except OSError:
        return 0o600
    out = 0o600
    if mode & stat.S_IWGRP:
        out |= 0o060
    if mode & stat.S_IWOTH:
        out |= 0o006
    return out


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).absolute() == Path(b).absolute()


@dataclass(frozen=True)
class SaveAnswer:
    """What a save of the shared map did, for the editor that asked."""

    wrote: bool
    """The file was written (False: nothing to write, or not saved)."""
    ok: bool = True
    why: str | None = None
    """Not saved: why, in one line."""
    ask: bool = False
    """Not saved: the file on disk is no longer a valid map; ask before overwriting it."""


class Listener(Protocol):
    """What the session tells the editor on screen (all on the editor's event loop)."""

    def shared_changed(self) -> None:
        """The open map's `map` changed by another editor or the file: draw it again."""

    def people_changed(self, people: list[Person]) -> None: ...

    def say(self, text: str, severity: str = "information") -> None: ...

    def saved(self, answer: SaveAnswer, mine: bool) -> None:
        """A save of the shared map: this editor's own (`mine`), or someone else's."""


class Line:
    """One connection: JSON lines in and out."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, path: str | os.PathLike[str]) -> Line:
        reader, writer = await asyncio.open_unix_connection(os.fspath(path), limit=LIMIT)
        return cls(reader, writer)

    def send(self, message: dict[str, Any]) -> None:
        self.send_bytes(encode(message))

    def send_bytes(self, data: bytes) -> None:
        if not self.writer.is_closing():
            self.writer.write(data)

    async def receive(self) -> dict[str, Any] | None:
        """The next message, or None when the other side is gone."""
        try:
            line = await self.reader.readline()
        except (ConnectionError, asyncio.LimitOverrunError, ValueError):
            return None
        if not line:
            return None
        return decode(line)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
