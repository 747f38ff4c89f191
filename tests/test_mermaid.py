"""`cjm export --format mermaid` and `cjm import mermaid`: golden files, hostile names, round trips.

Regenerate the golden files with `CJM_UPDATE_GOLDEN=1 pytest tests/test_mermaid.py`, then read
the diff: they are the reviewed expected output.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cjm_tui.cli import main
from cjm_tui.exports import FORMATS
from cjm_tui.exports.mermaid import UNNAMED, render, task_name
from cjm_tui.exports.mermaid import name as safe_name
from cjm_tui.imports.mermaidmap import map_from_mermaid
from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint, mean_emotion
from cjm_tui.store import MapFile
from cjm_tui.store.read import InvalidMap

from .conftest import ROOT, SAMPLE_MAPS
from .test_store_properties import maps

HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
GOLDEN = ROOT / "tests" / "golden"
# Control characters (C0 but newline, DEL, C1) and bidi controls: none may reach the diagram.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def load(path: Path) -> Map:
    return MapFile.load(path).map


def names_in(diagram: str) -> list[str]:
    """Every name the diagram carries: title, sections, task names and actors."""
    found: list[str] = []
    for line in diagram.splitlines()[1:]:
        text = line.strip()
        if text.startswith(("title ", "section ")):
            found.append(text.partition(" ")[2])
        else:
            name, _, rest = text.partition(": ")
            found.append(name)
            _, _, actors = rest.partition(": ")
            found.extend(a for a in actors.split(", ") if actors)
    return found


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    out = render(load(path))
    golden = GOLDEN / f"{path.stem}.mmd"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8")


def test_registered() -> None:
    assert FORMATS["mermaid"] is render


def test_scores_and_actors() -> None:
    m = Map(
        info=MapInfo(title="Day: one"),
        personas=[Persona(id="a", name="Ann, the boss"), Persona(id="b", name="Bob")],
        stages=[Stage(id="s", name="Go #1"), Stage(id="empty", name="")],
        touchpoints=[
            Touchpoint(id="t1", stage="s", name="Tea; hot", emotion=2),
            Touchpoint(id="t2", stage="s", name="", emotion={"a": -2, "b": 1}, personas=["b"]),
            Touchpoint(id="t3", stage="s", name="Walk", emotion={}),
            Touchpoint(id="t4", stage="s", name="section x", personas=["a"]),
        ],
    )
    assert render(m) == (
        "journey\n"
        "    title Day\uff1a one\n"
        "    section Go \uff031\n"
        "      Tea\uff1b hot: 5: Ann\uff0c the boss, Bob\n"
        f"      {UNNAMED}: 2: Bob\n"
        "      Walk: 3: Ann\uff0c the boss, Bob\n"
        "      \u200bsection x: 3: Ann\uff0c the boss\n"
        f"    section {UNNAMED}\n"
    )
    assert render(m, "a") == (
        "journey\n"
        "    title Day\uff1a one\n"
        "    section Go \uff031\n"
        "      Tea\uff1b hot: 5: Ann\uff0c the boss\n"
        "      Walk: 3: Ann\uff0c the boss\n"
        "      \u200bsection x: 3: Ann\uff0c the boss\n"
        f"    section {UNNAMED}\n"
    )
    # A persona's own value from a table; the mean (halves away from zero) without one.
    assert f"{UNNAMED}: 4: Bob" in render(m, "b")
    assert f"{UNNAMED}: 2: Bob" in render(m)  # mean of -2 and 1 is -0.5 -> -1 -> score 2
    back = map_from_mermaid(render(m), "x.mmd")
    assert [tp.name for tp in back.touchpoints][3] == "section x"


def test_hostile_map_names_are_safe() -> None:
    m = load(HOSTILE)
    out = render(m)
    assert not RAW_CONTROL.search(out)
    assert "#" not in out and ";" not in out
    assert "%%" not in out
    for name in names_in(out):
        assert name and ":" not in name and "\n" not in name and "\r" not in name
    for line in out.splitlines()[1:]:
        text = line.strip()
        if not text.startswith(("title ", "section ")):
            assert text.count(": ") in (1, 2), line
            actors = text.split(": ")[2] if text.count(": ") == 2 else ""
            assert len(actors.split(", ")) <= len(m.personas)
    back = map_from_mermaid(out, "hostile.mmd")
    assert len(back.stages) == len(m.stages)
    assert len(back.touchpoints) == len(m.touchpoints)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_export_import_keeps_stages_touchpoints_and_emotions(m: Map) -> None:
    back = map_from_mermaid(render(m), "any.mmd")
    groups = m.touchpoints_by_stage()
    back_groups = back.touchpoints_by_stage()
    assert len(back.stages) == len(groups)
    assert [len(tps) for tps in back_groups.values()] == [len(tps) for tps in groups.values()]
    for tps, back_tps in zip(groups.values(), back_groups.values(), strict=True):
        for tp, back_tp in zip(tps, back_tps, strict=True):
            emotion = tp.emotion
            expected = mean_emotion(emotion) if isinstance(emotion, dict) else emotion
            assert back_tp.emotion == (0 if expected is None else expected)
            if m.personas and (tp.personas is None or tp.personas):
                assert back_tp.personas
            elif not m.personas or tp.personas == []:
                assert back_tp.personas is None


def test_import_builds_stages_personas_and_emotions() -> None:
    text = (
        "%% a comment\n"
        "journey\n"
        "  %% another one\n"
        "  title My working day\n"
        "  Wake up: 2\n"
        "  section Go to work\n"
        "    Make tea: 5: Me\n"
        "    %% skipped: 1: Nobody\n"
        "    Go upstairs: 3: Me, Cat\n"
        "  section Go home\n"
        "    Go downstairs: 1: Cat\n"
    )
    m = map_from_mermaid(text, "day.mmd")
    assert m.info.title == "My working day"
    assert [(s.id, s.name) for s in m.stages] == [
        ("my-working-day", "My working day"),
        ("go-to-work", "Go to work"),
        ("go-home", "Go home"),
    ]
    assert [(p.id, p.name) for p in m.personas] == [("me", "Me"), ("cat", "Cat")]
    assert [(t.stage, t.name, t.emotion, t.personas) for t in m.touchpoints] == [
        ("my-working-day", "Wake up", -1, None),
        ("go-to-work", "Make tea", 2, ["me"]),
        ("go-to-work", "Go upstairs", 0, ["me", "cat"]),
        ("go-home", "Go downstairs", -2, ["cat"]),
    ]


# Found by Mermaid's own parser (tests/test_mermaid_parser.py): its lexer matches keywords in
# any ASCII case, takes a `%` at the start of a task as a comment, trims U+FEFF as a space, and
# its preprocessing rewrites `="…"` in anything that looks like an HTML tag to `='…'`.
@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Journey map review", "\u200bJourney map review"),
        ("TITLE deed", "\u200bTITLE deed"),
        ("Section 8 housing", "\u200bSection 8 housing"),
        ("accdescr {x}", "\u200baccdescr {x}"),
        ("% off", "\u200b% off"),
        ("50% off", "50% off"),
        ("journeyman", "\u200bjourneyman"),  # more than needed, and harmless
        ("\ufeff Tea \ufeff", "Tea"),
        ('<a href="x">link</a>', '<a href=\uff02x">link</a>'),
    ],
)
def test_task_names_mermaid_would_misread(text: str, written: str) -> None:
    assert task_name(text) == written
    assert safe_name(text) == written.removeprefix("\u200b")
    back = map_from_mermaid(f"journey\n  section A\n    {written}: 4\n", "x.mmd")
    assert [tp.name for tp in back.touchpoints] == [written.removeprefix("\u200b")]


def test_import_reads_keywords_in_any_case_and_percent_comments() -> None:
    text = "journey\n  Title Day\n  SECTION Go\n  % a comment: 1\n  %{x}: 2\n  Tea: 4\n"
    m = map_from_mermaid(text, "x.mmd")
    assert m.info.title == "Day"
    assert [s.name for s in m.stages] == ["Go"]
    assert [(tp.name, tp.emotion) for tp in m.touchpoints] == [("%{x}", -1), ("Tea", 1)]


def test_tasks_before_a_section_without_a_title_go_to_journey() -> None:
    m = map_from_mermaid("journey\n  Lone task: 4\n  section Later\n  Next: 3\n", "x.mmd")
    assert [s.name for s in m.stages] == ["Journey", "Later"]
    assert m.info.title == "x"
    assert [t.stage for t in m.touchpoints] == ["journey", "later"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "no `journey`"),
        ("%% only a comment\n", 1, "no `journey`"),
        ("\n\ngantt\n", 3, "starts with `journey`"),
        ("journey\n  section A\n  Task without score\n", 3, "neither"),
        ("journey\n  section A\n  Fine: 3\n  Bad: 9: Me\n", 4, "score '9'"),
        ("journey\n  section A\n  Bad: x\n", 3, "score 'x'"),
        ("journey\n  section A\n\n  : 3\n", 4, "needs a name"),
        ("journey\n  title\n", 2, "`title` needs a name"),
        ("journey\n  section\n", 2, "`section` needs a name"),
    ],
)
def test_import_errors_name_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InvalidMap) as caught:
        map_from_mermaid(text, "bad.mmd")
    problem = caught.value.problems[0]
    assert problem.file == "bad.mmd"
    assert problem.line == line
    assert words in problem.message


def test_score_error_points_at_the_score() -> None:
    with pytest.raises(InvalidMap) as caught:
        map_from_mermaid("journey\nsection A\n  Tea:  7: Me\n", "bad.mmd")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (3, 9)


# CLI --------------------------------------------------------------------------------


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = ROOT / "maps" / "telecom-prepaid.toml"
    diagram = tmp_path / "journey.mmd"
    assert main(["export", str(source), "--format", "mermaid", "-o", str(diagram)]) == 0
    target = tmp_path / "back.toml"
    assert main(["import", "mermaid", str(diagram), "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    original, back = load(source), load(target)
    assert back.info.title == original.info.title.replace(":", "\uff1a")
    assert len(back.stages) == len(original.stages)
    assert [tp.emotion for tp in back.journey()] == [
        tp.emotion_for(None) or 0
        for tp in original.journey()  # no emotion: score 3, so 0
    ]
    for tp, back_tp in zip(original.journey(), back.journey(), strict=True):
        actors = {p.name.replace(",", "\uff0c") for p in original.personas if tp.meets(p.id)}
        assert {back.persona(p).name for p in back_tp.personas or []} == actors  # type: ignore[union-attr]
    # Persona order is first-seen order after one trip; from then on the diagram is stable.
    again = render(back)
    assert render(map_from_mermaid(again, "again.mmd")) == again
    # Never over an existing file.
    assert main(["import", "mermaid", str(diagram), "-o", str(target)]) == 2


def test_cli_persona(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = ROOT / "maps" / "telecom-prepaid.toml"
    m = load(source)
    persona = m.personas[0]
    assert main(["export", str(source), "-f", "mermaid", "--persona", persona.id]) == 0
    out = capsys.readouterr().out
    assert out == render(m, persona.id)
    tasks = [line for line in out.splitlines() if line.startswith("      ")]
    assert len(tasks) == len(m.touchpoints_of(persona.id))
    for tp, line in zip(m.touchpoints_of(persona.id), tasks, strict=True):
        value = tp.emotion_for(persona.id)
        assert f": {3 if value is None else value + 3}: " in line


def test_cli_unknown_persona(capsys: pytest.CaptureFixture[str]) -> None:
    source = ROOT / "maps" / "telecom-prepaid.toml"
    assert main(["export", str(source), "-f", "mermaid", "--persona", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
    assert main(["export", str(source), "-f", "csv", "--persona", "student"]) == 2


def test_cli_import_error_shows_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\n  section A\n  Tea: 8: Me\n", encoding="utf-8")
    assert main(["import", "mermaid", str(bad), "-o", str(tmp_path / "out.toml")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:" in err
    assert not (tmp_path / "out.toml").exists()
