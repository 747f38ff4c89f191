"""Themes and the user's settings file: choosing, remembering, and map colours in every theme."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from cjm_tui.cli import edit, main
from cjm_tui.editing.openmap import OpenMap
from cjm_tui.editing.userconfig import ConfigError, config_path, load_config, remember
from cjm_tui.tui.app import CjmApp
from cjm_tui.tui.components.touchpoints_pane import TouchpointList
from cjm_tui.tui.themes import (
    HIGH_CONTRAST,
    PaletteFilter,
    ThemeSetup,
    UnknownTheme,
    all_themes,
    choose_theme,
    palette_variant,
    resolve,
    theme_names,
)
from cjm_tui.views import colours

from .conftest import TELECOM, copy_of, until

COMMENTED_CONFIG = """\
# My cjm settings. Keep this comment.
lang = "pl"  # the language, for now

[keys]
# remaps, for keymap.toml one day
"app.quit" = "ctrl+x"
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$CJM_CONFIG pointing into the test's own folder (never the real one)."""
    path = tmp_path / "settings" / "config.toml"
    monkeypatch.setenv("CJM_CONFIG", str(path))
    return path


def app_with(path: Path, setup: ThemeSetup) -> CjmApp:
    app = CjmApp(OpenMap.open(path), keymap={}, theme=setup)
    app.animation_level = "none"
    return app


# The settings file ---------------------------------------------------------------------------


def test_the_settings_file_is_where_cjm_config_says(config: Path) -> None:
    assert config_path() == config
    assert config_path({}).name == "config.toml"
    assert "cjm" in str(config_path({}))


def test_no_file_is_no_settings_and_no_warning(config: Path) -> None:
    found = load_config()
    assert found.values == {} and found.warning is None and found.theme is None


def test_remember_keeps_comments_and_other_keys(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(COMMENTED_CONFIG, encoding="utf-8")
    remember("theme", "textual-light")
    text = config.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED_CONFIG.split("\n[keys]")[0])
    assert "# remaps, for keymap.toml one day" in text
    assert 'lang = "pl"  # the language, for now' in text
    assert load_config().theme == "textual-light"
    remember("theme", "nord")  # a second change replaces the value in place
    again = config.read_text(encoding="utf-8")
    assert again == text.replace('"textual-light"', '"nord"')
    assert load_config().values["keys"] == {"app.quit": "ctrl+x"}


def test_remember_creates_the_file_and_its_folder(config: Path) -> None:
    remember("theme", "ansi-dark")
    assert config.read_text(encoding="utf-8") == 'theme = "ansi-dark"\n'


def test_a_broken_file_is_a_one_line_warning_and_is_never_overwritten(config: Path) -> None:
    config.parent.mkdir(parents=True)
    broken = b'theme = "nord\n# half-edited\n'
    config.write_bytes(broken)
    found = load_config()
    assert found.values == {}
    assert found.warning is not None and "\n" not in found.warning
    assert str(config) in found.warning
    with pytest.raises(ConfigError) as caught:
        remember("theme", "textual-light")
    assert "\n" not in str(caught.value)
    assert config.read_bytes() == broken


