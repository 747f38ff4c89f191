"""The editor that hosts a map: the shared state, the other editors, the file.

It holds the map's lock (naming its socket), orders every editor's changes through one
`Hub`, saves for anyone who presses ctrl+s, and watches the file: a change from outside
(`cjm add`, a text editor, `git pull`) is merged by id with the shared state, base = what
it last read or wrote (`cjm merge`'s three-way merge).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import Any

from cjm_tui.editing.lock import MapLock
from cjm_tui.editing.openmap import OpenMap, SaveResult, with_uids_of
from cjm_tui.i18n import _, _n
from cjm_tui.model import Map, map_from_raw, map_to_raw
from cjm_tui.model.validate import validate
from cjm_tui.sanitize import clean_line
from cjm_tui.store import InvalidMap, MapFile, StoreError, WriteError
from cjm_tui.together.link import Line, Listener, SaveAnswer, same_file, socket_mode
from cjm_tui.together.people import Person
from cjm_tui.together.state import Hub, Verdict
from cjm_tui.together.wire import LIMIT, WireError, encode, steps_in, verdict_out
from cjm_tui.versions.semmerge import merge_maps

WATCH_STEP_MS = 50
"""How long the file must stay quiet before a change is read (a save is several writes)."""
WATCH_WAKE_MS = 5000
"""The watcher's thread wakes this often with no change at all (to notice it should stop)."""


class Guest:
    def __init__(self, person: Person, line: Line) -> None:
        self.person = person
        self.line = line


