"""The editor app: one open map, the main screen, saving and quitting with care."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.content import Content
from textual.filter import LineFilter
from textual.screen import Screen

from cjm_tui.editing.lock import lock_path
from cjm_tui.editing.openmap import EditError, OpenMap, SaveResult
from cjm_tui.editing.userconfig import ConfigError, remember
from cjm_tui.i18n import N_, _, _n, translate
from cjm_tui.model.problems import Problem
from cjm_tui.sanitize import clean_line
from cjm_tui.store import InvalidMap, MapFile, StoreError, WriteError
from cjm_tui.tui import bindings
from cjm_tui.tui.collector import CHECK_SECONDS, IdleCollector
from cjm_tui.tui.commands import CjmCommands
from cjm_tui.tui.drafts import DraftKeeper
from cjm_tui.tui.keymap import KeySetup, user_keys
from cjm_tui.tui.notify import tell
from cjm_tui.tui.readonly import following_note, opened_note, refusal
from cjm_tui.tui.screens.main import MainScreen
from cjm_tui.tui.themes import ThemeSetup, palette_filter, register_themes

if TYPE_CHECKING:
    from cjm_tui.together.link import SaveAnswer
    from cjm_tui.together.people import Person
    from cjm_tui.together.session import Session

TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own command palette entries (`get_system_commands` shows them translated)."""


REFUSAL_SECONDS = 4.0
"""How long "read-only" stays up after a refused key (more keys meanwhile add no more)."""


