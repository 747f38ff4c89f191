"""The one TOML writer: turns an edited model back into the file's text, touching only what changed.

The text is cut into units: the preamble, each table with the comment lines directly above
its header, each `[[entry]]` with its sub-tables, and each comment paragraph set apart by
blank lines (a heading, or the notes at the end). Every unit is its own text ("core")
followed by the blank lines after it ("gap"). A save compares the model with the baseline
(what the file held when loaded or last saved) by entity `uid`, then:

- a changed key is edited where it stands, in its own form (`keyedit.py`);
- a removed entry takes its comments and sub-tables with it, wherever they stand; the
  comments of its neighbours stay, and so does a heading (unless it named a deleted stage
  and heads nothing any more);
- a new entry goes after its predecessor in the model's order (for a touchpoint that is the
  last touchpoint of its stage, journey order), below the heading that names its stage, in
  the style of its neighbours; reordered entries move as whole units.

Untouched units are copied byte for byte, so an unchanged map saves as the same bytes. What
it writes for each entry is read back with tomllib and compared with the model (a styled
edit that does not read back is written plainly instead), and so is the whole new text
before anyone writes it: a file that would not read back as the map is never written.

Most saves change only values of entries the file holds (an emotion, a text). Those are
saved in place (`_Writer.in_place`): the entries that changed are found by comparing marshal
snapshots of their fields (`Baseline.changed`), only their text is edited and read back,
and the layout checks that the new text holds the same tables where they were
(`Layout.plan_splice`); the rest of the file is the text that read back as the map when it
was loaded or last written. After the write the layout moves its blocks by the change in
length (`Saved.follow`), so the next save needs no scan either. A hypothesis test holds this
path to the same bytes as the whole writer (tests/test_store_inplace.py).
"""

from __future__ import annotations

import functools
import re
import tomllib
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import tomli

from cjm_tui.model import ENTITY_TABLES, KNOWN_KEYS, Entity, Map, to_raw
from cjm_tui.model.raw import copy_value
from cjm_tui.store.baseline import Baseline, WriteError, snapshot, snapshots
from cjm_tui.store.keyedit import KeyEditor, Splice
from cjm_tui.store.layout import Block, Layout, Splicing
from cjm_tui.store.style import KeyStyle, key_style, majority_newline, newline_at
from cjm_tui.store.values import same_data
from cjm_tui.versions.sequences import longest_increasing

TABLE_ORDER = ("map", *ENTITY_TABLES)


@dataclass
class _Unit:
    kind: str  # "root", "map", "table", "heading", "detached", or an entity table name
    blocks: list[Block]
    index: int = -1  # entry index for entity units
    far: list[int] = field(default_factory=list)
    """Units holding this entry's sub-tables written after other tables ("detached")."""
    owner: int = -1
    """For a detached unit: the entry unit its sub-tables belong to."""

    # Where the unit stands is where its blocks stand: a layout that follows an in-place edit
    # (`Layout.plan_splice`) moves the units with it.

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def content_end(self) -> int:
        return self.blocks[-1].content_end

    @property
    def end(self) -> int:
        return self.blocks[-1].end


@dataclass
class _Piece:
    core: str
    table: str | None = None  # the entity table of an entry piece
    fresh: bool = False
    """New text: its newlines follow the lines it lands between."""


@dataclass
class _Plan:
    """Where pieces go: replaced units, and new text before/after existing units."""

    replace: dict[int, str | None] = field(default_factory=dict)  # unit -> new core, None = drop
    before: dict[int, list[_Piece]] = field(default_factory=dict)
    after: dict[int, list[_Piece]] = field(default_factory=dict)


def _under(path: tuple[Any, ...], base: tuple[Any, ...]) -> bool:
    return bool(base) and len(path) > len(base) and path[: len(base)] == base


