"""Keys: every default in one registry with ids; a person's own in `[keys]` of config.toml.

- The registry (`cjm_tui/tui/bindings.py`): every binding has an id of its own, docs/keys.md
  lists them, and no app, screen or widget class of the editor declares a binding that is
  not the registry's; each takes its bindings in the current language (`TranslatedBindings`).
- `[keys]` in config.toml remaps by id; the old `keymap.toml` is still read, config.toml wins
  for an id in both, and the editor says once that the keys moved.
- A malformed file or entry is one line naming the file (and the line, where TOML says it):
  the editor opens, and what was left out keeps its default keys.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.notifications import Notification
from textual.widgets import Static

from cjm_tui.cli import main
from cjm_tui.editing.openmap import OpenMap
from cjm_tui.editing.userconfig import load_config, load_keymap_file
from cjm_tui.i18n import set_language
from cjm_tui.tui import bindings
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.keymap import KeySetup, user_keys
from cjm_tui.tui.screens.help import HelpScreen
from cjm_tui.tui.themes import choose_theme

from .conftest import ROOT, editor_classes, until
from .test_store_write import COMMENTED

SIZE = (100, 30)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(config.toml, keymap.toml) in the test's own folder, neither written yet: the editor
    never reads the real ones."""
    config, keymap = tmp_path / "cfg" / "config.toml", tmp_path / "cfg" / "keymap.toml"
    config.parent.mkdir()
    monkeypatch.setenv("CJM_CONFIG", str(config))
    monkeypatch.setenv("CJM_KEYMAP", str(keymap))
    return config, keymap


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A map whose first touchpoint, "sms", is selected when the editor opens."""
    p = tmp_path / "map.toml"
    p.write_text(COMMENTED, encoding="utf-8")
    return p


def moment(app: CjmApp) -> bool | None:
    tp = app.om.map.touchpoint("sms")
    assert tp is not None
    return tp.moment_of_truth


def help_lines(app: CjmApp) -> list[str]:
    """The help screen's key table as text, one row a line."""
    table = app.screen.query(Static).first().content
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text().splitlines()


def told(app: CjmApp, severity: str) -> list[str]:
    notes: list[Notification] = list(app._notifications)
    return [n.message for n in notes if n.severity == severity]


# The registry ------------------------------------------------------------------------------------


