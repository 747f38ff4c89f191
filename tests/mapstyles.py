"""Maps written the way people write them by hand, for tests: one renderer, many styles.

`render_styled(m, style)` writes a valid map file in a chosen hand-written style: blank lines
between tables or none, indented keys, aligned `=`, literal strings, multi-line strings,
one list item per line with a comment each, per-persona emotions as dotted keys or as a
sub-table, comments above headers and beside keys, stage banners, notes at the end, CRLF or
mixed line endings, no final newline, a BOM, team tables (`[x_workshop]`) and a
`[touchpoints.x_metrics]` sub-table written far from its touchpoint.

The text always parses with tomllib to `map_to_raw(with_extras(m, style))`: the style may add
team keys (`Style.team_keys`), never change the map. The editor must then keep each style
when it edits such a file (tests/test_write_styles.py, tests/test_store_properties.py).

`sample_maps()` are three small realistic maps (a clinic in Polish, a shoe shop, a mobile
operator in Russian) that tests/data/styles/make.py renders in many styles.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from cjm_tui.model import (
    Action,
    Map,
    MapInfo,
    Persona,
    Stage,
    Touchpoint,
    to_raw,
)

Newline = Literal["lf", "crlf", "mixed"]
Equals = Literal["spaced", "tight", "aligned"]
Multiline = Literal["escaped", '"""', "'''"]
ListStyle = Literal["inline", "lines"]
EmotionStyle = Literal["inline", "compact", "dotted", "subtable"]

BANNER = "# ===== {} ====="
NOTES = (
    "# Open questions after the workshop:",
    "# - who owns the waiting-room screen? (Facilities or IT)",
    "# - Открытые вопросы: кто отвечает за SMS?",
)
KEY_COMMENTS = {
    "title": "# shown in the header",
    "emotion": "# workshop score",
    "status": "# check in the interviews",
    "owner": "# who answers for it",
}


@dataclass(frozen=True)
class Style:
    """How a person wrote the file. The defaults are the plain style of docs/format.md."""

    blank_lines: bool = True
    """A blank line between tables; False: compact, no blank line anywhere."""
    indent: str = ""
    """Before every key: "", "  " or "\\t" (headers are never indented)."""
    equals: Equals = "spaced"
    """`a = 1`, `a=1`, or `a    = 1` with `=` aligned within each table."""
    literal: bool = False
    """Single-line strings as '...' wherever the text allows it."""
    multiline: Multiline = '"""'
    """Text with line breaks: an escaped one-line string, or a multi-line string."""
    lists: ListStyle = "inline"
    """Lists (not empty): on one line, or one item per line."""
    trailing_comma: bool = True
    """One item per line: a comma after the last item too."""
    item_comments: bool = False
    """One item per line: a `# comment` after each item."""
    emotions: EmotionStyle = "inline"
    """A per-persona emotion: `{ a = 1 }`, `{a=1}`, `emotion.a = 1`, or `[touchpoints.emotion]`."""
    header_comments: bool = False
    """A comment line directly above every table header."""
    key_comments: bool = False
    """A trailing `# ...` comment on some keys (title, emotion, status, owner)."""
    banners: bool = False
    """`# ===== Stage =====` paragraphs (blank-line separated) before each stage's touchpoints."""
    notes: bool = False
    """A comment paragraph after a blank line at the end of the file."""
    newline: Newline = "lf"
    """Line endings; "mixed": every other table (and its blank line after) in CRLF."""
    final_newline: bool = True
    bom: bool = False
    """A UTF-8 byte order mark before the first line."""
    team_keys: bool = False
    """Add team keys (see `with_extras`): `[x_workshop]`, `x_metrics`, `x_score = nan / inf`."""
    detached_metrics: bool = False
    """The last touchpoint's `[touchpoints.x_metrics]` at the end, after `[x_workshop]`."""

    def __post_init__(self) -> None:
        if self.detached_metrics and not self.team_keys:
            raise ValueError("detached_metrics needs team_keys (the x_metrics it detaches)")
        if self.indent not in ("", "  ", "\t"):
            raise ValueError(f"unsupported indent {self.indent!r}")

    def describe(self) -> str:
        """The options that differ from the plain style, for test ids ("compact,tabs,...")."""
        plain = Style()
        words: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value != getattr(plain, f.name):
                words.append(f.name if isinstance(value, bool) and value else f"{f.name}={value!r}")
        return ",".join(words) or "plain"


