"""The report as a small document (headings, paragraphs, tables, bullets), before any format.

`build(m)` lays out the analysis (`cjm_tui.reports.analysis`) once; `text`, `markdown` and
`html` only render these blocks, so the three formats say the same things in the same order.
A `Span` marks which words come from the map (`data`: each format escapes and sanitizes
them) and how they are stressed; emotions carry their value so a format can colour them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cjm_tui.model import Action, Map, Touchpoint
from cjm_tui.model.entities import format_number
from cjm_tui.model.names import UNNAMED, short_names
from cjm_tui.model.rules import emotion_word
from cjm_tui.reports.analysis import (
    EFFORT_COLUMNS,
    IMPACT_ROWS,
    Analysis,
    Coverage,
    PlannedAction,
    analyse,
    average_label,
)
from cjm_tui.sanitize import clean_line
from cjm_tui.views.colours import emotion_label

LOWEST_SHOWN = 10
"""How many of the lowest touchpoints a report lists."""

MOMENT = "◆"
QUICK_WIN = "★"
DONE = "✓"
BULLET = "•"


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""
    """"" plain, "strong", "dim", "emotion" (with `value`), "mark" (◆ ★ ✓)."""
    value: int | None = None
    """For an emotion (or a rounded average): the -2..+2 value it stands for."""
    data: bool = False
    """Text from the map: escaped and sanitized by every format."""
    link: str | None = None
    """Where the text links to (an action's ticket): a real link in HTML and Markdown, the
    address beside the text in the terminal. Only an http(s) link ever becomes one."""


Line = tuple[Span, ...]
Cell = tuple[Line, ...]
"""A table cell: one or more lines."""


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Line


@dataclass(frozen=True)
class Paragraph:
    spans: Line


@dataclass(frozen=True)
class Table:
    header: tuple[str | Span, ...]
    """Column names: ours as text, or a Span of map text (a persona's name)."""
    rows: tuple[tuple[Cell, ...], ...]
    right: frozenset[int] = frozenset()
    """Columns aligned right (numbers)."""
    wide: frozenset[int] = frozenset()
    """Columns of long text that share the room left by the others (and wrap)."""


@dataclass(frozen=True)
class Bullets:
    items: tuple[Line, ...]


Block = Heading | Paragraph | Table | Bullets


# Pieces ----------------------------------------------------------------------------------


def head_text(name: str | Span) -> str:
    """A column's name as plain text (map text sanitized to one line)."""
    return clean_line(name.text) if isinstance(name, Span) else name


def plain(text: str, style: str = "") -> Line:
    return (Span(text, style),)


def data(text: str | None, style: str = "") -> Line:
    return (Span(text or "", style, data=True),) if text else ()


def cell(*lines: Line) -> Cell:
    return tuple(lines) if lines else ((),)


def emotion_span(value: int) -> Span:
    return Span(emotion_label(value), "emotion", value)


def average_span(value: float | None) -> Span:
    if value is None:
        return Span(average_label(None))
    return Span(average_label(value), "emotion", max(-2, min(2, round(value))))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _persona_names(m: Map) -> dict[str, str]:
    return {p.id: p.name for p in m.personas}


def _name(tp: Touchpoint, style: str = "") -> Line:
    return data(tp.name, style) or plain(UNNAMED, "dim")


def _names(items: Iterable[Touchpoint]) -> Cell:
    return cell(*(_name(tp) for tp in items))


def _titles(items: Iterable[Action]) -> Cell:
    return cell(*(data(a.title) or plain("(untitled)", "dim") for a in items))


# Sections ----------------------------------------------------------------------------------


def _summary(m: Map) -> list[Block]:
    kind = (
        "employee experience map" if m.info.effective_kind == "employee" else "customer journey map"
    )
    facts = " · ".join(
        [
            kind,
            _count(len(m.stages), "stage", "stages"),
            _count(len(m.touchpoints), "touchpoint", "touchpoints"),
            _count(len(m.personas), "persona", "personas"),
            _count(len(m.actions), "action", "actions"),
        ]
    )
    title = data(m.info.title) or plain("(untitled map)")
    return [Heading(1, (Span("Analysis: "), *title)), Paragraph(plain(facts, "dim"))]


def _moments(m: Map, a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Moments of truth"))]
    if not a.moments:
        return [*blocks, Paragraph(plain("No moments of truth marked yet.", "dim"))]
    names = short_names(m)
    rows: list[tuple[Cell, ...]] = []
    for moment in a.moments:
        if moment.by_persona:
            emotion = cell(
                *(
                    (
                        emotion_span(pe.value) if pe.value is not None else Span("–"),
                        Span(" "),
                        Span(names.get(pe.persona, pe.persona), data=True),
                    )
                    for pe in moment.by_persona
                )
            )
        elif moment.overall is not None:
            emotion = cell((emotion_span(moment.overall), Span(" " + emotion_word(moment.overall))))
        else:
            emotion = cell(plain("no emotion", "dim"))
        rows.append(
            (
                cell(data(moment.stage)),
                cell((Span(MOMENT, "mark"), Span(" "), *_name(moment.touchpoint))),
                emotion,
                cell(data(moment.owner)),
                cell(data(moment.reason)),
                _titles(moment.actions),
            )
        )
    header = ("Stage", "Touchpoint", "Emotion", "Owner", "Why", "Actions")
    return [*blocks, Table(header, tuple(rows), wide=frozenset({1, 4, 5}))]


def _lowest(m: Map, a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Lowest touchpoints"))]
    if not a.lowest:
        return [*blocks, Paragraph(plain("No touchpoint has an emotion yet.", "dim"))]
    shown = a.lowest[:LOWEST_SHOWN]
    scope = (
        f"The {len(shown)} lowest of {len(a.lowest)} touchpoints with an emotion"
        if len(shown) < len(a.lowest)
        else _count(len(a.lowest), "touchpoint with an emotion", "touchpoints with an emotion")
    )
    blocks.append(
        Paragraph(plain(f"{scope}, ranked by the lowest persona emotion, ties by the mean."))
    )
    names = short_names(m)
    rows = tuple(
        (
            cell(plain(str(r.rank), "strong" if r.rank <= 3 else "")),
            cell(_name(r.touchpoint, "strong" if r.rank <= 3 else "")),
            cell(data(r.stage)),
            cell((emotion_span(r.lowest),)),
            cell((average_span(r.mean),)),
            cell(*(data(names.get(pid, pid)) for pid in r.lowest_for)),
            cell(data(r.owner)),
        )
        for r in shown
    )
    header = ("#", "Touchpoint", "Stage", "Lowest", "Mean", "Lowest for", "Owner")
    return [*blocks, Table(header, rows, right=frozenset({0, 3, 4}), wide=frozenset({1}))]


def _gaps(a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Gaps: expectation and experience"))]
    if not a.gaps:
        return [
            *blocks,
            Paragraph(plain("No touchpoint has both an expectation and an experience.", "dim")),
        ]
    rows = tuple(
        (
            cell(_name(g.touchpoint)),
            cell(data(g.stage)),
            cell(data(g.expectation)),
            cell(data(g.experience)),
            cell((emotion_span(g.lowest),) if g.lowest is not None else plain("–")),
            cell((average_span(g.mean),)),
            cell(data(g.owner)),
        )
        for g in a.gaps
    )
    header = ("Touchpoint", "Stage", "Expected", "Got", "Lowest", "Mean", "Owner")
    return [*blocks, Table(header, rows, right=frozenset({4, 5}), wide=frozenset({0, 2, 3}))]


def _marks(p: PlannedAction) -> Line:
    marks: list[Span] = []
    if p.quick_win:
        marks.append(Span(QUICK_WIN, "mark"))
    if not p.is_open:
        marks.append(Span(DONE, "mark"))
    return tuple(marks)


def _action_line(p: PlannedAction) -> Line:
    """An action in a list: its marks (or a bullet), then its title."""
    marks = _marks(p) or (Span(BULLET, "mark"),)
    title = data(p.action.title) or plain("(untitled)", "dim")
    return (*marks, Span(" "), *title)


def linked(line: Line, link: str | None) -> Line:
    """`line` linking to `link` (an action's ticket), when it has one."""
    if link is None:
        return line
    return tuple(dataclasses.replace(span, link=link) for span in line)


def _off_target(a: Analysis) -> list[Block]:
    if not a.measured:
        return []
    blocks: list[Block] = [Heading(2, plain("Metrics off target"))]
    if not a.off_target:
        return [*blocks, Paragraph(plain("Every metric with a target meets it.", "dim"))]
    blocks.append(
        Paragraph(
            plain(
                "Touchpoints whose metrics miss their target, the furthest off first "
                "(by the distance from the target, relative to it)."
            )
        )
    )
    rows = tuple(
        (
            cell(_name(miss.touchpoint)),
            cell(data(miss.stage)),
            cell(data(miss.label)),
            cell(plain(format_number(miss.value))),
            cell(plain(format_number(miss.target))),
            cell(plain(miss.better, "dim")),
            cell(plain(f"{miss.shortfall:.0%}")),
            cell(data(miss.owner)),
        )
        for miss in a.off_target
    )
    header = ("Touchpoint", "Stage", "Metric", "Value", "Target", "Better", "Off by", "Owner")
    return [
        *blocks,
        Table(header, rows, right=frozenset({3, 4, 6}), wide=frozenset({0, 2})),
    ]


def _plan(a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Quick wins and action plan"))]
    if not a.plan:
        return [*blocks, Paragraph(plain("No actions yet.", "dim"))]
    wins = a.quick_wins
    open_wins = sum(p.is_open for p in wins)
    open_all = sum(p.is_open for p in a.plan)
    summary = (
        f"{_count(len(wins), 'quick win', 'quick wins')} ({QUICK_WIN}), {open_wins} open; "
        f"{_count(len(a.plan), 'action', 'actions')}, {open_all} open ({DONE} done). "
        "Quick wins first, then by owner and due date."
    )
    rows = tuple(
        (
            cell(_marks(p)),
            cell(linked(data(p.action.title) or plain("(untitled)", "dim"), p.action.link)),
            cell(data(p.touchpoint)),
            cell(data(p.action.owner)),
            cell(plain(p.action.effort or "")),
            cell(plain(p.action.impact or "")),
            cell(plain(_date(p.action.due))),
            cell(plain(p.state)),
        )
        for p in a.plan
    )
    header = ("", "Action", "Touchpoint", "Owner", "Effort", "Impact", "Due", "State")
    blocks += [Paragraph(plain(summary)), Table(header, rows, wide=frozenset({1, 2}))]
    return blocks + _matrix(a)


def _matrix(a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(3, plain("Impact and effort"))]
    rows = tuple(
        (
            cell(plain(f"{impact} impact", "strong")),
            *(
                cell(*(_action_line(p) for p in a.matrix.cell(impact, effort)))
                for effort in EFFORT_COLUMNS
            ),
        )
        for impact in IMPACT_ROWS
    )
    header = ("", *(f"{effort} effort" for effort in EFFORT_COLUMNS))
    blocks.append(Table(header, rows, wide=frozenset({1, 2, 3})))
    if a.matrix.unplaced:
        spans: list[Span] = [Span("Without impact or effort: ", "strong")]
        for i, p in enumerate(a.matrix.unplaced):
            if i:
                spans.append(Span(", "))
            spans += _action_line(p)
        blocks.append(Paragraph(tuple(spans)))
    return blocks


def _departments(a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Departments"))]
    if not a.departments:
        return [*blocks, Paragraph(plain("No touchpoints or actions yet.", "dim"))]
    blocks.append(
        Paragraph(
            plain(
                "Per owner: its touchpoints, their average emotion, the moments of truth it "
                "owns and its open actions."
            )
        )
    )
    rows = tuple(
        (
            cell(data(d.owner) if d.owner is not None else plain(d.name, "dim")),
            cell(plain(str(len(d.touchpoints)))),
            cell((average_span(d.average),)),
            _names(d.moments),
            _titles(d.open_actions),
        )
        for d in a.departments
    )
    header = ("Department", "Touchpoints", "Average emotion", "Moments of truth", "Open actions")
    return [*blocks, Table(header, rows, right=frozenset({1, 2}), wide=frozenset({3, 4}))]


def _channels(m: Map, a: Analysis) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Channels"))]
    if not a.channels:
        return [*blocks, Paragraph(plain("No touchpoints yet.", "dim"))]
    short = short_names(m)
    names = [short[p.id] for p in m.personas]
    rows = tuple(
        (
            cell(data(c.channel) if c.channel is not None else plain(c.name, "dim")),
            cell(plain(str(c.count))),
            cell((average_span(c.average),)),
            *(cell((average_span(value),)) for _, value in c.by_persona),
        )
        for c in a.channels
    )
    header: tuple[str | Span, ...] = (
        "Channel",
        "Touchpoints",
        "Average",
        *(Span(n, data=True) for n in names),
    )
    right = frozenset(range(1, len(header)))
    return [*blocks, Table(header, rows, right=right)]


def _joined(parts: Sequence[Line]) -> Line:
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Span(", "))
        out += part
    return tuple(out)


def _coverage(m: Map, coverage: Coverage) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Coverage"))]
    if coverage.is_complete:
        return [*blocks, Paragraph(plain("Nothing missing: every check passes."))]
    personas = _persona_names(m)
    stages = {s.id: s.name for s in m.stages}
    items: list[Line] = []
    for pid, stage_ids in coverage.missing_stages:
        items.append(
            (
                Span(personas.get(pid, pid), "strong", data=True),
                Span(" meets no touchpoint in: "),
                *_joined([data(stages.get(s, s)) for s in stage_ids]),
            )
        )
    if coverage.personas_without_emotion:
        items.append(
            (
                Span("No emotion for: ", "strong"),
                *_joined([data(personas.get(p, p)) for p in coverage.personas_without_emotion]),
            )
        )
    for label, tps in (
        ("Without evidence (hypotheses to verify): ", coverage.without_evidence),
        ("Without an emotion: ", coverage.without_emotion),
    ):
        if tps:
            items.append((Span(label, "strong"), *_joined([_name(tp) for tp in tps])))
    if coverage.empty_stages:
        items.append(
            (
                Span("Stages without touchpoints: ", "strong"),
                *_joined([data(stages.get(s, s)) for s in coverage.empty_stages]),
            )
        )
    return [*blocks, Bullets(tuple(items))]


def build(m: Map, analysis: Analysis | None = None) -> list[Block]:
    """The whole report of `m` as blocks, in reading order."""
    a = analysis if analysis is not None else analyse(m)
    return [
        *_summary(m),
        *_moments(m, a),
        *_lowest(m, a),
        *_gaps(a),
        *_off_target(a),
        *_plan(a),
        *_departments(a),
        *_channels(m, a),
        *_coverage(m, a.coverage),
    ]
