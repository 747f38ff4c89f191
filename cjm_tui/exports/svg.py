"""The emotion curve as an SVG chart: a vector drawing of the journey to print or embed.

Stages are alternating bands with their names on top, touchpoints are columns in journey order
(labels turned 40° so that long names never collide, cut at a fixed width, the full name in a
`<title>` tooltip), and the y axis runs from -2 to +2 with a labelled gridline per value. There
is one line per persona when any touchpoint has a per-persona emotion table, drawn over a wide
pale band for the overall (rounded mean) curve; otherwise one line. The columns, stages and
curves are the timeline's (`cjm_tui/views/journey_columns.py`): a touchpoint a persona does not
meet is stepped over, one it meets without an emotion is a gap in the line, never a zero.

Nothing relies on colour alone, so the chart reads in grey print: every persona line has its own
dash pattern and marker shape besides its Okabe-Ito colour (`cjm_tui/views/colours.py`), and a
moment of truth is a diamond above its column, a dashed guide and a "◆" before its label.

The document is built with `xml.etree.ElementTree`, so every text from the map is escaped by
construction; control characters (and the noncharacters XML cannot hold) are dropped first. The
output is deterministic: the width is computed from the number of touchpoints, text widths are
estimated from character classes rather than measured with a font.
"""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cjm_tui.model import Map
from cjm_tui.model.names import UNNAMED
from cjm_tui.model.rules import EMOTION_MAX, EMOTION_MIN, emotion_word
from cjm_tui.sanitize import clean_line
from cjm_tui.views import colours
from cjm_tui.views.journey_columns import JourneyColumns, journey_columns

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Liberation Sans', 'Noto Sans', 'DejaVu Sans', sans-serif"
)

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#c9ced6"
BAND_FILLS = ("#eef1f5", "#ffffff")
MOT_COLOUR = colours.OKABE_ITO["reddish_purple"]
OVERALL_BAND = "#b8bec7"

# Sizes, in px (user units of the viewBox).
PAD = 16
STEP_MIN = 48
STEP_MAX = 96
STEP_BUDGET = 1100
"""A column is STEP_BUDGET / touchpoints wide, kept within STEP_MIN..STEP_MAX."""
FONT = 12
STAGE_FONT = 13
STAGE_LINE = 16
HEADING_FONT = 16
ROW = 52
"""Height of one emotion step."""
PLOT_INSET = 16
MOT_ROW = 24
LABEL_ANGLE = 40
LABEL_MAX_WIDTH = 190.0
LEGEND_ROW = 24
LEGEND_SAMPLE = 34
LEGEND_NAME_MAX = 300.0
MIN_WIDTH = 640

DASHES: tuple[str | None, ...] = (None, "9 4", "2 3", "12 4 2 4", "5 5", "14 3 3 3 3 3")
"""Dash patterns by persona index: solid, dashed, dotted, dash-dot, ..."""

MARKERS: tuple[str, ...] = (
    "circle",
    "square",
    "triangle",
    "triangle-down",
    "plus",
    "star",
    "cross",
    "circle-open",
    "square-open",
    "triangle-open",
    "triangle-down-open",
    "diamond-open",
)
"""Marker shapes in the order of `colours.PERSONA_SYMBOLS` (● ■ ▲ ▼ ✚ ★ ✖ ○ □ △ ▽ ◇)."""

_NONCHARACTERS = dict.fromkeys([0xFFFE, 0xFFFF])
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def clean(value: str | None) -> str:
    """Map text for one line of XML or HTML: no control characters, no noncharacters."""
    if not value:
        return ""
    return " ".join(clean_line(value).translate(_NONCHARACTERS).split())


def num(value: float) -> str:
    """A coordinate as short, stable text: one decimal at most, no "-0"."""
    rounded = round(value, 1) + 0.0
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the width of `text` at font size `size`: no font is measured.

    The classes are a little wider than Arial's, close to DejaVu Sans (the usual fallback on
    Linux), so that text placed with these widths does not overrun.
    """
    width = 0.0
    for char in text:
        if char in _ZERO_WIDTH or unicodedata.combining(char) or "\ufe00" <= char <= "\ufe0f":
            continue
        if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
            width += 1.0
        elif char in " ilI.,:;'|!()[]ftj":
            width += 0.34
        elif char.isupper() or char in "mwMW@%":
            width += 0.74
        else:
            width += 0.62
    return width * size * (1.1 if bold else 1.0)


def fit(text: str, size: float, max_width: float, *, bold: bool = False) -> str:
    """`text`, cut with "…" so that it is at most `max_width` wide."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width("…", size, bold=bold)
    kept = ""
    for char in text:
        if text_width(kept + char, size, bold=bold) > budget:
            break
        kept += char
    return kept.rstrip() + "…"


