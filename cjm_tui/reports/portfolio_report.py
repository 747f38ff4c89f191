"""The report across maps in four formats: text, Markdown, HTML (the single map report's
blocks and renderers, `reports/document.py`) and JSON (stable keys, docs/cli.md).

`blocks(portfolio)` lays the report out once; the text, Markdown and HTML renderers of the
single-map report draw it, so map text is escaped and sanitized the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cjm_tui.model.entities import format_number
from cjm_tui.model.names import UNNAMED, short_names
from cjm_tui.model.rules import emotion_word
from cjm_tui.reports.analysis import NO_OWNER
from cjm_tui.reports.document import (
    MOMENT,
    Block,
    Cell,
    Heading,
    Line,
    Paragraph,
    Span,
    Table,
    average_span,
    cell,
    data,
    emotion_span,
    linked,
    plain,
)
from cjm_tui.reports.map_files import Loaded
from cjm_tui.reports.portfolio import (
    MapAction,
    MapMoment,
    MapSummary,
    Portfolio,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

OVERDUE = "overdue"
JSON_VERSION = 1
"""`"report": "across-maps", "version": 1` in the JSON: bumped when a key changes meaning."""


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _title(entry: MapSummary) -> Line:
    return data(entry.title) or plain("(untitled map)", "dim")


def _map_cell(entry: MapSummary) -> Cell:
    return cell(_title(entry))


def _summary(p: Portfolio, skipped: Sequence[Loaded]) -> list[Block]:
    facts = " · ".join(
        [
            _count(len(p.maps), "map", "maps"),
            _count(p.touchpoint_count, "touchpoint", "touchpoints"),
            _count(len(p.moments), "moment of truth", "moments of truth"),
            f"{_count(len(p.actions), 'action', 'actions')}, {p.open_count} open, "
            f"{p.overdue_count} overdue on {p.today.isoformat()}",
        ]
    )
    blocks: list[Block] = [
        Heading(1, plain(f"Across {_count(len(p.maps), 'map', 'maps')}")),
        Paragraph(plain(facts, "dim")),
    ]
    rows = tuple(
        (
            _map_cell(s),
            cell(data(s.name)),
            cell(plain(s.map.info.effective_kind)),
            cell(plain(str(len(s.map.touchpoints)))),
            cell(plain(str(c.moments))),
            cell(plain(str(c.open))),
            cell(plain(str(c.overdue))),
        )
        for s, c in zip(p.maps, p.counts, strict=True)
    )
    header = ("Map", "File", "Kind", "Touchpoints", "Moments of truth", "Open", "Overdue")
    blocks.append(Table(header, rows, right=frozenset({3, 4, 5, 6}), wide=frozenset({0})))
    libraries = [item for item in skipped if item.library]
    if libraries:
        names = ", ".join(item.name for item in libraries)
        blocks.append(Paragraph((Span("Persona libraries (not maps): ", "dim"), *data(names))))
    return blocks


def _emotion_cell(mm: MapMoment) -> Cell:
    moment = mm.moment
    if moment.by_persona:
        names = short_names(mm.map.map)
        return cell(
            *(
                (
                    emotion_span(pe.value) if pe.value is not None else Span("–"),
                    Span(" "),
                    Span(names.get(pe.persona, pe.persona), data=True),
                )
                for pe in moment.by_persona
            )
        )
    if moment.overall is not None:
        return cell((emotion_span(moment.overall), Span(" " + emotion_word(moment.overall))))
    return cell(plain("no emotion", "dim"))


def _moments(p: Portfolio) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Moments of truth"))]
    if not p.moments:
        return [*blocks, Paragraph(plain("No moments of truth marked in any map.", "dim"))]
    rows = tuple(
        (
            _map_cell(mm.map),
            cell(data(mm.moment.stage)),
            cell(
                (
                    Span(MOMENT, "mark"),
                    Span(" "),
                    *(data(mm.moment.touchpoint.name) or plain(UNNAMED, "dim")),
                )
            ),
            _emotion_cell(mm),
            cell(data(mm.moment.owner)),
        )
        for mm in p.moments
    )
    header = ("Map", "Stage", "Touchpoint", "Emotion", "Owner")
    return [*blocks, Table(header, rows, wide=frozenset({0, 2}))]


def _quoted(spelling: str) -> str:
    return '"' + spelling + '"'


def _owners(p: Portfolio) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Owners across maps"))]
    if not p.owners:
        return [*blocks, Paragraph(plain("No touchpoints or actions in any map.", "dim"))]
    blocks.append(
        Paragraph(
            plain(
                "Per owner, every map together: its touchpoints, the moments of truth it owns, "
                "their average emotion, its open and overdue actions. Owners are matched "
                "ignoring case and surrounding spaces."
            )
        )
    )
    rows = tuple(
        (
            cell(data(o.name) if o.name is not None else plain(NO_OWNER, "dim")),
            cell(plain(str(len(o.maps)))),
            cell(plain(str(len(o.touchpoints)))),
            cell(plain(str(len(o.moments)))),
            cell((average_span(o.average),)),
            cell(plain(str(len(o.open_actions)))),
            cell(plain(str(len(o.overdue_actions)), "strong" if o.overdue_actions else "")),
        )
        for o in p.owners
    )
    header = (
        "Owner",
        "Maps",
        "Touchpoints",
        "Moments of truth",
        "Average emotion",
        "Open",
        "Overdue",
    )
    blocks.append(Table(header, rows, right=frozenset(range(1, 7)), wide=frozenset({0})))
    merged = tuple(
        (cell(data(o.name)), cell(*(data(_quoted(s)) for s in o.spellings)))
        for o in p.owners
        if o.merged
    )
    if merged:
        blocks.append(Heading(3, plain("Spellings merged")))
        blocks.append(Table(("Owner", "Spellings"), merged, wide=frozenset({1})))
    return blocks


def _action_cells(a: MapAction) -> tuple[Cell, ...]:
    due = a.action.due_day
    due_line = plain(due.isoformat(), "strong" if a.overdue else "") if due is not None else ()
    state = a.action.effective_state
    return (
        cell(due_line),
        cell(plain(OVERDUE, "strong") if a.overdue else plain(state)),
        cell(linked(data(a.action.title) or plain("(untitled)", "dim"), a.action.link)),
        cell(data(a.action.owner)),
        cell(data(a.touchpoint)),
        _map_cell(a.map),
    )


def _actions(p: Portfolio) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Actions by due date"))]
    if not p.actions:
        return [*blocks, Paragraph(plain("No actions in any map.", "dim"))]
    blocks.append(
        Paragraph(
            plain(
                f"Overdue first (due before {p.today.isoformat()} and not done), then by due "
                "date; undated last."
            )
        )
    )
    rows = tuple(_action_cells(a) for a in p.actions)
    header = ("Due", "State", "Action", "Owner", "Touchpoint", "Map")
    return [*blocks, Table(header, rows, wide=frozenset({2, 4, 5}))]


def _off_target(p: Portfolio) -> list[Block]:
    if not p.measured:
        return []
    blocks: list[Block] = [Heading(2, plain("Metrics off target"))]
    if not p.off_target:
        return [*blocks, Paragraph(plain("Every metric with a target meets it.", "dim"))]
    blocks.append(
        Paragraph(
            plain(
                "Touchpoints of every map whose metrics miss their target, the furthest off "
                "first (by the distance from the target, relative to it)."
            )
        )
    )
    rows = tuple(
        (
            cell(data(x.miss.touchpoint.name)),
            cell(data(x.miss.label)),
            cell(plain(format_number(x.miss.value))),
            cell(plain(format_number(x.miss.target))),
            cell(plain(f"{x.miss.shortfall:.0%}")),
            cell(data(x.miss.owner)),
            _map_cell(x.map),
        )
        for x in p.off_target
    )
    header = ("Touchpoint", "Metric", "Value", "Target", "Off by", "Owner", "Map")
    return [*blocks, Table(header, rows, right=frozenset({2, 3, 4}), wide=frozenset({0, 6}))]


def _personas(p: Portfolio) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain("Personas across maps"))]
    if not p.personas:
        return [*blocks, Paragraph(plain("No personas in any map.", "dim"))]
    shared = sum(1 for x in p.personas if x.shared)
    blocks.append(
        Paragraph(
            plain(
                f"{_count(len(p.personas), 'persona', 'personas')} by id, {shared} in more "
                "than one map; the average emotion of each in each map."
            )
        )
    )
    rows = tuple(
        (
            cell(data(x.id)),
            cell(*(data(name) for name in x.names)),
            cell(plain(str(len(x.appearances)))),
            cell(*((average_span(a.average), Span(" "), *_title(a.map)) for a in x.appearances)),
        )
        for x in p.personas
    )
    header = ("Persona", "Name", "Maps", "Average emotion per map")
    return [*blocks, Table(header, rows, right=frozenset({2}), wide=frozenset({1, 3}))]


def _not_reported(skipped: Sequence[Loaded]) -> list[Block]:
    bad = [item for item in skipped if item.problem is not None]
    if not bad:
        return []
    rows = tuple((cell(data(item.name)), cell(data(item.problem))) for item in bad)
    return [
        Heading(2, plain("Not reported: not valid maps")),
        Table(("File", "First error"), rows, wide=frozenset({1})),
    ]


def blocks(p: Portfolio, skipped: Sequence[Loaded] = ()) -> list[Block]:
    """The whole report across maps as blocks, in reading order; `skipped`: the files read
    that are not in it (problems, persona libraries)."""
    return [
        *_summary(p, skipped),
        *_moments(p),
        *_owners(p),
        *_off_target(p),
        *_actions(p),
        *_personas(p),
        *_not_reported(skipped),
    ]


# The formats --------------------------------------------------------------------------------


def text(p: Portfolio, skipped: Sequence[Loaded] = (), width: int = 100) -> RenderableType:
    from cjm_tui.reports.text import render_blocks

    return render_blocks(blocks(p, skipped), width)


def markdown(p: Portfolio, skipped: Sequence[Loaded] = ()) -> str:
    from cjm_tui.reports.markdown import render_blocks

    return render_blocks(blocks(p, skipped))


def html(p: Portfolio, skipped: Sequence[Loaded] = ()) -> str:
    from cjm_tui.reports.html import SCALE_NOTE, render_blocks

    footer = f"Report by cjm from {_count(len(p.maps), 'map file', 'map files')}. {SCALE_NOTE}"
    return render_blocks(f"Across {_count(len(p.maps), 'map', 'maps')}", blocks(p, skipped), footer)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _map_ref(entry: MapSummary) -> dict[str, Any]:
    return {"file": entry.name, "title": entry.title}


def as_data(p: Portfolio, skipped: Sequence[Loaded] = ()) -> dict[str, Any]:
    """The report as plain data (the JSON format; keys documented in docs/cli.md)."""
    return {
        "report": "across-maps",
        "version": JSON_VERSION,
        "today": p.today.isoformat(),
        "maps": [
            {
                **_map_ref(s),
                "kind": s.map.info.effective_kind,
                "touchpoints": len(s.map.touchpoints),
                "moments_of_truth": c.moments,
                "actions": c.actions,
                "open_actions": c.open,
                "overdue_actions": c.overdue,
            }
            for s, c in zip(p.maps, p.counts, strict=True)
        ],
        "moments_of_truth": [
            {
                "map": mm.map.name,
                "stage": {"id": mm.moment.touchpoint.stage, "name": mm.moment.stage},
                "touchpoint": {"id": mm.moment.touchpoint.id, "name": mm.moment.touchpoint.name},
                "emotion": mm.moment.overall,
                "by_persona": [
                    {"persona": pe.persona, "emotion": pe.value} for pe in mm.moment.by_persona
                ],
                "owner": mm.moment.owner,
            }
            for mm in p.moments
        ],
        "owners": [
            {
                "owner": o.name,
                "spellings": list(o.spellings),
                "maps": list(o.maps),
                "touchpoints": [{"map": t.map.name, "id": t.touchpoint.id} for t in o.touchpoints],
                "moments_of_truth": [{"map": t.map.name, "id": t.touchpoint.id} for t in o.moments],
                "average_emotion": o.average,
                "open_actions": [{"map": a.map.name, "id": a.action.id} for a in o.open_actions],
                "overdue_actions": [
                    {"map": a.map.name, "id": a.action.id} for a in o.overdue_actions
                ],
            }
            for o in p.owners
        ],
        "actions": [
            {
                "map": a.map.name,
                "id": a.action.id,
                "title": a.action.title,
                "touchpoint": {"id": a.action.touchpoint, "name": a.touchpoint},
                "owner": a.action.owner,
                "due": _date(a.action.due_day),
                "state": a.action.effective_state,
                "open": a.is_open,
                "overdue": a.overdue,
                "quick_win": a.action.is_quick_win,
                "link": a.action.link,
            }
            for a in p.actions
        ],
        "metrics_off_target": [
            {
                "map": x.map.name,
                "touchpoint": {"id": x.miss.touchpoint.id, "name": x.miss.touchpoint.name},
                "metric": x.miss.name,
                "label": x.miss.label,
                "value": x.miss.value,
                "target": x.miss.target,
                "better": x.miss.better,
                "shortfall": x.miss.shortfall,
                "owner": x.miss.owner,
            }
            for x in p.off_target
        ],
        "personas": [
            {
                "id": x.id,
                "names": list(x.names),
                "maps": [
                    {"map": a.map.name, "name": a.persona.name, "average_emotion": a.average}
                    for a in x.appearances
                ],
            }
            for x in p.personas
        ],
        "not_reported": [
            {"file": item.name, "error": item.problem} for item in skipped if item.problem
        ],
        "persona_libraries": [item.name for item in skipped if item.library],
    }


def as_json(p: Portfolio, skipped: Sequence[Loaded] = ()) -> str:
    """The JSON format: text kept exactly, no control character raw (like `cjm export json`)."""
    from cjm_tui.exports.jsondata import dumps

    return dumps(as_data(p, skipped))
