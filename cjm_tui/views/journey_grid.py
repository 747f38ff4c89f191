"""The journey grid: touchpoints as columns under their stages, the lanes of a map as rows.

The grid a workshop fills on the wall: one column per touchpoint in journey order (from
`journey_columns`, the one builder of the journey's columns), one row (lane) per thing known
about it, in the order people fill them: name, channel, doing, thinking, feeling, expectation,
experience, emotion (one lane per persona when the map has personas), moment of truth and
why, owner, pain points, opportunities.

This module says which lanes and columns there are and what each cell holds as text (lists
are items separated by `;`); how typed text becomes a value is `editing/grid_cells.py`'s
(views sit below editing). It draws nothing: the editor's grid widget does
(`tui/components/journey_grid.py`).
Plain dataclasses over the model: no rich and no textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from cjm_tui.i18n.words import field_labels
from cjm_tui.model import Map, Touchpoint
from cjm_tui.model.names import short_names
from cjm_tui.model.rules import emotion_label
from cjm_tui.views.colours import persona_style
from cjm_tui.views.journey_columns import JourneyColumns, journey_columns

LaneKind = Literal["text", "list", "emotion", "moment"]

TEXT_LANES = ("name", "channel", "doing", "thinking", "feeling", "expectation", "experience")
AFTER_EMOTION = ("moment_of_truth", "mot_reason", "owner", "pain_points", "opportunities")
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class GridLane:
    """One row of the grid: which key of a touchpoint it shows."""

    key: str
    """The touchpoint's field ("doing", "emotion", "pain_points" ...)."""
    label: str
    """The lane's name in the interface's language ("Doing")."""
    kind: LaneKind
    persona: str | None = None
    """An emotion lane's persona (None: the one lane of a map without personas)."""
    persona_name: str = ""
    """Its short name, as the map has it (unsanitized)."""
    symbol: str = ""
    colour: str = ""
    """The persona's symbol and colour, as on the timeline."""


@dataclass(frozen=True)
class JourneyGrid:
    """A map as a grid: its columns (journey order) and lanes (rows)."""

    columns: JourneyColumns
    lanes: list[GridLane]
    map: Map

    def touchpoint(self, column: int) -> Touchpoint | None:
        """The touchpoint of a column (None: the placeholder of a stage without any)."""
        if not 0 <= column < len(self.columns.columns):
            return None
        return self.columns.columns[column].touchpoint

    def column_of(self, uid: int | None) -> int | None:
        """The column of the touchpoint with this uid."""
        for c, col in enumerate(self.columns.columns):
            if col.touchpoint is not None and col.touchpoint.uid == uid:
                return c
        return None

    def lane_index(self, key: str) -> int:
        """The first lane showing `key` (0 when there is none)."""
        return next((i for i, lane in enumerate(self.lanes) if lane.key == key), 0)

    def stage_at(self, column: int) -> int:
        """The index (in `columns.stages`) of a column's stage."""
        return self.columns.columns[column].stage

    def value(self, lane: GridLane, column: int) -> Any:
        """A cell's value as the model has it (an emotion cell: the persona's number)."""
        tp = self.touchpoint(column)
        if tp is None:
            return None
        if lane.kind == "emotion":
            return tp.emotion_for(lane.persona)
        return getattr(tp, lane.key)

    def text(self, lane: GridLane, column: int) -> str:
        """A cell as text, unsanitized: what the cell editor starts with (and shows)."""
        return cell_text(lane, self.value(lane, column))

    def meets(self, lane: GridLane, column: int) -> bool:
        """Whether an emotion lane's persona is at this touchpoint (others always are)."""
        tp = self.touchpoint(column)
        if tp is None:
            return False
        if lane.kind != "emotion" or lane.persona is None:
            return True
        return tp.meets(lane.persona) or tp.emotion_for(lane.persona) is not None


def cell_text(lane: GridLane, value: Any) -> str:
    """How a value reads in its cell (and in the cell's editor)."""
    if value is None:
        return ""
    if lane.kind == "list":
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if lane.kind == "emotion":
        return emotion_label(int(value))
    if lane.kind == "moment":
        return "◆" if value else ""
    return str(value)


def lanes_of(m: Map) -> list[GridLane]:
    """The grid's lanes for a map, in the order a workshop fills them."""
    labels = _lane_labels()
    lanes = [GridLane(key, labels[key], "text") for key in TEXT_LANES]
    if m.personas:
        names = short_names(m)
        for index, persona in enumerate(m.personas):
            symbol, colour = persona_style(index)
            lanes.append(
                GridLane(
                    "emotion",
                    labels["emotion"],
                    "emotion",
                    persona.id,
                    names.get(persona.id, persona.id),
                    symbol,
                    colour,
                )
            )
    else:
        lanes.append(GridLane("emotion", labels["emotion"], "emotion"))
    for key in AFTER_EMOTION:
        kind: LaneKind = "text"
        if key == "moment_of_truth":
            kind = "moment"
        elif key in ("pain_points", "opportunities"):
            kind = "list"
        lanes.append(GridLane(key, labels[key], kind))
    return lanes


def _lane_labels() -> dict[str, str]:
    # The form's words for the same keys (one place: i18n/words.py).
    return field_labels()


def journey_grid(m: Map) -> JourneyGrid:
    """The grid of a map, in O(stages + touchpoints + personas)."""
    return JourneyGrid(journey_columns(m), lanes_of(m), m)
