"""`cjm serve` without a browser: what it prints, what it refuses, how it stops."""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm_tui.cli import main, serve
from cjm_tui.cli.webserver import CjmServer
from cjm_tui.editing.lock import lock_path


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[CjmServer]:
    """Stand in for the web server: record it, report it bound, stop at once."""
    servers: list[CjmServer] = []

    async def bound_then_stopped(
        self: CjmServer, ready: Callable[[list[tuple[str, int]]], None]
    ) -> None:
        servers.append(self)
        ready([(self.host, self.port or 43210)])

    monkeypatch.setattr(CjmServer, "run_until_stopped", bound_then_stopped)
    return servers


def first_line(proc: subprocess.Popen[str], timeout: float = 30) -> str:
    """The first line the process prints, or "" when none comes within `timeout`."""
    got: list[str] = []
    assert proc.stdout is not None
    reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    return got[0] if got else ""


def test_loopback_is_quiet_and_any_other_host_warns() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert serve.exposure_warning(host) is None, host
    for host in ("0.0.0.0", "::", "192.168.1.10", "my-laptop", ""):
        warning = serve.exposure_warning(host)
        assert warning is not None and "including its token" in warning, host


def test_serving_on_all_addresses_prints_the_warning_and_the_url_with_a_new_token(
    path: Path,
    served: list[CjmServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(serve.TOKEN_VARIABLE, raising=False)
    assert main(["serve", str(path), "--host", "0.0.0.0", "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert "warning" in err and "anyone with the address including its token" in err
    token = served[0].token
    assert token is not None and len(token) >= 43  # secrets.token_urlsafe(32)
    assert f"at http://127.0.0.1:8123/?token={token}\n" in out
    assert f"From other machines: http://{socket.gethostname()}:8123/?token={token}\n" in out
    assert served[0].host == "0.0.0.0" and served[0].port == 8123
    assert main(["serve", str(path), "--host", "192.168.1.10"]) == 0
    assert served[1].token not in (None, token)  # new on each start
    assert f"http://192.168.1.10:8000/?token={served[1].token}\n" in capsys.readouterr().out


def test_cjm_serve_token_fixes_the_token_off_loopback_only(
    path: Path,
    served: list[CjmServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(serve.TOKEN_VARIABLE, "chosen-by-the-script")
    assert main(["serve", str(path), "--host", "::", "--port", "8123"]) == 0
    assert served[0].token == "chosen-by-the-script"
    assert "http://127.0.0.1:8123/?token=chosen-by-the-script\n" in capsys.readouterr().out
    assert main(["serve", str(path)]) == 0
    assert served[1].token is None
    assert "token" not in capsys.readouterr().out
    monkeypatch.setenv(serve.TOKEN_VARIABLE, "  ")  # empty: a new one
    assert main(["serve", str(path), "--host", "0.0.0.0"]) == 0
    assert served[2].token is not None and len(served[2].token) >= 43
    capsys.readouterr()
    monkeypatch.setenv(serve.TOKEN_VARIABLE, "two words&more")
    assert main(["serve", str(path), "--host", "0.0.0.0"]) == 2
    assert len(served) == 3  # refused before serving
    assert serve.TOKEN_VARIABLE in capsys.readouterr().err


def test_the_default_is_this_machine_only_without_a_warning_or_a_token(
    path: Path, served: list[CjmServer], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in err
    assert served[0].host == "127.0.0.1" and served[0].port == 8000
    assert served[0].token is None
    assert "http://127.0.0.1:8000/\n" in out and "token" not in out


def test_each_tab_runs_cjm_edit_on_the_file_with_the_options_given(
    path: Path, served: list[CjmServer]
) -> None:
    assert main(["serve", str(path), "--read-only"]) == 0
    words = shlex.split(served[0].command)
    # exec: the tab's process is the editor itself, which the server can stop or kill
    assert words[:5] == ["exec", sys.executable, "-m", "cjm_tui", "edit"]
    assert words[5] == str(path.absolute())
    assert "--read-only" in words[6:]
    assert main(["serve", str(path)]) == 0
    assert "--read-only" not in shlex.split(served[1].command)


def test_language_and_theme_go_to_each_tab_and_bad_ones_are_refused_first(
    path: Path,
    served: list[CjmServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("CJM_CONFIG", str(tmp_path / "config.toml"))
    assert main(["serve", str(path), "--lang", "pl", "--theme", "light"]) == 0
    words = shlex.split(served[0].command)[6:]
    assert words[words.index("--lang") + 1] == "pl"
    assert words[words.index("--theme") + 1] == "light"
    capsys.readouterr()
    assert main(["serve", str(path), "--lang", "klingon"]) == 2
    assert main(["serve", str(path), "--theme", "no-such-theme"]) == 2
    assert len(served) == 1  # the refused ones served nothing
    assert "klingon" in capsys.readouterr().err


def test_edit_arguments_mirror_every_option_of_cjm_edit() -> None:
    parser = argparse.ArgumentParser()
    serve.add_parser(parser.add_subparsers())
    args = parser.parse_args(["serve", "m.toml"])
    assert serve.edit_arguments(args) == []
    args = parser.parse_args(["serve", "m.toml", "--read-only", "--port", "9000"])
    assert serve.edit_arguments(args) == ["--read-only"]  # --port is serve's own


def test_an_invalid_map_is_refused_and_nothing_is_served(
    tmp_path: Path, served: list[CjmServer], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[map]\nformat = 1\ntitle = "x"\n\n[[stages]]\nid = "A B"\n', "utf-8")
    before = bad.read_bytes()
    assert main(["serve", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml:" in err and "error" in err
    assert served == []
    assert bad.read_bytes() == before


def test_a_port_in_use_is_one_line_and_exit_2(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", str(path), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert "port is in use" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_bad_port_is_a_usage_error(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", str(path), "--port", "70000"])
    assert stop.value.code == 2
    assert "0 to 65535" in capsys.readouterr().err


async def _guards(url: str) -> tuple[str, int, int, int, int]:
    """The page as fetched under another name for this machine; the websocket's answer to a
    page of another site, and to a page of this server; then a DNS-rebinding page (another
    host name that resolves here, Origin and Host agreeing): its page and its websocket."""
    import aiohttp

    port = url.rstrip("/").rsplit(":", 1)[1]
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"Host": f"localhost:{port}"}) as response:
            page = await response.text()
        statuses = []
        for origin in ("http://evil.example", f"http://127.0.0.1:{port}"):
            try:
                async with session.ws_connect(f"{url}ws", origin=origin) as ws:
                    statuses.append(101)
                    await ws.close()
            except aiohttp.WSServerHandshakeError as exc:
                statuses.append(exc.status)
        rebound = f"evil.example:{port}"
        async with session.get(url, headers={"Host": rebound}) as response:
            rebound_page = response.status
        try:
            async with session.ws_connect(
                f"{url}ws", origin=f"http://{rebound}", headers={"Host": rebound}
            ) as ws:
                rebound_ws = 101
                await ws.close()
        except aiohttp.WSServerHandshakeError as exc:
            rebound_ws = exc.status
    return page, statuses[0], statuses[1], rebound_page, rebound_ws


def test_the_server_guards_its_websocket_and_stops_on_ctrl_c_with_exit_0(path: Path) -> None:
    env = {**os.environ, "CJM_LANG": "en"}
    server = subprocess.Popen(
        [sys.executable, "-m", "cjm_tui", "serve", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        first = first_line(server)  # printed once the port is bound
        assert first.startswith("cjm serve: map.toml at http://127.0.0.1:")
        url = first.split(" at ", 1)[1].strip()
        page, foreign, own, rebound_page, rebound_ws = asyncio.run(_guards(url))
        # The page's websocket address is the one this browser used, not the bind address.
        assert f"ws://localhost:{url.rstrip('/').rsplit(':', 1)[1]}/ws" in page
        assert foreign == 403  # a page of another site cannot drive the editor
        assert own == 101
        assert rebound_page == 403  # served on loopback: only loopback names
        assert rebound_ws == 403
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        assert "Traceback" not in err
        assert not lock_path(path).exists()  # the tab's editor quit with the server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


SERVER = """
import asyncio, sys
from cjm_tui.cli import webserver

webserver.STOP_GRACE_SECONDS = webserver.TERM_GRACE_SECONDS = 1.0  # not the real 5 and 4
webserver.CLOSE_SECONDS = 0.5
server = webserver.CjmServer(sys.argv[1], host="127.0.0.1", port=0, title="stub")
asyncio.run(server.run_until_stopped(lambda bound: print(bound[0][1], flush=True)))
"""
STUCK_EDITOR = """
import os, signal, sys, time

pid = sys.argv[2]


def terminated(signum, frame):  # as `cjm edit` does: keep a draft, then quit
    open(pid + ".draft", "w").close()
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, signal.SIG_IGN if sys.argv[1] == "deaf" else terminated)
with open(pid + ".part", "w") as out:
    out.write(str(os.getpid()))
os.replace(pid + ".part", pid)
sys.stdout.write("__GANGLION__\\n")  # textual-serve's sign of an app that started
sys.stdout.flush()
time.sleep(120)  # never reads the quit request
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _stop_with_a_tab_open(server: subprocess.Popen[str], port: int, pid_file: Path) -> int:
    """Open a tab, wait for its editor, stop the server while the tab is still open; the
    editor's pid."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/ws"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, origin=f"http://127.0.0.1:{port}"),
    ):
        async with asyncio.timeout(60):
            while not pid_file.exists():
                assert server.poll() is None, server.communicate()[1]
                await asyncio.sleep(0.05)
        editor = int(pid_file.read_text())
        server.send_signal(signal.SIGTERM)  # to the server alone, not to its tab's editor
        await asyncio.get_running_loop().run_in_executor(None, server.wait, 60)
    return editor


@pytest.mark.parametrize("editor", ["ignores quit", "deaf"])
def test_a_tab_whose_editor_does_not_quit_is_ended_with_the_server(
    editor: str, tmp_path: Path
) -> None:
    """The server asks each tab's editor to quit, then sends SIGTERM (the editor keeps its
    draft), then kills it: it stops with exit 0, no editor outlives it, and no traceback (an
    editor still running when the event loop closed printed one, about its pipes)."""
    pid_file = tmp_path / "editor.pid"
    stub = tmp_path / "stuck_editor.py"
    stub.write_text(STUCK_EDITOR, encoding="utf-8")
    command = serve.shell_command([sys.executable, str(stub), editor, str(pid_file)])
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    pid = None
    try:
        port = int(first_line(server))
        pid = asyncio.run(_stop_with_a_tab_open(server, port, pid_file))
        _, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        assert "Traceback" not in err and "is closed" not in err, err
        assert not _alive(pid), "the tab's editor outlived the server"
        # SIGTERM came before the kill: an editor that can keep its draft does
        assert (tmp_path / "editor.pid.draft").exists() is (editor == "ignores quit")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        if pid is not None and _alive(pid):
            os.kill(pid, signal.SIGKILL)