def wrap(text: str, size: float, max_width: float, lines: int, *, bold: bool = False) -> list[str]:
    """`text` in at most `lines` lines of at most `max_width`, the last one cut with "…"."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if len(out) == lines - 1:
            out.append(fit(" ".join(words[i:]), size, max_width, bold=bold))
            break
        line = words[i]
        i += 1
        while i < len(words) and text_width(f"{line} {words[i]}", size, bold=bold) <= max_width:
            line = f"{line} {words[i]}"
            i += 1
        out.append(fit(line, size, max_width, bold=bold))
    return out or [""]


@dataclass(frozen=True)
class CurveStyle:
    """How a curve is drawn: the colour, dash pattern and marker shape of its persona."""

    persona: str | None
    name: str
    colour: str
    dash: str | None
    marker: str
    symbol: str


def curve_styles(m: Map) -> list[CurveStyle]:
    """The curves of the chart, in the order of the map's personas (or the one overall curve)."""
    index = {p.id: i for i, p in enumerate(m.personas)}
    styles: list[CurveStyle] = []
    for pid in m.curve_personas():
        if pid is None:
            name = "All personas" if m.personas else "Emotion"
            styles.append(CurveStyle(None, name, INK, None, "circle", colours.OVERALL_SYMBOL))
            continue
        i = index[pid]
        symbol, colour = colours.persona_style(i)
        persona = m.persona(pid)
        name = clean(persona.name if persona else pid) or pid
        styles.append(
            CurveStyle(
                pid, name, colour, DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)], symbol
            )
        )
    return styles


def _sub(parent: ET.Element, tag: str, attrib: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, attrib or {})


def _text(parent: ET.Element, x: float, y: float, content: str, **attrib: str) -> ET.Element:
    el = _sub(parent, "text", {"x": num(x), "y": num(y), **attrib})
    el.text = content
    return el


def _titled(parent: ET.Element, title: str, attrib: dict[str, str] | None = None) -> ET.Element:
    """A group with a tooltip."""
    group = _sub(parent, "g", attrib)
    _sub(group, "title").text = title
    return group


def marker_path(shape: str, x: float, y: float, r: float) -> str:
    """The path data of a marker centred on (x, y) with radius about `r`."""
    shape = shape.removesuffix("-open")

    def poly(points: list[tuple[float, float]]) -> str:
        return "M" + " L".join(f"{num(x + px)} {num(y + py)}" for px, py in points) + " Z"

    if shape == "circle":
        return (
            f"M{num(x - r)} {num(y)} A{num(r)} {num(r)} 0 1 0 {num(x + r)} {num(y)} "
            f"A{num(r)} {num(r)} 0 1 0 {num(x - r)} {num(y)} Z"
        )
    if shape == "square":
        s = r * 0.88
        return poly([(-s, -s), (s, -s), (s, s), (-s, s)])
    if shape == "triangle":
        return poly([(0, -r * 1.15), (r * 1.05, r * 0.75), (-r * 1.05, r * 0.75)])
    if shape == "triangle-down":
        return poly([(0, r * 1.15), (r * 1.05, -r * 0.75), (-r * 1.05, -r * 0.75)])
    if shape == "diamond":
        return poly([(0, -r * 1.25), (r * 1.05, 0), (0, r * 1.25), (-r * 1.05, 0)])
    if shape in ("plus", "cross"):
        a, b = r * 1.1, r * 0.38
        arms = [(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b)]
        arms += [(b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b)]
        if shape == "cross":
            c = math.sqrt(0.5)
            arms = [((px - py) * c, (px + py) * c) for px, py in arms]
        return poly(arms)
    if shape == "star":
        points = []
        for k in range(10):
            radius = r * 1.25 if k % 2 == 0 else r * 0.55
            t = math.radians(-90 + 36 * k)
            points.append((math.cos(t) * radius, math.sin(t) * radius))
        return poly(points)
    raise ValueError(f"unknown marker shape {shape!r}")


