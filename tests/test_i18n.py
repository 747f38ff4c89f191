"""The interface in English, Polish and Russian.

- Every `_("...")`, `_n("...", "...")`, `_p("context", "...")` and `N_("...")` in the package
  is read from the source
  (AST, so a call with anything but string literals fails), and `pybabel extract` with the
  keywords of pyproject.toml finds the same messages: each has a Polish and a Russian
  translation in `cjm_tui/i18n/locale/*/LC_MESSAGES/cjm.po` with the same `{fields}`, counted
  text has the language's three forms, no catalogue entry is left over, nothing is fuzzy, and
  `pybabel compile --statistics` says 100%.
- The compiled `.mo` files are there and say what the `.po` files say (`make catalogues`);
  without them the interface is English, with no traceback.
- Bindings are made at import time, in English; each screen and widget gets them in the
  language of the moment it is built: a Polish app and an English one in the same process
  each show their own footer, and the help screen and dialogs opened later speak Polish too.
- Map content (titles, names, ids) is never translated.
- `--lang`, CJM_LANG and the locale choose the language; the CLI's own output stays English.
- Snapshots of the main screen in Polish and Russian at 80x24.
"""

from __future__ import annotations

import ast
import gettext
import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from string import Formatter
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from cjm_tui import i18n
from cjm_tui.cli.edit import language_of
from cjm_tui.editing.fields import fields_for
from cjm_tui.editing.quickadd import QuickAddError, build
from cjm_tui.i18n import _, _n, _p, detect, set_language, translate
from cjm_tui.model import Map, map_from_raw
from cjm_tui.tui.app import CjmApp, build_app
from cjm_tui.tui.bindings import TranslatedBindings
from cjm_tui.tui.components.detail_view import describe
from cjm_tui.tui.components.personas_pane import PersonasPane
from cjm_tui.tui.components.stages_pane import StagesPane
from cjm_tui.tui.components.timeline_view import TimelineView
from cjm_tui.tui.components.touchpoints_pane import TouchpointList
from cjm_tui.tui.screens.choice import ConfirmDialog
from cjm_tui.tui.screens.help import HelpScreen

from .conftest import ROOT, TELECOM, editor_classes, until

