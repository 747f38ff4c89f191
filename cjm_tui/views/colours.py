"""Colours and symbols for the emotion timeline, safe for colour-blind readers.

Colours come from the Okabe-Ito palette, and nothing relies on colour alone: every persona curve
also has its own symbol, every emotion is also written as a number, and a moment of truth is a
marker, not a tint. Colours are hex strings rich downgrades for 256- and 16-colour terminals.
"""

from __future__ import annotations

from rich.style import Style

from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN
from cjm_tui.model.rules import emotion_label as emotion_label  # its home is the rules

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
"""The Okabe-Ito colours (its black is left out: it vanishes on dark terminals)."""

PERSONA_COLOURS: tuple[str, ...] = tuple(
    OKABE_ITO[name]
    for name in (
        "orange",
        "sky_blue",
        "bluish_green",
        "reddish_purple",
        "yellow",
        "blue",
        "vermillion",
    )
)
"""Curve colours in the order personas get them."""

PERSONA_SYMBOLS: tuple[str, ...] = ("●", "■", "▲", "▼", "✚", "★", "✖", "○", "□", "△", "▽", "◇")
"""One-cell symbols; a persona's symbol tells its curve apart without colour."""

OVERALL_SYMBOL = "●"
OVERALL_COLOUR = "default"
"""The single curve of a map without per-persona emotions: the terminal's own text colour."""

EMOTION_COLOURS: dict[int, str] = {
    -2: OKABE_ITO["vermillion"],
    -1: OKABE_ITO["orange"],
    0: OKABE_ITO["grey"],
    1: OKABE_ITO["sky_blue"],
    2: OKABE_ITO["blue"],
}
"""A diverging scale: warm for negative, grey for neutral, blue for positive."""

NO_EMOTION_COLOUR = OKABE_ITO["grey"]

MOT_SYMBOL = "◆"
MOT_STYLE = Style(color=OKABE_ITO["reddish_purple"], bold=True)
"""The moment-of-truth marker and its style."""

SELECTED_SYMBOL = "↓"  # not a persona symbol: those include ▼
SELECTED_BACKGROUND = "grey23"
SELECTED_STYLE = Style(bgcolor=SELECTED_BACKGROUND)
"""The selected touchpoint's column: a marker above it and a background behind it."""

STAGE_STYLE = Style(bold=True)
RULE_STYLE = Style(dim=True)
"""Stage names, and the separators and guides that only give structure."""


# Variants for the editor's themes ------------------------------------------------------------
#
# Everything above is written for a dark background. On a light one the Okabe-Ito yellow, orange
# and sky blue are nearly invisible, a high-contrast theme wants brighter colours, and an ANSI
# theme wants the terminal's own palette. A variant maps each colour above to the one to show
# instead; the editor swaps them as it draws (`cjm_tui/tui/themes.py`), so code keeps using the
# names above (and `cjm show` and the exports keep the colours as they are). Every variant keeps
# the emotion scale warm to cool, its ends apart from its middle, and the persona colours apart;
# symbols and numbers carry the meaning in any case.

VARIANTS: dict[str, dict[str, str]] = {
    "dark": {},
    "light": {
        OKABE_ITO["orange"]: "#A86800",
        OKABE_ITO["sky_blue"]: "#2A85C0",
        OKABE_ITO["bluish_green"]: "#00785A",
        OKABE_ITO["yellow"]: "#000000",  # Okabe-Ito's own black, where its yellow would vanish
        OKABE_ITO["blue"]: "#00436E",
        OKABE_ITO["vermillion"]: "#A33F00",
        OKABE_ITO["reddish_purple"]: "#A8457F",
        OKABE_ITO["grey"]: "#5E5E5E",
        SELECTED_BACKGROUND: "#C8C8C8",
    },
    "high-contrast": {
        OKABE_ITO["blue"]: "#4F8BFF",  # 4:1 on black is too faint for this theme
        OKABE_ITO["vermillion"]: "#FF6A1A",
        OKABE_ITO["grey"]: "#C0C0C0",
    },
    "ansi-dark": {
        OKABE_ITO["orange"]: "yellow",
        OKABE_ITO["sky_blue"]: "bright_cyan",
        OKABE_ITO["bluish_green"]: "green",
        OKABE_ITO["yellow"]: "bright_yellow",
        OKABE_ITO["blue"]: "bright_blue",
        OKABE_ITO["vermillion"]: "red",
        OKABE_ITO["reddish_purple"]: "magenta",
        OKABE_ITO["grey"]: "white",
        SELECTED_BACKGROUND: "bright_black",
    },
    "ansi-light": {
        OKABE_ITO["orange"]: "yellow",
        OKABE_ITO["sky_blue"]: "cyan",
        OKABE_ITO["bluish_green"]: "green",
        OKABE_ITO["yellow"]: "black",
        OKABE_ITO["blue"]: "blue",
        OKABE_ITO["vermillion"]: "red",
        OKABE_ITO["reddish_purple"]: "magenta",
        OKABE_ITO["grey"]: "bright_black",
        SELECTED_BACKGROUND: "white",
    },
}
"""Per variant: colour above -> colour to show instead (absent: shown as it is)."""


def variant_for(*, dark: bool, ansi: bool = False, high_contrast: bool = False) -> str:
    """The variant for a theme: by its background (`dark`), and whether it uses the
    terminal's own colours (`ansi`) or asks for high contrast."""
    if high_contrast:
        return "high-contrast"
    if ansi:
        return "ansi-dark" if dark else "ansi-light"
    return "dark" if dark else "light"


def variant_colour(colour: str, variant: str) -> str:
    """What `colour` (one of this module's) becomes in `variant`."""
    return VARIANTS[variant].get(colour, colour)


def persona_style(index: int) -> tuple[str, str]:
    """The (symbol, colour) of the persona at `index` in the map's persona list.

    Symbols stay distinct for the first 12 personas and (symbol, colour) pairs for the first 84.
    """
    if index < 0:
        raise ValueError(f"persona index must be 0 or more, not {index}")
    return (
        PERSONA_SYMBOLS[index % len(PERSONA_SYMBOLS)],
        PERSONA_COLOURS[index % len(PERSONA_COLOURS)],
    )


def emotion_colour(value: int | None) -> str:
    """The colour of an emotion value (-2..+2); grey for no emotion or a value off the scale."""
    if value is None:
        return NO_EMOTION_COLOUR
    return EMOTION_COLOURS.get(value, NO_EMOTION_COLOUR)


def emotion_style(value: int | None) -> Style:
    """Style for an emotion number: its colour, bold at the ends of the scale."""
    return Style(color=emotion_colour(value), bold=value in (EMOTION_MIN, EMOTION_MAX))
