"""Making ids: a slug from free text, made unique among the ids already taken."""

from __future__ import annotations

from collections.abc import Collection

from cjm_tui.model.rules import is_slug

MAX_LEN = 64


def slugify(text: str, fallback: str = "item") -> str:
    """A slug for `text`: lower-case ASCII words joined by `-`, at most 64 characters, cut
    between words where one fits; `fallback` when the text gives none (emoji only)."""
    # Imported on first use: the editor's first frame, which imports this module, needs
    # neither (`model/spelling.py`).
    from slugify import slugify as _slug

    from cjm_tui.model.spelling import in_ascii

    # Spelled in ASCII before python-slugify sees it, so its own backend never chooses.
    ascii_text = in_ascii(text)
    # Names are plain text, not HTML: "&amp;" is not an ampersand.
    slug = _slug(
        ascii_text,
        entities=False,
        decimal=False,
        hexadecimal=False,
        max_length=MAX_LEN,
        word_boundary=True,
        save_order=True,
    )
    return slug if slug and is_slug(slug) else fallback


def unique_id(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """`slugify(text)`, with `-2`, `-3`... appended when that id is already taken."""
    return free_id(slugify(text, fallback), taken)


def free_id(ident: str, taken: Collection[str]) -> str:
    """The id `ident` as it is, or with `-2`, `-3`... appended: the first one not taken."""
    if ident not in taken:
        return ident
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = ident[: MAX_LEN - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1
