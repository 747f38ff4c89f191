"""`cjm export --format svg` and `--format html`: structure, escaping, self-containment.

The golden files (tests/test_exports.py) pin the exact output of the sample maps; these tests
say what must hold for any map: the SVG is XML with one line per persona, a legend entry per
persona and a mark per moment of truth; a touchpoint without emotion is a gap; the HTML parses
without a tag that came from map text, loads nothing from the network, and has its grid in
lanes and columns. tests/test_html_browser.py opens the page in a real browser.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cjm_tui.cli import main
from cjm_tui.exports import html, svg
from cjm_tui.model import Map, Touchpoint, map_from_raw
from cjm_tui.sanitize import clean_line
from cjm_tui.store import MapFile
from cjm_tui.views.journey_columns import journey_columns

from .conftest import ROOT, SAMPLE_MAPS

HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
ALL_MAPS = [*SAMPLE_MAPS, HOSTILE]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NS = {"svg": svg.SVG_NS}


def load(path: Path) -> Map:
    return MapFile.load(path).map


def raw_of(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def small_map(touchpoints: list[dict[str, Any]], personas: tuple[str, ...] = ()) -> Map:
    raw: dict[str, Any] = {
        "map": {"format": 1, "title": "Small"},
        "personas": [{"id": p, "name": p.title()} for p in personas],
        "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "touchpoints": [
            {"id": f"t{i}", "stage": "a" if i < 2 else "b", "name": f"Touchpoint {i}", **tp}
            for i, tp in enumerate(touchpoints)
        ],
    }
    return map_from_raw(raw)


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{svg.SVG_NS}}}svg"
    return root


def with_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [
        el for el in root.iter(f"{{{svg.SVG_NS}}}{tag}") if cls in (el.get("class") or "").split()
    ]


def curves(root: ET.Element) -> list[ET.Element]:
    """The curve groups of the chart (the legend draws samples of them too)."""
    (group,) = with_class(root, "g", "curves")
    return with_class(group, "g", "curve")


def all_text(root: ET.Element) -> str:
    return "\n".join(t for t in root.itertext())


# SVG --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_svg_is_standalone_xml(path: Path) -> None:
    out = svg.render(load(path))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3')
    assert not RAW_CONTROL.search(out)
    root = parse_svg(out)
    width, height = int(root.get("width", "0")), int(root.get("height", "0"))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    assert width >= svg.MIN_WIDTH and height > 300
    assert "sans-serif" in (root.get("font-family") or "")
    assert root.find("svg:title", NS) is not None
    assert svg.render(load(path)) == out  # deterministic


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_svg_one_line_legend_entry_and_mark_each(path: Path) -> None:
    m = load(path)
    assert m.has_persona_emotions  # every sample draws per-persona curves
    root = parse_svg(svg.render(m))
    curves = with_class(root, "g", "persona")
    assert [g.get("data-persona") for g in curves] == [p.id for p in m.personas]
    for g in curves:
        assert len(with_class(g, "path", "line")) == 1
    overall = with_class(root, "path", "overall")
    assert len(overall) == 1
    legend = with_class(root, "g", "legend-entry")
    assert [g.get("data-persona") for g in legend if g.get("data-persona")] == [
        p.id for p in m.personas
    ]
    moments = with_class(root, "g", "moment-of-truth")
    assert [g.get("data-touchpoint") for g in moments] == [tp.id for tp in m.moments_of_truth()]
    # Each moment of truth is a diamond above its column and one under its label, not a tint.
    assert len(with_class(root, "path", "moment-of-truth")) == len(moments)
    assert len(with_class(root, "g", "touchpoint")) == len(m.touchpoints)


def test_svg_persona_lines_differ_without_colour() -> None:
    raw = raw_of(SAMPLE_MAPS[0])
    raw["personas"] = [{"id": f"p{i}", "name": f"P {i}"} for i in range(12)]
    for tp in raw["touchpoints"]:
        tp.pop("personas", None)
        tp["emotion"] = {f"p{i}": (i % 5) - 2 for i in range(12)}
    styles = svg.curve_styles(map_from_raw(raw))
    assert len(styles) == 12
    assert len({s.marker for s in styles}) == 12  # a shape of its own for each
    assert len({s.dash for s in styles[: len(svg.DASHES)]}) == len(svg.DASHES)
    assert {s.colour for s in styles} <= set(svg.colours.PERSONA_COLOURS)
    root = parse_svg(svg.render(map_from_raw(raw)))
    lines = [with_class(g, "path", "line")[0] for g in with_class(root, "g", "persona")]
    assert len(lines) == 12
    assert len({(p.get("stroke-dasharray"), p.get("stroke")) for p in lines}) == 12


def test_svg_single_curve_without_persona_emotions() -> None:
    m = small_map([{"emotion": 1}, {"emotion": -2}, {"emotion": 0}], personas=("ola", "jan"))
    root = parse_svg(svg.render(m))
    assert with_class(root, "g", "persona") == []
    assert with_class(root, "path", "overall") == []
    (curve,) = curves(root)
    assert len(with_class(curve, "g", "point")) == 3
    assert "All personas" in all_text(root)


def subpaths(d: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?=M)", d) if part.strip()]


def test_svg_no_emotion_is_a_gap_not_zero() -> None:
    m = small_map([{"emotion": 1}, {"emotion": 2}, {}, {"emotion": -1}])
    root = parse_svg(svg.render(m))
    (curve,) = curves(root)
    (line,) = with_class(curve, "path", "line")
    parts = subpaths(line.get("d", ""))
    assert len(parts) == 2  # the line stops and starts again
    assert [p.count("L") for p in parts] == [1, 0]
    points = [p.findtext("svg:title", "", NS) for p in with_class(curve, "g", "point")]
    assert [p.split(":")[0] for p in points] == ["Touchpoint 0", "Touchpoint 1", "Touchpoint 3"]


def test_svg_persona_line_steps_over_touchpoints_it_does_not_meet() -> None:
    m = small_map(
        [
            {"emotion": {"ola": 1, "jan": 0}},
            {"emotion": -1, "personas": ["jan"]},
            {"emotion": {"ola": 2, "jan": -2}},
            {"emotion": {"jan": 1}},  # ola meets it (no personas key) but has no emotion: a gap
            {"emotion": {"ola": -1, "jan": 1}},
        ],
        personas=("ola", "jan"),
    )
    root = parse_svg(svg.render(m))
    lines = {
        g.get("data-persona"): with_class(g, "path", "line")[0].get("d", "")
        for g in with_class(root, "g", "persona")
    }
    assert [p.count("L") for p in subpaths(lines["ola"])] == [1, 0]
    assert [p.count("L") for p in subpaths(lines["jan"])] == [4]


def test_svg_text_is_escaped_and_clean() -> None:
    name = 'a <b>&amp; "q" \x1b[31m\x07 ]]> \ufffe'
    m = small_map([{"emotion": 1, "moment_of_truth": True, "mot_reason": "<i>why</i>"}])
    m.touchpoints[0] = dataclasses.replace(m.touchpoints[0], name=name)
    out = svg.render(m)
    assert "<b>" not in out and "<i>" not in out
    assert '&lt;b&gt;&amp;amp; "q"' in out
    root = parse_svg(out)
    names = [el.text for el in root.iter(f"{{{svg.SVG_NS}}}title")]
    assert 'a <b>&amp; "q" ]]>' in names
    assert "\ufffe" not in out and "\x1b" not in out


def test_svg_hostile_has_no_markup_from_the_map() -> None:
    m = load(HOSTILE)
    out = svg.render(m)
    assert not RAW_CONTROL.search(out)
    root = parse_svg(out)
    tags = {el.tag.split("}")[1] for el in root.iter()}
    assert tags <= {"svg", "title", "desc", "rect", "text", "g", "line", "path"}
    text = all_text(root)
    assert "<script>alert(1)</script>" in text  # shown as text
    for tp in m.touchpoints:
        assert clean_line(tp.name).split()[0] in text


def test_svg_width_follows_the_touchpoints() -> None:
    few = parse_svg(svg.render(small_map([{"emotion": 1}] * 3)))
    raw = raw_of(SAMPLE_MAPS[0])
    raw["touchpoints"] = raw["touchpoints"] * 3
    for i, tp in enumerate(raw["touchpoints"]):
        tp["id"] = f"t{i}"
    raw["actions"] = []
    many = parse_svg(svg.render(map_from_raw(raw)))
    assert int(few.get("width", "0")) == svg.MIN_WIDTH
    assert int(many.get("width", "0")) > len(raw["touchpoints"]) * svg.STEP_MIN


def test_svg_and_html_of_a_map_without_touchpoints() -> None:
    m = small_map([])
    root = parse_svg(svg.render(m))
    assert "no touchpoints yet" in all_text(root)
    assert with_class(root, "g", "point") == []
    page = html.render(m)
    assert page.count("No touchpoints yet") >= 2  # a column per empty stage
    check_html(page)


def test_svg_text_width_estimate() -> None:
    assert svg.text_width("", 12) == 0
    assert svg.text_width("中文", 12) == 24
    assert svg.text_width("MM", 12) > svg.text_width("ii", 12)
    assert svg.fit("short", 12, 200) == "short"
    cut = svg.fit("a rather long name " * 5, 12, 100)
    assert cut.endswith("…") and svg.text_width(cut, 12) <= 100
    wrapped = svg.wrap("Compare and decide", 13, 100, 2)
    assert len(wrapped) == 2 and " ".join(wrapped) == "Compare and decide"
    assert all(svg.text_width(line, 13) <= 100 for line in wrapped)
    assert svg.wrap("one two three four five six", 13, 60, 2)[-1].endswith("…")
    assert svg.num(-0.04) == "0" and svg.num(2.0) == "2" and svg.num(1.25) in ("1.2", "1.3")


# HTML -------------------------------------------------------------------------------

VOID = {"meta", "br", "col", "link", "img", "input", "hr", "area", "base", "source", "wbr"}
SVG_TAGS = {"svg", "title", "desc", "rect", "text", "g", "line", "path"}
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "main", "footer",
    "section", "article", "p", "h1", "h2", "h3", "h4", "dl", "dt", "dd", "ul", "li",
    "blockquote", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span",
    "b", "br", "a", "figure", "figcaption",
}  # fmt: skip


class Page(HTMLParser):
    """The tags, attributes and text of a page, checking that every element is closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.styles: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        else:
            self.data.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.starts if tag == name]

    @property
    def text(self) -> str:
        return "".join(self.data)


