"""The map format's rules, checked on the plain data tomllib gives.

Every problem is collected (not only the first) with the path of the offending value;
the store turns paths into lines and columns. The words and ranges live in `model.rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from functools import partial
from typing import Any

from cjm_tui.model.problems import Problem
from cjm_tui.model.rules import (
    EMOTION_MAX,
    EMOTION_MIN,
    FORMAT_VERSION,
    KINDS,
    LEVELS,
    METRIC_BETTER,
    STATES,
    STATUSES,
    is_slug,
    is_web_link,
)

Path = tuple[str | int, ...]
Check = Callable[[Any], str | None]
"""Returns what is wrong with a value (or None when it is fine)."""

TABLE_LABEL = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "actions": "action",
}


def _entry_label(table: str, index: int, ident: Any) -> str:
    """How a message names an entry: `touchpoint "t-1"`, or `[[touchpoints]] #3` without an id."""
    if isinstance(ident, str):
        return f"{TABLE_LABEL[table]} {show(ident)}"
    return f"[[{table}]] #{index + 1}"


def show(value: Any) -> str:
    """A value as it would look in TOML, short, for messages."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        import json  # messages only: a valid map never needs it

        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{k} = {show(v)}" for k, v in value.items()) + " }"
    elif isinstance(value, list):
        text = "[" + ", ".join(show(v) for v in value) + "]"
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# Type checks ------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(value: Any) -> str | None:
    return None if isinstance(value, str) else "expected text"


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def date(value: Any) -> str | None:
    return None if isinstance(value, dt.date) else "expected a TOML date (2026-11-20)"


def text_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return "expected a list of text"


def one_of(words: Iterable[str]) -> Check:
    allowed = tuple(words)

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return "expected one of " + ", ".join(f'"{w}"' for w in allowed)

    return check


def emotion_value(value: Any) -> str | None:
    if not _is_int(value):
        return f"expected an integer {EMOTION_MIN}..+{EMOTION_MAX}"
    if not EMOTION_MIN <= value <= EMOTION_MAX:
        return f"emotion must be within {EMOTION_MIN}..+{EMOTION_MAX}"
    return None


def emotion(value: Any) -> str | None:
    if isinstance(value, dict):
        return None  # each entry is checked on its own, with its own location
    if _is_int(value):
        return emotion_value(value)
    return f"expected an integer {EMOTION_MIN}..+{EMOTION_MAX} or a table of persona ids"


def table(value: Any) -> str | None:
    # each entry is checked on its own, with its own location (`_Validator.metrics`)
    return None if isinstance(value, dict) else "expected a table"