def _units(layout: Layout) -> list[_Unit]:
    units: list[_Unit] = []
    entry_unit: dict[tuple[Any, ...], int] = {}
    for block in layout.blocks:
        path = block.path
        last = units[-1] if units else None
        # Sub-tables ([touchpoints.emotion], [map.x]) travel with the table they belong to.
        if last is not None and last.kind != "heading" and _under(path, last.blocks[0].path):
            last.blocks.append(block)
            continue
        entry = path[:2] if len(path) > 2 and path[0] in ENTITY_TABLES else None
        if entry is not None and entry in entry_unit:
            owner = entry_unit[entry]
            if last is not None and last.kind == "detached" and last.owner == owner:
                last.blocks.append(block)
                continue
            # A sub-table of an entry written after other tables: it still belongs to that
            # entry (it goes when the entry goes, and moves with it).
            units[owner].far.append(len(units))
            units.append(_Unit("detached", [block], owner=owner))
            continue
        if not path:
            kind = "root"
        elif block.name == ("#",):
            kind = "heading"  # a comment paragraph that heads the tables after it
        elif path == ("map",):
            kind = "map"
        elif block.is_array and len(block.name) == 1 and block.name[0] in ENTITY_TABLES:
            kind = block.name[0]
        else:
            kind = "table"
        index = path[1] if kind in ENTITY_TABLES and isinstance(path[1], int) else -1
        if kind in ENTITY_TABLES:
            entry_unit[path[:2]] = len(units)
        units.append(_Unit(kind, [block], index))
    return units


class _Shape:
    """What the writer reads off a layout once: its units, where each entry is, the newline
    most lines end with. Kept with the layout while it follows in-place edits (which move
    blocks, never add or remove them, and leave the blank lines between units as they are)."""

    def __init__(self, layout: Layout) -> None:
        self.text = layout.text
        self.units = _units(layout)
        self.crlf = self.text.count("\r\n")
        self.lf = self.text.count("\n")
        self.usual_gap: str | None = None
        self.entries: dict[str, dict[int, int]] = {t: {} for t in ENTITY_TABLES}
        """Per table, the unit of each entry by its index."""
        self.map_unit: int | None = None
        self.map_elsewhere = False
        """Sub-tables of [map] written apart from it ([map.x] after other tables)."""
        for i, u in enumerate(self.units):
            if u.kind in ENTITY_TABLES:
                self.entries[u.kind][u.index] = i
            elif u.kind == "map" and self.map_unit is None:
                self.map_unit = i
            elif u.kind == "table" and u.blocks[0].path[:1] == ("map",):
                self.map_elsewhere = True

    @property
    def nl(self) -> str:
        """`majority_newline` of the text."""
        return "\r\n" if self.crlf and self.crlf * 2 >= self.lf else "\n"

    def follow(self, spans: list[tuple[int, int, str]], text: str) -> None:
        """The layout's text had `spans` replaced and is now `text`."""
        for start, end, new in spans:
            old = self.text[start:end]
            self.crlf += new.count("\r\n") - old.count("\r\n")
            self.lf += new.count("\n") - old.count("\n")
        self.text = text


_PLACED_BY = {"touchpoints": "stage", "stages": "id"}
"""The key whose change may move a touchpoint under another stage heading (never in place)."""

_SHAPES: weakref.WeakKeyDictionary[Layout, _Shape] = weakref.WeakKeyDictionary()


def prepare(layout: Layout) -> None:
    """Read off `layout` what a save needs (its units, where each entry is) ahead of the
    first save, which then edits in place at once."""
    _shape(layout)


def _shape(layout: Layout) -> _Shape:
    shape = _SHAPES.get(layout)
    if shape is None or shape.text is not layout.text:
        shape = _SHAPES[layout] = _Shape(layout)
    return shape


@dataclass
class Saved:
    """What a save writes: the new text and its baseline, and how the layout follows it."""

    text: str
    baseline: Baseline
    spans: list[tuple[int, int, str]] | None = None
    """The in-place edits (start, end, new text) that made `text`, when that is all it took."""
    splicing: Splicing | None = None
    layout: Layout | None = None

    def follow(self) -> bool:
        """Once `text` is the file's: move the layout's blocks to their places in it (when it
        was only edited in place); False when the layout must be scanned again."""
        if self.spans is None or self.splicing is None or self.layout is None:
            return False
        shape = _SHAPES.get(self.layout)
        self.splicing.apply(self.text)
        if shape is not None:
            shape.follow(self.spans, self.text)
        return True


