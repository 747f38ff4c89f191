"""`LinedTable` draws exactly what Rich's `Table` draws for the same cells and widths (it exists
only to be faster, views/lined_table.py): the same text, line for line, for any cells."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from cjm_tui.views.lined_table import LinedTable

words = st.lists(st.sampled_from([*list("ab ΩЖ中😀\n-"), "żółw", "  ", "Wizyta"]), max_size=12).map(
    "".join
)


def drawn(renderable: object, width: int, colour: bool = False) -> str:
    """As piped (no colour: LinedTable's one-string-a-line path), or in a colour terminal with
    the escape codes taken out again (its styled path)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
    )
    console.print(renderable)
    return Text.from_ansi(buffer.getvalue()).plain if colour else buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    columns=st.integers(1, 5),
    width=st.integers(20, 140),
)
def test_lined_table_draws_what_rich_table_draws(
    data: st.DataObject, columns: int, width: int
) -> None:
    widths = data.draw(st.lists(st.integers(1, 30), min_size=columns, max_size=columns))
    right = data.draw(st.frozensets(st.integers(0, columns - 1)))
    header = [Text(h) for h in data.draw(st.lists(words, min_size=columns, max_size=columns))]
    rows = data.draw(
        st.lists(st.lists(words.map(Text), min_size=columns, max_size=columns), max_size=6)
    )
    table = LinedTable(header, rows, widths, right=right)
    assert drawn(table, width) == drawn(table.as_rich_table(), width)
    assert drawn(table, width, colour=True) == drawn(table.as_rich_table(), width, colour=True)


def test_a_table_wider_than_the_console_is_rich_s_to_squeeze() -> None:
    table = LinedTable([Text("a"), Text("b")], [[Text("x" * 50), Text("y" * 50)]], [50, 50])
    assert drawn(table, 60) == drawn(table.as_rich_table(), 60)
    assert max(len(line) for line in drawn(table, 60).splitlines()) <= 60