def metric_value(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None
    return "expected a number"


def web_link(value: Any) -> str | None:
    if not isinstance(value, str):
        return "expected text"
    if is_web_link(value):
        return None
    return "expected an http:// or https:// link"


METRIC_DEFINITION: dict[str, Check] = {
    "label": text,
    "target": metric_value,
    "better": one_of(METRIC_BETTER),
}


# What each table's keys must be: (required, check). Ids and references are checked apart.
SCHEMA: dict[str, dict[str, tuple[bool, Check | None]]] = {
    "map": {
        "format": (True, None),
        "title": (True, text),
        "kind": (False, one_of(KINDS)),
        "description": (False, text),
        "owner": (False, text),
        "updated": (False, date),
        "persona_library": (False, text),
        "metrics": (False, table),
    },
    "personas": {
        "id": (True, None),
        "name": (True, text),
        "description": (False, text),
        "goals": (False, text_list),
        "pains": (False, text_list),
        "quote": (False, text),
    },
    "stages": {
        "id": (True, None),
        "name": (True, text),
        "description": (False, text),
        "goal": (False, text),
    },
    "touchpoints": {
        "id": (True, None),
        "stage": (True, text),
        "name": (True, text),
        "channel": (False, text),
        "personas": (False, text_list),
        "doing": (False, text),
        "thinking": (False, text),
        "feeling": (False, text),
        "expectation": (False, text),
        "experience": (False, text),
        "emotion": (False, emotion),
        "moment_of_truth": (False, boolean),
        "mot_reason": (False, text),
        "pain_points": (False, text_list),
        "opportunities": (False, text_list),
        "owner": (False, text),
        "backstage": (False, text_list),
        "support": (False, text_list),
        "evidence": (False, text_list),
        "status": (False, one_of(STATUSES)),
        "metrics": (False, table),
    },
    "actions": {
        "id": (True, None),
        "touchpoint": (True, text),
        "title": (True, text),
        "owner": (False, text),
        "effort": (False, one_of(LEVELS)),
        "impact": (False, one_of(LEVELS)),
        "quick_win": (False, boolean),
        "due": (False, date),
        "state": (False, one_of(STATES)),
        "link": (False, web_link),
    },
}


class _Validator:
    def __init__(
        self,
        raw: dict[str, Any],
        strict: bool,
        library: Collection[str] | None = None,
        library_broken: bool = False,
    ) -> None:
        self.raw = raw
        self.strict = strict
        self.library = tuple(library or ())
        """The ids of the personas of the map's persona library (read by the store)."""
        self.library_broken = library_broken
        """The library could not be read: references to personas are not checked."""
        self.problems: list[Problem] = []

    def error(self, path: Path, message: str, at_value: bool = False) -> None:
        self.problems.append(Problem(message, path, "error", at_value))

    def warning(self, path: Path, message: str) -> None:
        self.problems.append(Problem(message, path, "warning"))

    def run(self) -> list[Problem]:
        raw = self.raw
        self.map_table()
        ids = {table: self.entries(table) for table in TABLE_LABEL}
        if self.library:
            own = ids["personas"]
            for ident, index in own.items():
                if ident in self.library:
                    self.error(
                        ("personas", index, "id"),
                        f"duplicate persona id {show(ident)} (first used by the persona library)",
                        at_value=True,
                    )
            ids["personas"] = {
                **{ident: -1 for ident in self.library},
                **{k: v for k, v in own.items() if k not in self.library},
            }
        if not raw.get("stages"):
            self.error((), "the map has no stages: add at least one [[stages]] table")
        self.references(ids)
        if self.strict:
            for key in raw:
                if key not in SCHEMA:
                    self.warning((key,), f'unknown table or key "{key}" (kept as it is)')
        return self.problems

    def map_table(self) -> None:
        info = self.raw.get("map")
        if info is None:
            self.error((), "missing [map] table (with format = 1 and a title)")
            return
        if not isinstance(info, dict):
            self.error(("map",), "map must be a table: [map]", at_value=True)
            return
        self.keys("map", ("map",), info, lambda: "[map]")
        self.metric_definitions(info.get("metrics"))
        version = info.get("format")
        if version is not None and (not _is_int(version) or version != FORMAT_VERSION):
            self.error(
                ("map", "format"),
                f"format = {show(version)} is not supported "
                f"(this cjm reads format {FORMAT_VERSION})",
                at_value=True,
            )

    def keys(
        self, table: str, path: Path, entry: dict[str, Any], label_of: Callable[[], str]
    ) -> None:
        """Required keys present, every known key of the right type, unknown keys noted.

        `label_of()` names the entry in messages (made only when one is needed)."""
        for key, (required, check) in SCHEMA[table].items():
            if key not in entry:
                if required:
                    self.error(path, f'missing required key "{key}" in {label_of()}')
                continue
            if check is not None:
                problem = check(entry[key])
                if problem:
                    self.error(
                        (*path, key), f"{key} = {show(entry[key])}: {problem}", at_value=True
                    )
        if self.strict:
            for key in entry:
                if key not in SCHEMA[table]:
                    self.warning(
                        (*path, key), f'unknown key "{key}" in {label_of()} (kept as it is)'
                    )

    def metric_definitions(self, definitions: Any) -> None:
        """`[map.metrics.NAME]`: each a table of a text label, a number target, a direction."""
        if not isinstance(definitions, dict):
            return  # absent, or already reported as not a table
        for name, definition in definitions.items():
            path: Path = ("map", "metrics", name)
            if not isinstance(definition, dict):
                self.error(
                    path,
                    f"map.metrics.{show(name)} = {show(definition)}: expected a table",
                    at_value=True,
                )
                continue
            for key, check in METRIC_DEFINITION.items():
                if key in definition:
                    problem = check(definition[key])
                    if problem:
                        self.error(
                            (*path, key),
                            f"{key} = {show(definition[key])}: {problem}",
                            at_value=True,
                        )
            if self.strict:
                for key in definition:
                    if key not in METRIC_DEFINITION:
                        self.warning(
                            (*path, key),
                            f'unknown key "{key}" in [map.metrics.{name}] (kept as it is)',
                        )

    def entries(self, table: str) -> dict[str, int]:
        """Check every entry of an array table; return its ids with their indexes."""
        entries = self.raw.get(table)
        seen: dict[str, int] = {}
        if entries is None:
            return seen
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.error((table,), f"{table} must be an array of tables: [[{table}]]", at_value=True)
            return seen
        for index, entry in enumerate(entries):
            path: Path = (table, index)
            ident = entry.get("id")
            if isinstance(ident, str):
                if not is_slug(ident):
                    self.error(
                        (*path, "id"),
                        f"id = {show(ident)} is not a valid id: use "
                        "a-z, 0-9, - and _, starting with a letter or digit, "
                        "at most 64 characters",
                        at_value=True,
                    )
                elif ident in seen:
                    self.error(
                        (*path, "id"),
                        f"duplicate {TABLE_LABEL[table]} id "
                        f"{show(ident)} (first used by {table} #{seen[ident] + 1})",
                        at_value=True,
                    )
                else:
                    seen[ident] = index
            elif ident is not None:
                self.error((*path, "id"), f"id = {show(ident)}: expected text", at_value=True)
            self.keys(table, path, entry, partial(_entry_label, table, index, ident))
        return seen

    def references(self, ids: dict[str, dict[str, int]]) -> None:
        stages, personas, touchpoints = ids["stages"], ids["personas"], ids["touchpoints"]
        for index, tp in enumerate(self._list("touchpoints")):
            path: Path = ("touchpoints", index)
            stage = tp.get("stage")
            if isinstance(stage, str) and stage not in stages:
                self.error(
                    (*path, "stage"),
                    f"stage = {show(stage)} is not the id of a stage" + _known(stages),
                    at_value=True,
                )
            names = tp.get("personas")
            if self.library_broken:
                names = None
            if isinstance(names, list) and text_list(names) is None:
                for i, pid in enumerate(names):
                    if pid not in personas:
                        self.error(
                            (*path, "personas", i),
                            f"personas: {show(pid)} is not the id of a persona" + _known(personas),
                            at_value=True,
                        )
            measures = tp.get("metrics")
            if isinstance(measures, dict):
                for name, value in measures.items():
                    problem = metric_value(value)
                    if problem:
                        self.error(
                            (*path, "metrics", name),
                            f"metrics.{show(name)} = {show(value)}: {problem}",
                            at_value=True,
                        )
            feel = tp.get("emotion")
            if isinstance(feel, dict):
                for pid, value in feel.items():
                    if pid not in personas and not self.library_broken:
                        self.error(
                            (*path, "emotion", pid),
                            f"emotion: {show(pid)} is not the id of a persona" + _known(personas),
                        )
                    problem = emotion_value(value)
                    if problem:
                        self.error(
                            (*path, "emotion", pid),
                            f"emotion.{pid} = {show(value)}: {problem}",
                            at_value=True,
                        )
        for index, action in enumerate(self._list("actions")):
            ref = action.get("touchpoint")
            if isinstance(ref, str) and ref not in touchpoints:
                self.error(
                    ("actions", index, "touchpoint"),
                    f"touchpoint = {show(ref)} is not the id of a touchpoint",
                    at_value=True,
                )

    def _list(self, table: str) -> list[dict[str, Any]]:
        entries = self.raw.get(table)
        if isinstance(entries, list) and all(isinstance(e, dict) for e in entries):
            return entries
        return []  # already reported by `entries`


def _known(ids: dict[str, int]) -> str:
    if not ids:
        return " (the map defines none)"
    names = list(ids)
    listed = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
    return f" (known: {listed})"


def validate(
    raw: dict[str, Any],
    strict: bool = False,
    library: Collection[str] | None = None,
    library_broken: bool = False,
) -> list[Problem]:
    """Every problem of a parsed map; unknown keys are warnings only when `strict`.

    `library`: the persona ids of the map's persona library, which references may name and
    the map's own personas may not reuse; `library_broken`: the library named in
    `persona_library` could not be read, so references to personas are not checked (the
    store reports the library itself).
    """
    return _Validator(raw, strict, library, library_broken).run()


LIBRARY_ONLY = "a persona library holds only [[personas]] tables (and comments)"


def validate_library(raw: dict[str, Any], strict: bool = False) -> list[Problem]:
    """Every problem of a parsed persona library: only `[[personas]]`, each as in a map."""
    checker = _Validator(raw, strict)
    for key in raw:
        if key != "personas":
            checker.error((key,), f'"{key}": {LIBRARY_ONLY}')
    checker.entries("personas")
    return checker.problems