def _marker(
    parent: ET.Element, style: CurveStyle, x: float, y: float, fill: str | None = None
) -> ET.Element:
    hollow = style.marker.endswith("-open")
    return _sub(
        parent,
        "path",
        {
            "d": marker_path(style.marker, x, y, 5.0),
            "fill": "#ffffff" if hollow else (fill or style.colour),
            "stroke": style.colour if hollow else INK,
            "stroke-width": "2" if hollow else "1",
        },
    )


def _line_attrs(style: CurveStyle) -> dict[str, str]:
    attrs = {
        "fill": "none",
        "stroke": style.colour,
        "stroke-width": "2.5",
        "stroke-linejoin": "round",
        "stroke-linecap": "round" if style.dash is None else "butt",
    }
    if style.dash is not None:
        attrs["stroke-dasharray"] = style.dash
    return attrs


def signed(value: int) -> str:
    """An emotion as a signed number with a typographic minus, for documents ("−1")."""
    return colours.emotion_label(value).replace("-", "\u2212")


def _axis_labels() -> list[tuple[int, str]]:
    """The y axis's labels, top to bottom: "+2  very positive" ... "−2  very negative"."""
    return [(v, f"{signed(v)}  {emotion_word(v)}") for v in range(EMOTION_MAX, EMOTION_MIN - 1, -1)]


@dataclass(frozen=True)
class _Label:
    """A touchpoint's name under its column."""

    shown: str
    """Cut to `LABEL_MAX_WIDTH`; the full name is the tooltip."""
    full: str
    """"" for the placeholder of a stage without touchpoints."""
    mot: bool
    width: float
    """The width of `shown` before it is turned."""


@dataclass(frozen=True)
class _LegendEntry:
    """One entry of the legend, placed: (x, y) is the top left of its row."""

    kind: str
    """"overall", "curve", "mot" or "gap": which sample it draws, and its class."""
    name: str
    full: str
    x: float
    y: float
    curve: int = -1
    """For a "curve" entry: its index in `_ChartLayout.styles`."""


@dataclass(frozen=True)
class _ChartLayout:
    """Where every part of the chart goes, measured before anything is drawn: the width
    depends on the labels, the height on how many rows the legend wraps to."""

    journey: JourneyColumns
    styles: list[CurveStyle]
    labels: list[_Label]
    """One per column."""
    stage_names: list[str]
    stage_lines: list[list[str]]
    """Each stage's name wrapped to its band."""
    legend: list[_LegendEntry]
    step: float
    """The width of a column."""
    left: int
    """The plot's left edge: room for the y axis's labels and the first turned label."""
    width: int
    height: int
    heading_y: float
    band_top: float
    mot_y: float
    """The middle of the row of moment-of-truth diamonds."""
    plot_top: float
    zero_y: float
    plot_bottom: float

    @property
    def per_persona(self) -> bool:
        return self.styles[0].persona is not None

    @property
    def plot_right(self) -> float:
        return self.left + len(self.journey.columns) * self.step

    def cx(self, c: int) -> float:
        """The middle of column `c`."""
        return self.left + (c + 0.5) * self.step

    def vy(self, value: float) -> float:
        """The height of an emotion value."""
        return self.zero_y - value * ROW


def _labels(journey: JourneyColumns) -> list[_Label]:
    """Each column's touchpoint name, cut to fit (bold, so wider, for a moment of truth)."""
    labels: list[_Label] = []
    for col in journey.columns:
        tp = col.touchpoint
        if tp is None:
            labels.append(_Label("", "", False, 0.0))
            continue
        full = clean(tp.name) or UNNAMED
        mot = tp.is_moment_of_truth
        shown = fit(full, FONT, LABEL_MAX_WIDTH, bold=mot)
        labels.append(_Label(shown, full, mot, text_width(shown, FONT, bold=mot)))
    return labels


