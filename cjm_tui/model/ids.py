"""Making ids: a slug from free text, made unique among the ids already taken."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from cjm_tui.model.rules import is_slug

# Letters that NFKD does not decompose into ASCII but that Polish and other names use.
_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LEN = 64


def slugify(text: str, fallback: str = "item") -> str:
    """A slug for `text`: lower-case ASCII words joined by `-`, at most 64 characters."""
    lowered = text.lower().translate(_TRANSLIT)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")[:MAX_LEN].rstrip("-")
    return slug if slug and is_slug(slug) else fallback


def unique_id(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """`slugify(text)`, with `-2`, `-3`... appended when that id is already taken."""
    base = slugify(text, fallback)
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_LEN - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1
