"""Who hosts a map: a small lock file beside it, naming the editor and the socket it serves
the map's other editors on (`cjm_tui/together/`).

`.NAME.toml.cjm-lock` next to `NAME.toml` holds JSON: pid, host, user, since, the socket (and
the process's start time where the system tells it). It is created whole or not at all (a
temporary file hard-linked into place, which fails when a lock is already there) and removed
when the editor quits, also through `atexit`. An editor killed outright leaves its lock
behind: a lock whose process no longer runs on this host (or is a zombie) is stale and
replaced. A lock from another host (a shared drive) cannot be checked and is respected.

Headless: no textual here.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cjm_tui.store.atomic import create_atomic

LOCK_SUFFIX = ".cjm-lock"


def lock_path(map_path: str | os.PathLike[str]) -> Path:
    """The lock file of a map: `.NAME.toml.cjm-lock` in the map's folder."""
    path = Path(map_path)
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class Holder:
    """The editor that holds a lock, as its lock file says."""

    pid: int
    host: str
    user: str
    since: str
    """When it took the lock, ISO 8601 with the offset."""
    started: int | None = None
    """The process's start time in clock ticks since boot (Linux), to tell a reused pid."""
    socket: str | None = None
    """Where the holder serves the map to other editors on this host (see `cjm_tui/together/`)."""

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "pid": self.pid,
            "host": self.host,
            "user": self.user,
            "since": self.since,
        }
        if self.started is not None:
            data["started"] = self.started
        if self.socket is not None:
            data["socket"] = self.socket
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Holder | None:
        """The holder a lock file names, or None when it is not a lock this program wrote."""
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(raw, dict):
            return None
        pid, started, sock = raw.get("pid"), raw.get("started"), raw.get("socket")
        if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
            return None
        return cls(
            pid=pid,
            host=str(raw.get("host", "")),
            user=str(raw.get("user", "")),
            since=str(raw.get("since", "")),
            started=started if isinstance(started, int) and not isinstance(started, bool) else None,
            socket=sock if isinstance(sock, str) and sock else None,
        )

    @classmethod
    def of_unreadable(cls, path: Path) -> Holder:
        """What can be told of a lock file this user may not read: its owner and its time."""
        try:
            st = path.stat()
        except OSError:
            return cls(pid=0, host="", user="", since="")
        try:
            import pwd

            user = pwd.getpwuid(st.st_uid).pw_name
        except (ImportError, KeyError):
            user = str(st.st_uid)
        since = datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds")
        return cls(pid=0, host="", user=user, since=since)

    def since_time(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.since)
        except ValueError:
            return None

    def is_alive(self) -> bool:
        """Whether the holding editor may still run; only a lock of this host can be checked."""
        if self.host != this_host():
            return True
        if not pid_alive(self.pid) or is_zombie(self.pid):
            return False
        if self.started is not None and self.pid != os.getpid():
            now = process_start(self.pid)
            if now is not None and now != self.started:
                return False  # the pid was reused by another process
        return True


def this_host() -> str:
    return socket.gethostname()


def this_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no name for this uid (some containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (`kill(pid, 0)`)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    except OSError:
        return True  # cannot tell: keep the lock
    return True


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the name (field 3 on), where /proc exists."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.rsplit(")", 1)[-1].split()


def process_start(pid: int) -> int | None:
    """When a process started, in clock ticks since boot, where /proc says so (else None)."""
    fields = _stat(pid)
    try:
        return int(fields[19]) if fields else None
    except (ValueError, IndexError):
        return None


def is_zombie(pid: int) -> bool:
    """A process that ended but was not yet reaped (a killed editor whose parent still
    waits): `kill(pid, 0)` succeeds on it, yet it holds nothing."""
    fields = _stat(pid)
    return bool(fields) and fields[0] == "Z"  # type: ignore[index]


def me(sock: str | None = None) -> Holder:
    """A holder describing this process, now (serving other editors at `sock`)."""
    return Holder(
        pid=os.getpid(),
        host=this_host(),
        user=this_user(),
        since=datetime.now().astimezone().isoformat(timespec="seconds"),
        started=process_start(os.getpid()),
        socket=sock,
    )


class Locked(Exception):
    """Another running editor holds the map."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(f"held by {holder.user}@{holder.host}, pid {holder.pid}")
        self.holder = holder


class MapLock:
    """A lock this process holds; `release()` removes it (also at exit, if still held)."""

    def __init__(self, path: Path, content: bytes) -> None:
        self.path = path
        self._content = content
        self.held = True
        atexit.register(self.release)

    def release(self) -> None:
        """Remove the lock file, if it is still ours. Safe to call twice."""
        if not self.held:
            return
        self.held = False
        with contextlib.suppress(Exception):
            atexit.unregister(self.release)
        with contextlib.suppress(OSError):
            if self.path.read_bytes() == self._content:
                self.path.unlink()


def holder_of(map_path: str | os.PathLike[str]) -> Holder | None:
    """The live editor holding this map, or None (no lock, or a stale one)."""
    try:
        data = lock_path(map_path).read_bytes()
    except OSError:
        return None
    holder = Holder.from_json(data)
    return holder if holder is not None and holder.is_alive() else None


def acquire(
    map_path: str | os.PathLike[str], attempts: int = 3, sock: str | None = None
) -> MapLock:
    """Take the map's lock. Raises `Locked` when a running editor holds it.

    A stale lock (its process is gone) is replaced; so is a lock file that is not JSON this
    program wrote. Raises OSError when the lock cannot be written (a read-only folder).
    """
    path = lock_path(map_path)
    content = me(sock).to_json()
    for _ in range(attempts):
        try:
            create_atomic(path, content)  # readable by the others who share the map
        except FileExistsError:
            pass
        else:
            return MapLock(path, content)
        try:
            seen = path.read_bytes()
        except FileNotFoundError:
            continue  # released meanwhile: try again
        except PermissionError:
            raise Locked(Holder.of_unreadable(path)) from None  # another user's editor
        holder = Holder.from_json(seen)
        if holder is not None and holder.is_alive():
            raise Locked(holder)
        _break(path, seen)
    # Others keep replacing it: whoever holds it now, holds it.
    holder = holder_of(map_path)
    if holder is not None:
        raise Locked(holder)
    raise FileExistsError(f"{path}: could not take the lock")


def _break(path: Path, seen: bytes) -> None:
    """Remove a stale lock, unless another editor replaced it since we read it."""
    grave = path.with_name(f"{path.name}.stale-{os.getpid()}")
    try:
        os.replace(path, grave)
    except FileNotFoundError:
        return
    try:
        if grave.read_bytes() != seen:
            # A fresh lock slipped in between our read and the move: put it back.
            with contextlib.suppress(OSError):
                os.link(grave, path)
    finally:
        with contextlib.suppress(OSError):
            grave.unlink()


__all__ = [
    "LOCK_SUFFIX",
    "Holder",
    "Locked",
    "MapLock",
    "acquire",
    "holder_of",
    "lock_path",
    "me",
    "pid_alive",
]
