"""`cjm diff OLD NEW`: what changed between two versions of a map, by id, not by line."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from cjm_tui.cli import output
from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from rich.text import Text

    from cjm_tui.model import Map
    from cjm_tui.semdiff import Change

LABEL = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "actions": "action",
    "map": "map",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed between two versions of a map",
        description="Compare two maps by id: entries added, removed, renamed, moved between "
        "stages or reordered, and every changed field old -> new (emotions with an arrow).",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for tools",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.semdiff import diff_maps

    old_file = load_or_report(args.old)
    new_file = load_or_report(args.new)
    if old_file is None or new_file is None:
        return 2
    changes = diff_maps(old_file.map, new_file.map)
    if args.format == "json":
        print(json.dumps({"changes": [c.as_json() for c in changes]}, ensure_ascii=False, indent=2))
        return 0
    console = output.stdout()
    if not changes:
        console.print("No changes.")
        return 0
    for change in changes:
        console.print(describe(change, old_file.map, new_file.map))
    return 0


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(clean_line(str(v)) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, int):
        return f"{value:+d}" if value else "0"
    return json.dumps(clean_line(str(value)), ensure_ascii=False)


def _arrow(old: int | None, new: int | None) -> str:
    if old is None or new is None:
        return ""
    return " ↑" if new > old else " ↓" if new < old else ""


def _emotion(old: Any, new: Any) -> str:
    if isinstance(old, dict) or isinstance(new, dict):
        before = old if isinstance(old, dict) else {}
        after = new if isinstance(new, dict) else {}
        parts = []
        for pid in [*before, *(p for p in after if p not in before)]:
            a, b = before.get(pid), after.get(pid)
            if a != b:
                parts.append(f"{clean_line(pid)} {_value(a)} → {_value(b)}{_arrow(a, b)}")
        if not isinstance(old, dict) and old is not None:
            parts.insert(0, f"all {_value(old)} → per persona")
        if not isinstance(new, dict) and new is not None:
            parts.append(f"per persona → all {_value(new)}")
        return "emotion " + ", ".join(parts)
    return f"emotion {_value(old)} → {_value(new)}{_arrow(old, new)}"


def describe(change: Change, old: Map, new: Map) -> Text:
    """One line for a change, coloured by kind, map text as data."""
    from rich.text import Text

    what = LABEL[change.table]
    name = f" “{clean_line(change.name)}”" if change.name else ""
    head = "map" if change.table == "map" else f"{what} {clean_line(change.id)}{name}"
    if change.kind == "added":
        stage = change.extra.get("stage")
        where = f" in stage {clean_line(new.stage_name(stage))}" if stage else ""
        return Text(f"+ {head}{where}", style="green")
    if change.kind == "removed":
        stage = change.extra.get("stage")
        where = f" from stage {clean_line(old.stage_name(stage))}" if stage else ""
        return Text(f"- {head}{where}", style="red")
    if change.kind == "renamed":
        return Text(
            f"~ {what} {clean_line(change.old)} renamed to {clean_line(change.new)}{name}",
            style="yellow",
        )
    if change.kind == "moved":
        return Text(
            f"→ {head}: moved from stage {clean_line(old.stage_name(change.old))} to "
            f"{clean_line(new.stage_name(change.new))}",
            style="cyan",
        )
    if change.kind == "reordered":
        return Text(f"↕ {head}: moved in journey order", style="cyan")
    if change.key == "moment_of_truth":
        became = bool(change.new)
        text = "is now a moment of truth" if became else "is no longer a moment of truth"
        return Text(f"◆ {head}: {text}", style="magenta")
    if change.key == "emotion":
        return Text(f"~ {head}: {_emotion(change.old, change.new)}", style="yellow")
    key = clean_line(change.key or "")
    return Text(f"~ {head}: {key} {_value(change.old)} → {_value(change.new)}", style="yellow")
