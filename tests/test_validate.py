"""`cjm check`'s rules (map-format.md, "Errors cjm check reports"), each with its exact location.

Every case goes through `cjm_tui.store.check_text(text, "m.toml")` and asserts the line, the
column and a fragment of the message of the problem it must report.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest

from cjm_tui.model.problems import Problem
from cjm_tui.store import check_text

# --------------------------------------------------------------------------- helpers


def problems(text: str, strict: bool = False) -> list[Problem]:
    return check_text(text, "m.toml", strict=strict).problems


def errors(text: str, strict: bool = False) -> list[Problem]:
    return [p for p in problems(text, strict) if p.severity == "error"]


def only(text: str, strict: bool = False) -> Problem:
    found = problems(text, strict)
    assert len(found) == 1, [(p.line, p.column, p.message) for p in found]
    return found[0]


def where(p: Problem) -> tuple[int, int]:
    return (p.line, p.column)


def assert_valid(text: str) -> None:
    checked = check_text(text, "m.toml")
    assert checked.problems == [], [(p.line, p.column, p.message) for p in checked.problems]
    assert checked.raw is not None
    assert checked.ok


# The smallest complete map; 11 lines, so text appended to it starts on line 12.
HEAD = """\
[map]
format = 1
title = "T"

[[personas]]
id = "student"
name = "Ola"

