"""Text from a map is data: strip what could steer a terminal before anything shows it."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings,
# overrides and isolates that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_INLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without terminal control characters; tabs and newlines stay."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """`text` for one line of output: control characters go, tabs and newlines become spaces."""
    return _UNSAFE_INLINE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)
