"""The interface's languages: English (the source text), Polish and Russian.

Interface text is written in English and wrapped: `_("Save")`, or with fields
`_("Saved {name}", name=path)` (the fields are filled after translating, so a translation may
reorder them). Counted text uses `_n("{n} touchpoint", "{n} touchpoints", n)`: Polish and
Russian have three plural forms, chosen by the CLDR rule of the language.
The catalogues (`pl.py`, `ru.py`) map the English text to its translation; a test reads every
`_(...)`/`_n(...)` literal in the package and fails when one lacks a translation.
Map content is never translated: only wrap text the program itself says.
Text made at import time (a binding's description) is marked with `N_("Save")` and shown
with `translate(text)`; a word that means two things takes a context, `_p("state", "doing")`.

The language is process-wide: `set_language()` before building the interface (each screen
and widget translates its bindings when it is built). Only the editor chooses a language
(`cjm edit --lang`, see `cli/edit.py: language_of`); every other command stays English, since
scripts read its output. Headless: no textual here.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES = ("en", "pl", "ru")
NAMES = {"en": "English", "pl": "polski", "ru": "русский"}

_current = "en"


def _catalogue(lang: str) -> Mapping[str, str | tuple[str, ...]]:
    if lang == "pl":
        from cjm_tui.i18n.pl import MESSAGES as PL

        return PL
    if lang == "ru":
        from cjm_tui.i18n.ru import MESSAGES as RU

        return RU
    return {}


def current() -> str:
    return _current


def set_language(lang: str) -> None:
    """Use `lang` ("en", "pl" or "ru") from now on. Raises ValueError for another."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    _current = lang


def detect(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: `explicit` (--lang), else CJM_LANG, else the locale, else English.

    Locale names like `pl_PL.UTF-8` or `ru` count by their first two letters; anything else
    is English.
    """
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("CJM_LANG")):
        if value:
            return _normalise(value) or "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return _normalise(value.split(":")[0]) or "en"
    if environ is None:
        try:
            found = locale.getlocale(locale.LC_MESSAGES)[0]  # type: ignore[attr-defined,unused-ignore]
        except (AttributeError, ValueError):
            found = None
        if found:
            return _normalise(found) or "en"
    return "en"


def _normalise(value: str) -> str | None:
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def _(text: str, /, **fields: object) -> str:
    """`text` in the current language, with `{fields}` filled in."""
    found = _catalogue(_current).get(text, text)
    if isinstance(found, tuple):
        found = found[0]
    return found.format(**fields) if fields else found


def _p(context: str, text: str, /, **fields: object) -> str:
    """`text` in a `context`, for an English word that means two things: the state "doing"
    (`_p("state", "doing")`) is not the touchpoint's "doing". Catalogue key: "state|doing"."""
    found = _catalogue(_current).get(f"{context}|{text}", text)
    if isinstance(found, tuple):
        found = found[0]
    return found.format(**fields) if fields else found


def N_(text: str, /) -> str:
    """Marks English text that is translated later, where it is shown (`translate`).

    For text made at import time, before the language is chosen: a binding's description
    (`Binding("ctrl+s", "save", N_("Save"))`). The completeness test reads these too.
    """
    return text


def translate(text: str, /) -> str:
    """Text marked with `N_` elsewhere, in the current language (unknown text as it is).

    Only for marked text that reaches a person later; write `_("...")` everywhere else.
    """
    found = _catalogue(_current).get(text, text) if text else text
    return found[0] if isinstance(found, tuple) else found


def plural_index(lang: str, n: int) -> int:
    """Which plural form: English 0/1; Polish and Russian 0 (one), 1 (few), 2 (many)."""
    n = abs(n)
    if lang == "pl":
        if n == 1:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


def _n(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The form of `singular`/`plural` for the count `n`, with `{n}` and `{fields}` filled.

    The catalogue entry (keyed by `singular`) is a tuple of the language's forms.
    """
    found = _catalogue(_current).get(singular)
    if isinstance(found, tuple):
        form = found[min(plural_index(_current, n), len(found) - 1)]
    else:
        form = singular if plural_index("en", n) == 0 else plural
    return form.format(n=n, **fields)


__all__ = [
    "LANGUAGES",
    "NAMES",
    "N_",
    "_",
    "_n",
    "_p",
    "current",
    "detect",
    "plural_index",
    "set_language",
    "translate",
]
