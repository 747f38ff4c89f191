"""Read-only editors: what they are told, and the one-line refusal of an edit.

The rule itself lives in `OpenMap.read_only` (every edit, undo, redo and save refuses there);
`cjm_tui/together/session.py` decides it at start-up (`--read-only`, or a lock held from
another machine, which cannot be joined).
"""

from __future__ import annotations

from datetime import datetime

from cjm_tui.editing.lock import Holder
from cjm_tui.editing.openmap import OpenMap
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line


def who(holder: Holder, now: datetime | None = None) -> str:
    """`ana@laptop, pid 4242, since 14:03` (the date too when it is not today)."""
    when = holder.since_time()
    since = ""
    if when is not None:
        local = when.astimezone() if when.tzinfo is not None else when
        today = (now or datetime.now().astimezone()).date()
        since = local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")
    user = clean_line(holder.user) or "?"
    host = clean_line(holder.host) or "?"
    if since:
        return _(
            "{user}@{host}, pid {pid}, since {since}",
            user=user,
            host=host,
            pid=holder.pid,
            since=since,
        )
    return _("{user}@{host}, pid {pid}", user=user, host=host, pid=holder.pid)


def opened_note(om: OpenMap, holder: Holder | None) -> str:
    """The notice shown on opening a map read-only."""
    name = clean_line(om.path.name)
    if holder is not None:
        return _(
            "{name} is open in another editor ({who}). This one is read-only: you can look, "
            "but not change or save.",
            name=name,
            who=who(holder),
        )
    return _("{name} is open read-only: you can look, but not change or save.", name=name)


def following_note(om: OpenMap, hosted: bool) -> str:
    """The notice shown on opening a map with --read-only: it follows the others live."""
    name = clean_line(om.path.name)
    if hosted:
        return _(
            "{name} is open read-only: you see the others' changes as they make them, but "
            "cannot change or save.",
            name=name,
        )
    return _(
        "{name} is open read-only: nobody else has it open now; when someone does, you see "
        "their changes as they make them.",
        name=name,
    )


def refusal(holder: Holder | None) -> str:
    """One line for a refused edit or save."""
    if holder is not None:
        return _("Read-only: another editor has this map ({who}).", who=who(holder))
    return _("Read-only: this map was opened with --read-only.")
