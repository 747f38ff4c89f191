"""The format's vocabulary: one place for every word, range and pattern a map must follow."""

from __future__ import annotations

import re

FORMAT_VERSION = 1

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Ids are slugs; use `is_slug`, which anchors the match."""

EMOTION_MIN = -2
EMOTION_MAX = 2
EMOTION_WORDS: dict[int, str] = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}

KINDS = ("customer", "employee")
STATUSES = ("hypothesis", "verified")
LEVELS = ("low", "medium", "high")
STATES = ("todo", "doing", "done")

TABLES = ("map", "personas", "stages", "touchpoints", "actions")
"""Root tables the format defines, in the order a new file lists them."""


def is_slug(value: str) -> bool:
    return ID_PATTERN.fullmatch(value) is not None


def clamp_emotion(value: int) -> int:
    return max(EMOTION_MIN, min(EMOTION_MAX, value))


def emotion_word(value: int | None) -> str:
    return "no emotion" if value is None else EMOTION_WORDS[value]


def emotion_label(value: int) -> str:
    """An emotion as a signed number: "+2", "+1", "0", "-1", "-2"."""
    return f"{value:+d}" if value else "0"


METRIC_BETTER = ("higher", "lower")
"""`better` of a `[map.metrics.NAME]`: which way a metric improves."""


def is_web_link(value: str) -> bool:
    """An http:// or https:// link with a host: the only links the format accepts (and the
    only ones an export ever puts in an href). Leading spaces or odd case do not pass."""
    import urllib.parse  # only when a map has a link: `cjm check` starts without it

    try:
        parsed = urllib.parse.urlsplit(value)
    except ValueError:  # a broken [IPv6] host
        return False
    return value == value.strip() and parsed.scheme in ("http", "https") and bool(parsed.netloc)
