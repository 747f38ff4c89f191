"""Order in sequences: which entries kept their relative order when a list was rearranged."""

from __future__ import annotations

import bisect


def longest_increasing(seq: list[int]) -> list[int]:
    """The longest strictly increasing subsequence (its values), O(n log n)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for i, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_idx.append(i)
        else:
            tails[k] = value
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k > 0 else -1
    out: list[int] = []
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.append(seq[i])
        i = prev[i]
    return out[::-1]
