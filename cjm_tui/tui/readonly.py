"""Read-only editors: taking the map's lock when the editor opens, and saying who holds it.

The rule itself lives in `OpenMap.read_only` (every edit, undo, redo and save refuses there);
this module decides it at start-up (`claim`) and words the one-line refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cjm_tui.editing.lock import Holder, Locked, MapLock, acquire
from cjm_tui.editing.openmap import OpenMap
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line


@dataclass
class Claim:
    """What opening the map found: our lock, or who holds it, or why no lock was taken."""

    lock: MapLock | None = None
    holder: Holder | None = None
    warning: str | None = None


def claim(om: OpenMap) -> Claim:
    """Take the map's lock; when another running editor holds it, make `om` read-only.

    A map opened read-only on purpose takes no lock (it never writes). A lock that cannot be
    written (a read-only folder) leaves the map editable, with a warning.
    """
    if om.read_only:
        return Claim()
    try:
        return Claim(lock=acquire(om.path))
    except Locked as exc:
        om.read_only = True
        return Claim(holder=exc.holder)
    except OSError as exc:
        reason = clean_line(exc.strerror or str(exc))
        return Claim(
            warning=_(
                "Could not mark {name} as open ({reason}): another editor would not know "
                "this one has it.",
                name=clean_line(om.path.name),
                reason=reason,
            )
        )


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


def refusal(holder: Holder | None) -> str:
    """One line for a refused edit or save."""
    if holder is not None:
        return _("Read-only: another editor has this map ({who}).", who=who(holder))
    return _("Read-only: this map was opened with --read-only.")
