"""The edit form: one entry of the map (or the [map] table) in a modal, keyboard first.

The form knows nothing about maps: it shows `fields.FieldSpec`s, reads what was typed with
`fields.read` (so fields a person did not touch keep their exact value) and hands back a
dict of key -> value (None = remove the key). Whole-map rules (a duplicate id) are the
caller's, through `check`.

Map text is data: titles, labels and option names are shown as `Content` (never markup),
and the text inside inputs is drawn with control characters made visible, because Textual
passes an ESC in an Input's value straight to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static
from textual.widgets._select import SelectCurrent, SelectOverlay

from cjm_tui.editing.fields import (
    LIST_SEPARATOR,
    FieldError,
    FieldSpec,
    read,
    to_text,
    unset_meaning,
)
from cjm_tui.i18n import N_, _, translate
from cjm_tui.sanitize import clean_line
from cjm_tui.tui import bindings
from cjm_tui.tui.screens.choice import ConfirmDialog, OneAnswer

Check = Callable[[dict[str, Any]], str | None]
"""Whole-form check: returns what is wrong with the values (shown on top) or None."""

HINT = N_("ctrl+s apply · esc cancel · enter next field")

# Control characters, as one visible character each, so cursor positions still line up.
_VISIBLE = {cp: 0x2400 + cp for cp in range(0x20)}  # U+2400.. "control pictures"
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({cp: 0xFFFD for cp in range(0x80, 0xA0)})
_VISIBLE.update({cp: 0xFFFD for cp in (0x2028, 0x2029, *range(0x202A, 0x202F))})
_VISIBLE.update({cp: 0xFFFD for cp in range(0x2066, 0x206A)})
_VISIBLE_KEEP_TAB = {cp: to for cp, to in _VISIBLE.items() if cp != 0x09}


def visible(text: str, keep_tab: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in of the same length.

    Unlike `sanitize.clean_line` this keeps positions: an editor's cursor and the value it
    edits must stay in step, and the value itself is never changed.
    """
    return text.translate(_VISIBLE_KEEP_TAB if keep_tab else _VISIBLE)


class SafeInput(Input):
    """An Input that draws control characters visibly instead of sending them out raw, and
    starts with the cursor at the end of what is there (not the whole text selected: a first
    key typed must add to it, never replace it).

    Rich drops some control characters (BEL, BS, VT, FF, CR) when it builds the text, which
    would put the cursor out of step with the value; the stand-ins keep every position.
    """

    def __init__(self, value: str, *, items: bool = False, **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)
        self.items = items
        """A list field: a pasted text's lines become items (`; `) instead of being cut."""

    @property
    def _value(self) -> Text:  # Input's own hook for "value as drawn"
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")

    def _on_focus(self, event: events.Focus) -> None:
        # Textual then runs Input's own handler too (each class's, along the MRO).
        self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        if self.items and ("\n" in event.text or "\r" in event.text):
            event.prevent_default()
            event.stop()
            lines = [line.strip() for line in event.text.splitlines() if line.strip()]
            self.insert_text_at_cursor(LIST_SEPARATOR.join(lines))
        # else Input's own handler runs next (each class's runs, along the MRO)


class _Overlay(SelectOverlay):
    """The open list of a dropdown; a page key that arrives before its first layout (keys in a
    burst right after the list opened) does nothing instead of failing in Textual's
    `OptionList._move_page` (its lines are not measured yet)."""

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        if (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)


class FormSelect(Select[str]):
    """A dropdown that opens on a typed letter and jumps to the first option it starts (the
    open list's own type-to-search takes the letters that follow)."""

    class Picked(Message):
        """An option was chosen in the open list (the one already set too): the form moves
        on, as `enter` does from any other field."""

        def __init__(self, select: FormSelect) -> None:
            super().__init__()
            self.select = select

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    @on(SelectOverlay.UpdateSelection)
    def _picked(self) -> None:
        # Runs before Select's own handler, which sets the value; the form reads it later.
        self.post_message(self.Picked(self))

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded or not event.is_printable or event.character in (None, " "):
            return
        event.stop()
        event.prevent_default()
        self.action_show_overlay()
        self.query_one(SelectOverlay).post_message(events.Key(event.key, event.character))


FieldWidget = SafeInput | Select[str] | Checkbox


