"""In-place saves: what changes in the file's bytes, and what must not."""

from __future__ import annotations

import copy
import difflib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm_tui.model import Action, Persona, Stage, Touchpoint, map_to_raw
from cjm_tui.store import MapFile, StoreError, WriteError
from cjm_tui.store.write import render_new

from .conftest import SAMPLE_MAPS

MAPS = SAMPLE_MAPS

COMMENTED = """\
# Prepaid bundle map: kept in git, reviewed like code.
[map]
format = 1
title = 'Prepaid: first 30 days'   # shown in the header
updated = 2026-11-20
x_workshop = "Warsaw, 2026-11-18"

[[personas]]
id = "student"
name = "Ola, student"

[[personas]]
id = "senior"
name = "Pan Jan, senior"

# --- Stages, in journey order ---
[[stages]]
id = "discover"
name = "Discover"

[[stages]]
id = "buy"
name = "Buy"

# The SMS nobody trusts
[[touchpoints]]
id = "sms"
stage = "discover"
name = "SMS offer"
emotion = -1   # interview 3
pain_points = ["login wall"]

# Shop: the queue is the problem
[[touchpoints]]
id = "shop"
stage = "buy"
name = "Shop visit"
x_color = "red"   # team's own key

# Paying at the till
[[touchpoints]]
id = "pay"
stage = "buy"
name = "Pay"
[touchpoints.emotion]
student = 2
senior = -1

[[actions]]
id = "magic-link"
touchpoint = "sms"
title = "Magic link in SMS"
"""


def load(tmp_path: Path, text: str, name: str = "map.toml") -> MapFile:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return MapFile.load(path)


def diff(old: str, new: str) -> list[str]:
    """Changed lines only, as '-line' / '+line'."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def saved(mf: MapFile, m: object) -> str:
    assert mf.save(m)  # type: ignore[arg-type]
    return mf.path.read_bytes().decode("utf-8")


# Round trip -------------------------------------------------------------------


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_sample_maps_render_byte_identical(path: Path) -> None:
    mf = MapFile.load(path)
    assert mf.render(mf.map) == path.read_text(encoding="utf-8")


def test_unchanged_save_writes_nothing(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    before = os.stat(mf.path).st_mtime_ns
    assert mf.save(mf.map) is False
    assert os.stat(mf.path).st_mtime_ns == before
    assert mf.render(copy.deepcopy(mf.map)) == COMMENTED


def test_undoing_an_edit_writes_the_original_bytes(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = copy.deepcopy(mf.map)
    m.touchpoints[0].emotion = 2
    assert mf.is_changed(m)
    m.touchpoints[0].emotion = -1
    assert not mf.is_changed(m)
    assert mf.render(m) == COMMENTED


# One edit, one line -------------------------------------------------------------


def test_changing_a_value_changes_only_its_line_and_keeps_its_comment(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].emotion = 1
    assert diff(COMMENTED, saved(mf, m)) == [
        "-emotion = -1   # interview 3",
        "+emotion = 1   # interview 3",
    ]


def test_literal_string_style_is_kept_when_possible(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.info.title = "Prepaid: first 60 days"
    assert diff(COMMENTED, saved(mf, m)) == [
        "-title = 'Prepaid: first 30 days'   # shown in the header",
        "+title = 'Prepaid: first 60 days'   # shown in the header",
    ]
    m.info.title = "Ola's map"  # a quote cannot go in a literal string
    assert diff(COMMENTED, saved(mf, m)) == [
        "-title = 'Prepaid: first 30 days'   # shown in the header",
        '+title = "Ola\'s map"   # shown in the header',
    ]


def test_new_keys_go_in_the_formats_order(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].channel = "sms"  # after name
    m.touchpoints[0].moment_of_truth = True  # after emotion
    m.touchpoints[0].owner = "Marketing"  # after pain_points
    new = saved(mf, m)
    assert diff(COMMENTED, new) == [
        '+channel = "sms"',
        "+moment_of_truth = true",
        '+owner = "Marketing"',
    ]
    block = new.split("# The SMS nobody trusts\n")[1].split("\n\n")[0]
    assert block.splitlines() == [
        "[[touchpoints]]",
        'id = "sms"',
        'stage = "discover"',
        'name = "SMS offer"',
        'channel = "sms"',
        "emotion = -1   # interview 3",
        "moment_of_truth = true",
        'pain_points = ["login wall"]',
        'owner = "Marketing"',
    ]


def test_removing_a_key_removes_its_line(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].pain_points = None
    assert diff(COMMENTED, saved(mf, m)) == ['-pain_points = ["login wall"]']


def test_sub_table_emotion_stays_a_sub_table(tmp_path: Path) -> None:
    """A per-persona emotion written as [touchpoints.emotion] keeps that form: only the
    changed persona's line changes; a persona that goes loses its line; a new one gets one."""
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[2].emotion = {"student": 2, "senior": 0}
    assert diff(COMMENTED, saved(mf, m)) == ["-senior = -1", "+senior = 0"]
    assert MapFile.load(mf.path).map.touchpoints[2].emotion == {"student": 2, "senior": 0}
    m = mf.map
    m.touchpoints[2].emotion = {"senior": 0, "student": 1}
    after = saved(mf, m)
    assert "[touchpoints.emotion]\nsenior = 0\nstudent = 1\n" in after
    assert MapFile.load(mf.path).map.touchpoints[2].emotion == {"senior": 0, "student": 1}


