"""The whole picture across maps (`cjm report DIR|FILE...`): headless, no textual here.

A folder of maps is an engagement. This module finds its maps, reads them, and works out
what only shows across maps, with the single map's rules (`reports/analysis.py`, the model):

- **Moments of truth** of every map, in map order then journey order (`moments_of_truth`).
- **Owners across maps** (the silos): per owner, its touchpoints, moments of truth, the average
  emotion (the mean of its touchpoints' `touchpoint_mean`, every map's together), its open
  and overdue actions (`Action.is_open`, `Action.is_overdue`). Owners are matched ignoring
  case and surrounding spaces ("Marketing", " marketing "); `Owner.spellings` says which
  spellings were merged.
- **Actions by due date**: every action of every map, overdue first, then by due date,
  undated last (ties: map order, then file order).
- **Personas across maps**: each persona id, the maps it appears in and its average emotion
  in each (the mean of its values there). Personas are found by `personas_of` (one place for
  the shared persona library to plug in) and matched by `persona_key` (the id).

Reading (`reports/map_files.py`, shared with the folder's list): `find_map_files` gives the
`*.toml` files of a folder; `load_map` reads one into a `Loaded` (the map, or its first
problem as one line, or "a persona library": a file of `[[personas]]` only, which is not a map
and not an error, so it is skipped); `load_maps` does both for the command line's arguments.

"Today" (for overdue) is a parameter: the command line passes the local date, tests a fixed one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cjm_tui.model import Action, Map, Persona, Touchpoint
from cjm_tui.reports.analysis import (
    MetricMiss,
    Moment,
    average,
    departments,
    metrics_off_target,
    moments_of_truth,
    touchpoint_mean,
)
from cjm_tui.reports.map_files import Loaded

# Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapSummary:
    name: str
    """The file's name in the report (see `Loaded.name`)."""
    map: Map

    @property
    def title(self) -> str:
        return self.map.info.title


@dataclass(frozen=True)
class MapMoment:
    """A moment of truth and the map it is in."""

    map: MapSummary
    moment: Moment


@dataclass(frozen=True)
class MapTouchpoint:
    map: MapSummary
    touchpoint: Touchpoint


@dataclass(frozen=True)
class MapAction:
    """An action, the map it is in, and what the rules say of it on `today`."""

    map: MapSummary
    action: Action
    touchpoint: str
    """The name of its touchpoint (its id when the touchpoint is gone)."""
    overdue: bool

    @property
    def is_open(self) -> bool:
        return self.action.is_open


@dataclass(frozen=True)
class Owner:
    """One owner across maps (a department, a silo)."""

    name: str | None
    """The spelling shown (the most used one, trimmed); None: what nobody owns."""
    spellings: tuple[str, ...]
    """Every spelling found, as written, sorted; more than one when some were merged."""
    maps: tuple[str, ...]
    """The names of the maps it owns something in, in map order."""
    touchpoints: tuple[MapTouchpoint, ...]
    moments: tuple[MapTouchpoint, ...]
    average: float | None
    """The mean of its touchpoints' means (`touchpoint_mean`), every map's together."""
    open_actions: tuple[MapAction, ...]
    overdue_actions: tuple[MapAction, ...]

    @property
    def merged(self) -> bool:
        return len(self.spellings) > 1


@dataclass(frozen=True)
class PersonaInMap:
    map: MapSummary
    persona: Persona
    average: float | None
    """The mean of this persona's emotions in that map (None: no emotion for it there)."""


@dataclass(frozen=True)
class PersonaAcross:
    id: str
    appearances: tuple[PersonaInMap, ...]
    """The maps it appears in, in map order."""

    @property
    def names(self) -> tuple[str, ...]:
        """Its names, each once, in map order (one, unless the maps disagree)."""
        return tuple(dict.fromkeys(a.persona.name for a in self.appearances))

    @property
    def shared(self) -> bool:
        return len(self.appearances) > 1


@dataclass(frozen=True)
class MapMetricMiss:
    """A touchpoint's metric off its target, and the map it is in."""

    map: MapSummary
    miss: MetricMiss


@dataclass(frozen=True)
class MapCounts:
    """One map's figures in the report."""

    moments: int = 0
    actions: int = 0
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Portfolio:
    today: dt.date
    maps: tuple[MapSummary, ...]
    counts: tuple[MapCounts, ...]
    """Each map's figures, in the order of `maps`."""
    moments: tuple[MapMoment, ...]
    owners: tuple[Owner, ...]
    actions: tuple[MapAction, ...]
    personas: tuple[PersonaAcross, ...]
    off_target: tuple[MapMetricMiss, ...] = ()
    """Metrics off their targets in every map, the furthest off first (relative shortfall,
    `reports/analysis.metrics_off_target`'s rule)."""
    measured: bool = False
    """Whether any map has a metric (the report says nothing of metrics otherwise)."""

    @property
    def touchpoint_count(self) -> int:
        return sum(len(s.map.touchpoints) for s in self.maps)

    @property
    def open_count(self) -> int:
        return sum(a.is_open for a in self.actions)

    @property
    def overdue_count(self) -> int:
        return sum(a.overdue for a in self.actions)


# The rules across maps ---------------------------------------------------------------------


def owner_key(name: str | None) -> str:
    """Owners are the same when their names are, ignoring case and surrounding spaces;
    "" is nobody."""
    return (name or "").strip().casefold()


