"""Rules beyond validity that keep a map honest: each rule has an id and a one-line reason.

A valid map can still be a poster nobody acts on: a moment of truth nobody owns, a painful
touchpoint with no pain point written down, a plan with overdue actions. `cjm lint` reports
those, in CI too. Rules are errors by default, but for `DEFAULT_WARN` (a fresh draft is all
hypotheses: that is its nature, not a fault); a `cjm.toml` next to the maps (`[lint]`) or a
`pyproject.toml` (`[tool.cjm.lint]`) can turn them into warnings, errors or off:

    [tool.cjm.lint]
    disable = ["stage-no-persona"]
    warn = ["action-no-owner"]
    error = ["hypothesis-no-evidence"]
    stale-days = 120

When most of a map's touchpoints are hypotheses without evidence, `summaries` says so in one
finding instead of one per touchpoint (the map is a draft; a list of every touchpoint hides the
findings that matter).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.library import library_personas, own_personas

Path_ = tuple[str | int, ...]


@dataclass
class Finding:
    rule: str
    message: str
    path: Path_


@dataclass
class LintConfig:
    disable: set[str] = field(default_factory=set)
    warn: set[str] = field(default_factory=set)
    error: set[str] = field(default_factory=set)
    stale_days: int = 90
    source: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)


RULES: dict[str, str] = {
    "mot-no-owner": "a moment of truth nobody owns is a moment nobody fixes",
    "mot-no-action": "a moment of truth with no action leaves the decision to chance",
    "negative-no-pain": "a negative emotion needs its pain point written down",
    "empty-stage": "a stage with no touchpoints is a gap in the journey",
    "persona-unused": "a persona who meets no touchpoint is not on this journey",
    "stage-no-persona": "a stage no persona passes through",
    "action-no-owner": "an action without an owner will not happen",
    "action-overdue": "an action past its due date and not done",
    "hypothesis-no-evidence": "a touchpoint still a hypothesis with no evidence to verify it",
    "stale-map": "a map not reviewed for a long time drifts from the real journey",
    "blank-text": "a required text left blank",
    "emotion-persona-not-met": "an emotion for a persona the touchpoint's persona list leaves out",
    "library-persona-unused": "a persona of a persona library that none of the maps linted "
    "together meets (one map: not used in this map)",
}


DEFAULT_WARN = frozenset({"hypothesis-no-evidence", "library-persona-unused"})
"""Rules that are warnings unless the settings say `error = [...]`."""

DRAFT_RULE = "hypothesis-no-evidence"
DRAFT_SHARE = 0.5
"""More than this share of the touchpoints unverified: one summary line (a draft)."""
DRAFT_MIN = 3
"""...and at least this many (two of three is not yet "a draft")."""
DRAFT_IDS_SHOWN = 5


@dataclass
class Summary:
    """Many findings of one rule said once: `count` of `total`, the first ids in `ids`."""

    rule: str
    severity: str
    count: int
    total: int
    ids: list[str]
    message: str
    findings: list[Finding]


def _date(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _negative(tp: Touchpoint) -> bool:
    e = tp.emotion
    if isinstance(e, dict):
        return any(v < 0 for v in e.values())
    return e is not None and e < 0


def _check(m: Map, cfg: LintConfig) -> Iterator[Finding]:
    actions_of: dict[str, int] = {}
    for a in m.actions:
        actions_of[a.touchpoint] = actions_of.get(a.touchpoint, 0) + 1
    index = {id(tp): i for i, tp in enumerate(m.touchpoints)}
    for tp in m.journey():
        at: Path_ = ("touchpoints", index[id(tp)])
        name = f"touchpoint {tp.id}"
        if tp.is_moment_of_truth and not tp.owner:
            yield Finding("mot-no-owner", f"{name} is a moment of truth with no owner", at)
        if tp.is_moment_of_truth and not actions_of.get(tp.id):
            yield Finding("mot-no-action", f"{name} is a moment of truth with no action", at)
        if _negative(tp) and not tp.pain_points:
            yield Finding(
                "negative-no-pain",
                f"{name} has a negative emotion and no pain points",
                (*at, "emotion"),
            )
        if tp.status != "verified" and not tp.evidence:
            yield Finding("hypothesis-no-evidence", f"{name} is a hypothesis with no evidence", at)
        if not tp.name.strip():
            yield Finding("blank-text", f"{name} has a blank name", (*at, "name"))
        if isinstance(tp.emotion, dict) and tp.personas is not None:
            for pid in tp.emotion:
                if pid not in tp.personas:
                    yield Finding(
                        "emotion-persona-not-met",
                        f"{name} has an emotion for {pid}, who is not in its personas",
                        (*at, "emotion", pid),
                    )
    by_stage = m.touchpoints_by_stage()
    for i, stage in enumerate(m.stages):
        tps = by_stage.get(stage.id, [])
        if not tps:
            yield Finding("empty-stage", f"stage {stage.id} has no touchpoints", ("stages", i))
        elif m.personas and not any(tp.meets(p.id) for tp in tps for p in m.personas):
            yield Finding(
                "stage-no-persona", f"stage {stage.id}: no persona passes through it", ("stages", i)
            )
        if not stage.name.strip():
            yield Finding("blank-text", f"stage {stage.id} has a blank name", ("stages", i, "name"))
    # The map's own personas, at their index in its own file; the library's are linted
    # across maps (`library_unused`).
    for i, p in enumerate(own_personas(m)):
        if not any(tp.meets(p.id) for tp in m.touchpoints):
            yield Finding("persona-unused", f"persona {p.id} meets no touchpoint", ("personas", i))
    for i, a in enumerate(m.actions):
        if not a.owner:
            yield Finding("action-no-owner", f"action {a.id} has no owner", ("actions", i))
        if a.is_overdue(cfg.today) and (due := a.due_day) is not None:
            yield Finding(
                "action-overdue",
                f"action {a.id} was due {due.isoformat()} and is {a.effective_state}",
                ("actions", i, "due"),
            )
    updated = _date(m.info.updated)
    if updated is None:
        yield Finding("stale-map", "the map has no `updated` date", ("map",))
    elif (cfg.today - updated).days > cfg.stale_days:
        yield Finding(
            "stale-map",
            f"the map was last updated {updated.isoformat()}, more than {cfg.stale_days} days ago",
            ("map", "updated"),
        )
    if not m.info.title.strip():
        yield Finding("blank-text", "the map has a blank title", ("map", "title"))


def lint(m: Map, cfg: LintConfig | None = None) -> list[tuple[Finding, str]]:
    """Every finding with its severity ("error" or "warning"), rules off left out."""
    cfg = cfg or LintConfig()
    out: list[tuple[Finding, str]] = []
    for finding in _check(m, cfg):
        if finding.rule in cfg.disable:
            continue
        out.append((finding, severity(finding.rule, cfg)))
    return out


def library_unused(maps: Sequence[Map]) -> dict[str, list[Finding]]:
    """Per persona library file (as the maps resolved it): its personas that no map of `maps`
    using it meets, each at its index in the library's `[[personas]]` (`library-persona-unused`).

    A persona meets a touchpoint that names it, or that names no personas (everybody).
    """
    used: dict[str, set[str]] = {}
    personas: dict[str, list[str]] = {}
    count: dict[str, int] = {}
    for m in maps:
        if m.library is None:
            continue
        file = m.library.file
        count[file] = count.get(file, 0) + 1
        shared = [p.id for p in library_personas(m)]
        personas.setdefault(file, shared)
        met = used.setdefault(file, set())
        met.update(pid for pid in shared if any(tp.meets(pid) for tp in m.touchpoints))
    out: dict[str, list[Finding]] = {}
    for file, ids in personas.items():
        where = "this map" if count[file] == 1 else f"the {count[file]} maps linted"
        out[file] = [
            Finding(
                "library-persona-unused",
                f"library persona {pid} meets no touchpoint in {where}",
                ("personas", i),
            )
            for i, pid in enumerate(ids)
            if pid not in used[file]
        ]
    return out


def severity(rule: str, cfg: LintConfig) -> str:
    """ "error" or "warning": the settings' `warn` and `error` first, then the default."""
    if rule in cfg.warn:
        return "warning"
    if rule in cfg.error:
        return "error"
    return "warning" if rule in DEFAULT_WARN else "error"


