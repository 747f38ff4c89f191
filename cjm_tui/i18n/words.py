"""The format's fixed words as the interface shows them: the names of its keys, emotions and
the words of choices.

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


def field_labels() -> dict[str, str]:
    """Each key of the format as the interface names it ("doing" -> "Doing"), in the
    interface's language: the form's labels and the grid's lanes say the same."""
    return {
        "id": _("Id"),
        "title": _("Title"),
        "kind": _("Kind of map"),
        "description": _("Description"),
        "owner": _("Owner"),
        "updated": _("Last updated"),
        "name": _("Name"),
        "goals": _("Goals"),
        "pains": _("Pains"),
        "quote": _("Quote"),
        "goal": _("Goal"),
        "stage": _("Stage"),
        "channel": _("Channel"),
        "personas": _("Personas"),
        "doing": _("Doing"),
        "thinking": _("Thinking"),
        "feeling": _("Feeling"),
        "expectation": _("Expectation"),
        "experience": _("Experience"),
        "emotion": _("Emotion"),
        "moment_of_truth": _("Moment of truth"),
        "mot_reason": _("Why it is a moment of truth"),
        "pain_points": _("Pain points"),
        "opportunities": _("Opportunities"),
        "backstage": _("Backstage"),
        "support": _("Supporting systems"),
        "evidence": _("Evidence"),
        "status": _("Status"),
        "touchpoint": _("Touchpoint"),
        "effort": _("Effort"),
        "impact": _("Impact"),
        "quick_win": _("Quick win"),
        "due": _("Due date"),
        "state": _("State"),
        "metrics": _("Metrics"),
        "link": _("Link"),
    }