def test_a_theme_that_is_not_a_string_is_a_warning(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("theme = 3\n", encoding="utf-8")
    found = load_config()
    assert found.theme is None
    assert found.warning is not None and "theme" in found.warning


# Choosing a theme ----------------------------------------------------------------------------


def test_short_names_and_full_names() -> None:
    assert resolve("dark") == "textual-dark"
    assert resolve("light") == "textual-light"
    assert resolve("high-contrast") == HIGH_CONTRAST.name
    assert resolve("ansi") == "ansi-dark"
    assert resolve("ansi-light") == "ansi-light"
    assert resolve("nord") == "nord"
    assert resolve("no-such-theme") is None
    names = theme_names()
    assert {"dark", "light", "high-contrast", "ansi", "cjm-high-contrast"} <= set(names)
    assert set(BUILTIN_THEMES) <= set(names)


def test_choose_theme_prefers_the_option_then_the_file_then_dark(config: Path) -> None:
    assert choose_theme(None).name == "textual-dark"
    assert not choose_theme(None).explicit
    remember("theme", "nord")
    assert choose_theme(None).name == "nord"
    chosen = choose_theme("light")
    assert (chosen.name, chosen.explicit, chosen.saved) == ("textual-light", True, "nord")
    assert chosen.config == config
    with pytest.raises(UnknownTheme) as caught:
        choose_theme("sepia")
    assert "sepia" in str(caught.value) and "high-contrast" in str(caught.value)


def test_a_remembered_theme_that_is_gone_is_a_warning(config: Path) -> None:
    remember("theme", "retired-theme")
    chosen = choose_theme(None)
    assert chosen.name == "textual-dark"
    assert chosen.warning is not None and "retired-theme" in chosen.warning


def test_unknown_theme_on_the_command_line_is_one_line_and_exit_2(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(TELECOM, tmp_path)
    assert main(["edit", str(path), "--theme", "sepia"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "sepia" in err
    assert all(name in err for name in ("dark", "light", "high-contrast", "ansi", "nord"))
    assert not config.exists()


def test_theme_option_reaches_the_editor(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cjm edit FILE --theme light`: the app is built with that theme, to be remembered."""
    seen: list[ThemeSetup] = []

    def fake_run(self: CjmApp, *args: Any, **kwargs: Any) -> int:
        seen.append(self._theme_setup)
        assert self.theme == "textual-light"
        return 0

    monkeypatch.setattr(CjmApp, "run", fake_run)
    monkeypatch.setattr("cjm_tui.cli.edit.no_terminal", lambda: None)  # pytest's pipes
    path = copy_of(TELECOM, tmp_path)
    assert main(["edit", str(path), "--theme", "light"]) == 0
    assert [(s.name, s.explicit, s.config) for s in seen] == [("textual-light", True, config)]
    args = argparse.Namespace(theme=None)
    assert edit.theme_of(args) == choose_theme(None)


# The editor in a theme -------------------------------------------------------------------------


async def test_the_chosen_theme_applies_and_is_remembered(config: Path, tmp_path: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(COMMENTED_CONFIG, encoding="utf-8")
    app = app_with(copy_of(TELECOM, tmp_path), choose_theme("high-contrast"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "cjm-high-contrast"
        assert load_config().theme == "cjm-high-contrast"
        # The focused pane's border is heavy, not only brighter.
        assert app.main.query_one(TouchpointList).styles.border_top[0] == "heavy"
        # A theme picked while the editor runs (the palette's "Change theme") is kept too.
        app.theme = "textual-light"
        await pilot.pause()
        assert load_config().theme == "textual-light"
        assert app.main.query_one(TouchpointList).styles.border_top[0] == "round"
    text = config.read_text(encoding="utf-8")
    assert "# My cjm settings. Keep this comment." in text
    assert 'lang = "pl"  # the language, for now' in text


async def test_the_palette_theme_switcher_is_remembered(config: Path, tmp_path: Path) -> None:
    app = app_with(copy_of(TELECOM, tmp_path), choose_theme(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not config.exists()  # starting in the default theme writes nothing
        app.search_themes()  # what the palette's "Change theme" opens
        await pilot.pause()
        await pilot.press(*"solarized-light")
        commands = app.screen.query("CommandList").first()
        await until(
            pilot,
            lambda: any("solarized-light" in str(o.prompt) for o in commands.options[:1]),
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "solarized-light"
    assert load_config().theme == "solarized-light"


async def test_a_broken_settings_file_is_a_warning_in_the_editor(
    config: Path, tmp_path: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("theme = [unclosed\n", encoding="utf-8")
    app = app_with(copy_of(TELECOM, tmp_path), choose_theme(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert str(config) in warnings[0].message and "\n" not in warnings[0].message
        app.theme = "nord"  # cannot be remembered: said in one line, the file stays
        await pilot.pause()
        assert any("not changed" in n.message for n in app._notifications)
    assert config.read_text(encoding="utf-8") == "theme = [unclosed\n"


# Map colours in every theme --------------------------------------------------------------------


def _luminance(colour: RichColor) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RichColor, b: RichColor) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


MAP_COLOURS = sorted({*colours.PERSONA_COLOURS, *colours.EMOTION_COLOURS.values()})


@pytest.mark.parametrize("variant", sorted(colours.VARIANTS))
def test_each_variant_keeps_personas_and_emotions_apart(variant: str) -> None:
    personas = [colours.variant_colour(c, variant) for c in colours.PERSONA_COLOURS]
    emotions = [colours.variant_colour(c, variant) for c in colours.EMOTION_COLOURS.values()]
    assert len(set(personas)) == len(personas)
    assert len(set(emotions)) == len(emotions)
    for colour in [*personas, *emotions]:
        RichColor.parse(colour)  # every one is a colour the terminal can be given


def test_light_colours_read_on_a_light_background() -> None:
    background = RichColor.parse(BUILTIN_THEMES["textual-light"].background or "#E0E0E0")
    for colour in MAP_COLOURS:
        shown = RichColor.parse(colours.variant_colour(colour, "light"))
        assert contrast(shown, background) >= 3.0, colour
    # ...which the dark palette's yellow, orange and sky blue do not.
    assert contrast(RichColor.parse(colours.OKABE_ITO["yellow"]), background) < 1.5


def test_high_contrast_colours_read_on_black() -> None:
    black = RichColor.parse("#000000")
    for colour in MAP_COLOURS:
        shown = RichColor.parse(colours.variant_colour(colour, "high-contrast"))
        assert contrast(shown, black) >= 4.5, colour


def test_ansi_variants_use_the_terminals_own_colours() -> None:
    for variant in ("ansi-dark", "ansi-light"):
        for colour in MAP_COLOURS:
            shown = RichColor.parse(colours.variant_colour(colour, variant))
            assert shown.number is not None and shown.number < 16, (variant, colour)


def test_every_theme_gets_the_variant_for_its_background() -> None:
    themes = all_themes()
    assert palette_variant(themes["textual-dark"]) == "dark"
    assert palette_variant(themes["textual-light"]) == "light"
    assert palette_variant(themes["solarized-light"]) == "light"
    assert palette_variant(themes["cjm-high-contrast"]) == "high-contrast"
    assert palette_variant(themes["ansi-dark"]) == "ansi-dark"
    assert palette_variant(themes["ansi-light"]) == "ansi-light"


async def test_the_screen_shows_the_variants_colours(tmp_path: Path) -> None:
    """Drawn in the light theme, the map's orange and sky blue are the darker light ones, in
    every pane (the personas list, the touchpoints' numbers, the timeline); switching back to
    dark brings the originals back."""
    app = app_with(copy_of(TELECOM, tmp_path), ThemeSetup(name="textual-light"))
    orange, sky = colours.OKABE_ITO["orange"], colours.OKABE_ITO["sky_blue"]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot().lower()
        assert orange.lower() not in svg and sky.lower() not in svg
        assert colours.variant_colour(orange, "light").lower() in svg
        assert colours.variant_colour(sky, "light").lower() in svg
        app.theme = "textual-dark"
        await pilot.pause()
        svg = app.export_screenshot().lower()
        assert orange.lower() in svg and sky.lower() in svg
        assert colours.variant_colour(orange, "light").lower() not in svg


def test_the_filter_swaps_map_colours_and_nothing_else() -> None:
    light = PaletteFilter("light")
    yellow = Style(color=colours.OKABE_ITO["yellow"], bold=True)
    selected = colours.SELECTED_STYLE
    other = Style(color="#123456", bgcolor="#E0E0E0")
    out = light.apply(
        [Segment("✚", yellow), Segment(" ", selected), Segment("x", other), Segment("y")],
        Color(224, 224, 224),
    )
    assert out[0].style is not None and out[0].style.color == RichColor.parse("#000000")
    assert out[0].style.bold
    assert out[1].style is not None and out[1].style.bgcolor == RichColor.parse("#C8C8C8")
    assert out[2].style == other
    assert out[3].style is None
    assert not PaletteFilter("dark").enabled  # the palette is made for dark backgrounds


# Pictures --------------------------------------------------------------------------------------


def settled(app: CjmApp) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_main_screen_in_theme(snap_compare: Any, tmp_path: Path, theme: str) -> None:
    """The telecom map as it opens (see test_snapshots.test_main_screen), at 80x24, in the
    light theme (light grey background, dark text; the curves and emotion numbers in dark
    orange, blue, green and purple that read on it: no pale yellow or sky blue) and in the
    high-contrast theme (black background, white text; the focused Touchpoints pane in a
    heavy yellow border, the highlighted row black on yellow, the blue +2 brightened)."""
    app = app_with(copy_of(TELECOM, tmp_path), ThemeSetup(name=resolve(theme) or ""))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(app))
