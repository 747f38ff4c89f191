"""What every benchmark prints the same way: the machine line and its tables."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from collections.abc import Sequence


def machine() -> str:
    """One line describing where the numbers come from."""
    cpu = platform.processor() or platform.machine()
    with (
        contextlib.suppress(OSError),
        open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f,
    ):
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {platform.platform()} | CPU: {cpu} | {os.cpu_count()} CPUs | "
        f"Python {platform.python_version()} ({sys.executable})"
    )


def text_table(head: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table: labels left, figures right."""
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]

    def line(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells)

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule, *(line(row) for row in body)])


def markdown_table(head: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """The same table in Markdown (for the README)."""
    out = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    out += ["| " + " | ".join([row[0].strip(), *row[1:]]) + " |" for row in body]
    return "\n".join(out)


def floor_table(
    rows: Sequence[tuple[str, Sequence[float]]], floor: Sequence[float], markdown: bool
) -> str:
    """Best and median of each row's runs (milliseconds) and its best against the floor's."""
    import statistics

    body = [
        [name, f"{min(v):.0f} ms", f"{statistics.median(v):.0f} ms", f"{min(v) / min(floor):.2f}x"]
        for name, v in rows
    ]
    head = ["", "best", "median", "best / floor"]
    return (markdown_table if markdown else text_table)(head, body)
