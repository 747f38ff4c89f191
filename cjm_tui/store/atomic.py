"""Replace a file's content all at once: readers see the old bytes or the new, never half."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same directory.

    The temporary file is flushed and fsynced, given the original file's mode (for a new
    file: `mode` if given, else the umask's), then moved over the original with
    `os.replace`. Any failure removes the temporary file and leaves the original untouched;
    the OSError propagates.
    """
    target = Path(os.path.realpath(path))  # write through a symlink, don't replace it
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(target.stat().st_mode)
    tmp = _durable_temp(target, data, mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


def create_atomic(path: Path, data: bytes) -> None:
    """Write a new file, complete or not at all; FileExistsError if `path` exists.

    The temporary file is hard-linked into place, which fails instead of overwriting when
    another file appeared there meanwhile.
    """
    tmp = _durable_temp(path, data, None)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            # No hard links here (some network and FAT file systems): exclusive create.
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(path.parent)


def _durable_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """A temporary file beside `target` holding `data`, on disk, with `mode` (else the umask's)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; not every system allows opening a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
