"""A problem found in a map file, and the one line every command prints for it."""

from __future__ import annotations

from typing import Literal

from cjm_tui.sanitize import clean_line

Severity = Literal["error", "warning"]


class Problem:
    """What is wrong, and where: `path` names the value (`("touchpoints", 3, "emotion")`).

    Written out rather than a dataclass: `cjm check` then starts without importing
    `dataclasses` (~5 ms). Equal when every field but `excerpt` is."""

    def __init__(
        self,
        message: str,
        path: tuple[str | int, ...] = (),
        severity: Severity = "error",
        at_value: bool = False,
        file: str = "",
        line: int = 1,
        column: int = 1,
        excerpt: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.severity: Severity = severity
        self.at_value = at_value
        """Point the column at the value rather than at its key."""
        self.file = file
        self.line = line
        self.column = column
        self.excerpt = excerpt

    def _key(self) -> tuple[object, ...]:
        return (
            self.message,
            self.path,
            self.severity,
            self.at_value,
            self.file,
            self.line,
            self.column,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Problem(message={self.message!r}, path={self.path!r}, "
            f"severity={self.severity!r}, at_value={self.at_value!r}, file={self.file!r}, "
            f"line={self.line!r}, column={self.column!r}, excerpt={self.excerpt!r})"
        )

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
