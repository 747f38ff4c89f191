"""`cjm serve` off loopback: every request needs the secret token of the printed address.

A real `cjm serve --host 0.0.0.0` (reached at 127.0.0.1) with its token fixed by
CJM_SERVE_TOKEN, asked over HTTP without a browser; then the server in-process (aiohttp's test
server) for the cases that need no editor behind them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from cjm_tui.cli.webserver import TOKEN_COOKIE, CjmServer
from cjm_tui.editing.lock import lock_path

TOKEN = "fixed-for-the-test_0123456789"
STATIC = "static/js/textual.js"
"""A file textual-serve's page loads."""


def read_lines(proc: subprocess.Popen[str], count: int, timeout: float = 30) -> list[str]:
    """The first `count` lines the process prints, fewer if they do not come in `timeout`."""
    got: list[str] = []
    assert proc.stdout is not None
    stdout = proc.stdout

    def read() -> None:
        for _ in range(count):
            line = stdout.readline()
            if not line:
                return
            got.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    return list(got)


async def _status(session: aiohttp.ClientSession, url: str, **kwargs: object) -> int:
    async with session.get(url, **kwargs) as response:  # type: ignore[arg-type]
        await response.read()
        return response.status


async def _websocket(session: aiohttp.ClientSession, url: str, **kwargs: object) -> int:
    """101 when the websocket opens (closed again at once), else the refusal's status."""
    try:
        async with session.ws_connect(url, **kwargs) as ws:  # type: ignore[arg-type]
            await ws.close()
            return 101
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status


@dataclass
class Answers:
    without: dict[str, int] = field(default_factory=dict)
    """Status by what was asked, without any token."""
    refused_body: str = ""
    wrong: dict[str, int] = field(default_factory=dict)
    page: int = 0
    set_cookie: str = ""
    with_cookie: dict[str, int] = field(default_factory=dict)


async def _ask(base: str) -> Answers:
    """`base` (http://127.0.0.1:PORT/) asked without the token, with a wrong one, with the
    right one in the query, then with the cookie that answer set."""
    port = base.rstrip("/").rsplit(":", 1)[1]
    origin = base.rstrip("/")
    answers = Answers()
    # No cookie jar: every cookie sent below is one this test writes by hand.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        async with session.get(base) as response:
            answers.refused_body = await response.text()
            answers.without["/"] = response.status
        answers.without[STATIC] = await _status(session, base + STATIC)
        answers.without["ws"] = await _websocket(session, base + "ws", origin=origin)
        answers.without["unknown path"] = await _status(session, base + "no/such/page")

        answers.wrong["/"] = await _status(session, base + "?token=wrong")
        answers.wrong["/ (one letter off)"] = await _status(session, f"{base}?token={TOKEN}x")
        answers.wrong[STATIC] = await _status(session, f"{base}{STATIC}?token=wrong")
        wrong_cookie = {"Cookie": f"{TOKEN_COOKIE}-{port}=wrong"}
        answers.wrong["cookie " + STATIC] = await _status(
            session, base + STATIC, headers=wrong_cookie
        )
        other_port = {"Cookie": f"{TOKEN_COOKIE}-1={TOKEN}"}  # another server's cookie
        answers.wrong["cookie of another port"] = await _status(
            session, base + STATIC, headers=other_port
        )

        async with session.get(f"{base}?token={TOKEN}") as response:
            await response.read()
            answers.page = response.status
            answers.set_cookie = response.headers.get("Set-Cookie", "")
        jar: SimpleCookie = SimpleCookie(answers.set_cookie)
        cookie = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in jar.items())}
        answers.with_cookie["/"] = await _status(session, base, headers=cookie)
        answers.with_cookie[STATIC] = await _status(session, base + STATIC, headers=cookie)
        answers.with_cookie["ws"] = await _websocket(
            session, base + "ws", origin=origin, headers=cookie
        )
    return answers


