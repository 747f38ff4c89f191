"""The styled renderer of tests/mapstyles.py: every style it writes is the map, exactly.

The renderer is test scaffolding for tests/test_write_styles.py and the property tests; if it
wrote something other than the map, those tests would test nothing. Random maps in random
styles are in tests/test_store_properties.py.
"""

from __future__ import annotations

import importlib.util
import itertools
import tomllib
from pathlib import Path

import pytest

from cjm_tui.model import Map, map_to_raw
from cjm_tui.model.validate import validate
from cjm_tui.store import check_text

from .mapstyles import (
    STYLE_FILES,
    Style,
    render_styled,
    sample_maps,
    with_extras,
)
from .test_write_styles import STYLES, decode, difference, same

# Every option at every value at least once, paired with the others in a few combinations.
OPTIONS: dict[str, tuple[object, ...]] = {
    "blank_lines": (True, False),
    "indent": ("", "  ", "\t"),
    "equals": ("spaced", "tight", "aligned"),
    "literal": (False, True),
    "multiline": ('"""', "'''", "escaped"),
    "lists": ("inline", "lines"),
    "trailing_comma": (True, False),
    "item_comments": (False, True),
    "emotions": ("inline", "compact", "dotted", "subtable"),
    "header_comments": (False, True),
    "key_comments": (False, True),
    "banners": (False, True),
    "notes": (False, True),
    "newline": ("lf", "crlf", "mixed"),
    "final_newline": (True, False),
    "bom": (False, True),
    "team_keys": (False, True),
}


def option_styles() -> list[Style]:
    """Each option value once (with the rest plain), then every option set at once."""
    out = [Style()]
    for name, values in OPTIONS.items():
        out += [Style(**{name: v}) for v in values[1:]]  # type: ignore[arg-type]
    out.append(Style(team_keys=True, detached_metrics=True))
    rotations = [itertools.cycle(values) for values in OPTIONS.values()]
    for _ in range(4):
        chosen = {name: next(values) for name, values in zip(OPTIONS, rotations, strict=True)}
        out.append(Style(**chosen, detached_metrics=bool(chosen["team_keys"])))  # type: ignore[arg-type]
    return out


CASES = [(name, style) for name in sample_maps() for style in option_styles()]


def expected(m: Map, style: Style) -> dict[str, object]:
    return map_to_raw(with_extras(m, style))


@pytest.mark.parametrize(("sample", "style"), CASES, ids=[f"{n}-{s.describe()}" for n, s in CASES])
def test_every_style_reads_back_as_the_map_plus_its_team_keys(sample: str, style: Style) -> None:
    """A sample map rendered in a style parses (tomllib) to exactly the map and the team keys
    the style adds; it is a valid map; and the style shows in the bytes."""
    m = sample_maps()[sample]
    text = render_styled(m, style)
    data = tomllib.loads(text.removeprefix("\ufeff"))
    assert same(data, expected(m, style)), difference(data, expected(m, style))
    assert [p for p in validate(data) if p.severity == "error"] == []
    assert check_text(text.removeprefix("\ufeff"), "x.toml").ok
    assert text.startswith("\ufeff") == style.bom
    assert text.endswith("\n") == style.final_newline
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    assert {"lf": crlf == 0, "crlf": lf == 0, "mixed": crlf > 0 and lf > 0}[style.newline]
    if style.detached_metrics:
        tail = text[text.index("[x_workshop]") :]
        assert "[touchpoints.x_metrics]" in tail
    if style.emotions == "dotted":
        assert "emotion." in text
    if style.emotions == "subtable":
        assert "[touchpoints.emotion]" in text


def test_the_generated_style_files_are_what_make_py_writes() -> None:
    """tests/data/styles holds exactly what make.py writes (run it after changing a style)."""
    spec = importlib.util.spec_from_file_location("make_styles", STYLES / "make.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    generated: dict[str, bytes] = make.generated()
    assert len(generated) == len(STYLE_FILES)
    on_disk = {
        p.name: p.read_bytes() for p in STYLES.glob("*.toml") if not p.name.startswith("hand-")
    }
    assert sorted(on_disk) == sorted(generated)
    stale = [name for name, data in generated.items() if on_disk[name] != data]
    assert not stale, f"regenerate with tests/data/styles/make.py: {stale}"


@pytest.mark.parametrize("path", sorted(STYLES.glob("*.toml")), ids=lambda p: p.stem)
def test_every_style_file_is_small_and_valid(path: Path) -> None:
    """Each style file is a valid map with three personas, three or four stages, a handful of
    touchpoints and two or three actions, small enough to read in a diff."""
    data = tomllib.loads(decode(path.read_bytes()))
    assert [p for p in validate(data) if p.severity == "error"] == []
    assert len(data["personas"]) == 3
    assert 3 <= len(data["stages"]) <= 4
    assert 4 <= len(data["touchpoints"]) <= 10
    assert 2 <= len(data["actions"]) <= 3
    assert len(path.read_bytes()) < 6000