class Host:
    """Serves the map at `sock` to the other editors; `om` is this editor's open map."""

    def __init__(
        self,
        om: OpenMap,
        listener: Listener,
        me: Person,
        lock: MapLock,
        sock: Path,
        seq: int = 0,
    ) -> None:
        self.om = om
        self.listener = listener
        self.me = Person(me.id, me.user, me.host, me.via, me.follow, hosting=True)
        self.lock = lock
        self.sock = sock
        self.hub = Hub(om.map, seq)
        self.guests: dict[str, Guest] = {}
        self.file_problem: str | None = None
        """Why the file on disk is not merged (it is no longer a valid map), else None."""
        self._server: asyncio.AbstractServer | None = None
        self._stop = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()

    # Life -----------------------------------------------------------------------------------

    async def start(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.sock.unlink()  # a killed host's socket: we hold the lock, it is ours to clear
        self._server = await asyncio.start_unix_server(
            self._serve, path=os.fspath(self.sock), limit=LIMIT
        )
        with contextlib.suppress(OSError):
            os.chmod(self.sock, socket_mode(self.om.path))
        self.om.changed = self._local
        self._spawn(self._watch())
        self.listener.people_changed(self.people)

    async def stop(self) -> None:
        """Leave: the lock first, so a guest can take over as soon as its line drops."""
        self.om.changed = None
        self._stop.set()
        self.close_now()
        for guest in list(self.guests.values()):
            guest.line.close()
        for task in list(self._tasks):
            task.cancel()

    def close_now(self) -> None:
        """The lock and the socket file go, also when the event loop is gone already."""
        self.lock.release()
        if self._server is not None:
            with contextlib.suppress(Exception):
                self._server.close()
        with contextlib.suppress(OSError):
            self.sock.unlink()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def people(self) -> list[Person]:
        return [self.me, *(g.person for g in self.guests.values())]

    # Changes ----------------------------------------------------------------------------------

    def _local(self, before: Map, after: Map) -> None:
        """This editor changed the map (it is the shared state itself)."""
        if not self.guests:
            self.hub.move_to(after)
            return
        self._tell_all(self.hub.adopt(self.me.id, 0, after))

    def _tell_all(self, verdict: Verdict, sender: str | None = None) -> None:
        if not verdict.steps and sender is None:
            return
        data = encode(verdict_out(verdict, self.om.dirty))
        for gid, guest in self.guests.items():
            if verdict.steps or gid == sender:
                guest.line.send_bytes(data)

    def _broadcast(self, message: dict[str, Any]) -> None:
        data = encode(message)
        for guest in self.guests.values():
            guest.line.send_bytes(data)

    def _people_changed(self) -> None:
        self._broadcast({"t": "people", "people": [p.to_json() for p in self.people]})
        self.listener.people_changed(self.people)

    def _shared(self, new: Map) -> None:
        """The shared state moved on by another editor's change or by the file."""
        self.om.adopt(new)
        self.listener.shared_changed()

    # Guests -----------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        line = Line(reader, writer)
        guest: Guest | None = None
        try:
            hello = await line.receive()
            if hello is None or hello.get("t") != "hello":
                return
            if not same_file(str(hello.get("path", "")), self.om.path):
                line.send({"t": "refused", "why": "another map"})
                return
            person = Person.from_json(hello.get("who"))
            guest = Guest(person, line)
            if isinstance(hello.get("map"), dict) and not person.follow:
                self._rejoined(person, hello)
            line.send(
                {
                    "t": "welcome",
                    "seq": self.hub.seq,
                    "map": map_to_raw(self.hub.map),
                    "dirty": self.om.dirty,
                    "people": [p.to_json() for p in [*self.people, person]],
                    "problem": self.file_problem,
                }
            )
            self.guests[person.id] = guest
            self._people_changed()
            while True:
                message = await line.receive()
                if message is None:
                    break
                self._heard(guest, message)
        except (WireError, ConnectionError, OSError):
            pass  # a broken guest leaves; the others go on
        finally:
            line.close()
            if guest is not None and self.guests.get(guest.person.id) is guest:
                del self.guests[guest.person.id]
                if not self._stop.is_set():
                    self._people_changed()

    def _heard(self, guest: Guest, message: dict[str, Any]) -> None:
        kind = message.get("t")
        if kind == "change" and not guest.person.follow:
            steps = steps_in(message.get("steps"))
            verdict = self.hub.submit(guest.person.id, int(message.get("ref", 0)), steps)
            if verdict.steps:
                self._shared(self.hub.map)
            self._tell_all(verdict, sender=guest.person.id)
        elif kind == "save" and not guest.person.follow:
            self.save(bool(message.get("force")), by=guest.person.id)

    def _rejoined(self, person: Person, hello: dict[str, Any]) -> None:
        """A guest of the editor that hosted before (it went away): merge what it shows."""
        try:
            theirs = map_from_raw(hello["map"])
        except (KeyError, TypeError, ValueError):
            return
        if any(p.severity == "error" for p in validate(map_to_raw(theirs))):
            return
        base = self.om.file.map if not self.om.is_loading else self.hub.map
        ahead = int(hello.get("seq", 0)) > self.hub.seq  # it heard more of the old host
        if ahead:
            merged, _conflicts = merge_maps(base, theirs, self.hub.map)
        else:
            merged, _conflicts = merge_maps(base, self.hub.map, theirs)
        merged = with_uids_of(self.hub.map, merged)
        verdict = self.hub.adopt(person.id, 0, merged)
        if verdict.steps:
            self._shared(self.hub.map)
            self._tell_all(verdict)

    # Saving -----------------------------------------------------------------------------------

    def save(self, force: bool, by: str | None = None) -> SaveAnswer:
        """Write the shared state; every editor hears it (their unsaved marker clears)."""
        answer = self._write(force)
        mine = by is None
        message = {
            "t": "saved",
            "by": by or self.me.id,
            "wrote": answer.wrote,
            "ok": answer.ok,
            "why": answer.why,
            "ask": answer.ask,
            "dirty": self.om.dirty,
        }
        self._broadcast(message)
        self.listener.saved(answer, mine=mine)
        return answer

    def _write(self, force: bool) -> SaveAnswer:
        if self.file_problem is not None and not force:
            return SaveAnswer(False, ok=False, why=self.file_problem, ask=True)
        try:
            result = self.om.save(force=force)
            if result is SaveResult.CHANGED_ON_DISK:
                # Changed outside a moment ago, not merged yet: merge now, then write.
                self.check_file()
                if self.file_problem is not None:
                    return SaveAnswer(False, ok=False, why=self.file_problem, ask=True)
                result = self.om.save(force=False)
                if result is SaveResult.CHANGED_ON_DISK:
                    return SaveAnswer(False, ok=False, why=_("the file keeps changing"))
        except (StoreError, WriteError) as exc:
            return SaveAnswer(False, ok=False, why=clean_line(str(exc)))
        if force:
            self.file_problem = None
        return SaveAnswer(result is SaveResult.SAVED)

    # The file ---------------------------------------------------------------------------------

    async def _watch(self) -> None:
        try:
            from watchfiles import awatch
        except ImportError:  # pragma: no cover - a broken install: no outside changes
            return
        name = self.om.path.name
        folder = self.om.path.absolute().parent
        async for _changes in awatch(
            folder,
            watch_filter=lambda _change, path: Path(path).name == name,
            stop_event=self._stop,
            step=WATCH_STEP_MS,
            rust_timeout=WATCH_WAKE_MS,
            recursive=False,
        ):
            if self.om.is_loading or not self.om.file.changed_on_disk():
                continue  # our own save, or a touch
            # Read in a thread: at 20,000 touchpoints a read takes seconds, and the editors
            # keep answering keys meanwhile.
            fresh = await asyncio.to_thread(_read_file, self.om.path)
            if not self.om.file.changed_on_disk():
                continue  # saved by the editors meanwhile: what was read is gone
            self._take_file(fresh)

    def check_file(self) -> None:
        """Merge a change of the file from outside into the shared state (if there is one)."""
        if self.om.is_loading or not self.om.file.changed_on_disk():
            return  # our own save, or a touch
        self._take_file(_read_file(self.om.path))

    def _take_file(self, fresh: MapFile | str) -> None:
        """The file as read: merged, or (a reason) refused."""
        if isinstance(fresh, str):
            self._file_refused(fresh)
        else:
            self._merge_file(fresh)

    def _merge_file(self, fresh: MapFile) -> None:
        base = self.om.file.map
        merged, conflicts = merge_maps(base, self.hub.map, fresh.map)
        # The steps for the other editors by this editor's uids; then the file's own uids,
        # so the next save writes only what differs from the file as it is now.
        verdict = self.hub.adopt("", 0, with_uids_of(self.hub.map, merged))
        self.hub.map = with_uids_of(fresh.map, self.hub.map)
        self.file_problem = None
        self.om.file_replaced(fresh)
        self._shared(self.hub.map)
        self._tell_all(verdict)
        name = clean_line(self.om.path.name)
        if conflicts:
            text = _n(
                "{name} changed on disk and was merged; {n} field changed on both sides kept "
                "the editors' value",
                "{name} changed on disk and was merged; {n} fields changed on both sides kept "
                "the editors' values",
                len(conflicts),
                name=name,
            )
        else:
            text = _("{name} changed on disk; the change is merged in", name=name)
        self._note(text, "information")

    def _file_refused(self, why: str) -> None:
        self.file_problem = clean_line(why)
        text = _(
            "{name} on disk is no longer a valid map ({why}); it was not merged, your changes "
            "are kept, and the next save asks before overwriting it",
            name=clean_line(self.om.path.name),
            why=self.file_problem,
        )
        self._note(text, "warning")

    def _note(self, text: str, severity: str) -> None:
        self._broadcast({"t": "note", "text": text, "severity": severity})
        self.listener.say(text, severity)


def _read_file(path: Path) -> MapFile | str:
    """The map file as it is on disk, or why it is not a valid map (its first problem)."""
    try:
        return MapFile.load(path)
    except InvalidMap as exc:
        first = exc.problems[0] if exc.problems else None
        return f"{first.file or path}:{first.line}: {first.message}" if first else ""
    except StoreError as exc:
        return str(exc)
