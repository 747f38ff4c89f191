"""The starter map that `cjm new` writes: a small, valid, commented map to draft from.

The text is written out by hand rather than built with a TOML library, so that every comment
sits where a person opening the file for the first time looks for it. The only text that comes
from outside, the title, goes through the store's `format_string`, which escapes whatever a
TOML basic string cannot hold raw (and whatever would make the file hard to read in an editor).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cjm_tui.model.rules import KINDS
from cjm_tui.store.values import format_string as toml_basic_string

__all__ = ["starter_map", "toml_basic_string"]


@dataclass(frozen=True)
class _Wording:
    """What differs between a customer and an employee starter map."""

    intro: str
    description: str
    owner: str
    persona_comment: str
    persona: tuple[str, str, str, tuple[str, ...], tuple[str, ...], str]
    stages: tuple[tuple[str, str, str], ...]
    touchpoint_comment: str
    first_touchpoint: dict[str, str]
    second_touchpoint: dict[str, str]
    action: dict[str, str]


_CUSTOMER = _Wording(
    intro="A customer journey map: how one kind of customer meets the company, step by step.",
    description="Why this map exists, for whom, and which workshop or research it comes from.",
    owner="CX team",
    persona_comment="Personas: customer segments or buyer personas, one [[personas]] table each.",
    persona=(
        "first-time-buyer",
        "First-time buyer",
        "Has never bought from us; found us through a search or a friend's advice.",
        ("Understand the offer in a minute", "Buy without calling anyone"),
        ("Hidden costs", "Long forms"),
        "Just tell me what it costs.",
    ),
    stages=(
        ("discover", "Discover", "Find out that we exist and what we offer"),
        ("buy", "Buy", "Choose and pay without doubts"),
        ("use", "Use", "Get the value they paid for"),
    ),
    touchpoint_comment=(
        "each moment the customer meets the company (people, places, channels,\n"
        "# products), the less obvious ones too: parking, the smell at the door, the first use."
    ),
    first_touchpoint={
        "id": "website-on-phone",
        "stage": "discover",
        "name": "Website on a smartphone",
        "channel": "web",
        "doing": "Looks for the price on the phone",
        "thinking": "Is this for someone like me?",
        "feeling": "curious",
        "expectation": "The price on the first screen",
        "experience": "The price is three screens down, under a cookie banner",
        "pain_point": "Price hard to find on a small screen",
        "opportunity": "Price and what it includes on the first screen",
        "owner": "Marketing",
        "evidence": "Workshop notes",
    },
    second_touchpoint={
        "id": "order-confirmation",
        "stage": "buy",
        "name": "Order confirmation email",
        "channel": "email",
        "emotion": "1",
        "mot_reason": "The first proof that the money went to the right place",
    },
    action={
        "id": "price-first-screen",
        "touchpoint": "website-on-phone",
        "title": "Show the price on the first screen of the phone layout",
        "owner": "Digital",
    },
)

_EMPLOYEE = _Wording(
    intro="An employee journey map: how one employee role meets the company, step by step.",
    description="Why this map exists, which roles it covers, and which interviews it comes from.",
    owner="HR",
    persona_comment="Personas: employee roles (not individual people), one [[personas]] each.",
    persona=(
        "new-hire",
        "New hire in an office role",
        "Joins a team at the head office; first weeks in the office, then hybrid.",
        ("Do real work in the first week", "Know who to ask"),
        ("Waiting for equipment and access", "Not knowing what is expected"),
        "I want to show what I can do, not read PDFs.",
    ),
    stages=(
        ("pre-boarding", "Pre-boarding", "Know that everything is ready for the first day"),
        ("first-day", "First day", "Feel expected and welcome"),
        ("first-month", "First month", "Be productive and know what is expected"),
    ),
    touchpoint_comment=(
        "each moment the new employee meets the company (people, places, documents,\n"
        "# systems), the less obvious ones too: the badge at security, the first payslip."
    ),
    first_touchpoint={
        "id": "offer-letter",
        "stage": "pre-boarding",
        "name": "Offer letter and contract",
        "channel": "email",
        "doing": "Reads the offer and signs the contract",
        "thinking": "Is this gross or net? When exactly do I start?",
        "feeling": "excited, a bit unsure",
        "expectation": "Salary, start date, place and hours in one clear document",
        "experience": "The contract arrives two days before the start",
        "pain_point": "Contract sent late",
        "opportunity": "One-page offer summary in plain language",
        "owner": "HR",
        "evidence": "Workshop notes",
    },
    second_touchpoint={
        "id": "laptop-on-day-one",
        "stage": "first-day",
        "name": "Laptop and accounts on day one",
        "channel": "IT",
        "emotion": "-2",
        "mot_reason": "An idle first day is when new people wonder whether joining was a mistake",
    },
    action={
        "id": "laptop-ready-before-start",
        "touchpoint": "laptop-on-day-one",
        "title": "Order the laptop when the contract is signed; ready two days before the start",
        "owner": "IT",
    },
)

_WORDING = {"customer": _CUSTOMER, "employee": _EMPLOYEE}


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(toml_basic_string(item) for item in items) + "]"


_COMMENT_COLUMN = 28


def _kv(key: str, value: str, comment: str | None = None) -> str:
    """One `key = value` line (value already in TOML), with a comment aligned beside it."""
    line = f"{key} = {value}"
    if comment is None:
        return line
    return f"{line.ljust(_COMMENT_COLUMN - 1)} # {comment}"


def starter_map(
    title: str = "New journey map",
    kind: str = "customer",
    today: dt.date | None = None,
    persona_library: str | None = None,
    schema: str | None = None,
) -> str:
    """The text of a valid, commented starter map: 3 stages, 1 persona, 2 touchpoints, 1 action.

    `kind` is "customer" or "employee" (employee wording: roles, pre-boarding, first day...).
    `today` (default: the local date) is written as `updated`; the example action is due a
    month later. `persona_library` (a path relative to the map) is written in [map], and the
    example persona is then left out: the library's personas are the map's. `schema` (a path
    relative to the map, or a URL) is written first as Taplo's `#:schema` directive, so TOML
    language servers validate the map while it is typed. Raises ValueError for an unknown kind.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    if today is None:
        today = dt.date.today()
    elif isinstance(today, dt.datetime):
        today = today.date()
    due = today + dt.timedelta(days=30)
    w = _WORDING[kind]
    q = toml_basic_string
    pid, pname, pdesc, goals, pains, quote = w.persona
    tp1, tp2, act = w.first_touchpoint, w.second_touchpoint, w.action
    who = "customer" if kind == "customer" else "employee"

    lines = [
        *([f"#:schema {schema}"] if schema is not None else []),
        f"# {w.intro}",
        "# Edit it by hand or with `cjm edit FILE`; `cjm check FILE` names any problem with its",
        "# line and column. Comments (lines starting with #) and blank lines are kept on save.",
        "#",
        "# Emotion scale, used by `emotion` in touchpoints:",
        "#   -2 very negative   -1 negative   0 neutral   +1 positive   +2 very positive",
        '# No `emotion` key means "not known yet": a gap in the curve, not the same as 0.',
        "# One value for everybody (emotion = -1), or one per persona id:",
        f"#   emotion = {{ {pid} = -1 }}",
        "#",
        '# Keys you add yourself are kept; start their names with x_ (x_color = "red").',
        "",
        "# The map itself. Only format and title are required.",
        "[map]",
        _kv("format", "1", "the format version: always 1"),
        _kv("title", q(title)),
        _kv("kind", q(kind), '"customer" or "employee" (an employee experience map)'),
        # Hints, not values: a placeholder written as a value reaches every export of the map.
        _kv("# description", '""', w.description),
        _kv("# owner", '""', f"who keeps this map current, e.g. {q(w.owner)}"),
        _kv("updated", today.isoformat(), "the last review, a TOML date (no quotes)"),
    ]
    if persona_library is not None:
        lines += [
            _kv("persona_library", q(persona_library), "shared [[personas]], relative to this map"),
            "",
            "# Personas: the library's (persona_library above) are this map's; a [[personas]]",
            "# table here adds one of this map's own (its id must not be one of the library's).",
            "",
        ]
    else:
        lines += [
            "",
            f"# {w.persona_comment}",
            "# Only id and name are required; names are free text in any language.",
            "[[personas]]",
            _kv("id", q(pid), "a slug (a-z, 0-9, - and _) that other tables refer to"),
            _kv("name", q(pname)),
            _kv("description", q(pdesc)),
            _kv("goals", _list(goals)),
            _kv("pains", _list(pains)),
            _kv("quote", q(quote)),
            "",
        ]
    lines += [
        "# Stages: the phases of the journey. Their order in the file is the journey's order.",
        f"# Only id and name are required; goal is what the {who} wants in that stage.",
    ]
    for n, (sid, sname, sgoal) in enumerate(w.stages):
        if n:
            lines.append("")
        lines += ["[[stages]]", _kv("id", q(sid)), _kv("name", q(sname)), _kv("goal", q(sgoal))]
    lines += [
        "",
        f"# Touchpoints: {w.touchpoint_comment}",
        "# Keep them grouped by stage, in journey order. Only id, stage and name are required.",
        "[[touchpoints]]",
        _kv("id", q(tp1["id"])),
        _kv("stage", q(tp1["stage"]), "the id of one of the stages above"),
        _kv("name", q(tp1["name"])),
        _kv("channel", q(tp1["channel"]), "free text: web, app, email, sms, shop, person..."),
        "# Who meets it (persona ids); leave it out when every persona does:",
        _kv("# personas", f"[{q(pid)}]"),
        f"# What the {who} does, thinks and feels; what they expect and what they actually get:",
        _kv("doing", q(tp1["doing"])),
        _kv("thinking", q(tp1["thinking"])),
        _kv("feeling", q(tp1["feeling"])),
        _kv("expectation", q(tp1["expectation"])),
        _kv("experience", q(tp1["experience"])),
        _kv("emotion", "-1", "-2..+2 (scale at the top); leave it out while unknown"),
        _kv("pain_points", f"[{q(tp1['pain_point'])}]"),
        _kv("opportunities", f"[{q(tp1['opportunity'])}]"),
        _kv("owner", q(tp1["owner"]), "the department or role responsible"),
        _kv("# backstage", '["..."]', "the internal processes behind the touchpoint"),
        _kv("# support", '["..."]', "the systems that support it"),
        "# Where we know it from: interviews, complaints, data, workshop notes:",
        _kv("evidence", f"[{q(tp1['evidence'])}]"),
        _kv("status", q("hypothesis"), f'"hypothesis" until {who}s confirm it, then "verified"'),
        "",
        f"# A moment of truth: a touchpoint that decides whether the {who} stays or leaves.",
        "[[touchpoints]]",
        _kv("id", q(tp2["id"])),
        _kv("stage", q(tp2["stage"])),
        _kv("name", q(tp2["name"])),
        _kv("channel", q(tp2["channel"])),
        _kv("emotion", tp2["emotion"]),
        _kv("moment_of_truth", "true"),
        _kv("mot_reason", q(tp2["mot_reason"])),
        _kv("status", q("hypothesis")),
        "",
        "# Actions: the improvement plan. Each one improves one touchpoint.",
        "[[actions]]",
        _kv("id", q(act["id"])),
        "# The id of the touchpoint it improves:",
        _kv("touchpoint", q(act["touchpoint"])),
        _kv("title", q(act["title"])),
        _kv("owner", q(act["owner"]), "who does it"),
        _kv("effort", q("low"), '"low", "medium" or "high"'),
        _kv("impact", q("high"), '"low", "medium" or "high"'),
        _kv("# quick_win", "true", "left out: quick win = effort low, impact medium or high"),
        _kv("due", due.isoformat(), "the deadline, a TOML date"),
        _kv("state", q("todo"), '"todo", "doing" or "done"'),
    ]
    return "\n".join(lines) + "\n"
