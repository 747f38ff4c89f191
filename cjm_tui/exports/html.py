"""The map as one self-contained HTML page: to open in a browser, share, or print to PDF.

The page holds everything it shows: an inline stylesheet and the inline SVG emotion chart of
`svg.py`, no script, no font, image or stylesheet from anywhere else. It has the map's title and
facts, the personas, the map grid as journey-mapping tools lay it out (a row per lane: doing,
thinking, feeling, emotion, ...; a column per touchpoint under a header cell per stage), the
emotion curve, the moments of truth, the quick wins and the action plan.

On screen the grid is one wide table that scrolls sideways with its lane names kept in view. In
print (A4 landscape) it becomes several tables of at most `PRINT_COLUMNS` touchpoints, cut between
stages where it can, each repeating the lane names; rows are not split across pages and nothing
means something through a background colour alone.

Every text from the map goes through `svg.clean` (no control characters) and `html.escape`.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib import resources

from cjm_tui.exports import svg
from cjm_tui.model import Action, Map, Persona, Touchpoint
from cjm_tui.model.entities import format_number, is_web_link, metric_status
from cjm_tui.model.names import UNNAMED, short_names
from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN, emotion_word
from cjm_tui.views import colours
from cjm_tui.views.journey_columns import (
    JourneyColumn,
    JourneyColumns,
    journey_columns,
    stage_runs,
)

PRINT_COLUMNS = 6
"""Touchpoint columns per printed table: 26 mm of lane names + 6 × 41.8 mm fill A4 landscape."""
PRINT_PAGE_MM = 277
PRINT_LANE_MM = 26
PRINT_COLUMN_MM = 64
"""The width a column may take when a table has few (a full table shares the page)."""

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")


def esc(value: str | None) -> str:
    """Map text as HTML text (or an attribute value), on one line."""
    return html.escape(svg.clean(value), quote=True)


def block(value: str | None) -> str:
    """Map text as HTML, its line breaks kept as `<br>`."""
    if not value:
        return ""
    lines = [esc(part) for part in _LINE_BREAK.split(value)]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "<br>".join(lines)


def _name(value: str | None) -> str:
    return esc(value) or UNNAMED


def _date(value: dt.date | None) -> str:
    return f'<span class="date">{value.isoformat()}</span>' if value is not None else ""


def emotion_class(value: int) -> str:
    return f"emo-{'m' if value < 0 else 'p'}{abs(value)}" if value else "emo-0"


def emotion_chip(value: int, *, word: bool = True) -> str:
    chip = f'<span class="emo {emotion_class(value)}">{svg.signed(value)}</span>'
    return f'{chip} <span class="emo-word">{emotion_word(value)}</span>' if word else chip


class _Personas:
    """Each persona's symbol and colour, as in the chart (when it has a line per persona)."""

    def __init__(self, m: Map) -> None:
        self.map = m
        self.index = {p.id: i for i, p in enumerate(m.personas)}
        self.marked = m.curve_personas() != [None]
        self.names = short_names(m)

    def mark(self, persona_id: str) -> str:
        i = self.index.get(persona_id)
        if i is None or not self.marked:
            return ""
        symbol, _ = colours.persona_style(i)
        return f'<span class="pmark pmark-{i % len(colours.PERSONA_COLOURS)}">{symbol}</span>'

    def short(self, persona_id: str) -> str:
        persona = self.map.persona(persona_id)
        if persona is None:
            return esc(persona_id)
        return f'<span title="{esc(persona.name)}">{esc(svg.clean(self.names[persona.id]))}</span>'


def _list(items: list[str] | None) -> str:
    shown = [block(item) for item in items or []]
    shown = [item for item in shown if item]
    if not shown:
        return ""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in shown) + "</ul>"


def _state(action: Action) -> str:
    state = esc(action.effective_state)
    return f'<span class="badge state state-{state}">{state}</span>'


# The grid ---------------------------------------------------------------------------


def _emotion_cell(m: Map, tp: Touchpoint, people: _Personas) -> str:
    emotion = tp.emotion
    if emotion is None:
        return ""
    if isinstance(emotion, int):
        return emotion_chip(emotion)
    order = {p.id: i for i, p in enumerate(m.personas)}
    rows = [
        f"<li>{people.mark(pid)}{emotion_chip(value, word=False)} {people.short(pid)}</li>"
        for pid, value in sorted(emotion.items(), key=lambda kv: order.get(kv[0], len(order)))
    ]
    mean = tp.emotion_for(None)
    if len(emotion) > 1 and mean is not None:
        rows.append(
            f'<li class="mean">{emotion_chip(mean, word=False)} '
            '<span class="muted">rounded mean</span></li>'
        )
    return '<ul class="emotions">' + "".join(rows) + "</ul>"