def _left_margin(labels: list[_Label], step: float) -> int:
    """Room left of the plot for the y axis's labels, and for the first columns' labels,
    which run down to the left."""
    axis_need = PAD + max(text_width(label, FONT) for _, label in _axis_labels()) + 12
    cos = math.cos(math.radians(LABEL_ANGLE))
    label_need = max(
        (PAD + label.width * cos - (c + 0.5) * step for c, label in enumerate(labels)), default=0
    )
    return math.ceil(max(axis_need, label_need))


def _legend_entries(
    styles: list[CurveStyle], has_mot: bool, top: float, width: int
) -> tuple[list[_LegendEntry], int]:
    """The legend's entries in rows wrapped to `width`, and how many rows they take."""
    named: list[tuple[str, str, str, int]] = []  # (kind, name, full name, curve)
    if styles[0].persona is not None:
        overall = "Overall (rounded mean)"
        named.append(("overall", overall, overall, -1))
    for i, style in enumerate(styles):
        named.append(("curve", fit(style.name, FONT, LEGEND_NAME_MAX), style.name, i))
    if has_mot:
        named.append(("mot", "Moment of truth", "Moment of truth", -1))
    gap = "A gap in a line: no emotion recorded"
    named.append(("gap", gap, gap, -1))
    entries: list[_LegendEntry] = []
    x, row = float(PAD), 0
    for kind, name, full, curve in named:
        sample = 0 if kind == "gap" else LEGEND_SAMPLE + 8
        entry_width = sample + text_width(name, FONT) + 26
        if x > PAD and x + entry_width > width - PAD:
            x, row = float(PAD), row + 1
        entries.append(_LegendEntry(kind, name, full, x, top + row * LEGEND_ROW, curve))
        x += entry_width
    return entries, row + 1