def test_off_loopback_every_request_needs_the_token_of_the_printed_address(path: Path) -> None:
    env = {**os.environ, "CJM_LANG": "en", "CJM_SERVE_TOKEN": TOKEN}
    server = subprocess.Popen(
        [sys.executable, "-m", "cjm_tui", "serve", str(path), "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        first, there = read_lines(server, 2)
        assert first.startswith("cjm serve: map.toml at http://127.0.0.1:"), first
        url = first.split(" at ", 1)[1].strip()
        assert url.endswith(f"/?token={TOKEN}"), url
        assert there.startswith("From other machines: http://"), there
        assert there.strip().endswith(f"/?token={TOKEN}"), there
        base = url.split("?", 1)[0]
        port = base.rstrip("/").rsplit(":", 1)[1]

        answers = asyncio.run(_ask(base))
        assert answers.without == {"/": 403, STATIC: 403, "ws": 403, "unknown path": 403}
        assert "token" in answers.refused_body and len(answers.refused_body) < 200
        assert set(answers.wrong.values()) == {403}, answers.wrong
        assert answers.page == 200
        cookie = SimpleCookie(answers.set_cookie)[f"{TOKEN_COOKIE}-{port}"]
        assert cookie.value == TOKEN
        assert cookie["httponly"] and cookie["path"] == "/"
        assert cookie["samesite"] == "Strict"
        # The page's own requests carry no query of ours: the cookie lets them through.
        assert answers.with_cookie == {"/": 200, STATIC: 200, "ws": 101}

        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        assert "including its token" in err and "Traceback" not in err
        assert not lock_path(path).exists()  # the tab's editor quit with the server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


async def _plain(base: str) -> dict[str, tuple[int, str | None]]:
    """Status and Set-Cookie of the page and a static file, asked without any token."""
    found: dict[str, tuple[int, str | None]] = {}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        for what in ("", STATIC):
            async with session.get(base + what) as response:
                await response.read()
                found[what or "/"] = (response.status, response.headers.get("Set-Cookie"))
    return found


def test_on_loopback_no_token_is_printed_or_asked_even_with_cjm_serve_token_set(
    path: Path,
) -> None:
    env = {**os.environ, "CJM_LANG": "en", "CJM_SERVE_TOKEN": TOKEN}
    server = subprocess.Popen(
        [sys.executable, "-m", "cjm_tui", "serve", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        (first,) = read_lines(server, 1)
        assert first.startswith("cjm serve: map.toml at http://127.0.0.1:"), first
        url = first.split(" at ", 1)[1].strip()
        assert url.endswith("/") and "token" not in first
        assert asyncio.run(_plain(url)) == {"/": (200, None), STATIC: (200, None)}
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        assert "warning" not in err and "Traceback" not in err
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


def _server(token: str | None) -> CjmServer:
    return CjmServer("true", host="127.0.0.1", port=0, title="t", token=token)


async def test_without_a_token_nothing_is_asked_and_no_cookie_is_set() -> None:
    async with TestClient(TestServer(await _server(None)._make_app())) as client:
        for url in ("/", "/" + STATIC):
            response = await client.get(url)
            assert response.status == 200, url
            assert "Set-Cookie" not in response.headers


async def test_a_token_in_any_alphabet_is_compared_not_crashed_on() -> None:
    async with TestClient(TestServer(await _server("right")._make_app())) as client:
        for token in ("łódź", "%00", "", "right%20", "RIGHT"):
            response = await client.get(f"/?token={token}")
            assert response.status == 403, token
            assert "Set-Cookie" not in response.headers
        response = await client.get("/?token=right")
        assert response.status == 200
        assert "Set-Cookie" in response.headers


async def test_the_token_in_the_query_of_a_static_file_is_enough() -> None:
    async with TestClient(TestServer(await _server("right")._make_app())) as client:
        assert (await client.get(f"/{STATIC}")).status == 403
        assert (await client.get(f"/{STATIC}?token=right")).status == 200


async def test_a_host_header_that_is_no_address_is_refused_not_a_server_error() -> None:
    async with TestClient(TestServer(await _server("right")._make_app())) as client:
        for host in ("x:notaport", "x:99999", "localhost:1/?token=right", "a b"):
            response = await client.get("/", headers={"Host": host})
            assert response.status == 403, host
            assert "token" in await response.text()
