"""The Mermaid export read by Mermaid's own parser (the `mermaid` package under Node).

tests/js/parse-journey.mjs runs Mermaid's journey grammar and database on our diagrams (one
Node process for the whole module, a diagram a line); here what Mermaid's database holds is
compared with the model: sections are the stage names, tasks the touchpoints in journey order
with their section, score emotion + 3 and actors the names of the personas that meet them,
each name as the export writes it (tests/test_mermaid.py pins that escaping). A name made of
characters the export keeps must come back as it is.

Needs `node` and `npm ci --prefix tests/js`; without them the tests skip, unless the
environment variable CI is set: then they fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_tui.exports.mermaid import KEYWORD_GUARD, UNNAMED, name, render, task_name
from cjm_tui.imports.mermaidmap import map_from_mermaid
from cjm_tui.model import Map, MapInfo, Persona, Stage, Touchpoint
from cjm_tui.store import MapFile

from .conftest import ROOT, SAMPLE_MAPS, unavailable
from .test_store_properties import maps

JS = ROOT / "tests" / "js"
SCRIPT = JS / "parse-journey.mjs"
HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
# What Mermaid's title sanitizing (DOMPurify, HTML) may change; a title without it shows as is.
HTML_SPECIAL = set("<>&\"'\u00a0")

# Names that Mermaid's lexer reads as syntax if they are written as they are: keywords in any
# case, comments, entity codes, separators, spaces JavaScript trims and Python does not, and
# the `="` that Mermaid rewrites inside anything that looks like an HTML tag.
TRICKY_NAMES = [
    "Journey map review",
    "JOURNEY",
    "journeyé",
    "Title deed",
    "TITLE x",
    "Section 8 housing",
    "SECTION",
    "accTitle",
    "ACCTITLE",
    "accDescr {x}",
    "accdescr: y",
    "% off",
    "%",
    "50% off",
    "100%%",
    "%%{init: {'theme': 'dark'}}%%",
    "%{x}",
    "#1 choice",
    "#lt;b#gt;",
    "a;b; c",
    "Day: one",
    "a, b, c",
    "  padded  ",
    "\ufeffBOM first",
    "BOM last\ufeff",
    "\u3000ideographic space\u00a0",
    "tab\tand\nnewline\r\nand\u2028separator",
    '<a href="https://example.com">link</a>',
    'x="y"',
    "<b>bold</b> & <i>it</i>",
    "<script>alert(1)</script>",
    "}",
    "{",
    "-->",
    "\u200bzero width first",
    "Zażółć gęślą jaźń",
    "Съешь же ещё",
    "顧客体験 🎉",
    "👨‍👩‍👧 family",
    "\u202eRLO\u202c",
    "",
    "   ",
]


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (CI installs it: .ci/run)"
    for package in ("mermaid", "jsdom"):
        if not (JS / "node_modules" / package / "package.json").is_file():
            return f"tests/js/node_modules/{package} is missing: run `npm ci --prefix tests/js`"
    return None


class MermaidParser:
    """One `node parse-journey.mjs --jsonl` process: a diagram in, Mermaid's database out."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), "--jsonl"],
            cwd=JS,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            encoding="utf-8",
        )

    def parse(self, diagram: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(diagram) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"parse-journey.mjs stopped (exit status {self.process.poll()})"
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def mermaid() -> Iterator[MermaidParser]:
    missing = _missing()
    if missing:
        unavailable(missing)
    parser = MermaidParser()
    try:
        yield parser
    finally:
        parser.close()


# What Mermaid must read -----------------------------------------------------------------


@dataclass
class Expected:
    title: str | None
    sections: list[str] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)


def expected(m: Map, persona: str | None = None) -> Expected:
    """The journey database the export of `m` should give, worked out from the model."""
    title = name(m.info.title)
    want = Expected(title=None if title == UNNAMED else title)
    chosen = m.persona(persona) if persona is not None else None
    for stage_id, tps in m.touchpoints_by_stage().items():
        section = name(m.stage_name(stage_id))
        want.sections.append(section)
        for tp in tps:
            if persona is not None and not tp.meets(persona):
                continue
            if persona is not None:
                people = [chosen.name if chosen else persona]
            else:
                people = [p.name for p in m.personas if tp.meets(p.id)]
            value = tp.emotion_for(persona)  # a table's rounded mean without a persona
            want.tasks.append(
                {
                    "section": section,
                    "task": task_name(tp.name),
                    "score": 3 if value is None else value + 3,
                    "people": [name(p, actor=True) for p in people],
                }
            )
    return want


