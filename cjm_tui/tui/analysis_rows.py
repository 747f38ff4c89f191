"""The analysis screen's tables, row by row: columns and one-line cells from `analysis`.

Map text is sanitized here (`clean_line`) and becomes `Text`, never markup. Persona emotions
are written as the persona's curve symbol and the value ("●-1 ■+2"), as on the timeline;
the screen's legend line names the symbols.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, partial

from rich.style import Style
from rich.text import Text

from cjm_tui.i18n import _, _n
from cjm_tui.i18n.words import choice_word, emotion_word
from cjm_tui.model import Action, Map, Touchpoint
from cjm_tui.model.names import short_names
from cjm_tui.reports.analysis import (
    Analysis,
    Channel,
    Coverage,
    Department,
    Gap,
    Moment,
    PersonaEmotion,
    PlannedAction,
    Ranked,
    average_label,
)
from cjm_tui.sanitize import clean_line
from cjm_tui.tui.components.analysis_table import Col, Row
from cjm_tui.tui.components.impact_matrix import action_line
from cjm_tui.views import colours

DIM = Style(dim=True)
BOLD = Style(bold=True)
STATE_MARK = {"todo": "☐", "doing": "◐", "done": "☑"}


class Symbols:
    """Each persona's curve symbol and colour, in the map's persona order."""

    def __init__(self, m: Map) -> None:
        self.index = {p.id: i for i, p in enumerate(m.personas)}
        self.short = short_names(m)
        self._marks: dict[str, Text] = {}
        for i, p in enumerate(m.personas):
            symbol, colour = colours.persona_style(i)
            self._marks[p.id] = Text(symbol, Style(color=colour, bold=True))

    def mark(self, persona_id: str) -> Text:
        found = self._marks.get(persona_id)
        return found.copy() if found is not None else Text("·")

    def legend(self, m: Map) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, p in enumerate(m.personas):
            if i:
                out.append("  ")
            out.append_text(self.mark(p.id))
            out.append(" " + clean_line(self.short.get(p.id, p.id)))
        return out


def level_word(value: str | None) -> str:
    """An effort or impact in the interface's language."""
    return choice_word(value) if value else ""


def state_word(value: str) -> str:
    return choice_word(value)


_emotion_style = cache(colours.emotion_style)


def emotion(value: int | None) -> Text:
    if value is None:
        return Text("–", DIM)
    return Text(colours.emotion_label(value), _emotion_style(value))


def mean(value: float | None) -> Text:
    if value is None:
        return Text("–", DIM)
    return Text(average_label(value), _emotion_style(max(-2, min(2, round(value)))))


def plain(text: str | None, style: Style | str = "") -> Text:
    return Text(clean_line(text or ""), style)


def name(tp: Touchpoint, style: Style | str = "") -> Text:
    return Text(clean_line(tp.name) or _("(unnamed)"), style)


def owner(value: str | None) -> Text:
    return plain(value) if value else Text(_("(no owner)"), DIM)


def joined(parts: Iterable[Text], sep: str = ", ") -> Text:
    return Text(sep).join(parts)


def persona_values(values: Sequence[PersonaEmotion], symbols: Symbols) -> Text:
    return joined(
        (Text.assemble(symbols.mark(pe.persona), emotion(pe.value)) for pe in values), " "
    )


def persona_names(values: Sequence[PersonaEmotion], symbols: Symbols) -> Text:
    """ "● Ola -1, ■ Marek -2": for the detail line, where there is room for names."""
    return joined(
        Text.assemble(
            symbols.mark(pe.persona),
            " " + clean_line(symbols.short.get(pe.persona, pe.persona)) + " ",
            emotion(pe.value),
        )
        for pe in values
    )


def detail(title: Text, facts: Iterable[str | Text], *lines: tuple[str, Text | str | None]) -> Text:
    """A row's detail: its title in bold, facts after it, then a line per (label, text)."""
    out = title.copy()
    out.stylize(BOLD)
    for fact in facts:
        if fact:
            out.append("  ·  ", DIM)
            out.append_text(fact if isinstance(fact, Text) else plain(fact))
    for label, text in lines:
        shown = text.plain if isinstance(text, Text) else text
        if shown is None or not shown.strip():
            continue
        out.append("\n" + (label + " " if label else ""), BOLD)
        out.append_text(text if isinstance(text, Text) else plain(text))
    return out


def _action(x: Action) -> Text:
    return Text(STATE_MARK.get(x.effective_state, "☐") + " ") + plain(x.title)


def _actions(items: Sequence[Action]) -> Text | None:
    return joined((_action(x) for x in items), "; ") if items else None


# The views --------------------------------------------------------------------------------


