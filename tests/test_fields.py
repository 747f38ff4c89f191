"""The edit form's fields (cjm_tui.editing.fields): which keys, how typed text becomes values."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from dataclasses import replace
from typing import Any

import pytest

from cjm_tui.editing.fields import (
    TABLES,
    FieldError,
    FieldSpec,
    fields_for,
    parse,
    read,
    to_text,
    values_of,
)
from cjm_tui.model import KNOWN_KEYS, Map, map_from_raw, map_to_raw, validate
from cjm_tui.model.rules import KINDS, LEVELS, STATES, STATUSES

MAP_TEXT = """\
[map]
format = 1
title = "Pakiet na kartę: pierwsze 30 dni"
updated = 2026-11-20

[[personas]]
id = "student"
name = "Ola, studentka"

[[personas]]
id = "senior"
name = "Пётр, пенсионер"

[[stages]]
id = "discover"
name = "Discover"

[[stages]]
id = "buy"
name = "Kupno 🛒"

[[touchpoints]]
id = "sms-offer"
stage = "discover"
name = "SMS with bundle offer"
emotion = { student = -1, senior = 2 }

[[touchpoints]]
id = "shop"
stage = "buy"
name = "Shop"
personas = ["senior"]
emotion = 0
moment_of_truth = true

[[actions]]
id = "magic-link"
touchpoint = "sms-offer"
title = "Magic link"
due = 2026-12-15
"""


@pytest.fixture
def m() -> Map:
    return map_from_raw(tomllib.loads(MAP_TEXT))


def spec(m: Map, table: str, key: str) -> FieldSpec:
    return next(s for s in fields_for(table, m) if s.key == key)


def error_of(s: FieldSpec, text: str) -> str:
    with pytest.raises(FieldError) as info:
        parse(s, text)
    assert info.value.message == str(info.value)
    return info.value.message


# Which fields ---------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
def test_fields_cover_exactly_the_formats_keys_in_order(m: Map, table: str) -> None:
    keys = [s.key for s in fields_for(table, m)]
    left_out = ("format", "metrics", "persona_library") if table == "map" else ()
    expected = [k for k in KNOWN_KEYS[table] if k not in left_out]
    assert keys == expected
    assert keys == [k for k in validate.SCHEMA[table] if k not in left_out]


@pytest.mark.parametrize("table", TABLES)
def test_required_comes_from_the_schema(m: Map, table: str) -> None:
    for s in fields_for(table, m):
        assert s.required == validate.SCHEMA[table][s.key][0], s.key
        assert s.label and "_" not in s.label
        assert "\n" not in s.help


def test_kinds(m: Map) -> None:
    kinds = {s.key: s.kind for s in fields_for("touchpoints", m)}
    assert kinds["id"] == "id"
    assert kinds["stage"] == "ref"
    assert kinds["name"] == "text"
    assert kinds["personas"] == "refs"
    assert kinds["doing"] == "long_text"
    assert kinds["mot_reason"] == "long_text"
    assert kinds["emotion"] == "emotion"
    assert kinds["moment_of_truth"] == "bool"
    assert kinds["pain_points"] == "list"
    assert kinds["status"] == "choice"
    assert {s.key: s.kind for s in fields_for("actions", m)}["due"] == "date"
    assert {s.key: s.kind for s in fields_for("actions", m)}["touchpoint"] == "ref"
    assert {s.key: s.kind for s in fields_for("map", m)}["updated"] == "date"


def test_labels_are_words_for_people(m: Map) -> None:
    labels = {s.key: s.label for s in fields_for("touchpoints", m)}
    assert labels["moment_of_truth"] == "Moment of truth"
    assert labels["pain_points"] == "Pain points (separate with ;)"


def test_choices_come_from_the_rules_and_the_map(m: Map) -> None:
    assert spec(m, "map", "kind").choices == KINDS
    assert spec(m, "touchpoints", "status").choices == STATUSES
    assert spec(m, "actions", "effort").choices == LEVELS
    assert spec(m, "actions", "impact").choices == LEVELS
    assert spec(m, "actions", "state").choices == STATES
    assert spec(m, "touchpoints", "stage").choices == ("discover", "buy")
    assert spec(m, "touchpoints", "stage").names["buy"] == "Kupno 🛒"
    assert spec(m, "touchpoints", "personas").choices == ("student", "senior")
    assert spec(m, "touchpoints", "emotion").choices == ("student", "senior")
    assert spec(m, "actions", "touchpoint").choices == ("sms-offer", "shop")


def test_values_of_gives_every_key_and_copies(m: Map) -> None:
    specs = fields_for("touchpoints", m)
    tp = m.touchpoints[1]
    values = values_of(tp, specs)
    assert list(values) == [s.key for s in specs]
    assert values["personas"] == ["senior"]
    assert values["channel"] is None
    values["personas"].append("student")
    assert tp.personas == ["senior"]
    info = values_of(m.info, fields_for("map", m))
    assert "format" not in info
    assert info["updated"] == dt.date(2026, 11, 20)


def test_unchanged_text_round_trips_every_entry_of_the_map(m: Map) -> None:
    """Reading every field's own text back gives the same map: opening a form changes nothing."""
    before = map_to_raw(m)
    m.info = replace(m.info, **_round_trip(m.info, fields_for("map", m)))
    for table in ("personas", "stages", "touchpoints", "actions"):
        specs = fields_for(table, m)
        setattr(m, table, [replace(e, **_round_trip(e, specs)) for e in getattr(m, table)])
    assert map_to_raw(m) == before