def _bool_words(checked: bool, original: Any, meaning: str | None = None) -> Content:
    """A checkbox's state in words: Textual's box differs only by colour, not by shape.
    `meaning` says what an unset key is worked out to be (a quick win from effort and impact)."""
    if checked:
        return Content(_("yes"))
    if original is None:
        return Content(meaning or _("no (not set)"))
    return Content(_("no"))


def field_id(key: str) -> str:
    """The DOM id of a key's widget (`field-name`); labels, help and errors follow suit."""
    return f"field-{key}"


class EditForm(OneAnswer, bindings.TranslatedBindings, ModalScreen[dict[str, Any] | None]):
    """Edit the values of `specs`; dismisses with every key's new value, or None on cancel."""

    CSS_PATH = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FORM)

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        values: dict[str, Any],
        check: Check | None = None,
        focus_key: str | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.specs = list(specs)
        self.values = dict(values)
        self.check = check
        self.focus_key = focus_key
        self.widgets: dict[str, FieldWidget] = {}
        self.subject_uid: int | None = None
        """The entry this form edits, when it edits one (the app tells the form when another
        editor deletes it)."""
        self.subject_gone_note = ""

    # Building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            message = Static(Content(""), id="form-error", markup=False)
            message.display = False
            yield message
            with VerticalScroll(id="form-fields", can_focus=False):
                for spec in self.specs:
                    yield from self._field(spec)
            yield Static(Content(translate(HINT)), id="form-hint", markup=False)

    def _field(self, spec: FieldSpec) -> ComposeResult:
        key = spec.key
        with Vertical(classes="field", id=f"box-{key}"):
            label = spec.label + (" *" if spec.required else "")
            yield Static(Content(clean_line(label)), classes="field-label", id=f"label-{key}")
            widget = self._widget(spec)
            self.widgets[key] = widget
            yield widget
            if spec.help:
                yield Static(Content(clean_line(spec.help)), classes="field-help", id=f"help-{key}")
            error = Static(Content(""), classes="field-error", id=f"error-{key}")
            error.display = False
            yield error

    def _widget(self, spec: FieldSpec) -> FieldWidget:
        value = self.values.get(spec.key)
        wid = field_id(spec.key)
        classes = f"field-input kind-{spec.kind}"
        if spec.kind == "bool":
            meaning = unset_meaning(spec.key, self.values)
            return Checkbox(
                _bool_words(bool(value), value, meaning),
                bool(value),
                id=wid,
                classes=classes,
                compact=True,
            )
        if spec.kind in ("choice", "ref"):
            current = value if isinstance(value, str) and value else None
            options = list(spec.choices)
            if current is not None and current not in options:
                options.append(current)  # keep what the file says selectable, even if unknown
            return FormSelect(
                [(self._option(spec, o), o) for o in options],
                prompt=_("(not set)") if not spec.required else _("(choose)"),
                # A required reference with no value yet starts blank rather than silently
                # picking the first option: applying then says it needs a choice.
                allow_blank=not spec.required or current is None,
                value=Select.NULL if current is None else current,
                id=wid,
                classes=classes,
                compact=True,
            )
        return SafeInput(
            to_text(spec, value),
            items=spec.kind in ("list", "refs"),
            id=wid,
            classes=classes,
            compact=True,
        )

    @staticmethod
    def _option(spec: FieldSpec, choice: str) -> Text:
        # Text, not Content: the open list's type-to-search reads only str or Text prompts.
        name = spec.names.get(choice)
        return Text(clean_line(f"{choice} · {name}" if name else choice))

    def on_mount(self) -> None:
        self.query_one("#form-box").border_title = Content(clean_line(self.form_title))
        first = self.focus_key if self.focus_key in self.widgets else None
        if first is None and self.specs:
            first = self.specs[0].key
        if first is not None:
            self.widgets[first].focus()
        self._as_opened = self._typed()

    def _typed(self) -> dict[str, object]:
        """What every field holds now, as the person sees it (to tell a changed form)."""
        return {key: widget.value for key, widget in self.widgets.items()}

    @property
    def changed(self) -> bool:
        """Whether anything was typed, picked or ticked since the form opened."""
        return self._typed() != self._as_opened

    def _current(self) -> dict[str, Any]:
        """Every field's value as it stands, the original where the text does not read."""
        values: dict[str, Any] = {}
        for spec in self.specs:
            try:
                values[spec.key] = self._read(spec)
            except FieldError:
                values[spec.key] = self.values.get(spec.key)
        return values

    def _relabel_boxes(self) -> None:
        """Each checkbox's words, with what "not set" now works out to."""
        current: dict[str, Any] | None = None
        for key, widget in self.widgets.items():
            if isinstance(widget, Checkbox):
                current = current if current is not None else self._current()
                meaning = unset_meaning(key, current)
                widget.label = _bool_words(widget.value, self.values.get(key), meaning)

    def on_checkbox_changed(self) -> None:
        self._relabel_boxes()

    def on_select_changed(self) -> None:
        self._relabel_boxes()  # a quick win is worked out from effort and impact

    # Keys --------------------------------------------------------------------------

    def action_cancel(self) -> None:
        """Close; a form with changes asks first, so a stray escape never loses typing."""
        if not self.changed:
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(_("Discard the changes in this form?")), answer)

    def action_enter(self) -> None:
        """Enter moves on: the next field, or apply on the last. A closed dropdown opens
        instead (it never applies the form); an open one takes its choice itself."""
        focused = self.focused
        if isinstance(focused, Select) and focused in self.widgets.values():
            if not focused.expanded:
                focused.action_show_overlay()
            return
        if isinstance(focused, Input | Checkbox) and focused in self.widgets.values():
            self._next_or_apply(focused)
            return
        raise SkipAction()  # an open dropdown's choice, a button, ...

    @on(FormSelect.Picked)
    def _after_pick(self, event: FormSelect.Picked) -> None:
        """A choice made with `enter` moves on to the next field (never applies the form: on
        the last field the focus stays), so `enter` walks the whole form, dropdowns too."""
        keys = [s.key for s in self.specs]
        index = next((i for i, k in enumerate(keys) if self.widgets[k] is event.select), None)
        if index is not None and index < len(keys) - 1:
            self.call_after_refresh(self.widgets[keys[index + 1]].focus)

    def _next_or_apply(self, widget: Widget) -> None:
        keys = [s.key for s in self.specs]
        index = next(i for i, k in enumerate(keys) if self.widgets[k] is widget)
        if index == len(keys) - 1:
            self.action_apply()
        else:
            # At once, not `focus()` (which waits for the app's next turn): the keys typed
            # right after enter, when they come in one burst (a lagging SSH connection), must
            # land in the next field.
            self.set_focus(self.widgets[keys[index + 1]])

    # Applying ----------------------------------------------------------------------

    def _read(self, spec: FieldSpec) -> Any:
        """The value a field now holds; raises FieldError for text that is no value."""
        widget = self.widgets[spec.key]
        original = self.values.get(spec.key)
        if isinstance(widget, Checkbox):
            if widget.value == bool(original):
                return original  # untouched: an absent key stays absent
            return widget.value
        if isinstance(widget, Select):
            chosen = widget.value
            text = chosen if isinstance(chosen, str) else ""
        else:
            text = widget.value
        return read(spec, text, original)

    def show_error(self, key: str, message: str | None) -> None:
        """Show (or, with None, hide) the message under a field."""
        error = self.query_one(f"#error-{key}", Static)
        error.update(Content(clean_line(message or "")))
        error.display = bool(message)
        self.query_one(f"#box-{key}").set_class(bool(message), "-invalid")

    def show_message(self, message: str | None) -> None:
        """Show (or hide) the form-wide message at the top."""
        line = self.query_one("#form-error", Static)
        line.update(Content(clean_line(message or "")))
        line.display = bool(message)

    def subject_gone(self) -> None:
        """Another editor deleted the entry: say so; the typed text stays until escape."""
        self.show_message(self.subject_gone_note)

    def action_apply(self) -> None:
        values: dict[str, Any] = {}
        first_bad: str | None = None
        for spec in self.specs:
            try:
                values[spec.key] = self._read(spec)
            except FieldError as exc:
                self.show_error(spec.key, exc.message)
                first_bad = first_bad or spec.key
            else:
                self.show_error(spec.key, None)
        if first_bad is not None:
            self.show_message(None)
            self.widgets[first_bad].focus(scroll_visible=False)
            self.query_one(f"#box-{first_bad}").scroll_visible(animate=False)
            return
        problem = self.check(values) if self.check is not None else None
        if problem:
            self.show_message(problem)
            self.query_one("#form-fields").scroll_home(animate=False)
            return
        self.dismiss(values)
