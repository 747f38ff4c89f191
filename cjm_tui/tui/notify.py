"""Notifications that may quote a map: always plain text, never markup."""

from __future__ import annotations

from typing import Any

from textual.dom import DOMNode

from cjm_tui.sanitize import clean_line


def tell(node: DOMNode, message: str, **kwargs: Any) -> None:
    """`notify`, with markup off and control characters stripped (map text is data)."""
    title = kwargs.pop("title", "")
    node.app.notify(clean_line(message), title=clean_line(title), markup=False, **kwargs)