def check_html(page: str) -> Page:
    assert not RAW_CONTROL.search(page)
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    assert parsed.stack == []
    assert parsed.doctype == "DOCTYPE html"
    assert {tag for tag, _ in parsed.starts} <= HTML_TAGS | SVG_TAGS
    # Our own inline markup only: bold "Goal:" labels, links to the grid's columns, and the
    # actions' tickets (https only: `cjm check` refuses any other link, the exporter too).
    assert all(
        (attrs.get("href") or "").startswith("#tp-") or is_ticket(attrs)
        for attrs in parsed.tags("a")
    )
    assert len(parsed.tags("svg")) == 1
    assert len(parsed.tags("style")) == 1
    check_self_contained(page, parsed)
    return parsed


NETWORK = re.compile(
    r"""<[^<>]*\b(?:src|href|srcset|poster|action|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)"""
    r"|<(?:link|script|img|iframe|object|embed|base)\b",
    re.IGNORECASE,
)
"""A tag that loads something; in map text `<` is escaped, so text cannot match."""


def is_ticket(attrs: dict[str, str | None]) -> bool:
    """An action's ticket: a link a person follows, nothing the page loads."""
    href = attrs.get("href") or ""
    return attrs.get("class") == "ticket" and href.startswith(("https://", "http://"))