def moments(
    m: Map, a: Analysis | Sequence[Moment], symbols: Symbols
) -> tuple[list[Col], list[Row]]:
    """The moments of truth view, from the analysis or from its moments alone."""
    columns = [
        Col(_("Stage")),
        Col(_("Touchpoint"), wide=True),
        Col(_("Emotion"), keep=True),
        Col(_("Owner")),
        Col(_("Actions"), wide=True),
        Col(_("Why"), wide=True),
    ]
    rows: list[Row] = []
    for mo in a.moments if isinstance(a, Analysis) else a:
        if mo.by_persona:
            feeling = persona_values(mo.by_persona, symbols)
            feeling_long = persona_names(mo.by_persona, symbols)
        elif mo.overall is not None:
            feeling = emotion(mo.overall) + Text(" " + emotion_word(mo.overall), DIM)
            feeling_long = feeling
        else:
            feeling = feeling_long = Text(_("no emotion"), DIM)
        title = Text.assemble(("◆ ", colours.MOT_STYLE), name(mo.touchpoint))
        rows.append(
            Row(
                mo.touchpoint.uid,
                [
                    plain(mo.stage),
                    title,
                    feeling,
                    owner(mo.owner),
                    _actions(mo.actions) or Text(),
                    plain(mo.reason),
                ],
                partial(_moment_detail, mo, title, feeling_long),
            )
        )
    return columns, rows


def _moment_detail(mo: Moment, title: Text, feeling: Text) -> Text:
    return detail(
        title,
        [mo.stage, owner(mo.owner)],
        (_("Emotion:"), feeling),
        (_("Why:"), mo.reason),
        (_("Actions:"), _actions(mo.actions) or Text(_("none yet"), DIM)),
    )


def lowest(a: Analysis, symbols: Symbols) -> tuple[list[Col], list[Row]]:
    columns = [
        Col("#", right=True),
        Col(_("Touchpoint"), wide=True),
        Col(_("Stage")),
        Col(_("Lowest"), right=True),
        Col(_("Mean"), right=True),
        Col(_("For"), keep=True),
        Col(_("Owner")),
    ]
    rows: list[Row] = []
    for r in a.lowest:
        worst = r.rank <= 3
        tp = r.touchpoint
        rows.append(
            Row(
                tp.uid,
                [
                    Text(str(r.rank), BOLD if worst else DIM),
                    name(tp, BOLD if worst else ""),
                    plain(r.stage),
                    emotion(r.lowest),
                    mean(r.mean),
                    joined((symbols.mark(pid) for pid in r.lowest_for), ""),
                    owner(r.owner),
                ],
                partial(_lowest_detail, r, symbols),
            )
        )
    return columns, rows


def _lowest_detail(r: Ranked, symbols: Symbols) -> Text:
    tp = r.touchpoint
    who = joined(
        Text.assemble(symbols.mark(pid), " " + clean_line(symbols.short.get(pid, pid)))
        for pid in r.lowest_for
    )
    return detail(
        Text(f"{r.rank}. ") + name(tp),
        [r.stage, owner(r.owner)],
        (_("Lowest:"), emotion(r.lowest) + Text("  " + _("mean") + " ", DIM) + mean(r.mean)),
        (_("Lowest for:"), who),
        (_("Expected:"), tp.expectation),
        (_("Got:"), tp.experience),
    )


def gaps(a: Analysis) -> tuple[list[Col], list[Row]]:
    columns = [
        Col(_("Touchpoint"), wide=True),
        Col(_("Expected"), wide=True),
        Col(_("Got"), wide=True),
        Col(_("Lowest"), right=True),
        Col(_("Mean"), right=True),
        Col(_("Owner")),
    ]
    rows: list[Row] = [
        Row(
            g.touchpoint.uid,
            [
                name(g.touchpoint),
                plain(g.expectation),
                plain(g.experience),
                emotion(g.lowest),
                mean(g.mean),
                owner(g.owner),
            ],
            partial(_gap_detail, g),
        )
        for g in a.gaps
    ]
    return columns, rows


def _gap_detail(g: Gap) -> Text:
    return detail(
        name(g.touchpoint),
        [g.stage, owner(g.owner)],
        (_("Expected:"), g.expectation),
        (_("Got:"), g.experience),
    )


def plan(m: Map, a: Analysis) -> tuple[list[Col], list[Row]]:
    columns = [
        Col(_("Action"), wide=True),
        Col(_("Touchpoint"), wide=True),
        Col(_("Owner")),
        Col(_("Effort")),
        Col(_("Impact")),
        Col(_("Due"), keep=True),
        Col(_("State")),
    ]
    uids = {tp.id: tp.uid for tp in m.touchpoints}
    rows: list[Row] = []
    for p in a.plan:
        x = p.action
        due = x.due.isoformat() if x.due is not None else ""
        state = STATE_MARK.get(p.state, "☐") + " " + state_word(p.state)
        rows.append(
            Row(
                uids.get(x.touchpoint),
                [
                    action_line(p),
                    plain(p.touchpoint),
                    owner(x.owner),
                    Text(level_word(x.effort)),
                    Text(level_word(x.impact)),
                    Text(due),
                    Text(state),
                ],
                partial(_plan_detail, p, state, due),
            )
        )
    return columns, rows