PACKAGE = ROOT / "cjm_tui"
TRANSLATED = ("pl", "ru")
# A message's key: (context or None, English text); a plural message by its singular.
Key = tuple[str | None, str]


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is process-wide: every test here leaves it English, as it found it."""
    yield
    set_language("en")


# What the package says, read from its source -----------------------------------------------


def interface_texts() -> tuple[dict[Key, str], dict[Key, tuple[str, str]], list[str]]:
    """(key -> where for `_`, `N_` and `_p`; key of an `_n` singular -> (plural, where);
    calls that are not literal)."""
    singles: dict[Key, str] = {}
    plurals: dict[Key, tuple[str, str]] = {}
    bad: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name = node.func.id
            if name not in ("_", "_n", "_p", "N_"):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            count = 2 if name in ("_n", "_p") else 1
            args = node.args[:count]
            if len(args) < count or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            ):
                bad.append(where)
                continue
            texts = [a.value for a in args if isinstance(a, ast.Constant)]
            if name == "_n":
                plurals.setdefault((None, texts[0]), (texts[1], where))
            elif name == "_p":
                singles.setdefault((texts[0], texts[1]), where)
            else:
                singles.setdefault((None, texts[0]), where)
    return singles, plurals, bad


def fields(text: str) -> set[tuple[str | None, str | None, str | None]]:
    """The `{fields}` of a text: (name, format spec, conversion)."""
    return {
        (name, spec, conversion)
        for _literal, name, spec, conversion in Formatter().parse(text)
        if name is not None
    }


def po_file(lang: str) -> Path:
    return i18n.LOCALEDIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    with po_file(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=i18n.DOMAIN)


def entries(catalogue: Catalog) -> dict[Key, str | tuple[str, ...]]:
    """key -> translation (a tuple of forms for a plural message), without the header."""
    found: dict[Key, str | tuple[str, ...]] = {}
    for message in catalogue:
        if not message.id:
            continue
        text = message.id[0] if isinstance(message.id, tuple | list) else message.id
        string = message.string
        found[(message.context, text)] = (
            tuple(string) if isinstance(string, tuple | list) else str(string)
        )
    return found


SINGLES, PLURALS, NOT_LITERAL = interface_texts()
PO = {lang: read_catalogue(lang) for lang in TRANSLATED}
CATALOGUES = {lang: entries(po) for lang, po in PO.items()}


def test_the_scan_finds_the_interface() -> None:
    """The scan reads real calls (a scan that finds nothing would pass everything below)."""
    assert (None, "Add touchpoint") in SINGLES  # N_ in bindings.py
    assert (None, "Moments of truth") in SINGLES  # _ in a pane
    assert (None, "Its {n} action goes too.") in PLURALS
    assert ("state", "doing") in SINGLES  # _p in words.py
    assert len(SINGLES) > 300


def test_every_call_has_literal_text() -> None:
    """`_(variable)` cannot be checked for a translation: write the English text in the call
    (or mark it with `N_` where it is made and `translate` it where it is shown)."""
    assert NOT_LITERAL == []


def test_pybabel_extract_finds_every_message() -> None:
    """The keywords of `[tool.babel.extract_messages]` (what `make messages` runs) find what
    the scan finds, no more and no less: a message Babel misses would never reach the .po."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extract = config["tool"]["babel"]["extract_messages"]
    assert extract["no_default_keywords"] is True
    keywords = parse_keywords(extract["keywords"])
    singles: set[Key] = set()
    plurals: dict[Key, str] = {}
    for _file, _line, message, _comments, context in extract_from_dir(PACKAGE, keywords=keywords):
        if isinstance(message, tuple):
            plurals[(context, message[0])] = message[1]
        else:
            singles.add((context, message))
    assert singles == set(SINGLES)
    assert plurals == {key: plural for key, (plural, _where) in PLURALS.items()}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_is_translated_with_the_same_fields(lang: str) -> None:
    catalogue = CATALOGUES[lang]
    missing = [f"{w}: {key!r}" for key, w in SINGLES.items() if key not in catalogue]
    missing += [f"{w}: {key!r}" for key, (_plural, w) in PLURALS.items() if key not in catalogue]
    assert missing == [], f"no {lang} translation for:\n" + "\n".join(missing)
    for key in SINGLES:
        found = catalogue[key]
        assert isinstance(found, str), f"{key!r}: one form, not {found!r}"
        assert found.strip(), f"{key!r} is translated as nothing"
        assert fields(found) == fields(key[1]), f"{key!r} -> {found!r}: fields differ"
    for key, (plural, _where) in PLURALS.items():
        forms = catalogue[key]
        assert isinstance(forms, tuple) and len(forms) == 3, f"{key!r}: {forms!r}"
        assert PO[lang].get(key[1]).id[1] == plural, f"{key!r}: the English plural changed"
        expected = fields(key[1]) | fields(plural)
        for form in forms:
            assert form.strip(), f"{key!r} has a form translated as nothing"
            assert fields(form) == expected, f"{key!r} -> {form!r}: fields differ"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_catalogue_entry_is_unused(lang: str) -> None:
    """A translation whose message left the code goes too (`make messages` drops it)."""
    unused = [k for k in CATALOGUES[lang] if k not in SINGLES and k not in PLURALS]
    assert unused == []
    assert list(PO[lang].obsolete) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_nothing_is_fuzzy_and_the_plural_rule_is_cldrs(lang: str) -> None:
    """A fuzzy entry (a guess by `pybabel update`) is left out of the .mo: a person checks it
    and removes the mark. Plural-Forms is the rule Babel knows for the language."""
    po = PO[lang]
    assert not po.fuzzy
    assert [m.id for m in po if m.id and m.fuzzy] == []
    assert (po.num_plurals, po.plural_expr) == tuple(get_plural(lang))


