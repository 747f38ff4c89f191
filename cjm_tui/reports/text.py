"""The report for the terminal: Rich renderables, plain text when piped (no markup read)."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
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
from cjm_tui.views import palette

MARK_STYLES: dict[str, Style] = {
    MOMENT: palette.MOT_STYLE,
    QUICK_WIN: Style(color="yellow", bold=True),
    DONE: Style(color=palette.OKABE_ITO["bluish_green"], bold=True),
    BULLET: Style(dim=True),
}
WIDE_MIN = 12
WIDE_SHARE = 48
NARROW_MIN = 6
NARROW_MAX = 16
"""Short columns (stage, owner, emotion) wrap past this, unless a word is longer; long text
shares what is left, each long column at least `WIDE_MIN` wide."""
_HEADINGS = {1: Style(bold=True), 2: Style(bold=True, underline=True), 3: Style(bold=True)}


def _style(span: Span) -> Style | str:
    if span.style == "strong":
        return Style(bold=True)
    if span.style == "dim":
        return Style(dim=True)
    if span.style == "emotion":
        return palette.emotion_style(span.value)
    if span.style == "mark":
        return MARK_STYLES.get(span.text, Style(bold=True))
    return ""


def line_text(spans: Line) -> Text:
    """One line of spans as Rich text: map text sanitized, never read as markup."""
    out = Text()
    for span in spans:
        out.append(clean_line(span.text) if span.data else span.text, _style(span))
    return out


def _cell(value: Cell) -> Text:
    return Text("\n").join(line_text(line) for line in value)


def fit_widths(
    natural: list[int],
    words: list[int],
    wide: set[int],
    room: int,
    keep: frozenset[int] = frozenset(),
) -> list[int]:
    """Column widths that fit `room` cells (the gaps between columns already taken off).

    Natural widths when they fit. Else short columns get up to `NARROW_MAX` cells and the
    wide ones share the rest by their natural width, each at least `WIDE_MIN` (or its natural
    width). When even that is too wide, the short columns give way first, the widest first,
    down to their longest word (at most `NARROW_MAX`, at least `NARROW_MIN`); then the wide ones
    share what is left. Columns in `keep` never go below their natural width (at most
    `NARROW_MAX * 2`). Text longer than its column wraps.
    """
    count = len(natural)
    if sum(natural) <= room:
        return list(natural)
    kept = {c: min(natural[c], NARROW_MAX * 2) for c in keep if c not in wide}
    widths = [kept.get(c, n if c in wide else min(n, NARROW_MAX)) for c, n in enumerate(natural)]
    narrow = [c for c in range(count) if c not in wide]
    flex = [c for c in range(count) if c in wide]
    floors = {c: min(natural[c], WIDE_MIN) for c in flex}
    lower = {
        c: kept.get(c, min(natural[c], max(NARROW_MIN, min(words[c], NARROW_MAX)))) for c in narrow
    }

    def rest() -> int:
        return room - sum(widths[c] for c in narrow)

    while rest() < sum(floors.values()):
        shrinking = [c for c in narrow if widths[c] > lower[c]]
        if not shrinking:
            break
        widths[max(shrinking, key=lambda c: widths[c] - lower[c])] -= 1
    if flex:
        avail = max(0, rest())
        if avail < sum(floors.values()):  # a very narrow room: the wide ones give way too
            floors = {c: max(3, min(natural[c], avail // len(flex))) for c in flex}
        # Shares by natural width, but a very long column counts as `WIDE_SHARE` cells, so
        # it does not starve the others (the touchpoint's name beside a long "why").
        need = {c: natural[c] - floors[c] for c in flex}
        weight = {c: max(0, min(natural[c], WIDE_SHARE) - floors[c]) for c in flex}
        extra = max(0, avail - sum(floors.values()))
        total = max(1, sum(weight.values()))
        for c in flex:
            widths[c] = floors[c] + min(need[c], extra * weight[c] // total)
    spare = room - sum(widths)
    while spare > 0:  # to whoever still lacks room, the wide columns first
        wanting = [c for c in flex if widths[c] < natural[c]] or [
            c for c in narrow if widths[c] < natural[c]
        ]
        if not wanting:
            break
        widths[max(wanting, key=lambda c: natural[c] - widths[c])] += 1
        spare -= 1
    return widths


def _measure(cells: list[Text]) -> tuple[int, int]:
    """(the longest line, the longest word) in cells."""
    longest = 0
    word = 0
    for text in cells:
        for line in text.plain.splitlines() or [""]:
            longest = max(longest, cell_len(line))
            word = max(word, *(cell_len(w) for w in line.split() or [""]))
    return longest, word


def _table(table: Table, width: int) -> RichTable:
    rows = [[_cell(c) for c in row] for row in table.rows]
    names = [head_text(h) for h in table.header]
    columns = len(names)
    measured = [_measure([Text(names[c]), *(row[c] for row in rows)]) for c in range(columns)]
    room = max(columns, width - 3 * (columns - 1))
    widths = fit_widths([m[0] for m in measured], [m[1] for m in measured], set(table.wide), room)
    out = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for c, name in enumerate(names):
        out.add_column(
            name,
            justify="right" if c in table.right else "left",
            overflow="fold",
            width=widths[c],
        )
    for row in rows:
        out.add_row(*row)
    return out


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


def render(m: Map, width: int = 100) -> RenderableType:
    """The report as one renderable `width` cells wide, for a Console with markup off."""
    parts: list[RenderableType] = []
    for block in build(m):
        parts += _block(block, width)
    return Group(*parts)