def _personas_cell(m: Map, tp: Touchpoint, people: _Personas) -> str:
    if tp.personas is None:
        return '<span class="muted">All personas</span>' if m.personas else ""
    return "<ul>" + "".join(f"<li>{people.short(p)}</li>" for p in tp.personas) + "</ul>"


def ticket_link(action: Action, text: str) -> str:
    """`text` (HTML already) as a link to the action's ticket; only an http(s) link with a host
    ever becomes an href (`cjm check` refuses the others; this guards a map built otherwise)."""
    link = action.link
    if link is None or not is_web_link(link):
        return text
    return f'<a class="ticket" href="{esc(link)}" rel="noopener noreferrer">{text}</a>'


def _metrics_cell(m: Map, tp: Touchpoint, people: _Personas) -> str:
    if not tp.metrics:
        return ""
    rows: list[str] = []
    for name, value in tp.metrics.items():
        definition = m.info.metric(name)
        parts = [
            f'<span class="metric-name">{_name(definition.label)}</span>',
            f'<span class="metric-value">{esc(format_number(value))}</span>',
        ]
        if definition.target is not None:
            target = esc(format_number(definition.target))
            parts.append(f'<span class="metric-target">target {target}</span>')
        status = metric_status(value, definition)
        if status is not None:
            symbol = METRIC_SYMBOLS[status]
            parts.append(f'<span class="metric-status metric-{status}">{symbol} {status}</span>')
        rows.append(f'<li class="metric">{" ".join(parts)}</li>')
    return '<ul class="metrics">' + "".join(rows) + "</ul>"


METRIC_SYMBOLS = {"met": "\u2713", "missed": "\u2717"}
"""A metric's status says itself in a symbol and a word, not in its colour alone."""


def _actions_cell(m: Map, tp: Touchpoint) -> str:
    actions = m.actions_for(tp.id)
    if not actions:
        return ""
    items = "".join(f"<li>{ticket_link(a, _name(a.title))} {_state(a)}</li>" for a in actions)
    return f'<ul class="actions">{items}</ul>'


Cell = Callable[[Map, Touchpoint, _Personas], str]

LANES: tuple[tuple[str, str, Cell], ...] = (
    ("personas", "Personas", _personas_cell),
    ("channel", "Channel", lambda m, tp, p: block(tp.channel)),
    ("doing", "Doing", lambda m, tp, p: block(tp.doing)),
    ("thinking", "Thinking", lambda m, tp, p: block(tp.thinking)),
    ("feeling", "Feeling", lambda m, tp, p: block(tp.feeling)),
    ("emotion", "Emotion", _emotion_cell),
    ("metrics", "Metrics", _metrics_cell),
    ("expectation", "Expectation", lambda m, tp, p: block(tp.expectation)),
    ("experience", "Experience", lambda m, tp, p: block(tp.experience)),
    ("pain_points", "Pain points", lambda m, tp, p: _list(tp.pain_points)),
    ("opportunities", "Opportunities", lambda m, tp, p: _list(tp.opportunities)),
    (
        "mot_reason",
        "Moment of truth",
        lambda m, tp, p: block(tp.mot_reason) if tp.is_moment_of_truth else "",
    ),
    ("owner", "Owner", lambda m, tp, p: block(tp.owner)),
    ("backstage", "Backstage", lambda m, tp, p: _list(tp.backstage)),
    ("support", "Support systems", lambda m, tp, p: _list(tp.support)),
    ("evidence", "Evidence", lambda m, tp, p: _list(tp.evidence)),
    ("actions", "Actions", lambda m, tp, p: _actions_cell(m, tp)),
)
"""The grid's rows: the format's key, the lane's name, what a cell shows."""


def _print_chunks(columns: list[JourneyColumn]) -> list[list[JourneyColumn]]:
    """Columns in tables of at most PRINT_COLUMNS, cutting a stage only when it is too long."""
    chunks: list[list[JourneyColumn]] = []
    for cols in stage_runs(columns):
        if chunks and len(chunks[-1]) + len(cols) <= PRINT_COLUMNS:
            chunks[-1].extend(cols)
            continue
        for i in range(0, len(cols), PRINT_COLUMNS):
            chunks.append(cols[i : i + PRINT_COLUMNS])
    return chunks