class _Writer:
    def __init__(
        self, text: str, layout: Layout, base: Baseline, m: Map, library: bool = False
    ) -> None:
        self.library = library
        """A persona library: no [map] table, only [[personas]]."""
        self.text = text
        self.layout = layout
        self.base = base
        self.m = m
        if layout.text is text:
            self.shape = _shape(layout)
            self.nl = self.shape.nl
        else:
            self.shape = _Shape(layout)
            self.nl = majority_newline(text)
        self.units = self.shape.units
        self.plan = _Plan()
        self.keys = KeyEditor(layout, self.nl)
        self._named: dict[int, int | None] = {}
        self.saved = Baseline(info={}, extra=copy_value(m.extra), tables={})
        """The baseline once this text is on disk, built from the raws computed on the way."""

    # Entry point -------------------------------------------------------------

    def in_place(self) -> Saved | None:
        """The save when only values of entries the file holds changed (none added, removed
        or moved, no stage id changed): each changed entry edited where it stands, the rest
        of the text as it is. None when the whole writer is needed.

        The read-back is each edited entry's own new text, parsed alone and compared with the
        model (`_edited`), and `Layout.plan_splice`: the new text holds the same tables as
        the old, each starting and ending a line where it did. Then the new file is the old
        one, which read back as the baseline when it was loaded or written, with those
        entries' tables, and only those, holding their new values.
        """
        m, base, shape = self.m, self.base, self.shape
        if not same_data(m.extra, base.extra) or not self.text.endswith("\n"):
            return None
        edits: list[tuple[int, str, dict[str, Any], dict[str, Any]]] = []
        saved = Baseline(info={}, extra=copy_value(m.extra), tables={}, snaps={})
        if not self.library:
            saved.info = to_raw(m.info)
            if not same_data(saved.info, base.info):
                if shape.map_unit is None or shape.map_elsewhere:
                    return None
                edits.append((shape.map_unit, "map", base.info, saved.info))
        for table in ENTITY_TABLES:
            entities: list[Entity] = getattr(m, table)
            maybe = base.changed(table, entities)
            if maybe is None:
                return None
            old = base.tables[table]
            saved.tables[table] = old
            if table in base.snaps:
                saved.snaps[table] = base.snaps[table]
            if not maybe:
                continue
            if len(shape.entries[table]) != len(old):
                return None  # an inline array: the writer says why it cannot edit it
            tables = list(old)
            snaps: list[bytes | None] = (
                list(base.snaps[table]) if table in base.snaps else [None] * len(old)
            )
            for i in maybe:
                entity = entities[i]
                raw = to_raw(entity)
                tables[i] = (entity.uid, raw)
                snaps[i] = snapshot(table, entity)
                if same_data(raw, old[i][1]):
                    continue
                placed_by = _PLACED_BY.get(table)
                if placed_by is not None and raw.get(placed_by) != old[i][1].get(placed_by):
                    return None  # it may move under another stage's heading
                edits.append((shape.entries[table][i], table, old[i][1], raw))
            saved.tables[table], saved.snaps[table] = tables, snaps
        spans: list[tuple[int, int, str]] = []
        for unit, table, old_raw, new_raw in edits:
            for j, core in self._edited(unit, table, old_raw, new_raw).items():
                if core is None:
                    return None
                u = self.units[j]
                if core != self.text[u.start : u.content_end]:
                    spans.append((u.start, u.content_end, core))
        spans.sort()
        splicing = self.layout.plan_splice(spans)
        if splicing is None:
            return None
        if not spans:  # the same data, written differently in memory
            return Saved(self.text, saved, spans, splicing, self.layout)
        out: list[str] = []
        pos = 0
        for start, end, core in spans:
            out += (self.text[pos:start], core)
            pos = end
        out.append(self.text[pos:])
        return Saved("".join(out), saved, spans, splicing, self.layout)

    def render(self, verify: bool = True) -> str:
        if not same_data(self.m.extra, self.base.extra):
            raise WriteError("keys outside the map's tables changed; cjm does not edit those")
        if not self.library:
            self._map_info()
        for table in ENTITY_TABLES:
            self._table(table)
        self._drop_headings_of_deleted_stages()
        out = self._emit()
        if verify:
            self._verify(out)
        return out

    # The [map] table ---------------------------------------------------------

    def _map_info(self) -> None:
        new = self.saved.info = to_raw(self.m.info)
        if same_data(new, self.base.info):
            return
        unit = next((i for i, u in enumerate(self.units) if u.kind == "map"), None)
        if unit is None and not self.base.info:
            # A new file: the [map] table comes first.
            core = self._new_table("map", new, None)
            self.plan.after.setdefault(0, []).append(_Piece(core))
            return
        if unit is None:
            raise WriteError(
                "the [map] table is not written as a [map] header; "
                "cjm can only edit it in that form"
            )
        self.plan.replace.update(self._edited(unit, "map", self.base.info, new))

    # Array tables ------------------------------------------------------------

    def _table(self, table: str) -> None:
        entities: list[Entity] = getattr(self.m, table)
        raws = [to_raw(e) for e in entities]
        self.saved.tables[table] = [(e.uid, r) for e, r in zip(entities, raws, strict=True)]
        self.saved.snaps[table] = snapshots(table, entities)
        old = self.base.tables[table]
        old_pos = {uid: i for i, (uid, _) in enumerate(old)}
        unit_of = self.shape.entries[table]
        if old and len(unit_of) != len(old):
            if self._same_entries(self.saved.tables[table], old):
                return
            raise WriteError(
                f"{table} is written as an inline array; cjm can only edit [[{table}]] tables"
            )
        new_uids = {e.uid for e in entities}
        for uid, index in old_pos.items():
            if uid not in new_uids:
                self._drop(unit_of[index])
        # Touchpoints that change stage in a file of stage headings move under their new
        # stage's heading.
        restaged: set[int] = set()
        if table == "touchpoints" and self._stage_headings():
            was = self._old_stage_uids()
            restaged = {
                e.uid
                for e in entities
                if e.uid in old_pos
                and was.get(str(old[old_pos[e.uid]][1].get("stage"))) != self._stage_uid(e)
            }
        kept = [old_pos[e.uid] for e in entities if e.uid in old_pos and e.uid not in restaged]
        stationary = set(longest_increasing(kept))
        # Text for every entity: edited in place, moved, or new.
        pieces: list[tuple[Entity, int | None, _Piece | None]] = []
        previous: int | None = None  # the unit of the last entry seen that the file holds
        for entity, new_raw in zip(entities, raws, strict=True):
            i = old_pos.get(entity.uid)
            if i is None:
                template = previous if previous is not None else self._template(table, unit_of)
                core = self._new_table(table, new_raw, template)
                pieces.append((entity, None, _Piece(core, table, fresh=True)))
                continue
            unit = previous = unit_of[i]
            old_raw = old[i][1]
            changed = not same_data(new_raw, old_raw)
            if i in stationary:
                if changed:
                    self.plan.replace.update(self._edited(unit, table, old_raw, new_raw))
                pieces.append((entity, unit, None))
            else:
                cores: dict[int, str | None] = {
                    j: self._unit_core(j) for j in (unit, *self.units[unit].far)
                }
                if changed:
                    cores = dict(self._edited(unit, table, old_raw, new_raw))
                self._drop(unit)
                pieces.append((entity, None, _Piece(self._joined(unit, cores), table)))
        self._place(table, pieces)

    @staticmethod
    def _same_entries(
        a: list[tuple[int, dict[str, Any]]], b: list[tuple[int, dict[str, Any]]]
    ) -> bool:
        return len(a) == len(b) and all(
            x[0] == y[0] and same_data(x[1], y[1]) for x, y in zip(a, b, strict=True)
        )

    def _drop(self, unit: int) -> None:
        """Remove an entry and its sub-tables, wherever they stand."""
        for i in (unit, *self.units[unit].far):
            self.plan.replace[i] = None

    def _joined(self, unit: int, cores: dict[int, str | None]) -> str:
        """An entry's text with its detached sub-tables brought under it (it is moving)."""
        core = cores[unit] or ""
        for far in self.units[unit].far:
            extra = cores.get(far)
            if extra:
                core = self._with_newline(core) + self._default_gap() + extra
        return core

    def _template(self, table: str, unit_of: dict[int, int]) -> int | None:
        """The unit a new entry with no predecessor should look like: the first entry of
        its table, else the first table of the file."""
        if unit_of:
            return min(unit_of.values())
        for i, u in enumerate(self.units):
            if u.kind in ENTITY_TABLES or u.kind == "map":
                return i
        return None

    def _place(self, table: str, pieces: list[tuple[Entity, int | None, _Piece | None]]) -> None:
        """Attach moved and new entries after the stationary entry before them."""
        anchor: int | None = None
        leading: list[tuple[Entity, _Piece]] = []
        for entity, unit, piece in pieces:
            if unit is not None:
                anchor = unit
            elif piece is not None:
                if anchor is None:
                    leading.append((entity, piece))
                else:
                    self._put_after(anchor, entity, piece)
        if not leading:
            return
        first = next((u for _, u, _ in pieces if u is not None), None)
        if first is not None:
            for entity, piece in leading:
                self._put_before(first, entity, piece)
            return
        # No entry of this table stays where it was: put them where the table was, else
        # after the tables that come before it in the format's order, else at the end.
        own = [i for i, u in enumerate(self.units) if u.kind == table]
        if own:
            for entity, piece in leading:
                self._put_before(own[0], entity, piece)
            return
        order = TABLE_ORDER.index(table)
        earlier = [i for i, u in enumerate(self.units) if u.kind in TABLE_ORDER[:order]]
        later = [i for i, u in enumerate(self.units) if u.kind in TABLE_ORDER[order + 1 :]]
        new = [piece for _, piece in leading]
        if earlier:
            self.plan.after.setdefault(earlier[-1], []).extend(new)
        elif later:
            self.plan.before.setdefault(later[0], []).extend(new)
        else:
            self.plan.after.setdefault(len(self.units) - 1, []).extend(new)

    # Headings that name stages -------------------------------------------------

    def _put_after(self, anchor: int, entity: Entity, piece: _Piece) -> None:
        """After `anchor`, or after the heading that names the touchpoint's stage just below it."""
        stage = self._stage_uid(entity) if piece.table == "touchpoints" else None
        if stage is not None:
            j = anchor + 1
            while j < len(self.units) and (self.units[j].kind == "heading" or self._dropped(j)):
                if self.units[j].kind == "heading" and self._named_stage(j) == stage:
                    self.plan.after.setdefault(j, []).append(piece)
                    return
                j += 1
        self.plan.after.setdefault(anchor, []).append(piece)

    def _put_before(self, first: int, entity: Entity, piece: _Piece) -> None:
        """Before `first`, or above the heading of a later stage just above it."""
        stage = self._stage_uid(entity) if piece.table == "touchpoints" else None
        if stage is not None:
            rank = {s.uid: k for k, s in enumerate(self.m.stages)}
            mine = rank.get(stage, len(rank))
            j = first - 1
            headings: list[int] = []
            while j >= 0 and (self.units[j].kind == "heading" or self._dropped(j)):
                if self.units[j].kind == "heading":
                    headings.insert(0, j)
                j -= 1
            for h in headings:
                named = self._named_stage(h)
                if named == stage:
                    self.plan.after.setdefault(h, []).append(piece)
                    return
                if named is not None and rank.get(named, -1) > mine:
                    self.plan.before.setdefault(h, []).append(piece)
                    return
        self.plan.before.setdefault(first, []).append(piece)

    def _dropped(self, unit: int) -> bool:
        return unit in self.plan.replace and self.plan.replace[unit] is None

    def _stage_uid(self, entity: Entity) -> int | None:
        return self._stage_uids.get(str(getattr(entity, "stage", None)))

    @functools.cached_property
    def _stage_uids(self) -> dict[str, int]:
        return {s.id: s.uid for s in self.m.stages}

    def _old_stage_uids(self) -> dict[str, int]:
        return {str(r.get("id")): uid for uid, r in self.base.tables["stages"]}

    def _stage_headings(self) -> bool:
        """Whether the file has headings that name stages."""
        return any(
            u.kind == "heading" and self._named_stage(i) is not None
            for i, u in enumerate(self.units)
        )

    def _named_stage(self, unit: int) -> int | None:
        """The uid of the one stage a heading paragraph names, by id or by name (old or new)."""
        if unit in self._named:
            return self._named[unit]
        u = self.units[unit]
        words = self.text[u.start : u.content_end].casefold()
        hits: dict[int, int] = {}
        for uid, label in self._stage_labels():
            label = label.casefold().strip()
            if len(label) < 2 or label not in words:
                continue
            if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", words):
                hits[uid] = max(hits.get(uid, 0), len(label))
        named: int | None = None
        if hits:
            ranked = sorted(hits.items(), key=lambda kv: -kv[1])
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                named = ranked[0][0]
        self._named[unit] = named
        return named

    def _stage_labels(self) -> list[tuple[int, str]]:
        labels: list[tuple[int, str]] = []
        for stage in self.m.stages:
            labels += [(stage.uid, stage.id), (stage.uid, stage.name)]
        for uid, raw in self.base.tables["stages"]:
            labels += [(uid, str(raw.get("id", ""))), (uid, str(raw.get("name", "")))]
        return labels

    def _drop_headings_of_deleted_stages(self) -> None:
        """A heading that names a deleted stage goes with it (its touchpoints, if any were
        kept, now belong to another stage)."""
        now = {s.uid for s in self.m.stages}
        gone = {uid for uid, _ in self.base.tables["stages"] if uid not in now}
        if not gone:
            return
        for i, u in enumerate(self.units):
            if u.kind == "heading" and self._named_stage(i) in gone:
                self.plan.replace[i] = None

    # Text of units -----------------------------------------------------------

    def _unit_core(self, unit: int) -> str:
        u = self.units[unit]
        return self.text[u.start : u.content_end]

    def _unit_gap(self, unit: int) -> str:
        u = self.units[unit]
        return self.text[u.content_end : u.end]

    def _new_table(self, table: str, raw: dict[str, Any], template: int | None) -> str:
        """A new entry written like `template` (indentation, alignment, quoting, newline)."""
        header = "[map]" if table == "map" else f"[[{table}]]"
        style = KeyStyle()
        nl = self.nl
        if template is not None:
            block = self.units[template].blocks[0]
            style = key_style(self.layout, block)
            if block.header_start >= 0:
                nl = newline_at(self.text, block.header_start, self.nl)
        column = style.column_for(list(raw))
        lines = [header] + [style.line(k, v, nl, column) for k, v in raw.items()]
        core = nl.join(lines) + nl
        self._check_reads_back(core, table, raw)
        return core

    def _edited(
        self, unit: int, table: str, old: dict[str, Any], new: dict[str, Any]
    ) -> dict[int, str | None]:
        """The entry's cores (its own and its detached sub-tables') with `new` written in.

        The file's own style first; where that does not read back as the model, plainly.
        """
        u = self.units[unit]
        blocks = list(u.blocks)
        for far in u.far:
            blocks.extend(self.units[far].blocks)
        order = KNOWN_KEYS[table]
        regions = (unit, *u.far)
        for styled in (True, False):
            splices = self.keys.splices(blocks, order, old, new, styled)
            cores: dict[int, str | None] = {i: self._region(i, splices) for i in regions}
            if self._reads_back(cores, unit, table, old, new):
                return {i: (core if core and core.strip() else None) for i, core in cores.items()}
        raise WriteError(
            f"internal error: the text written for {table} does not read back as the model; "
            "nothing was saved"
        )

    def _region(self, unit: int, splices: list[Splice]) -> str:
        u = self.units[unit]
        mine = [s for s in splices if u.start <= s[0] <= u.content_end]
        return _trim_blank_tail(_apply(self.text, u.start, u.content_end, mine))

    def _reads_back(
        self,
        cores: dict[int, str | None],
        unit: int,
        table: str,
        old: dict[str, Any],
        new: dict[str, Any],
    ) -> bool:
        try:
            got = _entry_of(self._joined(unit, cores), table)
        except tomllib.TOMLDecodeError:
            return False
        if got is None:
            return False
        for key, value in new.items():
            if key not in got:
                # Written outside the entry's own tables (a [map.x] elsewhere) and unchanged.
                if key in old and same_data(old[key], value):
                    continue
                return False
            if not same_data(got[key], value):
                return False
        return all(key in new for key in got)

    def _check_reads_back(self, core: str, table: str, raw: dict[str, Any]) -> None:
        try:
            got = _entry_of(core, table)
        except tomllib.TOMLDecodeError as exc:
            raise WriteError(
                f"internal error: the text written for {table} does not parse ({exc}); "
                "nothing was saved"
            ) from None
        if got is None or not same_data(got, raw):
            raise WriteError(
                f"internal error: the text written for {table} does not read back as the "
                "model; nothing was saved"
            )

    # Safety net and output ---------------------------------------------------

    def _verify(self, out: str) -> None:
        """The whole new text must parse and read back as the map, or nothing is written.

        tomli is the parser the standard library's tomllib was made from, and its compiled
        wheels parse about 3x faster. Its versions before 2.3 keep tomllib's rules (TOML 1.0;
        later ones read TOML 1.1, which the reader refuses), hence `tomli<2.3` in
        pyproject.toml and `tests/test_store_write.py` holding the two to the same answers.
        """
        try:
            data = tomli.loads(out)
        except tomli.TOMLDecodeError as exc:
            raise WriteError(
                f"internal error: the edited file would not parse ({exc}); nothing was saved"
            ) from None
        # The raws of this save, computed on the way (the same as map_to_raw's).
        expected: dict[str, Any] = {} if self.library else {"map": self.saved.info}
        for table, entries in self.saved.tables.items():
            if entries:
                expected[table] = [raw for _, raw in entries]
        expected.update(self.m.extra)
        for table in ENTITY_TABLES:
            if data.get(table) == [] and table not in expected:
                del data[table]
        if not same_data(data, expected):
            raise WriteError(
                "internal error: the edited file would not read back as the map; nothing was saved"
            )

    def _emit(self) -> str:
        """The new text: every unit and piece in order, each after the blank lines that stood
        above it (a unit keeps the gap above it even when its neighbour goes; a new or moved
        piece gets the file's usual gap, and a heading always keeps a blank line above it)."""
        plan = self.plan
        items: list[tuple[_Piece, str | None, str]] = []  # (piece, gap above, unit kind)
        gaps: list[str] = []  # the gaps above the next unit: the last unit's and dropped ones'

        placed: dict[int, int] = {}  # entry unit -> its item
        latest: dict[str, int | None] = {}  # table -> the unit of the entry written last
        for i, unit in enumerate(self.units):
            for k, piece in enumerate(plan.before.get(i, [])):
                # The first piece put before a unit takes the blank lines above it.
                items.append((piece, _widest(gaps) if k == 0 else None, "new"))
                gaps = []
                latest[piece.table or ""] = None
            core = plan.replace[i] if i in plan.replace else self._unit_core(i)
            if core is not None and unit.kind == "detached":
                owner = unit.owner
                table = self.units[owner].kind
                if latest.get(table) != owner and owner in placed:
                    # Another entry now stands between: the sub-table would change hands.
                    # It joins its entry instead.
                    host = items[placed[owner]][0]
                    host.core = self._with_newline(host.core) + self._default_gap() + core
                    core = None
            if core is None:
                gaps.append(self._unit_gap(i))
            else:
                # Where units went, the widest gap of theirs stays (a heading keeps the blank
                # line below it when the entry under it goes, and the one above it too).
                items.append((_Piece(core), _widest(gaps) if gaps else None, unit.kind))
                gaps = [self._unit_gap(i)]
                if unit.kind in ENTITY_TABLES:
                    placed[i] = len(items) - 1
                    latest[unit.kind] = i
            for k, piece in enumerate(plan.after.get(i, [])):
                if k == 0 and unit.kind == "heading" and core is not None:
                    # The blank lines below a heading stay right below it.
                    items.append((piece, _widest(gaps), "new"))
                    gaps = []
                else:
                    items.append((piece, None, "new"))
                latest[piece.table or ""] = None
        final_gap = self._unit_gap(len(self.units) - 1) if self.units else ""
        default_gap = self._default_gap()
        out: list[str] = []
        for n, (piece, above, kind) in enumerate(items):
            if n > 0:
                if out and out[-1] and not out[-1].endswith("\n"):
                    out[-1] = self._with_newline(out[-1])
                if above is None:
                    # New blank lines: as many as the file's usual, ending like the line above
                    # (the file's own blank lines keep their endings).
                    above = default_gap.replace("\r\n", "\n")
                    if out[-1].endswith("\r\n"):
                        above = above.replace("\n", "\r\n")
                # A heading stays a paragraph of its own: a blank line above and below it.
                glued = kind == "heading" or items[n - 1][2] == "heading"
                if glued and "\n" not in above and out and out[-1]:
                    above = newline_at(out[-1], len(out[-1]) - 1, self.nl)
                out.append(above)
            text: str = piece.core
            if piece.fresh and len(out) >= 2:
                before = out[-2] + out[-1]
                nl = newline_at(before, len(before) - 1, self.nl) if before else self.nl
                text = text.replace("\r\n", "\n")
                if nl == "\r\n":
                    text = text.replace("\n", "\r\n")
                if "\n" in out[-1]:  # the gap above it, likewise
                    out[-1] = out[-1].replace("\r\n", "\n").replace("\n", nl)
            out.append(text)
        out.append(final_gap)
        result = "".join(out)
        if self.text and not self.text.endswith("\n"):
            # The file had no newline at its end: it still has none.
            result = result.rstrip("\r\n") if not final_gap else result
        elif items and not result.endswith("\n"):
            result += newline_at(result, len(result) - 1, self.nl)
        return result

    def _with_newline(self, core: str) -> str:
        if core.endswith("\n"):
            return core
        return core + newline_at(core, len(core) - 1, self.nl)

    def _default_gap(self) -> str:
        """The blank lines the file usually puts between two entries (between tables, when
        it has fewer than two entries)."""
        if self.shape.usual_gap is None:
            between: Counter[str] = Counter()
            first: str | None = None
            for i, u in enumerate(self.units[:-1]):
                if u.kind in ENTITY_TABLES or u.kind == "map":
                    gap = self._unit_gap(i)
                    first = gap if first is None else first
                    if self.units[i + 1].kind in ENTITY_TABLES:
                        between[gap.replace("\r\n", "\n")] += 1
            if between:
                usual = between.most_common(1)[0][0]
                self.shape.usual_gap = usual.replace("\n", self.nl)
            else:
                self.shape.usual_gap = first if first is not None else self.nl
        return self.shape.usual_gap


