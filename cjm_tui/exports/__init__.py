"""Exports of a map to other formats (headless: no textual here).

Each module has `render(m: Map) -> str` (`mermaid` also takes an optional persona id;
`svg.chart` gives the chart as an element, which `html` embeds);
`schema` has `json_schema() -> dict`.
`FORMATS` maps a `cjm export --format` name to its renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm_tui.exports import csvtable, html, jsondata, markdown, mermaid, svg
from cjm_tui.model import Map

FORMATS: dict[str, Callable[[Map], str]] = {
    "markdown": markdown.render,
    "csv": csvtable.render,
    "json": jsondata.render,
    "mermaid": mermaid.render,
    "svg": svg.render,
    "html": html.render,
}

__all__ = ["FORMATS"]
