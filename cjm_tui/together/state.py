"""The shared state of a map and each editor's copy of it, without any network.

One `Hub` (in the editor that hosts the map) puts every editor's changes in one order: a
change is replayed carefully on the shared state, so a field someone else changed first
stays theirs (first come, first kept) and the late editor is told. Every editor's `Replica`
applies the hub's verdicts in that order to its `confirmed` copy, then replays its own
changes the hub has not answered yet (`pending`) on top: what it shows. Once nothing is
pending, every copy equals the hub's map, whatever the timing (tests/test_together_state.py
draws the timings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm_tui.model import Map, map_to_raw
from cjm_tui.model.validate import validate
from cjm_tui.versions.changes import Lost, Place, Step, between, replay, structural


@dataclass
class Verdict:
    """What the hub did with one editor's change; every editor applies `steps` in `seq` order."""

    seq: int
    by: str
    """The editor whose change it was ("" for the file, changed from outside)."""
    ref: int
    """The editor's own number for the change (its pending changes are answered in order)."""
    steps: list[Step]
    lost: list[Lost] = field(default_factory=list)
    refused: str | None = None
    """Why the whole change was refused (it would break the map as it is now)."""
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)


class Hub:
    """The one order of changes to a map. `map` is the shared state."""

    def __init__(self, m: Map, seq: int = 0) -> None:
        self.map = m
        self.seq = seq

    def submit(self, by: str, ref: int, steps: list[Step]) -> Verdict:
        """Another editor's change: replayed carefully on the shared state."""
        done = replay(self.map, steps, careful=True)
        if done.steps and structural(done.steps):
            problems = [p for p in validate(map_to_raw(done.map)) if p.severity == "error"]
            if problems:  # e.g. a touchpoint added to a stage someone deleted meanwhile
                return Verdict(self.seq, by, ref, [], refused=problems[0].message)
        if not done.steps:
            return Verdict(self.seq, by, ref, [], done.lost)
        self.map = done.map
        self.seq += 1
        return Verdict(self.seq, by, ref, done.steps, done.lost, renamed=done.renamed)

    def adopt(self, by: str, ref: int, new: Map) -> Verdict:
        """The hosting editor's own change, made on the shared state itself (so nothing can
        have come between): `new` becomes the shared state as it is."""
        steps = between(self.map, new)
        self.map = new
        if steps:
            self.seq += 1
        return Verdict(self.seq, by, ref, steps)

    def move_to(self, new: Map) -> None:
        """As `adopt`, with nobody to tell: the steps are not worked out (a key stays as cheap
        as without the hub)."""
        self.map = new
        self.seq += 1


class Replica:
    """One editor's copy: the hub's state as last heard, plus its own unanswered changes."""

    def __init__(self, me: str, confirmed: Map, seq: int) -> None:
        self.me = me
        self.confirmed = confirmed
        self.seq = seq
        self.pending: list[tuple[int, list[Step]]] = []
        self.shown = confirmed
        self._next_ref = 0

    def local(self, before: Map, after: Map) -> tuple[int, list[Step]] | None:
        """This editor changed what it shows from `before` to `after`: the change to send
        (None when nothing changed)."""
        steps = between(before, after)
        self.shown = after
        if not steps:
            return None
        self._next_ref += 1
        self.pending.append((self._next_ref, steps))
        return self._next_ref, steps

    def heard(self, verdict: Verdict) -> Map:
        """A verdict of the hub, in order: the map to show now."""
        uids: dict[tuple[str, str], int] = {}
        if verdict.by == self.me and self.pending and self.pending[0][0] == verdict.ref:
            _, mine = self.pending.pop(0)
            for step in mine:
                if isinstance(step, Place) and step.uid is not None:
                    key = (step.table, verdict.renamed.get((step.table, step.id), step.id))
                    uids[key] = step.uid
        if verdict.steps:
            self.confirmed = replay(self.confirmed, verdict.steps, False, uids).map
            self.seq = verdict.seq
        shown = self.confirmed
        for _, steps in self.pending:
            shown = replay(shown, steps, careful=True).map
        self.shown = shown
        return shown

    def reset(self, confirmed: Map, seq: int) -> None:
        """A new hub (after a takeover) answered with its state: nothing is pending any more."""
        self.confirmed = confirmed
        self.shown = confirmed
        self.seq = seq
        self.pending.clear()
