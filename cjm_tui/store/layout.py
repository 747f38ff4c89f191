"""Where things stand in a TOML text: table headers, keys and values, with their offsets.

tomllib gives values but no positions. The layout gives positions, for two jobs: pointing
an error at the line of the offending key, and splicing edits into the text without
touching anything else. It scans a text that tomllib already accepted, so it only has to
find boundaries (strings, brackets, comments), never to judge validity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

PathItem = str | int
Path = tuple[PathItem, ...]

_WS = re.compile(r"[ \t]*")
_WS_NL = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")  # inside arrays: blanks, newlines, comments
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:"{0,2})')
_ML_LITERAL = re.compile(r"'''[\s\S]*?'''(?:'{0,2})")
_SCALAR = re.compile(r"[^#\n\r,\]\}]*")
_LINE_END = re.compile(r"[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)")
# A run of lines that need no attention at the block level: blank lines, comments and
# one-line key/values. The C regex engine consumes thousands of them in one call.
_STR = r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'"""
_ATOM = rf"""(?:{_STR}|[^\s,#"'\[\]\{{\}}=][^\s,#\]\}}]*)"""
# Arrays of plain values, over several lines too (`["a", "b"]`), and one-line inline tables
# of plain values (`{ student = -1 }`).
_AWS = r"(?:[ \t\r\n]|\#[^\n]*)*"
_FLAT_ARRAY = rf"""\[{_AWS}(?:{_ATOM}{_AWS},{_AWS})*(?:{_ATOM}{_AWS})?\]"""
_PAIR = rf"[A-Za-z0-9_-]+[ \t]*=[ \t]*{_ATOM}[ \t]*"
_FLAT_TABLE = rf"\{{[ \t]*(?:{_PAIR},[ \t]*)*(?:{_PAIR})?\}}"
_QUIET_RUN = re.compile(
    rf"""(?:[ \t]*(?:[A-Za-z0-9_-]+[ \t]*=[ \t]*"""
    rf"""(?:{_STR}|{_FLAT_ARRAY}|{_FLAT_TABLE}|[^\s#"'\[\{{][^#\n]*)[ \t]*)?"""
    r"""(?:\#[^\n]*)?\r?\n)*"""
)
# A quiet run, then maybe a plain header line (`[[touchpoints]]`, `[map]`): one match a block.
_STEP = re.compile(
    rf"""(?P<run>(?>{_QUIET_RUN.pattern}))"""  # atomic: never backtrack into the run
    r"""(?:[ \t]*(?P<hdr>\[\[(?P<aot>[A-Za-z0-9_-]+)\]\]|\[(?P<tbl>[A-Za-z0-9_-]+)\])"""
    r"""[ \t]*(?:\#[^\n]*)?(?:\r?\n|\Z))?"""
)


@dataclass
class KeyLoc:
    """One key/value: `path` is relative to its table (dotted keys and inline tables nest)."""

    path: tuple[PathItem, ...]
    key_start: int
    value_start: int
    value_end: int
    line_start: int
    """Offset of the start of the key's line."""
    line_end: int
    """Offset just past the newline that ends the value's last line (or the text's end)."""
    key_end: int = -1
    """Offset just past the key itself (before the blanks and `=`); -1 for array items."""


@dataclass
class Block:
    """A table header with the keys under it, or the root before the first header."""

    name: tuple[str, ...]
    path: Path
    is_array: bool
    header_start: int
    """Offset of the `[`; -1 for the root block."""
    start: int
    """Offset of the block's first line, comments directly above the header included."""
    end: int = 0
    """Offset where the next block starts (or the text's end)."""
    content_end: int = 0
    """Offset just past the last line that is not blank (comments count as content)."""
    body_start: int = 0
    """Offset of the line after the header."""
    _keys: list[KeyLoc] | None = field(default=None, repr=False)
    _index: dict[tuple[PathItem, ...], KeyLoc] | None = field(default=None, repr=False)


