"""A JSON Schema (draft 2020-12) of the TOML map format, for editors and CI.

Built from `validate.SCHEMA` (which keys each table has, which are required, and the check
each value must pass) and the words and ranges of `model.rules`, so it cannot drift from
`cjm check`. TOML language servers (for example Taplo, through a `#:schema` comment) read it.

What a JSON Schema cannot say, `cjm check` still checks: ids unique within their table and
references (`stage`, `personas`, emotion keys, `touchpoint`) naming existing ids.
TOML dates have no JSON type: validators that read TOML see them as strings, so `updated`
and `due` are strings with format "date" (or "date-time", which the format also allows), and
a `pattern` too, because many validators ignore `format`.
The `$id` is a URN naming the format version (the project has no website to host a URL).
Unknown keys and tables are allowed everywhere (additionalProperties), because the format
keeps them.
"""

from __future__ import annotations

import inspect
from typing import Any

from cjm_tui.model import validate
from cjm_tui.model.entities import METRIC_BETTER
from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN, FORMAT_VERSION, ID_PATTERN

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "cjm-map.schema.json"
"""What `cjm new` names the copy it writes beside a new map (its `#:schema` line names it)."""
SCHEMA_ID = f"urn:cjm-tui:map-format:{FORMAT_VERSION}"
"""The schema's `$id`: stable for a format version, changed with it."""

# A TOML local date, or a date-time as TOML writes it (T, t or a space between date and time,
# optional fractions of a second, optional Z or UTC offset), or as a JSON validator's TOML
# reader may print one (Python's isoformat: T and +00:00). A TOML local time is no date.
_DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
DATE_PATTERN = f"^{_DAY}({_TIME}([Zz]|[+-][0-9]{{2}}:[0-9]{{2}})?)?$"
# JSON Schema's "date-time" wants an offset: a TOML local date-time needs its own branch.
LOCAL_DATE_TIME_PATTERN = f"^{_DAY}{_TIME}$"

TABLE_TITLES = {
    "map": "The map itself: format version, title and what it is about",
    "personas": "Personas, segments or employee roles",
    "stages": "Journey stages, in journey order",
    "touchpoints": "Touchpoints, in journey order within their stage",
    "actions": "The improvement plan",
}

_DEFS: dict[str, Any] = {
    "id": {
        "type": "string",
        "pattern": f"^{ID_PATTERN.pattern}$",
        "description": "A slug: a-z, 0-9, - and _, starting with a letter or digit, "
        "at most 64 characters",
    },
    "date": {
        "type": "string",
        "pattern": DATE_PATTERN,
        "anyOf": [
            {"format": "date"},
            {"format": "date-time"},
            {"pattern": LOCAL_DATE_TIME_PATTERN},
        ],
        "description": "A TOML date (2026-11-20) or date-time; JSON-based validators see "
        "TOML dates as strings",
    },
    "emotion_value": {
        "type": "integer",
        "minimum": EMOTION_MIN,
        "maximum": EMOTION_MAX,
        "description": "-2 very negative, -1 negative, 0 neutral, +1 positive, +2 very positive",
    },
    "text_list": {"type": "array", "items": {"type": "string"}},
    "metrics": {
        "type": "object",
        "additionalProperties": {"type": "number"},
        "description": "Team-chosen measures: name -> number",
    },
    "metric_definitions": {
        "type": "object",
        "description": "What each metric means ([map.metrics.NAME])",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "target": {"type": "number"},
                "better": {"type": "string", "enum": list(METRIC_BETTER)},
            },
            "additionalProperties": True,
        },
    },
    "link": {
        "type": "string",
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]",
        "description": "An http:// or https:// link (the ticket)",
    },
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _words(check: validate.Check) -> list[str] | None:
    """The allowed words of a `validate.one_of` check, else None."""
    if check.__qualname__ != validate.one_of(()).__qualname__:
        return None
    allowed = inspect.getclosurevars(check).nonlocals.get("allowed")
    return list(allowed) if isinstance(allowed, tuple) else None


# Keys that refer to other entries by id: a reference to a non-slug can never resolve.
_REFERENCES = {("touchpoints", "stage"), ("actions", "touchpoint")}


def _value(table: str, key: str, check: validate.Check | None) -> dict[str, Any]:
    if (table, key) in _REFERENCES:
        return _ref("id")
    if (table, key) == ("touchpoints", "personas"):
        return {"type": "array", "items": _ref("id")}
    if check is None:
        if key == "id":
            return _ref("id")
        if table == "map" and key == "format":
            return {"type": "integer", "const": FORMAT_VERSION}
        raise ValueError(f"no schema for {table}.{key}")
    if check is validate.text:
        return {"type": "string"}
    if check is validate.boolean:
        return {"type": "boolean"}
    if check is validate.date:
        return _ref("date")
    if check is validate.text_list:
        return _ref("text_list")
    if check is validate.table:
        return _ref("metric_definitions" if table == "map" else "metrics")
    if check is validate.web_link:
        return _ref("link")
    if check is validate.emotion:
        return {
            "oneOf": [
                _ref("emotion_value"),
                {
                    "type": "object",
                    "propertyNames": _ref("id"),
                    "additionalProperties": _ref("emotion_value"),
                    "description": "One emotion per persona id",
                },
            ]
        }
    words = _words(check)
    if words is not None:
        return {"type": "string", "enum": words}
    raise ValueError(f"no schema for {table}.{key}")


def _table(table: str) -> dict[str, Any]:
    keys = validate.SCHEMA[table]
    return {
        "type": "object",
        "description": TABLE_TITLES[table],
        "required": [key for key, (required, _) in keys.items() if required],
        "properties": {key: _value(table, key, check) for key, (_, check) in keys.items()},
        "additionalProperties": True,
    }


def json_schema() -> dict[str, Any]:
    """The schema as a dict, ready for `json.dumps`."""
    properties: dict[str, Any] = {"map": _table("map")}
    for table in validate.TABLE_LABEL:
        entries: dict[str, Any] = {"type": "array", "items": _table(table)}
        if table == "stages":
            entries["minItems"] = 1
        properties[table] = entries
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_ID,
        "title": f"cjm customer journey map (format {FORMAT_VERSION})",
        "description": "One customer or employee journey map per TOML file. Ids must also be "
        "unique within their table and references must name existing ids (cjm check).",
        "type": "object",
        "required": ["map", "stages"],
        "properties": properties,
        "additionalProperties": True,
        "$defs": _DEFS,
    }


def schema_text() -> str:
    """The schema as `cjm schema` prints it and `cjm new` saves it: indented JSON, UTF-8."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