# Team keys ----------------------------------------------------------------------------

WORKSHOP = {
    "date": dt.date(2026, 10, 21),
    "facilitator": "Magdalena K.",
    "room": "Sala 2 / зал 2",
}
METRICS = {"csat": 3.1, "wait_min": 12}


def with_extras(m: Map, style: Style) -> Map:
    """`m` with the team keys the style adds (the map itself when it adds none).

    `[x_workshop]` at the top level, `x_metrics = {csat, wait_min}` on the last touchpoint,
    `x_score = nan` on the first touchpoint and `x_score = inf` on the second. Keys the map
    already has are left as they are. `m` is not changed.
    """
    if not style.team_keys:
        return m
    extra = dict(m.extra)
    extra.setdefault("x_workshop", dict(WORKSHOP))
    tps = list(m.touchpoints)

    def add(i: int, key: str, value: Any) -> None:
        if key not in tps[i].extra:
            tps[i] = replace(tps[i], extra={**tps[i].extra, key: value})

    if tps:
        add(len(tps) - 1, "x_metrics", dict(METRICS))
        add(0, "x_score", math.nan)
    if len(tps) > 1:
        add(1, "x_score", math.inf)
    return Map(
        info=m.info,
        personas=list(m.personas),
        stages=list(m.stages),
        touchpoints=tps,
        actions=list(m.actions),
        extra=extra,
    )


# TOML text of values ------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
# Characters nobody types raw into a file: C0 and C1 controls, the Unicode line separators and
# the bidi overrides. cjm escapes them in every string it writes (cjm_tui/store/values.py), so
# a style file holds them escaped too: a save may then keep every string as it was.
_INVISIBLE = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0a-\x1f{_INVISIBLE}]")
_BASIC_ESCAPE = re.compile(f'[\\\\"\x00-\x1f{_INVISIBLE}]')
_ML_ESCAPE = re.compile(f'[\\\\"\x00-\x09\x0b-\x1f{_INVISIBLE}]')


def _escape(ch: str) -> str:
    return _SHORT.get(ch) or f"\\u{ord(ch):04X}"


def literal_safe(text: str) -> bool:
    """Whether `text` can be a one-line literal string '...'."""
    return "'" not in text and not _CONTROL.search(text)


def ml_literal_safe(text: str) -> bool:
    """Whether `text` can be a multi-line literal string '''...'''."""
    return "'''" not in text and not re.search(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]", text)


def basic_string(text: str) -> str:
    return '"' + _BASIC_ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'


def toml_key(key: str) -> str:
    return key if _BARE.fullmatch(key) else basic_string(key)


def safe_comment_text(text: str) -> bool:
    """Whether a text can sit in a `# comment` (one line, nothing invisible)."""
    return bool(text) and text.isprintable() and len(text) <= 60


