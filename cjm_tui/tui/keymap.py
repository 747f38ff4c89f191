"""A person's own keys: `[keys]` in config.toml, binding id -> keys, read at start-up.

    # ~/.config/cjm/config.toml  (or the file named by $CJM_CONFIG)
    [keys]
    "touchpoint.moment" = "M"
    "app.quit" = "ctrl+x"

Reading the files is `editing/userconfig.py`'s (headless); this module knows the editor's
binding ids (`tui/bindings.py`), so it leaves out the ids no binding has, and it merges in the
keys' old file, `keymap.toml` ($CJM_KEYMAP), which is still read: config.toml wins for an id
in both, and the editor says once per start that the keys moved. The app hands the result to
Textual (`App.set_keymap`), which applies it by id to every binding it reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cjm_tui.editing.userconfig import UserConfig, load_config, load_keymap_file
from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line
from cjm_tui.tui.bindings import IDS


@dataclass(frozen=True)
class KeySetup:
    """The keys to use (binding id -> keys), and what to tell the person at start-up."""

    keys: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    """One line per file or entry that was left out (its bindings keep their default keys)."""
    notice: str | None = None
    """The keys' old file is still there: where they belong now."""


def _known(keys: Mapping[str, str], path: Path, warnings: list[str]) -> dict[str, str]:
    """`keys` without the ids no binding has, each told in `warnings`."""
    found: dict[str, str] = {}
    for ident, value in keys.items():
        if ident in IDS:
            found[ident] = value
        else:
            warnings.append(
                clean_line(
                    _(
                        '{path}: [keys] "{id}" ignored: no binding has this id (the help '
                        "screen, ?, lists them)",
                        path=path,
                        id=ident,
                    )
                )
            )
    return found


def user_keys(config: UserConfig | None = None, legacy: Path | None = None) -> KeySetup:
    """The person's keys: config.toml's `[keys]` over the old keymap.toml's. Never raises.

    `config`: the settings already read (default: read them); `legacy`: the old file
    (default: $CJM_KEYMAP, else keymap.toml beside the default config.toml).
    """
    config = config if config is not None else load_config()
    old = load_keymap_file(legacy)
    warnings: list[str] = [*old.warnings]
    keys = _known(old.keys, old.path, warnings)
    warnings.extend(config.key_warnings)
    keys.update(_known(config.keys, config.path, warnings))
    notice = None
    if old.found:
        notice = clean_line(
            _(
                "Keys moved to [keys] in {new}; {old} is still read ({new} wins where both "
                "remap a binding).",
                new=config.path,
                old=old.path,
            )
        )
    return KeySetup(keys, tuple(warnings), notice)
