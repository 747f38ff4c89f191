"""The edit form (EditForm), driven by the keyboard as a person would."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any, ClassVar

import pytest
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from cjm_tui.editing.fields import FieldSpec, fields_for, values_of
from cjm_tui.model import Map, map_from_raw
from cjm_tui.tui.screens.choice import ConfirmDialog
from cjm_tui.tui.screens.form import HINT, EditForm, field_id, visible
from tests.conftest import until
from tests.test_fields import MAP_TEXT


class FormApp(App[None]):
    """Pushes one form and records what it answers.

    Its ctrl+s is a priority binding like the editor's save; a priority binding of the app
    runs before the screen's, so the app must step aside while a form is open (check_action).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, form: EditForm) -> None:
        super().__init__()
        self.form = form
        self.results: list[dict[str, Any] | None] = []
        self.saves = 0

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "save" and isinstance(self.screen, EditForm))

    def action_save(self) -> None:
        self.saves += 1


@pytest.fixture
def m() -> Map:
    return map_from_raw(tomllib.loads(MAP_TEXT))


def form_for(
    m: Map, table: str, index: int = 0, title: str = "Edit", **kwargs: Any
) -> tuple[EditForm, list[FieldSpec], dict[str, Any]]:
    specs = fields_for(table, m)
    item = m.info if table == "map" else getattr(m, table)[index]
    values = values_of(item, specs)
    return EditForm(title, specs, values, **kwargs), specs, values