class _Values:
    """Value text in a style; multi-line values are lists of lines."""

    def __init__(self, style: Style) -> None:
        self.style = style

    def string(self, text: str, allow_multiline: bool = True) -> list[str]:
        style = self.style
        if "\n" in text and allow_multiline and style.multiline != "escaped":
            if style.multiline == "'''" and ml_literal_safe(text):
                parts = text.split("\n")
                return ["'''", *parts[:-1], parts[-1] + "'''"]
            body = _ML_ESCAPE.sub(lambda m: _escape(m.group()), text)
            parts = body.split("\n")
            return ['"""', *parts[:-1], parts[-1] + '"""']
        if style.literal and literal_safe(text):
            return [f"'{text}'"]
        return [basic_string(text)]

    def scalar(self, value: Any) -> str:
        """A value on one line (strings never multi-line here)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if math.isnan(value):
                return "nan"
            if math.isinf(value):
                return "inf" if value > 0 else "-inf"
            return repr(value)
        if isinstance(value, str):
            return self.string(value, allow_multiline=False)[0]
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return value.isoformat()
        if isinstance(value, list):
            return "[" + ", ".join(self.scalar(v) for v in value) + "]"
        if isinstance(value, dict):
            return self.inline_table(value)
        raise TypeError(f"no TOML for {value!r}")

    def inline_table(self, value: dict[str, Any]) -> str:
        if not value:
            return "{}"
        if self.style.emotions == "compact":
            return "{" + ",".join(f"{toml_key(k)}={self.scalar(v)}" for k, v in value.items()) + "}"
        return (
            "{ " + ", ".join(f"{toml_key(k)} = {self.scalar(v)}" for k, v in value.items()) + " }"
        )

    def value(self, value: Any) -> list[str]:
        """A key's value: maybe several lines (multi-line strings, one item per line)."""
        style = self.style
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list) and style.lists == "lines" and value:
            inner = style.indent * 2 if style.indent else "    "
            lines = ["["]
            for n, item in enumerate(value, 1):
                comma = "," if n < len(value) or style.trailing_comma else ""
                note = f"  # src {n}" if style.item_comments else ""
                lines.append(f"{inner}{self.scalar(item)}{comma}{note}")
            lines.append(style.indent + "]")
            return lines
        return [self.scalar(value)]


# The file ------------------------------------------------------------------------------


@dataclass
class _Block:
    """Lines that stay together (a table, a banner, the notes), without line endings."""

    lines: list[str]
    separate: bool = False
    """Blank lines around it even in a compact file (banners, notes)."""


@dataclass
class _Pair:
    key: str
    value: list[str]
    comment: str | None = None


@dataclass
class _Table:
    header: str
    pairs: list[_Pair] = field(default_factory=list)
    comment: str | None = None


