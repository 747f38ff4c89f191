"""The one TOML writer: turns an edited model back into the file's text, touching only what changed.

The text is cut into units: the preamble, each table with the comment lines directly above
its header, and each `[[entry]]` with its sub-tables. Every unit is its own text ("core")
followed by the blank lines after it ("gap"). A save compares the model with the baseline
(what the file held when loaded or last saved) by entity `uid`, then:

- a changed key has its value replaced in place (its comment and quoting style stay);
- a new key goes after the key that precedes it in the format's order;
- a removed entry takes its comments with it; the comments of its neighbours stay;
- a new entry goes after its predecessor in the model's order (for a touchpoint that is the
  last touchpoint of its stage, journey order); reordered entries move as whole units.

Untouched units are copied byte for byte, so an unchanged map saves as the same bytes. Every
unit it writes is read back with tomllib and compared with the model before the file is
touched; a mismatch is a bug and stops the save.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cjm_tui.model import ENTITY_TABLES, KNOWN_KEYS, Entity, Map, to_raw
from cjm_tui.model.raw import copy_value
from cjm_tui.sequences import longest_increasing
from cjm_tui.store.layout import Block, KeyLoc, Layout
from cjm_tui.store.values import format_key, format_value

TABLE_ORDER = ("map", *ENTITY_TABLES)


class WriteError(Exception):
    """The edit cannot be written in place; the file is left as it is."""


@dataclass
class Baseline:
    """What the file holds, as data: the reference a save compares the model with."""

    info: dict[str, Any]
    extra: dict[str, Any]
    tables: dict[str, list[tuple[int, dict[str, Any]]]]
    """Per array table: (uid, raw entry) in file order."""

    @classmethod
    def empty(cls) -> Baseline:
        """The baseline of a file that does not exist yet."""
        return cls(info={}, extra={}, tables={t: [] for t in ENTITY_TABLES})

    @classmethod
    def of_map(cls, m: Map) -> Baseline:
        return cls(
            info=to_raw(m.info),
            extra=copy_value(m.extra),
            tables={t: [(e.uid, to_raw(e)) for e in getattr(m, t)] for t in ENTITY_TABLES},
        )

    def differs(self, m: Map) -> bool:
        if to_raw(m.info) != self.info or m.extra != self.extra:
            return True
        for table, entries in self.tables.items():
            current: list[Entity] = getattr(m, table)
            if len(current) != len(entries):
                return True
            for entity, (uid, raw) in zip(current, entries, strict=True):
                if entity.uid != uid or to_raw(entity) != raw:
                    return True
        return False


@dataclass
class _Unit:
    kind: str  # "root", "map", "table", or an entity table name
    start: int
    content_end: int
    end: int
    blocks: list[Block]
    index: int = -1  # entry index for entity units


@dataclass
class _Piece:
    core: str
    gap: str | None  # None: the file's usual gap between tables


@dataclass
class _Plan:
    """Where pieces go: replaced units, and new text before/after existing units."""

    replace: dict[int, str | None] = field(default_factory=dict)  # unit -> new core, None = drop
    before: dict[int, list[_Piece]] = field(default_factory=dict)
    after: dict[int, list[_Piece]] = field(default_factory=dict)


def _units(layout: Layout) -> list[_Unit]:
    units: list[_Unit] = []
    for block in layout.blocks:
        path = block.path
        owner = units[-1] if units else None
        # Sub-tables ([touchpoints.emotion], [map.x]) travel with the table they belong to.
        if (
            owner is not None
            and owner.blocks[0].path
            and path[: len(owner.blocks[0].path)] == owner.blocks[0].path
            and len(path) > len(owner.blocks[0].path)
        ):
            owner.blocks.append(block)
            owner.content_end, owner.end = block.content_end, block.end
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
        units.append(_Unit(kind, block.start, block.content_end, block.end, [block], index))
    return units


class _Writer:
    def __init__(self, text: str, layout: Layout, base: Baseline, m: Map) -> None:
        self.text = text
        self.layout = layout
        self.base = base
        self.m = m
        self.nl = "\r\n" if "\r\n" in text[: text.find("\n") + 1 or len(text)] else "\n"
        self.units = _units(layout)
        self.plan = _Plan()
        self.check: list[tuple[str, str, dict[str, Any]]] = []  # (core, table, expected raw)
        self.saved = Baseline(info={}, extra=copy_value(m.extra), tables={})
        """The baseline once this text is on disk, built from the raws computed on the way."""

    # Entry point -------------------------------------------------------------

    def render(self) -> str:
        if self.m.extra != self.base.extra:
            raise WriteError("keys outside the map's tables changed; cjm does not edit those")
        self._map_info()
        for table in ENTITY_TABLES:
            self._table(table)
        self._verify()
        return self._emit()

    # The [map] table ---------------------------------------------------------

    def _map_info(self) -> None:
        new = self.saved.info = to_raw(self.m.info)
        if new == self.base.info:
            return
        unit = next((i for i, u in enumerate(self.units) if u.kind == "map"), None)
        if unit is None and not self.base.info:
            # A new file: the [map] table comes first.
            core = self._new_table("[map]", new)
            self.check.append((core, "map", new))
            self.plan.after.setdefault(0, []).append(_Piece(core, None))
            return
        if unit is None:
            raise WriteError(
                "the [map] table is not written as a [map] header; "
                "cjm can only edit it in that form"
            )
        core = self._edit_keys(unit, "map", self.base.info, new)
        self.plan.replace[unit] = core
        self.check.append((core, "map", new))

    # Array tables ------------------------------------------------------------

    def _table(self, table: str) -> None:
        entities: list[Entity] = getattr(self.m, table)
        raws = [to_raw(e) for e in entities]
        self.saved.tables[table] = [(e.uid, r) for e, r in zip(entities, raws, strict=True)]
        old = self.base.tables[table]
        old_pos = {uid: i for i, (uid, _) in enumerate(old)}
        unit_of = {u.index: i for i, u in enumerate(self.units) if u.kind == table}
        if old and len(unit_of) != len(old):
            if self.saved.tables[table] == old:
                return
            raise WriteError(
                f"{table} is written as an inline array; cjm can only edit [[{table}]] tables"
            )
        new_uids = {e.uid for e in entities}
        for uid, index in old_pos.items():
            if uid not in new_uids:
                self.plan.replace[unit_of[index]] = None
        kept = [old_pos[e.uid] for e in entities if e.uid in old_pos]
        stationary = set(longest_increasing(kept))
        # Text for every entity: edited in place, moved, or new.
        pieces: list[tuple[Entity, int | None, _Piece | None]] = []
        for entity, new_raw in zip(entities, raws, strict=True):
            i = old_pos.get(entity.uid)
            if i is None:
                core = self._new_table(f"[[{table}]]", new_raw)
                self.check.append((core, table, new_raw))
                pieces.append((entity, None, _Piece(core, None)))
                continue
            unit = unit_of[i]
            old_raw = old[i][1]
            core = self._unit_core(unit)
            if new_raw != old_raw:
                core = self._edit_keys(unit, table, old_raw, new_raw)
                self.check.append((core, table, new_raw))
            if i in stationary:
                if new_raw != old_raw:
                    self.plan.replace[unit] = core
                pieces.append((entity, unit, None))
            else:
                self.plan.replace[unit] = None
                gap = self._unit_gap(unit) if unit != len(self.units) - 1 else None
                pieces.append((entity, None, _Piece(core, gap)))
        self._place(table, pieces)

    def _place(self, table: str, pieces: list[tuple[Entity, int | None, _Piece | None]]) -> None:
        """Attach moved and new entries after the stationary entry before them."""
        anchor: int | None = None
        leading: list[_Piece] = []
        for _, unit, piece in pieces:
            if unit is not None:
                anchor = unit
            elif piece is not None:
                if anchor is None:
                    leading.append(piece)
                else:
                    self.plan.after.setdefault(anchor, []).append(piece)
        if not leading:
            return
        first = next((u for _, u, _ in pieces if u is not None), None)
        if first is not None:
            self.plan.before.setdefault(first, []).extend(leading)
            return
        # No entry of this table stays where it was: put them where the table was, else
        # after the tables that come before it in the format's order, else at the end.
        own = [i for i, u in enumerate(self.units) if u.kind == table]
        if own:
            self.plan.before.setdefault(own[0], []).extend(leading)
            return
        order = TABLE_ORDER.index(table)
        earlier = [i for i, u in enumerate(self.units) if u.kind in TABLE_ORDER[:order]]
        later = [i for i, u in enumerate(self.units) if u.kind in TABLE_ORDER[order + 1 :]]
        if earlier:
            self.plan.after.setdefault(earlier[-1], []).extend(leading)
        elif later:
            self.plan.before.setdefault(later[0], []).extend(leading)
        else:
            self.plan.after.setdefault(len(self.units) - 1, []).extend(leading)

    # Text of units -----------------------------------------------------------

    def _unit_core(self, unit: int) -> str:
        u = self.units[unit]
        return self.text[u.start : u.content_end]

    def _unit_gap(self, unit: int) -> str:
        u = self.units[unit]
        return self.text[u.content_end : u.end]

    def _new_table(self, header: str, raw: dict[str, Any]) -> str:
        lines = [header] + [f"{format_key(k)} = {format_value(v)}" for k, v in raw.items()]
        return self.nl.join(lines) + self.nl

    def _edit_keys(self, unit: int, table: str, old: dict[str, Any], new: dict[str, Any]) -> str:
        """The unit's core with changed keys replaced, new keys added, removed keys dropped."""
        u = self.units[unit]
        main = u.blocks[0]
        text = self.text
        order = KNOWN_KEYS[table]
        splices: list[tuple[int, int, int, str]] = []  # (start, end, tie-break, text)
        for key in [*old, *(k for k in new if k not in old)]:
            if key in new and key in old and new[key] == old[key]:
                continue
            direct = [loc for loc in self.layout.keys(main) if loc.path == (key,)]
            others = [
                loc for loc in self.layout.keys(main) if loc.path[0] == key and loc.path != (key,)
            ]
            subs = [
                b
                for b in u.blocks[1:]
                if len(b.path) > len(main.path) and b.path[len(main.path)] == key
            ]
            if key in new and len(direct) == 1 and not others and not subs:
                loc = direct[0]
                like = text[loc.value_start : loc.value_end]
                splices.append((loc.value_start, loc.value_end, 0, format_value(new[key], like)))
                continue
            # Absent, or written as dotted keys or a sub-table: remove every form, write one.
            for loc in direct + others:
                splices.append((loc.line_start, loc.line_end, 0, ""))
            for b in subs:
                splices.append((b.start, min(b.end, u.content_end), 0, ""))
            if key in new:
                at, rank = self._insert_at(main, key, order)
                line = f"{format_key(key)} = {format_value(new[key])}"
                if at > 0 and text[at - 1] != "\n":
                    splices.append((at, at, rank, self.nl + line))
                else:
                    splices.append((at, at, rank, line + self.nl))
        core = _apply(text, u.start, u.content_end, splices)
        return _trim_blank_tail(core)

    def _insert_at(self, block: Block, key: str, order: Sequence[str]) -> tuple[int, int]:
        """Where a new key goes: after the nearest key before it in the format's order."""
        rank = order.index(key) if key in order else len(order)
        direct = [loc for loc in self.layout.keys(block) if len(loc.path) == 1]
        before: KeyLoc | None = None
        for loc in direct:
            k = loc.path[0]
            if k in order and order.index(k) < rank:
                before = loc
        if before is not None:
            return before.line_end, rank
        known_after = [loc for loc in direct if loc.path[0] in order]
        if known_after:
            return known_after[0].line_start, rank
        if direct:
            return direct[-1].line_end, rank
        if block.header_start < 0:
            return block.start, rank
        line_end = self.text.find("\n", block.header_start)
        return (len(self.text) if line_end < 0 else line_end + 1), rank

    # Safety net and output ---------------------------------------------------

    def _verify(self) -> None:
        for core, table, expected in self.check:
            try:
                data = tomllib.loads(core)
            except tomllib.TOMLDecodeError as exc:
                raise WriteError(
                    f"internal error: the text written for {table} does not "
                    f"parse ({exc}); nothing was saved"
                ) from None
            got = data.get(table)
            if isinstance(got, list):
                got = got[0] if len(got) == 1 else got
            if got != expected:
                raise WriteError(
                    f"internal error: the text written for {table} does not "
                    "read back as the model; nothing was saved"
                )

    def _emit(self) -> str:
        plan = self.plan
        pieces: list[_Piece] = []
        last = len(self.units) - 1
        default_gap = self._default_gap()
        for i in range(len(self.units)):
            pieces.extend(plan.before.get(i, []))
            core = plan.replace[i] if i in plan.replace else self._unit_core(i)
            if core is not None:
                pieces.append(_Piece(core, self._unit_gap(i) if i != last else None))
            pieces.extend(plan.after.get(i, []))
        final_gap = self._unit_gap(last) if self.units else ""
        out: list[str] = []
        for n, piece in enumerate(pieces):
            is_last = n == len(pieces) - 1
            core = piece.core
            if not is_last and core and not core.endswith("\n"):
                core += self.nl
            out.append(core)
            if is_last:
                out.append(final_gap)
            else:
                out.append(piece.gap if piece.gap is not None else default_gap)
        result = "".join(out)
        if pieces and not final_gap and self.text.endswith("\n") and not result.endswith("\n"):
            result += self.nl
        return result

    def _default_gap(self) -> str:
        for i, u in enumerate(self.units[:-1]):
            if u.kind in ENTITY_TABLES or u.kind == "map":
                return self._unit_gap(i)
        return self.nl


def _apply(text: str, start: int, end: int, splices: list[tuple[int, int, int, str]]) -> str:
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


def render(text: str, layout: Layout, base: Baseline, m: Map) -> str:
    """The text of `m`, as `text` (whose data is `base`) edited in place."""
    return _Writer(text, layout, base, m).render()


def render_with_baseline(text: str, layout: Layout, base: Baseline, m: Map) -> tuple[str, Baseline]:
    """`render`, and the baseline of the new text (for the next save)."""
    writer = _Writer(text, layout, base, m)
    return writer.render(), writer.saved


def render_new(m: Map, newline: str = "\n") -> str:
    """The text of a new file holding `m`: [map], then each table's entries, blank-separated."""
    text = "" if newline == "\n" else "\r\n"  # the writer takes its newline from the text
    out = render(text, Layout(text), Baseline.empty(), m)
    return out.lstrip("\r\n")
