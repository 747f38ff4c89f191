"""A person's own settings: `config.toml` in their config directory (or the file $CJM_CONFIG names).

    # ~/.config/cjm/config.toml
    theme = "textual-light"   # the editor's colours; remembered when you pick one

Reading never fails: a missing file is no settings, a broken one is no settings and a one-line
warning for the editor to show. Writing changes one key and keeps the rest of the file as the
person wrote it (comments, other keys, their order), atomically. Headless: no textual here.
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


class ConfigError(Exception):
    """The settings file could not be changed; the message is one line, for a person."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """$CJM_CONFIG if set, else `config.toml` in the platform's user config directory for cjm."""
    env = os.environ if environ is None else environ
    explicit = env.get(ENV_VAR)
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_path

    return user_config_path("cjm") / FILE_NAME


@dataclass(frozen=True)
class UserConfig:
    """What the settings file holds (`values`), and why it was ignored (`warning`), if it was."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)
    warning: str | None = None

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
        return UserConfig(path, warning=_ignored(path, exc))
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return UserConfig(path, warning=_ignored(path, exc))
    warning = None
    if "theme" in values and not isinstance(values["theme"], str):
        warning = clean_line(
            _('{path}: theme ignored: it must be a string, like theme = "nord"', path=path)
        )
    return UserConfig(path, values, warning)


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