class _Renderer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.values = _Values(style)
        self.blocks: list[_Block] = []
        self.deferred: list[_Block] = []

    # Tables --------------------------------------------------------------------------

    def table_lines(self, table: _Table) -> list[str]:
        style = self.style
        lines: list[str] = []
        if table.comment is not None and style.header_comments:
            lines.append(f"# {table.comment}")
        lines.append(table.header)
        width = max((len(p.key) for p in table.pairs), default=0)
        for pair in table.pairs:
            if style.equals == "aligned":
                lead = f"{style.indent}{pair.key.ljust(width)} = "
            elif style.equals == "tight":
                lead = f"{style.indent}{pair.key}="
            else:
                lead = f"{style.indent}{pair.key} = "
            value = list(pair.value)
            if pair.comment is not None and style.key_comments:
                value[-1] += f"   {pair.comment}"
            lines.append(lead + value[0])
            lines.extend(value[1:])
        return lines

    def entry(
        self,
        header: str,
        path: str,
        raw: dict[str, Any],
        comment: str | None,
        detach: set[str] | None = None,
    ) -> None:
        """A table and the sub-tables that hold its dict values (emotion, x_metrics...)."""
        style = self.style
        main = _Table(header, comment=comment)
        subs: list[tuple[str, dict[str, Any], bool]] = []
        for key, value in raw.items():
            if isinstance(value, dict) and key == "emotion" and value:
                if style.emotions == "dotted":
                    for n, (pid, score) in enumerate(value.items()):
                        note = KEY_COMMENTS["emotion"] if n == 0 else None
                        main.pairs.append(
                            _Pair(f"emotion.{toml_key(pid)}", [self.values.scalar(score)], note)
                        )
                    continue
                if style.emotions == "subtable":
                    subs.append((key, value, False))
                    continue
            elif isinstance(value, dict) and key != "emotion":
                subs.append((key, value, bool(detach and key in detach)))
                continue
            main.pairs.append(_Pair(toml_key(key), self.values.value(value), KEY_COMMENTS.get(key)))
        self.blocks.append(_Block(self.table_lines(main)))
        for key, value, detached in subs:
            note = "scores per persona" if key == "emotion" else f"team table {key}"
            sub = _Table(f"[{path}.{toml_key(key)}]", comment=note)
            for k, v in value.items():
                sub.pairs.append(_Pair(toml_key(k), [self.values.scalar(v)]))
            (self.deferred if detached else self.blocks).append(_Block(self.table_lines(sub)))

    # The map ---------------------------------------------------------------------------

    def render(self, m: Map) -> str:
        style = self.style
        raw_root = {k: v for k, v in m.extra.items() if not isinstance(v, dict)}
        if raw_root:
            root = _Table("")
            for key, value in raw_root.items():
                root.pairs.append(_Pair(toml_key(key), [self.values.scalar(value)]))
            self.blocks.append(_Block(self.table_lines(root)[1:]))
        title = m.info.title if safe_comment_text(m.info.title) else "journey map"
        self.entry("[map]", "map", to_raw(m.info), title)
        for p in m.personas:
            self.entry("[[personas]]", "personas", to_raw(p), f"Persona: {_label(p.name, p.id)}")
        for s in m.stages:
            self.entry("[[stages]]", "stages", to_raw(s), f"Stage: {_label(s.name, s.id)}")
        last = m.touchpoints[-1].uid if m.touchpoints else None
        detach = {"x_metrics"} if style.detached_metrics else set()

        def touchpoint(tp: Touchpoint) -> None:
            self.entry(
                "[[touchpoints]]",
                "touchpoints",
                to_raw(tp),
                _label(tp.name, tp.id),
                detach if tp.uid == last else None,
            )

        if style.banners:
            if [t.uid for t in m.journey()] != [t.uid for t in m.touchpoints]:
                raise ValueError("stage banners need the touchpoints in journey order")
            for s in m.stages:
                label = s.name if safe_comment_text(s.name) else s.id
                self.blocks.append(_Block([BANNER.format(label)], separate=True))
                for tp in m.touchpoints:
                    if tp.stage == s.id:
                        touchpoint(tp)
        else:
            for tp in m.touchpoints:
                touchpoint(tp)
        for a in m.actions:
            self.entry("[[actions]]", "actions", to_raw(a), f"Action: {_label(a.title, a.id)}")
        for key, value in m.extra.items():
            if isinstance(value, dict):
                table = _Table(f"[{toml_key(key)}]", comment="our own table: kept by cjm")
                for k, v in value.items():
                    table.pairs.append(_Pair(toml_key(k), [self.values.scalar(v)]))
                self.blocks.append(_Block(self.table_lines(table)))
        self.blocks.extend(self.deferred)
        if style.notes:
            self.blocks.append(_Block(list(NOTES), separate=True))
        return self.join()

    def join(self) -> str:
        style = self.style
        out: list[str] = ["\ufeff"] if style.bom else []
        for n, block in enumerate(self.blocks):
            if style.newline == "crlf":
                eol = "\r\n"
            elif style.newline == "mixed":
                eol = "\r\n" if n % 2 else "\n"
            else:
                eol = "\n"
            out.extend(line + eol for line in block.lines)
            after = self.blocks[n + 1] if n + 1 < len(self.blocks) else None
            if after is None:
                continue
            if block.separate or after.separate or style.blank_lines:
                out.append(eol)
        text = "".join(out)
        if not style.final_newline:
            text = text.removesuffix("\r\n") if text.endswith("\r\n") else text.removesuffix("\n")
        return text


def _label(name: str, ident: str) -> str:
    return name if safe_comment_text(name) else ident


def render_styled(m: Map, style: Style, add_extras: bool = True) -> str:
    """The map file of `m` in `style`, with the style's team keys (see `with_extras`).

    `add_extras=False` renders `m` as it is: for a map that holds the team keys already
    (one read back from a styled file), which the style then only places.
    """
    return _Renderer(style).render(with_extras(m, style) if add_extras else m)


# Sample maps ---------------------------------------------------------------------------


