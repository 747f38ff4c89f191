"""A table of text in columns of known widths, drawn as Rich draws `Table(box=SIMPLE_HEAD,
show_edge=False, pad_edge=False)`: the header bottom-aligned, a rule under it, cells top-aligned
and folded to their column, three spaces between columns.

Why not Rich's `Table` itself: the widths are already fitted (`column_widths.fit_widths`), so
its layout is spent work, and it is most of the report's time across 200 maps (1,200 rows: 0.33 s
of 1.43 s; this draws them in a fifth of it, `benchmarks/bench_portfolio.py`). Each cell is still
wrapped by Rich's own `Text.wrap`, so the lines are Rich's, and a table wider than the console
is handed to Rich's `Table` to squeeze. `tests/test_lined_table.py` holds the two equal.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from rich import box
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table

GAP = 3
"""Cells between two columns: Rich's padding on each side and the box's blank vertical."""
_EMPTY = Text()


class LinedTable:
    """`header` and `rows` of Rich text, column `c` `widths[c]` cells wide, right-justified
    when `c` is in `right`."""

    def __init__(
        self,
        header: Sequence[Text],
        rows: Sequence[Sequence[Text]],
        widths: Sequence[int],
        right: Collection[int] = frozenset(),
        header_style: Style | str = "bold",
    ) -> None:
        self.header = header
        self.rows = rows
        self.widths = widths
        self.right = right
        self.header_style = header_style

    @property
    def width(self) -> int:
        return sum(self.widths) + GAP * (len(self.widths) - 1)

    def as_rich_table(self) -> Table:
        from rich.table import Table  # only to squeeze a table wider than the console

        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=self.header_style
        )
        for c, name in enumerate(self.header):
            table.add_column(
                name,
                justify="right" if c in self.right else "left",
                overflow="fold",
                width=self.widths[c],
            )
        for row in self.rows:
            table.add_row(*row)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.width > options.max_width:
            yield self.as_rich_table()
            return
        if console.no_color or console.color_system is None:
            # Piped, or told to: no style reaches the output, so each line is one string.
            yield from self._plain(console)
            return
        header_style = console.get_style(self.header_style)
        yield from self._row(console, self.header, bottom=True, style=header_style)
        yield Segment("─" * self.width)
        yield Segment.line()
        for row in self.rows:
            yield from self._row(console, row)

    def _plain(self, console: Console) -> Iterator[Segment]:
        yield Segment("\n".join(self._plain_lines(console)) + "\n")

    def plain_lines(self, width: int) -> list[str] | None:
        """The table's lines without colour, as Rich prints them on a console `width` cells
        wide, made without a console (`rich.console` is not imported: `cjm show` piped), or
        None when the table is wider than that (only Rich's `Table` squeezes it)."""
        if self.width > width:
            return None
        # Rich's `Text.wrap` takes a console only to hand it to `Lines.justify`, which does
        # not use it for the left and right justification of these cells.
        return self._plain_lines(cast("Console", None))

    def _plain_lines(self, console: Console) -> list[str]:
        out: list[str] = []
        for n, cells in enumerate([self.header, *self.rows]):
            for pieces in self._placed(console, cells, bottom=n == 0):
                out.append(
                    (" " * GAP).join(
                        f"{' ' * left}{line.plain}{' ' * right}" for line, left, right in pieces
                    )
                )
            if n == 0:
                out.append("─" * self.width)
        return out

    def _row(
        self,
        console: Console,
        cells: Sequence[Text],
        bottom: bool = False,
        style: Style | None = None,
    ) -> Iterator[Segment]:
        gap = Segment(" " * GAP, style)
        for pieces in self._placed(console, cells, bottom):
            for c, (line, left, right) in enumerate(pieces):
                if c:
                    yield gap
                if left:
                    yield Segment(" " * left, style)
                for segment in line.render(console):
                    yield Segment(segment.text, style + segment.style if style else segment.style)
                if right:
                    yield Segment(" " * right, style)
            yield Segment.line()

    def _placed(
        self, console: Console, cells: Sequence[Text], bottom: bool
    ) -> Iterator[list[tuple[Text, int, int]]]:
        """A row's screen lines, each a (text, blanks before, blanks after) per column: cells
        top-aligned (bottom-aligned in the header), a column with no line there left blank."""
        columns = [self._lines(console, text, c) for c, text in enumerate(cells)]
        height = max(len(lines) for lines in columns)
        for i in range(height):
            pieces = []
            for c, lines in enumerate(columns):
                at = i - (height - len(lines) if bottom else 0)
                pieces.append(lines[at] if 0 <= at < len(lines) else (_EMPTY, 0, self.widths[c]))
            yield pieces

    def _lines(self, console: Console, text: Text, column: int) -> list[tuple[Text, int, int]]:
        """The cell's lines, each with the blanks before and after it."""
        width = self.widths[column]
        plain = text.plain
        # A cell's own justify and overflow come first, as in Rich's `Table`.
        justify = text.justify or ("right" if column in self.right else "left")
        right = justify == "right"
        # Most cells are one short line: what `wrap` would do to it is only the padding.
        if (
            justify in ("left", "right")
            and "\n" not in plain
            and "\t" not in plain
            and not (right and plain[-1:].isspace())
        ):
            room = width - text.cell_len
            if room >= 0:
                return [(text, room, 0) if right else (text, 0, room)]
        wrapped = text.wrap(console, width, justify=justify, overflow=text.overflow or "fold")
        return [(line, 0, 0) for line in wrapped]
