"""How a file is written where an edit lands: newlines, indentation, `=` alignment, quoting.

A new line copies its neighbours, so a tab-indented, aligned, CRLF file stays that way after
an edit. Everything here only reads the text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from cjm_tui.store.layout import Block, KeyLoc, Layout
from cjm_tui.store.values import format_key, format_value


def majority_newline(text: str) -> str:
    """The newline most of the file's lines end with (a file of mixed endings votes)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def newline_at(text: str, pos: int, default: str) -> str:
    """The ending of the line that holds offset `pos` (else of the line before it)."""
    i = text.find("\n", pos)
    if i < 0:
        i = text.rfind("\n", 0, pos)
    if i < 0:
        return default
    return "\r\n" if i > 0 and text[i - 1] == "\r" else "\n"


def newline_before(text: str, at: int, default: str) -> str:
    """The newline for a line inserted at offset `at`: that of the line above, else below."""
    return newline_at(text, at - 1 if at > 0 else 0, default)


def line_splice(text: str, at: int, line: str, default_nl: str) -> str:
    """The text to insert at a line start `at` so that `line` becomes a line of its own."""
    nl = newline_before(text, at, default_nl)
    if at > 0 and text[at - 1] != "\n":  # after a last line that has no newline
        return nl + line
    return line + nl


@dataclass(frozen=True)
class KeyStyle:
    """How the key lines of one table are written."""

    indent: str = ""
    before_eq: str = " "
    after_eq: str = " "
    column: int | None = None
    """The column every `=` is aligned to, when the table aligns them."""
    longest: bool = False
    """The column is the longest key's (each table aligns to its own longest key)."""
    literal: bool = False
    """Strings are written '...' where they can be."""
    multi_line: str | None = None
    """A multi-line string of the file (its text), the model for text with line breaks."""
    compact: bool = False
    """Inline tables are written without spaces (`{a=1,b=2}`)."""

    def line(self, key: str, value: object, nl: str, column: int | None = None) -> str:
        """A `key = value` line (without its newline) in this style."""
        key_text = format_key(key)
        before = self.before_eq
        column = column if column is not None else self.column
        if column is not None:
            before = " " * max(1, column - len(self.indent) - len(key_text))
        return f"{self.indent}{key_text}{before}={self.after_eq}{self.value(value, nl)}"

    def value(self, value: object, nl: str) -> str:
        """A value quoted like the file's (literal strings, compact tables)."""
        if isinstance(value, str):
            like: str | None = None
            if "\n" in value and self.multi_line is not None:
                like = self.multi_line
            elif self.literal:
                like = "''"
            return format_value(value, like, nl)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "[" + ", ".join(self.value(v, nl) for v in value) + "]"
        if isinstance(value, dict) and self.compact and value:
            pairs = ",".join(f"{format_key(k)}={self.value(v, nl)}" for k, v in value.items())
            return "{" + pairs + "}"
        return format_value(value, None, nl)

    def column_for(self, keys: list[str]) -> int | None:
        """The `=` column of a new table holding `keys`."""
        if self.longest and keys:
            return len(self.indent) + max(len(format_key(k)) for k in keys) + 1
        return self.column


def key_style(layout: Layout, block: Block, template: KeyLoc | None = None) -> KeyStyle:
    """The style of a table's key lines, taken from `template` (else its first key)."""
    text = layout.text
    locs = [
        loc
        for loc in layout.keys(block)
        if loc.key_end >= 0 and "\n" not in text[loc.line_start : loc.value_start]
    ]
    if not locs:
        return KeyStyle()
    model = template if template is not None and template in locs else locs[0]
    eq = text.index("=", model.key_end)
    before = text[model.key_end : eq]
    after = text[eq + 1 : model.value_start]
    columns: Counter[int] = Counter()
    padded: set[int] = set()
    for loc in locs:
        at = text.index("=", loc.key_end)
        col = at - loc.line_start
        columns[col] += 1
        if at - loc.key_end >= 2:
            padded.add(col)
    column = None
    longest = False
    if columns:
        col, count = columns.most_common(1)[0]
        if count >= 2 and col in padded:
            column = col
            widest = max(loc.key_end - loc.line_start for loc in locs)
            longest = widest + len(before) == col or widest + 1 == col
    values = [text[loc.value_start : loc.value_end] for loc in locs]
    items = [v for v in values if v.startswith("[")]
    quoted = [v for v in values if v[:1] in ("'", '"')]
    quoted += re.findall(r"""(?<=[\[,])\s*(["'])""", " ".join(items))
    literal = bool(quoted) and sum(q.lstrip().startswith("'") for q in quoted) * 2 > len(quoted)
    return KeyStyle(
        indent=text[model.line_start : model.key_start],
        before_eq=" " if before else "",
        after_eq=after,
        column=column,
        longest=longest,
        literal=literal,
        multi_line=multi_line_habit(text),
        compact=compact_habit(text),
    )


_MULTI = re.compile(r"""=[ \t]*(\"\"\"|''')""")
_ESCAPED_BREAK = re.compile(r'=[ \t]*"(?:[^"\\\n]|\\.)*\\n')
_INLINE_TABLE = re.compile(r"=[ \t]*\{([ \t]*)[A-Za-z0-9_\"'-]")


@functools.lru_cache(maxsize=4)
def compact_habit(text: str) -> bool:
    """Whether the file writes its inline tables without spaces (`{a=1}`)."""
    spaces = [len(m.group(1)) for m in _INLINE_TABLE.finditer(text)]
    return bool(spaces) and sum(1 for n in spaces if n == 0) * 2 > len(spaces)


@functools.lru_cache(maxsize=4)
def multi_line_habit(text: str) -> str | None:
    """How the file writes text with line breaks: the opening of a multi-line string, or
    None when it writes them as `\\n` in one-line strings (or writes none)."""
    multi: list[str] = _MULTI.findall(text)
    if not multi or len(_ESCAPED_BREAK.findall(text)) > len(multi):
        return None
    return multi[0] + "x" + multi[0]
