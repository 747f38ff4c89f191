"""Exports of a map to other formats (headless: no textual here).

Each module has `render(m: Map) -> str`; `schema` has `json_schema() -> dict`.
`FORMATS` maps a `cjm export --format` name to its renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm_tui.exports import csvtable, jsondata, markdown
from cjm_tui.model import Map

FORMATS: dict[str, Callable[[Map], str]] = {
    "markdown": markdown.render,
    "csv": csvtable.render,
    "json": jsondata.render,
}

__all__ = ["FORMATS"]
