"""Finding touchpoints by part of their name, channel or owner (`/` in the editor).

Any case and any accents: each text is folded to lower-case ASCII once, spelled as ids are
(`model/spelling.py`: text-unidecode, a transliteration table for Unicode's first plane):
"zolc" finds "Żółć" and "lodz" finds "Łódź", where `unicodedata` decomposition leaves "ł" as it
is. Typos and missing letters still find: `rapidfuzz` (MIT, compiled) scores every folded
text against the query in one call, fast enough to re-rank 20,000 touchpoints on every key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.spelling import in_ascii

FIELDS = ("name", "channel", "owner")
"""The touchpoint's texts a search looks in, the first preferred on a tie."""

FUZZY_CUTOFF = 75.0
"""The lowest fuzzy score that counts as a match (100: the query is in the text as it is)."""
SHORTER_CUTOFF = 85.0
"""A text shorter than the query must be nearly all of it ("apple" does not find "app")."""
FUZZY_MIN_LENGTH = 4
"""Shorter queries must appear as they are: 1-3 letters match almost anything fuzzily."""


_NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """`text` as a search compares it: lower-case ASCII letters and digits, anything else
    one space ("Top-up!" and "top up" are the same)."""
    return _NOT_A_WORD.sub(" ", in_ascii(text).casefold()).strip()


@dataclass(frozen=True)
class FindHit:
    """One touchpoint found: where (`field`, its text) and how well (`score`, 0..100+)."""

    touchpoint: Touchpoint
    stage_name: str
    field: str
    text: str
    score: float


class FindIndex:
    """The folded texts of a map's touchpoints, made once and searched on every key.

    Each distinct text is scored once (channels and owners repeat across thousands of
    touchpoints), then its score goes to every touchpoint field that holds it.
    """

    def __init__(self, m: Map) -> None:
        self._touchpoints = m.journey()
        self._stage_names = {s.id: m.stage_name(s.id) for s in m.stages}
        where: dict[str, list[tuple[int, int]]] = {}
        for i, tp in enumerate(self._touchpoints):
            for f, key in enumerate(FIELDS):
                value = getattr(tp, key)
                if value:
                    where.setdefault(fold(value), []).append((i, f))
        self._texts = list(where)
        self._where = list(where.values())  # (touchpoint index, field index) per text

    def __len__(self) -> int:
        return len(self._touchpoints)

    def search(self, query: str, limit: int = 100) -> list[FindHit]:
        """The touchpoints whose name, channel or owner matches `query`, best first (ties:
        name before channel before owner, then journey order); at most `limit`."""
        q = fold(query)
        if not q:
            return []
        scored: dict[int, float] = {at: 100.0 for at, text in enumerate(self._texts) if q in text}
        if len(q) >= FUZZY_MIN_LENGTH:
            for text, score, at in process.extract(
                q,
                self._texts,
                scorer=fuzz.partial_ratio,
                processor=None,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            ):
                if len(text) < len(q):  # partial_ratio would find "sms" in "sms reminder"
                    score = fuzz.ratio(q, text)
                    if score < SHORTER_CUTOFF:
                        continue
                if at not in scored:
                    scored[at] = float(score)
        best: dict[int, tuple[float, int]] = {}
        for at, score in scored.items():
            score += _bonus(q, self._texts[at])
            for tp_index, field_index in self._where[at]:
                old = best.get(tp_index)
                if old is None or (score, -field_index) > (old[0], -old[1]):
                    best[tp_index] = (score, field_index)
        order = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))
        hits = []
        for tp_index, (score, field_index) in order[:limit]:
            tp = self._touchpoints[tp_index]
            key = FIELDS[field_index]
            hits.append(
                FindHit(
                    touchpoint=tp,
                    stage_name=self._stage_names.get(tp.stage, tp.stage),
                    field=key,
                    text=str(getattr(tp, key)),
                    score=score,
                )
            )
        return hits


def _bonus(query: str, text: str) -> float:
    """Whole-text, prefix and word-start matches rank above a match inside a word."""
    if text == query:
        return 3.0
    if text.startswith(query):
        return 2.0
    if f" {query}" in text:
        return 1.0
    return 0.0
