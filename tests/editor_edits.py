"""Random edits made the way the editor makes them (through `OpenMap`), for property tests.

An edit is drawn as plain data (a kind and a few numbers and a word) so hypothesis can shrink
it, then made on an open map; an edit the editor would refuse (EditError) is simply not made.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from cjm_tui.editing.openmap import EditError, OpenMap
from cjm_tui.editing.quickadd import QuickAddError
from cjm_tui.model import Persona, Stage

KINDS = (
    "quick-add",
    "emotion",
    "moment",
    "doing",
    "owner",
    "rename",
    "move",
    "next-stage",
    "delete",
    "persona",
    "forget-persona",
    "stage",
    "delete-stage",
    "title",
)


@dataclass(frozen=True)
class EditorEdit:
    kind: str
    a: int
    b: int
    word: str

    def make(self, om: OpenMap) -> bool:
        """Make the edit on `om`; False when there was nothing to do or it was refused."""
        m = om.map
        tps = m.touchpoints
        tp = tps[self.a % len(tps)] if tps else None
        try:
            match self.kind:
                case "quick-add":
                    stage = m.stages[self.b % len(m.stages)].id
                    om.quick_add(
                        f"{self.word} {(self.b % 5) - 2:+d}{' !' if self.a % 4 == 0 else ''}", stage
                    )
                case "emotion" if tp is not None:
                    persona = m.personas[self.b % len(m.personas)].id if m.personas else None
                    om.bump_emotion(tp, 1 if self.b % 2 else -1, persona if self.b % 3 else None)
                case "moment" if tp is not None:
                    om.toggle_moment(tp)
                case "doing" if tp is not None:
                    om.update(tp, doing=self.word)
                case "owner" if tp is not None:
                    om.update(tp, owner=self.word)
                case "rename" if tp is not None:
                    om.update(tp, id=f"{tp.id}-{self.word}")
                case "move" if tp is not None:
                    return om.move(tp, 1 if self.b % 2 else -1)
                case "next-stage" if tp is not None:
                    return om.move_to_stage(tp, 1 if self.b % 2 else -1) is not None
                case "delete" if tp is not None:
                    om.delete(tp)
                case "persona":
                    om.add(Persona(id=f"p-{self.word}", name=self.word))
                case "forget-persona" if m.personas:
                    om.delete(m.personas[self.b % len(m.personas)])
                case "stage":
                    om.add(Stage(id=f"s-{self.word}", name=self.word))
                case "delete-stage":
                    om.delete(m.stages[self.b % len(m.stages)])
                case "title":
                    om.update_info(title=self.word)
                case _:
                    return False
        except (EditError, QuickAddError):
            return False
        return True


WORDS = st.sampled_from(["parking", "guard", "smell", "app", "wait", "bill", "queue"])

editor_edits = st.builds(
    EditorEdit,
    kind=st.sampled_from(KINDS),
    a=st.integers(0, 50),
    b=st.integers(0, 50),
    word=WORDS,
)