async def go_to(pilot: Pilot[None], key: str) -> None:
    """Tab to a field, as a person would."""
    for _ in range(60):
        focused = pilot.app.screen.focused
        if focused is not None and focused.id == field_id(key):
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {key}")


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("enter" if c == "\n" else c for c in text))


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste as a terminal does, through the app (pilot.press has no key for an emoji)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as text (the compositor's lines; private but exact)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shown(app: App[Any], selector: str) -> str | None:
    """The text of a Static when it is displayed, else None."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.content) if widget.display else None


async def test_untouched_form_applies_the_same_values(m: Map) -> None:
    form, _, values = form_for(m, "touchpoints", 1)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused is form.widgets["id"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.saves == 0
    assert app.results == [values]
    result = app.results[0]
    assert result is not None
    assert result["moment_of_truth"] is True
    assert result["status"] is None
    assert result["emotion"] == 0
    assert result["personas"] == ["senior"]


async def test_typing_and_ctrl_s_returns_parsed_values(m: Map) -> None:
    form, specs, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "name")
        await pilot.press("ctrl+u")  # clear to the start, as in a shell
        await type_text(pilot, "Oferta SMS ")
        await paste(pilot, "📱")
        await type_text(pilot, " Предложение")
        await go_to(pilot, "channel")
        await type_text(pilot, "sms")
        await go_to(pilot, "emotion")
        await pilot.press("ctrl+u")
        await type_text(pilot, "student=-1, senior=2")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(app.results) == 1
    result = app.results[0]
    assert result is not None
    assert list(result) == [s.key for s in specs]
    assert result["name"] == "Oferta SMS 📱 Предложение"
    assert result["channel"] == "sms"
    assert result["emotion"] == {"student": -1, "senior": 2}
    assert result["stage"] == "discover"
    assert result["doing"] is None
    assert result["moment_of_truth"] is None  # never set, left unticked: still absent


async def test_escape_on_an_unchanged_form_just_closes(m: Map) -> None:
    form, _, _ = form_for(m, "stages")
    app = FormApp(form)
    async with app.run_test() as pilot:
        await go_to(pilot, "goal")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_escape_on_a_changed_form_asks_and_n_keeps_the_text(m: Map) -> None:
    form, _, _ = form_for(m, "stages", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal")
        await type_text(pilot, "szybko")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Discard the changes in this form?" in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is form)
        assert app.screen.focused is form.widgets["goal"]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")  # escape answers no, too
        await until(pilot, lambda: app.screen is form)
        await type_text(pilot, "!")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert str(app.results[0]["goal"]).endswith("szybko!")


async def test_escape_on_a_changed_form_and_y_discards(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "moment_of_truth")
        await pilot.press("space")  # a tick is a change too
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]


async def test_the_cursor_starts_at_the_end_of_the_text(m: Map) -> None:
    form, _, _ = form_for(m, "stages", 1)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "name")
        await type_text(pilot, " 2")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["name"] == m.stages[1].name + " 2"


async def test_shell_keys_clear_to_start_to_end_and_a_word_back(m: Map) -> None:
    form, _, _ = form_for(m, "stages", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "goal")
        await type_text(pilot, "one two three")
        await pilot.press("ctrl+w")  # the word before the cursor
        await pilot.press(*["left"] * 5, "ctrl+k")  # "one| two ": to the end
        await pilot.press("home", "right", "ctrl+u")  # to the start
        goal = form.widgets["goal"]
        assert isinstance(goal, Input)
        assert goal.value == "ne"
        await go_to(pilot, "name")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Szukanie")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["name"] == "Szukanie"
    assert app.results[0]["goal"] == "ne"


async def test_an_unset_quick_win_shows_what_the_plan_works_out(m: Map) -> None:
    form, _, _ = form_for(m, "actions", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "quick_win")
        assert "not set: no, from effort not set / impact not set" in screen_text(app)
        await go_to(pilot, "effort")
        await pilot.press("l", "enter")
        await go_to(pilot, "impact")
        await pilot.press("h", "enter")
        await go_to(pilot, "quick_win")
        worked_out = "not set: yes, from effort low / impact high"
        await until(pilot, lambda: worked_out in screen_text(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["quick_win"] is None  # shown, not written


async def test_enter_moves_to_the_next_field_and_applies_on_the_last(m: Map) -> None:
    form, _, values = form_for(m, "stages", 1)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.screen.focused is form.widgets["name"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "Zakup")
        await pilot.press("enter", "enter")
        assert app.screen.focused is form.widgets["goal"]
        assert app.results == []
        await type_text(pilot, "Kupić szybko")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [{**values, "name": "Zakup", "goal": "Kupić szybko"}]


async def test_enter_on_a_last_select_opens_it_and_never_applies(m: Map) -> None:
    # The touchpoint form without its last field (metrics), so that `status` is the last one.
    specs = [s for s in fields_for("touchpoints", m) if s.key != "metrics"]
    assert specs[-1].key == "status"
    form = EditForm("Edit", specs, values_of(m.touchpoints[0], specs))
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "status")
        select = form.widgets["status"]
        assert isinstance(select, Select)
        await pilot.press("enter")  # closed: opens, even on the last field
        await until(pilot, lambda: select.expanded)
        await pilot.press("down", "down", "enter")  # (not set) -> hypothesis -> verified
        await until(pilot, lambda: not select.expanded)
        assert select.value == "verified"
        await pilot.press("enter")  # opens again rather than applying the form
        await until(pilot, lambda: select.expanded)
        assert app.results == []
        await pilot.press("escape")  # closes the list, not the form
        await until(pilot, lambda: not select.expanded)
        assert app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["status"] == "verified"


async def test_space_opens_a_dropdown_and_typing_jumps_to_a_match(m: Map) -> None:
    form, _, _ = form_for(m, "actions", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "effort")
        effort = form.widgets["effort"]
        assert isinstance(effort, Select)
        await pilot.press("space")
        await until(pilot, lambda: effort.expanded)
        await pilot.press("escape")
        await until(pilot, lambda: not effort.expanded)
        await pilot.press("h")  # closed: a letter opens the list on the first match
        await until(pilot, lambda: effort.expanded)
        await pilot.press("enter")
        await until(pilot, lambda: not effort.expanded)
        assert effort.value == "high"
        await until(pilot, lambda: app.screen.focused is not effort)  # the pick moved on
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.screen.focused is effort)
        await pilot.press("m", "e", "enter")  # first letters
        await until(pilot, lambda: effort.value == "medium")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["effort"] == "medium"


async def test_bad_value_keeps_the_form_open_and_says_why(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app, "#error-emotion") is None
        await go_to(pilot, "emotion")
        await pilot.press("ctrl+u")
        await type_text(pilot, "7")
        await go_to(pilot, "status")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        message = shown(app, "#error-emotion")
        assert message is not None and "7 is out of range" in message
        assert app.screen.focused is form.widgets["emotion"]
        assert "7 is out of range" in screen_text(app)
        # Fixing it clears the message and applies.
        await pilot.press("ctrl+u")
        await type_text(pilot, "+1")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["emotion"] == 1


async def test_every_bad_field_is_marked_and_the_first_focused(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+u")
        await type_text(pilot, "Not A Slug")
        await go_to(pilot, "emotion")
        await pilot.press("ctrl+u")
        await type_text(pilot, "manager=1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.screen.focused is form.widgets["id"]
        id_error = shown(app, "#error-id")
        assert id_error is not None and 'try "not-a-slug"' in id_error
        emotion_error = shown(app, "#error-emotion")
        assert emotion_error is not None and '"manager" is not a persona id' in emotion_error


async def test_check_message_keeps_the_form_open(m: Map) -> None:
    seen: list[dict[str, Any]] = []

    def check(values: dict[str, Any]) -> str | None:
        seen.append(values)
        return "duplicate id" if values["id"] == "discover" else None

    form, _, _ = form_for(m, "stages", 1, check=check)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app, "#form-error") is None
        await pilot.press("ctrl+u")
        await type_text(pilot, "discover")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert shown(app, "#form-error") == "duplicate id"
        assert "duplicate id" in screen_text(app)
        assert app.screen.focused is form.widgets["id"]  # focus stays where it was
        await pilot.press(*["backspace"] * len("discover"))
        await type_text(pilot, "pay")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [v["id"] for v in seen] == ["discover", "pay"]
    assert app.results and app.results[0] is not None
    assert app.results[0]["id"] == "pay"


async def test_list_fields_take_items_separated_by_semicolons(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "pain_points")
        assert isinstance(app.screen.focused, Input)
        await type_text(pilot, "wall;;  ślimak  ; a\\; b; ")
        await paste(pilot, "дорого 🐌\nwolno\n")  # a pasted line is an item, none cut off
        await go_to(pilot, "personas")
        await type_text(pilot, "senior; student")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["pain_points"] == ["wall", "ślimak", "a; b", "дорого 🐌", "wolno"]
    assert app.results[0]["personas"] == ["senior", "student"]


async def test_enter_in_a_list_field_moves_on_and_the_next_text_lands_there(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "personas")
        await type_text(pilot, "senior")
        await pilot.press("enter")
        assert app.screen.focused is form.widgets["doing"]
        await type_text(pilot, "Czyta SMS")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["personas"] == ["senior"]
    assert app.results[0]["doing"] == "Czyta SMS"


async def test_list_field_shows_the_items_on_one_line(m: Map) -> None:
    m.personas[0].goals = ["Tanio", "Szybko; zaraz", "C:\\"]
    form, _, _ = form_for(m, "personas", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        line = form.widgets["goals"]
        assert isinstance(line, Input)
        assert line.value == "Tanio; Szybko\\; zaraz; C:\\\\"
        await go_to(pilot, "goals")
        await type_text(pilot, "; Dużo")  # the cursor is at the end of the text
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["goals"] == ["Tanio", "Szybko; zaraz", "C:\\", "Dużo"]


async def test_clearing_an_optional_field_returns_none(m: Map) -> None:
    m.touchpoints[0].channel = "sms"
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "channel")
        await pilot.press("ctrl+u")  # the cursor starts at the end: clear to the start
        await go_to(pilot, "emotion")
        await pilot.press("ctrl+u")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["channel"] is None
    assert app.results[0]["emotion"] is None


async def test_clearing_a_required_field_is_refused(m: Map) -> None:
    form, _, _ = form_for(m, "stages", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "name")
        await pilot.press("ctrl+u", "ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert shown(app, "#error-name") == "Name cannot be blank"


async def test_checkbox_says_its_state_in_words(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        box = form.widgets["moment_of_truth"]
        assert isinstance(box, Checkbox)
        assert str(box.label) == "no (not set)"
        await go_to(pilot, "moment_of_truth")
        await pilot.press("space")
        await pilot.pause()
        assert str(box.label) == "yes"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["moment_of_truth"] is True


async def test_unticking_a_set_checkbox_writes_false(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 1)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "moment_of_truth")
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["moment_of_truth"] is False


async def test_choice_and_reference_selects(m: Map) -> None:
    form, _, _ = form_for(m, "actions", 0)
    app = FormApp(form)
    async with app.run_test(size=(120, 40)) as pilot:
        touchpoint = form.widgets["touchpoint"]
        assert isinstance(touchpoint, Select)
        assert touchpoint.value == "sms-offer"
        assert "sms-offer · SMS with bundle offer" in screen_text(app)
        await go_to(pilot, "touchpoint")
        await pilot.press("enter", "down", "enter")  # open, next option, pick
        await go_to(pilot, "effort")
        await pilot.press("enter", "down", "enter")  # (not set) -> low
        await go_to(pilot, "due")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-01-31")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    result = app.results[0]
    assert result["touchpoint"] == "shop"
    assert result["effort"] == "low"
    assert result["due"] == dt.date(2027, 1, 31)


async def test_hostile_title_is_shown_literally(m: Map) -> None:
    form, _, _ = form_for(m, "stages", title="[bold]x[/bold]\x1b[31m")
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "[bold]x[/bold]" in text
    assert "\x1b" not in text
    assert "[31m" not in text


async def test_map_text_in_fields_is_data(m: Map) -> None:
    m.stages[0].name = "[red]Odkryj[/red]\x1b[2J"
    m.stages[0].description = "tab\there"
    form, _, values = form_for(m, "stages", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = form.widgets["name"]
        assert isinstance(name, Input)
        assert name.value == "[red]Odkryj[/red]\x1b[2J"  # the value is the file's
        text = screen_text(app)
        assert "[red]Odkryj[/red]␛[2J" in text
        assert "\x1b" not in text
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [values]  # untouched text comes back byte for byte


async def test_options_with_markup_in_names_are_shown_literally(m: Map) -> None:
    m.stages[1].name = "[b]Kupno[/b]"
    form, _, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "stage")
        await pilot.press("enter")
        await pilot.pause()
        assert "buy · [b]Kupno[/b]" in screen_text(app)
        await pilot.press("escape")  # closes the list, not the form
        await pilot.pause()
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_form_scrolls_to_every_field_at_80x24(m: Map) -> None:
    form, specs, _ = form_for(m, "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        assert HINT in screen_text(app)
        for spec in specs:
            await go_to(pilot, spec.key)
            await pilot.pause()
            region = form.widgets[spec.key].region
            assert region.y > 0 and region.bottom < 24, spec.key
        assert HINT in screen_text(app)
        await pilot.press("tab")  # wraps around to the first field
        assert app.screen.focused is form.widgets["id"]


async def test_focus_key_starts_on_that_field(m: Map) -> None:
    form, _, _ = form_for(m, "touchpoints", 0, focus_key="name")
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused is form.widgets["name"]


async def test_map_form_has_no_format_field(m: Map) -> None:
    form, _, values = form_for(m, "map")
    app = FormApp(form)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "format" not in form.widgets
        await go_to(pilot, "updated")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-12-01T09:30")
        await pilot.press("enter")  # the last field: applies
        await pilot.pause()
    assert app.results == [{**values, "updated": dt.datetime(2026, 12, 1, 9, 30)}]


def test_visible_keeps_length() -> None:
    text = "a\x1b[31m\x07\u202eb\x9b\x7f\tc\n"
    assert len(visible(text)) == len(text)
    assert visible(text) == "a␛[31m␇�b�␡␉c␊"
    assert visible("x\ty", keep_tab=True) == "x\ty"
    assert visible("Zażółć 🐌 Кот") == "Zażółć 🐌 Кот"


async def test_a_new_entry_must_fill_its_required_fields(m: Map) -> None:
    specs = fields_for("actions", m)
    values = {s.key: None for s in specs} | {"id": "", "touchpoint": "", "title": ""}
    form = EditForm("New action", specs, values)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        touchpoint = form.widgets["touchpoint"]
        assert isinstance(touchpoint, Select)
        assert touchpoint.is_blank()  # not silently the first touchpoint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert shown(app, "#error-id") == "Id cannot be blank"
        assert shown(app, "#error-touchpoint") == "Touchpoint cannot be blank"
        assert shown(app, "#error-title") == "Title cannot be blank"
        assert app.screen.focused is form.widgets["id"]
        await type_text(pilot, "fix")
        await go_to(pilot, "touchpoint")
        await pilot.press("enter", "down", "enter")
        await go_to(pilot, "title")
        await type_text(pilot, "Fix")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    result = app.results[0]
    assert (result["id"], result["touchpoint"], result["title"]) == ("fix", "sms-offer", "Fix")
    assert result["due"] is None and result["quick_win"] is None


async def test_enter_walks_the_whole_form_dropdowns_too(m: Map) -> None:
    """From the first field, `enter` alone reaches every field in order: on a dropdown it opens
    the list, and the `enter` that picks moves on (it reopened the list, for ever)."""
    form, specs, _ = form_for(m, "touchpoints")
    app = FormApp(form)
    async with app.run_test() as pilot:
        await pilot.pause()
        visited: list[str] = []
        for _ in range(3 * len(specs)):
            focused = app.screen.focused
            if focused is not None and focused.id and focused.id.startswith("field-"):
                key = focused.id.removeprefix("field-")
                if not visited or visited[-1] != key:
                    visited.append(key)
            if visited and visited[-1] == specs[-1].key:
                break
            await pilot.press("enter")
        assert visited == [s.key for s in specs], visited
        assert app.results == []  # never applied on the way


# Metrics and links (format 1 additions) -------------------------------------------


def with_metrics(m: Map) -> Map:
    import dataclasses

    m.touchpoints[0] = dataclasses.replace(m.touchpoints[0], metrics={"csat": 3.1, "wait_min": 12})
    return m


async def test_metrics_field_adds_changes_and_removes_metrics(m: Map) -> None:
    form, _, values = form_for(with_metrics(m), "touchpoints", 0)
    assert values["metrics"] == {"csat": 3.1, "wait_min": 12}
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "metrics")
        widget = app.screen.focused
        assert isinstance(widget, Input)
        assert widget.value == "csat = 3.1; wait_min = 12"
        await pilot.press("ctrl+u")
        # csat changes (a decimal comma is a point), wait_min goes (blank), nps is new.
        await type_text(pilot, "csat = 3,4; wait_min = ; nps = -20")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["metrics"] == {"csat": 3.4, "nps": -20}


async def test_blank_metrics_field_removes_the_key(m: Map) -> None:
    form, _, _ = form_for(with_metrics(m), "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "metrics")
        await pilot.press("ctrl+u")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["metrics"] is None


async def test_a_metric_that_is_not_a_number_is_shown_under_its_field(m: Map) -> None:
    form, _, _ = form_for(with_metrics(m), "touchpoints", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "metrics")
        await pilot.press("ctrl+u")
        await type_text(pilot, "csat = lots")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        message = shown(app, "#error-metrics")
        assert message is not None and 'csat = "lots" is not a number' in message


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "data:,x"])
async def test_an_action_link_must_be_http_or_https(m: Map, link: str) -> None:
    form, _, _ = form_for(m, "actions", 0)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "link")
        await paste(pilot, link)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        message = shown(app, "#error-link")
        assert message is not None and "is not an http:// or https:// link" in message
        assert app.screen.focused is form.widgets["link"]
        await pilot.press("ctrl+u")
        await paste(pilot, "https://tracker.example/CX-42")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results and app.results[0] is not None
    assert app.results[0]["link"] == "https://tracker.example/CX-42"
