"""The quick-add line (tui-contract.md, "Quick-add line"): `parse` splits it, `build` checks it."""

from __future__ import annotations

import tomllib

import pytest

from cjm_tui.editing.quickadd import QuickAddError, build, parse, preview
from cjm_tui.model import Map, map_from_raw
from cjm_tui.model.rules import is_slug

MAP_TEXT = """\
[map]
format = 1
title = "Office visit"

[[personas]]
id = "guest"
name = "Guest"

[[personas]]
id = "host"
name = "Host"

[[stages]]
id = "arrive"
name = "Arrive"

[[stages]]
id = "meet"
name = "Meet"

[[touchpoints]]
id = "parking"
stage = "arrive"
name = "Parking"
"""


@pytest.fixture
def m() -> Map:
    return map_from_raw(tomllib.loads(MAP_TEXT))


# --------------------------------------------------------------------------- parse


def test_contract_example() -> None:
    q = parse("Security guard asks for ID @office #arrive -1 !")
    assert q.name == "Security guard asks for ID"
    assert q.channel == "office"
    assert q.stage == "arrive"
    assert q.emotion == -1
    assert q.moment_of_truth is True
    assert q.personas == []


def test_plain_words_are_the_name_and_nothing_else() -> None:
    q = parse("  Reads   the SMS on the bus ")
    assert q.name == "Reads the SMS on the bus"
    assert (q.channel, q.stage, q.emotion, q.moment_of_truth, q.personas) == (
        None,
        None,
        None,
        False,
        [],
    )


def test_tokens_may_stand_anywhere() -> None:
    q = parse("! -2 #meet Coffee @kitchen is cold ^guest")
    assert q.name == "Coffee is cold"
    assert (q.channel, q.stage, q.emotion, q.moment_of_truth, q.personas) == (
        "kitchen",
        "meet",
        -2,
        True,
        ["guest"],
    )


@pytest.mark.parametrize(
    ("token", "value"), [("+2", 2), ("+1", 1), ("+0", 0), ("-0", 0), ("-1", -1), ("-2", -2)]
)
def test_emotion_tokens(token: str, value: int) -> None:
    q = parse(f"Coffee {token}")
    assert q.emotion == value
    assert q.emotion is not None  # +0 / -0 are neutral, not "no emotion"
    assert q.name == "Coffee"


def test_no_emotion_token_means_no_emotion() -> None:
    assert parse("Coffee").emotion is None


@pytest.mark.parametrize(
    "token", ["+3", "-5", "+10", "2", "-", "+", "1", "+-1", "--1", "+2!", "-1,"]
)
def test_other_signed_tokens_are_part_of_the_name(token: str) -> None:
    q = parse(f"Rated {token} stars")
    assert q.name == f"Rated {token} stars"
    assert q.emotion is None


def test_bang_alone_is_moment_of_truth_else_text() -> None:
    assert parse("Door !").moment_of_truth is True
    q = parse("Wow! !! door")
    assert q.moment_of_truth is False
    assert q.name == "Wow! !! door"


def test_channel_stage_persona_tokens() -> None:
    q = parse("Call @phone #meet ^host")
    assert q.channel == "phone"
    assert q.stage == "meet"
    assert q.personas == ["host"]
    assert q.name == "Call"


def test_persona_is_repeatable_in_order_without_duplicates() -> None:
    q = parse("Lunch ^host ^guest ^host")
    assert q.personas == ["host", "guest"]
    assert q.name == "Lunch"


@pytest.mark.parametrize("token", ["@", "#", "^"])
def test_sigil_alone_stays_text(token: str) -> None:
    q = parse(f"Mail {token} here")
    assert q.name == f"Mail {token} here"
    assert q.channel is None and q.stage is None and q.personas == []


def test_sigil_inside_a_word_stays_text() -> None:
    q = parse("mail a@b.c issue#7 x^2")
    assert q.name == "mail a@b.c issue#7 x^2"
    assert q.channel is None and q.stage is None and q.personas == []


@pytest.mark.parametrize(
    ("token", "text"),
    [
        (r"\@home", "@home"),
        (r"\#1", "#1"),
        (r"\^up", "^up"),
        (r"\!", "!"),
        (r"\+1", "+1"),
        (r"\-2", "-2"),
        (r"\+0", "+0"),
        (r"\-0", "-0"),
    ],
)
def test_backslash_keeps_the_sigil_as_text(token: str, text: str) -> None:
    q = parse(f"{token} fan")
    assert q.name == f"{text} fan"
    assert q.channel is None and q.stage is None and q.personas == []
    assert q.emotion is None and q.moment_of_truth is False


def test_backslash_before_other_characters_is_kept() -> None:
    q = parse(r"C:\temp \n \ ok")
    assert q.name == r"C:\temp \n \ ok"


def test_escaped_and_real_tokens_together() -> None:
    q = parse(r"\#1 fan #meet \! -1 !")
    assert q.name == "#1 fan !"
    assert (q.stage, q.emotion, q.moment_of_truth) == ("meet", -1, True)


def test_empty_line_has_empty_name() -> None:
    assert parse("").name == ""
    assert parse("@web -1 !").name == ""


# --------------------------------------------------------------------------- build