def test_pybabel_compile_says_every_message_is_translated(tmp_path: Path) -> None:
    lines = []
    for lang in TRANSLATED:
        files = ["-i", str(po_file(lang)), "-o", str(tmp_path / f"{lang}.mo")]
        command = [sys.executable, "-m", "babel.messages.frontend", "compile", "--statistics"]
        proc = subprocess.run(
            [*command, "-D", i18n.DOMAIN, "-l", lang, *files],
            cwd=tmp_path,  # not the repository's root, whose pyproject.toml names its own paths
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        said = (proc.stdout + proc.stderr).splitlines()
        assert not [line for line in said if "error" in line or "fuzzy" in line], said
        lines += [line for line in said if "translated" in line]
    assert len(lines) == len(TRANSLATED)
    for line in lines:
        found = re.match(r"(\d+) of (\d+) messages \((\d+)%\) translated", line)
        assert found and found[1] == found[2] and found[3] == "100", line


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_says_what_the_po_says(lang: str) -> None:
    """The .mo beside each .po (`make catalogues`, or `pip install -e .`) is there and
    current: an edited .po left uncompiled fails here, not on a person's screen."""
    mo = po_file(lang).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run `make catalogues`"
    compiled = gettext.translation(i18n.DOMAIN, i18n.LOCALEDIR, languages=[lang])
    stale = []
    for message in PO[lang]:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or message.fuzzy or not all(strings):
            continue  # left out of the .mo on purpose; the tests above fail on these
        if isinstance(message.id, tuple):
            singular, plural = message.id
            # 1, 2 and 5 take the forms one, few and many in Polish and Russian.
            said: Any = tuple(compiled.ngettext(singular, plural, n) for n in (1, 2, 5))
            expected: Any = tuple(message.string)
        elif message.context:
            said, expected = compiled.pgettext(message.context, message.id), message.string
        else:
            said, expected = compiled.gettext(message.id), message.string
        if said != expected:
            stale.append(f"{message.id!r}: {said!r} != {expected!r}")
    assert stale == [], f"{mo} is older than its .po: run `make catalogues`"


@pytest.mark.parametrize(
    ("lang", "save", "doing"),
    [("en", "Save", "doing"), ("pl", "Zapisz", "w toku"), ("ru", "Сохранить", "в работе")],
)
def test_the_interface_speaks_the_language(lang: str, save: str, doing: str) -> None:
    """The public functions read the compiled catalogue (English if a .mo were missing)."""
    set_language(lang)
    said = (_("Save"), _p("state", "doing"))
    assert said == (save, doing), "English where a translation was expected: no .mo?"


def test_a_missing_catalogue_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A checkout before `make catalogues`: English, no traceback."""
    monkeypatch.setattr(i18n, "LOCALEDIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})
    set_language("pl")
    assert _("Saved {name}", name="map.toml") == "Saved map.toml"
    assert _p("state", "doing") == "doing"
    assert i18n.translate("Save") == "Save"
    assert [_n("{n} touchpoint", "{n} touchpoints", n) for n in (1, 2)] == [
        "1 touchpoint",
        "2 touchpoints",
    ]


def test_every_binding_of_the_editor_is_translated_when_built() -> None:
    """Descriptions, tooltips and group names of our bindings have translations, and each
    class with bindings takes them in the language of the moment it is built (the shared
    base, `TranslatedBindings`; tests/test_keymap.py checks they are the registry's)."""
    classes = editor_classes()
    assert {c.__name__ for c in classes} >= {"CjmApp", "MainScreen", "TouchpointList"}
    for cls in classes:
        assert issubclass(cls, TranslatedBindings), f"{cls.__qualname__} is not translated"
        for item in cls.__dict__["BINDINGS"]:
            binding = item if isinstance(item, Binding) else Binding(*item)
            texts = [binding.description, binding.tooltip]
            if binding.group is not None:
                texts.append(binding.group.description)
            for text in filter(None, texts):
                for lang, catalogue in CATALOGUES.items():
                    assert (None, text) in catalogue, f"{cls.__qualname__}: {text!r}: no {lang}"


# Plural forms and the choice of language ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("en", {0: 1, 1: 0, 2: 1, 5: 1, 21: 1, -1: 0}),
        ("pl", {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 2, 22: 1, 25: 2, 101: 2}),
        ("ru", {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 101: 0, 111: 2}),
    ],
)
def test_counted_text_follows_the_cldr_rule(lang: str, forms: dict[int, int]) -> None:
    """The catalogue's Plural-Forms picks the form: 0 one, 1 few, 2 many (English: 0 one,
    1 other); a negative count takes the form of its size."""
    singular, plural = "{n} touchpoint", "{n} touchpoints"
    set_language(lang)
    choices = CATALOGUES[lang][(None, singular)] if lang != "en" else (singular, plural)
    for n, index in forms.items():
        assert _n(singular, plural, n) == choices[index].format(n=n), n


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", ["1 touchpoint", "2 touchpoints", "5 touchpoints", "22 touchpoints"]),
        ("pl", ["1 punkt styku", "2 punkty styku", "5 punktów styku", "22 punkty styku"]),
        ("ru", ["1 точка контакта", "2 точки контакта", "5 точек контакта", "21 точка контакта"]),
    ],
)
def test_counted_text_takes_the_right_form(lang: str, said: list[str]) -> None:
    set_language(lang)
    counts = [1, 2, 5, 22 if lang != "ru" else 21]
    assert [_n("{n} touchpoint", "{n} touchpoints", n) for n in counts] == said


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("pl", {"CJM_LANG": "ru", "LANG": "en_US.UTF-8"}, "pl"),
        (None, {"CJM_LANG": "ru", "LANG": "pl_PL.UTF-8"}, "ru"),
        (None, {"LANG": "pl_PL.UTF-8"}, "pl"),
        (None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "pl_PL.UTF-8"}, "ru"),
        (None, {"LANGUAGE": "ru:en"}, "ru"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"CJM_LANG": "klingon"}, "en"),
        (None, {}, "en"),
    ],
)
def test_detect_prefers_the_option_then_cjm_lang_then_the_locale(
    explicit: str | None, env: dict[str, str], expected: str
) -> None:
    assert detect(explicit, env) == expected


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        set_language("de")
    assert i18n.current() == "en"


