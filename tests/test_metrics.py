"""Metrics on touchpoints and ticket links on actions (map-format.md, "Additions in format 1"):
the one met/missed rule, and how the editor's detail pane shows them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cjm_tui.model import map_from_raw
from cjm_tui.model.entities import MetricDefinition, is_web_link, metric_shortfall, metric_status
from cjm_tui.tui.components.detail_view import describe

MAP = """\
[map]
format = 1
title = "Metrics"

[map.metrics.csat]
label = "CSAT (1-5)"
target = 4.0
better = "higher"

[map.metrics.wait_min]
label = "[b]Wait[/b] (min)"
target = 10
better = "lower"

[map.metrics.nps]
label = "NPS"

[[stages]]
id = "s"
name = "S"

[[touchpoints]]
id = "t"
stage = "s"
name = "T"
metrics = { csat = 3.1, wait_min = 8, nps = 12, "[red]raw[/red]" = 1 }

[[actions]]
id = "a"
touchpoint = "t"
title = "A"
link = "https://tracker.example/CX-42"
"""


def higher(target: float) -> MetricDefinition:
    return MetricDefinition("m", "m", target, "higher")


def lower(target: float) -> MetricDefinition:
    return MetricDefinition("m", "m", target, "lower")


@pytest.mark.parametrize(
    ("value", "definition", "status"),
    [
        (4.0, higher(4.0), "met"),
        (4.5, higher(4.0), "met"),
        (3.9, higher(4.0), "missed"),
        (10, lower(10), "met"),
        (9, lower(10), "met"),
        (11, lower(10), "missed"),
        (3, MetricDefinition("m", "m", None, "higher"), None),
        (3, MetricDefinition("m", "m", 4, None), None),
    ],
)
def test_metric_status(value: float, definition: MetricDefinition, status: str | None) -> None:
    assert metric_status(value, definition) == status


def test_shortfall_is_relative_to_the_target() -> None:
    assert metric_shortfall(3.0, higher(4.0)) == pytest.approx(0.25)
    assert metric_shortfall(15, lower(10)) == pytest.approx(0.5)
    assert metric_shortfall(5, higher(4)) == 0
    assert metric_shortfall(-3, higher(0)) == 3  # no relative distance from a zero target


def test_a_metric_without_a_definition_is_its_name() -> None:
    m = map_from_raw(tomllib.loads(MAP))
    d = m.info.metric("unknown")
    assert (d.label, d.target, d.better) == ("unknown", None, None)
    assert m.info.metric("csat") == MetricDefinition("csat", "CSAT (1-5)", 4.0, "higher")


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("https://tracker.example/CX-42", True),
        ("http://tracker.example", True),
        ("HTTPS://tracker.example/x", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT://tracker.example/%0aalert(1)", False),
        (" https://tracker.example/", False),
        ("https://tracker.example/\n", False),
        ("https:", False),
        ("//tracker.example/x", False),
    ],
)
def test_is_web_link(link: str, ok: bool) -> None:
    assert is_web_link(link) is ok


def test_detail_pane_shows_metrics_with_target_and_status_in_words() -> None:
    m = map_from_raw(tomllib.loads(MAP))
    text = describe(m, m.touchpoints[0])
    plain = text.plain
    assert "CSAT (1-5): 3.1 (target 4.0, ✗ missed)" in plain
    assert "[b]Wait[/b] (min): 8 (target 10, ✓ met)" in plain  # a label is data, not markup
    assert "NPS: 12\n" in plain
    assert "[red]raw[/red]: 1" in plain
    missed = plain.index("✗ missed")
    assert any(s.start <= missed < s.end and "red" in str(s.style) for s in text.spans)


def test_detail_pane_shows_an_action_link() -> None:
    m = map_from_raw(tomllib.loads(MAP))
    assert "link: https://tracker.example/CX-42" in describe(m, m.actions[0]).plain


# Exports, the report, the diff ------------------------------------------------------------

HOSTILE = """\
[map]
format = 1
title = "Hostile"

[map.metrics."<script>alert(1)</script>"]
label = "<img src=x onerror=alert(1)> *bold* | pipe"
target = 3
better = "higher"

