"""The editor's side of recovery: keep a draft while there are unsaved changes, offer it back.

- Every few seconds (`CJM_AUTOSAVE_SECONDS`, default 3), when the map changed since the last
  draft and has unsaved changes, a thread worker writes the draft (`cjm_tui/editing/recovery.py`).
  Nothing is written before the first change of the session, nor while read-only or loading.
- SIGHUP (a dropped SSH connection) and SIGTERM write the draft at once, then quit. SIGKILL
  cannot be caught: the timer is why a killed editor loses at most a few seconds.
- The draft goes away after a clean save, after "discard" in the quit guard, and when undo
  brings the map back to its saved state.
- On open, a draft newer than the map is offered in a dialog: restore, discard, or later.

`lock` guards the draft file and the map file's writer: a save and a draft never render at the
same time, and a draft rendered before a save or a discard is dropped (`_epoch`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.editing.recovery import (
    Draft,
    DraftError,
    draft_path,
    find_draft,
    map_changed_since,
    read_draft,
    remove_draft,
    write_draft,
)
from cjm_tui.i18n import _, _n
from cjm_tui.model import Map, map_to_raw
from cjm_tui.sanitize import clean_line
from cjm_tui.store import MapFile, WriteError
from cjm_tui.tui.notify import tell

if TYPE_CHECKING:
    from textual.app import App

    from cjm_tui.versions.semdiff import Change

AUTOSAVE_SECONDS = 3.0
ENV = "CJM_AUTOSAVE_SECONDS"
SIGNALS = (signal.SIGHUP, signal.SIGTERM)
EXIT_GRACE_SECONDS = 3.0
"""After a signal, how long a normal exit may take before the process ends regardless (a
terminal that hung up can block the driver's last writes)."""


def autosave_seconds(environ: Mapping[str, str] | None = None) -> float:
    """The autosave interval: `CJM_AUTOSAVE_SECONDS` when it is a positive number, else 3."""
    value = (os.environ if environ is None else environ).get(ENV, "")
    try:
        seconds = float(value)
    except ValueError:
        return AUTOSAVE_SECONDS
    return max(seconds, 0.05) if math.isfinite(seconds) and seconds > 0 else AUTOSAVE_SECONDS


class DraftKeeper:
    """Keeps the recovery draft of the app's open map in step with its unsaved changes."""

    def __init__(
        self,
        app: App[Any],
        open_map: Callable[[], OpenMap],
        refresh: Callable[[], None],
        keeps: Callable[[], bool] = lambda: True,
    ) -> None:
        self.app = app
        self._keeps = keeps
        """Whether this editor keeps the draft: of several editors of one map, only the one
        that hosts it (it holds everyone's changes)."""
        """The running app: timers, workers, dialogs and notes go through it."""
        self._open_map = open_map
        self._refresh = refresh
        """Shows the map again after a draft was restored."""
        self.lock = threading.Lock()
        self._epoch = 0
        self._written: int | None = None
        """The `om.version` the draft on disk holds, when this session answers for it."""
        self._asked: int | None = None
        self._start_version: int | None = None
        """`om.version` when the map was opened: no draft until it moves."""
        self._told_failure = False
        self._signals: list[int] = []
        self._discarded = False
        """The person chose to throw the unsaved changes away: keep no draft on exit."""

    @property
    def om(self) -> OpenMap:
        return self._open_map()

    @property
    def _blocked(self) -> bool:
        om = self.om
        return om.is_loading or bool(getattr(om, "read_only", False)) or not self._keeps()

    # Life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """On mount: the timer, the signal handlers, and the offer of a waiting draft."""
        self.app.set_interval(autosave_seconds(), self.tick, name="autosave")
        if not self.app.is_headless:
            self._install_signals()
        if not self.om.is_loading:
            self.loaded()

    def loaded(self) -> None:
        """The whole map is in (at once, or after a first look)."""
        self._start_version = self.om.version
        self.offer()

    def stop(self) -> None:
        """On unmount: keep what is unsaved (an exit that skipped the quit guard, such as a
        closed browser tab, must not lose the last seconds); nothing unsaved means nothing
        to keep; give the signals back."""
        if not self._blocked and self.om.dirty and not self._discarded:
            self.write_now()
        elif not self._blocked and self._written is not None and not self.om.dirty:
            self.remove(owned_only=True)  # e.g. reloaded from disk, then quit before a tick
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for signum in self._signals:
                loop.remove_signal_handler(signum)
        self._signals.clear()

    def _install_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in SIGNALS:
                loop.add_signal_handler(signum, self.on_signal, signum)
                self._signals.append(signum)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or no signals here: the timer still runs

    # Writing ------------------------------------------------------------------------------

    def tick(self) -> None:
        """The timer: write the draft when the map changed since the last one."""
        om = self.om
        if self._blocked or om.version == self._start_version:
            return
        if om.dirty:
            if om.version not in (self._written, self._asked):
                self._asked = om.version
                self.app.run_worker(
                    partial(self._write, om.file, om.map, om.version, self._epoch),
                    name="autosave",
                    group="recovery",
                    thread=True,
                    exclusive=True,
                    exit_on_error=False,
                )
        elif self._written is not None:
            self.remove(owned_only=True)  # undone back to the saved state

    def _write(self, mf: MapFile, m: Map, version: int, epoch: int) -> None:
        """In a worker thread; a save or discard since it was asked makes it do nothing."""
        failure: OSError | WriteError | None = None
        with self.lock:
            if epoch != self._epoch or (self._written is not None and self._written >= version):
                return
            try:
                write_draft(mf, m)
            except (OSError, WriteError) as exc:
                failure = exc
            else:
                self._written = version
        # Told outside the lock: the app's thread may be waiting for it (a save, a signal),
        # and call_from_thread waits for the app's thread.
        if failure is not None:
            self.app.call_from_thread(self._failed, failure)

    def write_now(self) -> bool:
        """Write the draft here and now when there is something to keep (the signal path)."""
        om = self.om
        if self._blocked or om.version == self._start_version or not om.dirty:
            return False
        with self.lock:
            if self._written == om.version:
                return True
            try:
                write_draft(om.file, om.map)
            except (OSError, WriteError) as exc:
                with contextlib.suppress(OSError, ValueError):
                    print(f"cjm: recovery draft not written: {exc}", file=sys.stderr)
                return False
            self._written = om.version
            return True

    def _failed(self, exc: BaseException) -> None:
        if self._told_failure:
            return
        self._told_failure = True
        reason = getattr(exc, "strerror", None) or str(exc)
        tell(
            self.app,
            _(
                "Could not keep a recovery draft of your changes ({reason}). Save often.",
                reason=clean_line(str(reason)),
            ),
            severity="warning",
            timeout=10,
        )

    def remove(self, owned_only: bool) -> None:
        """Delete the draft; `owned_only` spares a draft of an earlier session left for later."""
        with self.lock:
            self._epoch += 1
            owned = self._written is not None
            self._written = None
            self._asked = None
            if owned or not owned_only:
                remove_draft(self.om.path)

    def discard(self) -> None:
        """The quit guard's "discard": delete the draft and write none on the way out."""
        self._discarded = True
        self.remove(owned_only=True)

    def saved(self, wrote: bool) -> None:
        """After a save that left nothing unsaved: a clean save removes the draft."""
        if not self.om.dirty:
            self.remove(owned_only=not wrote)

    def history_moved(self) -> None:
        """After undo or redo: back at the saved state means nothing to keep."""
        if not self._blocked and not self.om.dirty and self._written is not None:
            self.remove(owned_only=True)

    def on_signal(self, signum: int) -> None:
        """SIGHUP or SIGTERM: keep the changes in the draft, then quit."""
        self.write_now()
        code = 128 + signum
        self.app.exit(code, return_code=code)  # `cjm edit` exits with it
        if self._signals:  # a real terminal: do not wait forever for one that hung up
            timer = threading.Timer(EXIT_GRACE_SECONDS, os._exit, (code,))
            timer.daemon = True
            timer.start()

    # Offering a draft back ----------------------------------------------------------------

    def offer(self) -> None:
        """A draft newer than the map? Read it in a worker, then ask what to do with it."""
        om = self.om
        if self._blocked or find_draft(om.path) is None:
            return
        self.app.run_worker(
            partial(self._read, om.path, om.map),
            name="recovery-offer",
            group="recovery-offer",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _read(self, path: Path, current: Map) -> None:
        from cjm_tui.versions.semdiff import diff_maps

        try:
            draft = read_draft(path)
        except DraftError as exc:
            self.app.call_from_thread(self._unreadable, str(exc))
            return
        if map_to_raw(draft.map) == map_to_raw(current):
            with self.lock:
                remove_draft(path)  # it holds nothing the map does not
            return
        changes = diff_maps(current, draft.map)
        changed = map_changed_since(draft, path)
        self.app.call_from_thread(self._ask, draft, current, changes, changed)

    def _unreadable(self, message: str) -> None:
        tell(
            self.app,
            _(
                "A recovery draft was found but cannot be used: {error}. It was left as it is "
                "({path}).",
                error=clean_line(message),
                path=clean_line(str(draft_path(self.om.path))),
            ),
            severity="error",
            title=_("Recovery draft"),
            timeout=15,
        )

    def _ask(self, draft: Draft, current: Map, changes: list[Change], changed: bool) -> None:
        from cjm_tui.tui.screens.recovery import RecoveryDialog

        exists = self.om.path.exists()
        dialog = RecoveryDialog(draft, current, changes, changed_on_disk=changed, exists=exists)
        self.app.push_screen(dialog, partial(self._answer, draft, len(changes)))

    def _answer(self, draft: Draft, count: int, answer: str | None) -> None:
        om = self.om
        if answer == "restore":
            try:
                om.restore(draft.map)
            except EditError as exc:
                tell(self.app, clean_line(str(exc)), severity="error", title=_("Not restored"))
                return
            with self.lock:
                self._written = om.version  # the draft on disk is this session's now
            self._refresh()
            tell(
                self.app,
                _n(
                    "Restored the draft: {n} change, not saved yet. ctrl+s saves it; "
                    "ctrl+z goes back to the file.",
                    "Restored the draft: {n} changes, not saved yet. ctrl+s saves them; "
                    "ctrl+z goes back to the file.",
                    count,
                ),
                timeout=8,
            )
        elif answer == "discard":
            with self.lock:
                remove_draft(om.path)
            tell(self.app, _("Draft discarded."), timeout=3)
        else:
            tell(
                self.app,
                _(
                    "The draft is kept; opening the map again asks again. Changes made now "
                    "replace it with their own draft."
                ),
                timeout=8,
            )
