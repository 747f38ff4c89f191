"""The quick-add line: one line of text to one touchpoint, for drafting at the speed of talk.

`Security guard asks for ID @office #arrive -1 !` is a touchpoint named "Security guard asks
for ID", channel office, stage arrive, emotion -1, a moment of truth. The editor's line and
`cjm add` both go through `parse` and `build`; the editor shows `preview` as the line is typed.

A bare `0` is emotion 0 like `+0` and `-0`: people say "zero" for neutral and do not type the
sign, and a stray digit in a touchpoint's name is rarer than a neutral rating (`\0` keeps it
as text). A channel of several words is quoted: `@"car park"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cjm_tui.i18n import _
from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.ids import unique_id
from cjm_tui.model.rules import emotion_label

EMOTION_TOKENS = {"+2": 2, "+1": 1, "+0": 0, "0": 0, "-0": 0, "-1": -1, "-2": -2}
_ESCAPABLE = "@#^!+-0"
_TOKEN = re.compile(r'@"[^"]*"?|\S+')
"""A word, or a quoted channel (`@"car park"`; an unclosed quote runs to the end)."""


class QuickAddError(ValueError):
    """The line cannot become a touchpoint; the message says why, for a person."""


@dataclass
class QuickAdd:
    name: str
    channel: str | None = None
    stage: str | None = None
    personas: list[str] = field(default_factory=list)
    emotion: int | None = None
    moment_of_truth: bool = False


def parse(line: str) -> QuickAdd:
    """Split a quick-add line into its parts (no checks against a map yet)."""
    words: list[str] = []
    result = QuickAdd(name="")
    for token in _TOKEN.findall(line):
        if token.startswith('@"'):
            channel = token[2:].removesuffix('"').strip()
            result.channel = " ".join(channel.split()) or result.channel
        elif token in EMOTION_TOKENS:
            result.emotion = EMOTION_TOKENS[token]
        elif token == "!":
            result.moment_of_truth = True
        elif len(token) > 1 and token[0] == "@":
            result.channel = token[1:]
        elif len(token) > 1 and token[0] == "#":
            result.stage = token[1:]
        elif len(token) > 1 and token[0] == "^":
            if token[1:] not in result.personas:
                result.personas.append(token[1:])
        elif len(token) > 1 and token[0] == "\\" and token[1] in _ESCAPABLE:
            words.append(token[1:])
        else:
            words.append(token)
    result.name = " ".join(words)
    return result


def preview(m: Map, line: str, default_stage: str | None) -> str:
    """How `line` will be read, in the interface's language, for the editor to show as it is
    typed: the parts, or why it would be refused."""
    parts = parse(line)
    stage: str | None
    try:
        stage = build(m, line, default_stage).stage
    except QuickAddError as exc:
        problem: str | None = str(exc)
        stage = parts.stage or default_stage
    else:
        problem = None
    shown = [_("name: {name}", name=f"“{parts.name}”" if parts.name else "—")]
    if parts.channel:
        shown.append(_("channel: {channel}", channel=parts.channel))
    if stage is not None:
        known = m.stage(stage)
        shown.append(_("stage: {stage}", stage=known.name if known else f"#{stage}"))
    if parts.personas:
        shown.append(_("personas: {ids}", ids=", ".join(parts.personas)))
    if parts.emotion is not None:
        shown.append(_("emotion: {value}", value=emotion_label(parts.emotion)))
    if parts.moment_of_truth:
        shown.append(_("moment of truth"))
    text = " · ".join(shown)
    return f"{text}  ✗ {problem}" if problem else text


def build(m: Map, line: str, default_stage: str | None) -> Touchpoint:
    """The touchpoint a line describes, checked against the map (not yet added to it).

    Raises QuickAddError for an empty name, an unknown stage or persona, or a map without
    stages.
    """
    parts = parse(line)
    if not parts.name:
        raise QuickAddError(
            _(
                "the line has no name: type what happens, e.g. "
                "'Security guard asks for ID @office -1 !'"
            )
        )
    stage = parts.stage or default_stage
    if stage is None:
        if not m.stages:
            raise QuickAddError(_("the map has no stages yet: add a stage first"))
        stage = m.stages[0].id
    if m.stage(stage) is None:
        known = ", ".join(s.id for s in m.stages)
        raise QuickAddError(_("unknown stage #{id} (stages: {known})", id=stage, known=known))
    for pid in parts.personas:
        if m.persona(pid) is None:
            known = ", ".join(p.id for p in m.personas) or _("none defined")
            raise QuickAddError(_("unknown persona ^{id} (personas: {known})", id=pid, known=known))
    taken = {tp.id for tp in m.touchpoints}
    return Touchpoint(
        id=unique_id(parts.name, taken, fallback="touchpoint"),
        stage=stage,
        name=parts.name,
        channel=parts.channel,
        personas=list(parts.personas) or None,
        emotion=parts.emotion,
        moment_of_truth=True if parts.moment_of_truth else None,
    )