def _plan_detail(p: PlannedAction, state: str, due: str) -> Text:
    x = p.action
    return detail(
        action_line(p),
        [owner(x.owner), state, due],
        (_("Touchpoint:"), p.touchpoint),
        (
            _("Effort / impact:"),
            f"{level_word(x.effort) or '–'} / {level_word(x.impact) or '–'}",
        ),
    )


def departments(a: Analysis) -> tuple[list[Col], list[Row]]:
    columns = [
        Col(_("Department"), wide=True),
        Col(_("Touchpoints"), right=True),
        Col(_("Average"), right=True),
        Col(_("Moments"), right=True),
        Col(_("Open actions"), right=True),
    ]
    rows: list[Row] = [
        Row(
            None,
            [
                owner(d.owner),
                Text(str(len(d.touchpoints))),
                mean(d.average),
                Text(str(len(d.moments)), BOLD if d.moments else DIM),
                Text(str(len(d.open_actions)), BOLD if d.open_actions else DIM),
            ],
            partial(department_detail, d),
        )
        for d in a.departments
    ]
    return columns, rows


def department_detail(d: Department) -> Text:
    """What a department owns: its touchpoints, moments of truth and open actions."""
    none = Text("–", DIM)
    return detail(
        owner(d.owner),
        [
            _n("{n} touchpoint", "{n} touchpoints", len(d.touchpoints)),
            _("average {value}", value=average_label(d.average)),
        ],
        (_("Touchpoints:"), joined((name(tp) for tp in d.touchpoints), "; ") or none),
        (
            _("Moments of truth:"),
            joined((Text("◆ ", colours.MOT_STYLE) + name(tp) for tp in d.moments), "; ") or none,
        ),
        (_("Open actions:"), _actions(d.open_actions) or none),
    )


def channels(m: Map, a: Analysis, symbols: Symbols) -> tuple[list[Col], list[Row]]:
    columns = [
        Col(_("Channel"), wide=True),
        Col(_("Touchpoints"), right=True),
        Col(_("Average"), right=True),
        *(
            Col(
                f"{colours.persona_style(i)[0]} {clean_line(symbols.short.get(p.id, p.id))}",
                right=True,
            )
            for i, p in enumerate(m.personas)
        ),
    ]
    rows: list[Row] = []
    for c in a.channels:
        label = plain(c.channel) if c.channel is not None else Text(_("(no channel)"), DIM)
        rows.append(
            Row(
                None,
                [
                    label,
                    Text(str(c.count)),
                    mean(c.average),
                    *(mean(value) for _pid, value in c.by_persona),
                ],
                partial(_channel_detail, c, label),
            )
        )
    return columns, rows


def _channel_detail(c: Channel, label: Text) -> Text:
    return detail(
        label,
        [
            _n("{n} touchpoint", "{n} touchpoints", c.count),
            _("average {value}", value=average_label(c.average)),
        ],
        (_("Touchpoints:"), joined((name(tp) for tp in c.touchpoints), "; ")),
    )


def coverage(m: Map, c: Coverage) -> tuple[list[Col], list[Row]]:
    columns = [Col(_("What")), Col(_("Item"), wide=True), Col(_("Where"), wide=True)]
    personas = {p.id: p.name for p in m.personas}
    stages = {s.id: s.name for s in m.stages}
    rows: list[Row] = []

    def add(uid: int | None, what: str, item: Text, where: Text) -> None:
        rows.append(Row(uid, [Text(what), item, where], partial(detail, item, [what], ("", where))))

    for pid, stage_ids in c.missing_stages:
        where = joined(plain(stages.get(s, s)) for s in stage_ids)
        add(None, _("Persona meets nothing in"), plain(personas.get(pid, pid)), where)
    for pid in c.personas_without_emotion:
        add(None, _("No emotion for"), plain(personas.get(pid, pid)), Text())
    for tp in c.without_evidence:
        status = _("verified") if tp.is_verified else _("hypothesis")
        where = plain(stages.get(tp.stage, tp.stage)) + Text(f" · {status}", DIM)
        add(tp.uid, _("No evidence"), name(tp), where)
    for tp in c.without_emotion:
        add(tp.uid, _("No emotion"), name(tp), plain(stages.get(tp.stage, tp.stage)))
    for sid in c.empty_stages:
        add(None, _("Empty stage"), plain(stages.get(sid, sid)), Text())
    return columns, rows