[[stages]]
id = "discover"
name = "Discover"
"""
assert HEAD.count("\n") == 11

# A touchpoint after HEAD: header on line 13, id 14, stage 15, name 16; a key added to it: 17.
TP = """
[[touchpoints]]
id = "sms"
stage = "discover"
name = "SMS"
"""


@dataclass
class Case:
    id: str
    text: str
    line: int
    column: int
    fragment: str


def cases(*items: Case) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("case", items, ids=[c.id for c in items])


# --------------------------------------------------------------------------- rules

RULE_CASES = [
    # TOML syntax errors: the parser's own line and column.
    Case("syntax-missing-value", "[map]\nformat = 1\ntitle = \n", 3, 9, "TOML syntax"),
    Case("syntax-duplicate-key", "[map]\nformat = 1\nformat = 1\n", 3, 11, "TOML syntax"),
    Case("syntax-unterminated-at-eof", '[map]\ntitle = "abc', 2, 13, "unterminated string"),
    # Missing [map]: line 1, even when the file starts with other things.
    Case("missing-map", '# notes\n\n[[stages]]\nid = "a"\nname = "A"\n', 1, 1, "missing [map]"),
    # format other than 1: points at the value.
    Case("format-2", HEAD.replace("format = 1", "format = 2"), 2, 10, "format = 2"),
    Case("format-text", HEAD.replace("format = 1", 'format = "1"'), 2, 10, 'format = "1"'),
    Case("format-float", HEAD.replace("format = 1", "format = 1.0"), 2, 10, "format = 1.0"),
    Case(
        "format-missing",
        "# c\n" + HEAD.replace("format = 1\n", ""),
        2,
        1,
        'missing required key "format"',
    ),
    # Missing title: the [map] header's line (not the comment above it).
    Case(
        "title-missing",
        '# a comment\n\n[map]\nformat = 1\n\n[[stages]]\nid = "a"\nname = "A"\n',
        3,
        1,
        'missing required key "title"',
    ),
    # Unknown kind.
    Case(
        "kind-unknown",
        HEAD.replace('title = "T"', 'title = "T"\nkind = "robot"'),
        4,
        8,
        'kind = "robot"',
    ),
    # A required key missing: the entry's header line.
    Case(
        "persona-missing-name",
        HEAD.replace('name = "Ola"\n', ""),
        5,
        1,
        'missing required key "name" in persona "student"',
    ),
    Case(
        "persona-missing-id",
        HEAD.replace('id = "student"\n', ""),
        5,
        1,
        'missing required key "id" in [[personas]] #1',
    ),
    Case(
        "stage-missing-name",
        HEAD.replace('name = "Discover"\n', ""),
        9,
        1,
        'missing required key "name" in stage "discover"',
    ),
    Case(
        "stage-missing-id",
        HEAD.replace('id = "discover"\n', "") + '\n[[stages]]\nid = "b"\nname = "B"\n',
        9,
        1,
        'missing required key "id" in [[stages]] #1',
    ),
    Case(
        "touchpoint-missing-stage",
        HEAD + TP.replace('stage = "discover"\n', ""),
        13,
        1,
        'missing required key "stage" in touchpoint "sms"',
    ),
    Case(
        "touchpoint-missing-name",
        HEAD + TP.replace('name = "SMS"\n', ""),
        13,
        1,
        'missing required key "name" in touchpoint "sms"',
    ),
    Case(
        "touchpoint-missing-id",
        HEAD + TP.replace('id = "sms"\n', ""),
        13,
        1,
        'missing required key "id" in [[touchpoints]] #1',
    ),
    Case(
        "action-missing-touchpoint",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntitle = "X"\n',
        18,
        1,
        'missing required key "touchpoint" in action "x"',
    ),
    Case(
        "action-missing-title",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\n',
        18,
        1,
        'missing required key "title" in action "x"',
    ),
    Case(
        "action-missing-id",
        HEAD + TP + '\n[[actions]]\ntouchpoint = "sms"\ntitle = "X"\n',
        18,
        1,
        'missing required key "id" in [[actions]] #1',
    ),
    # Wrong types (the examples of the brief); the column is the value's.
    Case("emotion-text", HEAD + TP + 'emotion = "bad"\n', 17, 11, 'emotion = "bad"'),
    Case("mot-text", HEAD + TP + 'moment_of_truth = "yes"\n', 17, 19, "expected true or false"),
    Case(
        "goals-text",
        HEAD.replace('name = "Ola"', 'name = "Ola"\ngoals = "x"'),
        8,
        9,
        "expected a list of text",
    ),
    Case(
        "updated-text",
        HEAD.replace('title = "T"', 'title = "T"\nupdated = "tomorrow"'),
        4,
        11,
        "expected a TOML date",
    ),
    # Ids that are not slugs.
    Case(
        "id-spaces-capitals",
        HEAD.replace('"discover"', '"Discover Me"'),
        10,
        6,
        "is not a valid id",
    ),
    Case(
        "id-leading-dash",
        HEAD.replace('id = "student"', 'id = "-student"'),
        6,
        6,
        "is not a valid id",
    ),
    Case(
        "id-65-chars", HEAD.replace('"discover"', '"' + "d" * 65 + '"'), 10, 6, "is not a valid id"
    ),
    Case("id-not-text", HEAD + TP.replace('id = "sms"', "id = 7"), 14, 6, "id = 7"),
    # References to ids that do not exist.
    Case(
        "unknown-stage",
        HEAD + TP.replace('stage = "discover"', 'stage = "nope"'),
        15,
        9,
        'stage = "nope" is not the id of a stage',
    ),
    Case(
        "unknown-persona-in-list",
        HEAD + TP + 'personas = ["student", "ghost"]\n',
        17,
        24,
        '"ghost" is not the id of a persona',
    ),
    Case(
        "unknown-persona-emotion-key",
        HEAD + TP + "emotion = { student = -1, ghost = 1 }\n",
        17,
        27,
        '"ghost" is not the id of a persona',
    ),
    Case(
        "persona-emotion-out-of-range",
        HEAD + TP + "emotion = { student = 5 }\n",
        17,
        23,
        "emotion.student = 5",
    ),
    Case(
        "persona-emotion-float",
        HEAD + TP + "emotion = { student = 1.5 }\n",
        17,
        23,
        "expected an integer",
    ),
    Case(
        "unknown-action-touchpoint",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "zz"\ntitle = "X"\n',
        20,
        14,
        'touchpoint = "zz" is not the id of a touchpoint',
    ),
    # Emotion range and type.
    Case("emotion-3", HEAD + TP + "emotion = 3\n", 17, 11, "within -2..+2"),
    Case("emotion-minus-3", HEAD + TP + "emotion = -3\n", 17, 11, "within -2..+2"),
    Case("emotion-float", HEAD + TP + "emotion = 1.0\n", 17, 11, "emotion = 1.0"),
    Case("emotion-bool", HEAD + TP + "emotion = true\n", 17, 11, "emotion = true"),
    # Words.
    Case("status-word", HEAD + TP + 'status = "maybe"\n', 17, 10, '"hypothesis", "verified"'),
    Case(
        "effort-word",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "X"\neffort = "huge"\n',
        22,
        10,
        '"low", "medium", "high"',
    ),
    Case(
        "impact-word",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "X"\nimpact = "none"\n',
        22,
        10,
        'impact = "none"',
    ),
    Case(
        "state-word",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "X"\nstate = "later"\n',
        22,
        9,
        '"todo", "doing", "done"',
    ),
    Case("status-case-matters", HEAD + TP + 'status = "Verified"\n', 17, 10, 'status = "Verified"'),
    # No stages at all: line 1.
    Case("no-stages", '# c\n[map]\nformat = 1\ntitle = "T"\n', 1, 1, "no stages"),
    Case(
        "empty-stages-array", 'stages = []\n\n[map]\nformat = 1\ntitle = "T"\n', 1, 1, "no stages"
    ),
]


@cases(*RULE_CASES)
def test_rule_reports_its_location(case: Case) -> None:
    p = only(case.text)
    assert p.severity == "error"
    assert p.file == "m.toml"
    assert where(p) == (case.line, case.column), p.message
    assert case.fragment in p.message


@cases(*RULE_CASES)
def test_rule_excerpt_is_the_pointed_line(case: Case) -> None:
    p = only(case.text)
    assert p.excerpt == case.text.split("\n")[case.line - 1]


# Duplicate ids, one per table: the second entry's id value.
DUPLICATES = [
    Case(
        "persona",
        HEAD + '\n[[personas]]\nid = "student"\nname = "Two"\n',
        14,
        6,
        'duplicate persona id "student"',
    ),
    Case(
        "stage",
        HEAD + '\n[[stages]]\nid = "discover"\nname = "Two"\n',
        14,
        6,
        'duplicate stage id "discover"',
    ),
    Case(
        "touchpoint",
        HEAD + TP + TP.replace('"SMS"', '"Two"'),
        19,
        6,
        'duplicate touchpoint id "sms"',
    ),
    Case(
        "action",
        HEAD + TP + '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "X"\n'
        '\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "Y"\n',
        24,
        6,
        'duplicate action id "x"',
    ),
]


@cases(*DUPLICATES)
def test_duplicate_id_in_each_table(case: Case) -> None:
    p = only(case.text)
    assert where(p) == (case.line, case.column)
    assert case.fragment in p.message


def test_duplicate_id_in_an_inline_array_of_tables_points_at_the_second_id() -> None:
    text = (
        'stages = [{ id = "a", name = "A" }, { id = "a", name = "B" }]\n'
        '[map]\nformat = 1\ntitle = "T"\n'
    )
    p = only(text)
    assert where(p) == (1, 44)
    assert 'duplicate stage id "a"' in p.message


# --------------------------------------------------------------------------- every key's type

# A whole map, built from key -> TOML value text, so every key of the format can be given a
# value of the wrong type and its exact position computed from the text itself.
FULL: dict[str, list[dict[str, str]]] = {
    "map": [{"format": "1", "title": '"T"'}],
    "personas": [{"id": '"student"', "name": '"Ola"'}],
    "stages": [{"id": '"discover"', "name": '"Discover"'}],
    "touchpoints": [{"id": '"sms"', "stage": '"discover"', "name": '"SMS"'}],
    "actions": [{"id": '"magic"', "touchpoint": '"sms"', "title": '"Magic link"'}],
}


def render(tables: dict[str, list[dict[str, str]]]) -> str:
    parts = []
    for table, entries in tables.items():
        for entry in entries:
            header = "[map]" if table == "map" else f"[[{table}]]"
            parts.append("\n".join([header, *(f"{k} = {v}" for k, v in entry.items())]) + "\n")
    return "\n".join(parts)


def test_full_map_is_valid() -> None:
    assert_valid(render(FULL))


WRONG_TYPES = [
    ("map", "format", '"1"'),
    ("map", "title", "1"),
    ("map", "kind", '"robot"'),
    ("map", "description", "1"),
    ("map", "owner", "[]"),
    ("map", "updated", '"tomorrow"'),
    ("map", "updated", "10:30:00"),
    ("personas", "id", "5"),
    ("personas", "name", "true"),
    ("personas", "description", "1"),
    ("personas", "goals", '"x"'),
    ("personas", "pains", '["a", 1]'),
    ("personas", "quote", "1"),
    ("stages", "id", '"Not A Slug"'),
    ("stages", "name", "1"),
    ("stages", "description", "1"),
    ("stages", "goal", "1"),
    ("touchpoints", "stage", "1"),
    ("touchpoints", "name", "1"),
    ("touchpoints", "channel", "1"),
    ("touchpoints", "personas", '"student"'),
    ("touchpoints", "doing", "1"),
    ("touchpoints", "thinking", "1"),
    ("touchpoints", "feeling", "1"),
    ("touchpoints", "expectation", "1"),
    ("touchpoints", "experience", "1"),
    ("touchpoints", "emotion", '"bad"'),
    ("touchpoints", "emotion", "0.5"),
    ("touchpoints", "moment_of_truth", '"yes"'),
    ("touchpoints", "mot_reason", "1"),
    ("touchpoints", "pain_points", '"x"'),
    ("touchpoints", "opportunities", '"x"'),
    ("touchpoints", "owner", "1"),
    ("touchpoints", "backstage", '"x"'),
    ("touchpoints", "support", '"x"'),
    ("touchpoints", "evidence", "[1, 2]"),
    ("touchpoints", "status", '"maybe"'),
    ("actions", "id", "5"),
    ("actions", "touchpoint", "1"),
    ("actions", "title", "1"),
    ("actions", "owner", "1"),
    ("actions", "effort", '"huge"'),
    ("actions", "impact", "3"),
    ("actions", "quick_win", "1"),
    ("actions", "due", '"soon"'),
    ("actions", "state", '"later"'),
]


@pytest.mark.parametrize(
    ("table", "key", "value"), WRONG_TYPES, ids=[f"{t}.{k}={v}" for t, k, v in WRONG_TYPES]
)
def test_wrong_type_of_each_key_points_at_the_value(table: str, key: str, value: str) -> None:
    tables = copy.deepcopy(FULL)
    tables[table][0][key] = value
    text = render(tables)
    lines = text.split("\n")
    wanted = f"{key} = {value}"
    # the line of this key inside its own table (keys like `owner` exist in several tables)
    header = lines.index("[map]" if table == "map" else f"[[{table}]]")
    line = lines.index(wanted, header) + 1
    found = errors(text)
    here = [p for p in found if p.line == line]
    assert len(here) == 1, [(p.line, p.column, p.message) for p in found]
    p = here[0]
    assert where(p) == (line, len(f"{key} = ") + 1), p.message
    assert value in p.message
    # a bad id may leave references to it dangling; nothing else may be reported
    others = [p.message for p in found if p.line != line]
    assert all("is not the id of" in m for m in others) and len(others) <= 1, others
    assert len(problems(text)) == len(found)


@pytest.mark.parametrize(
    "value",
    ["2026-11-20", "2026-11-20T10:00:00", "2026-11-20T10:00:00Z", "2026-11-20 10:00:00+01:00"],
)
def test_dates_may_be_dates_or_date_times(value: str) -> None:
    tables = copy.deepcopy(FULL)
    tables["map"][0]["updated"] = value
    tables["actions"][0]["due"] = value
    assert_valid(render(tables))


def test_every_optional_key_with_a_good_value_is_valid() -> None:
    tables = copy.deepcopy(FULL)
    tables["map"][0].update(kind='"employee"', description='"d"', owner='"o"', updated="2026-11-20")
    tables["personas"][0].update(description='"d"', goals='["a", "b"]', pains="[]", quote='"q"')
    tables["stages"][0].update(description='"d"', goal='"g"')
    tables["touchpoints"][0].update(
        channel='"sms"',
        personas='["student"]',
        doing='"d"',
        thinking='"t"',
        feeling='"f"',
        expectation='"e"',
        experience='"x"',
        emotion="-2",
        moment_of_truth="true",
        mot_reason='"r"',
        pain_points='["p"]',
        opportunities='["o"]',
        owner='"Marketing"',
        backstage='["b"]',
        support='["s"]',
        evidence='["e"]',
        status='"verified"',
    )
    tables["actions"][0].update(
        owner='"Digital"',
        effort='"low"',
        impact='"high"',
        quick_win="false",
        due="2026-12-15",
        state='"done"',
    )
    assert_valid(render(tables))


@pytest.mark.parametrize("value", ["-2", "-1", "0", "+1", "2", "-0", "+0"])
def test_every_emotion_in_range_is_valid(value: str) -> None:
    assert_valid(HEAD + TP + f"emotion = {value}\n")


@pytest.mark.parametrize(("word", "key"), [("hypothesis", "status"), ("verified", "status")])
def test_status_words_are_valid(word: str, key: str) -> None:
    assert_valid(HEAD + TP + f'{key} = "{word}"\n')


@pytest.mark.parametrize(
    ("key", "word"),
    [(k, w) for k in ("effort", "impact") for w in ("low", "medium", "high")]
    + [("state", w) for w in ("todo", "doing", "done")],
)
def test_action_words_are_valid(key: str, word: str) -> None:
    assert_valid(
        HEAD + TP + f'\n[[actions]]\nid = "x"\ntouchpoint = "sms"\ntitle = "X"\n{key} = "{word}"\n'
    )


def test_id_of_64_characters_is_valid() -> None:
    assert_valid(HEAD.replace('"discover"', '"' + "d" * 64 + '"'))


# --------------------------------------------------------------------------- what is valid


def test_zero_personas_and_zero_touchpoints_is_valid() -> None:
    assert_valid('[map]\nformat = 1\ntitle = "Draft"\n\n[[stages]]\nid = "a"\nname = "A"\n')


def test_blank_text_is_valid() -> None:
    text = (
        HEAD.replace('title = "T"', 'title = ""').replace('name = "Ola"', 'name = "   "')
        + TP.replace('"SMS"', '""')
        + "doing = ''\n"
    )
    assert_valid(text)


def test_control_characters_in_strings_are_valid() -> None:
    text = HEAD.replace(
        'title = "T"', r'title = "bell \u0007 esc \u001b[31m nul \u0000 del \u007f"'
    )
    text = text.replace('name = "Ola"', 'name = "rtl \u202e mark, C1 \u0085, tab \\t"')
    checked = check_text(text, "m.toml")
    assert checked.problems == []
    assert checked.raw is not None
    assert checked.raw["map"]["title"] == "bell \x07 esc \x1b[31m nul \x00 del \x7f"


def test_any_unicode_in_names_is_valid() -> None:
    text = HEAD.replace('"Ola"', '"Zażółć gęślą jaźń, Карта пути, 旅程, 🚀👩‍💻"')
    assert_valid(text)


def test_empty_per_persona_emotion_table_is_valid() -> None:
    assert_valid(HEAD + TP + "emotion = {}\n")


def test_emotion_key_for_a_persona_outside_the_personas_list_is_valid() -> None:
    text = (
        HEAD
        + '\n[[personas]]\nid = "manager"\nname = "M"\n'
        + TP
        + 'personas = ["student"]\nemotion = { student = -1, manager = 2 }\n'
    )
    assert_valid(text)


def test_unknown_keys_and_tables_are_not_errors_without_strict() -> None:
    text = HEAD + TP + 'x_color = "red"\n\n[x_workshop]\nwhen = 2026-11-20\n'
    assert_valid(text)


def test_blank_file_reports_missing_map_and_no_stages_only() -> None:
    found = problems("")
    assert [(p.line, p.column, p.severity) for p in found] == [(1, 1, "error"), (1, 1, "error")]
    assert "missing [map]" in found[0].message or "missing [map]" in found[1].message
    assert any("no stages" in p.message for p in found)


# --------------------------------------------------------------------------- emotion tables


def test_emotion_sub_table_unknown_persona_points_at_its_key() -> None:
    text = HEAD + TP + "\n[touchpoints.emotion]\nstudent = 1\nghost = 2\n"
    p = only(text)
    assert where(p) == (20, 1)
    assert '"ghost" is not the id of a persona' in p.message


def test_emotion_sub_table_out_of_range_points_at_its_value() -> None:
    text = HEAD + TP + "\n[touchpoints.emotion]\nstudent = -7\n"
    p = only(text)
    assert where(p) == (19, 11)
    assert "emotion.student = -7" in p.message


def test_emotion_sub_table_of_the_second_touchpoint_is_located_there() -> None:
    text = (
        HEAD
        + TP
        + "\n[touchpoints.emotion]\nstudent = 1\n"
        + TP.replace('"sms"', '"call"')
        + "\n[touchpoints.emotion]\nstudent = 3\n"
    )
    # lines: 13 [[touchpoints]] .. 18 [touchpoints.emotion], 19 student = 1,
    # 21 [[touchpoints]] .. 26 [touchpoints.emotion], 27 student = 3
    p = only(text)
    assert where(p) == (27, 11)
    assert "emotion.student = 3" in p.message


def test_emotion_dotted_keys_locate_each_key() -> None:
    text = HEAD + TP + "emotion.student = 1\nemotion.ghost = 9\n"
    found = problems(text)
    assert [(p.line, p.column) for p in found] == [(18, 1), (18, 17)]
    assert '"ghost" is not the id of a persona' in found[0].message
    assert "emotion.ghost = 9" in found[1].message


def test_emotion_dotted_key_out_of_range_points_at_value() -> None:
    p = only(HEAD + TP + "emotion.student = 3\n")
    assert where(p) == (17, 19)
    assert "emotion.student = 3" in p.message


def test_emotion_quoted_dotted_key_out_of_range_points_at_value() -> None:
    p = only(HEAD + TP + '"emotion"."student" = -3\n')
    assert where(p) == (17, 23)


def test_unknown_persona_in_a_multiline_personas_array_points_at_the_element() -> None:
    text = HEAD + TP + 'personas = [\n  "student",  # the main one\n  "ghost",\n]\n'
    p = only(text)
    assert where(p) == (19, 3)
    assert '"ghost"' in p.message


# --------------------------------------------------------------------------- strict


def test_strict_warns_about_unknown_keys_and_root_tables() -> None:
    text = (
        HEAD.replace('title = "T"', 'title = "T"\nx_team = "cx"')
        + TP
        + 'x_color = "red"\n\n[x_workshop]\nwhen = 2026-11-20\n'
    )
    # map: line 4 x_team; TP shifted by one: header 14, x_color at 18; [x_workshop] at 20
    checked = check_text(text, "m.toml", strict=True)
    found = checked.problems
    assert [(p.line, p.column, p.severity) for p in found] == [
        (4, 1, "warning"),
        (18, 1, "warning"),
        (20, 1, "warning"),
    ]
    assert '"x_team"' in found[0].message
    assert '"x_color"' in found[1].message and 'touchpoint "sms"' in found[1].message
    assert '"x_workshop"' in found[2].message
    assert checked.ok  # warnings do not make a map invalid


def test_strict_keeps_errors_as_errors() -> None:
    text = HEAD + TP + 'x_color = "red"\nemotion = 9\n'
    found = problems(text, strict=True)
    assert [(p.line, p.severity) for p in found] == [(17, "warning"), (18, "error")]


def test_without_strict_unknown_keys_give_no_problem() -> None:
    text = HEAD + TP + 'x_color = "red"\n\n[x_workshop]\nwhen = 1\n'
    assert problems(text, strict=False) == []


# --------------------------------------------------------------------------- many problems


# [map] stands last so that validation order (map first) differs from line order.
FIVE = """\
[[touchpoints]]
id = "sms"
stage = "nowhere"
name = "SMS"
emotion = 7

