"""Text from a map is data: strip what could steer a terminal before anything shows it."""

from __future__ import annotations

import re

# Whole escape sequences first (so `\x1b[31m` leaves no "[31m" behind): CSI, OSC (ended by
# BEL or ST), and two-character escapes; then lone C0 controls except tab and newline, DEL,
# C1 controls, and the bidi embeddings, overrides and isolates that can make text read
# differently from what it is.
# A lone U+009B (the 8-bit CSI) goes as a C1 control, without the text after it: in UTF-8
# terminals it is rarely a real sequence, and taking a following letter would change words.
_SEQUENCE = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]"
_UNSAFE = re.compile(_SEQUENCE + "|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_INLINE = re.compile(
    _SEQUENCE + "|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_SPACE = frozenset("\t\n\r\u2028\u2029")


def clean(text: str) -> str:
    """`text` without terminal control characters; tabs and newlines stay."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """`text` for one line of output: control characters go, line breaks become spaces."""
    return _UNSAFE_INLINE.sub(lambda m: " " if m.group() in _SPACE else "", text)
