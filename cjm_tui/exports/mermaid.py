"""A Mermaid `journey` diagram: stage = section, touchpoint = task, personas = actors.

A task's score is its emotion + 3 (-2..+2 becomes 1..5); a missing emotion is 3, a per-persona
table its rounded mean (`mean_emotion`), or with `persona` that persona's value (3 when it has
none). Its actors are the names of the personas that meet it; with `persona` only that persona
is an actor and only the touchpoints it meets are tasks.

Names are data that Mermaid's lexer would read as syntax, so before they are written: control
characters go and line breaks become spaces; runs of whitespace become one space and the ends
are trimmed of whitespace and of U+FEFF (Mermaid's lexer and `trim` count it as a space);
`:` `;` `#` (and `,` in actor names) become their full-width forms; `%%` (a comment anywhere
in a line) becomes `％％`; the `"` of `="` becomes `＂` (Mermaid rewrites `="…"` inside
anything that looks like an HTML tag, `<a href="x">`, to `='…'` before it parses); a task
name that starts with a keyword Mermaid's lexer matches first, in any ASCII case (`journey`,
`title`, `section`, `accTitle`, `accDescr`), or with `%` (a comment to the end of the line),
or with a zero-width space, gets a leading zero-width space, which the import removes; an
empty name is `(unnamed)`. tests/test_mermaid_parser.py checks all of this with Mermaid's
own parser.
"""

from __future__ import annotations

import re

from cjm_tui.model import Map, Touchpoint, mean_emotion
from cjm_tui.model.names import UNNAMED
from cjm_tui.sanitize import clean_line

NEUTRAL_SCORE = 3
KEYWORD_GUARD = "\u200b"
KEYWORDS = ("journey", "title", "section", "accTitle", "accDescr")
# What Mermaid's lexer (its rules are ASCII case-insensitive) would take at the start of a
# task line instead of a task name.
_NEEDS_GUARD = re.compile("|".join(map(re.escape, [*KEYWORDS, "%", KEYWORD_GUARD])), re.I | re.A)
_REPLACE = str.maketrans({":": "\uff1a", ";": "\uff1b", "#": "\uff03"})
_ACTOR_REPLACE = str.maketrans({",": "\uff0c"})
_DOUBLE_PERCENT = re.compile(r"%(?=%)|(?<=%)%")
_ATTRIBUTE_QUOTE = re.compile('(?<==)"')
_SPACES = re.compile(r"\s+")
_ENDS = " \ufeff"  # after _SPACES: a space, or U+FEFF, which is whitespace to JavaScript


def name(text: str, *, actor: bool = False) -> str:
    """`text` as a name Mermaid reads as text, on one line."""
    one_line = _SPACES.sub(" ", clean_line(text)).strip(_ENDS)
    safe = one_line.translate(_REPLACE)
    if actor:
        safe = safe.translate(_ACTOR_REPLACE)
    safe = _DOUBLE_PERCENT.sub("\uff05", safe)
    safe = _ATTRIBUTE_QUOTE.sub("\uff02", safe)
    return safe or UNNAMED


def task_name(text: str) -> str:
    """A name for a task line, guarded against being lexed as a keyword."""
    safe = name(text)
    return KEYWORD_GUARD + safe if _NEEDS_GUARD.match(safe) else safe


def score(tp: Touchpoint, persona: str | None = None) -> int:
    """The task's score, 1..5."""
    emotion = tp.emotion
    if persona is not None:
        value = tp.emotion_for(persona)
    elif isinstance(emotion, dict):
        value = mean_emotion(emotion)
    else:
        value = emotion
    return NEUTRAL_SCORE if value is None else value + NEUTRAL_SCORE


def render(m: Map, persona: str | None = None) -> str:
    lines = ["journey"]
    title = name(m.info.title)
    if title != UNNAMED:
        lines.append(f"    title {title}")
    for stage_id, tps in m.touchpoints_by_stage().items():
        lines.append(f"    section {name(m.stage_name(stage_id))}")
        for tp in tps:
            if persona is not None and not tp.meets(persona):
                continue
            if persona is not None:
                chosen = m.persona(persona)
                actors = [chosen.name] if chosen else [persona]
            else:
                actors = [p.name for p in m.personas if tp.meets(p.id)]
            task = f"      {task_name(tp.name)}: {score(tp, persona)}"
            if actors:
                task += ": " + ", ".join(name(a, actor=True) for a in actors)
            lines.append(task)
    return "\n".join(lines) + "\n"