def _entry_of(text: str, table: str) -> dict[str, Any] | None:
    """The one entry `text` holds for `table` ([map] or a single [[entry]]), else None.
    Raises tomllib.TOMLDecodeError."""
    got = tomllib.loads(text).get(table)
    if isinstance(got, list):
        got = got[0] if len(got) == 1 else None
    return got if isinstance(got, dict) else None


def _widest(gaps: list[str]) -> str:
    """The gap with the most line breaks, the last of equals (the one nearest below)."""
    return max(reversed(gaps), key=lambda g: g.count("\n"), default="")


def _apply(text: str, start: int, end: int, splices: list[Splice]) -> str:
    """`text[start:end]` with the splices (start, end, tie-break, new text) applied."""
    out: list[str] = []
    pos = start
    for s, e, _, new in sorted(splices, key=lambda x: (x[0], x[2])):
        s = min(max(s, pos), end)
        out.append(text[pos:s])
        out.append(new)
        pos = min(max(e, s), end)
    out.append(text[pos:end])
    return "".join(out)


_BLANK_TAIL = re.compile(r"(\r?\n)(?:[ \t]*\r?\n)*[ \t]*\Z")


def _trim_blank_tail(core: str) -> str:
    """A unit's core ends at its last non-blank line (an edit may have removed what followed)."""
    return _BLANK_TAIL.sub(lambda m: m.group(1), core, count=1)


