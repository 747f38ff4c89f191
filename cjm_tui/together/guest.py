"""An editor of a map another editor hosts: its changes go there, everyone's come back.

What it shows is its `Replica`: the host's state as last heard plus its own changes the host
has not answered yet, so a key shows at once and nothing typed waits for the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from cjm_tui.editing.openmap import OpenMap, with_uids_of
from cjm_tui.i18n import _
from cjm_tui.model import ENTITY_TABLES, Map, map_from_raw, map_to_raw, title_of
from cjm_tui.sanitize import clean_line
from cjm_tui.together.link import Line, Listener, SaveAnswer
from cjm_tui.together.people import Person
from cjm_tui.together.state import Replica
from cjm_tui.together.wire import WireError, steps_out, verdict_in
from cjm_tui.versions.changes import Lost
from cjm_tui.versions.diffwords import table_word

WELCOME_SECONDS = 10.0
"""How long to wait for the host's welcome (it sends a whole map: large ones take a moment)."""


class Refused(Exception):
    """The host would not take this editor (another map behind the socket)."""


class Guest:
    def __init__(
        self,
        om: OpenMap,
        listener: Listener,
        me: Person,
        line: Line,
        gone: Callable[[Guest], None],
    ) -> None:
        self.om = om
        self.listener = listener
        self.me = me
        self.line = line
        self._gone = gone
        """Called once the host's line dropped (not after `stop`): time to take over."""
        self.replica: Replica | None = None
        self.people: list[Person] = []
        self.file_problem: str | None = None
        self._stopped = False
        self._reader: asyncio.Task[None] | None = None

    async def join(self, rejoin: bool) -> None:
        """Say hello and wait for the welcome. Raises Refused, OSError or TimeoutError.

        On a rejoin (the host before went away) this editor's whole map goes along, to be
        merged with the new host's: nothing shown here is lost.
        """
        hello: dict[str, Any] = {
            "t": "hello",
            "who": self.me.to_json(),
            "path": str(self.om.path.absolute()),
        }
        if rejoin and self.replica is not None:
            hello["map"] = map_to_raw(self.om.map)
            hello["seq"] = self.replica.seq
        self.line.send(hello)
        welcome = await asyncio.wait_for(self.line.receive(), WELCOME_SECONDS)
        if welcome is None or welcome.get("t") != "welcome":
            raise Refused(str((welcome or {}).get("why", "no welcome")))
        shared = map_from_raw(welcome["map"])
        if not self.om.is_loading:
            shared = with_uids_of(self.om.file.map, shared)  # this process's own uids
        seq = int(welcome.get("seq", 0))
        if self.replica is None:
            self.replica = Replica(self.me.id, shared, seq)
        else:
            # Its changes the old host never answered were in the map sent: merged already.
            self.replica.reset(shared, seq)
        self.people = [Person.from_json(p) for p in welcome.get("people", [])]
        self.file_problem = welcome.get("problem")
        self.om.waiting = None
        self.om.adopt(shared)
        self.om.changed = self._local
        self.om.shared_dirty = bool(welcome.get("dirty")) or bool(self.replica.pending)
        self._reader = asyncio.ensure_future(self._read())
        self.listener.shared_changed()
        self.listener.people_changed(self.people)

    async def stop(self) -> None:
        self._stopped = True
        self.om.changed = None
        self.line.close()
        if self._reader is not None:
            self._reader.cancel()

    def save(self, force: bool) -> None:
        self.line.send({"t": "save", "force": force})

    # Changes --------------------------------------------------------------------------------

    def _local(self, before: Map, after: Map) -> None:
        if self.replica is None or self.me.follow:
            return
        sent = self.replica.local(before, after)
        if sent is not None:
            ref, steps = sent
            self.line.send({"t": "change", "ref": ref, "steps": steps_out(steps, uids=True)})
            self.om.shared_dirty = True

    async def _read(self) -> None:
        try:
            while True:
                message = await self.line.receive()
                if message is None:
                    break
                self._heard(message)
        except (WireError, OSError):
            pass
        finally:
            self.line.close()
            if not self._stopped:
                self.om.changed = None
                self._gone(self)

    def _heard(self, message: dict[str, Any]) -> None:
        kind = message.get("t")
        replica = self.replica
        if replica is None:
            return
        if kind == "verdict":
            verdict = verdict_in(message, self.me.id)
            shown = replica.heard(verdict)
            if shown is not self.om.map:
                self.om.adopt(shown)
            self.om.shared_dirty = bool(message.get("dirty")) or bool(replica.pending)
            if verdict.by == self.me.id:
                self._lost(verdict.lost, verdict.refused)
            self.listener.shared_changed()
        elif kind == "saved":
            self.om.shared_dirty = bool(message.get("dirty")) or bool(replica.pending)
            answer = SaveAnswer(
                wrote=bool(message.get("wrote")),
                ok=bool(message.get("ok", True)),
                why=message.get("why"),
                ask=bool(message.get("ask")),
            )
            self.listener.saved(answer, mine=message.get("by") == self.me.id)
        elif kind == "people":
            self.people = [Person.from_json(p) for p in message.get("people", [])]
            self.listener.people_changed(self.people)
        elif kind == "note":
            self.listener.say(clean_line(str(message.get("text", ""))), message.get("severity", ""))

    def _lost(self, lost: list[Lost], refused: str | None) -> None:
        if refused:
            self.listener.say(
                _(
                    "Your last change was not made: another editor changed the map meanwhile "
                    "({why}).",
                    why=clean_line(refused),
                ),
                "warning",
            )
        for item in lost:
            name = _named(self.om.map, item)
            if item.field is None:
                text = _(
                    "{item} was deleted by another editor; your change to it is gone.", item=name
                )
            else:
                text = _(
                    "{item}: {field} was changed by another editor at the same time; theirs "
                    "is kept (ctrl+z brings yours back).",
                    item=name,
                    field=item.field,
                )
            self.listener.say(text, "warning")
        fields = [x for x in lost if x.field]
        if fields:
            what = _(
                "take back the other editor's {field} of {item}",
                field=fields[0].field,
                item=_named(self.om.map, fields[0]),
            )
            self.om.lost_to_others(fields, what)


def _named(m: Map, lost: Lost) -> str:
    """`touchpoint sms-offer ("SMS offer")` for a notice."""
    table = lost.table
    if table not in ENTITY_TABLES:  # "map" or "extra"
        return _("the map's details")
    entity = next((e for e in getattr(m, table) if e.id == lost.id), None)
    kind = table_word(table)
    name = clean_line(title_of(entity)) if entity is not None else ""
    ident = clean_line(lost.id)
    return f'{kind} {ident} ("{name}")' if name and name != ident else f"{kind} {ident}"
