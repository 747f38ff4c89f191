"""`cjm report`: golden Markdown reports, the numbers on a small map, hostile text, the CLI.

Regenerate the golden files with `CJM_UPDATE_GOLDEN=1 pytest tests/test_report.py`, then read
the diff: they are the reviewed expected output (tests/golden/*.report.md).
"""

from __future__ import annotations

import html
import os
import re
import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len

from cjm_tui.cli import main
from cjm_tui.cli.report import plain_text
from cjm_tui.model import Map, map_from_raw
from cjm_tui.reports import html as html_report
from cjm_tui.reports import markdown as markdown_report
from cjm_tui.store import MapFile
from cjm_tui.views.column_widths import fit_widths
from tests.test_analysis import SMALL
from tests.test_exports import table_cells, tables

from .conftest import ROOT, SAMPLE_MAPS

HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
GOLDEN = ROOT / "tests" / "golden"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_markdown(out: str) -> None:
    """No raw control character or tab; every table keeps its columns on every row."""
    assert not RAW_CONTROL.search(out)
    assert "\t" not in out
    found = tables(out)
    assert found
    for table in found:
        assert len({table_cells(line) for line in table}) == 1, table
        assert re.fullmatch(r"\|(---:?\|)+", table[1])


def load(path: Path) -> Map:
    return MapFile.load(path).map


def small() -> Map:
    return map_from_raw(tomllib.loads(SMALL))


def section(markdown: str, heading: str) -> str:
    """The text of one `## heading` section (up to the next `## `)."""
    start = markdown.index(f"## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.stem)
def test_golden_markdown_report(path: Path) -> None:
    out = markdown_report.render(load(path))
    golden = GOLDEN / f"{path.stem}.report.md"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8")
    check_markdown(out)


def test_markdown_report_numbers_on_the_small_map() -> None:
    out = markdown_report.render(small())
    check_markdown(out)
    lowest = section(out, "Lowest touchpoints")
    rows = [line for line in lowest.splitlines() if re.match(r"\| (\*\*)?\d", line)]
    assert [row.split(" | ")[1].strip("*") for row in rows] == ["Poster", "Desk", "Form", "Call"]
    assert "| **1** | **Poster** | One | -2 | -2.0 |  | Sales |" in lowest
    assert "| **2** | **Desk** | Three | -2 | -1.5 | Ann | Support |" in lowest
    departments = section(out, "Departments")
    assert "| Sales | 2 | -0.5 | Poster | Fix poster |" in departments
    assert "| *(no owner)* | 1 | – |  | Move desk |" in departments
    plan = section(out, "Quick wins and action plan")
    assert "3 quick wins (★), 2 open; 5 actions, 4 open" in plan
    assert "| **high impact** | ★ Fix poster |  | • Redo form |" in plan
    assert "| **medium impact** | ★ Call back |  |  |" in plan
    assert "**Without impact or effort:** • Move desk" in plan
    channels = section(out, "Channels")
    assert "| Channel | Touchpoints | Average | Ann | Bob | Cy |" in channels
    assert "| web | 2 | -1.0 | -2.0 | 0.0 | – |" in channels
    coverage = section(out, "Coverage")
    assert "- **Cy** meets no touchpoint in: One, Three, Later" in coverage
    assert "- **No emotion for:** Cy" in coverage
    assert "- **Stages without touchpoints:** Later" in coverage


def test_reports_escape_hostile_text() -> None:
    m = load(HOSTILE)
    md = markdown_report.render(m)
    check_markdown(md)
    assert "\\<script\\>" in md
    body = md.replace("<br>", "")
    assert re.search(r"(?<!\\)[\[\]<>]", body) is None  # every bracket escaped

    page = html_report.render(m)
    assert not RAW_CONTROL.search(page.replace("\n", ""))
    assert "<script>" not in page and "<b>Marketing</b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;Marketing&lt;/b&gt;" in page
    assert "[@click=app.quit]click[/]" in html.unescape(page)

    text = plain_text(m, 100)
    assert not RAW_CONTROL.search(text.replace("\n", ""))
    # Markup shows as typed (the column may cut it across lines, so look in one cell's text).
    assert "[bold]x[/bold]" in text
    assert "<script>" in text


def test_text_report_fits_its_width() -> None:
    for path in SAMPLE_MAPS:
        for width in (60, 80, 120):
            text = plain_text(load(path), width)
            widest = max(cell_len(line) for line in text.splitlines())
            assert widest <= width, (path.name, width, widest)
            assert not any(line != line.rstrip() for line in text.splitlines())


def test_fit_widths() -> None:
    # Natural widths when they fit.
    assert fit_widths([5, 10], 20, words=[5, 10], wide={1}) == [5, 10]
    # Else the wide column shares what the short ones leave, everything within the room.
    natural, words = [13, 48, 17, 13, 92, 111], [8, 10, 9, 8, 13, 10]
    widths = fit_widths(natural, 90, words=words, wide={1, 4, 5})
    assert sum(widths) == 90
    assert widths[0] == widths[3] == 13 and widths[1] >= 12
    # A kept column does not shrink.
    assert fit_widths([30, 40], 50, words=[5, 5], wide={1}, keep={0})[0] == 30


def test_html_report_is_one_self_contained_page() -> None:
    page = html_report.render(load(SAMPLE_MAPS[0]))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "<script" not in page
    # Nothing is loaded from elsewhere; the only outside links are the actions' tickets.
    assert not re.search(r"src=\"https?://|<link", page)
    outside = re.findall(r"<a [^>]*href=\"https?://[^>]*>", page)
    assert all(a.startswith('<a class="ticket" href="https://') for a in outside), outside
    for heading in ("Moments of truth", "Lowest touchpoints", "Departments", "Coverage"):
        assert f"<h2>{heading}</h2>" in page


# CLI --------------------------------------------------------------------------------


def test_cli_report_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SAMPLE_MAPS[-1])
    assert main(["report", path, "--format", "markdown"]) == 0
    assert capsys.readouterr().out == markdown_report.render(load(SAMPLE_MAPS[-1]))
    assert main(["report", path, "-f", "html"]) == 0
    assert capsys.readouterr().out == html_report.render(load(SAMPLE_MAPS[-1]))
    assert main(["report", path]) == 0  # text, plain when piped
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert out.startswith("Analysis: ")
    for heading in ("Moments of truth", "Lowest touchpoints", "Impact and effort", "Coverage"):
        assert f"\n{heading}\n" in out
    target = tmp_path / "report.txt"
    assert main(["report", path, "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == plain_text(load(SAMPLE_MAPS[-1]), 100)


def test_cli_report_invalid_and_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[map]\nformat = 1\ntitle = "t"\n\n[[stages]]\nid = "Bad Id"\nname = "x"\n')
    target = tmp_path / "out.md"
    assert main(["report", str(bad), "-f", "markdown", "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(r"bad\.toml:6:\d+: error: ", captured.err)
    assert "Traceback" not in captured.err
    assert not target.exists()
    assert main(["report", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["report", str(bad), "--format", "pdf"])
    assert exc.value.code == 2
    capsys.readouterr()
