"""The report as GitHub-flavoured Markdown, escaped like the Markdown export."""

from __future__ import annotations

from collections.abc import Iterable

from cjm_tui.exports.markdown import link, text
from cjm_tui.model import Map
from cjm_tui.reports.document import (
    Block,
    Cell,
    Heading,
    Line,
    Paragraph,
    Span,
    Table,
    build,
)


def _line(spans: Line) -> str:
    out: list[str] = []
    for span in spans:
        body = text(span.text) if span.data else span.text
        mark = {"strong": "**", "dim": "*"}.get(span.style, "")
        core = body.strip()
        if mark and core:
            # Emphasis must touch its words: keep the spaces around it outside.
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()) :]
            body = f"{lead}{mark}{core}{mark}{trail}"
        if span.link is not None:
            body = link(body, span.link)
        out.append(body)
    return "".join(out)


def _cell(value: Cell) -> str:
    return "<br>".join(part for part in (_line(line) for line in value) if part)


def _table(table: Table) -> list[str]:
    names = (text(h.text) if isinstance(h, Span) else h for h in table.header)
    header = "| " + " | ".join(names) + " |"
    rule = "|" + "".join("---:|" if i in table.right else "---|" for i in range(len(table.header)))
    rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [header, rule, *rows]


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _line(block.spans)]
    if isinstance(block, Paragraph):
        return [_line(block.spans)]
    if isinstance(block, Table):
        return _table(block)
    return [f"- {_line(item)}" for item in block.items]


def render(m: Map) -> str:
    return render_blocks(build(m))


def render_blocks(blocks: Iterable[Block]) -> str:
    """Blocks (this report's, or the report across maps) as one Markdown document."""
    lines: list[str] = []
    for block in blocks:
        lines += [*_block(block), ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
