"""One editor's place among the editors of its map: host, guest, or on its own.

On start: take the map's lock and host it; or, when a running editor on this host holds the
lock, join it through the socket the lock names. When the host goes away (it quit, was
killed, lost its terminal), each guest tries again: the first to take the lock hosts, the
others join it and send their whole map along, which the new host merges by id. So nothing
any remaining editor shows is lost.

`--read-only` editors follow: they never take the lock, join whoever hosts, and while nobody
does they watch the folder for a host to appear (and the file, to show its changes).
A lock held from another machine (a shared drive) cannot be joined: that editor is read-only,
as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

from cjm_tui.editing.lock import Holder, Locked, MapLock, acquire, holder_of, lock_path, this_host
from cjm_tui.editing.openmap import OpenMap, with_uids_of
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line
from cjm_tui.store import InvalidMap, MapFile, StoreError
from cjm_tui.together.guest import Guest, Refused
from cjm_tui.together.host import WATCH_STEP_MS, Host
from cjm_tui.together.link import Line, Listener, SaveAnswer, socket_path
from cjm_tui.together.people import Person, myself

FOLLOW_WAKE_MS = 1000
"""A look-only editor with nobody hosting checks for a host this often (and on every event)."""
JOIN_SECONDS = 5.0
"""How long to keep trying to reach a live host that does not answer yet (it is starting)."""


class Session:
    """Call `start()` once the editor runs; `stop()` when it quits."""

    def __init__(
        self, om: OpenMap, listener: Listener, follow: bool = False, me: Person | None = None
    ) -> None:
        self.om = om
        self.listener = listener
        self.me = me or myself(follow)
        self.follow = follow
        self.sock = socket_path(om.path)
        self.host: Host | None = None
        self.guest: Guest | None = None
        self.apart: Holder | None = None
        """The holder of a lock this editor cannot join (another machine): read-only."""
        self.warning: str | None = None
        """Why this editor could not mark the map as open (a read-only folder)."""
        self._lock: MapLock | None = None
        self._stopped = False
        self._watching: asyncio.Task[None] | None = None
        self._stop_watch = asyncio.Event()
        self._settling: asyncio.Future[None] | None = None

    # What the editor asks -----------------------------------------------------------------------

    @property
    def role(self) -> str:
        if self.host is not None:
            return "host"
        if self.guest is not None:
            return "guest"
        return "apart" if self.apart is not None else "alone"

    @property
    def people(self) -> list[Person]:
        if self.host is not None:
            return self.host.people
        if self.guest is not None:
            return self.guest.people
        return [self.me]

    @property
    def keeps_draft(self) -> bool:
        """Whether this editor writes the recovery draft (the one holding the shared state)."""
        return self.guest is None and not self.om.read_only

    @property
    def others(self) -> int:
        return max(0, len(self.people) - 1)

    @property
    def file_problem(self) -> str | None:
        if self.host is not None:
            return self.host.file_problem
        return self.guest.file_problem if self.guest is not None else None

    def save(self, force: bool = False) -> SaveAnswer | None:
        """Save the shared map. A host answers at once; a guest's answer comes through
        `Listener.saved`. None: not shared (the editor saves its own way)."""
        if self.host is not None:
            return self.host.save(force)
        if self.guest is not None:
            self.guest.save(force)
        return None

    # Life ---------------------------------------------------------------------------------------

    async def start(self) -> None:
        await self._settle(rejoin=False)

    async def stop(self) -> None:
        self._stopped = True
        self._stop_watch.set()
        if self._watching is not None:
            self._watching.cancel()
        if self.host is not None:
            await self.host.stop()
        if self.guest is not None:
            await self.guest.stop()
        if self._lock is not None:
            self._lock.release()

    def close_now(self) -> None:
        """Without the event loop (it has ended): let go of the lock and the socket."""
        self._stopped = True
        if self.host is not None:
            self.host.close_now()
        if self._lock is not None:
            self._lock.release()

    async def _settle(self, rejoin: bool) -> None:
        """Host or join; on a rejoin, keep trying until one of them works."""
        try:
            await self._try_roles(rejoin)
        finally:
            self.om.waiting = None

    async def _try_roles(self, rejoin: bool) -> None:
        deadline = asyncio.get_running_loop().time() + JOIN_SECONDS
        attempt = 0
        while not self._stopped:
            attempt += 1
            holder: Holder | None = None
            if self.follow:
                holder = holder_of(self.om.path)
                if holder is None:
                    self._follow_alone()
                    return
            else:
                try:
                    self._lock = acquire(self.om.path, sock=os.fspath(self.sock))
                except Locked as exc:
                    holder = exc.holder
                except OSError as exc:
                    self.warning = _(
                        "Could not mark {name} as open ({reason}): another editor would not "
                        "know this one has it.",
                        name=clean_line(self.om.path.name),
                        reason=clean_line(exc.strerror or str(exc)),
                    )
                    return
                else:
                    await self._become_host(rejoin)
                    return
            assert holder is not None
            if holder.host != this_host() or not holder.socket:
                self.apart = holder  # another machine's editor, or one of before co-editing
                self.om.read_only = True
                return
            try:
                await self._join(Path(holder.socket), rejoin)
                return
            except (OSError, TimeoutError, Refused, ValueError, KeyError):
                if asyncio.get_running_loop().time() > deadline and not holder.is_alive():
                    deadline += JOIN_SECONDS  # its lock is stale now: the next try takes it
                elif asyncio.get_running_loop().time() > deadline:
                    self.apart = holder
                    self.om.read_only = True
                    return
                await asyncio.sleep(min(0.02 * attempt, 0.25))

    async def _become_host(self, rejoin: bool) -> None:
        assert self._lock is not None
        seq = 0
        self.om.shared_dirty = None
        if self.guest is not None:  # taking over: the shared state is what this one shows
            seq = self.guest.replica.seq if self.guest.replica is not None else 0
            self.guest = None
            self._reload_file()
            # At once: the entries have new uids now, and the screen keeps its highlights by
            # uid; a key handled before it redraws would find its entry gone.
            self.listener.shared_changed()
        # `om.waiting` stays until `_settle` ends: an edit made while the host starts would
        # not reach its shared state.
        self.host = Host(self.om, self.listener, self.me, self._lock, self.sock, seq)
        await self.host.start()
        if rejoin:
            self.listener.say(
                _("The editor that hosted this map left; this one hosts it now."), "information"
            )

    def _reload_file(self) -> None:
        """Read the file again as the base of saves (the old host may have written it)."""
        try:
            fresh = MapFile.load(self.om.path)
        except (InvalidMap, StoreError):
            return  # the watcher tells; saves ask
        shown = with_uids_of(fresh.map, self.om.map)
        self.om.file_replaced(fresh)
        self.om.adopt(shown)

    async def _join(self, sock: Path, rejoin: bool) -> None:
        line = await Line.open(sock)
        guest = self.guest
        if guest is None:
            self.om.waiting = _("joining the other editors of this map; try again in a moment")
            guest = Guest(self.om, self.listener, self.me, line, self._host_gone)
        else:
            guest.line = line
        try:
            await guest.join(rejoin)
        except BaseException:
            line.close()
            raise
        self.guest = guest

    def _host_gone(self, guest: Guest) -> None:
        if self._stopped:
            return
        # Edits wait the moment it takes to host or join again (what this editor shows is
        # what it takes along; a key pressed meanwhile would belong to neither).
        self.om.waiting = _("joining the other editors of this map; try again in a moment")
        self._settling = asyncio.ensure_future(self._settle(rejoin=True))

    # Following alone ----------------------------------------------------------------------------

    def _follow_alone(self) -> None:
        """A look-only editor with nobody hosting: wait for a host; show the file's changes."""
        if self._watching is None or self._watching.done():
            self._stop_watch.clear()
            self._watching = asyncio.ensure_future(self._watch_for_host())

    async def _watch_for_host(self) -> None:
        try:
            from watchfiles import awatch
        except ImportError:  # pragma: no cover
            return
        names = {self.om.path.name, lock_path(self.om.path).name}
        folder = self.om.path.absolute().parent
        async for changes in awatch(
            folder,
            watch_filter=lambda _change, path: Path(path).name in names,
            stop_event=self._stop_watch,
            step=WATCH_STEP_MS,
            # Wake once a second regardless: a host that started while the watch was being
            # set up made no event this watch could see.
            rust_timeout=FOLLOW_WAKE_MS,
            yield_on_timeout=True,
            recursive=False,
        ):
            if holder_of(self.om.path) is not None:
                self._stop_watch.set()
                await self._settle(rejoin=False)
                return
            if any(Path(p).name == self.om.path.name for _c, p in changes):
                self._file_changed()

    def _file_changed(self) -> None:
        with contextlib.suppress(InvalidMap, StoreError):
            if self.om.is_loading or not self.om.file.changed_on_disk():
                return
            fresh = MapFile.load(self.om.path)
            self.om.file_replaced(fresh)
            self.om.adopt(fresh.map)
            self.listener.shared_changed()
