"""The open map: the file, the map as it is now, and the undo history. Every edit goes here.

Entities are never changed in place: an edit replaces the objects it touches
(`dataclasses.replace` keeps their `uid`), so a history step is four shallow lists and an
undo is cheap at any size. Every edit keeps the map valid; one that would not is refused with
`EditError` and changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cjm_tui.editing.quickadd import build as build_quick_add
from cjm_tui.i18n import _
from cjm_tui.model import (
    TABLE_OF,
    Action,
    Entity,
    Map,
    MapInfo,
    Persona,
    Stage,
    Touchpoint,
    edits,
    map_to_raw,
)
from cjm_tui.model.library import is_library_persona
from cjm_tui.model.problems import Problem, has_errors
from cjm_tui.model.validate import validate
from cjm_tui.store import MapFile
from cjm_tui.store.values import format_string

if TYPE_CHECKING:
    from cjm_tui.versions.changes import Lost, Step

HISTORY_LIMIT = 500
E = TypeVar("E", bound=Persona | Stage | Touchpoint | Action)


class EditError(ValueError):
    """The edit would break the map; the message says why, for a person."""


class ReadOnlyError(EditError):
    """The map is open read-only (`--read-only`, or held from another machine): nothing changes."""

    def __init__(self) -> None:
        super().__init__(_("the map is open read-only: nothing can be changed or saved"))


class SaveResult(Enum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    CHANGED_ON_DISK = "changed on disk"


@dataclass(frozen=True)
class _State:
    info: MapInfo
    personas: tuple[Persona, ...]
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    actions: tuple[Action, ...]
    what: str

    @classmethod
    def of(cls, m: Map, what: str = "") -> _State:
        return cls(
            m.info,
            tuple(m.personas),
            tuple(m.stages),
            tuple(m.touchpoints),
            tuple(m.actions),
            what,
        )

    def same_as(self, other: _State) -> bool:
        """Same content; identical objects make it quick (edits replace what they touch)."""
        if self.info != other.info:
            return False
        for name in ("personas", "stages", "touchpoints", "actions"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if len(mine) != len(theirs):
                return False
            for a, b in zip(mine, theirs, strict=True):
                if a is not b and (a.uid != b.uid or a != b):
                    return False
        return True


@dataclass(frozen=True)
class _Step:
    """One undo (or redo) step: from `source`, the map just after it, back to `target`."""

    target: _State
    source: _State


def new_map_text(path: Path) -> str:
    """A minimal valid map for a file that does not exist yet."""
    title = format_string(path.stem.replace("-", " ").replace("_", " ").strip() or "New map")
    return (
        f"[map]\nformat = 1\ntitle = {title}\n\n"
        '[[stages]]\nid = "before"\nname = "Before"\n\n'
        '[[stages]]\nid = "during"\nname = "During"\n\n'
        '[[stages]]\nid = "after"\nname = "After"\n'
    )


class OpenMap:
    """A map being edited: `map` is the current state; edits go through the methods below."""

    def __init__(self, file: MapFile | None, first_look: tuple[Path, Map] | None = None) -> None:
        self._file = file
        self._path = file.path if file is not None else first_look[0] if first_look else Path()
        self.map = file.map if file is not None else first_look[1] if first_look else Map(MapInfo())
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._saved = _State.of(self.map)
        self._new = file is not None and file.disk is None
        self.version = 0
        """Goes up with every change of `map` (edit, undo, redo, reload, loaded)."""
        self.changed: Callable[[Map, Map], None] | None = None
        """Called with the map before and after each change this editor makes (edit, undo,
        redo, reload); another editor's changes come in through `adopt` and are not told."""
        self.shared_dirty: bool | None = None
        """Set while another editor hosts the map (see `cjm_tui/together/`): whether the
        shared state, with this editor's changes not yet answered, differs from the file."""
        self.waiting: str | None = None
        """Why edits must wait a moment (joining the other editors of the map)."""
        self.read_only = False
        """`--read-only`, or another machine's editor holds the file: every edit, undo, redo and
        save raises ReadOnlyError, and nothing may be written for it (no save, no autosave)."""

    @classmethod
    def loading(cls, path: str | os.PathLike[str], first_look: Map) -> OpenMap:
        """A map shown from its first look while the full load runs (see `finish_loading`).

        Until then it is read-only: every edit raises EditError and `save` writes nothing.
        """
        return cls(None, (Path(path), first_look))

    @property
    def is_loading(self) -> bool:
        return self._file is None

    @property
    def file(self) -> MapFile:
        if self._file is None:
            raise EditError(_("the map is still loading; try again in a moment"))
        return self._file

    def finish_loading(self, file: MapFile) -> None:
        """The full load is done: from now on the map is the file's, and editable."""
        self._file = file
        self._path = file.path
        self.map = file.map
        self._saved = _State.of(self.map)
        self._new = file.disk is None
        self.version += 1

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> OpenMap:
        """Open a map file; a missing file starts a new map, written on the first save.

        Raises InvalidMap or StoreError like `MapFile.load`.
        """
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            return cls(MapFile.from_text(path, new_map_text(path)))
        return cls(MapFile.load(path))

    # State -------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def dirty(self) -> bool:
        """Different from the file as last loaded or saved (a new file is dirty until saved).

        Never while read-only: there is nothing that could be saved.
        """
        if self.read_only:
            return False
        if self.shared_dirty is not None:
            return self.shared_dirty
        return self._new or not _State.of(self.map).same_as(self._saved)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _as_map(self, state: _State) -> Map:
        return Map(
            info=state.info,
            personas=list(state.personas),
            stages=list(state.stages),
            touchpoints=list(state.touchpoints),
            actions=list(state.actions),
            extra=self.map.extra,
            library=self.map.library,
        )

    def _go(self, step: _Step) -> _Step:
        """Move the map from `step.source` back to `step.target`; the step that goes back.

        When the map is still `source` this is the snapshot itself. When other editors
        changed the map since (see `adopt`), only this step's own changes are taken back, by
        id, and a field someone changed after it keeps their value.
        """
        before = self.map
        now = _State.of(before, step.target.what)
        if now.same_as(step.source):
            self.map = self._as_map(step.target)
        else:
            # Only another editor's changes lead here: the replay by id is imported then.
            from cjm_tui.versions.changes import between, replay, structural

            steps = between(self._as_map(step.source), self._as_map(step.target))
            candidate = replay(before, steps, careful=True).map
            if structural(steps):  # e.g. a stage that another editor has put a touchpoint in
                problems = [p for p in validate(map_to_raw(candidate)) if p.severity == "error"]
                if problems:
                    raise EditError(
                        _(
                            "this cannot be taken back now: another editor's change depends "
                            "on it ({why})",
                            why=problems[0].message,
                        )
                    )
            self.map = candidate
        self.version += 1
        self._tell(before)
        return _Step(target=now, source=_State.of(self.map, step.target.what))

    def undo(self) -> str | None:
        """Step back; returns what was undone, or None when there is nothing to undo."""
        if self.read_only:
            raise ReadOnlyError
        if self.waiting:
            raise EditError(self.waiting)
        if not self._undo:
            return None
        step = self._undo[-1]
        self._redo.append(self._go(step))  # EditError: the step stays where it was
        self._undo.pop()
        return step.target.what

    def redo(self) -> str | None:
        if self.read_only:
            raise ReadOnlyError
        if self.waiting:
            raise EditError(self.waiting)
        if not self._redo:
            return None
        step = self._redo[-1]
        self._undo.append(self._go(step))
        self._redo.pop()
        return step.target.what

    def _tell(self, before: Map) -> None:
        if self.changed is not None and before is not self.map:
            self.changed(before, self.map)

    def _remember(self, before: _State) -> None:
        self._undo.append(_Step(target=before, source=_State.of(self.map, before.what)))
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()

    def lost_to_others(self, lost: list[Lost], what: str) -> None:
        """Fields this editor set that another editor's change kept (theirs came first):
        one undo step brings this editor's values back."""
        from cjm_tui.versions.changes import Put, replay

        steps: list[Step] = [
            Put(x.table, x.id, {x.field: (x.theirs, x.mine)}) for x in lost if x.field
        ]
        if not steps:
            return
        self._remember(_State.of(replay(self.map, steps, careful=True).map, what))

    def _edit(self, what: str, change: Callable[[Map], None], check: bool = True) -> None:
        """Apply `change` to a copy of the map; keep it only if the map stays valid.

        `check=False` is for edits that are valid by construction (the keys that must answer
        within a frame at 2,000 touchpoints skip the whole-map validation).
        """
        if self.read_only:
            raise ReadOnlyError
        if self.waiting:
            raise EditError(self.waiting)
        before = _State.of(self.map, what)
        candidate = self.map.copy()
        if self._file is None:
            raise EditError(_("the map is still loading; try again in a moment"))
        change(candidate)
        if check:
            problems = [p for p in validate(map_to_raw(candidate)) if p.severity == "error"]
            if has_errors(problems):
                raise EditError(_refusal(problems[0], candidate))
        previous = self.map
        self.map = candidate
        self._remember(before)
        self.version += 1
        self._tell(previous)

    def file_replaced(self, fresh: MapFile) -> None:
        """The file as it is now on disk (changed outside and merged, or saved by the editor
        that hosts the map): what later saves write onto, and what "unsaved" compares with."""
        self._file = fresh
        self._path = fresh.path
        self._saved = _State.of(fresh.map)
        self._new = False

    def adopt(self, m: Map) -> None:
        """Show `m`, the map as other editors changed it too (see `cjm_tui/together/`).

        Not an edit of this editor's: the undo history stays, and undo then takes back only
        this editor's own changes (see `undo`).
        """
        self.map = m
        self.version += 1

    # Generic edits -------------------------------------------------------------

    def _index(self, m: Map, entity: Entity) -> int:
        entries: list[Entity] = getattr(m, TABLE_OF[type(entity)])
        for i, e in enumerate(entries):
            if e.uid == entity.uid:
                return i
        raise EditError(_("{id} is no longer in the map", id=entity.id))

    def find(self, uid: int) -> Entity | None:
        """The entity with this uid in the current map."""
        for table in ("touchpoints", "stages", "personas", "actions"):
            for e in getattr(self.map, table):
                if e.uid == uid:
                    return e  # type: ignore[no-any-return]
        return None

    def update(self, entity: E, check: bool = True, **changes: Any) -> E:
        """Replace fields of an entity; a changed id takes its references along.

        A persona of the map's persona library keeps its id (other maps name it); its other
        fields are saved to the library file with the map (`MapFile.save`).
        """
        new = replace(entity, **changes)
        if (
            isinstance(entity, Persona)
            and new.id != entity.id
            and is_library_persona(self.map, entity)
        ):
            raise EditError(
                _(
                    "persona {id} belongs to the persona library {file}: "
                    "its id stays (other maps name it)",
                    id=entity.id,
                    file=self._library_name(),
                )
            )

        def change(m: Map) -> None:
            entries: list[Any] = getattr(m, TABLE_OF[type(entity)])
            entries[self._index(m, entity)] = new
            if new.id != entity.id:
                if isinstance(new, Stage):
                    edits.rename_stage(m, entity.id, new.id)
                elif isinstance(new, Persona):
                    edits.rename_persona(m, entity.id, new.id)
                elif isinstance(new, Touchpoint):
                    edits.rename_touchpoint(m, entity.id, new.id)

        self._edit(_did("edit", TABLE_OF[type(entity)], entity.id), change, check)
        return new

    def _library_name(self) -> str:
        library = self.map.library
        return library.path if library is not None else ""

    def update_info(self, **changes: Any) -> None:
        info = replace(self.map.info, **changes)
        if info.persona_library != self.map.info.persona_library:
            raise EditError(
                _("persona_library is read when the map is opened: change it in the file")
            )

        def change(m: Map) -> None:
            m.info = info

        self._edit(_("edit the map's details"), change)

    def add(self, entity: Entity, after: Entity | None = None, check: bool = True) -> None:
        """Add an entity: a touchpoint in journey order, others after `after` (else at the end)."""
        table = TABLE_OF[type(entity)]

        def change(m: Map) -> None:
            if isinstance(entity, Touchpoint) and after is None:
                m.insert_touchpoint(entity)
                return
            entries: list[Any] = getattr(m, table)
            index = self._index(m, after) + 1 if after is not None else len(entries)
            entries.insert(index, entity)

        self._edit(_did("add", table, entity.id), change, check)

    def quick_add(self, line: str, default_stage: str | None) -> Touchpoint:
        """Add the touchpoint a quick-add line describes (QuickAddError when refused)."""
        if self.read_only:
            raise ReadOnlyError
        tp = build_quick_add(self.map, line, default_stage)  # checks stage and personas
        self.add(tp, check=False)
        return tp

    def delete(self, entity: Entity) -> None:
        """Delete an entity and what would point at nothing without it.

        A touchpoint takes its actions along; a persona leaves the touchpoints' persona lists
        and emotion tables. A stage must be empty: use `delete_stage` for one that is not.
        """
        table = TABLE_OF[type(entity)]
        if isinstance(entity, Persona) and is_library_persona(self.map, entity):
            raise EditError(
                _(
                    "persona {id} belongs to the persona library {file}, shared by other maps: "
                    "delete it there",
                    id=entity.id,
                    file=self._library_name(),
                )
            )

        def change(m: Map) -> None:
            entries: list[Any] = getattr(m, table)
            del entries[self._index(m, entity)]
            if isinstance(entity, Touchpoint):
                m.actions = [a for a in m.actions if a.touchpoint != entity.id]
            elif isinstance(entity, Persona):
                edits.forget_persona(m, entity.id)

        if isinstance(entity, Stage) and any(t.stage == entity.id for t in self.map.touchpoints):
            raise EditError(
                _("stage {id} has touchpoints: move or delete them first", id=entity.id)
            )
        if isinstance(entity, Stage) and len(self.map.stages) == 1:
            raise EditError(_("a map needs at least one stage"))
        self._edit(_did("delete", table, entity.id), change, check=False)

    def delete_stage(self, stage: Stage, move_to: str | None) -> None:
        """Delete a stage; its touchpoints go to stage `move_to`, or are deleted when None."""
        if len(self.map.stages) == 1:
            raise EditError(_("a map needs at least one stage"))
        if move_to == stage.id:
            raise EditError(_("choose another stage for its touchpoints"))

        def change(m: Map) -> None:
            del m.stages[self._index(m, stage)]
            mine = [t for t in m.touchpoints if t.stage == stage.id]
            m.touchpoints = [t for t in m.touchpoints if t.stage != stage.id]
            if move_to is None:
                gone = {t.id for t in mine}
                m.actions = [a for a in m.actions if a.touchpoint not in gone]
            else:
                for t in mine:
                    m.insert_touchpoint(replace(t, stage=move_to))

        what = _did("delete", "stages", stage.id)
        if move_to:
            what = _("delete stage {id}, touchpoints to {to}", id=stage.id, to=move_to)
        self._edit(what, change, check=False)

    # Touchpoint keys -----------------------------------------------------------

    def bump_emotion(self, tp: Touchpoint, delta: int, persona: str | None) -> Touchpoint:
        """`+` / `-`: see `model.edits.bumped_emotion` for what moves."""
        personas = [p.id for p in self.map.personas]
        emotion = edits.bumped_emotion(tp, delta, persona, personas)
        return self.update(tp, check=False, emotion=emotion)

    def toggle_moment(self, tp: Touchpoint) -> Touchpoint:
        """`m`: mark or unmark a moment of truth (unmarking removes the key)."""
        return self.update(tp, check=False, moment_of_truth=None if tp.moment_of_truth else True)

    def move(self, entity: Entity, delta: int) -> bool:
        """`K` / `J`: swap with the neighbour; touchpoints stay within their stage.

        Returns False when there is nowhere to go (first or last already).
        """
        if self.read_only:
            raise ReadOnlyError
        table = TABLE_OF[type(entity)]
        entries: list[Any] = getattr(self.map, table)
        i = self._index(self.map, entity)
        j = i + delta
        if isinstance(entity, Touchpoint):
            same = [k for k, t in enumerate(entries) if t.stage == entity.stage]
            pos = same.index(i)
            if not 0 <= pos + delta < len(same):
                return False
            j = same[pos + delta]
        if not 0 <= j < len(entries):
            return False

        def change(m: Map) -> None:
            items: list[Any] = getattr(m, table)
            items[i], items[j] = items[j], items[i]

        self._edit(_did("move", table, entity.id), change, check=False)
        return True

    def move_to_stage(self, tp: Touchpoint, delta: int) -> Touchpoint | None:
        """`<` / `>`: to the end of the previous stage or the start of the next one."""
        if self.read_only:
            raise ReadOnlyError
        order = [s.id for s in self.map.stages]
        k = order.index(tp.stage) + delta
        if not 0 <= k < len(order):
            return None
        moved = replace(tp, stage=order[k])

        def change(m: Map) -> None:
            del m.touchpoints[self._index(m, tp)]
            if delta < 0:
                m.insert_touchpoint(moved)
                return
            first = next((i for i, t in enumerate(m.touchpoints) if t.stage == moved.stage), None)
            if first is None:
                m.insert_touchpoint(moved)
            else:
                m.touchpoints.insert(first, moved)

        what = _("move touchpoint {id} to stage {to}", id=tp.id, to=order[k])
        self._edit(what, change, check=False)
        return moved

    # Files ---------------------------------------------------------------------

    def save(self, force: bool = False) -> SaveResult:
        """Save in place. Without `force`, a file changed by someone else is not overwritten.

        Raises StoreError or WriteError (the file is then exactly as it was), or
        ReadOnlyError.
        """
        if self.read_only:
            raise ReadOnlyError
        if self._file is None:
            return SaveResult.UNCHANGED  # nothing can have changed while loading
        if not force and self.file.changed_on_disk():
            return SaveResult.CHANGED_ON_DISK
        written = self.file.save(self.map)
        self._new = False
        self._saved = _State.of(self.map)
        return SaveResult.SAVED if written else SaveResult.UNCHANGED

    def reload(self) -> None:
        """Read the file again, dropping unsaved changes (undo can bring them back)."""
        fresh = MapFile.load(self.path)
        before = _State.of(self.map, _("reload from disk"))
        previous = self.map
        self._file = fresh
        self.map = fresh.map
        self._remember(before)
        self._saved = _State.of(self.map)
        self._new = False
        self.version += 1
        self._tell(previous)

    def restore(self, other: Map, what: str | None = None) -> None:
        """Make `other` (a recovery draft) the current map, as one edit that undo takes back.

        Its entries take the uids of the entries with the same id here, so a save writes only
        what differs and keeps the file's comments. The file's own unknown top-level tables
        stay (the editor never changes them, so the file's are the newest).
        """
        adopted = with_uids_of(self.map, other)

        def change(m: Map) -> None:
            m.info = adopted.info
            m.personas = adopted.personas
            m.stages = adopted.stages
            m.touchpoints = adopted.touchpoints
            m.actions = adopted.actions

        self._edit(what or _("restore the recovery draft"), change)