def test_every_binding_has_an_id_of_its_own() -> None:
    ids = [b.id for b in bindings.ALL]
    assert all(ids), [b for b in bindings.ALL if not b.id]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert set(ids) == bindings.IDS
    assert all(re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", str(i)) for i in ids)


def test_docs_list_every_binding_id() -> None:
    """docs/keys.md is where a person finds the id to remap (analysis.view_1 ... view_6 and
    across.view_1 ... view_4 are written as ranges)."""
    text = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
    written = set(re.findall(r"`([a-z_]+\.[a-z0-9_]+)`", text))
    missing = {i for i in bindings.IDS if i not in written}
    ranges = {f"analysis.view_{n}" for n in range(2, 6)} | {f"across.view_{n}" for n in (2, 3)}
    assert missing == ranges
    assert written >= {"analysis.view_1", "analysis.view_6", "across.view_1", "across.view_4"}


def test_no_class_declares_a_binding_of_its_own() -> None:
    """Each binding in a class's `BINDINGS` is one of the registry's (the same object), and
    the class takes them translated (`TranslatedBindings`)."""
    registry = {id(b) for b in bindings.ALL}
    classes = editor_classes()
    names = {c.__name__ for c in classes}
    assert names >= {"CjmApp", "MainScreen", "TouchpointList", "QuickAdd", "TimelineView"}
    assert names >= {"EditForm", "ChoiceDialog", "ConfirmDialog", "HelpScreen", "AnalysisTable"}
    for cls in classes:
        assert issubclass(cls, bindings.TranslatedBindings), cls.__qualname__
        for item in cls.__dict__["BINDINGS"]:
            assert isinstance(item, Binding) and id(item) in registry, (cls.__qualname__, item)


# Reading the files (headless) --------------------------------------------------------------------


def test_keys_in_config_toml_are_read_beside_the_other_settings(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'theme = "nord"\n[keys]\n"touchpoint.moment" = "M"\n"app.save" = "ctrl+s,f2"\n',
        encoding="utf-8",
    )
    found = load_config(config)
    assert found.theme == "nord"
    assert found.keys == {"touchpoint.moment": "M", "app.save": "ctrl+s,f2"}
    assert found.warning is None and found.key_warnings == ()


@pytest.mark.parametrize(
    ("text", "kept", "said"),
    [
        pytest.param('[keys]\n"app.quit" = 3\n"list.edit" = "E"\n', {"list.edit": "E"},
                     '"app.quit"', id="not-a-key-string"),
        pytest.param('keys = "app.quit"\n', {}, "[keys]", id="keys-not-a-table"),
        pytest.param('[keys]\n"app.save" = ctrl+s\n', {}, "line 2", id="not-toml"),
        pytest.param(b"[keys]\n\xff = 1\n", {}, "", id="not-utf8"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("name", ["config.toml", "keymap.toml"])
def test_a_malformed_file_or_entry_is_one_line_naming_the_file(
    tmp_path: Path, name: str, text: str | bytes, kept: dict[str, str], said: str
) -> None:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if name == "config.toml":
        config = load_config(path)
        keys, warnings = config.keys, config.key_warnings
    else:
        old = load_keymap_file(path)
        keys, warnings = old.keys, old.warnings
    assert keys == kept
    assert len(warnings) == 1
    assert str(path) in warnings[0] and said in warnings[0] and "\n" not in warnings[0]


def test_no_files_are_no_keys_and_nothing_to_say(files: tuple[Path, Path]) -> None:
    assert user_keys() == KeySetup()
    assert not load_keymap_file().found


def test_config_toml_wins_over_the_old_file_and_unknown_ids_are_left_out(
    files: tuple[Path, Path],
) -> None:
    config, keymap = files
    keymap.write_text(
        '[keys]\n"touchpoint.moment" = "M"\n"list.edit" = "E"\n"list.gone" = "g"\n',
        encoding="utf-8",
    )
    config.write_text('[keys]\n"touchpoint.moment" = "o"\n"no.such" = "x"\n', encoding="utf-8")
    setup = user_keys()
    assert setup.keys == {"touchpoint.moment": "o", "list.edit": "E"}
    assert len(setup.warnings) == 2
    gone, such = setup.warnings
    assert str(keymap) in gone and '"list.gone"' in gone
    assert str(config) in such and '"no.such"' in such
    assert setup.notice is not None and "\n" not in setup.notice
    assert str(config) in setup.notice and str(keymap) in setup.notice


# The editor --------------------------------------------------------------------------------------


async def test_a_remap_in_config_toml_works_on_the_screens_opened_later(
    files: tuple[Path, Path], path: Path
) -> None:
    config, _keymap = files
    config.write_text('[keys]\n"touchpoint.moment" = "M"\n"help.close" = "x"\n', encoding="utf-8")
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert moment(app) is None
        await pilot.press("M")
        await until(pilot, lambda: moment(app) is True)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        row = next(line for line in help_lines(app) if "touchpoint.moment" in line)
        assert row.split()[0] == "M"  # the help shows the person's key, not the default m
        await pilot.press("q")  # help.close's default keys are gone...
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("x")  # ...for the person's own
        await until(pilot, lambda: app.screen is app.main)
        assert told(app, "warning") == [] and told(app, "information") == []


async def test_the_old_keymap_toml_still_works_and_says_the_keys_moved(
    files: tuple[Path, Path], path: Path
) -> None:
    config, keymap = files
    keymap.write_text('[keys]\n"touchpoint.moment" = "M"\n', encoding="utf-8")
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await until(pilot, lambda: moment(app) is True)
        notes = told(app, "information")
        assert len(notes) == 1, notes
        assert str(keymap) in notes[0] and str(config) in notes[0]
        assert told(app, "warning") == []


async def test_config_toml_wins_in_the_editor(files: tuple[Path, Path], path: Path) -> None:
    config, keymap = files
    keymap.write_text('[keys]\n"touchpoint.moment" = "M"\n', encoding="utf-8")
    config.write_text('[keys]\n"touchpoint.moment" = "o"\n', encoding="utf-8")
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M", "m")
        assert moment(app) is None
        await pilot.press("o")
        await until(pilot, lambda: moment(app) is True)


async def test_bad_entries_warn_and_keep_their_defaults(
    files: tuple[Path, Path], path: Path
) -> None:
    """A key that is not a string and an id no binding has: one line each; the entry beside
    them applies, and ctrl+s (whose remap was the bad one) still saves."""
    config, _keymap = files
    config.write_text(
        '[keys]\n"touchpoint.moment" = "M"\n"app.save" = 3\n"no.such" = "x"\n', encoding="utf-8"
    )
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(told(app, "warning")) == 2)
        warnings = told(app, "warning")
        assert all(str(config) in w and "\n" not in w for w in warnings)
        assert '"app.save"' in warnings[0] and '"no.such"' in warnings[1]
        await pilot.press("M")
        await until(pilot, lambda: moment(app) is True)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    assert path.read_text(encoding="utf-8") != COMMENTED


@pytest.mark.parametrize("broken", ["config.toml", "keymap.toml"])
async def test_a_file_that_is_not_toml_warns_once_and_the_editor_opens(
    files: tuple[Path, Path], path: Path, broken: str
) -> None:
    """Built as `cjm edit` builds it (the settings read once, for the theme and the keys): a
    config.toml that is not TOML is told once, not once for each; ctrl+s still saves."""
    config, keymap = files
    bad = config if broken == "config.toml" else keymap
    bad.write_text('[keys]\n"app.save" = ctrl+w\n', encoding="utf-8")
    settings = load_config()
    app = CjmApp(OpenMap.open(path), theme=choose_theme(None, settings), keymap=user_keys(settings))
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(told(app, "warning")))
        await pilot.pause()
        warnings = told(app, "warning")
        assert len(warnings) == 1, warnings
        assert str(bad) in warnings[0] and "line 2" in warnings[0]
        await pilot.press("m", "ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    assert moment(CjmApp(OpenMap.open(path), keymap={})) is True


def test_cjm_edit_reads_the_settings_once_in_the_editors_language(
    files: tuple[Path, Path], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cjm edit --lang pl`: the theme and the keys come from one reading of config.toml,
    after the language is set, so what the editor will tell about them is Polish."""
    config, keymap = files
    config.write_text(
        'theme = 3\n[keys]\n"touchpoint.moment" = "M"\n"no.such" = "x"\n', encoding="utf-8"
    )
    keymap.write_text('[keys]\n"list.edit" = "E"\n', encoding="utf-8")
    seen: list[CjmApp] = []

    def fake_run(self: CjmApp, *args: object, **kwargs: object) -> int:
        seen.append(self)
        return 0

    monkeypatch.setattr(CjmApp, "run", fake_run)
    monkeypatch.setattr("cjm_tui.cli.edit.no_terminal", lambda: None)  # pytest's pipes
    try:
        assert main(["edit", str(path), "--lang", "pl"]) == 0
    finally:
        set_language("en")
    [app] = seen
    assert app._keys.keys == {"touchpoint.moment": "M", "list.edit": "E"}
    assert [w.split(": ", 1)[1] for w in app._keys.warnings] == [
        'pominięto [keys] "no.such": żaden skrót nie ma takiego identyfikatora (lista na '
        "ekranie pomocy, ?)"
    ]
    assert app._keys.notice is not None and app._keys.notice.startswith("Własne klawisze")
    assert app._theme_setup.warning is not None and "pominięto motyw" in app._theme_setup.warning
