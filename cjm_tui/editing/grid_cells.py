"""Text typed into a cell of the journey grid, read back into the changes of one edit.

The grid (`views/journey_grid.py`) says what a cell shows; this says what typed text means
there, with the form's reading of each kind of field (`fields.parse`), except that a list
lane's items are separated by `;` (a cell is one line) and an emotion lane takes one number
(the lane is one persona's). Text that says what the cell already holds asks for nothing, so
applying an untouched cell adds no undo step and changes no byte.
"""

from __future__ import annotations

from typing import Any

from cjm_tui.editing.fields import FieldError, emotion_number, fields_for, parse
from cjm_tui.i18n import _
from cjm_tui.model import Map, Touchpoint
from cjm_tui.views.journey_grid import LIST_SEPARATOR, GridLane, JourneyGrid


class CellError(FieldError):
    """Text that cannot go into a cell; the message names the field, for a person."""


def read_cell(m: Map, lane: GridLane, typed: str) -> Any:
    """The value typed text stands for in a lane (None: the key goes). Raises CellError."""
    try:
        if lane.kind == "list":
            items = [item.strip() for item in typed.split(LIST_SEPARATOR)]
            return [item for item in items if item] or None
        if lane.kind == "emotion":
            if not typed.strip():
                return None
            what = _("Emotion")
            if lane.persona is not None:
                what = _("Emotion for {id}", id=lane.persona)
            return emotion_number(typed, what)
        if lane.kind == "moment":
            return True if typed.strip() else None
        spec = next(s for s in fields_for("touchpoints", m) if s.key == lane.key)
        return parse(spec, typed)
    except FieldError as exc:
        if isinstance(exc, CellError):
            raise
        raise CellError(exc.message) from None


def cell_changes(grid: JourneyGrid, lane: GridLane, column: int, typed: str) -> dict[str, Any]:
    """The changes (for `OpenMap.update`) typed text asks of a cell: {} when it says what the
    cell holds already. Raises CellError."""
    tp = grid.touchpoint(column)
    if tp is None or typed == grid.text(lane, column):
        return {}
    value = read_cell(grid.map, lane, typed)
    if lane.kind == "emotion":
        emotion = with_emotion(tp, lane.persona, value, grid.map)
        return {} if emotion == tp.emotion else {"emotion": emotion}
    if value == getattr(tp, lane.key):
        return {}
    return {lane.key: value}


def with_emotion(tp: Touchpoint, persona: str | None, value: int | None, m: Map) -> Any:
    """A touchpoint's emotion with one lane's value set (None: cleared).

    Without a persona the touchpoint has one value for everybody. With one, the emotion
    becomes a per-persona table: a single value is first given to every persona who meets
    the touchpoint (as `+`/`-` do), so that setting Ola's leaves Marek's as it was.
    """
    emotion = tp.emotion
    if persona is None:
        return value
    if isinstance(emotion, dict):
        table = dict(emotion)
    elif isinstance(emotion, int):
        table = {p.id: emotion for p in m.personas if tp.meets(p.id)}
    else:
        table = {}
    if value is None:
        table.pop(persona, None)
    else:
        table[persona] = value
    return table or None
