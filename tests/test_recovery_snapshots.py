"""What the recovery dialog looks like (SVG snapshots at 80x24 and 120x40; see
tests/test_snapshots.py for how these are made and checked)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cjm_tui.editing.openmap import OpenMap
from cjm_tui.editing.recovery import write_draft

from .conftest import TELECOM, copy_of
from .test_snapshots import SIZES, SnapCompare, app_on, settle

WHEN = dt.datetime(2026, 11, 23, 14, 3, tzinfo=dt.UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The dialog shows the draft's time in local time: make that the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def crashed_session(path: Path) -> None:
    om = OpenMap.open(path)
    poster = om.map.touchpoint("bus-stop-poster")
    assert poster is not None
    om.bump_emotion(poster, 1, None)
    om.toggle_moment(om.map.touchpoints[2])
    om.quick_add("Queue at the shop counter #switch -2 !", None)
    om.quick_add("Leaflet in the letterbox #discover", None)
    om.quick_add("SMS with the new PIN #activate +1", None)
    write_draft(om.file, om.map, now=WHEN)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))


async def dialog_up(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize("size", SIZES)
def test_recovery_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The telecom map opened after an editor died with five unsaved changes: a centred
    dialog over the dimmed main screen (header "map.toml", no unsaved marker: nothing is
    restored yet) reads "Unsaved changes were left in a draft of map.toml (2026-11-23
    14:03)." and "It holds 5 changes to the file:", then four changes one per line in
    `cjm diff`'s words and colours, by id ("~ touchpoint bus-stop-poster: emotion +1 → +2 ↑",
    "◆ touchpoint daughter-sets-up: is now a moment of truth", two "+ touchpoint … in stage
    …"), none wrapped, then a dim "… and 1 more", the line "Restored changes stay unsaved:
    the file is as it was until you save." and three buttons "Restore (r)", "Discard (d)",
    "Later (escape)". Nothing is cut off at 80x24 and there is no scroll bar in the dialog.
    """
    path = copy_of(TELECOM, tmp_path)
    crashed_session(path)
    assert snap_compare(app_on(path), terminal_size=size, run_before=dialog_up)
