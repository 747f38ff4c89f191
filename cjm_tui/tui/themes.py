"""The editor's themes: Textual's own, plus a high-contrast one, chosen by name and remembered.

`cjm edit FILE --theme NAME` (and any command that starts the editor) calls `choose_theme()`:
the name given, else the one remembered in the user's `config.toml`, else Textual's dark theme.
The app (`CjmApp`) applies it, registers `HIGH_CONTRAST`, and remembers every later choice,
including one made in the command palette's "Change theme".

Map colours (persona curves, emotions, moments of truth) are not theme variables: the panes
draw them from `cjm_tui.views.colours`, and `PaletteFilter` swaps them for the theme's palette
variant as the screen is drawn, so a light or ANSI theme never shows a yellow curve on white.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.color import Color as RichColor
from rich.color import ColorType
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import BUILTIN_THEMES, Theme

from cjm_tui.editing.userconfig import UserConfig, load_config
from cjm_tui.i18n import _
from cjm_tui.views import colours

DEFAULT = "textual-dark"

HIGH_CONTRAST = Theme(
    name="cjm-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5F5F",
    success="#5FFF5F",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.25,
    text_alpha=1.0,
    variables={
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "panel-lighten-2": "#FFFFFF",
        "text-muted": "#FFFFFF",
        "foreground-muted": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        # Textual draws a blurred list's highlighted row in the foreground colour (white).
        "block-cursor-blurred-background": "#4D4D4D",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-hover-background": "#333333",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 40%",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
    },
)
"""Black background, white text, bright yellow for focus, the cursor and keys."""

THEMES: tuple[Theme, ...] = (HIGH_CONTRAST,)
"""The editor's own themes, registered next to Textual's."""

ALIASES: dict[str, str] = {
    "dark": DEFAULT,
    "light": "textual-light",
    "high-contrast": HIGH_CONTRAST.name,
    "ansi": "ansi-dark",
}
"""Short names for `--theme`; the full name is what is remembered."""


def all_themes() -> dict[str, Theme]:
    """Every theme by name: Textual's built-in ones and the editor's."""
    return {**BUILTIN_THEMES, **{theme.name: theme for theme in THEMES}}


def theme_names() -> list[str]:
    """What `--theme` accepts: the short names, then every theme's name."""
    return [*ALIASES, *sorted(all_themes())]


def resolve(name: str) -> str | None:
    """The theme's full name for `name` (a full or short name), or None if there is none."""
    name = name.strip()
    name = ALIASES.get(name, name)
    return name if name in all_themes() else None


def register_themes(app: App[Any]) -> None:
    """Make the editor's own themes available to `app` (and its theme switcher)."""
    for theme in THEMES:
        app.register_theme(theme)


class UnknownTheme(ValueError):
    """`--theme` named no theme; the message is the one line to print."""


@dataclass(frozen=True)
class ThemeSetup:
    """The theme the editor starts with, and where (whether) it remembers the next choice."""

    name: str = DEFAULT
    explicit: bool = False
    """Given on the command line: remembered as soon as the editor starts."""
    config: Path | None = None
    """The settings file that remembers choices; None (tests): nothing is remembered."""
    saved: str | None = None
    """The theme the settings file holds now."""
    warning: str | None = None
    """One line for the editor to show (a broken settings file, a theme it does not know)."""


def choose_theme(requested: str | None, config: UserConfig | None = None) -> ThemeSetup:
    """The theme for `--theme requested` (None: not given), reading the user's settings.

    Raises UnknownTheme for a name no theme has. A remembered theme that no longer exists is
    a warning, not an error: the editor starts in the default theme.
    """
    config = config if config is not None else load_config()
    saved = config.theme
    if requested is not None:
        name = resolve(requested)
        if name is None:
            raise UnknownTheme(
                _(
                    "unknown theme {name!r} for --theme: choose from {names}",
                    name=requested,
                    names=", ".join(theme_names()),
                )
            )
        return ThemeSetup(name, True, config.path, saved, config.warning)
    warning = config.warning
    name = resolve(saved) if saved is not None else DEFAULT
    if name is None:
        warning = warning or _(
            "{path}: unknown theme {name!r} ignored", path=config.path, name=saved
        )
        name = DEFAULT
    return ThemeSetup(name, False, config.path, saved, warning)


def palette_variant(theme: Theme) -> str:
    """The palette variant (`cjm_tui.views.colours.VARIANTS`) that reads well in `theme`."""
    return colours.variant_for(
        dark=theme.dark, ansi=theme.ansi, high_contrast=theme.name == HIGH_CONTRAST.name
    )


def _key(colour: RichColor | None) -> tuple[int, int, int] | None:
    """A colour's value, or None for one the terminal decides (default, the 16 ANSI ones)."""
    if colour is None or colour.type in (ColorType.DEFAULT, ColorType.STANDARD, ColorType.WINDOWS):
        return None
    r, g, b = colour.get_truecolor()
    return (r, g, b)


class PaletteFilter(LineFilter):
    """Swaps the palette's colours for a variant's as the screen is drawn.

    Matches colours by value, whichever way a widget passed them on (hex, 256-colour grey,
    or Textual's own colours), and leaves every other colour, and every attribute, as it is.
    """

    def __init__(self, variant: str) -> None:
        super().__init__(enabled=bool(colours.VARIANTS[variant]))
        self.variant = variant
        self._colours: dict[tuple[int, int, int], RichColor] = {}
        for source, target in colours.VARIANTS[variant].items():
            key = _key(RichColor.parse(source))
            if key is not None:
                self._colours[key] = RichColor.parse(target)
        self._styles: dict[Style, Style] = {}

    def _swap(self, colour: RichColor | None) -> RichColor | None:
        key = _key(colour)
        return None if key is None else self._colours.get(key)

    def restyle(self, style: Style) -> Style:
        found = self._styles.get(style)
        if found is None:
            fg, bg = self._swap(style.color), self._swap(style.bgcolor)
            found = style if fg is None and bg is None else style + Style(color=fg, bgcolor=bg)
            if len(self._styles) > 4096:
                self._styles.clear()
            self._styles[style] = found
        return found

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        restyle = self.restyle
        return [
            Segment(text, restyle(style) if style is not None else None, control)
            for text, style, control in segments
        ]


_FILTERS: dict[str, PaletteFilter] = {}


def palette_filter(theme: Theme) -> PaletteFilter:
    """The filter for `theme` (one per variant, so Textual's per-filter caches stay warm)."""
    variant = palette_variant(theme)
    found = _FILTERS.get(variant)
    if found is None:
        found = _FILTERS[variant] = PaletteFilter(variant)
    return found
