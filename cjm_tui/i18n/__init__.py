"""The interface's languages: English (the source text), Polish and Russian.

Interface text is written in English and wrapped: `_("Save")`, or with fields
`_("Saved {name}", name=path)` (the fields are filled after translating, so a translation may
reorder them). Counted text uses `_n("{n} touchpoint", "{n} touchpoints", n)`: Polish and
Russian have three plural forms, chosen by the catalogue's Plural-Forms rule.
Map content is never translated: only wrap text the program itself says.
Text made at import time (a binding's description) is marked with `N_("Save")` and shown
with `translate(text)`; a word that means two things takes a context, `_p("state", "doing")`.

The translations are gettext catalogues: `locale/<lang>/LC_MESSAGES/cjm.po`, edited by people
and compiled to `cjm.mo` (`make catalogues`; the wheel's build hook, `hatch_build.py`). Only
the standard library's `gettext` reads them, once per language, when first needed. Without a
`.mo` the interface is English. `tests/test_i18n.py` fails when a message in the code lacks a
translation, or a translation lacks its message (CONTRIBUTING.md: how to add one).

The language is process-wide: `set_language()` before building the interface (each screen
and widget translates its bindings when it is built). Only the editor chooses a language
(`cjm edit --lang`, see `cli/edit.py: language_of`); every other command stays English, since
scripts read its output. Headless: no textual here.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Mapping
from pathlib import Path

LANGUAGES = ("en", "pl", "ru")
NAMES = {"en": "English", "pl": "polski", "ru": "русский"}

DOMAIN = "cjm"
LOCALEDIR = Path(__file__).parent / "locale"

_current = "en"
_loaded: dict[str, gettext.NullTranslations] = {}


def _catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`, read on first use; English (the text as written) when
    the language is English or its `.mo` is missing, as in a checkout before
    `make catalogues`."""
    found = _loaded.get(lang)
    if found is None:
        try:
            found = gettext.translation(DOMAIN, LOCALEDIR, languages=[lang])
        except OSError:
            found = gettext.NullTranslations()
        _loaded[lang] = found
    return found


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
    found = _catalogue(_current).gettext(text)
    return found.format(**fields) if fields else found


def _p(context: str, text: str, /, **fields: object) -> str:
    """`text` in a `context`, for an English word that means two things: the state "doing"
    (`_p("state", "doing")`) is not the touchpoint's "doing" (`msgctxt "state"`)."""
    found = _catalogue(_current).pgettext(context, text)
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
    # gettext("") is the catalogue's header, and an empty description must stay empty.
    return _catalogue(_current).gettext(text) if text else text


def _n(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The form of `singular`/`plural` for the count `n`, with `{n}` and `{fields}` filled.

    The catalogue's Plural-Forms picks the form; English is `singular` for 1, else `plural`.
    """
    # A negative count takes the form of its size (-1 like 1), as the hand-written rules did.
    form = _catalogue(_current).ngettext(singular, plural, abs(n))
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
    "set_language",
    "translate",
]
