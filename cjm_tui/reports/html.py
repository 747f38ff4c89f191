"""The report as one self-contained HTML page (inline stylesheet, no script), escaped.

It borrows the HTML export's stylesheet and its escaping (`cjm_tui.exports.html`), so a report
and an export of the same map look alike side by side.
"""

from __future__ import annotations

import html
from importlib import resources

from cjm_tui.exports.html import emotion_class, esc, page
from cjm_tui.model import Map
from cjm_tui.model.entities import is_web_link
from cjm_tui.reports.document import (
    DONE,
    MOMENT,
    QUICK_WIN,
    Block,
    Bullets,
    Cell,
    Heading,
    Line,
    Paragraph,
    Span,
    Table,
    build,
    head_text,
)

EXTRA_CSS = resources.files("cjm_tui.reports").joinpath("report.css").read_text(encoding="utf-8")
"""The report's rules on top of the export's page stylesheet."""

_MARK_CLASS = {MOMENT: "mark-mot", QUICK_WIN: "mark-win", DONE: "mark-done"}


def _span(span: Span) -> str:
    body = _styled(span)
    if span.link is not None and is_web_link(span.link):
        return f'<a class="ticket" href="{esc(span.link)}" rel="noopener noreferrer">{body}</a>'
    return body


def _styled(span: Span) -> str:
    body = esc(span.text) if span.data else html.escape(span.text, quote=True)
    if span.style == "strong":
        return f"<strong>{body}</strong>" if body.strip() else body
    if span.style == "dim":
        return f'<span class="muted">{body}</span>'
    if span.style == "emotion" and span.value is not None:
        shown = body.replace("-", "\u2212")
        return f'<span class="emo {emotion_class(span.value)}">{shown}</span>'
    if span.style == "mark":
        return f'<span class="mark {_MARK_CLASS.get(span.text, "")}">{body}</span>'
    return body


def _line(spans: Line) -> str:
    return "".join(_span(s) for s in spans)


def _cell(value: Cell) -> str:
    return "<br>".join(part for part in (_line(line) for line in value) if part)


def _table(table: Table) -> list[str]:
    def cls(i: int) -> str:
        if i in table.right:
            return ' class="num"'
        return ' class="long"' if i in table.wide else ""

    head = "".join(
        f"<th{cls(i)}>{esc(head_text(name))}</th>" for i, name in enumerate(table.header)
    )
    out = ['<table class="list">', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = "".join(f"<td{cls(i)}>{_cell(c)}</td>" for i, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</tbody>", "</table>"]


def _body(blocks: list[Block]) -> list[str]:
    out: list[str] = ['<header class="doc">']
    in_section = False
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            out.append(f"<h1>{_line(block.spans)}</h1>")
        elif isinstance(block, Heading) and block.level == 2:
            out += ["</section>"] if in_section else ["</header>", "<main>"]
            out += ["<section>", f"<h2>{_line(block.spans)}</h2>"]
            in_section = True
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{_line(block.spans)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_line(block.spans)}</p>")
        elif isinstance(block, Table):
            out += _table(block)
        elif isinstance(block, Bullets):
            out += [
                '<ul class="coverage">',
                *(f"<li>{_line(item)}</li>" for item in block.items),
                "</ul>",
            ]
    return [*out, "</section>", "</main>"] if in_section else [*out, "</header>"]


SCALE_NOTE = (
    "Emotion scale: \u22122 very negative to +2 very positive; averages are plain means, "
    "rounded to one decimal; \u2013 means no emotion recorded."
)


def render_blocks(title: str, blocks: list[Block], footer: str) -> str:
    """Blocks (this report's, or the report across maps) as one page; `title` and `footer`
    are escaped already."""
    return page(title, _body(blocks), footer, EXTRA_CSS)


def render(m: Map) -> str:
    title = esc(m.info.title) or "(untitled)"
    footer = f"Report by cjm from the map file. {SCALE_NOTE}"
    return render_blocks(f"Analysis: {title}", build(m), footer)