TICKET = re.compile(r'<a class="ticket" href="https?://[^"]*"')


def check_self_contained(page: str, parsed: Page) -> None:
    """Nothing is loaded from anywhere: no resource attribute names a URL, no url() in CSS
    (a ticket's link is followed by a person, never loaded)."""
    for tag, attrs in parsed.starts:
        for name in ("src", "href", "srcset", "poster", "action", "data", "xlink:href"):
            value = attrs.get(name)
            if name == "href" and tag == "a" and is_ticket(attrs):
                continue
            assert value is None or value.startswith("#"), (tag, name, value)
        assert tag not in ("link", "script", "img", "iframe", "object", "embed", "base")
    css = "\n".join(parsed.styles)
    assert "@import" not in css and "url(" not in css.lower()
    # The same on the source text, in case the parser above missed a tag.
    rest = TICKET.sub('<a class="ticket"', page)
    assert NETWORK.search(rest) is None, NETWORK.search(rest)


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_html_is_self_contained_and_well_formed(path: Path) -> None:
    m = load(path)
    page = html.render(m)
    parsed = check_html(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert len(parsed.tags("title")) >= 1
    assert "@media print" in page and "@page { size: A4 landscape;" in page
    if path != HOSTILE:
        # Nothing is loaded from elsewhere; the only outside links are the actions' tickets.
        assert "src=" not in page and "<link" not in page
        outside = re.findall(r'<a [^>]*href="https?://[^"]*"', page)
        assert all(a.startswith('<a class="ticket" href="https://') for a in outside), outside
        assert page.count("https://") == len(outside) and "http://" not in page
    assert html.render(m) == page  # deterministic


def test_html_hostile_text_is_only_text() -> None:
    m = load(HOSTILE)
    page = html.render(m)
    parsed = check_html(page)
    assert parsed.tags("script") == []
    # Every <b> is ours ("Goal:"); the map's "<b>team</b>" is text.
    assert set(re.findall(r"<b>(.*?)</b>", page)) == {"Goal:"}
    text = parsed.text
    assert "<script>alert(1)</script>" in text
    assert "<b>CX</b>" not in text and "[b]CX[/b] <b>team</b>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\u202e" not in page and "\x1b" not in page


def grid_tables(page: str) -> list[str]:
    return re.findall(r'<table class="grid"[^>]*>.*?</table>', page, re.S)


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_html_grid_has_lanes_and_columns(path: Path) -> None:
    m = load(path)
    page = html.render(m)
    screen, *printed = grid_tables(page)
    columns = sum(max(1, len(tps)) for tps in m.touchpoints_by_stage().values())
    spans = [int(n or 1) for n in re.findall(r'<th scope="colgroup"(?: colspan="(\d+)")?', screen)]
    assert sum(spans) == columns and len(spans) == len(m.stages)
    assert screen.count('<th scope="col"') == columns + 2  # + "Stage" and "Touchpoint"
    keys = re.findall(r'<tr class="lane" data-key="([a-z_]+)">', screen)
    fields = {f.name for f in dataclasses.fields(Touchpoint)}
    assert set(keys) <= fields | {"actions"}
    assert {"doing", "emotion", "channel"} <= set(keys)
    order = [key for key, _, _ in html.LANES]
    assert keys == [k for k in order if k in keys]
    for row in re.findall(r'<tr class="lane".*?</tr>', screen):
        assert row.count("<td") == columns
    assert screen.count('class="badge mot"') == len(m.moments_of_truth())
    assert screen.count('id="tp-') == len(m.touchpoints)
    # Printed: the same columns in tables of at most PRINT_COLUMNS, without duplicate ids.
    printed_columns = [t.count('<th scope="col"') - 2 for t in printed]
    assert sum(printed_columns) == columns
    assert max(printed_columns) <= html.PRINT_COLUMNS
    assert all('id="' not in t for t in printed)


def test_html_has_the_sections_and_the_plan() -> None:
    m = load(SAMPLE_MAPS[-1])
    page = html.render(m)
    parsed = check_html(page)
    for section in ("personas", "journey", "emotion-curve", "moments-of-truth", "quick-wins"):
        assert f'<section id="{section}">' in page
    assert '<section id="action-plan">' in page
    text = parsed.text
    assert m.info.title in text and (m.info.description or "").split()[0] in text
    for p in m.personas:
        assert p.name in text
    plan = page[page.index('<section id="action-plan">') :]
    header = re.findall(r'<th scope="col">([^<]+)</th>', plan)
    assert header == [
        "Action",
        "Touchpoint",
        "Owner",
        "Due",
        "State",
        "Impact",
        "Effort",
        "Quick win",
    ]
    assert plan.count("<tr>") == len(m.actions) + 1
    for action in m.actions:
        assert f'href="#tp-{action.touchpoint}"' in plan
    assert m.info.updated is not None and m.info.updated.isoformat() in text


def test_html_print_chunks_keep_stages_together() -> None:
    m = load(SAMPLE_MAPS[-1])
    chunks = html._print_chunks(journey_columns(m).columns)
    assert all(1 <= len(c) <= html.PRINT_COLUMNS for c in chunks)
    for chunk in chunks:
        stages = [c.stage for c in chunk]
        assert stages == sorted(stages)
    # A stage longer than a table is cut; the tables after the first say "(continued)".
    raw = raw_of(SAMPLE_MAPS[-1])
    for tp in raw["touchpoints"]:
        tp["stage"] = raw["stages"][0]["id"]
    long = map_from_raw(raw)
    assert len(long.touchpoints) == 24 and len(long.stages) == 6
    page = html.render(long)
    check_html(page)
    printed = grid_tables(page)[1:]
    # 24 touchpoints of the first stage in 4 tables, then the 5 empty stages in one.
    assert [t.count('<th scope="col"') - 2 for t in printed] == [6, 6, 6, 6, 5]
    assert [t.count("(continued)") for t in printed] == [0, 1, 1, 1, 0]


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_cli_export_writes_the_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"map.{fmt}"
    assert main(["export", str(SAMPLE_MAPS[0]), "--format", fmt, "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    render = svg.render if fmt == "svg" else html.render
    assert target.read_text(encoding="utf-8") == render(load(SAMPLE_MAPS[0]))
