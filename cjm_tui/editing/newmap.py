"""A new map, as `cjm new` and the folder list's `n` write it: the starter text, whose first
line (`#:schema ./cjm-map.schema.json`) points TOML language servers (Taplo, Even Better TOML)
at the format's JSON Schema, created never over a file, and that schema beside it."""

from __future__ import annotations

from pathlib import Path

from cjm_tui.exports.schema import FILE_NAME, schema_text
from cjm_tui.store.atomic import create_atomic
from cjm_tui.store.starter import starter_map

SCHEMA_REF = f"./{FILE_NAME}"
"""What the `#:schema` line names: Taplo resolves it against the map's own folder."""


def create_map(
    path: Path, title: str, kind: str = "customer", persona_library: str | None = None
) -> str | None:
    """Write the starter map at `path` (FileExistsError if something is there, OSError if it
    cannot be written: nothing is left behind either way), then the schema beside it.

    Returns a one-line warning about the schema (kept because it differs, or not written),
    or None: the map itself is fine either way, so that is never an error.
    """
    text = starter_map(title, kind, persona_library=persona_library, schema=SCHEMA_REF)
    create_atomic(path, text.encode("utf-8"))
    return _write_schema(path.parent / FILE_NAME)


def _write_schema(target: Path) -> str | None:
    """The schema the `#:schema` line names, unless a file is already there: one schema
    serves a folder of maps, and a copy someone saved or edited is theirs to keep."""
    data = schema_text().encode("utf-8")
    try:
        create_atomic(target, data)
    except FileExistsError:
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            return (
                f"{target}: warning: differs from `cjm schema` (kept as it is; "
                f"`cjm schema -o {target}` updates it)"
            )
    except OSError as exc:
        return f"{target}: warning: cannot write the schema: {exc.strerror or exc}"
    return None
