"""The one fitter of text columns: the report's tables, `cjm show`'s moments, the legend."""

from __future__ import annotations

import pytest
from rich.text import Text

from cjm_tui.views.column_widths import Cut, fit_widths, measure, table_room

CUTS: tuple[Cut, ...] = ("shares", "words first", "longest first")


@pytest.mark.parametrize("cut", CUTS)
def test_natural_widths_when_they_fit(cut: Cut) -> None:
    assert fit_widths([5, 10, 0], 15, cut=cut) == [5, 10, 0]
    assert fit_widths([5, 10], 40, cut=cut) == [5, 10]
    assert fit_widths([], 0, cut=cut) == []


@pytest.mark.parametrize("cut", CUTS)
def test_one_column_wider_than_the_room_gets_the_room(cut: Cut) -> None:
    assert fit_widths([50], 20, cut=cut) == [20]
    assert fit_widths([50], 20, cut=cut, words=[50], wide={0}) == [20]


def test_zero_width() -> None:
    # The legend's names never go below one cell each; a table has a cell per column.
    assert fit_widths([5, 5, 5], 0, cut="longest first") == [1, 1, 1]
    assert table_room(0, 6) == 6
    # The report's short columns keep their longest word (at least NARROW_MIN) even then.
    assert fit_widths([5, 9], 0, words=[5, 3]) == [5, 6]
    assert fit_widths([20, 20], 0, cut="words first", floors=[3, 3]) == [1, 1]


def test_longest_first_cuts_the_longest_to_one_width() -> None:
    assert fit_widths([30, 3, 10], 20, cut="longest first") == [8, 3, 8]
    # Names cut end level: the odd cell stays unused.
    assert fit_widths([5, 5], 9, cut="longest first") == [4, 4]


def test_shares_long_columns_share_what_short_ones_leave() -> None:
    natural, words = [13, 48, 17, 13, 92, 111], [8, 10, 9, 8, 13, 10]
    widths = fit_widths(natural, 90, words=words, wide={1, 4, 5})
    assert sum(widths) == 90
    assert widths[0] == widths[3] == 13 and widths[2] == 16  # short ones: up to NARROW_MAX
    assert widths == [13, 16, 16, 13, 16, 16]  # the wide ones: 12 each, then equal shares
    # Tight: the short columns give way first, the one most above its longest word first.
    assert fit_widths([16, 16, 40], 40, words=[6, 10, 10], wide={2}) == [12, 16, 12]
    assert fit_widths([16, 16, 40], 30, words=[6, 10, 10], wide={2}) == [7, 11, 12]
    # A kept column never shrinks.
    assert fit_widths([30, 40], 50, words=[5, 5], wide={1}, keep={0}) == [30, 20]


def test_words_first_floors_then_longest_words_then_weighted_lack() -> None:
    # Floors 3 and 3; the cheaper word (8) first, then 15; the last 2 cells to the one that
    # lacks most: 12 against 5.
    assert fit_widths([20, 20], 25, cut="words first", words=[8, 15], floors=[3, 3]) == [10, 15]
    # Weighted: a cell lacked by the second counts three times.
    weighted = fit_widths(
        [20, 20], 25, cut="words first", words=[8, 15], floors=[3, 3], weights=[1, 3]
    )
    assert weighted == [9, 16]
    # The cheapest words first, so that more of them stay whole (3 and 5, not 8).
    cheap = fit_widths([20, 20, 20], 11, cut="words first", words=[3, 5, 8], floors=[1, 1, 1])
    assert cheap == [3, 5, 3]
    # A word that does not fit whole is not started: the room goes by lack instead.
    assert fit_widths([30, 30], 20, cut="words first", words=[25, 4], floors=[2, 2]) == [10, 10]
    # Floors that do not fit: an even share each.
    assert fit_widths([20, 20], 9, cut="words first", floors=[10, 10]) == [4, 4]


def test_measure() -> None:
    assert measure([Text("ab cde\nf"), Text("gh")]) == (6, 3)
    assert measure([Text("顧客 x")]) == (6, 4)
    assert measure([Text("")]) == (0, 0)
    assert measure([]) == (0, 0)


def test_table_room() -> None:
    assert table_room(80, 6) == 65
    assert table_room(80, 1) == 80
    assert table_room(10, 6, gap=1) == 6
