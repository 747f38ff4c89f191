"""What the edit form edits, and how the text a person types becomes a map value.

Headless on purpose (no textual): the form, the tests and any future front end share one
reading of "what does this text mean". Which keys a table has, in which order, which are
required and of which type comes from `validate.SCHEMA`; this module only adds words for
people (labels, help) and the way each type is written as text.

`None` means "the key is absent", as everywhere in the model: blank text for an optional
field removes its key.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cjm_tui.i18n import _
from cjm_tui.i18n.words import choice_word, field_labels
from cjm_tui.model import validate
from cjm_tui.model.entities import MapInfo, is_web_link, worked_out_quick_win
from cjm_tui.model.ids import slugify
from cjm_tui.model.journey import Map
from cjm_tui.model.raw import KNOWN_KEYS, Entity
from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN, emotion_label, is_slug

Kind = Literal[
    "id",
    "text",
    "long_text",
    "list",
    "bool",
    "choice",
    "emotion",
    "date",
    "ref",
    "refs",
    "metrics",
    "link",
]
TABLES = ("map", "personas", "stages", "touchpoints", "actions")
"""The tables a form can edit (the [map] table and the four array tables)."""


class FieldError(Exception):
    """Text that cannot become a value; `message` is written for the person who typed it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: which key it edits, how it is shown and how its text is read.

    `choices` are the allowed words of a "choice", the ids a "ref"/"refs" may name, or the
    persona ids an "emotion" table may name; `names` gives a display name for some of them
    (a stage's name beside its id). `ref` is the table the ids come from.
    """

    key: str
    label: str
    kind: Kind
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    ref: str | None = None

    @property
    def noun(self) -> str:
        """The label without its "(separate with ;)" hint, for messages."""
        return self.label.split(" (", 1)[0]


# Words for people -------------------------------------------------------------------

_LONG_TEXT = frozenset(
    {
        "description",
        "doing",
        "thinking",
        "feeling",
        "expectation",
        "experience",
        "mot_reason",
        "quote",
        "goal",
    }
)
"""Keys that hold a sentence or more rather than a short name (a wider input)."""

_REFERENCES: dict[tuple[str, str], str] = {
    ("touchpoints", "stage"): "stages",
    ("touchpoints", "personas"): "personas",
    ("actions", "touchpoint"): "touchpoints",
}
"""Keys whose text is an id of another table (the validator checks the same references)."""

_NOT_IN_FORMS = frozenset({("map", "format"), ("map", "metrics"), ("map", "persona_library")})
"""Keys no form edits: the version, what metrics mean (`[map.metrics.NAME]`, kept as they
are; edited in the file), and the persona library (read when the map is opened; its personas
are edited in the Personas pane)."""


def _help() -> dict[str, str]:
    return {
        "id": _("a-z, 0-9, - and _; other entries refer to it"),
        "title": _("what the map is about"),
        "kind": _("blank = customer; employee for an employee experience map"),
        "updated": _("a date: 2026-11-20"),
        "name": _("free text, any language"),
        "goals": _("what this persona wants to achieve"),
        "pains": _("what gets in their way"),
        "quote": _("something they said, in their words"),
        "goal": _("what the customer wants to achieve in this stage"),
        "stage": _("the journey stage it belongs to"),
        "channel": _("web, app, phone, shop, email, sms, person..."),
        "doing": _("what they do here"),
        "thinking": _("what goes through their head"),
        "feeling": _("their feelings, in words"),
        "expectation": _("what they expect"),
        "experience": _("what they actually get"),
        "moment_of_truth": _("space toggles; decides whether the customer stays or leaves"),
        "mot_reason": _("what is decided here"),
        "pain_points": _("what hurts here"),
        "opportunities": _("ideas to make it better"),
        "backstage": _("internal processes behind it"),
        "support": _("systems that support it"),
        "evidence": _("where we know it from (interviews, data)"),
        "status": _("hypothesis until research backs it"),
        "touchpoint": _("the touchpoint this action improves"),
        "effort": _("low, medium or high"),
        "impact": _("low, medium or high"),
        "quick_win": _("space toggles; never set = worked out from effort and impact"),
        "due": _("a date: 2026-12-15"),
        "state": _("blank = todo"),
        "metrics": _("name = number; name = number (blank = none)"),
        "link": _("the ticket: an http:// or https:// link"),
    }


def _table_help() -> dict[tuple[str, str], str]:
    return {
        ("map", "description"): _("why this map exists, for whom, in which workshop"),
        ("map", "owner"): _("who keeps the map current"),
        ("touchpoints", "owner"): _("department or role responsible"),
        ("actions", "owner"): _("who does it"),
        ("actions", "title"): _("the improvement, in a few words"),
    }


def _not_an_id(noun: str, ident: str, ref: str | None, known: str) -> str:
    """`Stage: "pay" is not a stage id (known: ...)`, for the table `ref` the ids come from."""
    if ref == "stages":
        return _(
            '{noun}: "{ident}" is not a stage id (known: {known})',
            noun=noun,
            ident=ident,
            known=known,
        )
    if ref == "personas":
        return _(
            '{noun}: "{ident}" is not a persona id (known: {known})',
            noun=noun,
            ident=ident,
            known=known,
        )
    if ref == "touchpoints":
        return _(
            '{noun}: "{ident}" is not a touchpoint id (known: {known})',
            noun=noun,
            ident=ident,
            known=known,
        )
    return _('{noun}: "{ident}" is not an id (known: {known})', noun=noun, ident=ident, known=known)


# Which kind of field each key is ------------------------------------------------


def _words(check: validate.Check) -> tuple[str, ...]:
    """The words a `validate.one_of` check allows (read from it, so they are said once)."""
    allowed = inspect.getclosurevars(check).nonlocals.get("allowed")
    if not isinstance(allowed, tuple):
        raise TypeError(f"{check!r} is not a validate.one_of check")
    return tuple(str(w) for w in allowed)


def _kind(table: str, key: str, check: validate.Check | None) -> Kind:
    """The field kind for a key, from the schema's type check."""
    if key == "id":
        return "id"
    if (table, key) in _REFERENCES:
        return "refs" if check is validate.text_list else "ref"
    if check is validate.text:
        return "long_text" if key in _LONG_TEXT else "text"
    if check is validate.text_list:
        return "list"
    if check is validate.boolean:
        return "bool"
    if check is validate.date:
        return "date"
    if check is validate.emotion:
        return "emotion"
    if check is validate.table and table == "touchpoints":
        return "metrics"
    if check is validate.web_link:
        return "link"
    if check is not None and check is not validate.table:
        return "choice"
    raise ValueError(f"no form field for {table}.{key}")


def _ids_and_names(m: Map, table: str) -> tuple[tuple[str, ...], dict[str, str]]:
    entries: Sequence[Any] = getattr(m, table)
    ids = tuple(e.id for e in entries)
    text = "title" if table == "actions" else "name"
    return ids, {e.id: getattr(e, text) for e in entries}


def _known(ids: Sequence[str]) -> str:
    if not ids:
        return _("none yet")
    return ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")


def fields_for(table: str, m: Map) -> list[FieldSpec]:
    """The fields of a form for one entry of `table` ("map" for the [map] table).

    Every key the format defines for the table, in the format's order; `format` is left out
    because a person never edits the version, `persona_library` because it is read on open.
    Reference choices are the map's current ids.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    specs: list[FieldSpec] = []
    labels, helps, table_helps = field_labels(), _help(), _table_help()
    for key, (required, check) in validate.SCHEMA[table].items():
        if (table, key) in _NOT_IN_FORMS:
            continue
        kind = _kind(table, key, check)
        label = labels.get(key, key.replace("_", " ").capitalize())
        if kind in ("list", "refs"):
            label = _("{label} (separate with ;)", label=label)
        help_text = table_helps.get((table, key), helps.get(key, ""))
        choices: tuple[str, ...] = ()
        names: dict[str, str] = {}
        ref: str | None = None
        if kind == "choice" and check is not None:
            choices = _words(check)
            # The file's words stay the values; the interface's word is shown beside them.
            names = {w: choice_word(w) for w in choices if choice_word(w) != w}
        elif kind in ("ref", "refs"):
            ref = _REFERENCES[(table, key)]
            choices, names = _ids_and_names(m, ref)
        elif kind == "emotion":
            ref = "personas"
            choices, names = _ids_and_names(m, ref)
        if kind == "refs":
            help_text = _(
                "persona ids; none = every persona (known: {known})", known=_known(choices)
            )
        elif kind == "emotion":
            help_text = _("{low}..+{high} (0 neutral)", low=EMOTION_MIN, high=EMOTION_MAX)
            if choices:
                pairs = zip(choices[:2], ("-1", "+2"), strict=False)  # one persona: one pair
                example = ", ".join(f"{p}={v}" for p, v in pairs)
                help_text += _(", or per persona: {example}", example=example)
                if len(choices) > 2:
                    help_text += _(" (known: {known})", known=_known(choices))
            help_text += _("; blank = none")
        specs.append(FieldSpec(key, label, kind, required, help_text, choices, names, ref))
    assert tuple(s.key for s in specs) == tuple(
        k for k in KNOWN_KEYS[table] if (table, k) not in _NOT_IN_FORMS
    ), "fields and model disagree"
    return specs


def unset_meaning(key: str, values: Mapping[str, Any]) -> str | None:
    """What leaving `key` unset means, worked out from the form's other `values`, or None
    when unset means nothing more (the form shows it beside an unticked box)."""
    if key != "quick_win":
        return None
    effort, impact = values.get("effort"), values.get("impact")
    answer = _("yes") if worked_out_quick_win(effort, impact) else _("no")
    unset = _("not set")
    return _(
        "not set: {answer}, from effort {effort} / impact {impact}",
        answer=answer,
        effort=choice_word(effort) if isinstance(effort, str) else unset,
        impact=choice_word(impact) if isinstance(impact, str) else unset,
    )


def values_of(item: MapInfo | Entity, specs: Sequence[FieldSpec]) -> dict[str, Any]:
    """The current value of every field (None when absent), copied so edits cannot leak back."""
    out: dict[str, Any] = {}
    for spec in specs:
        value = getattr(item, spec.key, None)
        out[spec.key] = value.copy() if isinstance(value, list | dict) else value
    return out


# Text <-> value -----------------------------------------------------------------

_INT = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"  # date and time of day
    r"(:[0-9]{2}(\.[0-9]+)?)?"  # seconds
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"  # offset
)
_PAIR = re.compile(r"(?P<key>[^=:]+?)\s*[=:]\s*(?P<value>.*)", re.DOTALL)
_PAIR_SEPARATORS = re.compile(r"[,;\n]")
_TRUE = frozenset({"true", "yes", "y", "on", "1", "x"})
_FALSE = frozenset({"false", "no", "n", "off", "0"})


def to_text(spec: FieldSpec, value: Any) -> str:
    """The text a field starts with for `value` (`parse` reads it back to the same value)."""
    if value is None:
        return ""
    if spec.kind in ("list", "refs"):
        return LIST_SEPARATOR.join(_escape_item(str(v)) for v in value)
    if spec.kind == "bool":
        return "true" if value else "false"
    if spec.kind == "emotion":
        if isinstance(value, dict):
            if not value:
                return "{}"
            return ", ".join(f"{k}={emotion_label(v)}" for k, v in value.items())
        return emotion_label(int(value))
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind == "metrics" and isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{_escape_item(str(k))} = {v}" for k, v in value.items())
    return str(value)


def _emotion_number(text: str, what: str) -> int:
    """An integer within the emotion scale; `what` names it in messages."""
    text = text.strip().replace("\u2212", "-")  # a typographic minus is still a minus
    if not _INT.fullmatch(text):
        raise FieldError(
            _(
                "{what} must be a whole number from {low} to +{high}",
                what=what,
                low=EMOTION_MIN,
                high=EMOTION_MAX,
            )
        )
    number = int(text)
    if not EMOTION_MIN <= number <= EMOTION_MAX:
        raise FieldError(
            _(
                "{what} {text} is out of range: use {low}..+{high} "
                "(-2 very negative, 0 neutral, +2 very positive)",
                what=what,
                text=text,
                low=EMOTION_MIN,
                high=EMOTION_MAX,
            )
        )
    return number


def emotion_number(text: str, what: str) -> int:
    """One emotion value typed as text (`-1`, `+2`, `0`); `what` names it in the message of
    the FieldError raised for anything else."""
    return _emotion_number(text, what)


def _parse_emotion(spec: FieldSpec, text: str) -> int | dict[str, int]:
    plain = text.strip().replace("\u2212", "-")
    if _INT.fullmatch(plain):
        return _emotion_number(plain, _("Emotion"))
    if plain.startswith("{") and plain.endswith("}"):
        plain = plain[1:-1]
    table: dict[str, int] = {}
    for part in _PAIR_SEPARATORS.split(plain):
        if not part.strip():
            continue
        pair = _PAIR.fullmatch(part.strip())
        if pair is None:
            raise FieldError(
                _(
                    'Emotion: "{part}" is neither a number from {low} to +{high} nor '
                    "persona=value (for example student=-1, senior=+2)",
                    part=part.strip(),
                    low=EMOTION_MIN,
                    high=EMOTION_MAX,
                )
            )
        pid = pair["key"].strip().strip("\"'").strip()
        if pid not in spec.choices:
            if not spec.choices:
                raise FieldError(
                    _(
                        'Emotion: "{id}" is not a persona id (the map has no personas yet: '
                        "use one number for everybody)",
                        id=pid,
                    )
                )
            raise FieldError(
                _(
                    'Emotion: "{id}" is not a persona id (known: {known})',
                    id=pid,
                    known=_known(spec.choices),
                )
            )
        if pid in table:
            raise FieldError(_('Emotion: persona "{id}" is given twice', id=pid))
        table[pid] = _emotion_number(pair["value"], _("Emotion for {id}", id=pid))
    return table


def _parse_metrics(spec: FieldSpec, text: str) -> dict[str, int | float] | None:
    r"""`csat = 3.1; wait_min = 12`: the list syntax of items (`;`, `\;` in a name), each
    `name = number`; a name with a blank number is left out. A decimal comma is a point."""
    table: dict[str, int | float] = {}
    for item in split_items(text):
        name, equals, number = item.rpartition("=")
        name, number = name.strip().strip("\"'").strip(), number.strip()
        if not equals or not name:
            raise FieldError(
                _(
                    'Metrics: "{part}" is not name = number (for example csat = 3.1)',
                    part=item,
                )
            )
        if not number:
            continue
        if name in table:
            raise FieldError(_('Metrics: "{name}" is given twice', name=name))
        table[name] = _metric_number(name, number)
    return table or None


def _metric_number(name: str, text: str) -> int | float:
    plain = text.replace("\u2212", "-").replace(",", ".")
    if _INT.fullmatch(plain):
        return int(plain)
    try:
        number = float(plain)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or "_" in plain:
        raise FieldError(_('Metrics: {name} = "{text}" is not a number', name=name, text=text))
    return number


def _parse_link(spec: FieldSpec, text: str) -> str:
    link = text.strip()
    if not is_web_link(link):
        raise FieldError(
            _(
                '{noun}: "{text}" is not an http:// or https:// link',
                noun=spec.noun,
                text=link,
            )
        )
    return link


def _parse_date(spec: FieldSpec, text: str) -> dt.date:
    plain = text.strip().upper()
    try:
        if _DATE.fullmatch(plain):
            return dt.date.fromisoformat(plain)
        if _DATETIME.fullmatch(plain):
            return dt.datetime.fromisoformat(plain)
    except ValueError:
        raise FieldError(
            _('{noun}: "{text}" is not a real date', noun=spec.noun, text=text.strip())
        ) from None
    raise FieldError(
        _(
            '{noun}: "{text}" is not a date: write it as 2026-12-15 '
            "(or 2026-12-15T09:30 with a time)",
            noun=spec.noun,
            text=text.strip(),
        )
    )


def _parse_ref(spec: FieldSpec, text: str) -> str:
    ident = text.strip()
    if ident in spec.choices:
        return ident
    raise FieldError(_not_an_id(spec.noun, ident, spec.ref, _known(spec.choices)))


LIST_SEPARATOR = "; "
"""Between the items of a list field: one line, so `enter` can always mean "next field"."""

_NEEDS_ESCAPE = re.compile(r"\\(?=[\\;]|$)")  # a backslash a reader would take as an escape


def _escape_item(item: str) -> str:
    r"""One list item as typed: `;` as `\;`, and a backslash that `split_items` would read as
    an escape (before `;` or `\`, or last) doubled, so every item reads back as itself."""
    return _NEEDS_ESCAPE.sub(r"\\\\", item).replace(";", "\\;")


def split_items(text: str) -> list[str]:
    r"""The items of a list field's text: split on `;` (`\;` is a `;` in an item, `\\` a
    backslash), each stripped, empty ones dropped. New lines (a paste) separate too."""
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "\\;":
            current.append(text[i + 1])
            i += 2
            continue
        if char in ";\n\r":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _parse_list(spec: FieldSpec, text: str) -> list[str]:
    items = split_items(text)
    if spec.kind == "refs":  # ids hold no spaces or commas: "senior, student" is two
        items = [ident for item in items for ident in re.split(r"[\s,]+", item) if ident]
        items = [_parse_ref(spec, item) for item in items]
        items = list(dict.fromkeys(items))  # naming a persona twice means nothing more
    return items


def parse(spec: FieldSpec, text: str) -> Any:
    """The value `text` stands for in this field; None removes the key.

    Raises FieldError, with a message for a person, when the text cannot be that value.
    Free text is kept exactly as typed (spaces, any script, emoji): it is the person's data.
    """
    if spec.kind in ("list", "refs"):
        items = _parse_list(spec, text)
        if items:
            return items
        if spec.required:
            raise FieldError(_("{noun} needs at least one item", noun=spec.noun))
        return None
    if not text.strip():
        if spec.required:
            raise FieldError(_("{noun} cannot be blank", noun=spec.noun))
        return None
    if spec.kind in ("text", "long_text"):
        return text
    if spec.kind == "id":
        ident = text.strip()
        if not is_slug(ident):
            hint = slugify(ident, fallback="")
            suggestion = _(' (try "{hint}")', hint=hint) if hint else ""
            raise FieldError(
                _(
                    '"{id}" is not a valid id: use a-z, 0-9, - and _, starting with a letter '
                    "or digit, at most 64 characters",
                    id=ident,
                )
                + suggestion
            )
        return ident
    if spec.kind == "choice":
        word = text.strip().lower()
        if word not in spec.choices:
            raise FieldError(
                _(
                    '{noun}: "{text}" is not one of {choices}',
                    noun=spec.noun,
                    text=text.strip(),
                    choices=", ".join(spec.choices),
                )
            )
        return word
    if spec.kind == "ref":
        return _parse_ref(spec, text)
    if spec.kind == "bool":
        word = text.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise FieldError(
            _('{noun}: "{text}" is neither true nor false', noun=spec.noun, text=text.strip())
        )
    if spec.kind == "emotion":
        return _parse_emotion(spec, text)
    if spec.kind == "date":
        return _parse_date(spec, text)
    if spec.kind == "metrics":
        return _parse_metrics(spec, text)
    if spec.kind == "link":
        return _parse_link(spec, text)
    raise ValueError(f"unknown field kind {spec.kind!r}")


def read(spec: FieldSpec, text: str, original: Any) -> Any:
    """`parse(spec, text)`, except that text left as it was keeps the original value.

    Why: a form shows every field, but only the ones a person changed may change the file
    (an untouched `description = ""` must not vanish, nor a date-time lose its style).
    A required field left blank is still refused: a new entry starts that way.
    """
    if text == to_text(spec, original) and not (spec.required and not text.strip()):
        return original
    return parse(spec, text)