def _stage_header(journey: JourneyColumns, s: int, span: int, continued: bool) -> str:
    stage = journey.stages[s].stage
    name = _name(stage.name if stage else "")
    parts = [f'<span class="stage-name">{name}</span>']
    if continued:
        parts.append('<span class="muted"> (continued)</span>')
    elif stage is not None:
        if stage.goal:
            parts.append(f'<span class="stage-goal"><b>Goal:</b> {block(stage.goal)}</span>')
        if stage.description:
            parts.append(f'<span class="stage-desc">{block(stage.description)}</span>')
    colspan = f' colspan="{span}"' if span > 1 else ""
    return f'<th scope="colgroup"{colspan} class="stage band-{s % 2}">{"".join(parts)}</th>'


def _touchpoint_header(col: JourneyColumn, anchors: bool, statuses: bool) -> str:
    tp = col.touchpoint
    if tp is None:
        return f'<th scope="col" class="tp empty band-{col.stage % 2}">No touchpoints yet</th>'
    classes = f"tp band-{col.stage % 2}" + (" mot" if tp.is_moment_of_truth else "")
    anchor = f' id="tp-{esc(tp.id)}"' if anchors else ""
    parts: list[str] = []
    if tp.is_moment_of_truth:
        parts.append(f'<span class="badge mot">{colours.MOT_SYMBOL} Moment of truth</span>')
    parts.append(f'<span class="tp-name">{_name(tp.name)}</span>')
    if statuses:
        status = tp.status or "hypothesis"
        parts.append(f'<span class="status status-{esc(status)}">{esc(status)}</span>')
    return f'<th scope="col"{anchor} class="{classes}">{"".join(parts)}</th>'


