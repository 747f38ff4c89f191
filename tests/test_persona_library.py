"""Persona libraries (`persona_library`): reading and checking them, their problems at their
own lines, saving a map without copying them in, editing them in place, the editor, lint,
`cjm new`, and the same analysis and exports as the same personas written inline."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Static

from cjm_tui.cli import main
from cjm_tui.cli.report import plain_render, plain_text
from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.exports import FORMATS
from cjm_tui.model import Persona, map_from_raw, map_to_raw
from cjm_tui.model.library import is_library_persona, is_persona_library, own_map
from cjm_tui.model.lint import library_unused
from cjm_tui.reports import portfolio_report
from cjm_tui.reports.map_files import load_maps
from cjm_tui.reports.portfolio import across, summaries
from cjm_tui.store import InvalidMap, MapFile, check_file
from cjm_tui.tui.app import build_app
from cjm_tui.tui.components.personas_pane import LIBRARY_MARK, PersonasPane
from cjm_tui.tui.screens.form import EditForm

from .conftest import SAMPLES, until

LIBRARY = """\
# Shared personas
[[personas]]
id = "anna"
name = "Anna, buyer"  # the one who signs
goals = ["Low price", "Fast delivery"]

[[personas]]
id = "bob"
name = "Bob, installer"
"""

MAP = """\
# A map that uses the library
[map]
format = 1
title = "Visit"
persona_library = "shared/personas.toml"

[[personas]]
id = "own"
name = "Own persona"

[[stages]]
id = "arrive"
name = "Arrive"