def _round_trip(item: Any, specs: list[FieldSpec]) -> dict[str, Any]:
    values = values_of(item, specs)
    out = {s.key: parse(s, to_text(s, values[s.key])) for s in specs}
    assert out == values
    return out


def test_fields_module_does_not_import_textual() -> None:
    code = (
        "import sys, cjm_tui.editing.fields; "
        "print(any(n.startswith('textual') for n in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_unknown_table() -> None:
    with pytest.raises(ValueError, match="unknown table"):
        fields_for("nope", map_from_raw(tomllib.loads(MAP_TEXT)))


# Text and long text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Zażółć gęślą jaźń", "Съешь же ещё этих мягких булок", "Kupno 🛒👩‍👩‍👧", "  spaces kept  "],
)
def test_text_passes_through_unchanged(m: Map, text: str) -> None:
    for key in ("name", "doing", "channel"):
        s = spec(m, "touchpoints", key)
        assert parse(s, text) == text
        assert to_text(s, text) == text


def test_blank_optional_text_is_absent(m: Map) -> None:
    s = spec(m, "touchpoints", "channel")
    assert parse(s, "") is None
    assert parse(s, "   ") is None
    assert to_text(s, None) == ""


def test_blank_required_field_is_refused(m: Map) -> None:
    assert error_of(spec(m, "touchpoints", "name"), "  ") == "Name cannot be blank"
    assert error_of(spec(m, "map", "title"), "") == "Title cannot be blank"
    assert error_of(spec(m, "personas", "id"), "") == "Id cannot be blank"
    assert "cannot be blank" in error_of(spec(m, "touchpoints", "stage"), "")


def test_unchanged_text_keeps_the_original_value(m: Map) -> None:
    s = spec(m, "personas", "description")
    assert read(s, "", "") == ""  # blank text in the file stays (the linter's business)
    assert read(s, "new", "") == "new"
    assert read(s, "", "old") is None
    name = spec(m, "stages", "name")
    with pytest.raises(FieldError, match="Name cannot be blank"):
        read(name, "", "")  # a new entry starts blank: it must still be filled in
    when = spec(m, "map", "updated")
    moment = dt.datetime(2026, 11, 20, 9, 30, 0, 0)
    assert read(when, to_text(when, moment), moment) is moment
    assert read(when, "2026-11-21", moment) == dt.date(2026, 11, 21)


# Ids ------------------------------------------------------------------------------


def test_id(m: Map) -> None:
    s = spec(m, "stages", "id")
    assert parse(s, "after-sale_2") == "after-sale_2"
    assert parse(s, " buy ") == "buy"
    assert to_text(s, "buy") == "buy"


def test_bad_slug_says_what_an_id_is_and_suggests_one(m: Map) -> None:
    message = error_of(spec(m, "stages", "id"), "Po zakupie")
    assert '"Po zakupie" is not a valid id' in message
    assert "a-z, 0-9, - and _" in message
    assert '(try "po-zakupie")' in message
    assert "try" not in error_of(spec(m, "stages", "id"), "🛒")
    assert "not a valid id" in error_of(spec(m, "stages", "id"), "-x")
    assert "not a valid id" in error_of(spec(m, "stages", "id"), "x" * 65)


# Lists ----------------------------------------------------------------------------


def test_list_items_separated_by_semicolons(m: Map) -> None:
    s = spec(m, "touchpoints", "pain_points")
    assert parse(s, "login wall;;  slow page  ; 🐌 ślimak;") == [
        "login wall",
        "slow page",
        "🐌 ślimak",
    ]
    assert parse(s, "a\nb") == ["a", "b"]  # lines of an old draft or a paste still split
    assert to_text(s, ["a", "b"]) == "a; b"
    assert parse(s, to_text(s, ["Кот", "żółw"])) == ["Кот", "żółw"]


def test_list_escapes(m: Map) -> None:
    s = spec(m, "touchpoints", "pain_points")
    assert parse(s, r"price; tax\; fees; C:\temp") == ["price", "tax; fees", r"C:\temp"]
    assert parse(s, r"a\\; b") == ["a\\", "b"]  # \\ is one backslash, then the separator
    assert to_text(s, ["tax; fees", "C:\\"]) == r"tax\; fees; C:\\"


