"""`cjm serve` in a real browser: headless Chromium, driven by playwright-core under Node.

`cjm serve` runs on a free port; tests/js/drive-serve.mjs opens it in a tab and waits for the
map's title, opens a second tab (a second editor on the same map: read-only), then in the
first tab adds a touchpoint with the quick-add line and saves with ctrl+s. The map on disk
must then hold it, and once the server stops no lock file may be left.

Skipped when Chromium, Node or tests/js/node_modules (`npm ci --prefix tests/js`) are missing,
except under CI (the environment variable `CI` set), where that is a failure. The server and
the driver each run in a session of their own, so a timeout ends them with every child.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from cjm_tui.editing.lock import lock_path
from cjm_tui.store import MapFile

from .conftest import ROOT, unavailable
from .terminal import Terminal, environment

JS = ROOT / "tests" / "js"
DRIVER = JS / "drive-serve.mjs"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 120
LINE = "Checks the map in a browser tab @web -1"
NAME = "Checks the map in a browser tab"


def _needs() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if shutil.which("node") is None:
        missing.append("node (apt-get install nodejs)")
    if not (JS / "node_modules" / "playwright-core").is_dir():
        missing.append("tests/js/node_modules/playwright-core (npm ci --prefix tests/js)")
    if not missing:
        return
    unavailable("browser test of cjm serve not run: missing " + ", ".join(missing))


def _first_line(proc: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> str:
    """The first line the server logged, once it is there (or "" if it never comes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if "\n" in text:
            return text.splitlines()[0]
        if proc.poll() is not None:
            return text
        time.sleep(0.05)
    return ""


def _stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str], sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own session, with all its children."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _drive(script: Path, *args: str) -> tuple[dict[str, Any], str]:
    """Run a Node driver of tests/js; its last line of output (JSON) and its stderr."""
    driver = subprocess.Popen(
        ["node", str(script), *args],
        cwd=JS,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = driver.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _stop(driver, signal.SIGKILL)
        pytest.fail(f"the browser driver did not finish within {TIMEOUT} s")
    lines = out.strip().splitlines()
    assert lines, f"no result from the driver; stderr: {err[-2000:]}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result, err


def test_browser_tabs_and_a_terminal_edit_one_map_together(tmp_path: Path) -> None:
    """A terminal editor hosts the map; two `cjm serve` tabs join it. What the first tab types
    shows in the second tab and in the terminal; the tab's ctrl+s writes it; the terminal's
    own change made meanwhile is in the file too."""
    _needs()
    path = tmp_path / "onboarding.toml"
    shutil.copyfile(ROOT / "maps" / "employee-onboarding.toml", path)
    shutil.copyfile(ROOT / "maps" / "personas.toml", tmp_path / "personas.toml")
    title = MapFile.load(path).map.info.title
    env = {**os.environ, "CJM_LANG": "en", "NO_COLOR": "1"}
    terminal = Terminal(path, environment(tmp_path, autosave="60"))
    terminal.wait_for(title[:20])
    first_tp = MapFile.load(path).map.touchpoints[0]
    terminal.send(b"m")  # the terminal's own change: the first touchpoint's moment of truth
    terminal.wait_for("[unsaved]")
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:  # a file, not a pipe: nothing blocks on a full pipe
        server = subprocess.Popen(
            [sys.executable, "-m", "cjm_tui", "serve", str(path), "--port", "0"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        first = _first_line(server, log)
        assert first.startswith("cjm serve: onboarding.toml at http://127.0.0.1:"), first
        url = first.split(" at ", 1)[1].strip()
        shot = tmp_path / "tab.png"
        result, err = _drive(DRIVER, url, title[:30], LINE, str(shot))
        # On failure, "screen" is the end of what the first tab showed.
        assert result["error"] is None, f"{result['error']}\n{result.get('screen')}\n{err}"
        assert result["title"], "the map title never showed in the browser tab"
        assert result["joined"], "a second tab on the same map did not join the first"
        assert result["shared"], "the second tab did not show what the first one typed"
        assert result["saved"]
        if result.get("saveRetried"):
            warnings.warn(
                "the browser dropped the first ctrl+s; the second one saved", stacklevel=1
            )
        assert result["colours"] > 20, "the screenshot of the tab is (nearly) blank"
        assert shot.stat().st_size > 10_000
        saved = MapFile.load(path).map
        added = [t for t in saved.touchpoints if t.name == NAME]
        assert len(added) == 1
        assert added[0].channel == "web" and added[0].emotion == -1
        assert added[0].stage == saved.stages[0].id
        moment = saved.touchpoints[0]
        assert moment.id == first_tp.id and bool(moment.moment_of_truth) != bool(
            first_tp.moment_of_truth
        ), "the terminal's change did not reach the file the tab saved"
        terminal.wait_for(NAME[:12])  # the terminal shows what the tab typed
        terminal.send(b"q")  # saved by the tab: no question
        terminal.wait_exit()
    finally:
        terminal.close()
        _stop(server)
    assert server.returncode == 0, log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
    assert not lock_path(path).exists()  # each tab's editor released its lock when it quit


OPENER = JS / "open-serve.mjs"
TOKEN = "browser-test-token_0123456789"


def test_off_loopback_the_address_with_its_token_opens_the_editor(tmp_path: Path) -> None:
    """`--host 0.0.0.0`, reached at 127.0.0.1: without the token the page is refused; with it
    the editor shows, its static files and websocket let through by the cookie
    (tests/js/open-serve.mjs)."""
    _needs()
    path = tmp_path / "onboarding.toml"
    shutil.copyfile(ROOT / "maps" / "employee-onboarding.toml", path)
    shutil.copyfile(ROOT / "maps" / "personas.toml", tmp_path / "personas.toml")
    title = MapFile.load(path).map.info.title
    env = {**os.environ, "CJM_LANG": "en", "NO_COLOR": "1", "CJM_SERVE_TOKEN": TOKEN}
    log = tmp_path / "serve.log"
    errors = tmp_path / "serve.err"  # apart: the warning comes first, on stderr
    command = [sys.executable, "-m", "cjm_tui", "serve", str(path), "--host", "0.0.0.0"]
    with log.open("wb") as sink, errors.open("wb") as err_sink:
        server = subprocess.Popen(
            [*command, "--port", "0"],
            stdout=sink,
            stderr=err_sink,
            env=env,
            start_new_session=True,
        )
    try:
        first = _first_line(server, log)
        assert first.startswith("cjm serve: onboarding.toml at http://127.0.0.1:"), first
        url = first.split(" at ", 1)[1].strip()
        assert url.endswith(f"/?token={TOKEN}"), url
        bare = url.split("?", 1)[0]
        result, err = _drive(OPENER, url, bare, title[:30])
        assert result["error"] is None, f"{result['error']}\n{result.get('screen')}\n{err}"
        assert result["bareStatus"] == 403 and "token" in result["bareText"]
        assert result["status"] == 200
        assert result["title"], "the map title never showed in the browser tab"
        port = bare.rstrip("/").rsplit(":", 1)[1]
        assert result["cookies"] == [
            {
                "name": f"cjm-serve-token-{port}",
                "value": TOKEN,
                "httpOnly": True,
                "sameSite": "Strict",
                "path": "/",
            }
        ]
        # What passed without the token in its address: the cookie let it through.
        assert result["websockets"] and all("token" not in u for u in result["websockets"])
        assert result["statics"], "the page loaded no static file"
        assert all(s == 200 and "token" not in u for u, s in result["statics"]), result["statics"]
    finally:
        _stop(server)
    said = errors.read_text(encoding="utf-8", errors="replace")
    assert server.returncode == 0, said
    assert "Traceback" not in said and "including its token" in said
    assert not lock_path(path).exists()
