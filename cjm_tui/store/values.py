"""TOML text for one value, the way a person would write it by hand."""

from __future__ import annotations

import datetime as dt
import math
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


def format_string(value: str, like: str | None = None, nl: str = "\n") -> str:
    """A TOML string in the style of `like`, the text it replaces.

    Literal ('...') stays literal when the value allows it. A multi-line string (three
    quotes) stays multi-line while the value has line breaks, written with the file's
    newline `nl`, and becomes one line when it has none.
    """
    if like is not None and like.startswith(('"""', "'''")) and "\n" in value:
        styled = _multi_line(value, like, nl)
        if styled is not None:
            return styled
    literal = like is not None and like.startswith("'")
    if literal and _LITERAL_SAFE.fullmatch(value):
        return f"'{value}'"
    value = _SURROGATE.sub("\ufffd", value)
    return '"' + _ESCAPE.sub(_escape_char, value) + '"'


# In a multi-line string, line breaks and tabs are written as they are.
_ML_ESCAPE = re.compile("[\\\\\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ML_LITERAL_SAFE = re.compile(
    "[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]*"
)


def _multi_line(value: str, like: str, nl: str) -> str | None:
    """`value` as a multi-line string like `like`, or None when that style cannot hold it."""
    quote = like[:3]
    # A newline right after the opening quotes is not part of the value: keep that habit,
    # and write one whenever the value itself starts with a line break.
    lead = nl if like[3:4] in ("\n", "\r") or value.startswith("\n") else ""
    if quote == "'''":
        if "'''" in value or value.endswith("'") or not _ML_LITERAL_SAFE.fullmatch(value):
            return None
        return quote + lead + value.replace("\n", nl) + quote
    value = _SURROGATE.sub("\ufffd", value)
    # Quotes are escaped only where three in a row, or one before the closing quotes, would
    # end the string.
    trimmed = value.rstrip('"')
    closing = '\\"' * (len(value) - len(trimmed))
    body = _ML_ESCAPE.sub(_escape_char, trimmed).replace('"""', '""\\"') + closing
    return quote + lead + body.replace("\n", nl) + quote


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _SHORT.get(ch) or f"\\u{ord(ch):04X}"


def format_key(key: str) -> str:
    return key if is_slug(key) or re.fullmatch(r"[A-Za-z0-9_-]+", key) else format_string(key)


def format_value(value: Any, like: str | None = None, nl: str = "\n") -> str:
    """TOML for a value; `like` is the text it replaces, whose string style is kept."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return format_string(value, like, nl)
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


def same_data(a: Any, b: Any) -> bool:
    """Equal as TOML data: tables in any key order, and nan equal to nan (TOML allows nan;
    `==` says it differs from itself, which would make a map with one unsaveable)."""
    if type(a) is not type(b):
        return False
    if a == b:
        return True
    if isinstance(a, float):
        return math.isnan(a) and math.isnan(b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return False