@pytest.mark.parametrize(
    "items",
    [["a;b"], ["a\\"], ["a\\;b"], ["\\\\", "x"], [r"C:\temp\new"], ["a\\\\;", "\\"]],
)
def test_list_text_reads_back_as_the_same_items(m: Map, items: list[str]) -> None:
    s = spec(m, "touchpoints", "pain_points")
    assert parse(s, to_text(s, items)) == items


def test_empty_list_is_absent(m: Map) -> None:
    s = spec(m, "personas", "goals")
    assert parse(s, "") is None
    assert parse(s, "\n   \n") is None
    assert to_text(s, None) == ""


def test_refs(m: Map) -> None:
    s = spec(m, "touchpoints", "personas")
    assert parse(s, "senior; student;") == ["senior", "student"]
    assert parse(s, "senior, student") == ["senior", "student"]  # ids hold no commas
    assert parse(s, " student ;student") == ["student"]
    assert parse(s, "") is None
    assert to_text(s, ["senior", "student"]) == "senior; student"


def test_unknown_ref_in_refs(m: Map) -> None:
    message = error_of(spec(m, "touchpoints", "personas"), "student; manager")
    assert message == 'Personas: "manager" is not a persona id (known: student, senior)'


# References -----------------------------------------------------------------------


def test_ref(m: Map) -> None:
    s = spec(m, "touchpoints", "stage")
    assert parse(s, "buy") == "buy"
    assert to_text(s, "buy") == "buy"


def test_unknown_ref(m: Map) -> None:
    message = error_of(spec(m, "touchpoints", "stage"), "pay")
    assert message == 'Stage: "pay" is not a stage id (known: discover, buy)'
    message = error_of(spec(m, "actions", "touchpoint"), "nope")
    assert message == 'Touchpoint: "nope" is not a touchpoint id (known: sms-offer, shop)'


def test_ref_in_a_map_without_entries() -> None:
    empty = map_from_raw({"map": {"format": 1, "title": "t"}, "stages": [{"id": "a", "name": "A"}]})
    assert "known: none yet" in error_of(spec(empty, "actions", "touchpoint"), "x")


# Emotion --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("+1", 1), ("1", 1), ("-0", 0), ("+0", 0), ("0", 0), (" -2 ", -2), ("2", 2), ("\u22121", -1)],
)
def test_emotion_number(m: Map, text: str, value: int) -> None:
    assert parse(spec(m, "touchpoints", "emotion"), text) == value


@pytest.mark.parametrize(
    ("value", "text"), [(-2, "-2"), (-1, "-1"), (0, "0"), (1, "+1"), (2, "+2")]
)
def test_emotion_number_to_text(m: Map, value: int, text: str) -> None:
    s = spec(m, "touchpoints", "emotion")
    assert to_text(s, value) == text
    assert parse(s, text) == value


@pytest.mark.parametrize(
    "text",
    [
        "student=-1, senior=+2",
        "student=-1,senior=2",
        "student: -1, senior: +2",
        "student = -1; senior = 2",
        "student=-1\nsenior=+2\n",
        "{ student = -1, senior = 2 }",
        '"student" = -1, "senior" = 2',
    ],
)
def test_emotion_table(m: Map, text: str) -> None:
    value = parse(spec(m, "touchpoints", "emotion"), text)
    assert value == {"student": -1, "senior": 2}
    assert list(value) == ["student", "senior"]


def test_emotion_table_to_text(m: Map) -> None:
    s = spec(m, "touchpoints", "emotion")
    assert to_text(s, {"student": -1, "senior": 2}) == "student=-1, senior=+2"
    assert to_text(s, {"senior": 0}) == "senior=0"
    assert to_text(s, {}) == "{}"
    assert parse(s, "{}") == {}
    assert parse(s, "student=0") == {"student": 0}


def test_blank_emotion_is_none(m: Map) -> None:
    s = spec(m, "touchpoints", "emotion")
    assert parse(s, "") is None
    assert parse(s, "  ") is None
    assert to_text(s, None) == ""


@pytest.mark.parametrize("text", ["3", "7", "-3", "+5"])
def test_emotion_out_of_range(m: Map, text: str) -> None:
    message = error_of(spec(m, "touchpoints", "emotion"), text)
    assert "out of range" in message
    assert "-2..+2" in message


def test_emotion_errors(m: Map) -> None:
    s = spec(m, "touchpoints", "emotion")
    assert error_of(s, "manager=1") == (
        'Emotion: "manager" is not a persona id (known: student, senior)'
    )
    assert "Emotion for student 3 is out of range" in error_of(s, "student=3")
    assert "whole number" in error_of(s, "student=happy")
    assert "whole number" in error_of(s, "student=1.5")
    assert "given twice" in error_of(s, "student=1, student=2")
    assert "neither a number" in error_of(s, "happy")
    assert "neither a number" in error_of(s, "1.5")


