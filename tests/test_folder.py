"""`cjm edit DIR`: the folder's maps as a list (Pilot, snapshots, and the real command in a
pty: open a map, quit it, back on the list)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from cjm_tui.exports.schema import schema_text
from cjm_tui.reports.folder_list import MapRow, first_rows, read_row
from cjm_tui.reports.map_files import find_map_files
from cjm_tui.tui.folder_app import FolderApp
from cjm_tui.tui.screens.folder import FolderScreen
from cjm_tui.tui.screens.new_map import NewMapScreen

from .conftest import ROOT, SAMPLE_MAPS, until
from .terminal import Terminal, environment, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
FIXED = 1_796_083_200  # 2026-12-01 00:00 UTC: the "Changed" column is the same on every run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample maps, one of them again in a subfolder, a broken file, and what is skipped:
    a hidden folder and a virtualenv. The samples' persona library is in the hidden folder
    (the list shows maps; how it shows a library is not decided yet)."""
    root = tmp_path / "engagement"
    (root / "segments").mkdir(parents=True)
    (root / ".shared").mkdir()
    shutil.copyfile(ROOT / "maps" / "personas.toml", root / ".shared" / "personas.toml")
    for source in SAMPLE_MAPS:
        text = source.read_text(encoding="utf-8")
        text = text.replace(
            'persona_library = "personas.toml"', 'persona_library = ".shared/personas.toml"'
        )
        (root / source.name).write_text(text, encoding="utf-8")
    shutil.copyfile(ROOT / "maps" / "telecom-prepaid.toml", root / "segments" / "students.toml")
    (root / "broken.toml").write_text("[map\ntitle = 'x'\n", encoding="utf-8")
    for skipped in (".git", ".venv"):
        (root / skipped).mkdir()
        shutil.copyfile(ROOT / "maps" / "telecom-prepaid.toml", root / skipped / "hidden.toml")
    for path in root.rglob("*.toml"):
        os.utime(path, (FIXED, FIXED))
    return root


def test_the_folder_lists_its_maps_by_path_skipping_hidden_folders(folder: Path) -> None:
    names = [r.name for r in first_rows(folder, find_map_files(folder))]
    samples = sorted(p.name for p in SAMPLE_MAPS)
    assert names == sorted(["broken.toml", *samples, "segments/students.toml"])


def test_a_row_has_its_figures_or_its_first_error(folder: Path) -> None:
    rows = {r.name: read_row(r) for r in first_rows(folder, find_map_files(folder))}
    telecom = rows["telecom-prepaid.toml"]
    assert telecom.read and telecom.can_open and telecom.title.startswith("Prepaid bundle")
    assert (telecom.stages, telecom.touchpoints, telecom.kind) == (6, 24, "customer")
    assert telecom.moments == 4 and telecom.open_actions is not None
    broken = rows["broken.toml"]
    assert broken.read and not broken.can_open
    assert broken.problem is not None and broken.problem.startswith("1:")


async def test_enter_answers_the_map_and_a_bad_file_cannot_be_opened(folder: Path) -> None:
    app = FolderApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, FolderScreen)
        await until(pilot, lambda: all(r.read for r in screen.rows))
        assert "1 is not a valid map" in str(screen.query_one("#folder-status").render())
        await pilot.press("down")  # broken.toml (the second by name)
        assert screen.table.highlighted_path == str(folder / "broken.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running  # refused, said in one line
        assert any("not a valid map" in str(n.message) for n in app._notifications)
        await pilot.press("down", "enter")
    assert app.return_value == folder / "employee-onboarding-to-be.toml"


async def test_n_writes_a_starter_map_named_after_its_title_and_opens_it(folder: Path) -> None:
    app = FolderApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewMapScreen))
        await pilot.press(*"Retail: first purchase")
        await pilot.press("enter")
    made = folder / "retail-first-purchase.toml"
    assert app.return_value == made and made.exists()
    text = made.read_text(encoding="utf-8")
    assert "Retail: first purchase" in text
    # As `cjm new` writes it: language servers find the schema through the first line.
    assert text.startswith("#:schema ./cjm-map.schema.json\n")
    assert (folder / "cjm-map.schema.json").read_text(encoding="utf-8") == schema_text()


async def test_q_on_the_list_quits_with_nothing_to_open(folder: Path) -> None:
    app = FolderApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
    assert app.return_value is None


@pytest.mark.parametrize("size", SIZES)
def test_folder_list(snap_compare: object, folder: Path, size: tuple[int, int]) -> None:
    """The folder's maps, one row each, by path: "Wizyta klienta B2B…", "broken.toml" with its
    first error in red and a red ✗ as its kind, "Employee onboarding (to-be…", "Employee
    onboarding: from…", "segments/students.toml" (a copy of the telecom map, same title) and
    "Prepaid bundle…"; beside each: kind, stages, points,
    moments of truth, open actions, lint findings and the date it changed (2026-12-01). The map
    column takes what the figures leave (at 80x24 about 20 characters). Under the table the
    highlighted map's file and "6 maps · 1 is not a valid map"; the footer: enter Open (not
    shown), n New map, v Across maps, r Rescan, q Quit."""

    async def read(pilot: object) -> None:
        app = pilot.app  # type: ignore[attr-defined]
        await until(pilot, lambda: all(r.read for r in app.screen.rows))  # type: ignore[arg-type]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(FolderApp(folder), terminal_size=size, run_before=read)  # type: ignore[operator]