def clinic() -> Map:
    """A clinic's patient journey, in Polish; its last stage has no touchpoints yet."""
    return Map(
        info=MapInfo(
            title="Przychodnia: od rejestracji do wyników",
            kind="customer",
            description="Mapa z warsztatu 21.10.\nWywiady 1-6 w październiku.",
            owner="Zespół CX",
            updated=dt.date(2026, 11, 2),
        ),
        personas=[
            Persona(
                id="senior",
                name="Pani Halina, 71",
                description="Emerytowana nauczycielka.\nDzwoni, nie klika.",
                goals=["Zapisać się bez czekania", "Rozumieć wyniki"],
            ),
            Persona(id="rodzic", name="Tomek, tata dwójki dzieci", quote="Byle szybko."),
            Persona(id="student", name="Ola, 20, studentka", pains=["Godziny otwarcia"]),
        ],
        stages=[
            Stage(id="rejestracja", name="Rejestracja", goal="Termin w tym tygodniu"),
            Stage(id="wizyta", name="Wizyta"),
            Stage(id="wyniki", name="Wyniki"),
            Stage(id="kontrola", name="Kontrola", description="Wizyta kontrolna po wynikach"),
        ],
        touchpoints=[
            Touchpoint(
                id="telefon",
                stage="rejestracja",
                name="Telefon na rejestrację",
                channel="phone",
                emotion={"senior": -2, "rodzic": -1, "student": -1},
                pain_points=["Zajęta linia przez 20 minut", "Brak oddzwonienia", "Menu IVR"],
                evidence=["Wywiad 2", "Skargi Q3: 41"],
                owner="Rejestracja",
            ),
            Touchpoint(
                id="portal",
                stage="rejestracja",
                name="Rejestracja online",
                channel="web",
                personas=["rodzic", "student"],
                doing="Wybiera lekarza i termin",
                emotion=1,
                status="verified",
            ),
            Touchpoint(
                id="recepcja",
                stage="wizyta",
                name="Recepcja w przychodni",
                channel="person",
                emotion=-1,
                moment_of_truth=True,
                mot_reason="Pierwsze wrażenie na miejscu",
                extra={"x_note": "kept:\n#1 complaint is the queue"},
            ),
            Touchpoint(
                id="poczekalnia",
                stage="wizyta",
                name="Poczekalnia",
                personas=["senior", "rodzic"],
                doing="Czeka na wezwanie.\nPatrzy na ekran z numerkami.",
                emotion={"senior": -2, "rodzic": -1},
                pain_points=["Brak miejsc siedzących", "Nie słychać wezwania"],
            ),
            Touchpoint(
                id="gabinet",
                stage="wizyta",
                name="Rozmowa z lekarzem",
                emotion=2,
                status="verified",
                evidence=["Wywiady 1-6", "Ankieta NPS"],
            ),
            Touchpoint(
                id="sms-wyniki",
                stage="wyniki",
                name="SMS o wynikach",
                channel="sms",
                personas=["student", "senior"],
                opportunities=["Link do wyników w SMS", "Wyjaśnienie skrótów"],
            ),
            Touchpoint(
                id="odbior",
                stage="wyniki",
                name="Odbiór wyników online",
                channel="web",
                emotion={"student": 1},
                thinking="Co znaczy ta norma?",
            ),
        ],
        actions=[
            Action(
                id="oddzwanianie",
                touchpoint="telefon",
                title="Oddzwanianie zamiast kolejki",
                owner="Rejestracja",
                effort="medium",
                impact="high",
            ),
            Action(
                id="ekran", touchpoint="poczekalnia", title="Głośnik przy ekranie", effort="low"
            ),
            Action(
                id="link-sms",
                touchpoint="sms-wyniki",
                title="Link w SMS",
                due=dt.date(2027, 3, 31),
                state="doing",
            ),
        ],
    )