def test_build_contract_example(m: Map) -> None:
    tp = build(m, "Security guard asks for ID @office #arrive -1 !", default_stage=None)
    assert tp.id == "security-guard-asks-for-id"
    assert tp.name == "Security guard asks for ID"
    assert tp.stage == "arrive"
    assert tp.channel == "office"
    assert tp.emotion == -1
    assert tp.moment_of_truth is True
    assert tp.personas is None  # no ^persona: the key stays absent (every persona)
    assert tp not in m.touchpoints  # build does not add it


def test_build_without_extras_sets_nothing_extra(m: Map) -> None:
    tp = build(m, "Coffee", default_stage="meet")
    assert (tp.channel, tp.emotion, tp.moment_of_truth, tp.personas) == (None, None, None, None)


def test_build_neutral_emotion_is_zero(m: Map) -> None:
    assert build(m, "Coffee -0", default_stage=None).emotion == 0


def test_build_default_stage_is_used_without_hash(m: Map) -> None:
    assert build(m, "Coffee", default_stage="meet").stage == "meet"


def test_build_hash_stage_wins_over_the_default(m: Map) -> None:
    assert build(m, "Coffee #arrive", default_stage="meet").stage == "arrive"


def test_build_without_any_default_uses_the_first_stage(m: Map) -> None:
    assert build(m, "Coffee", default_stage=None).stage == "arrive"


def test_build_unknown_stage_is_refused_with_a_clear_message(m: Map) -> None:
    with pytest.raises(QuickAddError) as exc:
        build(m, "Coffee #lobby", default_stage=None)
    message = str(exc.value)
    assert "lobby" in message
    assert "stage" in message
    assert "arrive" in message and "meet" in message  # the known stages are named
    assert len(m.touchpoints) == 1


def test_build_unknown_persona_is_refused_with_a_clear_message(m: Map) -> None:
    with pytest.raises(QuickAddError) as exc:
        build(m, "Coffee ^guest ^ghost", default_stage=None)
    message = str(exc.value)
    assert "ghost" in message
    assert "persona" in message
    assert "guest" in message and "host" in message
    assert len(m.touchpoints) == 1


@pytest.mark.parametrize("line", ["", "   ", "@web -1", "#meet ! ^guest +2"])
def test_build_empty_name_is_refused(m: Map, line: str) -> None:
    with pytest.raises(QuickAddError) as exc:
        build(m, line, default_stage=None)
    assert "name" in str(exc.value)


def test_build_personas_are_kept(m: Map) -> None:
    tp = build(m, "Lunch ^host ^guest", default_stage=None)
    assert tp.personas == ["host", "guest"]


def test_build_id_is_made_unique(m: Map) -> None:
    tp = build(m, "Parking", default_stage=None)
    assert tp.id == "parking-2"
    m.insert_touchpoint(tp)
    assert build(m, "Parking", default_stage=None).id == "parking-3"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Zażółć gęślą jaźń", "Zażółć gęślą jaźń"),
        ("Карта пути клиента", "Карта пути клиента"),
        ("🚀 launch", "🚀 launch"),
        ("🚀", "🚀"),
        ("Call [bold]now[/bold]", "Call [bold]now[/bold]"),
    ],
)
def test_build_any_language_name_gives_a_slug_id(m: Map, line: str, name: str) -> None:
    tp = build(m, line, default_stage=None)
    assert tp.name == name
    assert is_slug(tp.id)
    assert tp.id not in {t.id for t in m.touchpoints}


def test_build_on_a_map_without_stages_is_refused() -> None:
    empty = map_from_raw({"map": {"format": 1, "title": "T"}})
    with pytest.raises(QuickAddError) as exc:
        build(empty, "Coffee", default_stage=None)
    assert "stage" in str(exc.value)


# ------------------------------------------------------- issue 12: 0, quoted channels, preview


@pytest.mark.parametrize(("token", "value"), [("0", 0), ("+0", 0), ("-0", 0)])
def test_a_whole_zero_token_is_a_neutral_emotion(token: str, value: int) -> None:
    q = parse(f"Waits in the hall {token}")
    assert q.emotion == value
    assert q.name == "Waits in the hall"


def test_a_zero_inside_a_word_or_escaped_stays_text() -> None:
    q = parse(r"Step \0 of 10 0")
    assert q.name == "Step 0 of 10"
    assert q.emotion == 0


def test_a_quoted_channel_holds_several_words() -> None:
    q = parse('Looks for a space @"car  park" #arrive -1')
    assert q.channel == "car park"
    assert q.name == "Looks for a space"
    assert q.stage == "arrive" and q.emotion == -1


def test_an_unclosed_quote_runs_to_the_end_and_escapes_still_work() -> None:
    q = parse(r'Pays \@ the desk @"front desk')
    assert q.name == "Pays @ the desk"
    assert q.channel == "front desk"


def test_preview_reads_every_part(m: Map) -> None:
    line = 'Coffee is cold @"coffee machine" #meet ^guest -1 !'
    assert preview(m, line, "arrive") == (
        "name: “Coffee is cold” · channel: coffee machine · stage: Meet · personas: guest · "
        "emotion: -1 · moment of truth"
    )
    assert preview(m, "Coffee 0", "arrive") == "name: “Coffee” · stage: Arrive · emotion: 0"


def test_preview_says_why_a_line_would_be_refused(m: Map) -> None:
    assert preview(m, "Ghost #nowhere", "arrive") == (
        "name: “Ghost” · stage: #nowhere  ✗ unknown stage #nowhere (stages: arrive, meet)"
    )
