"""The report for the terminal: Rich renderables, plain text when piped (no markup read)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from cjm_tui.model import Map
from cjm_tui.reports.document import (
    BULLET,
    DONE,
    MOMENT,
    QUICK_WIN,
    Block,
    Cell,
    Heading,
    Line,
    Paragraph,
    Span,
    Table,
    build,
    head_text,
)
from cjm_tui.sanitize import clean_line
from cjm_tui.views import colours
from cjm_tui.views.column_widths import fit_widths, measure, table_room
from cjm_tui.views.lined_table import LinedTable

MARK_STYLES: dict[str, Style] = {
    MOMENT: colours.MOT_STYLE,
    QUICK_WIN: Style(color="yellow", bold=True),
    DONE: Style(color=colours.OKABE_ITO["bluish_green"], bold=True),
    BULLET: Style(dim=True),
}
_HEADINGS = {1: Style(bold=True), 2: Style(bold=True, underline=True), 3: Style(bold=True)}


def _style(span: Span) -> Style | str:
    if span.style == "strong":
        return Style(bold=True)
    if span.style == "dim":
        return Style(dim=True)
    if span.style == "emotion":
        return colours.emotion_style(span.value)
    if span.style == "mark":
        return MARK_STYLES.get(span.text, Style(bold=True))
    return ""


def line_text(spans: Line) -> Text:
    """One line of spans as Rich text: map text sanitized, never read as markup."""
    out = Text()
    for span in spans:
        out.append(clean_line(span.text) if span.data else span.text, _style(span))
    links = dict.fromkeys(s.link for s in spans if s.link is not None)
    for link in links:  # the address beside the text: a terminal or a pipe shows it
        out.append(" " + clean_line(str(link)), Style(dim=True))
    return out


def _cell(value: Cell) -> Text:
    if len(value) == 1:
        return line_text(value[0])
    return Text("\n").join(line_text(line) for line in value)


def _table(table: Table, width: int) -> LinedTable:
    rows = [[_cell(c) for c in row] for row in table.rows]
    names = [head_text(h) for h in table.header]
    columns = len(names)
    measured = [measure([Text(names[c]), *(row[c] for row in rows)]) for c in range(columns)]
    room = table_room(width, columns)
    natural = [longest for longest, _ in measured]
    words = [word for _, word in measured]
    widths = fit_widths(natural, room, words=words, wide=set(table.wide))
    return LinedTable([Text(n) for n in names], rows, widths, right=table.right)


def _block(block: Block, width: int) -> list[RenderableType]:
    if isinstance(block, Heading):
        heading = line_text(block.spans)
        heading.stylize(_HEADINGS.get(block.level, Style(bold=True)))
        return [heading] if block.level == 1 else [Text(), heading]
    if isinstance(block, Paragraph):
        return [line_text(block.spans)]
    if isinstance(block, Table):
        return [Text(), _table(block, width)]
    return [Text("• ") + line_text(item) for item in block.items]


def render_blocks(blocks: Iterable[Block], width: int = 100) -> RenderableType:
    """Blocks (this report's, or the report across maps) as one renderable `width` wide."""
    parts: list[RenderableType] = []
    for block in blocks:
        parts += _block(block, width)
    return Group(*parts)


def render(m: Map, width: int = 100) -> RenderableType:
    """The report as one renderable `width` cells wide, for a Console with markup off."""
    return render_blocks(build(m), width)
