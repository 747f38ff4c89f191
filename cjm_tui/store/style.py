"""How a file is written where an edit lands: newlines, indentation, `=` alignment, quoting.

A new line copies its neighbours, so a tab-indented, aligned, CRLF file stays that way after
an edit. Everything here only reads the text.
"""

from __future__ import annotations

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
    literal: bool = False
    """Strings are written '...' where they can be."""
    multi_line: str | None = None
    """A multi-line string of the table (its text), the model for text with line breaks."""

    def line(self, key: str, value: object, nl: str) -> str:
        """A `key = value` line (without its newline) in this style."""
        key_text = format_key(key)
        before = self.before_eq
        if self.column is not None:
            before = " " * max(1, self.column - len(self.indent) - len(key_text))
        like: str | None = None
        if isinstance(value, str):
            if "\n" in value and self.multi_line is not None:
                like = self.multi_line
            elif self.literal:
                like = "''"
        return f"{self.indent}{key_text}{before}={self.after_eq}{format_value(value, like, nl)}"


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
    if columns:
        col, count = columns.most_common(1)[0]
        if count >= 2 and col in padded:
            column = col
    strings = [text[loc.value_start : loc.value_end] for loc in locs]
    quoted = [s for s in strings if s[:1] in ("'", '"')]
    literal = bool(quoted) and sum(s.startswith("'") for s in quoted) * 2 > len(quoted)
    multi = next((s for s in quoted if s.startswith(('"""', "'''"))), None)
    return KeyStyle(
        indent=text[model.line_start : model.key_start],
        before_eq=" " if before else "",
        after_eq=after,
        column=column,
        literal=literal,
        multi_line=multi,
    )