[[personas]]
id = "Bad Id"
name = "P"

[[stages]]
id = "discover"
name = "Discover"

[map]
format = 2
title = "T"
kind = "robot"
"""


def test_all_problems_are_returned_at_once_sorted_by_line() -> None:
    found = problems(FIVE)
    assert len(found) == 5
    assert all(p.severity == "error" for p in found)
    assert [(p.line, p.column) for p in found] == [(3, 9), (5, 11), (8, 6), (16, 10), (18, 8)]
    assert "nowhere" in found[0].message
    assert "emotion = 7" in found[1].message
    assert "Bad Id" in found[2].message
    assert "format = 2" in found[3].message
    assert "robot" in found[4].message


def test_problems_on_one_line_are_sorted_by_column() -> None:
    text = HEAD + TP + "emotion = { ghost = 9, student = 9 }\n"
    found = problems(text)
    assert len(found) == 3
    assert [p.line for p in found] == [17, 17, 17]
    assert [p.column for p in found] == sorted(p.column for p in found)


# --------------------------------------------------------------------------- CRLF


@cases(*RULE_CASES, *DUPLICATES)
def test_crlf_text_gives_the_same_locations(case: Case) -> None:
    lf = [(p.line, p.column, p.message) for p in problems(case.text)]
    crlf_problems = problems(case.text.replace("\n", "\r\n"))
    crlf = [(p.line, p.column, p.message) for p in crlf_problems]
    assert crlf == lf
    for p in crlf_problems:  # the excerpt carries no stray \r
        assert p.excerpt is None or "\r" not in p.excerpt


def test_crlf_five_problems() -> None:
    lf = [(p.line, p.column) for p in problems(FIVE)]
    assert [(p.line, p.column) for p in problems(FIVE.replace("\n", "\r\n"))] == lf


# --------------------------------------------------------------------------- format of a problem


def test_problem_formats_as_one_line_with_file_line_column() -> None:
    p = only(HEAD + TP + "emotion = 3\n")
    assert p.format() == "m.toml:17:11: error: emotion = 3: emotion must be within -2..+2"


def test_problem_format_drops_control_characters_from_the_value() -> None:
    p = only(HEAD + TP.replace('"discover"', r'"bad\u001b[31m\u0007\u202e"'))
    line = p.format()
    assert line.startswith("m.toml:15:9: error: ")
    for ch in ("\x1b", "\x07", "\u202e"):
        assert ch not in line


# --------------------------------------------------------------------------- metrics, links
# map-format.md "Additions in format 1": touchpoint metrics, [map.metrics.NAME], action links.

METRICS_MAP = """\
[map]
format = 1
title = "T"