[[touchpoints]]
id = "parking"
stage = "arrive"
name = "Parking"
personas = ["anna", "own"]
emotion = { anna = -1, bob = 1 }
"""


def write(folder: Path, name: str = "map.toml", text: str = MAP, library: str = LIBRARY) -> Path:
    (folder / "shared").mkdir(exist_ok=True)
    (folder / "shared" / "personas.toml").write_text(library, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    return [p.format() for p in check_file(path).problems if p.severity == "error"]


# Reading and checking --------------------------------------------------------------------------


def test_library_personas_come_first_and_are_marked(tmp_path: Path) -> None:
    m = MapFile.load(write(tmp_path)).map
    assert [p.id for p in m.personas] == ["anna", "bob", "own"]
    assert [is_library_persona(m, p) for p in m.personas] == [True, True, False]
    assert m.library is not None and m.library.path == "shared/personas.toml"
    assert [p.id for p in own_map(m).personas] == ["own"]


def test_references_may_name_library_personas_and_unknown_ones_are_still_errors(
    tmp_path: Path,
) -> None:
    assert errors(write(tmp_path)) == []
    path = write(tmp_path, text=MAP.replace("bob = 1", "carol = 1"))
    (problem,) = errors(path)
    assert problem.startswith(f'{path}:20:24: error: emotion: "carol" is not the id')
    assert "anna, bob, own" in problem


def test_problems_inside_the_library_are_at_its_own_lines(tmp_path: Path) -> None:
    broken = LIBRARY.replace('name = "Bob, installer"', "name = 3").replace(
        'id = "anna"', 'id = "Anna K"'
    )
    path = write(tmp_path, library=broken + "\n[stages]\nx = 1\n")
    library = tmp_path / "shared" / "personas.toml"
    assert errors(path) == [
        f'{path}:5:19: error: persona_library = "shared/personas.toml": the persona library '
        "has errors (reported at its lines)",
        f'{library}:3:6: error: id = "Anna K" is not a valid id: use a-z, 0-9, - and _, '
        "starting with a letter or digit, at most 64 characters",
        f"{library}:9:8: error: name = 3: expected text",
        f'{library}:11:1: error: "stages": a persona library holds only [[personas]] tables '
        "(and comments)",
    ]
    with pytest.raises(InvalidMap):
        MapFile.load(path)


def test_a_library_that_is_not_toml_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, library='[[personas]]\nid = "anna\n')
    found = errors(path)
    assert found[0].startswith(f"{path}:5:19: error: persona_library")
    assert found[1].startswith(f"{tmp_path / 'shared' / 'personas.toml'}:2:")
    assert "TOML syntax" in found[1]
    assert len(found) == 2  # no "not the id of a persona" for the map's references


def test_a_missing_library_is_an_error_at_the_persona_library_line(tmp_path: Path) -> None:
    path = write(tmp_path, text=MAP.replace("shared/personas.toml", "nowhere.toml"))
    assert errors(path) == [
        f'{path}:5:19: error: persona_library = "nowhere.toml": no such file '
        f"({tmp_path / 'nowhere.toml'})"
    ]


def test_an_own_persona_with_a_library_id_is_a_duplicate_in_the_map(tmp_path: Path) -> None:
    path = write(tmp_path, text=MAP.replace('id = "own"', 'id = "bob"').replace('"own"]', '"bob"]'))
    assert errors(path) == [
        f'{path}:8:6: error: duplicate persona id "bob" (first used by the persona library)'
    ]


def test_a_library_is_told_apart_from_a_map(tmp_path: Path) -> None:
    write(tmp_path)
    library = tmp_path / "shared" / "personas.toml"
    assert is_persona_library({"personas": []})
    assert not is_persona_library({"map": {}, "personas": []})
    (problem,) = check_file(library).problems
    assert "is a persona library, not a map" in problem.message
    checked = check_file(library, library_ok=True)
    assert checked.is_library and checked.problems == []


def test_cjm_check_says_a_library_is_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    library = tmp_path / "shared" / "personas.toml"
    assert main(["check", str(path), str(library)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: ok (1 stage, 1 touchpoint, 1 persona and 2 personas from " in out
    assert f"{library}: ok (a persona library: 2 personas)" in out


# Saving ----------------------------------------------------------------------------------------


def test_load_and_save_is_byte_identical_and_never_copies_the_library_in(tmp_path: Path) -> None:
    path = write(tmp_path)
    library = tmp_path / "shared" / "personas.toml"
    mf = MapFile.load(path)
    assert not mf.is_changed(mf.map)
    assert mf.save(mf.map) is False
    assert path.read_text(encoding="utf-8") == MAP
    assert library.read_text(encoding="utf-8") == LIBRARY
    # An edit of the map's own: only that is written, never the library's personas.
    om = OpenMap(mf)
    om.add(Persona(id="carol", name="Carol"))
    om.save()
    text = path.read_text(encoding="utf-8")
    assert text == MAP.replace(
        "[[stages]]", '[[personas]]\nid = "carol"\nname = "Carol"\n\n[[stages]]'
    )
    assert library.read_text(encoding="utf-8") == LIBRARY
    again = MapFile.load(path)
    assert [p.id for p in again.map.personas] == ["anna", "bob", "own", "carol"]


def test_editing_a_library_persona_writes_only_its_lines_in_the_library(tmp_path: Path) -> None:
    path = write(tmp_path)
    other = write(tmp_path, "other.toml", MAP.replace('title = "Visit"', 'title = "Other"'))
    library = tmp_path / "shared" / "personas.toml"
    om = OpenMap(MapFile.load(path))
    anna = om.map.personas[0]
    om.update(anna, name="Anna, head of buying", goals=["Low price", "On-time delivery"])
    assert om.dirty
    om.save()
    assert not om.dirty
    assert path.read_text(encoding="utf-8") == MAP  # the map's own file is untouched
    diff = [
        line
        for line in difflib.unified_diff(
            LIBRARY.splitlines(), library.read_text(encoding="utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        '-name = "Anna, buyer"  # the one who signs',
        '-goals = ["Low price", "Fast delivery"]',
        '+name = "Anna, head of buying"  # the one who signs',
        '+goals = ["Low price", "On-time delivery"]',
    ]
    # Every map that uses the library sees it.
    assert MapFile.load(other).map.personas[0].name == "Anna, head of buying"
    # Undo goes back, and saving writes the library back as it was.
    om.undo()
    om.save()
    assert library.read_text(encoding="utf-8") == LIBRARY


def test_a_library_persona_keeps_its_id_and_cannot_be_deleted_from_a_map(tmp_path: Path) -> None:
    om = OpenMap(MapFile.load(write(tmp_path)))
    anna = om.map.personas[0]
    with pytest.raises(EditError, match=r"persona library shared/personas\.toml"):
        om.delete(anna)
    with pytest.raises(EditError, match="its id stays"):
        om.update(anna, id="anna-k")
    with pytest.raises(EditError, match="persona_library"):
        om.update_info(persona_library="elsewhere.toml")
    om.delete(om.map.personas[2])  # the map's own may go
    assert [p.id for p in om.map.personas] == ["anna", "bob"]


def test_a_library_changed_on_disk_is_not_written_over(tmp_path: Path) -> None:
    path = write(tmp_path)
    library = tmp_path / "shared" / "personas.toml"
    om = OpenMap(MapFile.load(path))
    om.update(om.map.personas[1], name="Bob B")
    library.write_text(LIBRARY + "\n# someone else\n", encoding="utf-8")
    with pytest.raises(Exception, match="changed on disk"):
        om.save()
    assert library.read_text(encoding="utf-8").endswith("# someone else\n")
    assert path.read_text(encoding="utf-8") == MAP


def test_the_sample_library_loads_and_saves_byte_identical() -> None:
    path = SAMPLES / "employee-onboarding.toml"
    mf = MapFile.load(path)
    assert [p.id for p in mf.map.personas] == ["junior-dev", "associate", "sales-rep"]
    assert mf.library is not None and not mf.is_changed(mf.map)
    assert mf.render(mf.map) == path.read_text(encoding="utf-8")


# `cjm new`, lint -------------------------------------------------------------------------------


def test_cjm_new_writes_the_library_relative_to_the_new_map(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "maps").mkdir()
    new = tmp_path / "maps" / "new.toml"
    assert main(["new", str(new), "--persona-library", str(tmp_path / "shared/personas.toml")]) == 0
    text = new.read_text(encoding="utf-8")
    assert 'persona_library = "../shared/personas.toml"' in text
    assert "[[personas]]\nid" not in text  # the library's personas are the map's
    m = MapFile.load(new).map
    assert [p.id for p in m.personas] == ["anna", "bob"]
    assert main(["new", str(tmp_path / "x.toml"), "--persona-library", str(new)]) == 2
    assert not (tmp_path / "x.toml").exists()


def test_lint_flags_a_library_persona_no_map_linted_meets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write(tmp_path)
    found = library_unused([MapFile.load(one).map])
    (file,) = found
    assert [f.message for f in found[file]] == [
        "library persona bob meets no touchpoint in this map"
    ]
    two = write(tmp_path, "two.toml", MAP.replace('["anna", "own"]', '["bob"]'))
    assert library_unused([MapFile.load(one).map, MapFile.load(two).map]) == {file: []}
    main(["lint", str(one)])
    out = capsys.readouterr().out
    assert f"{tmp_path / 'shared' / 'personas.toml'}:7:1: warning: library persona bob " in out
    main(["lint", str(one), str(two)])
    assert "library persona" not in capsys.readouterr().out


# The editor ------------------------------------------------------------------------------------


async def test_the_editor_marks_library_personas_and_edits_them_in_the_library(
    tmp_path: Path,
) -> None:
    path = write(tmp_path)
    library = tmp_path / "shared" / "personas.toml"
    app = build_app(path, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.screen.query_one(PersonasPane)
        labels = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        assert labels[1].endswith(f"Anna, buyer {LIBRARY_MARK}")
        assert labels[2].endswith(f"Bob, installer {LIBRARY_MARK}")
        assert not labels[3].endswith(LIBRARY_MARK)
        await pilot.press("1", "down")
        detail = app.screen.query_one("#detail-text", Static)
        await until(
            pilot, lambda: "from the persona library shared/personas.toml" in str(detail.render())
        )
        await pilot.press("d")  # refused in one line: no question asked
        await pilot.pause()
        assert app.screen is app.main and len(app.om.map.personas) == 3
        assert any("persona library" in str(n.message) for n in app._notifications)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-name", Input).value = "Anna, head of buying"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.om.dirty)
    assert path.read_text(encoding="utf-8") == MAP
    assert 'name = "Anna, head of buying"  # the one who signs' in library.read_text("utf-8")


# The same personas, from a library or inline ----------------------------------------------------

names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)


LIBRARY_CASES = {
    "shared": st.lists(names, min_size=1, max_size=3),
    "own": st.lists(names, max_size=2),
    "emotions": st.lists(st.integers(-2, 2), min_size=1, max_size=5),
}
"""A library's personas, a map's own, and the emotions of its touchpoints (`library_and_body`)."""


def library_and_body(shared: list[str], own: list[str], emotions: list[int]) -> tuple[str, str]:
    """A library of `shared` personas, and a map's body (its own personas, one stage, one
    touchpoint per emotion, each felt by the next persona in turn, the first a moment of truth)."""

    def persona(i: int, name: str, prefix: str) -> str:
        quoted = json.dumps(name, ensure_ascii=False)
        return f'[[personas]]\nid = "{prefix}{i}"\nname = {quoted}\n\n'

    library = "".join(persona(i, n, "lib") for i, n in enumerate(shared))
    ids = [f"lib{i}" for i in range(len(shared))] + [f"own{i}" for i in range(len(own))]
    body = "".join(persona(i, n, "own") for i, n in enumerate(own))
    body += '[[stages]]\nid = "s"\nname = "Stage"\n\n'
    for k, value in enumerate(emotions):
        who = ids[k % len(ids)]
        feel = f"{{ {who} = {value} }}" if k % 2 else str(value)
        body += (
            f'[[touchpoints]]\nid = "t{k}"\nstage = "s"\nname = "T{k}"\n'
            f'personas = ["{who}"]\nemotion = {feel}\nmoment_of_truth = {str(k == 0).lower()}\n\n'
        )
    return library, body


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(**LIBRARY_CASES)
def test_a_library_and_the_same_personas_inline_give_the_same_report_and_exports(
    tmp_path: Path, shared: list[str], own: list[str], emotions: list[int]
) -> None:
    library, body = library_and_body(shared, own, emotions)
    head = '[map]\nformat = 1\ntitle = "Same"\n'
    folder = tmp_path / f"case{abs(hash((tuple(shared), tuple(own), tuple(emotions))))}"
    folder.mkdir(exist_ok=True)
    with_library = write(
        folder, "lib.toml", head + 'persona_library = "shared/personas.toml"\n\n' + body, library
    )
    inline = folder / "inline.toml"
    inline.write_text(head + "\n" + library + body, encoding="utf-8")
    a, b = MapFile.load(with_library).map, MapFile.load(inline).map
    assert plain_text(a, 100) == plain_text(b, 100)
    for fmt, export in FORMATS.items():
        out_a, out_b = export(a), export(b)
        if fmt == "json":
            data = json.loads(out_a)
            assert data["map"].pop("persona_library") == "shared/personas.toml"
            assert data == json.loads(out_b)
        else:
            assert out_a == out_b, fmt
    shutil.rmtree(folder)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(**LIBRARY_CASES)
def test_maps_with_a_library_and_with_the_same_personas_inline_report_the_same_across_maps(
    tmp_path: Path, shared: list[str], own: list[str], emotions: list[int]
) -> None:
    """The report across maps (text, Markdown, HTML, JSON) of two maps that name one library
    equals the report of the same two maps with the library's personas copied into each."""
    library, body = library_and_body(shared, own, emotions)
    _, other = library_and_body(shared, own, [-e for e in reversed(emotions)])
    case = tmp_path / f"case{abs(hash((tuple(shared), tuple(own), tuple(emotions))))}"
    (case / "shared").mkdir(parents=True)
    (case / "shared" / "personas.toml").write_text(library, encoding="utf-8")
    folders = {"with": case / "with", "inline": case / "inline"}
    for kind, folder in folders.items():
        folder.mkdir()
        for name, title, text in (("a.toml", "A", body), ("b.toml", "B", other)):
            head = f'[map]\nformat = 1\ntitle = "{title}"\n'
            if kind == "with":
                head += 'persona_library = "../shared/personas.toml"\n\n'
            else:
                head += "\n" + library
            (folder / name).write_text(head + text, encoding="utf-8")
    today = dt.date(2026, 12, 6)
    reports = {}
    for kind, folder in folders.items():
        loaded = load_maps([folder])
        assert all(item.map is not None for item in loaded), [i.problem for i in loaded]
        p = across(summaries(loaded), today)
        assert p.personas, "the personas across maps are in the report"
        reports[kind] = (
            plain_render(portfolio_report.text(p, [], 100), 100),
            portfolio_report.markdown(p, []),
            portfolio_report.html(p, []),
            portfolio_report.as_json(p, []),
        )
    assert reports["with"] == reports["inline"]
    shutil.rmtree(case)


