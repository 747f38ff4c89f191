"""A semantic diff's changes as sentences a reviewer reads (`cjm diff`, the recovery dialog).

`describe` gives one coloured line per change, map text as data; `value_text` is how a field's
value is written there and in the git textconv. Headless: Rich text, no textual.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line

if TYPE_CHECKING:
    from rich.text import Text

    from cjm_tui.model import Map
    from cjm_tui.versions.semdiff import Change

LABEL = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "actions": "action",
    "map": "map",
}


def value_text(value: Any, signed: bool = False) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(clean_line(str(v)) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, int):
        return f"{value:+d}" if signed and value else str(value)
    if isinstance(value, float):
        return str(value)
    if isinstance(value, dict):
        pairs = (f"{clean_line(k)}={value_text(v, signed)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(clean_line(str(value)), ensure_ascii=False)


def _arrow(old: float | None, new: float | None) -> str:
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
                parts.append(
                    f"{clean_line(pid)} {value_text(a, True)} → {value_text(b, True)}{_arrow(a, b)}"
                )
        if not isinstance(old, dict) and old is not None:
            parts.insert(0, _("all {value} → per persona", value=value_text(old, True)))
        if not isinstance(new, dict) and new is not None:
            parts.append(_("per persona → all {value}", value=value_text(new, True)))
        return _("emotion") + " " + ", ".join(parts)
    return _("emotion") + f" {value_text(old, True)} → {value_text(new, True)}{_arrow(old, new)}"


def _metrics(old: Any, new: Any) -> str:
    """`metrics csat 3.1 → 3.4 ↑, nps (none) → 12`: each metric that changed, by name."""
    before = old if isinstance(old, dict) else {}
    after = new if isinstance(new, dict) else {}
    parts = []
    for name in [*before, *(n for n in after if n not in before)]:
        a, b = before.get(name), after.get(name)
        if a != b or type(a) is not type(b):
            parts.append(f"{clean_line(str(name))} {value_text(a)} → {value_text(b)}{_arrow(a, b)}")
    return _("metrics") + " " + ", ".join(parts)


def table_word(table: str) -> str:
    """What an entry of `table` is called in a change line ("touchpoint"; "map")."""
    words = {
        "personas": _("persona"),
        "stages": _("stage"),
        "touchpoints": _("touchpoint"),
        "actions": _("action"),
        "map": _("map"),
    }
    return words[table]


def describe(change: Change, old: Map, new: Map) -> Text:
    """One line for a change, coloured by kind, map text as data."""
    from rich.text import Text

    what = table_word(change.table)
    name = f" “{clean_line(change.name)}”" if change.name else ""
    head = what if change.table == "map" else f"{what} {clean_line(change.id)}{name}"
    if change.kind == "added":
        stage = change.extra.get("stage")
        where = _(" in stage {stage}", stage=clean_line(new.stage_name(stage))) if stage else ""
        return Text(f"+ {head}{where}", style="green")
    if change.kind == "removed":
        stage = change.extra.get("stage")
        where = _(" from stage {stage}", stage=clean_line(old.stage_name(stage))) if stage else ""
        return Text(f"- {head}{where}", style="red")
    if change.kind == "renamed":
        renamed = _(
            "{what} {old} renamed to {new}",
            what=what,
            old=clean_line(change.old),
            new=clean_line(change.new),
        )
        return Text(f"~ {renamed}{name}", style="yellow")
    if change.kind == "moved":
        moved = _(
            "moved from stage {old} to {new}",
            old=clean_line(old.stage_name(change.old)),
            new=clean_line(new.stage_name(change.new)),
        )
        return Text(f"→ {head}: {moved}", style="cyan")
    if change.kind == "reordered":
        return Text(f"↕ {head}: " + _("moved in journey order"), style="cyan")
    if change.key == "moment_of_truth":
        became = bool(change.new)
        text = _("is now a moment of truth") if became else _("is no longer a moment of truth")
        return Text(f"◆ {head}: {text}", style="magenta")
    if change.key == "emotion":
        return Text(f"~ {head}: {_emotion(change.old, change.new)}", style="yellow")
    if change.key == "metrics" and change.table == "touchpoints":
        return Text(f"~ {head}: {_metrics(change.old, change.new)}", style="yellow")
    key = clean_line(change.key or "")
    return Text(
        f"~ {head}: {key} {value_text(change.old)} → {value_text(change.new)}", style="yellow"
    )
