"""Persona libraries: a file of `[[personas]]` shared by several maps (`persona_library`).

A map's personas are the library's followed by its own. In the model they all stand in
`Map.personas` (library first), so every view, export, report and lint reads one list;
`Map.library` says which of them came from the library (by uid: an edit keeps it). The store
writes `own_map(m)` to the map's file and `library_map(m)` to the library's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The model is imported where a map is built: `cjm check` tells a library from a map
    # (`is_persona_library`) without it.
    from cjm_tui.model.entities import Persona
    from cjm_tui.model.journey import Map


def is_persona_library(raw: dict[str, Any]) -> bool:
    """Whether parsed TOML is a persona library rather than a map: no `[map]` table and
    `[[personas]]` tables (a folder view tells the two apart with this)."""
    return "map" not in raw and "personas" in raw


def is_library_persona(m: Map, persona: Persona) -> bool:
    """Whether a persona of `m` comes from its persona library."""
    return m.library is not None and persona.uid in m.library.uids


def library_personas(m: Map) -> list[Persona]:
    return [p for p in m.personas if is_library_persona(m, p)]


def own_personas(m: Map) -> list[Persona]:
    return [p for p in m.personas if not is_library_persona(m, p)]


def own_map(m: Map) -> Map:
    """What the map's own file holds: `m` without its library's personas."""
    if m.library is None:
        return m
    from dataclasses import replace

    return replace(m, personas=own_personas(m), library=None)


def library_map(m: Map) -> Map:
    """The library's personas as a map of personas only (what the library file holds)."""
    from cjm_tui.model.entities import MapInfo
    from cjm_tui.model.journey import Map

    return Map(MapInfo(), personas=library_personas(m))


def with_library(m: Map, path: str, file: str, personas: list[dict[str, Any]]) -> Map:
    """`m` (read from its own file) with the library's personas first."""
    from dataclasses import replace

    from cjm_tui.model.entities import PersonaLibrary
    from cjm_tui.model.raw import build_entity

    shared: list[Persona] = [build_entity("personas", r) for r in personas]  # type: ignore[misc]
    return replace(
        m,
        personas=[*shared, *m.personas],
        library=PersonaLibrary(path, file, frozenset(p.uid for p in shared)),
    )