def shop() -> Map:
    """A shoe shop, in English with a Polish persona; four stages, eight touchpoints."""
    return Map(
        info=MapInfo(
            title="Shoe shop: window to returns",
            description="Walk-in customers, spring 2026.",
            owner="Retail CX",
        ),
        personas=[
            Persona(id="bargain", name="Bargain hunter", goals=["Lowest price", "No queue"]),
            Persona(id="runner", name="Kasia, amateur runner", quote="Czy mogę je przetestować?"),
            Persona(id="gift", name="Buying a gift", description="Not sure about the size"),
        ],
        stages=[
            Stage(id="browse", name="Browse"),
            Stage(id="fit", name="Fitting", goal="Find the right size"),
            Stage(id="pay", name="Pay"),
            Stage(id="return", name="Return"),
        ],
        touchpoints=[
            Touchpoint(
                id="window",
                stage="browse",
                name="Shop window",
                emotion=1,
                experience="Sale signs everywhere",
            ),
            Touchpoint(
                id="shelves",
                stage="browse",
                name="Shelves by brand",
                emotion={"bargain": 0, "runner": 1},
                pain_points=["No prices on the shelf", "Sizes mixed up"],
            ),
            Touchpoint(
                id="assistant",
                stage="fit",
                name="Assistant brings sizes",
                channel="person",
                emotion=-1,
                doing="Waits for the assistant.\nTries two sizes.",
                moment_of_truth=True,
                mot_reason="Decides whether they buy here",
            ),
            Touchpoint(
                id="treadmill",
                stage="fit",
                name="Treadmill test",
                personas=["runner"],
                emotion={"runner": 2},
                evidence=["Interview 4", "Sales of running shoes +12%"],
            ),
            Touchpoint(
                id="queue",
                stage="pay",
                name="Queue at the till",
                emotion=-2,
                pain_points=["One till open", "Queue past the door", "No card-only till"],
                owner="Store manager",
            ),
            Touchpoint(
                id="receipt",
                stage="pay",
                name="E-mail receipt",
                channel="email",
                status="hypothesis",
            ),
            Touchpoint(
                id="return-desk",
                stage="return",
                name="Return desk",
                personas=["gift", "bargain"],
                emotion={"gift": -1, "bargain": -2},
                opportunities=["Exchange without receipt", "Gift receipts"],
            ),
            Touchpoint(
                id="refund",
                stage="return",
                name="Refund on the card",
                emotion=0,
                thinking="Will it really come back?",
            ),
        ],
        actions=[
            Action(id="second-till", touchpoint="queue", title="Open a second till", effort="low"),
            Action(
                id="gift-receipts",
                touchpoint="return-desk",
                title="Gift receipts by default",
                impact="high",
                quick_win=True,
            ),
        ],
    )


def telecom() -> Map:
    """A mobile operator's number porting, in Russian."""
    return Map(
        info=MapInfo(
            title="Перенос номера: первые 30 дней",
            kind="customer",
            description="Как клиенты переносят номер.\nСеминар 14.10, интервью 1-14.",
            updated=dt.date(2026, 11, 20),
        ),
        personas=[
            Persona(id="student", name="Оля, студентка", goals=["Больше ГБ", "Всё в приложении"]),
            Persona(id="pensioner", name="Галина Петровна, 71", pains=["Мелкий шрифт"]),
            Persona(id="business", name="Марек, сантехник", quote="Телефон — мой офис."),
        ],
        stages=[
            Stage(id="zakaz", name="Заказ", goal="Понять цену"),
            Stage(id="perenos", name="Перенос номера"),
            Stage(id="mesyac", name="Первый месяц"),
        ],
        touchpoints=[
            Touchpoint(
                id="sms-offer",
                stage="zakaz",
                name="SMS с предложением",
                channel="sms",
                emotion=-1,
                thinking="Это мошенники?",
                pain_points=["Ссылка ведёт на логин", "Нет цены в SMS"],
            ),
            Touchpoint(
                id="shop",
                stage="zakaz",
                name="Салон связи",
                channel="shop",
                personas=["pensioner", "business"],
                emotion={"pensioner": 1, "business": -1},
                evidence=["Интервью 3", "Жалобы Q3: 212"],
            ),
            Touchpoint(
                id="porting-day",
                stage="perenos",
                name="День переноса",
                emotion=-2,
                moment_of_truth=True,
                mot_reason="Нет связи полдня",
                doing="Ждёт SMS.\nПерезагружает телефон.",
                owner="IT",
            ),
            Touchpoint(
                id="hotline",
                stage="perenos",
                name="Звонок на горячую линию",
                channel="phone",
                personas=["pensioner", "student", "business"],
                emotion={"pensioner": -2, "student": -1, "business": -2},
                pain_points=["Длинное меню", "Ожидание 15 минут"],
            ),
            Touchpoint(id="app", stage="mesyac", name="Приложение", emotion=1, status="verified"),
            Touchpoint(
                id="first-bill",
                stage="mesyac",
                name="Первый счёт",
                channel="invoice",
                expectation="Понятная сумма",
                opportunities=["Объяснить перерасчёт", "Пример счёта заранее"],
            ),
        ],
        actions=[
            Action(id="price-in-sms", touchpoint="sms-offer", title="Цена в SMS", effort="low"),
            Action(
                id="callback",
                touchpoint="hotline",
                title="Обратный звонок",
                owner="Колл-центр",
                impact="high",
            ),
            Action(id="bill-sample", touchpoint="first-bill", title="Пример счёта", state="todo"),
        ],
    )