def render(text: str, layout: Layout, base: Baseline, m: Map, verify: bool = True) -> str:
    """The text of `m`, as `text` (whose data is `base`) edited in place.

    Raises WriteError when that text would not read back as `m` (`verify`: the whole text
    is parsed again; a recovery draft skips that, since it is read back through the model).
    """
    return _Writer(text, layout, base, m).render(verify)


def render_with_baseline(
    text: str, layout: Layout, base: Baseline, m: Map, library: bool = False
) -> tuple[str, Baseline]:
    """`render`, and the baseline of the new text (for the next save); `library`: the text is a
    persona library (`m` holds only personas, its [map] is neither read nor written)."""
    saved = render_save(text, layout, base, m, library)
    return saved.text, saved.baseline


def render_save(
    text: str, layout: Layout, base: Baseline, m: Map, library: bool = False, fast: bool = True
) -> Saved:
    """`render_with_baseline`, in place when only entries' values changed (`_Writer.in_place`;
    `fast=False`: always the whole writer); `Saved.follow` then keeps `layout` for the next
    save once the text is on disk."""
    writer = _Writer(text, layout, base, m, library)
    saved = writer.in_place() if fast else None
    if saved is not None:
        return saved
    writer = _Writer(text, layout, base, m, library)
    return Saved(writer.render(), writer.saved)


def render_new(m: Map, newline: str = "\n") -> str:
    """The text of a new file holding `m`: [map], then each table's entries, blank-separated."""
    text = "" if newline == "\n" else "\r\n"  # the writer takes its newline from the text
    out = render(text, Layout(text), Baseline.empty(), m)
    return out.lstrip("\r\n")
