"""A Mermaid `journey` diagram: stage = section, touchpoint = task, personas = actors.

A task's score is its emotion + 3 (-2..+2 becomes 1..5); a missing emotion is 3, a per-persona
table its rounded mean (`mean_emotion`), or with `persona` that persona's value (3 when it has
none). Its actors are the names of the personas that meet it; with `persona` only that persona
is an actor and only the touchpoints it meets are tasks.

Names are data that Mermaid's lexer would read as syntax, so before they are written: control
characters go and line breaks become spaces; `:` `;` `#` (and `,` in actor names) become their
full-width forms; `%%` (a comment anywhere in a line) becomes `％％`; a task name that starts
with a keyword Mermaid matches first (`journey`, `title`, `section`, `accTitle`, `accDescr`)
(or with a zero-width space) gets a leading zero-width space, which the import removes; an
empty name is `(unnamed)`.
"""

from __future__ import annotations

import re

from cjm_tui.model import Map, Touchpoint, mean_emotion
from cjm_tui.sanitize import clean_line

UNNAMED = "(unnamed)"
NEUTRAL_SCORE = 3
KEYWORD_GUARD = "\u200b"
KEYWORDS = ("journey", "title", "section", "accTitle", "accDescr")
_REPLACE = str.maketrans({":": "\uff1a", ";": "\uff1b", "#": "\uff03"})
_ACTOR_REPLACE = str.maketrans({",": "\uff0c"})
_DOUBLE_PERCENT = re.compile(r"%(?=%)|(?<=%)%")
_SPACES = re.compile(r"\s+")


def name(text: str, *, actor: bool = False) -> str:
    """`text` as a name Mermaid reads as text, on one line."""
    one_line = _SPACES.sub(" ", clean_line(text)).strip()
    safe = one_line.translate(_REPLACE)
    if actor:
        safe = safe.translate(_ACTOR_REPLACE)
    safe = _DOUBLE_PERCENT.sub("\uff05", safe)
    return safe or UNNAMED


def task_name(text: str) -> str:
    """A name for a task line, guarded against being lexed as a keyword."""
    safe = name(text)
    return KEYWORD_GUARD + safe if safe.startswith((*KEYWORDS, KEYWORD_GUARD)) else safe


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