def test_renaming_an_id_changes_only_the_references(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.stages[1].id = "purchase"
    for tp in m.touchpoints:
        if tp.stage == "buy":
            tp.stage = "purchase"
    assert diff(COMMENTED, saved(mf, m)) == [
        '-id = "buy"',
        '+id = "purchase"',
        '-stage = "buy"',
        '+stage = "purchase"',
        '-stage = "buy"',
        '+stage = "purchase"',
    ]


# Adding -----------------------------------------------------------------------


def test_adding_a_touchpoint_inserts_after_the_last_of_its_stage(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.insert_touchpoint(Touchpoint(id="leaflet", stage="discover", name="Leaflet", emotion=0))
    new = saved(mf, m)
    assert diff(COMMENTED, new) == [
        "+[[touchpoints]]",
        '+id = "leaflet"',
        '+stage = "discover"',
        '+name = "Leaflet"',
        "+emotion = 0",
        "+",
    ]
    # Journey order: after "sms" (discover), before the shop's comment and table.
    assert new.index('id = "leaflet"') < new.index("# Shop: the queue is the problem")
    assert new.index('id = "sms"') < new.index('id = "leaflet"')


def test_adding_to_the_last_stage_appends_at_the_end_of_its_touchpoints(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.insert_touchpoint(Touchpoint(id="receipt", stage="buy", name="Receipt"))
    new = saved(mf, m)
    # difflib may place the added blank line on either side: compare as a set.
    assert sorted(diff(COMMENTED, new)) == sorted(
        [
            "+",
            "+[[touchpoints]]",
            '+id = "receipt"',
            '+stage = "buy"',
            '+name = "Receipt"',
        ]
    )
    assert (
        'senior = -1\n\n[[touchpoints]]\nid = "receipt"\nstage = "buy"\n'
        'name = "Receipt"\n\n[[actions]]' in new
    )
    assert new.index("senior = -1") < new.index('id = "receipt"') < new.index("[[actions]]")


def test_first_entry_of_a_new_table_goes_after_the_tables_before_it(tmp_path: Path) -> None:
    text = COMMENTED.split("[[actions]]")[0].rstrip("\n") + "\n"
    mf = load(tmp_path, text)
    m = mf.map
    m.actions.append(Action(id="queue", touchpoint="shop", title="Queue ticket", effort="low"))
    new = saved(mf, m)
    assert (
        new == text + '\n[[actions]]\nid = "queue"\ntouchpoint = "shop"\n'
        'title = "Queue ticket"\neffort = "low"\n'
    )


def test_adding_a_persona_keeps_the_stage_comment_with_the_stages(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.personas.append(Persona(id="owner", name="Small business owner"))
    new = saved(mf, m)
    assert sorted(diff(COMMENTED, new)) == sorted(
        [
            "+[[personas]]",
            '+id = "owner"',
            '+name = "Small business owner"',
            "+",
        ]
    )
    assert (
        'name = "Pan Jan, senior"\n\n[[personas]]\nid = "owner"\n'
        'name = "Small business owner"\n\n# --- Stages' in new
    )
    assert new.index('id = "owner"') < new.index("# --- Stages, in journey order ---")


# Removing and moving ------------------------------------------------------------


def test_removing_an_entry_takes_its_own_comment_and_leaves_the_next_ones(
    tmp_path: Path,
) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    del m.touchpoints[0]
    m.actions.clear()
    new = saved(mf, m)
    assert "# The SMS nobody trusts" not in new
    assert '# Shop: the queue is the problem\n[[touchpoints]]\nid = "shop"' in new
    assert "# --- Stages, in journey order ---\n[[stages]]" in new
    assert diff(COMMENTED, new) == [
        "-# The SMS nobody trusts",
        "-[[touchpoints]]",
        '-id = "sms"',
        '-stage = "discover"',
        '-name = "SMS offer"',
        "-emotion = -1   # interview 3",
        '-pain_points = ["login wall"]',
        "-",
        "-",
        "-[[actions]]",
        '-id = "magic-link"',
        '-touchpoint = "sms"',
        '-title = "Magic link in SMS"',
    ]
    assert new.endswith("senior = -1\n")


def test_removing_the_first_stage_keeps_the_comment_above_it(tmp_path: Path) -> None:
    """The comment above the first [[stages]] belongs to it: it goes with it."""
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints = [tp for tp in m.touchpoints if tp.stage != "discover"]
    m.actions.clear()
    del m.stages[0]
    new = saved(mf, m)
    assert "# --- Stages, in journey order ---" not in new
    assert 'name = "Pan Jan, senior"\n\n[[stages]]\nid = "buy"' in new


def test_moving_a_touchpoint_moves_its_comment_and_sub_table(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    pay = m.touchpoints.pop(2)
    m.touchpoints.insert(1, pay)
    new = saved(mf, m)
    order = [
        new.index(s)
        for s in (
            "# The SMS",
            "# Paying at the till",
            "student = 2",
            "# Shop: the queue",
            "[[actions]]",
        )
    ]
    assert order == sorted(order)
    assert MapFile.load(mf.path).map.touchpoints[1].emotion == {"student": 2, "senior": -1}
    # Only the moved lines changed.
    removed = [line for line in diff(COMMENTED, new) if line.startswith("-")]
    added = [line for line in diff(COMMENTED, new) if line.startswith("+")]
    assert sorted(line[1:] for line in removed) == sorted(line[1:] for line in added)


def test_reversing_all_touchpoints_reads_back_in_the_new_order(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints.reverse()
    saved(mf, m)
    again = MapFile.load(mf.path)
    assert [t.id for t in again.map.touchpoints] == ["pay", "shop", "sms"]
    assert map_to_raw(again.map) == map_to_raw(m)


def test_consecutive_saves_build_on_each_other(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.stages.append(Stage(id="use", name="First use"))
    saved(mf, m)
    m.insert_touchpoint(Touchpoint(id="activate", stage="use", name="Activation SMS"))
    saved(mf, m)
    m.touchpoints[-1].emotion = -2
    text = saved(mf, m)
    assert map_to_raw(MapFile.load(mf.path).map) == map_to_raw(m)
    assert text.count("[[stages]]") == 3
    assert "# interview 3" in text and 'x_color = "red"   # team\'s own key' in text


# Line endings -----------------------------------------------------------------


def test_crlf_file_round_trips_and_edits_keep_crlf(tmp_path: Path) -> None:
    crlf = COMMENTED.replace("\n", "\r\n")
    mf = load(tmp_path, crlf)
    assert mf.render(mf.map) == crlf
    m = mf.map
    m.touchpoints[1].emotion = 1
    m.insert_touchpoint(Touchpoint(id="queue", stage="buy", name="Queue"))
    del m.touchpoints[0]
    m.actions.clear()
    assert mf.save(m)
    new = mf.path.read_bytes()
    assert b"\n" not in new.replace(b"\r\n", b"")
    assert b"emotion = 1\r\n" in new
    assert map_to_raw(MapFile.load(mf.path).map) == map_to_raw(m)


def test_file_without_final_newline(tmp_path: Path) -> None:
    text = COMMENTED.rstrip("\n")
    mf = load(tmp_path, text)
    assert mf.render(mf.map) == text
    m = mf.map
    m.actions[0].title = "Magic link"
    assert mf.render(m) == text.replace('"Magic link in SMS"', '"Magic link"')


# Hostile and unusual content ----------------------------------------------------


def test_control_characters_and_bidi_are_escaped_in_the_file(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].name = 'Evil\x1b[31m \u202eSMS\x07 [bold]x[/bold] "q" \\ zażółć 🎉 Привет'
    text = saved(mf, m)
    line = next(ln for ln in text.splitlines() if ln.startswith('name = "Evil'))
    assert "\x1b" not in line and "\u202e" not in line and "\x07" not in line
    assert "\\u001B" in line and "\\u202E" in line
    assert MapFile.load(mf.path).map.touchpoints[0].name == m.touchpoints[0].name


def test_unknown_keys_and_tables_survive_edits(tmp_path: Path) -> None:
    text = COMMENTED + '\n[x_workshop_notes]\nroom = "B2"\nattendees = 12\n'
    mf = load(tmp_path, text)
    m = mf.map
    assert m.extra == {"x_workshop_notes": {"room": "B2", "attendees": 12}}
    del m.touchpoints[1]
    new = saved(mf, m)
    assert new.endswith('\n[x_workshop_notes]\nroom = "B2"\nattendees = 12\n')
    assert 'x_workshop = "Warsaw, 2026-11-18"' in new


def test_inline_array_tables_cannot_be_edited_in_place(tmp_path: Path) -> None:
    text = (
        '[map]\nformat = 1\ntitle = "T"\n'
        'stages = [{ id = "a", name = "A" }]\n'
        '[[touchpoints]]\nid = "t"\nstage = "a"\nname = "T"\n'
    )
    text = "\n".join(
        [
            'stages = [{ id = "a", name = "A" }]',
            "[map]",
            "format = 1",
            'title = "T"',
            "",
            "[[touchpoints]]",
            'id = "t"',
            'stage = "a"',
            'name = "T"',
            "",
        ]
    )
    mf = load(tmp_path, text)
    m = mf.map
    m.touchpoints[0].emotion = 1  # a [[touchpoints]] table: fine
    assert "emotion = 1" in mf.render(m)
    m.stages.append(Stage(id="b", name="B"))  # an inline array: refused, file untouched
    with pytest.raises(WriteError, match="inline array"):
        mf.save(m)
    assert mf.path.read_text() == text


def test_a_dotted_map_table_is_read_but_its_edits_are_refused(tmp_path: Path) -> None:
    """`map.title = ...` at the top is valid TOML: every command reads it; an edit of the
    map's details is refused with a message naming the form, and the file stays as it was."""
    text = 'map.format = 1\nmap.title = "T"\n\n[[stages]]\nid = "a"\nname = "A"\n'
    mf = load(tmp_path, text)
    m = mf.map
    m.stages[0].name = "B"  # the stages are ordinary tables: fine
    assert saved(mf, m) == text.replace('name = "A"', 'name = "B"')
    m = mf.map
    m.info.title = "U"
    with pytest.raises(WriteError, match=r"not written as a \[map\] header"):
        mf.save(m)
    assert mf.path.read_text() == text.replace('name = "A"', 'name = "B"')


# The read-back check ----------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda t: t.replace('[[touchpoints]]\nid = "shop"', 'x = """\n'), id="no-parse"
        ),
        pytest.param(lambda t: t.replace('name = "Shop visit"', 'name = "Shop"'), id="other-value"),
        pytest.param(
            lambda t: t.replace('[[touchpoints]]\nid = "shop"', '[x]\nid = "shop"'), id="lost-entry"
        ),
    ],
)
def test_a_save_that_would_not_read_back_is_refused_and_the_file_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    """Whatever goes wrong between the edit and the bytes (here the writer's output damaged on
    purpose: a string left open, another value, an entry turned into another table), the whole
    new text is read back before the rename: the save is refused and the file is as it was.
    (The whole writer: an edit in place is read back entry by entry, below.)"""
    import cjm_tui.store.write as write

    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].emotion = 2
    monkeypatch.setattr(write._Writer, "in_place", lambda self: None)
    emit = write._Writer._emit
    monkeypatch.setattr(write._Writer, "_emit", lambda self: damage(emit(self)))  # type: ignore[operator]
    with pytest.raises(WriteError, match=r"would not (parse|read back)"):
        mf.save(m)
    assert mf.path.read_text(encoding="utf-8") == COMMENTED
    assert not [p for p in tmp_path.iterdir() if p.name != "map.toml"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda t: t.replace("emotion = 2", 'emotion = """'), id="no-parse"),
        pytest.param(lambda t: t.replace("emotion = 2", "emotion = 1"), id="other-value"),
        pytest.param(lambda t: t.replace("[[touchpoints]]", "[x]"), id="lost-entry"),
        pytest.param(lambda t: t.replace("emotion = 2", "emotion = 2\n[more]"), id="new-table"),
    ],
)
def test_an_edit_in_place_that_would_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    """An edit in place (only an entry's values changed) reads back the entry's new text
    alone, and a text that does not hold the same tables goes to the whole writer, which reads
    back the whole text: damaged on purpose, the save is refused and the file is as it was."""
    import cjm_tui.store.write as write

    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].emotion = 2
    region = write._Writer._region
    monkeypatch.setattr(
        write._Writer,
        "_region",
        lambda self, unit, splices: damage(region(self, unit, splices)),  # type: ignore[operator]
    )
    with pytest.raises(WriteError, match=r"does not read back|would not read back"):
        mf.save(m)
    assert mf.path.read_text(encoding="utf-8") == COMMENTED
    assert not [p for p in tmp_path.iterdir() if p.name != "map.toml"]