def test_language_of_the_lang_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJM_LANG", "ru")
    assert language_of(_args(lang="PL")) == "pl"
    assert language_of(_args(lang=None)) == "ru"


def _args(**values: Any) -> Any:
    import argparse

    return argparse.Namespace(**values)


def _cjm(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cjm_tui", *args],
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_edit_with_an_unknown_lang_says_so_in_one_line(tmp_path: Path) -> None:
    path = shutil.copyfile(TELECOM, tmp_path / "map.toml")
    before = path.read_bytes()
    proc = _cjm("edit", "--lang", "de", str(path))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "unknown language 'de' for --lang: choose en, pl, ru"
    ]
    assert path.read_bytes() == before


def test_the_command_line_stays_english_whatever_the_language(tmp_path: Path) -> None:
    """`cjm add` refuses in English even with CJM_LANG=pl: its messages are for scripts too."""
    path = shutil.copyfile(TELECOM, tmp_path / "map.toml")
    proc = _cjm("add", str(path), "Queue at the till #nowhere", env={"CJM_LANG": "pl"})
    assert proc.returncode == 1
    assert "unknown stage #nowhere" in proc.stderr


# Headless words in the language ------------------------------------------------------------


def _map() -> Map:
    import tomllib

    return map_from_raw(tomllib.loads(TELECOM.read_text(encoding="utf-8")))


