"""Finding touchpoints (headless): any case, any accents, typos, best first."""

from __future__ import annotations

import time

from cjm_tui.model import Map, MapInfo, Stage, Touchpoint
from cjm_tui.views.find import FindIndex, fold


def a_map() -> Map:
    return Map(
        info=MapInfo(title="t"),
        stages=[Stage(id="one", name="One"), Stage(id="two", name="Two")],
        touchpoints=[
            Touchpoint(id="bile", stage="one", name="Żółć w Łodzi", channel="sklep"),
            Touchpoint(id="pay", stage="two", name="Checkout", channel="web", owner="Łódź team"),
            Touchpoint(id="app", stage="two", name="Top-up screen", channel="app"),
            Touchpoint(id="apple", stage="one", name="Apple pay", channel="app"),
        ],
    )


def ids(query: str) -> list[str]:
    return [hit.touchpoint.id for hit in FindIndex(a_map()).search(query)]


def test_fold_drops_case_accents_and_the_polish_l() -> None:
    assert fold("Żółć") == "zolc"
    assert fold("ŁÓDŹ") == "lodz"
    assert fold("Top-up!") == "top up"


def test_fold_spells_other_scripts_in_ascii_composed_or_not() -> None:
    assert fold("Москва") == "moskva"
    assert fold("Київ") == fold("Ки\u0456\u0308в") == "kiyiv"  # ї composed and decomposed
    assert fold("Ελλάδα") == "ellada"
    assert fold("Þórður") == "thordur"


def test_a_cyrillic_name_is_found_in_either_alphabet() -> None:
    m = a_map()
    m.touchpoints.append(Touchpoint(id="kyiv", stage="two", name="Київ airport", channel="app"))
    assert [h.touchpoint.id for h in FindIndex(m).search("kiyiv")] == ["kyiv"]
    assert [h.touchpoint.id for h in FindIndex(m).search("КИЇВ")] == ["kyiv"]


def test_any_case_and_any_accents_find_the_touchpoint() -> None:
    assert ids("zolc") == ["bile"]
    assert ids("ZÓŁĆ") == ["bile"]
    assert ids("lodz") == ["pay", "bile"]  # the start of a text before a word inside one


def test_the_matched_field_is_named() -> None:
    hits = FindIndex(a_map()).search("lodz team")
    assert [(h.touchpoint.id, h.field, h.text) for h in hits] == [("pay", "owner", "Łódź team")]
    (hit,) = FindIndex(a_map()).search("sklep")
    assert (hit.field, hit.stage_name) == ("channel", "One")


def test_a_typo_or_missing_letters_still_find_it() -> None:
    assert ids("chekout") == ["pay"]
    assert ids("chckout") == ["pay"]
    assert ids("top up scren") == ["app"]


def test_best_first_then_journey_order() -> None:
    # "app" is the whole channel of both (and the start of "Apple pay"): journey order.
    assert ids("app") == ["apple", "app"]
    assert ids("apple") == ["apple"]


def test_short_queries_match_only_as_typed_and_nothing_matches_nothing() -> None:
    assert ids("xq") == []
    assert ids("qzxv") == []
    assert ids("   ") == []


def test_twenty_thousand_touchpoints_rank_within_a_frame_or_two() -> None:
    stages = [Stage(id=f"s{i}", name=f"Stage {i}") for i in range(200)]
    tps = [
        Touchpoint(
            id=f"t{i}",
            stage=f"s{i % 200}",
            name=f"Touchpoint number {i} about the thing {i * 7919 % 10007}",
            channel=("app", "web", "shop", "phone")[i % 4],
            owner=f"Team {i % 37}",
        )
        for i in range(20_000)
    ]
    index = FindIndex(Map(info=MapInfo(title="big"), stages=stages, touchpoints=tps))
    for query in ("touchpoint numbr 1234", "thing 99", "team 3"):
        start = time.perf_counter()
        hits = index.search(query)
        elapsed = time.perf_counter() - start
        assert hits
        assert elapsed < 0.25, f"{query!r}: {elapsed:.3f}s"
