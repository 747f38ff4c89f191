"""The dialog on open when a recovery draft is waiting: restore it, discard it, or decide later.

It says when the draft was written, how many changes it holds compared to the file (the first
few by id, as `cjm diff` words them), and whether the map file changed on disk after the
draft's editor opened it. Answers "restore" (`r`), "discard" (`d`) or "later" (`escape`).
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from cjm_tui.editing.recovery import Draft
from cjm_tui.i18n import _, _n
from cjm_tui.model import Map
from cjm_tui.sanitize import clean_line
from cjm_tui.tui.screens.choice import ChoiceDialog
from cjm_tui.versions.semdiff import Change

SHOWN_CHANGES = 4
LINE_WIDTH = 64
"""A change is one line, cut to fit the dialog at 80 columns."""


class RecoveryDialog(ChoiceDialog):
    """A waiting draft: `r` restore, `d` discard, `escape` later (the draft stays)."""

    DEFAULT_CSS = """
    RecoveryDialog > Vertical { width: 78; }
    """

    def __init__(
        self,
        draft: Draft,
        current: Map,
        changes: list[Change],
        changed_on_disk: bool,
        exists: bool = True,
    ) -> None:
        super().__init__(
            message(draft, current, changes, changed_on_disk, exists),
            [
                ("r", _("Restore"), "restore"),
                ("d", _("Discard"), "discard"),
                ("escape", _("Later"), "later"),
            ],
            cancel_value="later",
        )
        self.draft = draft


def message(
    draft: Draft, current: Map, changes: list[Change], changed_on_disk: bool, exists: bool
) -> Text:
    """The dialog's text: plain data from the map, never markup."""
    from cjm_tui.versions.diffwords import describe

    when = draft.written.astimezone().strftime("%Y-%m-%d %H:%M")
    name = clean_line(draft.map_name)
    text = Text()
    text.append(_("Unsaved changes were left in a draft of {name} ({when}).", name=name, when=when))
    text.append("\n")
    n = len(changes)
    if exists:
        text.append(_n("It holds {n} change to the file:", "It holds {n} changes to the file:", n))
    else:
        text.append(
            _n(
                "The map was never saved; the draft holds {n} change to a new map:",
                "The map was never saved; the draft holds {n} changes to a new map:",
                n,
            )
        )
    for change in changes[:SHOWN_CHANGES]:
        text.append("\n  ")
        line = describe(replace(change, name=""), current, draft.map)  # ids: room for what
        line.truncate(LINE_WIDTH, overflow="ellipsis")
        text.append_text(line)
    if n > SHOWN_CHANGES:
        text.append("\n  ")
        text.append(_n("… and {n} more", "… and {n} more", n - SHOWN_CHANGES), style="dim")
    if changed_on_disk:
        text.append("\n\n")
        text.append(
            _(
                "The map file changed on disk after this draft was started: restoring puts "
                "the draft's version over those changes (ctrl+z goes back)."
            ),
            style="bold yellow",
        )
    text.append("\n\n")
    text.append(_("Restored changes stay unsaved: the file is as it was until you save."))
    return text
