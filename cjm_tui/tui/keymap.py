"""A person's own keys: `[keys]` in `keymap.toml`, binding id -> keys, read at start-up.

    # ~/.config/cjm/keymap.toml  (or the file named by $CJM_KEYMAP)
    [keys]
    "touchpoint.moment" = "M"
    "app.quit" = "ctrl+x"

Binding ids are listed in `cjm_tui/tui/bindings.py` and on the help screen (`?`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from cjm_tui.i18n import _


def keymap_path() -> Path:
    explicit = os.environ.get("CJM_KEYMAP")
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("cjm")) / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The remapped keys, and a warning for a person when the file could not be used."""
    path = path or keymap_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, _("{path}: keymap ignored: {error}", path=path, error=exc)
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        return {}, _(
            "{path}: keymap ignored: [keys] must map binding ids to key strings", path=path
        )
    return dict(keys), None
