"""TOML text for one value, the way a person would write it by hand."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cjm_tui.model.rules import is_slug

_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
# Escaped in files too, not only on screen: C1 controls and the Unicode line separators break
# lines in some editors, and a raw bidi override would make `git diff` and `cat` show text
# that is not what the file says.
_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]')
_LITERAL_SAFE = re.compile(
    "[^'\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]*"
)
# A str can hold lone surrogates (undecodable command-line bytes); TOML and UTF-8 cannot.
_SURROGATE = re.compile("[\ud800-\udfff]")


def format_string(value: str, like: str | None = None) -> str:
    """A TOML string; keeps the literal ('...') style of `like` when the value allows it."""
    literal = like is not None and like.startswith("'") and not like.startswith("'''")
    if literal and _LITERAL_SAFE.fullmatch(value):
        return f"'{value}'"
    value = _SURROGATE.sub("\ufffd", value)
    return '"' + _ESCAPE.sub(_escape_char, value) + '"'


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _SHORT.get(ch) or f"\\u{ord(ch):04X}"


def format_key(key: str) -> str:
    return key if is_slug(key) or re.fullmatch(r"[A-Za-z0-9_-]+", key) else format_string(key)


def format_value(value: Any, like: str | None = None) -> str:
    """TOML for a value; `like` is the text it replaces, whose string style is kept."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return format_string(value, like)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = ", ".join(f"{format_key(k)} = {format_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    return _format_scalar(value)


def _format_scalar(value: Any) -> str:
    """Scalars the format does not define but a team may keep (floats, times)."""
    import tomlkit  # only here: most saves never need it

    return str(tomlkit.item(value).as_string())