def _layout(m: Map, standalone: bool) -> _ChartLayout:
    """Measure the chart: the columns' width from their number (within STEP_MIN..STEP_MAX),
    the margins from the labels, then the rows from the top down."""
    journey = journey_columns(m)
    n = len(journey.columns)
    step = float(max(STEP_MIN, min(STEP_MAX, STEP_BUDGET // max(1, n))))
    styles = curve_styles(m)
    labels = _labels(journey)
    left = _left_margin(labels, step)
    width = max(MIN_WIDTH, math.ceil(left + n * step + PAD + 8))

    # Top to bottom: the heading, the stage names, the diamonds' row, the plot, the turned
    # labels, the legend.
    y = float(PAD)
    heading_y = y + HEADING_FONT
    if standalone:
        y += HEADING_FONT + 14
    band_top = y
    stage_names = [clean(span.name) or UNNAMED for span in journey.stages]
    stage_lines = [
        wrap(name, STAGE_FONT, max(step * span.count - 12, 20), 2, bold=True)
        for name, span in zip(stage_names, journey.stages, strict=True)
    ]
    stage_rows = max((len(lines) for lines in stage_lines), default=1)
    y += 8 + stage_rows * STAGE_LINE
    mot_y = y + MOT_ROW / 2
    y += MOT_ROW if journey.has_moments_of_truth else 6
    plot_top = y
    zero_y = plot_top + PLOT_INSET + EMOTION_MAX * ROW
    plot_bottom = plot_top + 2 * PLOT_INSET + (EMOTION_MAX - EMOTION_MIN) * ROW
    angle = math.radians(LABEL_ANGLE)
    widest = max((label.width for label in labels), default=0)
    label_drop = widest * math.sin(angle) + FONT * math.cos(angle) + 20
    legend_top = plot_bottom + max(label_drop, 24) + 10
    legend, legend_rows = _legend_entries(styles, journey.has_moments_of_truth, legend_top, width)
    height = math.ceil(legend_top + legend_rows * LEGEND_ROW + PAD)
    return _ChartLayout(
        journey=journey,
        styles=styles,
        labels=labels,
        stage_names=stage_names,
        stage_lines=stage_lines,
        legend=legend,
        step=step,
        left=left,
        width=width,
        height=height,
        heading_y=heading_y,
        band_top=band_top,
        mot_y=mot_y,
        plot_top=plot_top,
        zero_y=zero_y,
        plot_bottom=plot_bottom,
    )


def chart(m: Map, *, standalone: bool = True) -> ET.Element:
    """The chart as an `<svg>` element; `standalone` adds the namespace and a heading."""
    layout = _layout(m, standalone)
    svg = _document(m, layout, standalone)
    # Drawn in this order: what comes later paints over what came before.
    _stage_bands(svg, layout)
    _gridlines(svg, layout)
    if layout.journey.has_moments_of_truth:
        _moments_of_truth(svg, layout)
    _touchpoint_labels(svg, layout)
    _curves(svg, layout)
    _legend(svg, layout)
    return svg


def _document(m: Map, layout: _ChartLayout, standalone: bool) -> ET.Element:
    """The `<svg>` element: its size, a title and description for screen readers, a white
    background, and the heading when it stands alone (a page has its own)."""
    width, height = layout.width, layout.height
    svg = ET.Element("svg")
    if standalone:
        svg.set("xmlns", SVG_NS)
    title = clean(m.info.title) or "(untitled)"
    svg.attrib.update(
        {
            "class": "cjm-emotion-chart",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "font-family": FONT_FAMILY,
            "font-size": str(FONT),
            "fill": INK,
        }
    )
    _sub(svg, "title").text = f"Emotion curve: {title}"
    _sub(svg, "desc").text = (
        "Emotion per touchpoint in journey order, from -2 (very negative) to +2 (very "
        "positive); a gap in a line is a touchpoint without a recorded emotion."
    )
    _sub(svg, "rect", {"width": str(width), "height": str(height), "fill": "#ffffff"})
    if standalone:
        _text(
            svg,
            PAD,
            layout.heading_y,
            fit(f"Emotion curve \u00b7 {title}", HEADING_FONT, width - 2 * PAD, bold=True),
            **{"font-size": str(HEADING_FONT), "font-weight": "700"},
        )
    return svg


def _stage_bands(svg: ET.Element, layout: _ChartLayout) -> None:
    """Alternating bands behind each stage's columns, its name on top, its goal in the tooltip,
    a line between stages."""
    bands = _sub(svg, "g", {"class": "stages"})
    spans = zip(layout.stage_names, layout.stage_lines, layout.journey.stages, strict=True)
    for s, (name, lines, span) in enumerate(spans):
        x0 = layout.left + span.first * layout.step
        tip = name
        if span.stage is not None and span.stage.goal:
            tip += f" \u2014 goal: {clean(span.stage.goal)}"
        group = _titled(bands, tip, {"class": "stage"})
        _sub(
            group,
            "rect",
            {
                "x": num(x0),
                "y": num(layout.band_top),
                "width": num(span.count * layout.step),
                "height": num(layout.plot_bottom - layout.band_top),
                "fill": BAND_FILLS[s % 2],
            },
        )
        for k, line in enumerate(lines):
            _text(
                group,
                x0 + 6,
                layout.band_top + 6 + STAGE_FONT + k * STAGE_LINE,
                line,
                **{"font-size": str(STAGE_FONT), "font-weight": "700"},
            )
        if s > 0:
            _sub(
                group,
                "line",
                {
                    "x1": num(x0),
                    "y1": num(layout.band_top),
                    "x2": num(x0),
                    "y2": num(layout.plot_bottom),
                    "stroke": GRID,
                    "stroke-width": "1",
                },
            )


def _gridlines(svg: ET.Element, layout: _ChartLayout) -> None:
    """A labelled gridline per emotion value (zero solid, the others dashed), and the x axis."""
    grid = _sub(svg, "g", {"class": "grid"})
    for value, label in _axis_labels():
        gy = layout.vy(value)
        _sub(
            grid,
            "line",
            {
                "x1": num(layout.left),
                "y1": num(gy),
                "x2": num(layout.plot_right),
                "y2": num(gy),
                "stroke": "#8c959f" if value == 0 else GRID,
                "stroke-width": "1",
                **({} if value == 0 else {"stroke-dasharray": "4 4"}),
            },
        )
        _text(
            grid,
            layout.left - 10,
            gy + FONT * 0.35,
            label,
            **{"text-anchor": "end", "fill": MUTED if value else INK},
        )
    _sub(
        grid,
        "line",
        {
            "x1": num(layout.left),
            "y1": num(layout.plot_bottom),
            "x2": num(layout.plot_right),
            "y2": num(layout.plot_bottom),
            "stroke": MUTED,
            "stroke-width": "1",
        },
    )


def _moments_of_truth(svg: ET.Element, layout: _ChartLayout) -> None:
    """A diamond above each moment of truth's column and a dashed guide through the plot."""
    marks = _sub(svg, "g", {"class": "moments"})
    for c in layout.journey.moments_of_truth:
        tp = layout.journey.columns[c].touchpoint
        assert tp is not None  # a placeholder is never a moment of truth
        tip = f"Moment of truth: {layout.labels[c].full}"
        if tp.mot_reason:
            tip += f" \u2014 {clean(tp.mot_reason)}"
        group = _titled(marks, tip, {"class": "moment-of-truth", "data-touchpoint": tp.id})
        x = layout.cx(c)
        _sub(
            group,
            "line",
            {
                "x1": num(x),
                "y1": num(layout.plot_top),
                "x2": num(x),
                "y2": num(layout.plot_bottom),
                "stroke": MOT_COLOUR,
                "stroke-width": "1.5",
                "stroke-dasharray": "3 3",
            },
        )
        _sub(
            group,
            "path",
            {
                "d": marker_path("diamond", x, layout.mot_y, 6.5),
                "fill": MOT_COLOUR,
                "stroke": INK,
                "stroke-width": "1",
            },
        )


def _touchpoint_labels(svg: ET.Element, layout: _ChartLayout) -> None:
    """A tick and a turned name under each column (bold with a diamond for a moment of truth);
    "no touchpoints" in an empty stage's column, a note when the journey is empty."""
    axis = _sub(svg, "g", {"class": "touchpoints"})
    bottom = layout.plot_bottom
    for c, label in enumerate(layout.labels):
        x = layout.cx(c)
        if not label.full:
            _text(
                axis,
                x,
                (layout.plot_top + bottom) / 2,
                "no touchpoints",
                **{"text-anchor": "middle", "fill": MUTED, "font-style": "italic"},
            )
            continue
        group = _titled(axis, label.full, {"class": "touchpoint"})
        _sub(
            group,
            "line",
            {
                "x1": num(x),
                "y1": num(bottom),
                "x2": num(x),
                "y2": num(bottom + 5),
                "stroke": MUTED,
                "stroke-width": "1",
            },
        )
        if label.mot:
            _sub(
                group,
                "path",
                {
                    "class": "moment-of-truth",
                    "d": marker_path("diamond", x, bottom + 10, 4),
                    "fill": MOT_COLOUR,
                    "stroke": INK,
                    "stroke-width": "1",
                },
            )
        ty = bottom + 20
        attrs = {
            "text-anchor": "end",
            "transform": f"rotate(-{LABEL_ANGLE} {num(x)} {num(ty)})",
            "dominant-baseline": "middle",
        }
        if label.mot:
            attrs["font-weight"] = "700"
        _text(group, x, ty, label.shown, **attrs)
    note = {"fill": MUTED, "font-style": "italic"}
    if not layout.labels:
        _text(axis, layout.left + 8, layout.zero_y, "no stages yet", **note)
    elif not any(label.full for label in layout.labels):
        _text(axis, layout.left + 8, layout.zero_y - 8, "no touchpoints yet", **note)


def _path_data(
    layout: _ChartLayout, runs: list[list[tuple[int, int]]], dx: float, dy: float
) -> str:
    """A curve's runs as one path: a move to the start of each run, lines within it."""
    parts: list[str] = []
    for run in runs:
        for i, (c, value) in enumerate(run):
            x, y = layout.cx(c) + dx, layout.vy(value) + dy
            parts.append(f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}")
    return " ".join(parts)


def _curves(svg: ET.Element, layout: _ChartLayout) -> None:
    """The overall band first, under the others (per persona only), then one line per curve.

    Per persona, each line is nudged a little aside and down so that equal values on the same
    stretch stay apart instead of hiding each other."""
    curves = _sub(svg, "g", {"class": "curves"})
    total = len(layout.styles)
    nudge = min(5.0, layout.step / (2 * total + 2)) if layout.per_persona else 0.0
    middle = (total - 1) / 2
    if layout.per_persona:
        _overall_band(curves, layout)
    for k, style in enumerate(layout.styles):
        dx, dy = (k - middle) * nudge, (k - middle) * (3.0 if layout.per_persona else 0.0)
        _curve(curves, layout, style, dx, dy)


def _overall_band(curves: ET.Element, layout: _ChartLayout) -> None:
    """The overall (rounded mean) curve as a wide pale band behind the personas' lines."""
    group = _titled(curves, "Overall (rounded mean of the personas)", {"class": "overall"})
    d = _path_data(layout, layout.journey.segments(None), 0, 0)
    if d:
        _sub(
            group,
            "path",
            {
                "class": "curve overall",
                "d": d,
                "fill": "none",
                "stroke": OVERALL_BAND,
                "stroke-width": "9",
                "stroke-opacity": "0.6",
                "stroke-linejoin": "round",
                "stroke-linecap": "round",
            },
        )


def _curve(
    curves: ET.Element, layout: _ChartLayout, style: CurveStyle, dx: float, dy: float
) -> None:
    """One curve's line and a marker with a tooltip at each of its points, shifted (dx, dy)."""
    runs = layout.journey.segments(style.persona)
    attrs = {"class": "curve" + (" persona" if style.persona else "")}
    if style.persona is not None:
        attrs["data-persona"] = style.persona
    group = _sub(curves, "g", attrs)
    _sub(group, "title").text = style.name
    d = _path_data(layout, runs, dx, dy)
    # A white casing under the line keeps crossings apart.
    casing = {
        "d": d,
        "fill": "none",
        "stroke": "#ffffff",
        "stroke-width": "5",
        "stroke-linejoin": "round",
    }
    _sub(group, "path", {"class": "casing", **casing})
    _sub(group, "path", {"class": "line", "d": d, **_line_attrs(style)})
    for run in runs:
        for c, value in run:
            tip = f"{layout.labels[c].full}: {signed(value)} {emotion_word(value)}"
            if style.persona is not None:
                tip = f"{style.name} \u2014 {tip}"
            point = _titled(group, tip, {"class": "point"})
            # One curve alone is coloured by emotion; per persona, by the persona.
            fill = None if layout.per_persona else colours.emotion_colour(value)
            _marker(point, style, layout.cx(c) + dx, layout.vy(value) + dy, fill)


def _legend(svg: ET.Element, layout: _ChartLayout) -> None:
    """Each entry's sample (band, line and marker, diamond; none for the gap) and its name."""
    legend = _sub(svg, "g", {"class": "legend"})
    for item in layout.legend:
        entry = _titled(legend, item.full, {"class": f"legend-entry {item.kind}"})
        mid = item.y + LEGEND_ROW / 2 - 2
        x0, x1 = item.x, item.x + LEGEND_SAMPLE
        if item.kind == "overall":
            _sub(
                entry,
                "path",
                {
                    "d": f"M{num(x0 + 4)} {num(mid)} L{num(x1 - 4)} {num(mid)}",
                    "stroke": OVERALL_BAND,
                    "stroke-width": "9",
                    "stroke-opacity": "0.6",
                    "stroke-linecap": "round",
                },
            )
        elif item.kind == "curve":
            style = layout.styles[item.curve]
            if style.persona is not None:
                entry.set("data-persona", style.persona)
            _sub(
                entry,
                "path",
                {"d": f"M{num(x0)} {num(mid)} L{num(x1)} {num(mid)}", **_line_attrs(style)},
            )
            _marker(entry, style, (x0 + x1) / 2, mid, None if layout.per_persona else INK)
        elif item.kind == "mot":
            _sub(
                entry,
                "path",
                {
                    "d": marker_path("diamond", (x0 + x1) / 2, mid, 6.5),
                    "fill": MOT_COLOUR,
                    "stroke": INK,
                    "stroke-width": "1",
                },
            )
        if item.kind == "gap":
            _text(entry, x0, mid + FONT * 0.35, item.name, fill=MUTED, **{"font-style": "italic"})
        else:
            _text(entry, x1 + 8, mid + FONT * 0.35, item.name)


def render(m: Map) -> str:
    svg = chart(m, standalone=True)
    ET.indent(svg, space=" ")
    body = ET.tostring(svg, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