def test_a_byte_order_mark_is_read_past_and_kept(tmp_path: Path) -> None:
    """A file from an older Windows editor starts with a UTF-8 BOM: it opens, `cjm check`
    finds nothing wrong, and a save keeps the BOM and changes only the edited line."""
    from cjm_tui.store import check_file

    path = tmp_path / "map.toml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode("utf-8"))
    assert check_file(path).ok
    mf = MapFile.load(path)
    m = mf.map
    m.touchpoints[1].name = "Shop"
    assert mf.save(m)
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbf" + COMMENTED.replace('"Shop visit"', '"Shop"').encode()


def test_nan_in_a_team_key_does_not_block_an_edit(tmp_path: Path) -> None:
    """TOML allows `nan`, which is not equal to itself; an edit next to it saves and leaves it."""
    text = COMMENTED.replace('x_color = "red"', "x_score = nan")
    mf = load(tmp_path, text)
    m = mf.map
    m.touchpoints[1].name = "Shop"
    assert saved(mf, m) == text.replace('"Shop visit"', '"Shop"')
    assert not mf.is_changed(mf.map)


# Atomic saves -------------------------------------------------------------------


def test_failed_replace_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.touchpoints[0].emotion = 2

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StoreError, match="No space left on device"):
        mf.save(m)
    assert mf.path.read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.toml"]
    assert mf.is_changed(m)  # still unsaved: the baseline did not move


