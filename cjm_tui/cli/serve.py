"""`cjm serve FILE`: the editor in a browser tab (textual-serve), one `cjm edit` per tab.

Bound to 127.0.0.1 unless `--host` says otherwise. Off loopback the server asks every request
for a secret token, like Jupyter: the printed address carries it (`?token=...`), a request
without it gets 403, and a warning says that anyone with the address can edit the map. The token
is new on each start (`secrets.token_urlsafe(32)`) unless the environment variable
CJM_SERVE_TOKEN sets it (for scripts and tests). On loopback there is no token.
Tabs on one map, and terminals on it, edit it together (see `cjm_tui/together/`).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import secrets
import shlex
import sys
from pathlib import Path
from urllib.parse import urlencode

from cjm_tui.cli import edit, output
from cjm_tui.sanitize import clean_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PASSED_ON = "passed on to each tab's `cjm edit`"
WILDCARDS = ("", "0.0.0.0", "::")
"""Hosts that mean every address of this machine."""
TOKEN_VARIABLE = "CJM_SERVE_TOKEN"
"""The environment variable that fixes the token off loopback (else a new one each start)."""
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9._~-]+")
"""What a token may hold: it goes into an address and a cookie as it is."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="the editor in a browser tab (textual-serve), on 127.0.0.1 unless --host",
        description="Serve the editor on FILE to a web browser: each browser tab runs its own "
        "`cjm edit FILE`; tabs and terminals on one map edit it together. "
        f"Listens on {DEFAULT_HOST} only unless --host says otherwise; then the printed "
        "address carries a secret token (?token=...), requests without it are refused, and "
        "anyone with the whole address can edit the map. The token is new on each start "
        f"unless the environment variable {TOKEN_VARIABLE} sets it. Ctrl+C stops.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}, this machine only); another "
        "address lets other machines reach the editor, with a secret token in the printed "
        "address",
    )
    for action in _edit_options():
        p._add_action(action)
    p.set_defaults(run=run)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def _edit_options() -> list[argparse.Action]:
    """`cjm edit`'s own options (like --read-only), offered by `cjm serve` too."""
    sub = argparse.ArgumentParser(add_help=False).add_subparsers()
    edit.add_parser(sub)
    found: list[argparse.Action] = []
    for action in sub.choices["edit"]._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            action.help = f"{action.help} ({PASSED_ON})" if action.help else PASSED_ON
            found.append(action)
    return found


def edit_arguments(args: argparse.Namespace) -> list[str]:
    """The options of `cjm edit` given to `cjm serve`, as command-line words again."""
    words: list[str] = []
    for action in _edit_options():
        value = getattr(args, action.dest, action.default)
        if value == action.default or value is None:
            continue
        flag = action.option_strings[-1]
        if action.nargs == 0:  # store_true / store_false / store_const
            words.append(flag)
        elif isinstance(value, list | tuple):
            for item in value:
                words += [flag, str(item)]
        else:
            words += [flag, str(value)]
    return words


def is_loopback(host: str) -> bool:
    """Only this machine can connect (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell before listening on `host`, or None for this machine only."""
    if is_loopback(host):
        return None
    where = host or "every address"
    return (
        f"cjm serve: warning: listening on {where}: anyone with the address including its "
        "token can open and edit the map; share it only with the people in the room. The "
        "connection is not encrypted: use this only on a network you trust."
    )


def token_for(host: str) -> str | None:
    """The token that requests must carry when serving on `host`: None on loopback; else
    CJM_SERVE_TOKEN when set and not empty, or a new random one. ValueError when
    CJM_SERVE_TOKEN holds what cannot go into an address as it is."""
    if is_loopback(host):
        return None
    given = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not given:
        return secrets.token_urlsafe(32)
    if not TOKEN_CHARACTERS.fullmatch(given):
        raise ValueError(
            f"{TOKEN_VARIABLE} may hold only letters, digits and the characters - _ . ~"
        )
    return given


def tab_command(path: Path, args: argparse.Namespace) -> str:
    """The shell command each browser tab runs: this Python, `cjm edit FILE`, its options."""
    words = [sys.executable, "-m", "cjm_tui", "edit", str(path.absolute())]
    return shell_command([*words, *edit_arguments(args)])


def shell_command(words: list[str]) -> str:
    """textual-serve runs each tab's command in a shell; `exec` makes the shell the program, so
    the server's SIGTERM or kill reaches the editor itself (Debian's sh waits for it as a
    child instead, and a killed shell left the editor running, orphaned)."""
    return "exec " + shlex.join(words)


def url_for(host: str, port: int, token: str | None = None) -> str:
    name = host.strip("[]")
    if name in WILDCARDS:
        name = "127.0.0.1"  # listening everywhere: this machine's own address works here
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}/{_query(token)}"


def _query(token: str | None) -> str:
    return "" if token is None else "?" + urlencode({"token": token})


INSTALL_SERVE = "pip install 'cjm-tui[serve]'"
"""The browser part (textual-serve and its web server) is an extra: most users never serve."""
SERVE_EXTRA_MODULES = frozenset({"textual_serve", "aiohttp"})
"""The top-level modules the `[serve]` extra installs."""


def run(args: argparse.Namespace) -> int:
    from cjm_tui.editing.openmap import OpenMap
    from cjm_tui.store import InvalidMap, StoreError

    try:
        from cjm_tui.cli.webserver import CannotListen, CjmServer
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] in SERVE_EXTRA_MODULES:
            output.error(
                f"cjm serve needs its browser part, which is not installed: {INSTALL_SERVE}"
            )
        else:  # pragma: no cover - a broken install
            output.error(f"cjm serve cannot start its browser part ({exc}): {INSTALL_SERVE}")
        return 2
    path = Path(args.file)
    # What each tab's `cjm edit` would refuse (an unknown --lang or --theme) is refused here.
    if edit.language_of(args) is None or edit.theme_of(args) is None:
        return 2
    try:  # the same door as `cjm edit`: a file that is not a map is never served
        OpenMap.open(path)
    except StoreError as exc:
        output.error(str(exc))
        return 2
    except InvalidMap as exc:
        return edit._refused(args.file, exc.problems)
    try:
        token = token_for(args.host)
    except ValueError as exc:
        output.error(f"cjm serve: {exc}")
        return 2
    warning = exposure_warning(args.host)
    if warning:
        output.stderr().print(clean_line(warning), style="yellow")
    server = CjmServer(
        tab_command(path, args),
        host=args.host,
        port=args.port,
        title=f"cjm — {path.name}",
        token=token,
    )

    def ready(addresses: list[tuple[str, int]]) -> None:
        port = addresses[0][1] if addresses else args.port
        out = output.stdout()
        out.print(clean_line(f"cjm serve: {path.name} at {url_for(args.host, port, token)}"))
        if args.host.strip("[]") in WILDCARDS:
            import socket

            there = f"http://{socket.gethostname()}:{port}/{_query(token)}"
            out.print(clean_line(f"From other machines: {there}"))
        out.print("Open it in a browser; each tab is an editor. Ctrl+C stops.")
        sys.stdout.flush()

    import asyncio

    try:
        asyncio.run(server.run_until_stopped(ready))
    except CannotListen as exc:
        why = _why(exc.error)
        output.error(f"cjm serve: cannot listen on {args.host} port {args.port}: {why}")
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def _why(exc: OSError) -> str:
    import errno

    if exc.errno == errno.EADDRINUSE:
        return "the port is in use (choose another with --port)"
    return exc.strerror or str(exc)