def test_emotion_table_in_a_map_without_personas() -> None:
    bare = map_from_raw({"map": {"format": 1, "title": "t"}, "stages": [{"id": "a", "name": "A"}]})
    s = spec(bare, "touchpoints", "emotion")
    assert parse(s, "-1") == -1
    assert "no personas yet" in error_of(s, "student=1")


# Bool, choice, date ---------------------------------------------------------------


def test_bool(m: Map) -> None:
    s = spec(m, "touchpoints", "moment_of_truth")
    assert parse(s, "true") is True
    assert parse(s, "Yes") is True
    assert parse(s, "false") is False
    assert parse(s, "") is None
    assert to_text(s, True) == "true"
    assert to_text(s, False) == "false"
    assert to_text(s, None) == ""
    assert "neither true nor false" in error_of(s, "maybe")


def test_choice(m: Map) -> None:
    s = spec(m, "actions", "effort")
    assert parse(s, "low") == "low"
    assert parse(s, " High ") == "high"
    assert parse(s, "") is None
    assert to_text(s, "medium") == "medium"
    assert error_of(s, "huge") == 'Effort: "huge" is not one of low, medium, high'


def test_date(m: Map) -> None:
    s = spec(m, "actions", "due")
    assert parse(s, "2026-12-15") == dt.date(2026, 12, 15)
    assert type(parse(s, "2026-12-15")) is dt.date
    assert to_text(s, dt.date(2026, 12, 15)) == "2026-12-15"
    assert parse(s, "") is None
    assert to_text(s, None) == ""


def test_datetime(m: Map) -> None:
    s = spec(m, "map", "updated")
    assert parse(s, "2026-12-15T09:30") == dt.datetime(2026, 12, 15, 9, 30)
    assert parse(s, "2026-12-15 09:30:15") == dt.datetime(2026, 12, 15, 9, 30, 15)
    value = dt.datetime(2026, 12, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert to_text(s, value) == "2026-12-15T09:30:00+01:00"
    assert parse(s, to_text(s, value)) == value
    assert parse(s, "2026-12-15t09:30z") == dt.datetime(2026, 12, 15, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["15.12.2026", "tomorrow", "2026-12", "20261215", "2026-W50-1"])
def test_bad_date(m: Map, text: str) -> None:
    message = error_of(spec(m, "actions", "due"), text)
    assert message.startswith(f'Due date: "{text}" is not a date')
    assert "2026-12-15" in message


def test_impossible_date(m: Map) -> None:
    assert error_of(spec(m, "actions", "due"), "2026-02-30") == (
        'Due date: "2026-02-30" is not a real date'
    )


# Metrics and links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("csat = 3.1; wait_min = 12", {"csat": 3.1, "wait_min": 12}),
        ("csat=3,5", {"csat": 3.5}),
        ("nps = \u221220", {"nps": -20}),
        ("a\\; b = 1; x = 2 = 3", {"a; b": 1, "x = 2": 3}),
        ("csat = ; wait = 1", {"wait": 1}),
        ("csat =", None),
        ("", None),
    ],
)
def test_metrics_are_read_as_name_number_pairs(m: Map, text: str, value: object) -> None:
    assert parse(spec(m, "touchpoints", "metrics"), text) == value


@pytest.mark.parametrize("value", [{"csat": 3.1, "a; b": -2, "x = y": 0.5}, {"<b>": 1}])
def test_metrics_text_reads_back_as_itself(m: Map, value: dict[str, float]) -> None:
    s = spec(m, "touchpoints", "metrics")
    assert parse(s, to_text(s, value)) == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("csat", "is not name = number"),
        ("= 3", "is not name = number"),
        ("csat = x", 'csat = "x" is not a number'),
        ("csat = nan", "is not a number"),
        ("csat = inf", "is not a number"),
        ("csat = 1_0", "is not a number"),
        ("csat = 1; csat = 2", "given twice"),
    ],
)
def test_bad_metrics_say_why(m: Map, text: str, fragment: str) -> None:
    assert fragment in error_of(spec(m, "touchpoints", "metrics"), text)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:x", "file:///etc/passwd", "data:,x", "ftp://a/b"]
)
def test_a_link_field_takes_only_http_links(m: Map, link: str) -> None:
    assert "is not an http:// or https:// link" in error_of(spec(m, "actions", "link"), link)


def test_a_link_field_keeps_a_web_link(m: Map) -> None:
    s = spec(m, "actions", "link")
    assert parse(s, "  https://tracker.example/CX-42 ") == "https://tracker.example/CX-42"
    assert parse(s, "") is None
