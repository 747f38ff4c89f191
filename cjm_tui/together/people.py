"""Who has a map open together: one line per editor, for the header and the palette."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Any

from cjm_tui.editing.lock import this_host, this_user
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line


@dataclass(frozen=True)
class Person:
    id: str
    """host:pid:random, the same in every editor and after a takeover (two editors in one
    process, as in tests, still differ)."""
    user: str
    host: str
    via: str
    """"terminal" or "browser" (a `cjm serve` tab)."""
    follow: bool = False
    """Opened with --read-only: looks, never changes."""
    hosting: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user": self.user,
            "host": self.host,
            "via": self.via,
            "follow": self.follow,
            "hosting": self.hosting,
        }

    @classmethod
    def from_json(cls, data: Any) -> Person:
        if not isinstance(data, dict):
            raise ValueError("a person is a table")
        return cls(
            id=str(data.get("id", "?")),
            user=str(data.get("user", "?")),
            host=str(data.get("host", "?")),
            via=str(data.get("via", "terminal")),
            follow=bool(data.get("follow", False)),
            hosting=bool(data.get("hosting", False)),
        )

    def describe(self) -> str:
        """`ana@laptop, terminal` (`, looking only`, `, hosts the map`)."""
        via = _("browser tab") if self.via == "browser" else _("terminal")
        text = _("{user}@{host}, {via}", user=self.user, host=self.host, via=via)
        if self.follow:
            text += _(", looking only")
        if self.hosting:
            text += _(", hosts the map")
        return clean_line(text)


def myself(follow: bool) -> Person:
    """This editor: a `cjm serve` tab runs under Textual's web driver."""
    browser = os.environ.get("TEXTUAL_DRIVER", "").endswith("WebDriver")
    return Person(
        id=f"{this_host()}:{os.getpid()}:{secrets.token_hex(4)}",
        user=this_user(),
        host=this_host(),
        via="browser" if browser else "terminal",
        follow=follow,
    )
