"""The main screen's layout at 80x24 and 120x40: how much of each name a person can read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm_tui.i18n import set_language
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.screens.help import HelpScreen
from cjm_tui.tui.screens.main import MainScreen

from .conftest import TELECOM, until

LONG_NAME = 'Bus-stop poster "30 GB for PLN 25"'


def app_on(tmp_path: Path) -> CjmApp:
    path = tmp_path / "telecom.toml"
    shutil.copyfile(TELECOM, path)
    app = build_app(path, keymap={})
    app.animation_level = "none"
    return app


def screen_lines(app: CjmApp) -> list[str]:
    """What the terminal shows, line by line (the compositor's lines; private but exact)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def name_shown(lines: list[str], start: str) -> str:
    """The part of the touchpoint name beginning `start` that the Touchpoints pane shows."""
    row = next(line for line in lines if start in line)
    rest = row[row.index(start) :]
    return rest.split("│")[0].rstrip().rstrip("…")


@pytest.mark.parametrize("lang", ["en", "pl"])
async def test_at_80x24_the_touchpoints_show_28_characters_of_a_name(
    tmp_path: Path, lang: str
) -> None:
    set_language(lang)
    try:
        app = app_on(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
            await pilot.pause()
            lines = screen_lines(app)
            assert len(name_shown(lines, "Bus-stop")) >= 28
            # The full name is in the Details tab beside it (wrapped, never cut).
            details = " ".join(line.split("│")[-1].strip() for line in lines[3:6])
            assert LONG_NAME in details
            # The three side tabs fit: none is cut.
            tabs = lines[1].split("╮")[-1]
            assert tabs.rstrip().endswith(("Actions", "Plan", "Действия"))
    finally:
        set_language("en")


@pytest.mark.parametrize("lang", ["en", "pl"])
async def test_at_120x40_the_timeline_legend_names_all_four_personas(
    tmp_path: Path, lang: str
) -> None:
    set_language(lang)
    try:
        app = app_on(tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
            await pilot.pause()
            lines = screen_lines(app)
            legend = lines[-3]  # above the pane's bottom border and the footer
            for short in ["● Ola", "■ Marek", "▲ Pani Halina", "▼ Oleksandr"]:
                assert short in legend
    finally:
        set_language("en")


async def test_at_80x24_help_shows_each_key_id_whole(tmp_path: Path) -> None:
    """An id is what a person types into config.toml: the help folded "app.quit_ct" / "rl"."""
    set_language("pl")  # the longest descriptions leave the id column the least room
    try:
        app = app_on(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.pause()
            text = "\n".join(screen_lines(app))
            for ident in ["app.quit_ctrl", "main.focus_personas", "main.focus_touchpoints"]:
                assert ident in text
    finally:
        set_language("en")
