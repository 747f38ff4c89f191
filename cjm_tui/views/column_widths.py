"""Fitting columns of text into a width: the one fitter of the terminal's tables and lines.

`fit_widths` serves the report's tables (`reports/text.py`) and the analysis screen's, the
moments table of `cjm show` (`showview.py`) and the names in the presentation's legend
(`presentation.py`). All of them get their natural widths when these fit. When they do not,
the callers cut in three ways, and `cut=` names the way, because no one rule gives all three
the output they have always had (the golden files and snapshots pin it) — they disagree on
ordinary inputs, e.g. two names of 5 cells in 9: "longest first" gives 4 and 4 (cut names end
level; the odd cell stays unused), the others 5 and 4 or 5 and 5:

- "shares" (the report, the analysis screen): short columns keep up to `NARROW_MAX` cells and
  give way first, down to their longest word; long (`wide`) columns share the rest by their
  natural width; what is left goes to whoever lacks most.
- "words first" (`cjm show`): each column gets its floor (its header), then its longest word,
  the cheapest first so that few words are cut, then what is left by weighted lack.
- "longest first" (the legend): the longest are cut first, all to one width.

Both rules that top up give the last cells the same way (`_top_up`). Plain integers in and
out, so any caller can measure its own text (`measure` does it for rich text).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Literal

from rich.cells import cell_len
from rich.text import Text

Cut = Literal["shares", "words first", "longest first"]

WIDE_MIN = 12
WIDE_SHARE = 48
NARROW_MIN = 6
NARROW_MAX = 16
"""With "shares": short columns wrap past `NARROW_MAX`, unless a word is longer; long text
shares what is left, each long column at least `WIDE_MIN` wide."""


def measure(texts: Iterable[Text]) -> tuple[int, int]:
    """(the longest line, the longest word) of a column's texts, in cells."""
    longest = 0
    word = 0
    for text in texts:
        for line in text.plain.splitlines() or [""]:
            longest = max(longest, cell_len(line))
            word = max(word, *(cell_len(w) for w in line.split() or [""]))
    return longest, word


def table_room(width: int, columns: int, gap: int = 3) -> int:
    """The cells a table of `columns` columns has for text in `width`, with `gap` cells
    between columns; at least one per column."""
    return max(columns, width - gap * (columns - 1))


def fit_widths(
    natural: Sequence[int],
    room: int,
    *,
    cut: Cut = "shares",
    words: Sequence[int] = (),
    wide: Collection[int] = frozenset(),
    keep: Collection[int] = frozenset(),
    floors: Sequence[int] = (),
    weights: Sequence[int] = (),
) -> list[int]:
    """Widths for columns of `natural` widths that fit `room` cells where they can (text
    longer than its column wraps or is cut by the caller).

    `words`: each column's longest word (default: its natural width). With "shares", `wide`
    are the long-text columns and `keep` the columns never cut below their natural width
    (at most `NARROW_MAX * 2`). With "words first", `floors` are what each column gets first
    (default 0) and `weights` how much a cell it lacks counts (default 1).
    """
    if sum(natural) <= room:
        return list(natural)
    longest_words = list(words) if words else list(natural)
    if cut == "longest first":
        return _longest_first(natural, room)
    if cut == "words first":
        return _words_first(
            natural,
            longest_words,
            list(floors) if floors else [0] * len(natural),
            list(weights) if weights else [1] * len(natural),
            room,
        )
    return _shares(natural, longest_words, set(wide), frozenset(keep), room)


def _longest_first(natural: Sequence[int], room: int) -> list[int]:
    """One cap for all, as high as fits (at least 1): no column is cut more than a longer
    one, and those cut end level."""
    cap = max(natural)
    while cap > 1 and sum(min(n, cap) for n in natural) > room:
        cap -= 1
    return [min(n, cap) for n in natural]


def _shares(
    natural: Sequence[int], words: list[int], wide: set[int], keep: frozenset[int], room: int
) -> list[int]:
    """Short columns get up to `NARROW_MAX` cells and the wide ones share the rest by their
    natural width, each at least `WIDE_MIN` (or its natural width). When even that is too
    wide, the short columns give way first, the widest first, down to their longest word (at
    most `NARROW_MAX`, at least `NARROW_MIN`); then the wide ones share what is left."""
    count = len(natural)
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
    # What is left: to the wide columns first, then to the short ones.
    spare = _top_up(widths, natural, room - sum(widths), flex, [1] * count)
    _top_up(widths, natural, spare, narrow, [1] * count)
    return widths


def _words_first(
    natural: Sequence[int], words: list[int], floors: list[int], weights: list[int], room: int
) -> list[int]:
    """Each column starts at its floor (all share the room evenly when even the floors do
    not fit), grows to hold its longest word (the cheapest first, so that few words get
    cut), then the columns share what is left by what they still lack, times their weight."""
    count = len(natural)
    widths = [min(n, floor) for n, floor in zip(natural, floors, strict=True)]
    if sum(widths) > room:
        return [max(1, room // count)] * count
    spare = room - sum(widths)
    wanted = [min(natural[c], words[c]) for c in range(count)]
    for c in sorted(range(count), key=lambda c: wanted[c] - widths[c]):
        need = max(0, wanted[c] - widths[c])
        if need <= spare:
            widths[c] += need
            spare -= need
    _top_up(widths, natural, spare, range(count), weights)
    return widths


def _top_up(
    widths: list[int],
    natural: Sequence[int],
    spare: int,
    columns: Iterable[int],
    weights: Sequence[int],
) -> int:
    """Give `spare` cells one at a time to the column of `columns` that lacks most from its
    natural width (times its weight; the first on a tie); returns the cells nobody wanted."""
    order = list(columns)
    while spare > 0:
        wanting = [c for c in order if widths[c] < natural[c]]
        if not wanting:
            break
        c = max(wanting, key=lambda c: (natural[c] - widths[c]) * weights[c])
        widths[c] += 1
        spare -= 1
    return spare