def test_quick_add_refuses_in_the_interface_language() -> None:
    set_language("pl")
    with pytest.raises(QuickAddError, match="nieznany etap #nowhere"):
        build(_map(), "Queue #nowhere", None)
    set_language("ru")
    with pytest.raises(QuickAddError, match="неизвестная персона \\^ghost"):
        build(_map(), "Queue ^ghost", None)


def test_form_choices_show_the_words_beside_the_files_own() -> None:
    m = _map()
    effort = {s.key: s for s in fields_for("actions", m)}["effort"]
    assert effort.names == {}  # English: the file's word says it all
    set_language("pl")
    specs = {s.key: s for s in fields_for("actions", m)}
    assert specs["effort"].choices == ("low", "medium", "high")  # still the file's words
    assert specs["effort"].names == {"low": "niski", "medium": "średni", "high": "wysoki"}
    assert specs["due"].label == "Termin"


def test_one_english_word_two_meanings() -> None:
    """ "doing" is a touchpoint's key (what the customer does) and an action's state."""
    from cjm_tui.i18n.words import choice_word
    from cjm_tui.tui.components.detail_view import labels

    assert choice_word("doing") == labels()["doing"] == "doing"
    set_language("pl")
    assert (choice_word("doing"), labels()["doing"]) == ("w toku", "co robi")
    set_language("ru")
    assert (choice_word("doing"), labels()["doing"]) == ("в работе", "что делает")


def test_the_detail_pane_translates_labels_and_emotion_words_not_content() -> None:
    m = _map()
    tp = m.touchpoints[0]
    set_language("ru")
    text = describe(m, tp).plain
    assert "канал: " in text and "этап: " in text
    assert text.startswith(tp.name)  # the map's own words, as they are
    assert str(tp.channel) in text and tp.stage in text


# The editor, built in each language ---------------------------------------------------------

EXPECTED = {
    "en": ("1 Personas", "2 Stages", "3 Touchpoints", "Emotion timeline",
           ["Add touchpoint", "Edit", "Emotion", "Moment", "Save", "Help", "Quit"]),
    "pl": ("1 Persony", "2 Etapy", "3 Punkty styku", "Krzywa emocji",
           ["Dodaj punkt styku", "Edytuj", "Emocja", "Moment", "Zapisz", "Pomoc", "Wyjdź"]),
    "ru": ("1 Персоны", "2 Этапы", "3 Точки контакта", "Кривая эмоций",
           ["Добавить точку", "Изменить", "Эмоция", "Момент", "Сохранить", "Справка", "Выход"]),
}  # fmt: skip


def _app(tmp_path: Path, keymap: dict[str, str] | None = None) -> CjmApp:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = shutil.copyfile(TELECOM, tmp_path / "map.toml")
    app = build_app(path, keymap={} if keymap is None else keymap)
    app.animation_level = "none"
    return app


async def test_each_app_speaks_the_language_it_was_built_in(tmp_path: Path) -> None:
    """Polish, then English, then Russian, in one process: titles, footer, the palette's
    system entries follow the language; map content (title, stage and touchpoint names) is
    the same bytes in all three."""
    seen_content: list[tuple[str, str, str]] = []
    for lang in ("pl", "en", "ru"):
        set_language(lang)
        app = _app(tmp_path / lang)
        personas, stages, touchpoints, timeline, footer = EXPECTED[lang]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.query_one(PersonasPane).border_title == personas
            assert screen.query_one(StagesPane).border_title == stages
            assert screen.query_one(TouchpointList).border_title == touchpoints
            assert screen.query_one(TimelineView).border_title == timeline
            shown = [key.description for key in screen.query(FooterKey)]
            assert shown == footer
            titles = {c.title for c in app.get_system_commands(screen)}
            assert ("Motyw" in titles) == (lang == "pl")
            tp_list = screen.query_one(TouchpointList)
            first_tp = str(tp_list.get_option_at_index(0).prompt)
            first_stage = str(screen.query_one(StagesPane).get_option_at_index(1).prompt)
            seen_content.append((app.title, first_stage, first_tp))
    assert seen_content[0] == seen_content[1] == seen_content[2]
    title, stage, touchpoint = seen_content[0]
    assert title == "Prepaid bundle: switching operator and the first 30 days"
    assert "Discover" in stage and "Bus-stop poster" in touchpoint