def check(diagram: str, db: dict[str, Any], want: Expected) -> None:
    """Mermaid's database `db` for `diagram` holds what `want` says, and so does our import."""
    assert "error" not in db, f"{db['error']}\n--- diagram:\n{diagram}"
    assert db["type"] == "journey"
    assert db["titleSource"] == want.title
    if want.title is None:
        assert db["title"] == ""
    elif not HTML_SPECIAL & set(want.title):
        assert db["title"] == want.title
    assert db["accTitle"] == "" and db["accDescription"] == ""
    assert db["sections"] == want.sections
    assert db["tasks"] == want.tasks
    for task in db["tasks"]:
        assert 1 <= task["score"] <= 5
        assert task["task"].removeprefix(KEYWORD_GUARD)
        assert all(p and p == p.strip() for p in task["people"])
    assert set(db["actors"]) == {p for task in want.tasks for p in task["people"]}
    # Our import reads the diagram as Mermaid does.
    back = map_from_mermaid(diagram, "x.mmd")
    assert [s.name for s in back.stages] == db["sections"]
    assert [
        {
            "section": back.stage_name(tp.stage),
            "task": tp.name,
            "score": (tp.emotion or 0) + 3,
            "people": [back.persona(p).name for p in tp.personas or []],  # type: ignore[union-attr]
        }
        for tp in back.touchpoints
    ] == [
        {
            **task,
            "task": task["task"].removeprefix(KEYWORD_GUARD),
            "people": list(dict.fromkeys(task["people"])),
        }
        for task in db["tasks"]
    ]


def run(mermaid: MermaidParser, m: Map, persona: str | None = None) -> dict[str, Any]:
    diagram = render(m, persona)
    db = mermaid.parse(diagram)
    check(diagram, db, expected(m, persona))
    return db


# Sample maps, each persona, the hostile map -----------------------------------------------


def _cases() -> list[Any]:
    cases = []
    for path in [*SAMPLE_MAPS, HOSTILE]:
        m = MapFile.load(path).map
        for persona in [None, *(p.id for p in m.personas)]:
            label = path.stem + ("" if persona is None else f"--persona={persona}")
            cases.append(pytest.param(path, persona, id=label))
    return cases


@pytest.mark.parametrize(("path", "persona"), _cases())
def test_mermaid_reads_the_export(mermaid: MermaidParser, path: Path, persona: str | None) -> None:
    m = MapFile.load(path).map
    db = run(mermaid, m, persona)
    assert len(db["tasks"]) == len(m.touchpoints_of(persona))
    if persona is None and path != HOSTILE:
        # The samples' names need no escaping but `:` and `,`: Mermaid gives them back as they are.
        assert db["sections"] == [s.name.replace(":", "\uff1a") for s in m.stages]
        assert [t["task"] for t in db["tasks"]] == [
            tp.name.replace(":", "\uff1a") for tp in m.journey()
        ]


def test_golden_files_parse(mermaid: MermaidParser) -> None:
    for path in sorted((ROOT / "tests" / "golden").glob("*.mmd")):
        db = mermaid.parse(path.read_text(encoding="utf-8"))
        assert "error" not in db, f"{path.name}: {db['error']}"
        assert db["tasks"]


def test_parser_reports_errors(mermaid: MermaidParser) -> None:
    """The harness sees Mermaid's parse errors (so the checks above can fail)."""
    assert "error" in mermaid.parse("journey\n  section A\n  Journey: 3\n")
    assert "error" in mermaid.parse("journey\n  section A\n  : 3\n")
    assert mermaid.parse("journey\n  section A\n  % a comment: 3\n")["tasks"] == []


# Names Mermaid's lexer would misread -------------------------------------------------------


def _one_name_map(text: str) -> Map:
    """`text` as the title, a stage, a touchpoint and a persona."""
    return Map(
        info=MapInfo(title=text),
        personas=[Persona(id="p", name=text), Persona(id="q", name="Other")],
        stages=[Stage(id="s", name=text), Stage(id="t", name="Next")],
        touchpoints=[
            Touchpoint(id="a", stage="s", name=text, emotion={"p": 2, "q": -1}),
            Touchpoint(id="b", stage="t", name=text, emotion=-2, personas=["p"]),
            Touchpoint(id="c", stage="t", name="after", personas=[]),
        ],
    )


@pytest.mark.parametrize("text", TRICKY_NAMES, ids=repr)
def test_tricky_names(mermaid: MermaidParser, text: str) -> None:
    m = _one_name_map(text)
    for persona in (None, "p", "q"):
        run(mermaid, m, persona)


# Any map -----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=maps(), data=st.data())
def test_any_map(mermaid: MermaidParser, m: Map, data: st.DataObject) -> None:
    persona = data.draw(st.none() | st.sampled_from([p.id for p in m.personas] or [None]))
    run(mermaid, m, persona)


# Letters, digits, punctuation and symbols the export keeps, and plain spaces between them.
KEPT = st.characters(
    categories=["L", "M", "N", "P", "S"],
    exclude_characters=':;#,%"',
)
plain_names = st.lists(st.text(KEPT, min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=plain_names, stage=plain_names, task=plain_names, persona=plain_names)
def test_kept_names_come_back_as_they_are(
    mermaid: MermaidParser, title: str, stage: str, task: str, persona: str
) -> None:
    m = Map(
        info=MapInfo(title=title),
        personas=[Persona(id="p", name=persona)],
        stages=[Stage(id="s", name=stage)],
        touchpoints=[Touchpoint(id="t", stage="s", name=task, emotion=1)],
    )
    db = run(mermaid, m)
    assert db["titleSource"] == title
    assert db["sections"] == [stage]
    assert [(t["task"].removeprefix(KEYWORD_GUARD), t["people"]) for t in db["tasks"]] == [
        (task, [persona])
    ]
