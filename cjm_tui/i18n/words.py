"""The format's fixed words as the interface shows them: emotions and the words of choices.

The file keeps its own words (`emotion = -1`, `effort = "low"`, `status = "hypothesis"`);
these are only how the editor says them to a person. Exports and the CLI use the English
words of `model.rules`, not these.
"""

from __future__ import annotations

from cjm_tui.i18n import _, _p


def emotion_word(value: int | None) -> str:
    """-2 "very negative" .. +2 "very positive", or "no emotion", in the interface's language."""
    words = {
        -2: _("very negative"),
        -1: _("negative"),
        0: _("neutral"),
        1: _("positive"),
        2: _("very positive"),
    }
    return _("no emotion") if value is None else words[value]


def choice_words() -> dict[str, str]:
    """The words of `kind`, `status`, `effort`/`impact` and `state`, in the interface's
    language (the file's word -> the word shown)."""
    return {
        "customer": _("customer"),
        "employee": _("employee"),
        "hypothesis": _("hypothesis"),
        "verified": _("verified"),
        "low": _("low"),
        "medium": _("medium"),
        "high": _("high"),
        "todo": _("todo"),
        "doing": _p("state", "doing"),  # an action's state, not a touchpoint's "doing"
        "done": _("done"),
    }


def choice_word(word: str) -> str:
    """One word of a choice as shown (a word the format does not know stays as it is)."""
    return choice_words().get(word, word)