[[stages]]
id = "s"
name = "S"

[[touchpoints]]
id = "t"
stage = "s"
name = "T"
emotion = 1
metrics = { "<script>alert(1)</script>" = 1, "a|b" = 2.5 }

[[actions]]
id = "a"
touchpoint = "t"
title = "Fix <it>"
link = "https://tracker.example/CX-1?q=<x>&y=\\"z\\"|w"
"""


def hostile():  # type: ignore[no-untyped-def]
    from cjm_tui.store import check_text

    checked = check_text(HOSTILE, "h.toml")
    assert checked.ok, checked.problems
    return map_from_raw(tomllib.loads(HOSTILE))


def test_html_export_metrics_lane_escapes_names_and_says_missed_in_words() -> None:
    from cjm_tui.exports import html

    page = html.render(hostile())
    assert "<script>alert" not in page and "<img src=x" not in page
    assert '<tr class="lane" data-key="metrics">' in page
    assert (
        '<span class="metric-name">&lt;img src=x onerror=alert(1)&gt; *bold* | pipe</span> '
        '<span class="metric-value">1</span> <span class="metric-target">target 3</span> '
        '<span class="metric-status metric-missed">\u2717 missed</span>'
    ) in page
    assert '<span class="metric-name">a|b</span> <span class="metric-value">2.5</span>' in page
    assert (
        '<a class="ticket" href="https://tracker.example/CX-1?q=&lt;x&gt;&amp;y=&quot;z&quot;|w" '
        'rel="noopener noreferrer">Fix &lt;it&gt;</a>'
    ) in page


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", " https://x.example/", "data:text/html,x", "file:///etc"]
)
def test_no_export_ever_links_a_link_that_is_not_http(link: str) -> None:
    """`cjm check` refuses such a map; a map built in code still never gets an href."""
    import dataclasses

    from cjm_tui.exports import html, markdown
    from cjm_tui.reports import html as report_html
    from cjm_tui.reports import markdown as report_markdown

    m = hostile()
    m.actions[0] = dataclasses.replace(m.actions[0], link=link)
    for page in (html.render(m), report_html.render(m)):
        assert 'href="javascript' not in page and '<a class="ticket"' not in page
        assert "Fix &lt;it&gt;" in page
    for doc in (markdown.render(m), report_markdown.render(m)):
        assert "](<" not in doc
        assert "Fix \\<it\\>" in doc


def test_markdown_export_shows_metrics_and_links_escaped() -> None:
    from cjm_tui.exports import markdown

    doc = markdown.render(hostile())
    assert "| Metrics |" in doc
    assert (
        "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\| pipe: 1 (target 3, \u2717 missed)" in doc
    )
    assert "a\\|b: 2.5" in doc
    assert "[Fix \\<it\\>](<https://tracker.example/CX-1?q=%3Cx%3E&y=%22z%22%7Cw>)" in doc


def test_json_and_csv_exports_carry_metrics_and_links() -> None:
    import json

    from cjm_tui.exports import csvtable, jsondata

    data = json.loads(jsondata.render(hostile()))
    assert data["touchpoints"][0]["metrics"] == {"<script>alert(1)</script>": 1, "a|b": 2.5}
    assert data["actions"][0]["link"].startswith("https://tracker.example/CX-1")
    assert data["map"]["metrics"]["<script>alert(1)</script>"]["target"] == 3
    rows = csvtable.render(hostile()).splitlines()
    assert rows[0].endswith(",metric:<script>alert(1)</script>,metric:a|b")
    assert rows[1].endswith(",1,2.5")


def test_mermaid_export_ignores_metrics() -> None:
    from cjm_tui.exports import mermaid

    m = hostile()
    with_metrics = mermaid.render(m)
    m.touchpoints[0].metrics = None
    m.info.metrics = None
    assert with_metrics == mermaid.render(m)
    assert "metric" not in with_metrics.lower() and "2.5" not in with_metrics


def test_report_lists_metrics_off_target_worst_first() -> None:
    from rich.console import Console

    from cjm_tui.reports import html as report_html
    from cjm_tui.reports import markdown as report_markdown
    from cjm_tui.reports.analysis import metrics_off_target
    from cjm_tui.reports.text import render as text_render

    m = map_from_raw(tomllib.loads(MAP))
    m.touchpoints.append(
        dataclasses_replace(m.touchpoints[0], id="u", name="U", metrics={"csat": 2.0})
    )
    misses = metrics_off_target(m)
    # csat 2.0 is 50% short of 4.0, csat 3.1 22.5%; wait_min 8 meets 10; nps has no target.
    assert [(x.touchpoint.id, x.name, x.value) for x in misses] == [
        ("u", "csat", 2.0),
        ("t", "csat", 3.1),
    ]
    doc = report_markdown.render(m)
    section = doc.split("## Metrics off target", 1)[1].split("\n## ", 1)[0]
    assert section.index("| U |") < section.index("| T |")
    assert "| CSAT (1-5) | 2.0 | 4.0 | *higher* | 50% |" in section
    assert "[A](<https://tracker.example/CX-42>)" in doc
    page = report_html.render(m)
    assert "<h2>Metrics off target</h2>" in page
    assert (
        '<a class="ticket" href="https://tracker.example/CX-42" rel="noopener noreferrer">A</a>'
        in page
    )
    console = Console(width=160, record=True, color_system=None)
    console.print(text_render(m, 160))
    text = console.export_text()
    assert "Metrics off target" in text and "https://tracker.example/CX-42" in text


def test_report_says_nothing_of_metrics_for_a_map_without_them() -> None:
    from cjm_tui.reports import markdown as report_markdown

    m = map_from_raw(tomllib.loads(MAP))
    m.touchpoints[0].metrics = None
    assert "Metrics off target" not in report_markdown.render(m)
    m.touchpoints[0].metrics = {"csat": 4.5}
    assert "Every metric with a target meets it." in report_markdown.render(m)


def test_diff_says_each_metric_and_the_link() -> None:
    import copy

    from cjm_tui.versions.diffwords import describe as diff_line
    from cjm_tui.versions.semdiff import diff_maps

    old = map_from_raw(tomllib.loads(MAP))
    new = copy.deepcopy(old)
    new.touchpoints[0].metrics = {"csat": 3.4, "wait_min": 8, "fresh": 1}
    new.actions[0].link = "https://tracker.example/CX-43"
    lines = [diff_line(c, old, new).plain for c in diff_maps(old, new)]
    assert lines == [
        "~ touchpoint t “T”: metrics csat 3.1 → 3.4 ↑, nps 12 → (none), "
        "[red]raw[/red] 1 → (none), fresh (none) → 1",
        '~ action a “A”: link "https://tracker.example/CX-42" → "https://tracker.example/CX-43"',
    ]


def dataclasses_replace(item, **changes):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(item, **changes)


# The editor, end to end ---------------------------------------------------------------------


async def test_editing_metrics_in_the_editor_saves_only_that_line(tmp_path: Path) -> None:
    import difflib

    from textual.widgets import Input, Static

    from cjm_tui.tui.app import build_app
    from cjm_tui.tui.components.detail_view import DetailView
    from cjm_tui.tui.screens.form import EditForm

    from .test_store_write import METRICS

    path = tmp_path / "map.toml"
    path.write_text(METRICS, encoding="utf-8")
    app = build_app(path, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, EditForm)
        field = form.query_one("#field-metrics", Input)
        assert field.value == "csat = 3.1; wait_min = 12"
        field.value = "csat = 4,2; wait_min = 12; nps = 30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main
        detail = str(app.main.query_one(DetailView).query_one("#detail-text", Static).content)
        assert "CSAT (1-5): 4.2 (target 4.0, ✓ met)" in detail
        await pilot.press("ctrl+s")
        await pilot.pause()
    changed = [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            METRICS.splitlines(True), path.read_text(encoding="utf-8").splitlines(True), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-metrics = { csat = 3.1, wait_min = 12 }   # Q3 data",
        "+metrics = { csat = 4.2, wait_min = 12, nps = 30 }   # Q3 data",
    ]
