"""A person's own settings: `config.toml` in their config directory (or the file $CJM_CONFIG names).

    # ~/.config/cjm/config.toml
    theme = "textual-light"   # the editor's colours; remembered when you pick one

    [keys]                    # the editor's keys, binding id -> keys (docs/keys.md)
    "touchpoint.moment" = "M"
    "app.save" = "ctrl+s,f2"

Reading never fails: a missing file is no settings, a broken one is no settings and a one-line
warning for the editor to show; a `[keys]` entry that is not a key string is left out with a
line of its own. Writing changes one key and keeps the rest of the file as the person wrote it
(comments, other keys, their order), atomically. Headless: no textual here, so whether a
binding id exists is the editor's to check (`tui/keymap.py`).

Keys used to live in a file of their own, `keymap.toml` beside this one ($CJM_KEYMAP): it is
still read (`load_keymap_file`), and the editor says they moved.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm_tui.i18n import _
from cjm_tui.sanitize import clean_line
from cjm_tui.store.atomic import write_atomic

ENV_VAR = "CJM_CONFIG"
FILE_NAME = "config.toml"
KEYMAP_ENV_VAR = "CJM_KEYMAP"
KEYMAP_FILE_NAME = "keymap.toml"
"""The keys' old file (before `[keys]` in config.toml), still read."""


class ConfigError(Exception):
    """The settings file could not be changed; the message is one line, for a person."""


def _user_file(env_var: str, name: str, environ: Mapping[str, str] | None) -> Path:
    """The path in `env_var` if set, else `name` in the platform's user config directory."""
    env = os.environ if environ is None else environ
    explicit = env.get(env_var)
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_path  # only when needed: it costs start-up time

    return user_config_path("cjm") / name


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """$CJM_CONFIG if set, else `config.toml` in the platform's user config directory for cjm."""
    return _user_file(ENV_VAR, FILE_NAME, environ)


def keymap_path(environ: Mapping[str, str] | None = None) -> Path:
    """The keys' old file: $CJM_KEYMAP if set, else `keymap.toml` beside the default settings."""
    return _user_file(KEYMAP_ENV_VAR, KEYMAP_FILE_NAME, environ)


@dataclass(frozen=True)
class UserConfig:
    """What the settings file holds (`values`), and why it was ignored (`warning`), if it was."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)
    warning: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    """`[keys]`: binding id -> keys ("ctrl+s,f2"), the entries that are key strings."""
    key_warnings: tuple[str, ...] = ()
    """One line per `[keys]` entry left out; the file's own warning when it was unreadable
    (its keys were left out too)."""

    @property
    def theme(self) -> str | None:
        value = self.values.get("theme")
        return value if isinstance(value, str) else None


def _ignored(path: Path, exc: BaseException) -> str:
    return clean_line(_("{path}: settings ignored: {reason}", path=path, reason=exc))


def _not_changed(path: Path, exc: BaseException) -> str:
    return clean_line(_("{path}: not changed: {reason}", path=path, reason=exc))


def load_config(path: Path | None = None) -> UserConfig:
    """The settings at `path` (default: `config_path()`). Never raises."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserConfig(path)
    except (OSError, UnicodeDecodeError) as exc:
        return _unreadable(path, _ignored(path, exc))
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message says the line and column
        return _unreadable(path, _ignored(path, exc))
    warning = None
    if "theme" in values and not isinstance(values["theme"], str):
        warning = clean_line(
            _('{path}: theme ignored: it must be a string, like theme = "nord"', path=path)
        )
    keys, key_warnings = keys_of(values, path)
    return UserConfig(path, values, warning, keys, key_warnings)


def _unreadable(path: Path, warning: str) -> UserConfig:
    return UserConfig(path, warning=warning, key_warnings=(warning,))


def keys_of(values: Mapping[str, Any], path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """The `[keys]` table of a settings file read into `values`: the entries whose value is a
    key string, and one line for each entry (or a whole table) that is not."""
    table = values.get("keys")
    if table is None:
        return {}, ()
    if not isinstance(table, dict):
        return {}, (
            clean_line(
                _(
                    "{path}: keymap ignored: [keys] must map binding ids to key strings",
                    path=path,
                )
            ),
        )
    keys: dict[str, str] = {}
    warnings: list[str] = []
    for ident, value in table.items():
        if isinstance(value, str):
            keys[ident] = value
        else:
            warnings.append(
                clean_line(
                    _(
                        '{path}: [keys] "{id}" ignored: keys must be a string, like "ctrl+s,f2"',
                        path=path,
                        id=ident,
                    )
                )
            )
    return keys, tuple(warnings)


@dataclass(frozen=True)
class KeymapFile:
    """The keys' old file: whether it is there, its key strings, and what was left out."""

    path: Path
    found: bool = False
    keys: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def load_keymap_file(path: Path | None = None) -> KeymapFile:
    """`[keys]` of the old `keymap.toml` (default: `keymap_path()`), read by the rules of
    config.toml's `[keys]`. Never raises."""
    path = path or keymap_path()
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return KeymapFile(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        line = clean_line(_("{path}: keymap ignored: {error}", path=path, error=exc))
        return KeymapFile(path, True, warnings=(line,))
    keys, warnings = keys_of(values, path)
    return KeymapFile(path, True, keys, warnings)


def remember(key: str, value: str, path: Path | None = None) -> None:
    """Set the top-level `key` to `value` in the settings file, creating it if need be.

    Everything else in the file stays as it was. A file that is not valid TOML is left alone
    (its owner may be halfway through editing it). Raises ConfigError.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_not_changed(path, exc)) from exc
    try:
        doc = tomlkit.parse(text)
        doc[key] = value
        data = doc.as_string().encode("utf-8")
    except TOMLKitError as exc:
        raise ConfigError(_not_changed(path, exc)) from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        raise ConfigError(_not_changed(path, exc)) from exc
