"""Ids made from names (`model/ids.py`): every script spelled in ASCII, valid, unique, stable.

Through the units, the CLI (`cjm add`, `cjm import mermaid`) and the open map's edits: a rename
never changes an id.
"""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm_tui.editing.openmap import OpenMap, SaveResult
from cjm_tui.model.ids import MAX_LEN, free_id, slugify, unique_id
from cjm_tui.model.rules import is_slug

from .conftest import SAMPLE_MAPS, SAMPLES
from .test_cli import cjm, load


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Łódź, żółć", "lodz-zolc"),  # Polish: ł is not decomposed by NFKD
        ("Москва", "moskva"),
        ("Київ", "kiyiv"),  # Ukrainian ї and и
        ("Ки\u0456\u0308в", "kiyiv"),  # the same, its ї decomposed (as macOS writes names)
        ("Ελλάδα", "ellada"),
        ("Þórður", "thordur"),  # thorn and eth
        ("İstanbul Şişli", "istanbul-sisli"),
        ("Straße", "strasse"),
        ("café—déjà vu", "cafe-deja-vu"),  # an em dash parts words
        ("Ochroniarz w recepcji", "ochroniarz-w-recepcji"),  # the example in docs/format.md
        ("  Wait -- 12 min!! ", "wait-12-min"),
        ("東京駅", "dong-jing-yi"),  # CJK: read as Mandarin syllables
    ],
)
def test_names_in_many_scripts_keep_their_letters(name: str, slug: str) -> None:
    assert slugify(name, "touchpoint") == slug


@pytest.mark.parametrize("name", ["😀🎉", "☕", "", "  ", "—", "🇵🇱"])
def test_a_name_that_gives_nothing_gets_the_fallback(name: str) -> None:
    assert slugify(name, "touchpoint") == "touchpoint"
    assert unique_id(name, {"touchpoint"}, "touchpoint") == "touchpoint-2"


def test_a_long_name_is_cut_between_words() -> None:
    name = "Customer calls the hotline because the invoice shows a fee nobody explained to her"
    slug = slugify(name)
    assert is_slug(slug) and len(slug) <= MAX_LEN
    assert slug == "customer-calls-the-hotline-because-the-invoice-shows-a-fee"
    # The next word would not have fitted: the cut is at the last boundary that does.
    assert len(slug + "-nobody") > MAX_LEN


def test_a_long_word_is_cut_at_the_limit() -> None:
    slug = slugify("Ż" * 100)
    assert slug == "z" * MAX_LEN


def test_a_taken_long_id_keeps_its_suffix_within_the_limit() -> None:
    name = "Ż" * 100
    first = unique_id(name, set())
    second = unique_id(name, {first})
    assert second == "z" * (MAX_LEN - 2) + "-2" and is_slug(second)


def test_suffixes_count_up_past_the_taken_ones() -> None:
    assert unique_id("Київ", {"kiyiv", "kiyiv-2"}) == "kiyiv-3"


def test_a_taken_id_gets_a_suffix_not_a_new_spelling() -> None:
    assert free_id("park_1", {"park_1"}) == "park_1-2"
    assert free_id("park_1", set()) == "park_1"


def test_an_installed_unidecode_does_not_change_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-slugify left to choose would prefer Unidecode: one name, other ids elsewhere."""
    fake = types.ModuleType("unidecode")
    fake.unidecode = lambda text: "other"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unidecode", fake)
    assert slugify("Київ") == "kiyiv"


@given(st.text(), st.sets(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,63}", fullmatch=True)))
def test_any_text_gives_a_valid_slug_unique_among_the_taken(text: str, taken: set[str]) -> None:
    ident = unique_id(text, taken, "touchpoint")
    assert is_slug(ident)
    assert ident not in taken
    assert is_slug(slugify(text, "touchpoint"))


# ---- through the CLI: the ids in the saved file


SMALL = """\
[map]
title = "Trip"
format = 1

[[stages]]
id = "arrive"
name = "Arrive"

[[touchpoints]]
id = "gate"
stage = "arrive"
name = "Gate"
"""


def test_cjm_add_makes_the_id_from_a_cyrillic_name(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(SMALL, encoding="utf-8")
    proc = cjm("add", "m.toml", "Київ airport -1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = cjm("add", "m.toml", "Київ airport", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    added = load(path)["touchpoints"][1:]
    assert [(t["id"], t["name"]) for t in added] == [
        ("kiyiv-airport", "Київ airport"),
        ("kiyiv-airport-2", "Київ airport"),
    ]


def test_cjm_import_mermaid_makes_ids_from_names_in_any_script(tmp_path: Path) -> None:
    source = tmp_path / "trip.mmd"
    source.write_text(
        "journey\n"
        "  title Þórður in Istanbul\n"
        "  section Ελλάδα\n"
        "    Łódź, żółć: 3: Þórður\n"
        "  section İstanbul Şişli\n"
        "    café—déjà vu: 5: Þórður, Москва\n"
        "    ☕: 4\n",
        encoding="utf-8",
    )
    out = tmp_path / "trip.toml"
    proc = cjm("import", "mermaid", str(source), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = load(out)
    assert [s["id"] for s in data["stages"]] == ["ellada", "istanbul-sisli"]
    assert [p["id"] for p in data["personas"]] == ["thordur", "moskva"]
    assert [t["id"] for t in data["touchpoints"]] == ["lodz-zolc", "cafe-deja-vu", "touchpoint"]
    assert cjm("check", str(out), cwd=tmp_path).returncode == 0


# ---- existing ids never change


RENAMES = ["Þórður", "Київ", "Ελλάδα", "café—déjà vu", "😀", "İstanbul Şişli"]


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda p: p.stem)
def test_renaming_every_entity_keeps_every_id(tmp_path: Path, sample: Path) -> None:
    """The editor's form and the grid rename through `OpenMap.update`: the ids stay."""
    for path in SAMPLES.glob("*.toml"):  # with the persona library the maps name
        shutil.copy(path, tmp_path / path.name)
    path = tmp_path / sample.name
    before = load(path)
    om = OpenMap.open(path)
    for table in ("stages", "personas", "touchpoints"):
        for i, entity in enumerate(getattr(om.map, table)):
            om.update(entity, name=f"{RENAMES[i % len(RENAMES)]} {i}")
    for i, action in enumerate(om.map.actions):
        om.update(action, title=f"{RENAMES[i % len(RENAMES)]} {i}")
    assert om.save() == SaveResult.SAVED

    after = load(path)
    for table in ("stages", "personas", "touchpoints", "actions"):
        assert [e["id"] for e in after.get(table, [])] == [e["id"] for e in before.get(table, [])]
    assert [t["name"] for t in after["touchpoints"]][:2] == ["Þórður 0", "Київ 1"]
    assert [
        (
            t["stage"],
            t.get("personas"),
            sorted(t["emotion"]) if isinstance(t.get("emotion"), dict) else None,
        )
        for t in after["touchpoints"]
    ] == [
        (
            t["stage"],
            t.get("personas"),
            sorted(t["emotion"]) if isinstance(t.get("emotion"), dict) else None,
        )
        for t in before["touchpoints"]
    ]
    library = tmp_path / "personas.toml"
    if "persona_library" in before["map"]:
        assert [p["id"] for p in load(library)["personas"]] == [
            p["id"] for p in load(SAMPLES / "personas.toml")["personas"]
        ]