def test_failed_fsync_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mf = load(tmp_path, COMMENTED)
    m = mf.map
    m.info.title = "Changed"

    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(StoreError):
        mf.save(m)
    assert mf.path.read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.toml"]


def test_save_keeps_the_file_mode_and_writes_through_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(COMMENTED, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    mf = MapFile.load(link)
    m = mf.map
    m.touchpoints[0].emotion = 0
    assert mf.save(m)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert "emotion = 0   # interview 3" in real.read_text(encoding="utf-8")


def test_changed_on_disk_compares_content(tmp_path: Path) -> None:
    mf = load(tmp_path, COMMENTED)
    assert not mf.changed_on_disk()
    os.utime(mf.path, ns=(1, 1))  # touched, same bytes
    assert not mf.changed_on_disk()
    mf.path.write_text(COMMENTED.replace("Pay", "Pay now"), encoding="utf-8")
    assert mf.changed_on_disk()
    mf.path.unlink()
    assert mf.changed_on_disk()


# New files ----------------------------------------------------------------------


def test_render_new_writes_a_clean_file_that_reads_back(tmp_path: Path) -> None:
    m = MapFile.load(MAPS[0]).map
    text = render_new(m)
    assert text.startswith("[map]\nformat = 1\n")
    assert "\n\n\n" not in text
    path = tmp_path / "new.toml"
    path.write_text(text, encoding="utf-8")
    assert map_to_raw(MapFile.load(path).map) == map_to_raw(m)


def test_a_map_from_text_is_written_on_its_first_save(tmp_path: Path) -> None:
    from cjm_tui.store.starter import starter_map

    path = tmp_path / "new.toml"
    text = starter_map("Workshop draft")
    mf = MapFile.from_text(path, text)
    assert not path.exists() and not mf.changed_on_disk()
    assert mf.is_changed(mf.map)
    assert mf.save(mf.map)
    assert path.read_text(encoding="utf-8") == text
    assert not mf.is_changed(mf.map) and mf.save(mf.map) is False
    path.write_text(text + "# edited elsewhere\n", encoding="utf-8")
    assert mf.changed_on_disk()


def test_a_starter_map_with_its_schema_line_round_trips_and_keeps_it(tmp_path: Path) -> None:
    from cjm_tui.store.starter import starter_map

    text = starter_map("Draft", schema="./cjm-map.schema.json")
    mf = load(tmp_path, text)
    assert mf.render(copy.deepcopy(mf.map)) == text
    m = mf.map
    m.stages[0].name = "Find us"
    assert diff(text, saved(mf, m)) == ['-name = "Discover"', '+name = "Find us"']
    assert mf.path.read_text(encoding="utf-8").startswith("#:schema ./cjm-map.schema.json\n")


SECTIONS = """\
[map]
format = 1
title = "Sections"

[[stages]]
id = "arrive"
name = "Arrive"

[[stages]]
id = "meet"
name = "Meet"

# ----- arrive

[[touchpoints]]
id = "parking"
stage = "arrive"
name = "Parking"

# ----- meet

[[touchpoints]]
id = "guard"
stage = "meet"
name = "Security guard"
"""


def test_a_section_heading_stays_above_its_section(tmp_path: Path) -> None:
    """A comment set apart by blank lines heads what follows: new entries of the section
    before it go above it, and deleting the entry under it leaves it in place."""
    mf = load(tmp_path, SECTIONS)
    m = mf.map
    m.insert_touchpoint(Touchpoint(id="smell", stage="arrive", name="Smell at the entrance"))
    new = saved(mf, m)
    assert new.index('id = "smell"') < new.index("# ----- meet") < new.index('id = "guard"')
    assert sorted(diff(SECTIONS, new)) == sorted(
        [
            "+[[touchpoints]]",
            '+id = "smell"',
            '+stage = "arrive"',
            '+name = "Smell at the entrance"',
            "+",
        ]
    )
    m.touchpoints = [t for t in m.touchpoints if t.id != "guard"]
    new = saved(mf, m)
    assert new.endswith('name = "Smell at the entrance"\n\n# ----- meet\n')


# Metrics and links (format 1 additions) ------------------------------------------

METRICS = """\
[map]
format = 1
title = "T"

[map.metrics.csat]
label = "CSAT (1-5)"   # survey after the visit
target = 4.0
better = "higher"

[[stages]]
id = "s"
name = "S"

[[touchpoints]]
id = "t"
stage = "s"
name = "T"
metrics = { csat = 3.1, wait_min = 12 }   # Q3 data

[[touchpoints]]
id = "u"
stage = "s"
name = "U"

[[actions]]
id = "a"
touchpoint = "t"
title = "A"
"""


def test_changing_one_metric_changes_only_its_line(tmp_path: Path) -> None:
    mf = load(tmp_path, METRICS)
    m = mf.map
    m.touchpoints[0].metrics = {"csat": 3.4, "wait_min": 12}
    assert diff(METRICS, saved(mf, m)) == [
        "-metrics = { csat = 3.1, wait_min = 12 }   # Q3 data",
        "+metrics = { csat = 3.4, wait_min = 12 }   # Q3 data",
    ]
    assert MapFile.load(mf.path).map.touchpoints[0].metrics == {"csat": 3.4, "wait_min": 12}


def test_adding_and_removing_metrics_keeps_the_inline_table(tmp_path: Path) -> None:
    mf = load(tmp_path, METRICS)
    m = mf.map
    m.touchpoints[0].metrics = {"wait_min": 9, "nps": -20}
    assert diff(METRICS, saved(mf, m)) == [
        "-metrics = { csat = 3.1, wait_min = 12 }   # Q3 data",
        "+metrics = { wait_min = 9, nps = -20 }   # Q3 data",
    ]


def test_new_metrics_and_a_new_link_are_new_lines(tmp_path: Path) -> None:
    mf = load(tmp_path, METRICS)
    m = mf.map
    m.touchpoints[1].metrics = {"csat": 4.5, "odd name": 1}
    m.actions[0].link = "https://tracker.example/CX-42"
    after = saved(mf, m)
    assert diff(METRICS, after) == [
        '+metrics = { csat = 4.5, "odd name" = 1 }',
        '+link = "https://tracker.example/CX-42"',
    ]
    again = MapFile.load(mf.path).map
    assert again.touchpoints[1].metrics == {"csat": 4.5, "odd name": 1}
    assert again.actions[0].link == "https://tracker.example/CX-42"


def test_a_metric_definition_edits_in_its_sub_table(tmp_path: Path) -> None:
    mf = load(tmp_path, METRICS)
    m = mf.map
    assert m.info.metrics is not None
    m.info.metrics = {"csat": {"label": "CSAT (1-5)", "target": 4.2, "better": "higher"}}
    assert diff(METRICS, saved(mf, m)) == ["-target = 4.0", "+target = 4.2"]
    m = mf.map
    assert m.info.metrics is not None
    m.info.metrics = {**m.info.metrics, "wait min": {"target": 10, "better": "lower"}}
    after = saved(mf, m)
    assert MapFile.load(mf.path).map.info.metrics == m.info.metrics
    assert (
        '[map.metrics.csat]\nlabel = "CSAT (1-5)"   # survey after the visit\n'
        'target = 4.2\nbetter = "higher"\n\n'
        '[map.metrics."wait min"]\ntarget = 10\nbetter = "lower"\n\n[[stages]]'
    ) in after
    m = mf.map
    m.info.metrics = {"wait min": {"target": 10, "better": "lower"}}
    after = saved(mf, m)
    assert 'title = "T"\n\n[map.metrics."wait min"]\ntarget = 10\n' in after
    assert "csat" not in after.split("[[stages]]")[0]


@pytest.mark.parametrize(
    "text",
    [
        "a = {x = 1,}\n",  # TOML 1.1: a trailing comma in an inline table
        "a = {x = 1,\n y = 2}\n",  # TOML 1.1: an inline table over lines
        'a = "\\e"\n',  # TOML 1.1: the escape for ESC
        "t = 12:30\n",  # TOML 1.1: a time without seconds
        'a = "ok"\nb = [1, 2,]\n',  # TOML 1.0 both accept
    ],
)
def test_the_save_read_back_parses_by_the_readers_rules(text: str) -> None:
    """A save is read back with tomli (faster) before the file is replaced: it must refuse
    what tomllib, the reader of `cjm check` and `cjm edit`, refuses, or a save could write
    a file that no longer opens."""
    import tomllib

    import tomli

    def answer(parse: Callable[[str], object]) -> object:
        try:
            return parse(text)
        except (tomllib.TOMLDecodeError, tomli.TOMLDecodeError):
            return "refused"

    assert answer(tomli.loads) == answer(tomllib.loads)