class Layout:
    """The blocks of a TOML text; the keys of a block are scanned when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.tables: dict[Path, Block] = {}
        self._line_starts: list[int] | None = None
        self._implicit: dict[Path, Block] | None = None
        _Scanner(self).scan_blocks()

    # Keys --------------------------------------------------------------------

    def keys(self, block: Block) -> list[KeyLoc]:
        """The key/values directly under a block's header, in file order."""
        if block._keys is None:
            block._keys, block._index = _Scanner(self).scan_keys(block)
        return block._keys

    def key_index(self, block: Block) -> dict[tuple[PathItem, ...], KeyLoc]:
        """Every key of a block by relative path, inline-table keys and array items too."""
        self.keys(block)
        assert block._index is not None
        return block._index

    # Edits in place ----------------------------------------------------------

    def plan_splice(self, spans: Sequence[tuple[int, int, str]]) -> Splicing | None:
        """How the blocks move when each span `(start, end, new)` of the text is replaced, or
        None when a fresh scan is needed.

        Each span must cover whole blocks, from the first one's start to the last one's
        content end (an entry's text, as the writer edits it). The new text of a span is
        scanned alone; it must hold the same tables (names, in order) starting where they
        did, end on a line that is not blank or a comment (so the blocks below keep their
        comments and the blank lines above them), and begin with the same lines up to its
        first table's body. Then a scan of the whole new text would find these very blocks,
        and every block after a span only moves by the spans' change in length.
        """
        blocks = self.blocks
        text = self.text
        moves: list[tuple[int, int, list[Block]]] = []
        after = 0  # the first block not yet covered
        for start, end, new in spans:
            first = bisect.bisect_left(blocks, start, lo=after, key=lambda b: b.start)
            if first >= len(blocks) or blocks[first].start != start or first == 0:
                return None
            last = first
            while last < len(blocks) and blocks[last].content_end < end:
                last += 1
            if last >= len(blocks) or blocks[last].content_end != end:
                return None
            head = text[start : blocks[first].body_start]
            if not new.startswith(head) or not new.endswith("\n"):
                return None
            tail = new[new.rfind("\n", 0, len(new) - 1) + 1 :].lstrip(" \t")
            if not tail.strip() or tail.startswith("#"):
                return None
            scanned = Layout(new).blocks
            root, inner = scanned[0], scanned[1:]
            if root.end != 0 or len(inner) != last - first + 1:
                return None
            old = blocks[first : last + 1]
            if inner[0].start != 0 or any(
                (a.name, a.is_array, a.header_start - a.start)
                != (b.name, b.is_array, b.header_start - b.start)
                for a, b in zip(old, inner, strict=True)
            ):
                return None
            if inner[-1].content_end != len(new) or inner[-1].end != len(new):
                return None
            moves.append((first, last, inner))
            after = last + 1
        return Splicing(self, spans, moves)

    # Positions ---------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset, counting characters."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def locate(self, path: Path, at_value: bool = False) -> tuple[int, int]:
        """Line and column for a path: its key (or value), else the nearest enclosing table.

        A path that names nothing in the text (a missing table) gives line 1, column 1.
        """
        for cut in range(len(path), -1, -1):
            block = self.tables.get(path[:cut]) if cut else self.blocks[0]
            if block is None:
                # A table defined only through its sub-tables ([map.x] without [map]).
                inner = self._implicit_tables().get(path[:cut])
                if inner is not None:
                    return self.line_col(inner.header_start)
                continue
            rest = path[cut:]
            index = self.key_index(block)
            while rest:
                loc = index.get(rest)
                if loc is not None:
                    return self.line_col(loc.value_start if at_value else loc.key_start)
                rest = rest[:-1]
            if block.header_start >= 0:
                return self.line_col(block.header_start)
        return 1, 1

    def _implicit_tables(self) -> dict[Path, Block]:
        """Each path that only sub-tables define, with the first block under it."""
        if self._implicit is None:
            self._implicit = {}
            for block in self.blocks:
                for cut in range(1, len(block.path)):
                    self._implicit.setdefault(block.path[:cut], block)
        return self._implicit


