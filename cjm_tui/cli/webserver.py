"""The web server behind `cjm serve`: textual-serve, run by us so we own the start and stop.

textual-serve's `Server` runs one `cjm edit FILE` per browser tab. We keep its pages and
websocket but run the aiohttp site ourselves: so a port in use is a one-line error (not a
traceback after a banner), the URL is printed only once the port is bound, and Ctrl+C stops
cleanly with exit 0. The page builds its websocket address from the address the browser used
(textual-serve would write the bind address, `0.0.0.0`, which a browser elsewhere cannot reach).
Guards on top:
- a websocket from a page of another site is refused (a browser lets any page open a websocket
  to 127.0.0.1; without this check, any web page could drive the editor);
- served on loopback, a request for another host name is refused (DNS rebinding);
- given a token (`cjm serve` gives one off loopback), every request without it is refused with
  403: the token is the `token` query parameter of the printed address, or the cookie set by
  the page that came with it (the page's static files and websocket carry no query of ours).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import secrets
import signal
from collections.abc import Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

STOP_GRACE_SECONDS = 5.0
"""How long the open tabs' editors get to quit (and release their locks) on Ctrl+C."""
TERM_GRACE_SECONDS = 4.0
"""Then how long an editor that has not quit gets after SIGTERM (it writes its draft and quits
within 3 s of its own) before it is killed."""
CLOSE_SECONDS = 1.0
"""Once the editors have ended: how long the web server's requests and an ended editor's pipes
get to finish."""
TOKEN_PARAMETER = "token"
"""The query parameter that carries the token in the printed address."""
TOKEN_COOKIE = "cjm-serve-token"
"""The token cookie's name, followed by `-PORT`: cookies do not tell ports apart, so two
servers on one machine would otherwise overwrite each other's cookie in the browser."""
NO_TOKEN = "cjm serve: this needs the token: open the whole address cjm serve printed.\n"
"""The body of the 403 answer to a request without the token."""


class CannotListen(Exception):
    """The address or port could not be bound; `error` says why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class Tab(AppService):
    """One browser tab's `cjm edit`. Stopping it returns only once that editor has ended: asked
    to quit, then sent SIGTERM, then killed. An editor left running would outlive the server with
    the map's lock, and its pipes, closed only after the event loop, would print a traceback."""

    _ending: asyncio.Future[None] | None = None

    async def start(self, width: int, height: int) -> None:
        await super().start(width, height)
        if self._ending is not None:  # the server stopped while this editor was starting
            await self._end()

    async def stop(self) -> None:
        """Called by the tab and by the server: the first call ends the editor; a caller that
        is cancelled does not interrupt it."""
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end())
        await asyncio.shield(self._ending)

    async def _end(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STOP_GRACE_SECONDS
        with contextlib.suppress(TimeoutError):  # asks it to quit; returns once its output ends
            await asyncio.wait_for(super().stop(), STOP_GRACE_SECONDS)
        process = self._process
        if process is None:
            return
        if not await _ended(process, deadline - loop.time()):
            with contextlib.suppress(ProcessLookupError):
                process.terminate()  # it keeps its changes in a draft and quits
            if not await _ended(process, TERM_GRACE_SECONDS):
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        # The subprocess transport closes once the pipes have reported their end too.
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(TimeoutError, RuntimeError):  # RuntimeError: being read
                    await asyncio.wait_for(stream.read(), CLOSE_SECONDS)


async def _ended(process: asyncio.subprocess.Process, seconds: float) -> bool:
    """Whether the process has ended, waiting for it up to `seconds`."""
    if process.returncode is None and seconds > 0:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), seconds)
    return process.returncode is not None