[map.metrics.csat]
label = "CSAT (1-5)"
target = 4.0
better = "higher"

[[stages]]
id = "s"
name = "S"

[[touchpoints]]
id = "t"
stage = "s"
name = "T"
metrics = { csat = 3.1, wait_min = 12, "odd <name>" = -0.5 }

[[actions]]
id = "a"
touchpoint = "t"
title = "A"
link = "https://tracker.example/CX-42"
"""


def test_metrics_definitions_and_a_link_are_valid() -> None:
    assert_valid(METRICS_MAP)
    assert_valid(METRICS_MAP.replace("https://tracker", "http://tracker"))
    assert_valid(METRICS_MAP.replace('"https://tracker', '"HTTPS://tracker'))


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        " https://tracker.example/CX-42",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://tracker.example/x",
        "https://",
        "https:///path-only",
        "tracker.example/CX-42",
        "http://[broken",
    ],
)
def test_a_link_that_is_not_http_is_an_error_at_its_line(link: str) -> None:
    text = METRICS_MAP.replace('"https://tracker.example/CX-42"', f'"{link}"')
    p = only(text)
    assert p.severity == "error"
    assert where(p) == (24, 8)
    assert "http:// or https://" in p.message


def test_a_link_that_is_not_text_is_an_error() -> None:
    p = only(METRICS_MAP.replace('"https://tracker.example/CX-42"', "42"))
    assert where(p) == (24, 8)
    assert "expected text" in p.message


@pytest.mark.parametrize(
    ("value", "column"),
    [('"x"', 36), ("true", 36), ("[1]", 36), ("{ a = 1 }", 36)],
)
def test_a_metric_that_is_not_a_number_is_an_error_at_its_value(value: str, column: int) -> None:
    text = METRICS_MAP.replace("wait_min = 12", f"wait_min = {value}")
    p = only(text)
    assert (p.line, p.column) == (18, column)
    assert "expected a number" in p.message


def test_metrics_that_are_not_a_table_is_an_error() -> None:
    p = only(
        METRICS_MAP.replace(
            'metrics = { csat = 3.1, wait_min = 12, "odd <name>" = -0.5 }', "metrics = 3"
        )
    )
    assert where(p) == (18, 11)
    assert "expected a table" in p.message


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ('better = "higher"', 'better = "sideways"', 8, '"higher", "lower"'),
        ("target = 4.0", 'target = "4"', 7, "expected a number"),
        ("target = 4.0", "target = false", 7, "expected a number"),
        ('label = "CSAT (1-5)"', "label = 5", 6, "expected text"),
    ],
)
def test_a_metric_definition_key_of_the_wrong_kind_is_an_error_at_its_line(
    old: str, new: str, line: int, fragment: str
) -> None:
    p = only(METRICS_MAP.replace(old, new))
    assert p.severity == "error"
    assert p.line == line
    assert fragment in p.message


def test_a_metric_definition_that_is_not_a_table_is_an_error() -> None:
    text = METRICS_MAP.replace(
        '[map.metrics.csat]\nlabel = "CSAT (1-5)"\ntarget = 4.0\nbetter = "higher"\n',
        "metrics = { csat = 4 }\n",
    )
    p = only(text)
    assert where(p) == (5, 20)
    assert "expected a table" in p.message


def test_unknown_key_in_a_metric_definition_is_a_strict_warning_only() -> None:
    text = METRICS_MAP.replace('better = "higher"', 'better = "higher"\nunit = "points"')
    assert_valid(text)
    p = only(text, strict=True)
    assert p.severity == "warning"
    assert p.line == 9


def test_schema_and_model_agree() -> None:
    """What validation knows of each table is what the model holds, key for key and in order
    (an assertion at import time once; `cjm check` now validates without the model)."""
    from cjm_tui.model.raw import KNOWN_KEYS
    from cjm_tui.model.validate import SCHEMA

    assert {t: tuple(keys) for t, keys in SCHEMA.items()} == {t: KNOWN_KEYS[t] for t in SCHEMA}
