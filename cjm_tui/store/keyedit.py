"""The text edits ("splices") that turn one table's old values into its new ones, in place.

A value is edited where it stands and in the form it is written in:
- a scalar keeps its quoting (literal, multi-line) where the new value allows it;
- an array is edited item by item: one item per line keeps its lines, indentation, commas
  and comments; a one-line array is rewritten in its own spacing and quoting;
- a table of values (a per-persona emotion) is edited pair by pair whether it is written
  inline (`{ a = 1 }`, `{a=1}`), as dotted keys (`emotion.a = 1`) or as a sub-table
  (`[touchpoints.emotion]`);
- a new key gets a line of its own after the key before it in the format's order, indented
  and aligned like its neighbours.
A form it cannot edit in place is written anew as one line (`styled=False`); the writer
falls back to that whenever the styled text does not read back as the model.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cjm_tui.store.layout import Block, KeyLoc, Layout
from cjm_tui.store.style import (
    KeyStyle,
    compact_habit,
    key_style,
    line_splice,
    newline_at,
    newline_before,
)
from cjm_tui.store.values import format_key, format_value, same_data

Splice = tuple[int, int, int, str]
"""(start, end, tie-break, new text): `text[start:end]` becomes the new text."""

_AFTER_ITEM = re.compile(r"[ \t]*(,?)[ \t]*(?:#[^\n]*)?\r?\n")


@dataclass
class _Slot:
    """One array item or one key/value pair of a table, where it stands in the text."""

    key: str | None
    start: int
    key_end: int
    value_start: int
    end: int
    line_start: int
    line_end: int
    comma: bool = False
    """A comma follows it (one-item-per-line arrays)."""
    comma_at: int = -1
    """Where that comma stands."""


@dataclass
class _Step:
    """One item of the new sequence: an old slot kept (maybe changed), or a new item."""

    old: int | None
    key: str | None
    value: Any


def _steps(
    old_keys: Sequence[Any], new_keys: Sequence[Any], new_values: Sequence[Any]
) -> list[_Step]:
    """Align the new sequence with the old one; unmatched old items are deleted."""
    matcher = difflib.SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    steps: list[_Step] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or op == "replace":
            paired = min(i2 - i1, j2 - j1)
            for k in range(paired):
                steps.append(_Step(i1 + k, new_keys[j1 + k], new_values[j1 + k]))
            for j in range(j1 + paired, j2):
                steps.append(_Step(None, new_keys[j], new_values[j]))
        elif op == "insert":
            for j in range(j1, j2):
                steps.append(_Step(None, new_keys[j], new_values[j]))
    return steps


class KeyEditor:
    """Splices for the changed keys of one table entry (its blocks: the table and sub-tables)."""

    def __init__(self, layout: Layout, default_nl: str) -> None:
        self.layout = layout
        self.text = layout.text
        self.nl = default_nl

    # Entry point -------------------------------------------------------------

    def splices(
        self,
        blocks: list[Block],
        order: Sequence[str],
        old: dict[str, Any],
        new: dict[str, Any],
        styled: bool,
    ) -> list[Splice]:
        main = blocks[0]
        keys = self.layout.keys(main)
        out: list[Splice] = []
        depth = len(main.path)
        for key in [*old, *(k for k in new if k not in old)]:
            if key in old and key in new and same_data(old[key], new[key]):
                continue
            direct = [loc for loc in keys if loc.path == (key,)]
            dotted = [loc for loc in keys if loc.path[0] == key and len(loc.path) > 1]
            subs = [b for b in blocks[1:] if len(b.path) > depth and b.path[depth] == key]
            if (
                styled
                and key in old
                and key in new
                and self._in_place(main, key, old[key], new[key], direct, dotted, subs, out)
            ):
                continue
            if key in new and len(direct) == 1 and not dotted and not subs:
                loc = direct[0]
                like = self.text[loc.value_start : loc.value_end]
                nl = newline_at(self.text, loc.line_start, self.nl)
                out.append((loc.value_start, loc.value_end, 0, format_value(new[key], like, nl)))
                continue
            # Absent, or a form that cannot take the new value: remove every form, write one.
            for loc in direct + dotted:
                out.append((loc.line_start, loc.line_end, 0, ""))
            for b in subs:
                out.append((b.start, b.content_end, 0, ""))
            if key in new:
                rank = order.index(key) if key in order else len(order)
                if styled and dotted:
                    at, template = dotted[0].line_start, None  # where the dotted keys stood
                else:
                    at, template = self._insert_at(main, key, order)
                style = key_style(self.layout, main, template) if styled else KeyStyle()
                nl = newline_before(self.text, at, self.nl)
                line = style.line(key, new[key], nl)
                out.append((at, at, rank, line_splice(self.text, at, line, self.nl)))
        return out

    def _insert_at(self, block: Block, key: str, order: Sequence[str]) -> tuple[int, KeyLoc | None]:
        """Where a new key goes (after the nearest key before it in the format's order), and
        the key line it should look like."""
        rank = order.index(key) if key in order else len(order)
        # Dotted keys (`emotion.a = 1`) count as their first part.
        direct = [loc for loc in self.layout.keys(block) if isinstance(loc.path[0], str)]
        before: KeyLoc | None = None
        for loc in direct:
            k = str(loc.path[0])
            if k in order and order.index(k) < rank:
                before = loc
        if before is not None:
            return before.line_end, before
        known_after = [loc for loc in direct if loc.path[0] in order]
        if known_after:
            return known_after[0].line_start, known_after[0]
        if direct:
            return direct[-1].line_end, direct[-1]
        if block.header_start < 0:
            return block.start, None
        return block.body_start, None

    # Values edited where they stand ------------------------------------------

    def _in_place(
        self,
        main: Block,
        key: str,
        old: Any,
        new: Any,
        direct: list[KeyLoc],
        dotted: list[KeyLoc],
        subs: list[Block],
        out: list[Splice],
    ) -> bool:
        text = self.text
        if len(direct) == 1 and not dotted and not subs:
            loc = direct[0]
            raw = text[loc.value_start : loc.value_end]
            index = self.layout.key_index(main)
            if isinstance(old, list) and isinstance(new, list) and raw.startswith("["):
                items = [index.get((key, i)) for i in range(len(old))]
                if any(item is None for item in items) or not _flat(old) or not _flat(new):
                    return False
                return self._sequence(
                    loc, [_item_slot(text, it) for it in items if it], old, new, out
                )
            if isinstance(old, dict) and isinstance(new, dict) and raw.startswith("{"):
                pairs = [index.get((key, k)) for k in old]
                if any(p is None for p in pairs) or not _flat(old) or not _flat(new):
                    return False
                slots = [_pair_slot(text, p) for p in pairs if p]
                return self._sequence(loc, slots, old, new, out)
            if isinstance(new, dict) and not isinstance(old, dict) and _flat(new):
                # A single value becomes a table per persona: inline, the file's way.
                table = KeyStyle(compact=compact_habit(text)).value(new, self.nl)
                out.append((loc.value_start, loc.value_end, 0, table))
                return True
            return False
        if not isinstance(old, dict) or not isinstance(new, dict) or not new:
            return False
        if subs and not direct and not dotted and _tables_of_values(old, new):
            return self._sub_tables(main, key, subs, old, new, out)
        if not _flat(old) or not _flat(new):
            return False
        if dotted and not direct and not subs:
            if any(len(d.path) != 2 for d in dotted) or [d.path[1] for d in dotted] != list(old):
                return False
            slots = [_pair_slot(text, d) for d in dotted]
            return self._lines(main, slots, old, new, f"{format_key(key)}.", out)
        if len(subs) == 1 and not direct and not dotted and subs[0].path == (*main.path, key):
            block = subs[0]
            locs = self.layout.keys(block)
            if any(len(loc.path) != 1 for loc in locs) or [loc.path[0] for loc in locs] != list(
                old
            ):
                return False
            slots = [_pair_slot(text, loc) for loc in locs]
            return self._lines(block, slots, old, new, "", out)
        return False

    def _sub_tables(
        self,
        main: Block,
        key: str,
        subs: list[Block],
        old: dict[str, Any],
        new: dict[str, Any],
        out: list[Splice],
    ) -> bool:
        """A table of tables written as one sub-table each (`[map.metrics.csat]`): a changed
        one edited line by line, a removed one's block removed, a new one a block of its own
        after the last."""
        base = (*main.path, key)
        depth = len(base)
        if any(len(b.path) != depth + 1 or b.path[:depth] != base for b in subs):
            return False
        if [b.path[depth] for b in subs] != list(old):
            return False
        text = self.text
        for block in subs:
            name = str(block.path[depth])
            if name not in new:
                out.append((block.start, block.end, 0, ""))
                continue
            if same_data(old[name], new[name]):
                continue
            locs = self.layout.keys(block)
            if any(len(loc.path) != 1 for loc in locs):
                return False
            if [loc.path[0] for loc in locs] != list(old[name]):
                return False
            slots = [_pair_slot(text, loc) for loc in locs]
            if not self._lines(block, slots, old[name], new[name], "", out):
                return False
        added = [name for name in new if name not in old]
        if added:
            at = subs[-1].content_end
            nl = newline_before(text, at, self.nl)
            lead = "" if text[:at].endswith(("\n", "\r")) else nl
            pieces: list[str] = []
            for name in added:
                header = ".".join(format_key(str(part)) for part in (*base, name))
                lines = [f"[{header}]"] + [
                    f"{format_key(k)} = {format_value(v, None, nl)}" for k, v in new[name].items()
                ]
                pieces.append(nl + nl.join(lines) + nl)
            out.append((at, at, 9, lead + "".join(pieces)))
        return True

    # Sequences: arrays and tables, inline or one item per line ---------------

    def _sequence(
        self, loc: KeyLoc, slots: list[_Slot], old: Any, new: Any, out: list[Splice]
    ) -> bool:
        """An inline array or table edited item by item."""
        text = self.text
        is_table = isinstance(old, dict)
        if not is_table and slots and all(_whole_line(text, s) for s in slots):
            return self._lines(None, slots, old, new, "", out, array=True)
        # One line (or items sharing lines): rebuild it from its own pieces and spacing.
        if is_table:
            steps = _steps(list(old), list(new), list(new.values()))
        else:
            steps = _steps([repr(v) for v in old], [repr(v) for v in new], list(new))
        first, last = (slots[0], slots[-1]) if slots else (None, None)
        opening = text[loc.value_start : first.start] if first else text[loc.value_start]
        closing = text[last.end : loc.value_end] if last else text[loc.value_end - 1]
        if "\n" in opening or "\n" in closing or "#" in opening or "#" in closing:
            return False
        sep = text[slots[0].end : slots[1].start] if len(slots) > 1 else ", "
        if "\n" in sep or "#" in sep:
            return False
        if not slots and is_table and new:
            opening, closing = ("{", "}") if compact_habit(text) else ("{ ", " }")
        eq = text[first.key_end : first.value_start] if first and is_table else " = "
        parts: list[str] = []
        for step in steps:
            if step.old is not None:
                slot = slots[step.old]
                parts.append(self._slot_text(slot, step, _old_value(old, slot, step), is_table))
            else:
                like = text[last.value_start : last.end] if last else None
                value = format_value(step.value, like)
                parts.append(f"{format_key(str(step.key))}{eq}{value}" if is_table else value)
        if not parts:
            opening, closing = (
                opening.rstrip(" \t"),
                closing.lstrip(" \t").lstrip(",").lstrip(" \t"),
            )
        out.append((loc.value_start, loc.value_end, 0, opening + sep.join(parts) + closing))
        return True

    def _slot_text(self, slot: _Slot, step: _Step, old_value: Any, is_table: bool) -> str:
        """An old item's text with its new key and value (unchanged parts as they were)."""
        text = self.text
        value_text = text[slot.value_start : slot.end]
        if not same_data(old_value, step.value):
            value_text = format_value(step.value, value_text)
        if not is_table:
            return value_text
        key_text = text[slot.start : slot.key_end]
        if step.key != slot.key:
            key_text = format_key(str(step.key))
        return key_text + text[slot.key_end : slot.value_start] + value_text

    def _lines(
        self,
        block: Block | None,
        slots: list[_Slot],
        old: Any,
        new: Any,
        prefix: str,
        out: list[Splice],
        array: bool = False,
    ) -> bool:
        """Items one per line (array items, dotted keys, a sub-table's keys), edited by line."""
        text = self.text
        if array:
            steps = _steps([repr(v) for v in old], [repr(v) for v in new], list(new))
        else:
            steps = _steps(list(old), list(new), list(new.values()))
        if not slots:
            return False
        trailing = slots[-1].comma
        kept = {s.old for s in steps if s.old is not None}
        for i, slot in enumerate(slots):
            if i not in kept:
                out.append((slot.line_start, slot.line_end, 0, ""))
        last_new = len(steps) - 1
        anchor: _Slot | None = None
        pending: list[str] = []
        for n, step in enumerate(steps):
            comma = array and (n != last_new or trailing)
            if step.old is not None:
                slot = slots[step.old]
                if pending:
                    out.append((slot.line_start, slot.line_start, 1, "".join(pending)))
                    pending = []
                self._change_line(slot, step, _old_value(old, slot, step), prefix, out)
                if array and not slot.comma and n != last_new:
                    out.append((slot.end, slot.end, 0, ","))
                anchor = slot
                continue
            model = anchor or slots[0]
            nl = newline_at(text, model.line_start, self.nl)
            line = self._new_line(model, step, prefix, array) + ("," if comma else "")
            if anchor is None:
                pending.append(line + nl)
            else:
                out.append(
                    (
                        anchor.line_end,
                        anchor.line_end,
                        2 + n,
                        line_splice(text, anchor.line_end, line, nl),
                    )
                )
        if array and steps and not trailing and steps[-1].old is not None:
            # The list writes no comma after its last item: the new last one loses its own.
            last = slots[steps[-1].old]
            if last.comma:
                out.append((last.comma_at, last.comma_at + 1, 0, ""))
        if pending:  # every old item went: the new ones take the first one's place
            out.append((slots[0].line_start, slots[0].line_start, 1, "".join(pending)))
        return True

    def _change_line(
        self, slot: _Slot, step: _Step, old_value: Any, prefix: str, out: list[Splice]
    ) -> None:
        text = self.text
        value_text = text[slot.value_start : slot.end]
        if not same_data(old_value, step.value):
            nl = newline_at(text, slot.line_start, self.nl)
            out.append((slot.value_start, slot.end, 0, format_value(step.value, value_text, nl)))
        if slot.key is not None and step.key != slot.key:
            key_text = prefix + format_key(str(step.key))
            eq = _aligned_eq(text, slot, len(text[slot.line_start : slot.start]) + len(key_text))
            out.append((slot.start, slot.value_start, 0, key_text + eq))

    def _new_line(self, model: _Slot, step: _Step, prefix: str, array: bool) -> str:
        """A new item's line, indented (and spaced around `=`) like `model`."""
        text = self.text
        indent = text[model.line_start : model.start]
        like = text[model.value_start : model.end]
        value = format_value(step.value, like if isinstance(step.value, str) else None)
        if array:
            return indent + value
        key_text = prefix + format_key(str(step.key))
        return indent + key_text + _aligned_eq(text, model, len(indent) + len(key_text)) + value


def _aligned_eq(text: str, model: _Slot, width: int) -> str:
    """The `=` and its spaces for a key `width` wide, like `model`'s (aligned to its column
    when `model` pads its key)."""
    eq = text[model.key_end : model.value_start]
    at = eq.find("=")
    before = eq[:at]
    if len(before) < 2 or "\n" in eq:
        return eq
    column = (model.key_end - model.line_start) + len(before)
    return " " * max(1, column - width) + eq[at:]


def _old_value(old: Any, slot: _Slot, step: _Step) -> Any:
    """The value an old slot held (tables by key, arrays by position)."""
    return old[slot.key] if isinstance(old, dict) else old[step.old]


def _tables_of_values(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Both tables hold only tables of plain values (`{ csat = { target = 4.0 } }`)."""
    values = [*old.values(), *new.values()]
    return all(isinstance(v, dict) and _flat(v) for v in values)


def _flat(value: Any) -> bool:
    """Holds only scalars (the items this editor matches one by one)."""
    items = value.values() if isinstance(value, dict) else value
    return not any(isinstance(v, list | dict) for v in items)


def _item_slot(text: str, loc: KeyLoc) -> _Slot:
    line_start = text.rfind("\n", 0, loc.key_start) + 1
    after = _AFTER_ITEM.match(text, loc.value_end)
    line_end = after.end() if after else loc.value_end
    comma = bool(after and after.group(1))
    comma_at = after.start(1) if after and comma else -1
    return _Slot(
        None,
        loc.key_start,
        loc.key_start,
        loc.key_start,
        loc.value_end,
        line_start,
        line_end,
        comma,
        comma_at,
    )


def _pair_slot(text: str, loc: KeyLoc) -> _Slot:
    key = loc.path[-1]
    return _Slot(
        str(key),
        loc.key_start,
        loc.key_end,
        loc.value_start,
        loc.value_end,
        loc.line_start,
        loc.line_end,
    )


def _whole_line(text: str, slot: _Slot) -> bool:
    """The item stands alone on its line (one-item-per-line arrays)."""
    return not text[slot.line_start : slot.start].strip() and slot.line_end > slot.end
