"""`cjm show`: title, timeline, legend and moments of truth, as plain text at any width."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from cjm_tui.model import Map, map_from_raw
from cjm_tui.views.showview import NO_MOMENTS, plain_show, render_show

WIDTHS = (60, 80, 120)


def show(m: Map, persona: str | None = None, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(render_show(m, persona, width))
    return console.export_text()


def assert_fits(text: str, width: int) -> None:
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= width, f"{widest} > {width}"


def prepaid(**extra_map: Any) -> Map:
    return map_from_raw(
        {
            "map": {"format": 1, "title": "Prepaid bundle: first 30 days", **extra_map},
            "personas": [
                {"id": "student", "name": "Ola, student"},
                {"id": "senior", "name": "Jan, senior"},
            ],
            "stages": [
                {"id": "discover", "name": "Discover"},
                {"id": "buy", "name": "Buy"},
                {"id": "renew", "name": "Renew"},
                {"id": "help", "name": "Get help"},
            ],
            "touchpoints": [
                # File order differs from journey order: "help" comes before "buy" here.
                {
                    "id": "hotline",
                    "stage": "help",
                    "name": "Hotline queue",
                    "emotion": -2,
                    "moment_of_truth": True,
                    "mot_reason": "Decides whether they stay",
                    "owner": "Care",
                },
                {
                    "id": "sms",
                    "stage": "discover",
                    "name": "SMS offer",
                    "emotion": {"student": -1, "senior": -2},
                    "moment_of_truth": True,
                    "mot_reason": "Trust in SMS offers",
                    "owner": "Marketing",
                },
                {"id": "web", "stage": "discover", "name": "Web page"},
                {
                    "id": "shop",
                    "stage": "buy",
                    "name": "Shop visit",
                    "emotion": {"student": 2, "senior": 1},
                    "moment_of_truth": True,
                },
                {
                    "id": "lounge",
                    "stage": "buy",
                    "name": "Senior lounge",
                    "emotion": 1,
                    "moment_of_truth": True,
                    "personas": ["senior"],
                },
            ],
        }
    )


def test_title_line_names_the_map_and_counts() -> None:
    text = show(prepaid())
    first = text.splitlines()[0]
    assert first.startswith("Prepaid bundle: first 30 days")
    assert "customer journey map" in first
    assert "4 stages · 5 touchpoints · 2 personas" in first
    assert "employee experience map" in show(prepaid(kind="employee"))


def test_timeline_rows_legend_and_stage_order() -> None:
    lines = show(prepaid()).splitlines()
    header = next(line for line in lines if "Discover" in line)
    assert header.index("Discover") < header.index("Buy") < header.index("Renew")
    assert header.index("Renew") < header.index("Get help")
    plus2 = next(line for line in lines if line.startswith("+2 ┤"))
    minus2 = next(line for line in lines if line.startswith("-2 ┤"))
    assert "●+2" in plus2  # student at the shop
    assert "■-2" in minus2  # senior at the SMS
    assert "●■-2" in minus2  # the hotline's one value is everybody's
    assert any("● Ola, student" in line and "■ Jan, senior" in line for line in lines)
    assert any("◆ moment of truth" in line for line in lines)


def test_moments_of_truth_in_journey_order_with_emotions() -> None:
    text = show(prepaid(), width=120)
    table = text[text.index("Moments of truth") :]
    assert table.index("SMS offer") < table.index("Shop visit") < table.index("Hotline queue")
    sms = next(line for line in table.splitlines() if "SMS offer" in line)
    assert "● -1 student" in sms and "Trust in SMS offers" in sms and "Marketing" in sms
    assert "■ -2 senior" in table
    hotline = next(line for line in table.splitlines() if "Hotline queue" in line)
    assert "-2 very negative" in hotline and "Care" in hotline and "Get help" in hotline
    # The journey number matches the timeline's axis: SMS 1, web 2, shop 3, lounge 4, hotline 5.
    assert hotline.lstrip().startswith("5 ")
    assert sms.lstrip().startswith("1 ")


def test_empty_state_for_moments_of_truth() -> None:
    m = map_from_raw(
        {
            "map": {"format": 1, "title": "Draft"},
            "stages": [{"id": "a", "name": "A"}],
            "touchpoints": [{"id": "x", "stage": "a", "name": "X", "emotion": 1}],
        }
    )
    assert NO_MOMENTS in show(m)


def test_persona_filter_shows_one_curve_and_its_moments() -> None:
    text = show(prepaid(), "student", 100)
    chart = [line for line in text.splitlines() if line[:4] in ("+2 ┤", "-1 ┤", "-2 ┤")]
    assert "●+2" in chart[0] and "●-1" in chart[1]
    assert "■" not in text.split("Moments of truth")[0]
    assert "Moments of truth for Ola, student" in text
    table = text.split("Moments of truth for Ola, student")[1]
    assert "SMS offer" in table and "-1 negative" in table
    assert "Shop visit" in table and "+2 very positive" in table
    assert "Senior lounge" not in table  # only seniors meet it
    assert "Senior lounge" in show(prepaid(), "senior", 100).split("Moments of truth")[1]
    with pytest.raises(ValueError):
        render_show(prepaid(), "nobody")


@pytest.mark.parametrize("width", WIDTHS)
def test_fits_the_width(width: int) -> None:
    assert_fits(show(prepaid(), width=width), width)
    assert_fits(show(prepaid(), "senior", width), width)


def test_map_text_is_plain_and_sanitized() -> None:
    m = map_from_raw(
        {
            "map": {"format": 1, "title": "[bold]Title[/bold]\x1b[2J"},
            "personas": [{"id": "p", "name": "[bold]x[/bold]\x07"}],
            "stages": [{"id": "s", "name": "[red]Stage[/red]\u202e"}],
            "touchpoints": [
                {
                    "id": "t",
                    "stage": "s",
                    "name": "[bold]tp[/bold]\x1b]0;title\x07",
                    "emotion": {"p": -1},
                    "moment_of_truth": True,
                    "mot_reason": "[link=http://x]why[/link]\r\n",
                    "owner": "[i]owner[/i]",
                }
            ],
        }
    )
    for width in WIDTHS:
        text = show(m, width=width)
        for literal in ("[bold]Title[/bold]", "[bold]x[/bold]", "[red]Stage[/red]", "[i]owner[/i]"):
            assert literal in text
        assert "[bold]tp[/bold]" in text or width < 80
        assert "[link=http://x]why[/link]" in text or width < 120
        for bad in ("\x1b", "\x07", "\u202e", "\r"):
            assert bad not in text
        assert_fits(text, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_edge_cases_do_not_crash_and_fit(width: int) -> None:
    maps: list[dict[str, Any]] = [
        # No touchpoints, no personas, blank title.
        {"map": {"format": 1, "title": ""}, "stages": [{"id": "a", "name": "Only stage"}]},
        # Touchpoints without emotion, a stage with none, an empty per-persona table.
        {
            "map": {"format": 1, "title": "Gaps"},
            "personas": [{"id": "p", "name": "P"}],
            "stages": [
                {"id": "a", "name": "A"},
                {"id": "b", "name": "B"},
                {"id": "c", "name": "C"},
            ],
            "touchpoints": [
                {"id": "x", "stage": "a", "name": "X", "moment_of_truth": True},
                {"id": "y", "stage": "c", "name": "Y", "emotion": {}},
                {"id": "z", "stage": "c", "name": "Z", "emotion": {}, "moment_of_truth": True},
            ],
        },
        # Emoji, Polish and Russian names.
        {
            "map": {"format": 1, "title": "Podróż klienta 🚀 Путь клиента"},
            "personas": [
                {"id": "p", "name": "Ольга 👩‍💻"},
                {"id": "q", "name": "Zażółć gęślą jaźń"},
            ],
            "stages": [
                {"id": "a", "name": "Знакомство 🤝🤝🤝"},
                {"id": "b", "name": "Zakup żółtej karty"},
            ],
            "touchpoints": [
                {
                    "id": f"t{i}",
                    "stage": "a" if i < 3 else "b",
                    "name": f"Точка {i} 🎉 źdźbło",
                    "emotion": {"p": (i % 5) - 2, "q": 2 - (i % 5)},
                    "moment_of_truth": i % 2 == 0,
                    "mot_reason": "Причина 🙂 powód " * 3,
                    "owner": "Отдел продаж",
                }
                for i in range(6)
            ],
        },
    ]
    for raw in maps:
        text = show(map_from_raw(raw), width=width)
        assert_fits(text, width)
        assert "+2 ┤" in text and "-2 ┤" in text
    assert "No moments of truth" in show(map_from_raw(maps[0]), width=width)
    gaps = show(map_from_raw(maps[1]), width=width)
    assert "no emotion" in gaps
    assert "(untitled map)" in show(map_from_raw(maps[0]), width=width)


@pytest.mark.parametrize("width", WIDTHS)
def test_two_thousand_touchpoints(width: int) -> None:
    raw = {
        "map": {"format": 1, "title": "Big"},
        "stages": [{"id": f"s{i}", "name": f"Stage {i}"} for i in range(20)],
        "touchpoints": [
            {
                "id": f"t{i}",
                "stage": f"s{i // 100}",
                "name": f"T{i}",
                "emotion": (i // 100) % 5 - 2,
                "moment_of_truth": i % 500 == 0,
            }
            for i in range(2000)
        ],
    }
    text = show(map_from_raw(raw), width=width)
    assert_fits(text, width)
    assert "2000 touchpoints" in text
    table = text[text.index("Moments of truth") :]
    assert [line.split()[0] for line in table.splitlines() if line.strip()[:1].isdigit()] == [
        "1",
        "501",
        "1001",
        "1501",
    ]


# Piped: `cjm show --width N` writes without Rich's console ----------------------------


def _rich_piped(m: Map, persona: str | None, width: int) -> str:
    """What `cjm show --width N` printed through Rich when piped (the CLI's console)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system=None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )
    console.print(render_show(m, persona, width))
    return out.getvalue()


def _sample_maps() -> list[Map]:
    from cjm_tui.store import MapFile

    from .conftest import SAMPLE_MAPS

    return [MapFile.load(path).map for path in SAMPLE_MAPS]


@pytest.mark.parametrize("width", [40, 57, 80, 120, 160])
def test_plain_show_is_what_rich_prints(width: int) -> None:
    maps = [prepaid(), *(m for m in _sample_maps() if m.stages)]
    hostile = map_from_raw(
        {
            "map": {"format": 1, "title": "[bold]Tytuł[/bold] \x1b[31m 和 " + "długi " * 30},
            "stages": [{"id": "s", "name": "Etap\tz\x07tabem"}],
            "touchpoints": [
                {
                    "id": "t",
                    "name": "[red]x[/red] " + "bardzo długa nazwa " * 12,
                    "stage": "s",
                    "emotion": -2,
                    "moment_of_truth": True,
                    "mot_reason": "słowo" * 40,
                    "owner": "日本語の部署 " * 6,
                }
            ],
        }
    )
    compared = 0
    for m in [*maps, hostile]:
        for persona in [None, *(p.id for p in m.personas)]:
            plain = plain_show(m, persona, width)
            if plain is None:  # only Rich can say it (a table wider than the width)
                continue
            assert plain == _rich_piped(m, persona, width), (m.info.title, persona, width)
            compared += 1
    assert compared >= len(maps)