class Splicing:
    """Blocks that follow an in-place edit of their text (see `Layout.plan_splice`)."""

    def __init__(
        self,
        layout: Layout,
        spans: Sequence[tuple[int, int, str]],
        moves: list[tuple[int, int, list[Block]]],
    ) -> None:
        self.layout = layout
        self.spans = spans
        self.moves = moves

    def apply(self, new_text: str) -> None:
        """Move the blocks to their places in `new_text` (the text with the spans replaced);
        the keys of every block that moved are scanned again when asked for."""
        layout = self.layout
        blocks = layout.blocks
        delta = 0
        for k, ((start, end, new), (first, last, inner)) in enumerate(
            zip(self.spans, self.moves, strict=True)
        ):
            base = start + delta
            old_end = blocks[last].end
            for block, scanned in zip(blocks[first : last + 1], inner, strict=True):
                block.header_start = base + scanned.header_start
                block.start = base + scanned.start
                block.body_start = base + scanned.body_start
                block.content_end = base + scanned.content_end
                block.end = base + scanned.end
                block._keys = block._index = None
            delta += len(new) - (end - start)
            blocks[last].end = old_end + delta  # the blank lines below it stay
            stop = self.moves[k + 1][0] if k + 1 < len(self.moves) else len(blocks)
            if delta:
                for block in blocks[last + 1 : stop]:
                    block.header_start += delta if block.header_start >= 0 else 0
                    block.start += delta
                    block.body_start += delta
                    block.content_end += delta
                    block.end += delta
                    if block._keys is not None:
                        block._keys = block._index = None
        layout.text = new_text
        layout._line_starts = None


