"""`cjm edit FILE` (or just `cjm FILE`): the editor."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cjm_tui.cli import output

if TYPE_CHECKING:
    from cjm_tui.editing.openmap import OpenMap
    from cjm_tui.model.problems import Problem
    from cjm_tui.tui.themes import ThemeSetup


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "edit",
        help="open the editor on a map (a missing file starts a new map)",
        description="Open the keyboard-driven editor. A missing FILE starts a new map, written "
        "on the first save; a file that is not a valid map is refused (errors printed, exit 2) "
        "and never written to. Press ? in the editor for its keys.",
    )
    p.add_argument("file", metavar="FILE")
    add_lang_option(p)
    add_theme_option(p)
    p.add_argument(
        "--read-only",
        action="store_true",
        help="look without changing: every edit and save is refused, and the map follows the "
        "other editors' changes live (another `cjm edit` of the same map on this machine joins "
        "it and edits it together)",
    )
    p.set_defaults(run=run)


FIRST_LOOK_BYTES = 100_000
"""From this size on, the editor paints from a first look while the whole file loads."""


def add_lang_option(p: argparse.ArgumentParser) -> None:
    """`--lang en|pl|ru`: the editor's language (for `cjm edit` and anything that runs it)."""
    p.add_argument(
        "--lang",
        metavar="LANG",
        help="the interface's language: en, pl or ru (default: $CJM_LANG, else the locale)",
    )


def language_of(args: argparse.Namespace) -> str | None:
    """The language to run the editor in: `--lang`, else $CJM_LANG, else the locale.

    An unknown `--lang` is told in one line on stderr and gives None (exit 2); an unknown
    $CJM_LANG or locale falls back to English.
    """
    from cjm_tui.i18n import LANGUAGES, detect

    explicit = getattr(args, "lang", None)
    if explicit is not None and explicit.strip().lower() not in LANGUAGES:
        output.error(f"unknown language {explicit!r} for --lang: choose {', '.join(LANGUAGES)}")
        return None
    return detect(explicit.strip().lower() if explicit else None)


def add_theme_option(p: argparse.ArgumentParser) -> None:
    """`--theme NAME`: the editor's colours, remembered for next time."""
    p.add_argument(
        "--theme",
        metavar="NAME",
        help="the editor's colours: dark, light, high-contrast, ansi (the terminal's own "
        "colours, good over SSH) or any Textual theme name; remembered for next time, like a "
        "choice in the editor's command palette (ctrl+p, Change theme)",
    )


def theme_of(args: argparse.Namespace) -> ThemeSetup | None:
    """The theme to run the editor in: `--theme`, else the remembered one, else dark.

    An unknown `--theme` is told in one line on stderr, naming the themes, and gives None
    (exit 2). A broken settings file is not an error here: the editor shows its warning.
    """
    from cjm_tui.tui.themes import UnknownTheme, choose_theme

    try:
        return choose_theme(getattr(args, "theme", None))
    except UnknownTheme as exc:
        output.error(str(exc))
        return None


def run(args: argparse.Namespace) -> int:
    # No garbage collection until the first frame is out (the app turns it back on, with
    # what start-up built frozen): start-up allocates much and frees little, and the
    # collections it triggers cost about 30 ms of the first paint (benchmarks/bench_tui.py).
    gc.disable()
    lang = language_of(args)
    if lang is None:
        return 2
    if theme_of(args) is None:  # an unknown --theme, refused in one line
        return 2
    missing = no_terminal()
    if missing is not None:
        # Before any lock, draft or read: without a terminal the editor would run blind
        # (a pipe, cron, an editor's task runner) and nobody could quit it.
        output.error(
            f"cjm edit needs a terminal, and its {missing} is not one: run it in a terminal "
            "(for a script, use cjm check, show, add or export)"
        )
        return 2
    path = Path(args.file)
    if path.is_dir():
        return _folder(path, args, lang)
    return _edit(args.file, args, lang)


WEB_DRIVER_VARIABLE = "TEXTUAL_DRIVER"
"""Set by textual-serve for each browser tab's `cjm edit` (`cjm serve`): no terminal needed."""


def no_terminal() -> str | None:
    """Which of stdin and stdout is not a terminal ("input", "output"), or None when both are
    (or the editor runs in a browser tab under `cjm serve`)."""
    if os.environ.get(WEB_DRIVER_VARIABLE):
        return None
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            if stream is None or not stream.isatty():
                return name
        except (AttributeError, ValueError):  # closed or replaced by something odd
            return name
    return None


def _folder(folder: Path, args: argparse.Namespace, lang: str) -> int:
    """The folder's maps as a list; the editor on the one chosen; back to the list after."""
    from cjm_tui.editing.userconfig import load_config
    from cjm_tui.i18n import set_language
    from cjm_tui.tui.folder_app import FolderApp
    from cjm_tui.tui.keymap import user_keys
    from cjm_tui.tui.themes import choose_theme

    highlight: Path | None = None
    while True:
        set_language(lang)
        config = load_config()
        app = FolderApp(
            folder,
            highlight,
            theme=choose_theme(getattr(args, "theme", None), config),
            keys=user_keys(config),
        )
        chosen = app.run()
        if chosen is None:
            return 0
        gc.disable()  # the editor's start-up, as above
        highlight = chosen
        code = _edit(str(chosen), args, lang)
        if code not in (0, 2):
            return code  # a signal (SIGHUP...) ended the editor: do not come back


def _edit(file: str, args: argparse.Namespace, lang: str) -> int:
    from cjm_tui.editing.openmap import OpenMap
    from cjm_tui.i18n import set_language
    from cjm_tui.store import InvalidMap, StoreError

    set_language("en")  # what `cjm edit` prints about a file is English, like `cjm check`
    try:
        om = _first_look(Path(file)) or OpenMap.open(file)
    except StoreError as exc:
        output.error(str(exc))
        return 2
    except InvalidMap as exc:
        return _refused(file, exc.problems)
    from cjm_tui.editing.userconfig import load_config
    from cjm_tui.tui.app import CjmApp
    from cjm_tui.tui.keymap import user_keys
    from cjm_tui.tui.themes import choose_theme

    # After the map is read: the editor speaks the interface's language.
    set_language(lang)
    # The settings again, now in the editor's language (it shows their warnings), read once
    # for both the theme and the keys; `--theme` was checked above, so this cannot refuse.
    config = load_config()
    theme = choose_theme(getattr(args, "theme", None), config)
    om.read_only = bool(getattr(args, "read_only", False))
    # The first editor of a map hosts it; the next ones join it (see cjm_tui/together/).
    app = CjmApp(om, lock=True, theme=theme, keymap=user_keys(config))
    try:
        code = app.run()
    finally:
        app.release()
    if app.load_error:
        output.error(app.load_error)
        return 2
    if app.load_problems:
        return _refused(file, app.load_problems)
    return code or 0


def _first_look(path: Path) -> OpenMap | None:
    """A map to paint from before the whole of a large file is read, or None."""
    from cjm_tui.editing.openmap import OpenMap
    from cjm_tui.store.preview import first_look

    try:
        if path.stat().st_size < FIRST_LOOK_BYTES:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the full load reports it properly
    look = first_look(text)
    return OpenMap.loading(path, look) if look is not None else None


def _refused(name: str, problems: list[Problem]) -> int:
    for problem in problems:
        output.print_problem(problem, output.stderr())
    output.error(
        f"{name}: not a valid map; the editor did not open it and the file was not changed"
    )
    return 2