class CjmServer(Server):
    """textual-serve's server, with our start/stop and the guards above. With a `token`,
    every request must carry it (None: no token, as on loopback)."""

    def __init__(
        self, command: str, host: str, port: int, title: str, token: str | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token or None
        self._tabs: set[asyncio.Task[web.WebSocketResponse]] = set()
        """One per open tab: its websocket and its `cjm edit`, until that editor has quit."""
        self._editors: set[Tab] = set()
        """The open tabs' editors, for the server to end when it stops."""
        self._stopping = False

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        if self.token is not None:  # before every route, the 404s of unknown paths too
            app.middlewares.append(token_guard(self.token))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here; `cjm serve` prints its own once bound."""

    def _foreign_host(self, request: web.Request) -> bool:
        """Served on loopback but asked for by another name: a DNS-rebinding page, whose
        Origin and Host agree with each other, would pass the origin check alone."""
        if not _is_loopback(self.host):
            return False
        return not _is_loopback(urlsplit(f"//{request.host}").hostname or "")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self._foreign_host(request):
            raise web.HTTPForbidden(text="cjm serve: unknown host name refused")
        # The page's URLs (static files, websocket) for the address this browser used; the
        # base method reads them before its first await, so no other request interleaves.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        origin = request.headers.get("Origin")
        if self._foreign_host(request):
            raise web.HTTPForbidden(text="cjm serve: unknown host name refused")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            raise web.HTTPForbidden(text="cjm serve: websocket from another site refused")
        if self._stopping:
            raise web.HTTPServiceUnavailable(text="cjm serve: stopping")
        # Shielded: on Ctrl+C the server cancels this handler, but the tab's session goes on
        # until its editor has quit (and released the map's lock); see `run_until_stopped`.
        tab = asyncio.ensure_future(self._session(request))
        self._tabs.add(tab)
        tab.add_done_callback(self._tabs.discard)
        return await asyncio.shield(tab)

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, with a tab that waits for its editor to end."""
        # timeout: how long a closing websocket waits for the browser's answer
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_SECONDS)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: Tab | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = Tab(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self._editors.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's trouble must not stop the server
            log.error("cjm serve: a browser tab failed: %s: %s", type(error).__name__, error)
        finally:
            if service is not None:
                await service.stop()
                self._editors.discard(service)
        return websocket

    async def run_until_stopped(self, ready: Callable[[list[tuple[str, int]]], None]) -> None:
        """Bind (CannotListen when the port is taken), call `ready` with the bound
        addresses, then serve until SIGINT or SIGTERM."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(
            await self._make_app(),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=CLOSE_SECONDS,  # the editors have ended by then (see below)
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            try:
                await site.start()
            except OSError as exc:
                raise CannotListen(exc) from exc
            ready([(str(a[0]), int(a[1])) for a in runner.addresses])
            await stop.wait()
        finally:
            # The editors first: the web server would otherwise wait for their websockets.
            self._stopping = True  # no new tab
            await self._end_editors()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(runner.cleanup(), STOP_GRACE_SECONDS)
            await self._end_sessions()

    async def _end_sessions(self) -> None:
        """Wait for the tabs' sessions, cancelling any still waiting on its browser: nothing
        may be left for `asyncio.run` to cancel (a tab cancelled there would leave its editor
        running, and a traceback)."""
        if self._tabs:
            _, waiting = await asyncio.wait(set(self._tabs), timeout=CLOSE_SECONDS)
            for tab in waiting:
                tab.cancel()
            await asyncio.gather(*waiting, return_exceptions=True)
        await self._end_editors()  # a tab opened as we stopped, or cancelled while it ended

    async def _end_editors(self) -> None:
        await asyncio.gather(*(editor.stop() for editor in set(self._editors)))


def token_guard(token: str) -> Middleware:
    """Middleware: a request passes with the token in its query or in its cookie, else 403.
    A response to a request whose query had the token sets the cookie (when it still can: a
    websocket's headers are gone by then), so that the page's own requests pass."""
    expected = token.encode("utf-8")

    def valid(given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode("utf-8"), expected)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        cookie = f"{TOKEN_COOKIE}-{_local_port(request)}"
        in_query = valid(request.query.get(TOKEN_PARAMETER))
        if not in_query and not valid(request.cookies.get(cookie)):
            raise web.HTTPForbidden(text=NO_TOKEN)
        response = await handler(request)
        if in_query and not response.prepared:
            response.set_cookie(cookie, token, path="/", httponly=True, samesite="Strict")
        return response

    return guard


def _local_port(request: web.Request) -> int:
    """The port this request came in on (not the Host header's, which can be anything)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        return int(sockname[1])
    return 0


def _is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (with or without brackets)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