def _refusal(problem: Problem, m: Map) -> str:
    """Why an edit was refused, for the person editing: the validator's message (English, as
    `cjm check` prints it) unless it is an id used twice, the one a form can cause."""
    path = problem.path
    if len(path) == 3 and path[2] == "id" and problem.message.startswith("duplicate"):
        table, index = path[0], path[1]
        entries = getattr(m, str(table), [])
        if isinstance(index, int) and 0 <= index < len(entries):
            ident = entries[index].id
            if table == "personas":
                return _("duplicate persona id {id}: another persona has it already", id=ident)
            if table == "stages":
                return _("duplicate stage id {id}: another stage has it already", id=ident)
            if table == "touchpoints":
                return _(
                    "duplicate touchpoint id {id}: another touchpoint has it already", id=ident
                )
            if table == "actions":
                return _("duplicate action id {id}: another action has it already", id=ident)
    return problem.message


def _did(verb: str, table: str, ident: str) -> str:
    """What an edit did, for undo and redo ("edit touchpoint sms-offer")."""
    done = {
        ("add", "personas"): _("add persona {id}"),
        ("add", "stages"): _("add stage {id}"),
        ("add", "touchpoints"): _("add touchpoint {id}"),
        ("add", "actions"): _("add action {id}"),
        ("edit", "personas"): _("edit persona {id}"),
        ("edit", "stages"): _("edit stage {id}"),
        ("edit", "touchpoints"): _("edit touchpoint {id}"),
        ("edit", "actions"): _("edit action {id}"),
        ("delete", "personas"): _("delete persona {id}"),
        ("delete", "stages"): _("delete stage {id}"),
        ("delete", "touchpoints"): _("delete touchpoint {id}"),
        ("delete", "actions"): _("delete action {id}"),
        ("move", "personas"): _("move persona {id}"),
        ("move", "stages"): _("move stage {id}"),
        ("move", "touchpoints"): _("move touchpoint {id}"),
        ("move", "actions"): _("move action {id}"),
    }
    return done[(verb, table)].format(id=ident)


