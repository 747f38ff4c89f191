"""Recovery drafts, headless: the file beside the map, what it holds, when it counts, and
restoring it into an open map (cjm_tui/editing/recovery.py, OpenMap.restore)."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path

import pytest

from cjm_tui.editing.openmap import OpenMap
from cjm_tui.editing.recovery import (
    DraftError,
    draft_path,
    draft_text,
    find_draft,
    map_changed_since,
    read_draft,
    remove_draft,
    write_draft,
)
from cjm_tui.model import map_to_raw
from cjm_tui.store import MapFile, check_text
from cjm_tui.tui.drafts import AUTOSAVE_SECONDS, autosave_seconds

from .test_store_write import COMMENTED

WHEN = dt.datetime(2026, 11, 23, 14, 3, tzinfo=dt.UTC)


def edited(path: Path) -> OpenMap:
    """The map opened and changed the way a person would (one emotion up)."""
    om = OpenMap.open(path)
    sms = om.map.touchpoint("sms")
    assert sms is not None
    om.bump_emotion(sms, 1, None)
    return om


def age(path: Path, seconds: float) -> None:
    """Move a file's modification time `seconds` into the past."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def test_the_draft_is_a_hidden_file_beside_the_map(tmp_path: Path) -> None:
    assert draft_path(tmp_path / "prepaid.toml") == tmp_path / ".prepaid.toml.cjm-draft"


def test_the_draft_holds_what_a_save_would_write_and_the_map_stays(path: Path) -> None:
    om = edited(path)
    written = write_draft(om.file, om.map, now=WHEN)

    assert written == draft_path(path)
    assert path.read_text(encoding="utf-8") == COMMENTED  # the map itself is not touched
    text = written.read_text(encoding="utf-8")
    header, body = text.split("\n", 3)[:3], text.split("\n", 3)[3]
    assert all(line.startswith("#") for line in header)
    assert body == om.file.render(om.map)  # the writer's own text, comments and all
    assert "emotion = 0   # interview 3" in body
    assert check_text(text, str(written)).ok  # the whole draft is a valid map file


def test_the_header_says_whose_draft_and_what_it_was_based_on(path: Path) -> None:
    om = edited(path)
    write_draft(om.file, om.map, now=WHEN)
    draft = read_draft(path)

    assert draft.map_name == "map.toml"
    assert draft.written == WHEN
    assert draft.base == om.file.disk
    assert map_to_raw(draft.map) == map_to_raw(om.map)
    assert not map_changed_since(draft, path)


def test_draft_text_keeps_crlf_files_in_one_line_ending(tmp_path: Path) -> None:
    p = tmp_path / "map.toml"
    p.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    om = edited(p)
    text = draft_text(om.file, om.map, now=WHEN)
    assert "\n" not in text.replace("\r\n", "")


def test_a_new_draft_is_as_private_as_its_map(path: Path) -> None:
    path.chmod(0o600)
    om = edited(path)
    write_draft(om.file, om.map)
    assert stat.S_IMODE(draft_path(path).stat().st_mode) == 0o600


def test_no_draft_is_found_when_there_is_none(path: Path) -> None:
    assert find_draft(path) is None


def test_a_draft_newer_than_the_map_is_found(path: Path) -> None:
    om = edited(path)
    write_draft(om.file, om.map)
    age(path, 10)
    assert find_draft(path) == draft_path(path)


def test_a_draft_older_than_a_changed_map_is_not_offered(path: Path) -> None:
    om = edited(path)
    write_draft(om.file, om.map)
    age(draft_path(path), 10)
    path.write_text(COMMENTED.replace("Shop visit", "Shop"), encoding="utf-8")
    assert find_draft(path) is None


def test_a_draft_counts_when_only_the_maps_time_moved(path: Path) -> None:
    """A checkout or `touch` makes the map look newer without changing it."""
    om = edited(path)
    write_draft(om.file, om.map)
    age(draft_path(path), 10)
    os.utime(path)  # now: newer than the draft, same bytes as its base
    assert find_draft(path) == draft_path(path)


