"""A problem found in a map file, and the one line every command prints for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cjm_tui.sanitize import clean_line

Severity = Literal["error", "warning"]


@dataclass
class Problem:
    """What is wrong, and where: `path` names the value (`("touchpoints", 3, "emotion")`)."""

    message: str
    path: tuple[str | int, ...] = ()
    severity: Severity = "error"
    at_value: bool = False
    """Point the column at the value rather than at its key."""
    file: str = ""
    line: int = 1
    column: int = 1
    excerpt: str | None = field(default=None, compare=False)

    def format(self) -> str:
        """`FILE:LINE:COL: error: message`, safe to print (no control characters)."""
        return clean_line(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}")

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "path": list(self.path),
        }


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