async def test_a_users_keymap_still_applies_to_translated_bindings(tmp_path: Path) -> None:
    set_language("pl")
    app = _app(tmp_path, keymap={"app.save": "ctrl+w"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert keys.get("ctrl+w") == "Zapisz"
        assert "ctrl+s" not in keys


def _text(content: object) -> str:
    """What a Static shows (text, or a Rich table), as plain text on long lines."""
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


async def test_the_help_screen_and_a_dialog_in_polish(tmp_path: Path) -> None:
    """Screens opened later take their bindings in the app's language too: the help table's
    descriptions, the help screen's own key, a confirmation's y / n."""
    set_language("pl")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        table = "\n".join(_text(s.content) for s in app.screen.query(Static))
        assert translate("Save to the file (only the changed lines are written)") in table
        assert "Oznacz lub odznacz moment prawdy" in table
        own = {b.binding.id: b.binding.description for b in app.screen.active_bindings.values()}
        assert own.get("help.close") == "Zamknij"
        await pilot.press("escape", "d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        shown = {b.binding.id: b.binding.description for b in app.screen.active_bindings.values()}
        assert (shown.get("confirm.yes"), shown.get("confirm.no")) == ("Tak", "Nie")


async def test_polish_dialogs_and_notifications(tmp_path: Path) -> None:
    """m then q: the quit guard asks in Polish; the quick-add line refuses in Polish."""
    set_language("pl")
    app = _app(tmp_path)
    told: list[tuple[str, str]] = []

    def notify(message: str, *, title: str = "", **_kwargs: Any) -> None:
        told.append((title, message))

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        for key in "Kolejka #nigdzie":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await pilot.pause()
        assert told and told[-1][0] == "Nie dodano"
        assert told[-1][1].startswith("nieznany etap #nigdzie (etapy: discover, ")
        await pilot.press("escape", "m", "q")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query("Button")]
        assert labels == ["Zapisz (s)", "Odrzuć (d)", "Anuluj (c)"]


# Snapshots -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "ru"])
def test_main_screen_translated(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    """The telecom map at 80x24, as in test_snapshots.py::test_main_screen, in Polish or
    Russian: pane titles "1 Persony" / "2 Etapy" / "3 Punkty styku" (ru: "1 Персоны" /
    "2 Этапы" / "3 Точки контакта"), "Wszystkie" and "Wszystkie etapy" (ru: "Все персоны",
    "Все этапы") whole, not cut; the side tabs "Szczegóły Momenty Plan" (ru: "Детали
    Моменты Действия") all on the compact tab row; detail labels "etap:", "kanał:", "co robi:" (ru:
    "этап:", "канал:", "что делает:"); the timeline titled "Krzywa emocji" (ru: "Кривая
    эмоций") with "przewijanie ▶" (ru: "прокрутка ▶") on its border; the footer whole on one
    line: "a Dodaj punkt styku e Edytuj +- Emocja m Moment ^s Zapisz ? Pomoc q Wyjdź" (ru:
    "a Добавить точку e Изменить +- Эмоция m Момент ^s Сохранить ? Справка q Выход"). The
    map's own text (title, "Discover", "Bus-stop poster ...", "outdoor") stays English.
    """
    set_language(lang)
    app = _app(tmp_path)

    async def settle(pilot: Any) -> None:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
