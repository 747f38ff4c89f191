"""A Mermaid `journey` diagram (as `cjm export --format mermaid` writes it) to a map.

Each `section` is a stage, each task (`name: score` or `name: score: actor, actor`) a
touchpoint with emotion = score - 3, each actor a persona (its id made from its name). Tasks
before the first section go to a first stage named after the diagram's title (or "Journey").
A task with no actors has no `personas` key. Blank lines and comment lines (starting with `%`
but not `%{`, Mermaid's comment rule, so `%%` too) are skipped, as are the `accTitle` and
`accDescr` accessibility lines. Keywords match in any ASCII case, as in Mermaid's lexer. The
leading zero-width space the export puts before a task name that Mermaid would misread (one
starting with a keyword or `%`) is removed. Problems point at the line (and column) where the
diagram breaks the syntax.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cjm_tui.exports.mermaid import KEYWORD_GUARD, NEUTRAL_SCORE
from cjm_tui.model import Map, map_from_raw
from cjm_tui.model.ids import unique_id
from cjm_tui.model.problems import Problem
from cjm_tui.model.validate import validate
from cjm_tui.store.read import InvalidMap

DEFAULT_STAGE = "Journey"
_INT = re.compile(r"[+-]?[0-9]+")
# Keywords in any ASCII case, as Mermaid's lexer reads them; `\s` still any Unicode space.
_KEYWORD = re.compile(r"(?ai:(title|section))(?:\s+(.*))?$")
_ACCESSIBILITY = re.compile(r"(?ai:acc(title|descr))\s*(:|\{)")


class _Task:
    def __init__(self, name: str, emotion: int, actors: list[str], line: int) -> None:
        self.name = name
        self.emotion = emotion
        self.actors = actors
        self.line = line


class _Section:
    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.tasks: list[_Task] = []


class _Parser:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.title: str | None = None
        self.loose = _Section("", 1)  # tasks before the first section
        self.sections: list[_Section] = []

    def problem(self, message: str, line: int, column: int = 1) -> None:
        self.problems.append(Problem(message, file=self.file, line=line, column=column))

    def parse(self, text: str) -> None:
        lines = text.removeprefix("\ufeff").splitlines()
        seen_header = False
        in_block = False
        for number, raw_line in enumerate(lines, start=1):
            stripped = raw_line.strip()
            indent = len(raw_line) - len(raw_line.lstrip()) + 1
            if in_block:
                in_block = "}" not in stripped
                continue
            if not stripped or (stripped.startswith("%") and not stripped.startswith("%{")):
                continue
            if not seen_header:
                if stripped != "journey":
                    self.problem("a Mermaid journey diagram starts with `journey`", number, indent)
                    return
                seen_header = True
                continue
            accessibility = _ACCESSIBILITY.match(stripped)
            if accessibility:
                in_block = accessibility.group(2) == "{" and "}" not in stripped
                continue
            keyword = _KEYWORD.match(stripped)
            if keyword:
                word = keyword.group(1).lower()
                self.keyword(word, (keyword.group(2) or "").strip(), number, indent)
                continue
            self.task(stripped, number, indent)
        if not seen_header:
            self.problem("no `journey` line: the text is not a Mermaid journey diagram", 1)

    def keyword(self, word: str, value: str, line: int, column: int) -> None:
        if not value:
            self.problem(f"`{word}` needs a name after it", line, column)
        elif word == "title":
            self.title = value
        else:
            self.sections.append(_Section(value, line))

    def task(self, text: str, line: int, column: int) -> None:
        name, colon, rest = text.partition(":")
        name = name.strip().removeprefix(KEYWORD_GUARD)
        if not colon:
            self.problem(
                f"{text!r} is neither `section`, `title` nor a task `name: score: actors`",
                line,
                column,
            )
            return
        if not name:
            self.problem("a task needs a name before its `:`", line, column)
            return
        score_text, _, actors_text = rest.partition(":")
        score_column = column + len(text) - len(rest) + len(score_text) - len(score_text.lstrip())
        score_text = score_text.strip()
        if not _INT.fullmatch(score_text) or not 1 <= int(score_text) <= 5:
            self.problem(
                f"score {score_text!r} is not a whole number from 1 to 5", line, score_column
            )
            return
        actors: list[str] = []
        for actor in actors_text.split(","):
            actor = actor.strip()
            if actor and actor not in actors:
                actors.append(actor)
        section = self.sections[-1] if self.sections else self.loose
        section.tasks.append(_Task(name, int(score_text) - NEUTRAL_SCORE, actors, line))


def map_from_mermaid(text: str, file: str) -> Map:
    """The map a Mermaid journey diagram describes; InvalidMap with each problem's line."""
    parser = _Parser(file)
    parser.parse(text)
    if parser.problems:
        raise InvalidMap(parser.problems)

    sections = list(parser.sections)
    if parser.loose.tasks or not sections:
        parser.loose.name = parser.title or DEFAULT_STAGE
        sections.insert(0, parser.loose)

    stage_taken: set[str] = set()
    persona_ids: dict[str, str] = {}
    tp_taken: set[str] = set()
    stages: list[dict[str, Any]] = []
    touchpoints: list[dict[str, Any]] = []
    task_lines: list[int] = []
    for section in sections:
        stage_id = unique_id(section.name, stage_taken, "stage")
        stage_taken.add(stage_id)
        stages.append({"id": stage_id, "name": section.name})
        for task in section.tasks:
            tp_id = unique_id(task.name, tp_taken, "touchpoint")
            tp_taken.add(tp_id)
            entry: dict[str, Any] = {"id": tp_id, "stage": stage_id, "name": task.name}
            if task.actors:
                for actor in task.actors:
                    if actor not in persona_ids:
                        persona_ids[actor] = unique_id(actor, persona_ids.values(), "persona")
                entry["personas"] = [persona_ids[a] for a in task.actors]
            entry["emotion"] = task.emotion
            touchpoints.append(entry)
            task_lines.append(task.line)

    raw: dict[str, Any] = {
        "map": {"format": 1, "title": parser.title or Path(file).stem},
        "stages": stages,
    }
    if persona_ids:
        raw["personas"] = [{"id": pid, "name": name} for name, pid in persona_ids.items()]
    if touchpoints:
        raw["touchpoints"] = touchpoints

    for problem in validate(raw):
        if problem.severity != "error":
            continue
        path = problem.path
        line = 1
        if len(path) >= 2 and path[0] == "touchpoints" and isinstance(path[1], int):
            line = task_lines[path[1]]
        elif len(path) >= 2 and path[0] == "stages" and isinstance(path[1], int):
            line = sections[path[1]].line
        parser.problem(problem.message, line)
    if parser.problems:
        raise InvalidMap(parser.problems)
    return map_from_raw(raw)
