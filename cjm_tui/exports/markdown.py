"""The map as GitHub-flavoured Markdown: a document to read in a pull request or a wiki.

Every text from the map is escaped (`text`): control characters are removed, line breaks
become `<br>`, and the characters Markdown would read as syntax (`\\`, `*`, `_`, backticks,
`[`, `]`, `<`, `>`, `#`, `|`, `~`, `&`) get a backslash, as do list and heading markers at
the start, so names show literally and tables keep their columns.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterable

from cjm_tui.model import Action, Map, Persona, Touchpoint
from cjm_tui.model.entities import format_number, is_web_link, metric_status
from cjm_tui.model.names import UNNAMED
from cjm_tui.model.rules import emotion_label, emotion_word
from cjm_tui.sanitize import clean_line

MOMENT = "◆"

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~&]")
# At the start of a line these begin a block: list items, headings, quotes, setext
# underlines, ordered lists, fenced code (backticks are escaped anyway).
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def _line(text: str) -> str:
    body = _SPECIAL.sub(lambda c: "\\" + c.group(), clean_line(text).strip())
    start = _BLOCK_START.match(body)
    if start and start.group().isdigit():
        # "1." would start an ordered list: escape the dot (or parenthesis) after it.
        return body[: start.end()] + "\\" + body[start.end() :]
    if start:
        return "\\" + body
    return body


def text(value: str | None) -> str:
    """Map text as inline Markdown: literal, on one source line, safe in a table cell."""
    if not value:
        return ""
    return "<br>".join(_line(part) for part in _LINE_BREAK.split(value))


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
"""Characters a link keeps as they are; the rest (spaces, `<`, `>`, `|`, `\\`...) are
percent-encoded, so the link can neither end early nor break a table."""


def link(title: str, url: str | None) -> str:
    """`title` (Markdown already) as a link to `url` when it is an http(s) link with a host
    (the only links a map may hold; others are left out, never linked)."""
    if url is None or not is_web_link(url):
        return title
    return f"[{title or UNNAMED}](<{urllib.parse.quote(url, safe=_URL_SAFE)}>)"


METRIC_SYMBOLS = {"met": "\u2713", "missed": "\u2717"}


def metrics(m: Map, tp: Touchpoint) -> str:
    """Each metric as `CSAT (1-5): 3.1 (target 4.0, ✗ missed)`, one per line of the cell."""
    parts: list[str] = []
    for name, value in (tp.metrics or {}).items():
        definition = m.info.metric(name)
        shown = f"{text(definition.label) or UNNAMED}: {format_number(value)}"
        status = metric_status(value, definition)
        if definition.target is not None:
            shown += f" (target {format_number(definition.target)}"
            shown += f", {METRIC_SYMBOLS[status]} {status})" if status else ")"
        parts.append(shown)
    return "<br>".join(parts)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _emotion(m: Map, tp: Touchpoint) -> str:
    emotion = tp.emotion
    if emotion is None:
        return ""
    if isinstance(emotion, int):
        return f"{emotion_label(emotion)} {emotion_word(emotion)}"
    parts: list[str] = []
    for pid, value in emotion.items():
        persona = m.persona(pid)
        parts.append(f"{text(persona.name if persona else pid)}: {emotion_label(value)}")
    return ", ".join(parts)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    names = list(header)
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for row in rows:
        cells = list(row)
        assert len(cells) == len(names)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _touchpoint_name(tp: Touchpoint) -> str:
    name = text(tp.name) or UNNAMED
    return f"{MOMENT} {name}" if tp.is_moment_of_truth else name


def _expectation(tp: Touchpoint) -> str:
    parts: list[str] = []
    if tp.expectation:
        parts.append(f"**Expected:** {text(tp.expectation)}")
    if tp.experience:
        parts.append(f"**Got:** {text(tp.experience)}")
    return "<br>".join(parts)


def _header(m: Map) -> list[str]:
    info = m.info
    lines = [f"# {text(info.title) or '(untitled)'}", ""]
    if info.description:
        lines += [text(info.description), ""]
    facts = [f"- **Kind:** {info.effective_kind}"]
    if info.owner:
        facts.append(f"- **Owner:** {text(info.owner)}")
    if info.updated is not None:
        facts.append(f"- **Updated:** {_date(info.updated)}")
    return [*lines, *facts, ""]


def _persona(p: Persona) -> list[str]:
    lines = [f"### {text(p.name) or '(unnamed)'}", ""]
    if p.description:
        lines += [text(p.description), ""]
    for label, items in (("Goals", p.goals), ("Pains", p.pains)):
        if items:
            lines += [f"**{label}:**", "", *(f"- {text(i)}" for i in items), ""]
    if p.quote:
        lines += [f"> {text(p.quote)}", ""]
    return lines


def _stages(m: Map) -> list[str]:
    lines = ["## Journey", ""]
    header: tuple[str, ...] = (
        "Touchpoint",
        "Channel",
        "Doing",
        "Thinking",
        "Feeling",
        "Expectation vs experience",
        "Emotion",
        "Owner",
    )
    measured = any(tp.metrics for tp in m.touchpoints)
    if measured:
        header = (*header, "Metrics")
    for stage in m.stages:
        lines += [f"### {text(stage.name) or '(unnamed)'}", ""]
        if stage.description:
            lines += [text(stage.description), ""]
        if stage.goal:
            lines += [f"**Goal:** {text(stage.goal)}", ""]
        tps = m.touchpoints_by_stage().get(stage.id, [])
        if not tps:
            lines += ["*No touchpoints yet.*", ""]
            continue
        rows = (
            (
                _touchpoint_name(tp),
                text(tp.channel),
                text(tp.doing),
                text(tp.thinking),
                text(tp.feeling),
                _expectation(tp),
                _emotion(m, tp),
                text(tp.owner),
                *((metrics(m, tp),) if measured else ()),
            )
            for tp in tps
        )
        lines += [*_table(header, rows), ""]
    lines += [f"{MOMENT} marks a moment of truth.", ""]
    return lines


def _titles(actions: list[Action]) -> str:
    return "<br>".join(link(text(a.title), a.link) for a in actions)


def _moments(m: Map) -> list[str]:
    lines = ["## Moments of truth", ""]
    moments = m.moments_of_truth()
    if not moments:
        return [*lines, "*None marked.*", ""]
    rows = (
        (
            text(m.stage_name(tp.stage)),
            text(tp.name),
            _emotion(m, tp),
            text(tp.mot_reason),
            text(tp.owner),
            _titles(m.actions_for(tp.id)),
        )
        for tp in moments
    )
    header = ("Stage", "Touchpoint", "Emotion", "Why", "Owner", "Actions")
    return [*lines, *_table(header, rows), ""]


def _touchpoint_of(m: Map, action: Action) -> str:
    tp = m.touchpoint(action.touchpoint)
    return text(tp.name if tp else action.touchpoint)


def _quick_wins(m: Map) -> list[str]:
    lines = ["## Quick wins", ""]
    wins = m.quick_wins()
    if not wins:
        return [*lines, "*None yet.*", ""]
    rows = (
        (
            link(text(a.title), a.link),
            _touchpoint_of(m, a),
            text(a.owner),
            a.effort or "",
            a.impact or "",
            _date(a.due),
            a.effective_state,
        )
        for a in wins
    )
    header = ("Action", "Touchpoint", "Owner", "Effort", "Impact", "Due", "State")
    return [*lines, *_table(header, rows), ""]


def _plan(m: Map) -> list[str]:
    lines = ["## Action plan", ""]
    if not m.actions:
        return [*lines, "*No actions yet.*", ""]
    by_owner: dict[str, list[Action]] = {}
    for action in m.actions:
        by_owner.setdefault(action.owner or "", []).append(action)
    if "" in by_owner:
        by_owner[""] = by_owner.pop("")  # actions without an owner come last
    header = ("Action", "Touchpoint", "Effort", "Impact", "Due", "State")
    for owner, actions in by_owner.items():
        lines += [f"### {text(owner) or '(no owner)'}", ""]
        rows = (
            (
                link(text(a.title), a.link),
                _touchpoint_of(m, a),
                a.effort or "",
                a.impact or "",
                _date(a.due),
                a.effective_state,
            )
            for a in actions
        )
        lines += [*_table(header, rows), ""]
    return lines


def render(m: Map) -> str:
    lines = _header(m)
    if m.personas:
        lines += ["## Personas", ""]
        for p in m.personas:
            lines += _persona(p)
    lines += _stages(m) + _moments(m) + _quick_wins(m) + _plan(m)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
