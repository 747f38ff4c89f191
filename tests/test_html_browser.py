"""The HTML and SVG exports in a real browser: headless Chromium renders, logs and prints them.

Skipped when /usr/bin/chromium is missing (`apt-get install chromium`), except under CI (the
environment variable `CI` set), where a missing browser is a failure: these tests are the only
ones that see the page as people do. Chromium runs with a fresh profile and no background
networking, and is killed (its whole process group) if it takes longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import zlib
from collections import Counter
from itertools import accumulate
from pathlib import Path

import pytest

from cjm_tui.exports import html, svg
from cjm_tui.reports import html as report_html
from cjm_tui.store import MapFile

from .conftest import ROOT, SAMPLE_MAPS, TELECOM, unavailable

HOSTILE = ROOT / "tests" / "data" / "hostile.toml"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 60
# Chromium's log line for a console message: `[pid:tid:time:INFO:CONSOLE:12] "text", source: ...`
CONSOLE = re.compile(r":CONSOLE(?:\(\d+\)|:\d+)?\] (.*)")


@pytest.fixture
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    unavailable(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests not run")


def run_chromium(
    browser: Path, tmp_path: Path, target: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [
        str(browser),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        target.resolve().as_uri(),
    ]
    # A session of its own, so that a timeout can end the browser and every child it started.
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}")
    assert proc.returncode == 0, err[-2000:]
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def console_messages(stderr: str) -> list[str]:
    return [m.group(1) for m in CONSOLE.finditer(stderr)]


# PNG and PDF, read with the standard library ------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of pixels, bytes per pixel) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    assert header is not None, "no IHDR"
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prev = bytearray(stride)
    rows: list[bytes] = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub: a running sum per channel
            for c in range(bpp):
                line[c::bpp] = bytes(map((255).__and__, accumulate(line[c::bpp])))
        elif kind == 2:  # Up
            line = bytearray(map((255).__and__, map(int.__add__, line, prev)))
        elif kind in (3, 4):  # Average, Paeth
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                if kind == 3:
                    line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
                else:
                    corner = prev[i - bpp] if i >= bpp else 0
                    line[i] = (line[i] + _paeth(left, prev[i], corner)) & 255
        else:
            assert kind == 0, f"unknown PNG filter {kind}"
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def colour_counts(rows: list[bytes], bpp: int) -> Counter[bytes]:
    counts: Counter[bytes] = Counter()
    for row in rows:
        counts.update(row[i : i + 3] for i in range(0, len(row), bpp))
    return counts


def pdf_first_page_box(data: bytes) -> tuple[float, float]:
    """Width and height of the first page's MediaBox (following the page tree)."""
    assert data.startswith(b"%PDF-"), "not a PDF"
    objects = {
        int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)
    }
    root = re.search(rb"/Root (\d+) 0 R", data)
    assert root is not None, "no /Root"
    pages = re.search(rb"/Pages (\d+) 0 R", objects[int(root.group(1))])
    assert pages is not None, "no /Pages in the catalog"
    node, box = objects[int(pages.group(1))], None
    while True:
        found = re.search(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", node)
        if found:
            box = [float(v) for v in found.group(1).split()]
        kids = re.search(rb"/Kids\s*\[\s*(\d+) 0 R", node)
        if kids is None or re.search(rb"/Type\s*/Page\b(?!s)", node):
            break
        node = objects[int(kids.group(1))]
    assert re.search(rb"/Type\s*/Page\b(?!s)", node), "no page at the end of the tree"
    assert box is not None, "no MediaBox"
    x0, y0, x1, y1 = box
    return x1 - x0, y1 - y0


# The tests ----------------------------------------------------------------------------


def export(path: Path, tmp_path: Path, fmt: str = "html") -> Path:
    m = MapFile.load(path).map
    target = tmp_path / f"{path.stem}.{fmt}"
    target.write_text((html.render if fmt == "html" else svg.render)(m), encoding="utf-8")
    return target


@pytest.mark.parametrize("path", [TELECOM, HOSTILE], ids=lambda p: p.stem)
def test_screenshot_is_not_blank(chromium: Path, tmp_path: Path, path: Path) -> None:
    page = export(path, tmp_path)
    shot = tmp_path / "shot.png"
    run_chromium(chromium, tmp_path, page, f"--screenshot={shot}", "--window-size=1600,1000")
    width, height, rows, bpp = decode_png(shot.read_bytes())
    assert (width, height) == (1600, 1000)
    counts = colour_counts(rows, bpp)
    background, most = counts.most_common(1)[0]
    assert background == b"\xff\xff\xff"  # a white page ...
    assert most < 0.95 * width * height  # ... with something on it
    assert len(counts) > 200  # text, borders, chips and persona marks: many colours


def test_svg_chart_renders_the_persona_lines(chromium: Path, tmp_path: Path) -> None:
    chart = export(TELECOM, tmp_path, "svg")
    text = chart.read_text(encoding="utf-8")
    width, height = re.search(r'viewBox="0 0 (\d+) (\d+)"', text).groups()  # type: ignore[union-attr]
    shot = tmp_path / "chart.png"
    run_chromium(
        chromium, tmp_path, chart, f"--screenshot={shot}", f"--window-size={width},{height}"
    )
    _, _, rows, bpp = decode_png(shot.read_bytes())
    counts = colour_counts(rows, bpp)
    # The first personas' Okabe-Ito colours are drawn: orange, sky blue, bluish green.
    for colour in svg.colours.PERSONA_COLOURS[:3]:
        assert counts[bytes.fromhex(colour[1:])] > 50, colour


@pytest.mark.parametrize("path", [*SAMPLE_MAPS, HOSTILE], ids=lambda p: p.stem)
def test_page_loads_without_console_errors(chromium: Path, tmp_path: Path, path: Path) -> None:
    page = export(path, tmp_path)
    result = run_chromium(chromium, tmp_path, page, "--dump-dom")
    assert console_messages(result.stderr) == []
    dom = result.stdout
    # The browser built the page we meant: one grid for the screen, the chart, the plan ...
    assert dom.count('<table class="grid"') >= 2
    assert dom.count("<svg") == 1 and "</svg>" in dom
    assert '<section id="action-plan">' in dom
    # ... and no element out of map text: <script>, <b>, <img> are text in its DOM.
    assert "<script" not in dom and "<img" not in dom and "<link" not in dom
    if path == HOSTILE:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
        assert set(re.findall(r"<b>(.*?)</b>", dom)) == {"Goal:"}  # ours only


def test_console_check_sees_errors(chromium: Path, tmp_path: Path) -> None:
    """The check above would notice: a page with a failing script logs to the console."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><p>x</p>'
        "<script>console.error('boom'); missingFunction();</script></html>",
        encoding="utf-8",
    )
    result = run_chromium(chromium, tmp_path, broken, "--dump-dom")
    messages = console_messages(result.stderr)
    assert any("boom" in m for m in messages), result.stderr[-2000:]
    assert any("Uncaught ReferenceError" in m for m in messages)


def test_print_to_pdf_is_a4_landscape(chromium: Path, tmp_path: Path) -> None:
    page = export(TELECOM, tmp_path)
    pdf = tmp_path / "map.pdf"
    run_chromium(chromium, tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    width, height = pdf_first_page_box(pdf.read_bytes())
    assert width > height  # landscape
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 in points
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes())) >= 3


# Marks every number cell and emotion chip whose text lies on more than one line.
WRAP_PROBE = """<script>
window.addEventListener("load", () => {
  const wrapped = [];
  for (const el of document.querySelectorAll("td.num, .emo")) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    if (tops.size > 1) wrapped.push(el.textContent);
  }
  document.body.setAttribute("data-wrapped", wrapped.join("|"));
});
</script>"""


@pytest.mark.parametrize("width", [800, 420])
def test_report_numbers_never_wrap(chromium: Path, tmp_path: Path, width: int) -> None:
    """`cjm report --format html` at 800 px showed "−2." over "0" in a table cell."""
    page = tmp_path / "report.html"
    text = report_html.render(MapFile.load(TELECOM).map)
    page.write_text(text.replace("</body>", WRAP_PROBE + "</body>"), encoding="utf-8")
    result = run_chromium(chromium, tmp_path, page, "--dump-dom", f"--window-size={width},1200")
    found = re.search(r'data-wrapped="([^"]*)"', result.stdout)
    assert found is not None, "the probe did not run"
    assert found.group(1) == ""


B2B = ROOT / "maps" / "b2b-office-visit.toml"

METRICS_PROBE = """<script>
window.addEventListener("load", () => {
  const lane = document.querySelector('.grid-scroll tr.lane[data-key="metrics"]');
  const rect = lane ? lane.getBoundingClientRect() : null;
  const status = (cls) => {
    const el = document.querySelector(".grid-scroll ." + cls);
    return el ? el.textContent + "@" + getComputedStyle(el).color : "";
  };
  const links = [...document.querySelectorAll("a.ticket")].map(
    (a) => a.tagName + " " + a.protocol + " " + a.getAttribute("href")
  );
  const out = {
    lane: rect ? [Math.round(rect.width), Math.round(rect.height)] : null,
    text: lane ? lane.innerText : "",
    missed: status("metric-missed"),
    met: status("metric-met"),
    links: links,
  };
  document.body.setAttribute("data-probe", JSON.stringify(out));
});
</script>"""


def test_metrics_lane_renders_and_tickets_are_https_links(chromium: Path, tmp_path: Path) -> None:
    import html as html_module
    import json

    page = export(B2B, tmp_path)
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", METRICS_PROBE + "</body>"),
        encoding="utf-8",
    )
    result = run_chromium(chromium, tmp_path, page, "--dump-dom", "--window-size=1400,1200")
    found = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert found is not None, "the probe did not run"
    probe = json.loads(html_module.unescape(found.group(1)))
    width, height = probe["lane"]
    assert width > 0 and height > 20
    assert "CSAT (1-5)" in probe["text"] and "target 4.0" in probe["text"]
    missed_text, missed_colour = probe["missed"].split("@")
    met_text, met_colour = probe["met"].split("@")
    assert missed_text == "\u2717 missed" and met_text == "\u2713 met"
    assert missed_colour != met_colour  # and the word says it too, not the colour alone
    assert probe["links"]
    assert all(link.startswith("A https: https://tracker.example/") for link in probe["links"])


def test_a_javascript_link_is_refused_by_check_and_never_exported(tmp_path: Path) -> None:
    from cjm_tui.cli import main

    text = B2B.read_text(encoding="utf-8").replace(
        'link = "https://tracker.example/CX-101"', 'link = "JavaScript:alert(document.cookie)"'
    )
    assert "JavaScript:" in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    line = text[: text.index("JavaScript:")].count("\n") + 1
    assert main(["check", str(bad)]) != 0
    target = tmp_path / "out.html"
    assert main(["export", str(bad), "--format", "html", "-o", str(target)]) != 0
    assert not target.exists()
    from cjm_tui.store import check_file

    problems = check_file(bad).problems
    assert [(p.line, "http:// or https://" in p.message) for p in problems] == [(line, True)]