def test_cjm_edit_dir_opens_a_map_and_comes_back_to_the_list(folder: Path, tmp_path: Path) -> None:
    with_env = environment(tmp_path, autosave="60")
    term = Terminal(folder, with_env)
    try:
        term.wait_for("Employee onboarding")  # read: its title is in
        term.send(b"\x1b[B\x1b[B\x1b[B\r")  # the employee onboarding map (as-is)
        term.wait_for("employee-onboarding.toml —")
        mark = len(term.text())
        term.send(b"q")
        wait_until(lambda: "6 maps" in term.since(mark), "the list again", 30, term)
        term.send(b"q")
        status = term.wait_exit()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        term.close()


def test_a_persona_library_is_listed_as_one_and_not_opened(tmp_path: Path) -> None:
    lib = tmp_path / "personas.toml"
    lib.write_text('[[personas]]\nid = "ola"\nname = "Ola"\n', encoding="utf-8")
    (row,) = [read_row(r) for r in first_rows(tmp_path, find_map_files(tmp_path))]
    assert row.library and row.problem is None and not row.can_open and row.kind == "library"


def test_map_row_can_open_only_when_read_and_valid(tmp_path: Path) -> None:
    row = MapRow(tmp_path / "a.toml", "a.toml")
    assert not row.can_open


async def test_v_shows_owners_across_maps_the_most_painful_first(folder: Path) -> None:
    from cjm_tui.tui.screens.across_maps import AcrossMapsScreen

    app = FolderApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, FolderScreen)
        await until(pilot, lambda: all(r.read for r in screen.rows))
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AcrossMapsScreen))
        across = app.screen
        assert isinstance(across, AcrossMapsScreen)
        await until(pilot, lambda: across.portfolio is not None)
        assert across.portfolio is not None
        assert len(across.portfolio.maps) == 5  # the samples and the copy; not broken.toml
        await pilot.press("2")
        status = str(across.query_one("#across-status").render())
        assert "the most painful moments: Billing" in status
        averages = [o.average for o in across.portfolio.owners if o.average is not None]
        assert averages  # the view lists them lowest first
        from cjm_tui.tui.screens.across_maps import by_pain

        shown = [o.average for o in by_pain(across.portfolio) if o.name and o.average is not None]
        assert shown == sorted(shown)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


def across_view(key: str) -> Callable[[Any], Awaitable[None]]:
    """For `run_before`: every map read, `v`, the views read, then `key` (a tab's number)."""

    async def run_before(pilot: Any) -> None:
        from cjm_tui.tui.screens.across_maps import AcrossMapsScreen

        app = pilot.app
        await until(pilot, lambda: all(r.read for r in app.screen.rows))
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AcrossMapsScreen))
        await until(pilot, lambda: app.screen.portfolio is not None)
        await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_across_maps_owners(snap_compare: object, folder: Path, size: tuple[int, int]) -> None:
    """`v` then `2` on the folder: the tabs "1 Moments of truth 2 Owners 3 Actions 4 Personas"
    with Owners active; a table of owners across the maps, the most painful first (Finance
    -2.0, Billing -1.8, Customer Care -1.7 ...), each with its maps, touchpoints, moments of
    truth, average emotion, open and overdue actions; under it "5 maps · 104 touchpoints · ...
    the most painful moments: Billing (..., average -1.8)"; the footer: 1-4 View, esc Back."""

    assert snap_compare(FolderApp(folder), terminal_size=size, run_before=across_view("2"))  # type: ignore[operator]


VIEWS = [
    pytest.param("1", id="moments"),
    pytest.param("3", id="actions"),
    pytest.param("4", id="personas"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", VIEWS)
def test_across_maps_views(
    snap_compare: object, folder: Path, key: str, size: tuple[int, int]
) -> None:
    """`v` then `1`, `3` or `4` on the folder, the tab of that number active.
    1 Moments of truth: every moment of truth with its map (its file's name without .toml:
      b2b-office-visit, employee-onboarding-to-be...), stage, touchpoint, emotion (per persona
      where the map has them) and owner, in map order.
    3 Actions: every action across the maps, the overdue one first ("doing overdue"), then by
      due date; each with its map, title, owner and state.
    4 Personas: each persona with how many maps it appears in and its average emotion in
      each, the figure first ("+1.0 employee-onboarding-to-be; -0.8 employee-onboarding").
    Under the table the same summary line as on every tab; the footer: 1-4 View, esc Back."""

    assert snap_compare(FolderApp(folder), terminal_size=size, run_before=across_view(key))  # type: ignore[operator]
