"""What `cjm show` prints: a map's title line, its emotion timeline and its moments of truth.

Everything reads without colour (numbers and symbols carry the meaning), fits in `width`
columns, and shows text from the map as plain, sanitized text, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.rules import emotion_word
from cjm_tui.sanitize import clean_line
from cjm_tui.views import colours
from cjm_tui.views.column_widths import fit_widths, measure, table_room
from cjm_tui.views.lined_table import LinedTable
from cjm_tui.views.timeline import Timeline

if TYPE_CHECKING:
    from rich.console import RenderableType

MIN_WIDTH = 20
NO_MOMENTS = "No moments of truth marked yet."
_DIM = Style(dim=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def title_line(m: Map, width: int = 100) -> Text:
    """The map's title, its kind and how many stages, touchpoints and personas it has.

    The facts go to a line of their own when they do not fit beside the title.
    """
    kind = (
        "employee experience map" if m.info.effective_kind == "employee" else "customer journey map"
    )
    title = clean_line(m.info.title).strip()
    out = Text(overflow="fold")
    out.append(title or "(untitled map)", Style(bold=True))
    facts = " · ".join(
        [
            kind,
            _count(len(m.stages), "stage"),
            _count(len(m.touchpoints), "touchpoint"),
            _count(len(m.personas), "persona"),
        ]
    )
    out.append("\n" if out.cell_len + 3 + len(facts) > width else " · ")
    out.append(facts, _DIM)
    return out


def emotion_text(m: Map, tp: Touchpoint, persona: str | None = None) -> Text:
    """A touchpoint's emotion: number and word, or a line per persona ("● -1 student").

    The value comes before the persona id so that a narrow column cuts the id, not the value.
    """
    out = Text(overflow="fold")
    if isinstance(tp.emotion, dict) and persona is None and tp.emotion:
        index = {p.id: i for i, p in enumerate(m.personas)}
        ids = [p.id for p in m.personas if p.id in tp.emotion]
        ids += [pid for pid in tp.emotion if pid not in index]  # invalid, but shown
        for pid in ids:
            symbol, colour = colours.persona_style(index[pid]) if pid in index else ("·", "default")
            persona_value = tp.emotion[pid]
            if out:
                out.append("\n")
            out.append(symbol, Style(color=colour, bold=True))
            out.append(" ")
            out.append(colours.emotion_label(persona_value), colours.emotion_style(persona_value))
            out.append(f" {clean_line(pid)}")
        out.no_wrap = True
        out.overflow = "ellipsis"
        return out
    value = tp.emotion_for(persona)
    if value is None:
        out.append("no emotion", _DIM)
    else:
        out.append(colours.emotion_label(value), colours.emotion_style(value))
        out.append(f" {emotion_word(value)}")
    return out


_HEADERS = ("#", "Stage", "Touchpoint", "Emotion", "Why", "Owner")
# Columns that wrap, and how much of the room they get when it is short.
_FLEX_WEIGHTS = {1: 2, 2: 3, 4: 3, 5: 2}
# Room for "● -1 student"; "-2 very negative" wraps after "very" rather than squeeze others.
_EMOTION_WIDTH = 12


def _column_widths(cells: list[list[Text]], width: int) -> list[int]:
    """Widths for the table's columns so that, with 3 cells between columns, it fits `width`.

    Natural widths when they fit. Else the number keeps its width and the emotion gets up to
    12 cells (and a third of the room), plus what the text columns leave; the text columns are
    fitted "words first" (`fit_widths`): their header's width, then their longest word, then
    what they still lack, by their weights.
    """
    measured = [measure([Text(h), *(row[c] for row in cells)]) for c, h in enumerate(_HEADERS)]
    natural = [longest for longest, _ in measured]
    room = table_room(width, len(_HEADERS))
    if sum(natural) <= room:
        return natural
    emotion = min(natural[3], _EMOTION_WIDTH, max(1, room // 3))
    rest = room - natural[0] - emotion
    flex = list(_FLEX_WEIGHTS)
    fitted = fit_widths(
        [natural[c] for c in flex],
        rest,
        cut="words first",
        words=[measured[c][1] for c in flex],
        floors=[len(_HEADERS[c]) for c in flex],
        weights=list(_FLEX_WEIGHTS.values()),
    )
    widths = list(natural)
    widths[3] = emotion + max(0, rest - sum(natural[c] for c in flex))
    for c, column_width in zip(flex, fitted, strict=True):
        widths[c] = column_width
    return widths


def moments_table(m: Map, persona: str | None = None, width: int = 100) -> Text | LinedTable:
    """The moments of truth in journey order (only those a persona meets, given one).

    Columns: journey number (as on the timeline's axis), stage, touchpoint, emotion, why it
    is a moment of truth, owner. Fits in `width` cells from about 40 up.
    """
    numbers = {id(tp): n for n, tp in enumerate(m.journey(), start=1)}
    moments = m.moments_of_truth()
    if persona is not None:
        moments = [tp for tp in moments if tp.meets(persona) or tp.emotion_for(persona) is not None]
    if not moments:
        return Text(NO_MOMENTS, _DIM)
    rows = [
        [
            Text(str(numbers[id(tp)]), style=_DIM),
            Text(clean_line(m.stage_name(tp.stage))),
            Text(clean_line(tp.name)),
            emotion_text(m, tp, persona),
            Text(clean_line(tp.mot_reason or "")),
            Text(clean_line(tp.owner or "")),
        ]
        for tp in moments
    ]
    # Drawn line by line at the fitted widths (Rich's `Table` would lay them out again).
    return LinedTable([Text(h) for h in _HEADERS], rows, _column_widths(rows, width), right={0})


def render_show(m: Map, persona: str | None = None, width: int = 100) -> RenderableType:
    """`cjm show`: title line, the timeline fitted to `width`, its legend, the moments of truth.

    `persona` shows only that persona's curve and moments. Raises `ValueError` for a persona
    id the map does not have.
    """
    from rich.console import Group
    from rich.constrain import Constrain

    width = max(MIN_WIDTH, width)
    return Constrain(Group(*show_parts(m, persona, width)), width)


def show_parts(m: Map, persona: str | None, width: int) -> list[Text | LinedTable]:
    """What `render_show` stacks, top to bottom, for a `width` of at least `MIN_WIDTH`."""
    timeline = Timeline(m, persona, fit=width)
    parts: list[Text | LinedTable] = [title_line(m, width), Text()]
    chart = timeline.render(0, width)
    for line in chart:
        line.rstrip()  # no trailing blanks when piped to a file
    parts += [*chart, *timeline.legend(width)]
    heading = Text("Moments of truth", Style(bold=True))
    if persona is not None:
        found = m.persona(persona)
        heading.append(f" for {clean_line(found.name if found else persona)}", _DIM)
    parts += [Text(), heading, moments_table(m, persona, width)]
    return parts


def plain_show(m: Map, persona: str | None = None, width: int = 100) -> str | None:
    """What `render_show` prints on a console without colour (piped), made without importing
    `rich.console` (about 12 ms of `cjm show`, `benchmarks/bench_store.py`), or None where
    only Rich can say it (a table wider than `width`, a text Rich would justify).

    It follows how Rich prints text that does not wrap (the console's `soft_wrap`): each line
    as it is, cut to `width` when the text has an overflow rule. `tests/test_showview.py`
    holds it equal to Rich's output.
    """
    width = max(MIN_WIDTH, width)
    out: list[str] = []
    for part in show_parts(m, persona, width):
        if isinstance(part, LinedTable):
            table = part.plain_lines(width)
            if table is None:
                return None
            out += table
            continue
        if part.justify not in (None, "default") or part.overflow not in (None, "crop", "fold"):
            return None
        for line in part.plain.split("\n"):
            if part.overflow is not None and cell_len(line) > width:
                line = set_cell_size(line, width)
            out.append(line)
    return "\n".join(out) + "\n"
