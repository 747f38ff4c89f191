"""An editor in a real terminal for tests: `cjm edit FILE` in a pty of its own.

Keys go in as bytes; the screen comes out as text with the escape sequences stripped. The
terminal is a pty from the standard library, so this runs on any POSIX machine with Python
(no tmux needed). Every wait has a timeout.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

COLUMNS, ROWS = 100, 30
TIMEOUT = 30.0
_ESCAPES = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")


class Terminal:
    """`cjm edit FILE` in a pty of its own: keys in, screen text out (escapes stripped)."""

    def __init__(
        self, file: Path, env: dict[str, str], *options: str, python: Sequence[str] = ("-m",)
    ) -> None:
        """`python`: what runs before `cjm_tui edit FILE OPTIONS` (a probe script instead of
        `-m` runs the editor under it: `-c SCRIPT` gets them in `sys.argv[1:]`)."""
        argv = [sys.executable, *python, "cjm_tui", "edit", str(file), *options]
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal before the editor asks, then become it
            try:
                winsize = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.chdir(file.parent)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd
        self.status: int | None = None
        self._out = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, args=(fd,), daemon=True)
        self._reader.start()

    def _read(self, fd: int) -> None:
        while not self._stop.is_set():
            try:
                if not select.select([fd], [], [], 0.05)[0]:
                    continue
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the editor is gone (or we hung up)
                return
            if not chunk:
                return
            with self._lock:
                self._out.extend(chunk)

    def text(self) -> str:
        with self._lock:
            raw = bytes(self._out)
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def since(self, mark: int) -> str:
        """What the screen showed after `mark` (a length of `text()` taken earlier)."""
        return self.text()[mark:]

    def wait_for(self, needle: str, timeout: float = TIMEOUT) -> None:
        wait_until(lambda: needle in self.text(), f"{needle!r} on the screen", timeout, self)

    def send(self, keys: bytes) -> None:
        assert self.fd is not None
        os.write(self.fd, keys)

    def hang_up(self) -> None:
        """Close our side, as a dropped connection does: the editor gets SIGHUP."""
        self._stop.set()  # a read in progress would keep the pty open
        self._reader.join(timeout=5)
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """The exit status (as os.waitpid gives it)."""

        def gone() -> bool:
            if self.status is None:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.status = status
            return self.status is not None

        wait_until(gone, "the editor to exit", timeout, self)
        assert self.status is not None
        return self.status

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.status = -1
        self.hang_up()


def wait_until(
    condition: Callable[[], bool], what: str, timeout: float, term: Terminal | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            screen = term.text()[-3000:] if term is not None else ""
            raise AssertionError(f"timed out waiting for {what}; last output:\n{screen}")
        time.sleep(0.05)


def environment(tmp_path: Path, autosave: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "CJM_"))}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        CJM_LANG="en",
        CJM_CONFIG=str(tmp_path / "no-config.toml"),
        CJM_KEYMAP=str(tmp_path / "no-keymap.toml"),
        CJM_AUTOSAVE_SECONDS=autosave,
        HOME=str(tmp_path),
    )
    return env


@contextlib.contextmanager
def editor(file: Path, env: dict[str, str], *options: str) -> Iterator[Terminal]:
    term = Terminal(file, env, *options)
    try:
        yield term
    finally:
        term.close()