def summaries(m: Map, found: list[tuple[Finding, str]]) -> list[Summary]:
    """The findings said once instead of one by one: today the draft's hypotheses, when more
    than half of the touchpoints (and at least three) are hypotheses with no evidence."""
    drafts = [(f, sev) for f, sev in found if f.rule == DRAFT_RULE]
    total = len(m.touchpoints)
    if len(drafts) < DRAFT_MIN or len(drafts) <= total * DRAFT_SHARE:
        return []
    ids = [str(m.touchpoints[int(f.path[1])].id) for f, _ in drafts]
    shown = ", ".join(ids[:DRAFT_IDS_SHOWN]) + (", ..." if len(ids) > DRAFT_IDS_SHOWN else "")
    message = (
        f"{len(drafts)} of {total} touchpoints are hypotheses without evidence (a draft): {shown}"
    )
    return [
        Summary(DRAFT_RULE, drafts[0][1], len(drafts), total, ids, message, [f for f, _ in drafts])
    ]


def load_config(map_path: Path, today: dt.date | None = None) -> tuple[LintConfig, str | None]:
    """The nearest `cjm.toml` ([lint]) or `pyproject.toml` ([tool.cjm.lint]) above the map,
    and a message when it is unusable (unknown rule ids, wrong types)."""
    cfg = LintConfig(today=today or dt.date.today())
    for folder in [map_path.resolve().parent, *map_path.resolve().parents]:
        for name, get in (("cjm.toml", _cjm_section), ("pyproject.toml", _pyproject_section)):
            candidate = folder / name
            if not candidate.is_file():
                continue
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                return cfg, f"{candidate}: error: cannot read the lint settings: {exc}"
            section = get(data)
            if section is None:
                continue
            return _apply(cfg, section, candidate)
    return cfg, None


def _cjm_section(data: dict[str, Any]) -> Any:
    return data.get("lint", data.get("tool", {}).get("cjm", {}).get("lint"))


def _pyproject_section(data: dict[str, Any]) -> Any:
    return data.get("tool", {}).get("cjm", {}).get("lint")


def _apply(cfg: LintConfig, section: Any, source: Path) -> tuple[LintConfig, str | None]:
    cfg.source = source
    if not isinstance(section, dict):
        return cfg, f"{source}: error: the lint settings must be a table"
    for key, target in (("disable", cfg.disable), ("warn", cfg.warn), ("error", cfg.error)):
        ids = section.get(key, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return cfg, f"{source}: error: lint {key} must be a list of rule ids"
        unknown = [i for i in ids if i not in RULES]
        if unknown:
            return cfg, f"{source}: error: unknown lint rule {unknown[0]!r} (rules: " + ", ".join(
                RULES
            ) + ")"
        target.update(ids)
    days = section.get("stale-days", cfg.stale_days)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        return cfg, f"{source}: error: lint stale-days must be a whole number of days"
    cfg.stale_days = days
    return cfg, None