def with_uids_of(current: Map, other: Map) -> Map:
    """`other` with each entry given the uid of the entry of `current` with its table and id.

    An entry equal to current's is current's own object: the two maps share it (memory, and
    the identity that makes comparing states quick).
    """
    found = {
        (table, e.id): e
        for table in ("personas", "stages", "touchpoints", "actions")
        for e in getattr(current, table)
    }

    def adopt(table: str, entries: list[E]) -> list[E]:
        out: list[E] = []
        for e in entries:
            mine: Any = found.get((table, e.id))
            if mine is None:
                out.append(e)
            elif mine == e:
                out.append(mine)
            else:
                out.append(replace(e, uid=mine.uid))
        return out

    personas = adopt("personas", other.personas)
    # The library's personas by id: `other`'s library when it has one (a file read again may
    # hold new ones), else current's (a map rebuilt from plain data has them inline).
    source = other if other.library is not None else current
    library = source.library
    if library is not None:
        shared = {p.id for p in source.personas if p.uid in library.uids}
        library = replace(library, uids=frozenset(p.uid for p in personas if p.id in shared))
    return Map(
        info=current.info if current.info == other.info else other.info,
        personas=personas,
        stages=adopt("stages", other.stages),
        touchpoints=adopt("touchpoints", other.touchpoints),
        actions=adopt("actions", other.actions),
        extra=current.extra,
        library=library,
    )