class _Scanner:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.text = layout.text
        self.arrays: dict[Path, int] = {}
        self.value_floor = 0
        """End of the last multi-line key/value: lines above it are never comments."""

    # Level 1: blocks ---------------------------------------------------------

    def scan_blocks(self) -> None:
        text = self.text
        n = len(text)
        block = Block(name=(), path=(), is_array=False, header_start=-1, start=0)
        self.layout.blocks.append(block)
        pos = 0
        while True:
            step = _STEP.match(text, pos)
            assert step is not None  # the run may be empty, so it always matches
            if step.group("hdr") is not None:
                name = step.group("aot") or step.group("tbl")
                is_array = step.group("aot") is not None
                offset = step.start("hdr")
                block = self._next_block(
                    block,
                    step.end("run"),
                    partial(self._add_block, (name,), is_array, offset),
                )
                pos = block.body_start = step.end()
                continue
            pos = step.end()
            if pos >= n:
                break
            nl = text.find("\n", pos)
            line_end = n if nl < 0 else nl + 1
            stripped = text[pos:line_end].lstrip(" \t")
            if stripped.startswith("["):
                offset = line_end - len(stripped)
                block = self._next_block(block, pos, partial(self._header, offset))
                pos = block.body_start = self._line_after(block.header_start)
            elif not stripped.strip() or stripped.startswith("#"):
                pos = line_end  # the last line, without a newline
            else:
                pos = self.value_floor = self._key_value(pos, None, ())
        block.end = n
        floor = max(block.body_start, self.value_floor)
        footer = self._section_comment(n, floor)
        if footer is not None and block.path:
            # Notes after the last table, set apart by a blank line, belong to no entry:
            # they stay at the end whatever happens to the entries above them.
            block.end = footer
            block.content_end = self._content_end(block.body_start, footer)
            for heading in self._headings(footer, n):
                self.layout.blocks.append(heading)
            return
        block.content_end = self._content_end(block.body_start, n)

    def _next_block(self, prev: Block, line: int, make: Callable[[int], Block]) -> Block:
        """Close `prev` and open the block whose header line starts at `line`.

        Comment lines directly above a header belong to it. A comment paragraph set apart
        from the previous table by a blank line (`# ----- arrival`) heads what follows: it
        becomes a block of its own, so entries added after the previous table go above it
        and deleting the next table leaves it in place.
        """
        floor = max(prev.body_start, self.value_floor)
        start = self._comments_above(line, floor)
        section = self._section_comment(start, floor)
        block = make(start)
        if section is not None and len(block.name) == 1:
            at = len(self.layout.blocks) - 1
            self.layout.blocks[at:at] = self._headings(section, start)
            start = section
        prev.end = start
        prev.content_end = self._content_end(prev.body_start, start)
        return block

    def _headings(self, start: int, end: int) -> list[Block]:
        """One block per comment paragraph in [start, end) (blank lines part them)."""
        tops = self._paragraph_tops(start, end, blank=True)
        blocks: list[Block] = []
        for i, top in enumerate(tops):
            bottom = tops[i + 1] if i + 1 < len(tops) else end
            heading = Block(
                name=("#",),
                path=("#", len(self.layout.blocks) + i),
                is_array=False,
                header_start=top,
                start=top,
                body_start=top,
            )
            heading.end = bottom
            heading.content_end = self._content_end(top, bottom)
            blocks.append(heading)
        return blocks

    def _section_comment(self, start: int, floor: int) -> int | None:
        """The first comment line after a blank line, between the last content and `start`."""
        text = self.text
        top = start
        while top > floor:  # up over blank and comment lines to the last content line
            prev = max(text.rfind("\n", floor, top - 1) + 1, floor)
            stripped = text[prev:top].strip()
            if stripped and not stripped.startswith("#"):
                break
            top = prev
        tops = self._paragraph_tops(top, start, blank=False)
        return tops[0] if tops else None

    def _paragraph_tops(self, start: int, end: int, blank: bool) -> list[int]:
        """Offsets of the lines in [start, end) that follow a blank line and are not blank
        (`blank`: whether the line before `start` counts as blank)."""
        text = self.text
        tops: list[int] = []
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            line_end = end if nl < 0 else nl + 1
            if not text[pos:line_end].strip():
                blank = True
            elif blank:
                tops.append(pos)
                blank = False
            pos = line_end
        return tops

    def _comments_above(self, header_line: int, floor: int) -> int:
        """Start of the comment lines directly above a header (they belong to it)."""
        text = self.text
        start = header_line
        while start > floor:
            prev = text.rfind("\n", floor, start - 1) + 1
            if prev < floor:
                prev = floor
            if not text[prev:start].lstrip(" \t").startswith("#"):
                break
            start = prev
        return start

    def _content_end(self, floor: int, end: int) -> int:
        """Offset just past the last non-blank line in [floor, end)."""
        text = self.text
        pos = end
        while pos > floor:
            prev = text.rfind("\n", floor, pos - 1) + 1
            if prev < floor:
                prev = floor
            if text[prev:pos].strip():
                return pos
            pos = prev
        return floor

    def _line_after(self, offset: int) -> int:
        """Skip the header at `offset` and the rest of its line."""
        text = self.text
        is_array = text.startswith("[[", offset)
        pos = self._key(offset + (2 if is_array else 1))[1]
        pos = _WS.match(text, pos).end() + (2 if is_array else 1)  # type: ignore[union-attr]
        return _LINE_END.match(text, pos).end()  # type: ignore[union-attr]

    def _header(self, offset: int, start: int) -> Block:
        is_array = self.text.startswith("[[", offset)
        name = self._key(offset + (2 if is_array else 1))[0]
        return self._add_block(name, is_array, offset, start)

    def _add_block(self, name: tuple[str, ...], is_array: bool, offset: int, start: int) -> Block:
        resolved: list[PathItem] = []
        for i, seg in enumerate(name):
            resolved.append(seg)
            last = i == len(name) - 1
            count = self.arrays.get(tuple(resolved))
            if count is not None and not (last and is_array):
                resolved.append(count - 1)
        if is_array:
            key = tuple(resolved)
            index = self.arrays.get(key, 0)
            self.arrays[key] = index + 1
            resolved.append(index)
        block = Block(
            name=name, path=tuple(resolved), is_array=is_array, header_start=offset, start=start
        )
        self.layout.blocks.append(block)
        self.layout.tables[block.path] = block
        return block

    # Level 2: the keys of one block ------------------------------------------

    def scan_keys(self, block: Block) -> tuple[list[KeyLoc], dict[tuple[PathItem, ...], KeyLoc]]:
        text = self.text
        keys: list[KeyLoc] = []
        self.index: dict[tuple[PathItem, ...], KeyLoc] = {}
        pos = block.body_start
        end = block.end
        while pos < end:
            nl = text.find("\n", pos)
            line_end = len(text) if nl < 0 else nl + 1
            stripped = text[pos:line_end].lstrip(" \t")
            if not stripped.strip() or stripped.startswith("#"):
                pos = line_end
                continue
            pos = self._key_value(pos, keys, ())
        return keys, self.index

    def _key(self, pos: int) -> tuple[tuple[str, ...], int]:
        """Parse a (dotted) key at `pos`; return its segments and the offset after it."""
        text = self.text
        segments: list[str] = []
        while True:
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            ch = text[pos]
            if ch == '"':
                m = _BASIC.match(text, pos)
                assert m is not None
                segments.append(_unescape(m.group()[1:-1]))
            elif ch == "'":
                m = _LITERAL.match(text, pos)
                assert m is not None
                segments.append(m.group()[1:-1])
            else:
                m = _BARE.match(text, pos)
                assert m is not None
                segments.append(m.group())
            pos = _WS.match(text, m.end()).end()  # type: ignore[union-attr]
            if pos < len(text) and text[pos] == ".":
                pos += 1
                continue
            return tuple(segments), pos

    def _key_value(self, line_start: int, keys: list[KeyLoc] | None, prefix: Path) -> int:
        """Skip one key/value line(s); record it in `keys` (and the index) when given."""
        text = self.text
        key_start = _WS.match(text, line_start).end()  # type: ignore[union-attr]
        path, pos = self._key(key_start)
        key_end = key_start + len(text[key_start:pos].rstrip(" \t"))
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]  # past "="
        record = keys is not None
        value_end = self._value(pos, path if record else None)
        end = _LINE_END.match(text, value_end).end()  # type: ignore[union-attr]
        if keys is not None:
            loc = KeyLoc(path, key_start, pos, value_end, line_start, end, key_end)
            keys.append(loc)
            self.index[path] = loc
        return end

    def _value(self, pos: int, path: tuple[PathItem, ...] | None) -> int:
        """Skip the value at `pos`; with a `path`, index the items of arrays and inline tables."""
        text = self.text
        if text.startswith('"""', pos):
            m = _ML_BASIC.match(text, pos)
        elif text.startswith("'''", pos):
            m = _ML_LITERAL.match(text, pos)
        elif text.startswith('"', pos):
            m = _BASIC.match(text, pos)
        elif text.startswith("'", pos):
            m = _LITERAL.match(text, pos)
        elif text.startswith("[", pos):
            return self._array(pos + 1, path)
        elif text.startswith("{", pos):
            return self._inline_table(pos + 1, path)
        else:
            m = _SCALAR.match(text, pos)
            assert m is not None
            return pos + len(m.group().rstrip(" \t"))
        assert m is not None
        return m.end()

    def _array(self, pos: int, path: tuple[PathItem, ...] | None) -> int:
        text = self.text
        index = 0
        while True:
            pos = _WS_NL.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == "]":
                return pos + 1
            if text[pos] == ",":
                pos += 1
                continue
            start = pos
            item = None if path is None else (*path, index)
            pos = self._value(pos, item)
            if item is not None:
                self.index[item] = KeyLoc(item, start, start, pos, start, pos)
            index += 1

    def _inline_table(self, pos: int, path: tuple[PathItem, ...] | None) -> int:
        text = self.text
        while True:
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == "}":
                return pos + 1
            if text[pos] == ",":
                pos += 1
                continue
            key_start = pos
            sub, pos = self._key(pos)
            key_end = key_start + len(text[key_start:pos].rstrip(" \t"))
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            value_start = pos
            item = None if path is None else (*path, *sub)
            pos = self._value(pos, item)
            if item is not None:
                self.index[item] = KeyLoc(
                    item, key_start, value_start, pos, key_start, pos, key_end
                )


_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


def _unescape(body: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _ESCAPES.get(m.group(3), m.group(3))

    return _ESCAPE.sub(repl, body)