def test_a_map_without_a_library_is_as_before() -> None:
    raw = {"map": {"format": 1, "title": "x"}, "stages": [{"id": "s", "name": "S"}]}
    m = map_from_raw(raw)
    assert m.library is None and own_map(m) is m


def test_diff_and_merge_take_the_map_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git hands its drivers copies of a map in another folder: the library is not read, and
    what they compare and write is the map's own file."""
    path = write(tmp_path)
    elsewhere = tmp_path / "git-tmp"
    elsewhere.mkdir()
    base = elsewhere / "base.toml"
    base.write_text(MAP, encoding="utf-8")
    theirs = elsewhere / "theirs.toml"
    theirs.write_text(MAP.replace('name = "Parking"', 'name = "Car park"'), encoding="utf-8")
    assert main(["diff", str(base), str(path)]) == 0
    assert capsys.readouterr().out.strip() == "No changes."
    assert main(["diff", str(path), str(theirs)]) == 0
    out = capsys.readouterr().out
    assert "Car park" in out and "anna" not in out.replace('"anna"', "")
    merged = elsewhere / "merged.toml"
    assert main(["merge", str(base), str(path), str(theirs), "-o", str(merged)]) == 0
    assert merged.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_another_editors_change_never_deletes_or_renames_a_library_persona(tmp_path: Path) -> None:
    """Editing together: a guest's map has the library's personas inline; the host replays its
    changes, and a library persona stays, with its id."""
    from cjm_tui.versions.changes import Drop, Put, replay

    m = MapFile.load(write(tmp_path)).map
    done = replay(m, [Drop("personas", "anna"), Drop("personas", "own")], careful=True)
    assert [p.id for p in done.map.personas] == ["anna", "bob"]
    put = Put("personas", "bob", {"id": ("bob", "robert"), "name": ("Bob, installer", "Rob")})
    done = replay(m, [put], careful=True)
    assert [(p.id, p.name) for p in done.map.personas][1] == ("bob", "Rob")
    assert [lost.field for lost in done.lost] == ["id"]


def test_a_map_read_again_knows_the_librarys_new_personas(tmp_path: Path) -> None:
    """A persona added to the library meanwhile is the library's in the map read again (a
    reload, a merge of the file): a save never writes it into the map."""
    from cjm_tui.editing.openmap import with_uids_of

    path = write(tmp_path)
    current = MapFile.load(path).map
    library = tmp_path / "shared" / "personas.toml"
    library.write_text(LIBRARY + '\n[[personas]]\nid = "cleo"\nname = "Cleo"\n', "utf-8")
    fresh = MapFile.load(path)
    m = with_uids_of(current, fresh.map)
    assert [p.id for p in m.personas] == ["anna", "bob", "cleo", "own"]
    assert [is_library_persona(m, p) for p in m.personas] == [True, True, True, False]
    assert m.personas[0] is current.personas[0]
    assert [p.id for p in own_map(m).personas] == ["own"]
    # A map rebuilt from plain data (a guest's) takes the library from the current map.
    inline = map_from_raw(map_to_raw(current))
    again = with_uids_of(current, inline)
    assert [is_library_persona(again, p) for p in again.personas] == [True, True, False]