class CjmApp(bindings.TranslatedBindings, App[int]):
    """`cjm edit FILE`. Holds the open map; the main screen shows and edits it."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "cjm"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.APP)
    COMMANDS = App.COMMANDS | {CjmCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        om: OpenMap,
        keymap: Mapping[str, str] | KeySetup | None = None,
        lock: bool = False,
        theme: ThemeSetup | None = None,
    ) -> None:
        super().__init__()
        if keymap is None:
            keymap = user_keys()  # config.toml's [keys], and the old keymap.toml
        self._keys = keymap if isinstance(keymap, KeySetup) else KeySetup(dict(keymap))
        """The person's keys (binding id -> keys; tests give a plain dict), and what to tell
        about them once the editor is up."""
        # The one place user keys reach the bindings: Textual applies the keymap by id
        # wherever it reads a node's bindings, so every screen, even one opened later, has them.
        if self._keys.keys:
            self.set_keymap(self._keys.keys)
        self._theme_setup = theme or ThemeSetup()
        """The theme to start in (`cjm edit --theme`, else the remembered one) and where the
        next choice is remembered (None in tests: nowhere)."""
        self._saved_theme = self._theme_setup.saved
        self._theme_ready = False
        register_themes(self)
        self.theme = self._theme_setup.name
        self._palette_filter = palette_filter(self.current_theme)
        self.om = om
        self._want_lock = lock
        self.session: Session | None = None
        """`lock=True` (`cjm edit`): this editor's place among the editors of the map (it
        hosts the map, or joins the one that does); None: the map is not shared (tests)."""
        self.people: list[Person] = []
        """Who has the map open, this editor included (the header counts them)."""
        self._refused_at = -REFUSAL_SECONDS
        self.collector = IdleCollector()
        self._then_quit = False
        """A shared save was asked for by the quit guard: quit once it is answered."""
        self.main = MainScreen(om)
        self.drafts = DraftKeeper(
            self,
            lambda: self.om,
            lambda: self.main.refresh_views(),
            keeps=lambda: self.session is None or self.session.keeps_draft,
        )
        """The recovery draft of unsaved changes: autosave, signals, the offer on open."""
        self.load_problems: list[Problem] = []
        """Why the full load refused the file (the app then exits with 2; the CLI prints)."""
        self.load_error: str | None = None

    def format_title(self, title: str, sub_title: str) -> Content:
        """File name (with the unsaved marker) first, so a long title cannot hide them."""
        if not sub_title:
            return Content(title)
        return Content.assemble((sub_title, "bold"), (" — ", "dim"), (title, "dim"))

    def get_default_screen(self) -> Screen[Any]:
        # The map's screen is the app's first screen: pushing it over Textual's blank one
        # would compose, style and resume two screens before the first frame.
        return self.main

    async def on_mount(self) -> None:
        if self.om.is_loading:
            # Painted from the first look; read the whole file once that frame is out (a
            # worker started earlier would compete with the first frame for the interpreter).
            self.set_timer(0.15, self._start_loading)
        else:
            self.call_after_refresh(self._settle_memory)
            self.call_after_refresh(self._prepare_save)
        if self._keys.notice:
            tell(self, self._keys.notice, title=_("Keys"), timeout=12)
        # A broken config.toml is told by both its keys and its theme: say it once.
        for warning in dict.fromkeys([*self._keys.warnings, self._theme_setup.warning]):
            if warning:
                tell(self, warning, severity="warning", timeout=8)
        self._theme_ready = True
        if self._theme_setup.explicit:
            self._remember_theme(self.theme)
        if self.om.is_loading:
            self.drafts.start()
        elif self._want_lock and lock_path(self.om.path).exists():
            await self._start_together()  # another editor may host it: join before any key
            self.drafts.start()  # after the session: only the editor that hosts keeps a draft
        else:
            # Nobody else has it open: this editor will host it, from whatever it holds by
            # then, and keeps the draft; hosting (the socket, the file watcher, their
            # imports) waits for the first frame.
            self.drafts.start()
            # (The coroutine is made then: an editor quit before that frame leaves none
            # behind unawaited.)
            self.call_after_refresh(self._host_after_first_frame)

    def _host_after_first_frame(self) -> None:
        self.run_worker(self._start_together(), group="together")

    async def _start_together(self) -> None:
        """Host the map or join the editor that does (see `cjm_tui/together/`)."""
        if not self._want_lock:
            return
        from cjm_tui.together.session import Session

        self.session = session = Session(self.om, self, follow=self.om.read_only)
        await session.start()
        if self.main.is_mounted:
            self.main.refresh_views()
        if session.follow:
            note = following_note(self.om, hosted=session.role == "guest")
            tell(self, note, severity="warning", title=_("Read-only"), timeout=12)
        elif self.om.read_only:
            note = opened_note(self.om, session.apart)
            tell(self, note, severity="warning", title=_("Read-only"), timeout=20)
        elif session.warning:
            tell(self, session.warning, severity="warning", timeout=10)
        elif session.role == "guest":
            tell(
                self,
                _n(
                    "{n} other editor has this map open: you edit it together.",
                    "{n} other editors have this map open: you edit it together.",
                    session.others,
                ),
                timeout=6,
            )

    def _settle_memory(self) -> None:
        """The collector on again (`cjm edit` starts with it off), full collections only at
        quiet moments (`tui/collector.py`)."""
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.tick, name="collector")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.collector.input()
        await super().on_event(event)

    async def on_unmount(self) -> None:
        self.collector.stop()
        self.drafts.stop()
        if self.session is not None:
            await self.session.stop()

    def release(self) -> None:
        """After the app has ended: make sure the lock and the socket are gone."""
        if self.session is not None:
            self.session.close_now()

    def refuse_read_only(self) -> bool:
        """When the map is read-only, say so in one line and return True."""
        if not self.om.read_only:
            return False
        now = monotonic()
        if now - self._refused_at > REFUSAL_SECONDS:  # one notice at a time, not a pile
            self._refused_at = now
            holder = self.session.apart if self.session is not None else None
            tell(self, refusal(holder), severity="warning", timeout=REFUSAL_SECONDS)
        return True

    def _start_loading(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True)

    def _load(self) -> None:
        """In a worker thread: the full load, reported back to the app's thread."""
        try:
            mf = MapFile.load(self.om.path)
        except InvalidMap as exc:
            self.call_from_thread(self._load_failed, exc.problems, None)
        except StoreError as exc:
            self.call_from_thread(self._load_failed, [], str(exc))
        else:
            self.call_from_thread(self._loaded, mf)

    def _loaded(self, mf: MapFile) -> None:
        self.om.finish_loading(mf)
        self.main.refresh_views()
        self.run_worker(self._after_loading(), group="together")

    async def _after_loading(self) -> None:
        await self._start_together()  # a shared state starts from the whole map
        self.drafts.loaded()
        self._settle_memory()
        self._prepare_save()

    def _prepare_save(self) -> None:
        """The first save as quick as the next ones (`MapFile.prepare_save`), off this thread."""
        if not self.om.read_only:
            self.run_worker(
                self.om.file.prepare_save,
                name="prepare-save",
                group="prepare-save",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )

    def _load_failed(self, problems: list[Problem], error: str | None) -> None:
        self.load_problems = problems
        self.load_error = error
        self.exit(2)

    # Themes ------------------------------------------------------------------------

    def watch_theme(self, name: str) -> None:
        """Recolour the map for the theme; remember a theme chosen while the editor runs
        (the command palette's "Change theme")."""
        self._palette_filter = palette_filter(self.current_theme)
        if self._theme_ready:
            self._remember_theme(name)

    def _remember_theme(self, name: str) -> None:
        config = self._theme_setup.config
        if config is None or name == self._saved_theme:
            return
        try:
            remember("theme", name, config)
        except ConfigError as exc:
            tell(self, str(exc), severity="warning", title=_("Theme not remembered"), timeout=8)
            return
        self._saved_theme = name

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Map colours (curves, emotions) in the theme's palette variant, then Textual's own
        filters: a light theme gets dark curves, an ANSI theme the terminal's colours."""
        found = super().get_line_filters()
        own = self._palette_filter
        return [own, *found] if own.enabled else found

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a look-only screen (the presentation) is open, nothing changes the map; on a
        screen where letters are typed into cells (the journey grid) `q` and `?` are letters."""
        edits = action in ("save", "undo", "redo")
        if action in ("quit", "help") and getattr(self.screen, "TYPES_LETTERS", False):
            return False  # there `q` and `?` are typed into a cell: the footer must not offer them
        return not (edits and any(getattr(s, "LOOK_ONLY", False) for s in self.screen_stack))

    # Files -------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, force: bool = False, then_quit: bool = False) -> None:
        from cjm_tui.tui.screens.choice import changed_on_disk

        if self.refuse_read_only():
            return
        if self.session is not None and self.session.role in ("host", "guest"):
            # The shared map: the host writes it; the answer comes to `saved`.
            self._then_quit = then_quit
            self.session.save(force)
            return
        try:
            with self.drafts.lock:  # never while a draft is being rendered from the file
                result = self.om.save(force=force)
        except (StoreError, WriteError) as exc:
            tell(self, clean_line(str(exc)), severity="error", title=_("Not saved"), timeout=10)
            return
        if result is SaveResult.CHANGED_ON_DISK:
            self.push_screen(
                changed_on_disk(str(self.om.path)), lambda a: self._on_disk_answer(a, then_quit)
            )
            return
        self._after_save(result is SaveResult.SAVED, then_quit)

    def _after_save(self, wrote: bool, then_quit: bool) -> None:
        """This editor's save went through (its own file, or the shared map's host)."""
        self.drafts.saved(wrote=wrote)
        self.main.refresh_views()
        self._refresh_screen()
        if then_quit:
            self.exit(0)
            return
        name = clean_line(self.om.path.name)
        if wrote:
            tell(self, _("Saved {name}", name=name), timeout=2)
        else:
            tell(self, _("Nothing to save in {name}", name=name), timeout=2)

    def _on_disk_answer(self, answer: str | None, then_quit: bool) -> None:
        if answer == "overwrite":
            self.save(force=True, then_quit=then_quit)
        elif answer == "reload":
            try:
                self.om.reload()
            except Exception as exc:  # an invalid file on disk: say so, keep ours
                tell(self, clean_line(str(exc)), severity="error", title=_("Not reloaded"))
                return
            self.main.refresh_views()
            tell(self, _("Reloaded from disk; ctrl+z brings your changes back."))

    # Together: the app is its session's `Listener` (cjm_tui/together/link.py) --------

    def shared_changed(self) -> None:
        """Another editor (or the file) changed the map: show it, keeping each highlight."""
        if not self.main.is_mounted:
            return
        self.main.refresh_views()
        self._refresh_screen()
        screen = self.screen
        subject = getattr(screen, "subject_uid", None)
        if subject is not None and self.om.find(subject) is None:
            gone = getattr(screen, "subject_gone", None)
            if callable(gone):
                gone()

    def people_changed(self, people: list[Person]) -> None:
        self.people = list(people)
        if self.main.is_mounted:
            self.main.refresh_header()

    def say(self, text: str, severity: str = "information") -> None:
        if self.is_running:
            level = severity if severity in ("warning", "error") else "information"
            tell(self, clean_line(text), severity=level, timeout=8)

    def saved(self, answer: SaveAnswer, mine: bool) -> None:
        """A save of the shared map was answered (this editor's own, or someone's)."""
        from cjm_tui.tui.screens.choice import ConfirmDialog

        if not self.is_running:
            return
        then_quit = self._then_quit and mine
        if mine:
            self._then_quit = False
        name = clean_line(self.om.path.name)
        if not mine:
            if answer.wrote:
                self.drafts.saved(wrote=True)
                self.main.refresh_header()
                tell(self, _("{name} was saved by another editor", name=name), timeout=3)
            return
        if answer.ask:
            question = _(
                "{name} on disk is no longer a valid map ({why}). Overwrite it with the map "
                "as shown here?",
                name=name,
                why=clean_line(answer.why or ""),
            )

            def overwrite(yes: bool | None) -> None:
                if yes:
                    self.save(force=True, then_quit=then_quit)

            self.push_screen(ConfirmDialog(question), overwrite)
            return
        if not answer.ok:
            why = clean_line(answer.why or "")
            tell(self, why, severity="error", title=_("Not saved"), timeout=10)
            return
        self._after_save(answer.wrote, then_quit)

    def action_people(self) -> None:
        people = self.session.people if self.session is not None else []
        if len(people) <= 1:
            tell(self, _("Only you have this map open."), timeout=4)
            return
        lines = [_("In this map now:"), *(p.describe() for p in people)]
        tell(self, "\n".join(lines), title=_("People"), timeout=10)

    # Undo ----------------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.refuse_read_only():
            return
        try:
            what = self.om.undo()
        except EditError as exc:
            tell(self, clean_line(str(exc)), severity="warning", title=_("Not undone"))
            return
        self._after_history(_("Undid: {what}", what=what) if what else None, _("Nothing to undo"))

    def action_redo(self) -> None:
        if self.refuse_read_only():
            return
        try:
            what = self.om.redo()
        except EditError as exc:
            tell(self, clean_line(str(exc)), severity="warning", title=_("Not redone"))
            return
        self._after_history(_("Redid: {what}", what=what) if what else None, _("Nothing to redo"))

    def _after_history(self, done: str | None, nothing: str) -> None:
        if done is None:
            tell(self, nothing, timeout=2)
            return
        self.main.refresh_views()
        self._refresh_screen()
        self.drafts.history_moved()
        tell(self, clean_line(done), timeout=2)

    def _refresh_screen(self) -> None:
        """A screen over the map that edits it too (the journey grid) shows it anew."""
        screen = self.screen
        refresh = getattr(screen, "refresh_views", None)
        if screen is not self.main and callable(refresh):
            refresh()

    # Help and quit -----------------------------------------------------------------

    def action_help(self) -> None:
        from cjm_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self._keys.keys))

    def action_command_palette(self) -> None:
        """Textual's palette, with its search line in the interface's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette entries (theme, keys, screenshot...), translated."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=translate(command.title), help=translate(command.help))

    async def action_quit(self) -> None:
        others = self.session.others if self.session is not None else 0
        if not self.om.dirty or (others and not self.om.read_only):
            self.exit(0)  # with others in the map, they keep (and save) everyone's changes
            return
        if self.screen is not self.main:
            return  # a dialog is open: it decides first
        from cjm_tui.tui.screens.choice import quit_guard

        self.push_screen(quit_guard(), self._on_quit_answer)

    def _on_quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self.save(then_quit=True)
        elif answer == "discard":
            self.drafts.discard()
            self.exit(0)


def build_app(
    path: str | Path, keymap: Mapping[str, str] | None = None, lock: bool = False
) -> CjmApp:
    """The app on a map file (for tests). Raises InvalidMap/StoreError.

    `keymap`: binding id -> keys (None: the person's own, from config.toml and keymap.toml).
    `lock=True` hosts the map or joins the editor that does, as `cjm edit` does.
    """
    return CjmApp(OpenMap.open(path), keymap=keymap, lock=lock)
