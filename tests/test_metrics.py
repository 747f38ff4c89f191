"""Metrics on touchpoints and ticket links on actions (map-format.md, "Additions in format 1"):
the one met/missed rule, and how the editor's detail pane shows them."""

from __future__ import annotations

import tomllib

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