def test_a_draft_of_a_map_never_saved_counts(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    om = OpenMap.open(path)
    om.quick_add("Poster at the bus stop", "before")
    write_draft(om.file, om.map)

    assert not path.exists()
    assert find_draft(path) == draft_path(path)
    draft = read_draft(path)
    assert draft.base is None
    assert [t.name for t in draft.map.touchpoints] == ["Poster at the bus stop"]
    assert not map_changed_since(draft, path)
    path.write_text(COMMENTED, encoding="utf-8")  # somebody saved a map there meanwhile
    assert map_changed_since(draft, path)


def test_a_map_changed_on_disk_after_the_draft_was_based_on_it_is_noticed(path: Path) -> None:
    om = edited(path)
    path.write_text(COMMENTED.replace("Shop visit", "Shop"), encoding="utf-8")
    write_draft(om.file, om.map)  # the editor had loaded the old text
    draft = read_draft(path)
    assert map_changed_since(draft, path)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[map\nformat = 1\n", "TOML syntax"),
        (b'[map]\nformat = 1\ntitle = "\xff"\n', "not valid UTF-8"),
        (b'[map]\nformat = 1\ntitle = "no stages"\n', "not a valid map"),
    ],
    ids=["toml", "utf8", "invalid-map"],
)
def test_a_corrupt_draft_is_reported_in_one_line(path: Path, content: bytes, says: str) -> None:
    draft_path(path).write_bytes(content)
    with pytest.raises(DraftError) as caught:
        read_draft(path)
    message = str(caught.value)
    assert says in message
    assert str(draft_path(path)) in message
    assert "\n" not in message
    assert draft_path(path).read_bytes() == content  # reported, never removed


def test_a_draft_of_another_map_is_refused(path: Path) -> None:
    other = path.with_name("other.toml")
    other.write_text(COMMENTED, encoding="utf-8")
    om = edited(other)
    draft_path(path).write_text(draft_text(om.file, om.map), encoding="utf-8")
    with pytest.raises(DraftError, match=r"belongs to other\.toml"):
        read_draft(path)


def test_a_draft_without_its_header_is_still_a_map(path: Path) -> None:
    """Somebody edited the draft by hand and dropped the comments: it still restores."""
    om = edited(path)
    draft_path(path).write_text(om.file.render(om.map), encoding="utf-8")
    draft = read_draft(path)
    assert draft.base is None
    assert map_to_raw(draft.map) == map_to_raw(om.map)
    assert not map_changed_since(draft, path)


def test_remove_draft(path: Path) -> None:
    om = edited(path)
    write_draft(om.file, om.map)
    assert remove_draft(path)
    assert not draft_path(path).exists()
    assert not remove_draft(path)
    assert path.read_text(encoding="utf-8") == COMMENTED


# Restoring into an open map ----------------------------------------------------------------


def test_a_restored_draft_is_unsaved_and_undo_goes_back_to_the_file(path: Path) -> None:
    om = edited(path)
    om.quick_add("Queue at the till #buy -2", None)
    write_draft(om.file, om.map)
    wanted = map_to_raw(om.map)

    fresh = OpenMap.open(path)
    disk = map_to_raw(fresh.map)
    fresh.restore(read_draft(path).map)

    assert map_to_raw(fresh.map) == wanted
    assert fresh.dirty
    assert path.read_text(encoding="utf-8") == COMMENTED
    fresh.undo()
    assert map_to_raw(fresh.map) == disk
    assert not fresh.dirty


def test_saving_a_restored_draft_writes_what_saving_the_edits_would(
    path: Path, tmp_path: Path
) -> None:
    """The draft's entries become the file's entries again (by id): the same small diff,
    comments kept, as if the editor had never stopped."""
    om = edited(path)
    om.quick_add("Queue at the till #buy -2", None)
    write_draft(om.file, om.map)
    direct = tmp_path / "direct.toml"
    direct.write_text(COMMENTED, encoding="utf-8")
    same = edited(direct)
    same.quick_add("Queue at the till #buy -2", None)
    same.save()

    fresh = OpenMap.open(path)
    fresh.restore(read_draft(path).map)
    fresh.save()

    assert path.read_bytes() == direct.read_bytes()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["touchpoints"][0]["emotion"] == 0


def test_restoring_a_draft_equal_to_the_file_leaves_nothing_unsaved(path: Path) -> None:
    om = OpenMap.open(path)
    om.restore(MapFile.load(path).map)
    assert not om.dirty


# The interval -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("", AUTOSAVE_SECONDS),
        ("0.5", 0.5),
        ("10", 10.0),
        ("0", AUTOSAVE_SECONDS),
        ("-1", AUTOSAVE_SECONDS),
        ("soon", AUTOSAVE_SECONDS),
        ("nan", AUTOSAVE_SECONDS),
    ],
)
def test_autosave_interval_from_the_environment(value: str, seconds: float) -> None:
    assert autosave_seconds({"CJM_AUTOSAVE_SECONDS": value}) == seconds