def _grid(
    m: Map,
    journey: JourneyColumns,
    columns: list[JourneyColumn],
    lanes: list[tuple[str, str, Cell]],
    *,
    anchors: bool,
    shown_before: frozenset[int] = frozenset(),
    style: str = "",
) -> list[str]:
    """A grid table; stages in `shown_before` began in an earlier table (print)."""
    people = _Personas(m)
    statuses = any(tp.status is not None for tp in m.touchpoints)
    out = [f'<table class="grid"{style}>', '<colgroup><col class="lane">']
    out[-1] += '<col class="tp">' * len(columns) + "</colgroup>"
    out.append("<thead>")
    stage_cells = [
        _stage_header(journey, run[0].stage, len(run), continued=run[0].stage in shown_before)
        for run in stage_runs(columns)
    ]
    out.append('<tr class="stages"><th scope="col" class="lane-head">Stage</th>')
    out[-1] += "".join(stage_cells) + "</tr>"
    out.append('<tr class="touchpoints"><th scope="col" class="lane-head">Touchpoint</th>')
    out[-1] += "".join(_touchpoint_header(c, anchors, statuses) for c in columns) + "</tr>"
    out.append("</thead>")
    out.append("<tbody>")
    for key, label, cell in lanes:
        cells: list[str] = []
        for col in columns:
            tp = col.touchpoint
            if tp is None:
                cells.append('<td class="empty"></td>')
                continue
            mot = ' class="mot"' if tp.is_moment_of_truth else ""
            cells.append(f"<td{mot}>{cell(m, tp, people)}</td>")
        out.append(
            f'<tr class="lane" data-key="{key}"><th scope="row" class="lane-head">{label}</th>'
            + "".join(cells)
            + "</tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def _lanes(m: Map, columns: list[JourneyColumn]) -> list[tuple[str, str, Cell]]:
    """The lanes with something to show in these columns."""
    people = _Personas(m)
    return [
        lane
        for lane in LANES
        if any(c.touchpoint is not None and lane[2](m, c.touchpoint, people) for c in columns)
    ]


def _journey(m: Map) -> list[str]:
    journey = journey_columns(m)
    columns = journey.columns
    out = ['<section id="journey">', "<h2>Journey map</h2>"]
    if not columns:
        return [*out, '<p class="muted">No stages yet.</p>', "</section>"]
    out.append('<div class="grid-scroll screen-only">')
    out += _grid(m, journey, columns, _lanes(m, columns), anchors=True)
    out.append("</div>")
    out.append('<div class="print-grid print-only">')
    shown: frozenset[int] = frozenset()
    for chunk in _print_chunks(columns):
        # Tables of a few columns do not stretch over the whole page.
        width = PRINT_LANE_MM + PRINT_COLUMN_MM * len(chunk)
        style = f' style="width:{width}mm"' if width < PRINT_PAGE_MM else ' style="width:100%"'
        lanes = _lanes(m, chunk) or _lanes(m, columns)
        out += _grid(m, journey, chunk, lanes, anchors=False, shown_before=shown, style=style)
        shown |= {c.stage for c in chunk}
    out.append("</div>")
    if m.moments_of_truth():
        who = "employee" if m.info.effective_kind == "employee" else "customer"
        out.append(
            f'<p class="note">{colours.MOT_SYMBOL} marks a moment of truth: a touchpoint where '
            f"the {who} decides to stay or leave.</p>"
        )
    out.append("</section>")
    return out


# The other sections -----------------------------------------------------------------


def _header(m: Map) -> list[str]:
    info = m.info
    kind = "Employee journey map" if info.effective_kind == "employee" else "Customer journey map"
    out = ['<header class="doc">', f'<p class="kicker">{kind}</p>']
    out.append(f"<h1>{esc(info.title) or '(untitled)'}</h1>")
    if info.description:
        out.append(f'<p class="lead">{block(info.description)}</p>')
    facts: list[tuple[str, str]] = []
    if info.owner:
        facts.append(("Owner", esc(info.owner)))
    if info.updated is not None:
        facts.append(("Updated", _date(info.updated)))
    facts += [
        ("Personas", str(len(m.personas))),
        ("Stages", str(len(m.stages))),
        ("Touchpoints", str(len(m.touchpoints))),
        ("Moments of truth", str(len(m.moments_of_truth()))),
        ("Actions", str(len(m.actions))),
    ]
    out.append('<dl class="facts">')
    out += [f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts]
    out += ["</dl>", "</header>"]
    return out


def _persona(m: Map, p: Persona, people: _Personas) -> list[str]:
    out = [f'<article class="persona" id="persona-{esc(p.id)}">']
    out.append(f"<h3>{people.mark(p.id)}{_name(p.name)}</h3>")
    if p.description:
        out.append(f"<p>{block(p.description)}</p>")
    for label, items in (("Goals", p.goals), ("Pains", p.pains)):
        listed = _list(items)
        if listed:
            out += [f"<h4>{label}</h4>", listed]
    if p.quote:
        out.append(f"<blockquote>{block(p.quote)}</blockquote>")
    met = len(m.touchpoints_of(p.id))
    out.append(f'<p class="meta">Meets {met} of {len(m.touchpoints)} touchpoints</p>')
    out.append("</article>")
    return out


def _personas(m: Map) -> list[str]:
    if not m.personas:
        return []
    people = _Personas(m)
    out = ['<section id="personas">', "<h2>Personas</h2>", '<div class="personas">']
    for p in m.personas:
        out += _persona(m, p, people)
    return [*out, "</div>", "</section>"]


def _chart(m: Map) -> list[str]:
    element = svg.chart(m, standalone=False)
    ET.indent(element, space=" ")
    return [
        '<section id="emotion-curve">',
        "<h2>Emotion curve</h2>",
        '<figure class="chart">',
        '<div class="chart-scroll">',
        ET.tostring(element, encoding="unicode"),
        "</div>",
        "<figcaption>Emotion per touchpoint in journey order, from \u22122 (very negative) to "
        "+2 (very positive). A gap in a line is a touchpoint without a recorded emotion, not a "
        "neutral one.</figcaption>",
        "</figure>",
        "</section>",
    ]


def _touchpoint_link(m: Map, touchpoint_id: str) -> str:
    tp = m.touchpoint(touchpoint_id)
    if tp is None:
        return esc(touchpoint_id)
    stage = f'<span class="muted">{_name(m.stage_name(tp.stage))}</span>'
    return f'<a href="#tp-{esc(tp.id)}">{_name(tp.name)}</a><br>{stage}'


def _table(cls: str, header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    out = [f'<table class="list {cls}">', "<thead><tr>"]
    out[-1] += "".join(f'<th scope="col">{h}</th>' for h in header) + "</tr></thead>"
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    out += ["</tbody>", "</table>"]
    return out


def _emotion_text(m: Map, tp: Touchpoint) -> str:
    emotion = tp.emotion
    if emotion is None:
        return '<span class="muted">not recorded</span>'
    if isinstance(emotion, int):
        return emotion_chip(emotion)
    return _emotion_cell(m, tp, _Personas(m))


def _moments(m: Map) -> list[str]:
    out = ['<section id="moments-of-truth">', "<h2>Moments of truth</h2>"]
    moments = m.moments_of_truth()
    if not moments:
        return [*out, '<p class="muted">None marked.</p>', "</section>"]
    rows = [
        [
            f'<span class="mot-mark">{colours.MOT_SYMBOL}</span> {_touchpoint_link(m, tp.id)}',
            _emotion_text(m, tp),
            block(tp.mot_reason),
            block(tp.owner),
            "<br>".join(
                f"{ticket_link(a, _name(a.title))} {_state(a)}" for a in m.actions_for(tp.id)
            ),
        ]
        for tp in moments
    ]
    header = ("Touchpoint", "Emotion", "Why it matters", "Owner", "Actions")
    return [*out, *_table("moments", header, rows), "</section>"]


def _level(value: str | None) -> str:
    return f'<span class="level level-{esc(value)}">{esc(value)}</span>' if value else ""


def _action_row(m: Map, a: Action) -> list[str]:
    return [
        ticket_link(a, _name(a.title)),
        _touchpoint_link(m, a.touchpoint),
        block(a.owner),
        _date(a.due),
        _state(a),
        _level(a.impact),
        _level(a.effort),
    ]


_ACTION_HEADER = ("Action", "Touchpoint", "Owner", "Due", "State", "Impact", "Effort")


def _quick_wins(m: Map) -> list[str]:
    out = ['<section id="quick-wins">', "<h2>Quick wins</h2>"]
    wins = m.quick_wins()
    if not wins:
        return [*out, '<p class="muted">None yet.</p>', "</section>"]
    rows = [_action_row(m, a) for a in wins]
    return [*out, *_table("quick-wins", _ACTION_HEADER, rows), "</section>"]


def _plan(m: Map) -> list[str]:
    out = ['<section id="action-plan">', "<h2>Action plan</h2>"]
    if not m.actions:
        return [*out, '<p class="muted">No actions yet.</p>', "</section>"]
    rows = [[*_action_row(m, a), "yes" if a.is_quick_win else ""] for a in m.actions]
    header = (*_ACTION_HEADER, "Quick win")
    return [*out, *_table("plan", header, rows), "</section>"]


# The page ---------------------------------------------------------------------------


def _emotion_css() -> str:
    rules: list[str] = []
    for value in range(EMOTION_MIN, EMOTION_MAX + 1):
        colour = colours.emotion_colour(value)
        ink = "#ffffff" if value in (EMOTION_MIN, EMOTION_MAX) else "#000000"
        rules.append(
            f".{emotion_class(value)} {{ background: {colour}; border-color: {colour}; "
            f"color: {ink}; }}"
        )
    for i, colour in enumerate(colours.PERSONA_COLOURS):
        rules.append(f".pmark-{i} {{ color: {colour}; }}")
    return "\n".join(rules)


@functools.cache
def _stylesheet(name: str) -> str:
    """A stylesheet shipped beside this module (`page.css`: the export's and the report's)."""
    return resources.files("cjm_tui.exports").joinpath(name).read_text(encoding="utf-8")


def _css() -> str:
    css = _stylesheet("page.css")
    return css.replace("FONTS", svg.FONT_FAMILY).replace("EMOTION_CSS", _emotion_css()).strip()


def page(title: str, body: list[str], footer: str, extra_css: str = "") -> str:
    """A whole self-contained HTML document: `title` (escaped already), the stylesheet (plus
    `extra_css`), `body`'s lines and a closing `footer` line (escaped already)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        '<meta name="generator" content="cjm">',
        f"<title>{title}</title>",
        "<style>",
        _css(),
        *([extra_css.strip()] if extra_css else []),
        "</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        *body,
        f'<footer class="doc">{footer}</footer>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def render(m: Map) -> str:
    title = esc(m.info.title) or "(untitled)"
    kind = "employee" if m.info.effective_kind == "employee" else "customer"
    body = [
        *_header(m),
        "<main>",
        *_personas(m),
        *_journey(m),
        *_chart(m),
        *_moments(m),
        *_quick_wins(m),
        *_plan(m),
        "</main>",
    ]
    footer = (
        "Exported by cjm from the map file. Emotion scale: \u22122 very negative, \u22121 "
        "negative, 0 neutral, +1 positive, +2 very positive; blank means not recorded."
    )
    return page(f"{title} \u2014 {kind} journey map", body, footer)