def personas_of(entry: MapSummary) -> tuple[Persona, ...]:
    """A map's personas. The one place the shared persona library plugs in (its personas
    followed by the map's own)."""
    return tuple(entry.map.personas)


def persona_key(persona: Persona) -> str:
    """Personas are the same across maps when their ids are."""
    return persona.id


def _shown_spelling(counts: Counter[str]) -> str:
    """The most used spelling (ties: the first in sorted order), trimmed."""
    best = min(counts, key=lambda s: (-counts[s], s.strip(), s))
    return best.strip()


def _owners(maps: Sequence[MapSummary], actions: Sequence[MapAction]) -> tuple[Owner, ...]:
    touchpoints: dict[str, list[MapTouchpoint]] = {}
    open_actions: dict[str, list[MapAction]] = {}
    spellings: dict[str, Counter[str]] = {}
    in_maps: dict[str, list[str]] = {}
    by_action = {id(a.action): a for a in actions}
    for entry in maps:
        for d in departments(entry.map):
            key = owner_key(d.owner)
            if d.owner is not None and key:
                spellings.setdefault(key, Counter())[d.owner] += len(d.touchpoints) + len(
                    d.open_actions
                )
            touchpoints.setdefault(key, []).extend(MapTouchpoint(entry, tp) for tp in d.touchpoints)
            open_actions.setdefault(key, []).extend(by_action[id(a)] for a in d.open_actions)
            if entry.name not in in_maps.setdefault(key, []):
                in_maps[key].append(entry.name)
    result: list[Owner] = []
    for key in sorted(touchpoints, key=lambda k: (k == "", k)):
        tps = tuple(touchpoints[key])
        opened = tuple(open_actions.get(key, ()))
        counts = spellings.get(key, Counter())
        result.append(
            Owner(
                name=_shown_spelling(counts) if key else None,
                spellings=tuple(sorted(counts)),
                maps=tuple(in_maps[key]),
                touchpoints=tps,
                moments=tuple(t for t in tps if t.touchpoint.is_moment_of_truth),
                average=average(v for t in tps if (v := touchpoint_mean(t.touchpoint)) is not None),
                open_actions=opened,
                overdue_actions=tuple(a for a in opened if a.overdue),
            )
        )
    return tuple(result)


def _actions(maps: Sequence[MapSummary], today: dt.date) -> tuple[MapAction, ...]:
    found: list[tuple[tuple[bool, bool, dt.date, int, int], MapAction]] = []
    for m_index, entry in enumerate(maps):
        names = {tp.id: tp.name for tp in entry.map.touchpoints}
        for a_index, a in enumerate(entry.map.actions):
            overdue = a.is_overdue(today)
            due = a.due_day
            key = (not overdue, due is None, due or dt.date.min, m_index, a_index)
            found.append((key, MapAction(entry, a, names.get(a.touchpoint, a.touchpoint), overdue)))
    found.sort(key=lambda item: item[0])
    return tuple(item for _, item in found)


def _personas(maps: Sequence[MapSummary]) -> tuple[PersonaAcross, ...]:
    seen: dict[str, list[PersonaInMap]] = {}
    for entry in maps:
        journey = entry.map.journey()
        for p in personas_of(entry):
            mean = average(v for tp in journey if (v := tp.emotion_for(p.id)) is not None)
            seen.setdefault(persona_key(p), []).append(PersonaInMap(entry, p, mean))
    ordered = sorted(seen.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(PersonaAcross(pid, tuple(found)) for pid, found in ordered)


def _counts(
    maps: Sequence[MapSummary], moments: Sequence[MapMoment], actions: Sequence[MapAction]
) -> tuple[MapCounts, ...]:
    index = {id(entry): i for i, entry in enumerate(maps)}
    tally = [[0, 0, 0, 0] for _ in maps]
    for mm in moments:
        tally[index[id(mm.map)]][0] += 1
    for a in actions:
        row = tally[index[id(a.map)]]
        row[1] += 1
        row[2] += a.is_open
        row[3] += a.overdue
    return tuple(MapCounts(*row) for row in tally)


def across(maps: Iterable[MapSummary], today: dt.date | None = None) -> Portfolio:
    """Everything the report across maps shows, for `maps` in their order; overdue means
    due before `today` (default: the local date) and not done."""
    entries = tuple(maps)
    day = today if today is not None else dt.date.today()
    actions = _actions(entries, day)
    moments = tuple(
        MapMoment(entry, moment) for entry in entries for moment in moments_of_truth(entry.map)
    )
    misses = [
        MapMetricMiss(entry, miss) for entry in entries for miss in metrics_off_target(entry.map)
    ]
    misses.sort(key=lambda x: -x.miss.shortfall)  # stable: map order, then each map's own
    return Portfolio(
        today=day,
        maps=entries,
        counts=_counts(entries, moments, actions),
        moments=moments,
        owners=_owners(entries, actions),
        actions=actions,
        personas=_personas(entries),
        off_target=tuple(misses),
        measured=any(t.metrics for entry in entries for t in entry.map.touchpoints),
    )


def summaries(loaded: Iterable[Loaded]) -> list[MapSummary]:
    """The maps among what was read (problems and libraries left out)."""
    return [MapSummary(item.name, item.map) for item in loaded if item.map is not None]
