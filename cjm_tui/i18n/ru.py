"""The interface in Russian: English source text -> translation.

A plain string for `_()`; for `_n()` a tuple of the three forms (one, few, many), keyed by
the English singular. Fields in braces stay as they are.
"""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, ...]] = {}