def sample_maps() -> dict[str, Map]:
    """Fresh copies of the sample maps by name."""
    return {"clinic": clinic(), "shop": shop(), "telecom": telecom()}


# The generated style files (tests/data/styles/make.py) ----------------------------------

STYLE_FILES: dict[str, tuple[str, Style]] = {
    # name: (sample map, style); the file is tests/data/styles/<sample>-<name>.toml
    "plain": ("clinic", Style()),
    "compact": ("clinic", Style(blank_lines=False)),
    "compact-commented": (
        "telecom",
        Style(blank_lines=False, header_comments=True, key_comments=True),
    ),
    "tabs": ("shop", Style(indent="\t")),
    "indent2": ("clinic", Style(indent="  ")),
    "aligned": ("telecom", Style(equals="aligned")),
    "aligned-tabs": ("shop", Style(equals="aligned", indent="\t")),
    "tight": ("clinic", Style(equals="tight")),
    "literal": ("shop", Style(literal=True)),
    "literal-compact-emotions": ("clinic", Style(literal=True, emotions="compact")),
    "ml-basic": ("telecom", Style(multiline='"""')),
    "ml-literal": ("clinic", Style(multiline="'''")),
    "escaped-newlines": ("shop", Style(multiline="escaped")),
    "list-lines": ("shop", Style(lists="lines")),
    "list-lines-no-trailing-comma": ("clinic", Style(lists="lines", trailing_comma=False)),
    "list-lines-comments": ("telecom", Style(lists="lines", item_comments=True)),
    "emotions-dotted": ("clinic", Style(emotions="dotted")),
    "emotions-subtable": ("telecom", Style(emotions="subtable")),
    "emotions-compact": ("shop", Style(emotions="compact")),
    "header-comments": ("shop", Style(header_comments=True)),
    "key-comments": ("clinic", Style(key_comments=True)),
    "banners": ("clinic", Style(banners=True)),
    "banners-compact": ("telecom", Style(banners=True, blank_lines=False)),
    "notes": ("shop", Style(notes=True)),
    "crlf": ("clinic", Style(newline="crlf")),
    "mixed-eol": ("telecom", Style(newline="mixed")),
    "no-final-newline": ("shop", Style(final_newline=False)),
    "bom": ("clinic", Style(bom=True)),
    "team-keys": ("telecom", Style(team_keys=True)),
    "detached-metrics": ("clinic", Style(team_keys=True, detached_metrics=True)),
    "detached-metrics-compact": (
        "shop",
        Style(team_keys=True, detached_metrics=True, blank_lines=False, header_comments=True),
    ),
    "kitchen-sink": (
        "telecom",
        Style(
            indent="\t",
            equals="aligned",
            literal=True,
            multiline="'''",
            lists="lines",
            item_comments=True,
            emotions="dotted",
            header_comments=True,
            key_comments=True,
            banners=True,
            notes=True,
            newline="crlf",
            final_newline=False,
            bom=True,
            team_keys=True,
            detached_metrics=True,
        ),
    ),
    "kitchen-sink-compact": (
        "clinic",
        Style(
            blank_lines=False,
            indent="  ",
            equals="tight",
            lists="lines",
            trailing_comma=False,
            item_comments=True,
            emotions="subtable",
            header_comments=True,
            banners=True,
            notes=True,
            newline="mixed",
            team_keys=True,
            detached_metrics=True,
        ),
    ),
}
