"""What editors of one map say to each other: JSON, one message a line, over a Unix socket.

JSON lines because the messages are small, a person can read them in a debugger, and the
standard library reads and writes them; the map's TOML values that JSON has no type for
(dates, times) travel as `{"\\u0000toml": kind, "v": text}`.

Messages (`t` is the kind):
- guest -> host: `hello` (who, the map's path, follow only or edit; on a rejoin after the
  host went away, the guest's whole map and the last verdict it heard), `change` (ref,
  steps), `save` (ref, force).
- host -> guest: `welcome` (your id, seq, the whole map, people), `verdict` (one change in
  the shared order, with what was lost or refused, and whether the shared map now differs
  from the file), `saved` (who asked, whether it was written, why not, whether to ask
  before overwriting), `people`, `note` (a line for every editor: the file changed outside).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from cjm_tui.together.state import Verdict
from cjm_tui.versions.changes import Drop, Lost, Place, Put, Step

TAG = "\u0000toml"
LIMIT = 1 << 30
"""The longest line a reader accepts (a whole map of 20,000 touchpoints is ~10 MB)."""


class WireError(ValueError):
    """A line that is not a message of ours."""


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {TAG: "time", "v": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _out(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_out(v) for v in value]
    return value


def _in(value: Any) -> Any:
    if isinstance(value, dict):
        kind = value.get(TAG)
        if kind is not None and len(value) == 2:
            text = str(value.get("v", ""))
            if kind == "datetime":
                return datetime.fromisoformat(text)
            if kind == "date":
                return date.fromisoformat(text)
            if kind == "time":
                return time.fromisoformat(text)
        return {k: _in(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_in(v) for v in value]
    return value


def encode(message: dict[str, Any]) -> bytes:
    """One message as a line of bytes."""
    return json.dumps(_out(message), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """A line back into a message; WireError when it is not one."""
    try:
        message = json.loads(line)
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"not a message: {exc}") from None
    if not isinstance(message, dict) or not isinstance(message.get("t"), str):
        raise WireError("not a message: no kind")
    return _in(message)  # type: ignore[no-any-return]


# Steps and verdicts ---------------------------------------------------------------------------


def steps_out(steps: list[Step], uids: bool = False) -> list[Any]:
    out: list[Any] = []
    for s in steps:
        if isinstance(s, Drop):
            out.append(["drop", s.table, s.id])
        elif isinstance(s, Put):
            out.append(["put", s.table, s.id, {k: [o, n] for k, (o, n) in s.fields.items()}])
        else:
            out.append(["place", s.table, s.id, s.after, s.raw, s.uid if uids else None])
    return out


def steps_in(data: Any, uids: bool = False) -> list[Step]:
    """Steps from a message; `uids` keeps the sender's uids (only this process's own)."""
    if not isinstance(data, list):
        raise WireError("steps: not a list")
    out: list[Step] = []
    try:
        for item in data:
            kind, table, ident = item[0], str(item[1]), str(item[2])
            if kind == "drop":
                out.append(Drop(table, ident))
            elif kind == "put":
                fields = {str(k): (v[0], v[1]) for k, v in dict(item[3]).items()}
                out.append(Put(table, ident, fields))
            elif kind == "place":
                after = None if item[3] is None else str(item[3])
                raw = None if item[4] is None else dict(item[4])
                uid = item[5] if uids and isinstance(item[5], int) else None
                out.append(Place(table, ident, after, raw, uid))
            else:
                raise WireError(f"steps: unknown step {kind!r}")
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        raise WireError(f"steps: {exc}") from None
    return out


def verdict_out(v: Verdict, dirty: bool) -> dict[str, Any]:
    return {
        "t": "verdict",
        "seq": v.seq,
        "by": v.by,
        "ref": v.ref,
        "steps": steps_out(v.steps, uids=True),
        "lost": [[x.table, x.id, x.field, x.mine, x.theirs] for x in v.lost],
        "refused": v.refused,
        "renamed": [[t, i, n] for (t, i), n in v.renamed.items()],
        "dirty": dirty,
    }


def verdict_in(message: dict[str, Any], me: str) -> Verdict:
    try:
        by = str(message["by"])
        return Verdict(
            seq=int(message["seq"]),
            by=by,
            ref=int(message["ref"]),
            steps=steps_in(message["steps"], uids=by == me),
            lost=[Lost(str(t), str(i), f, m, th) for t, i, f, m, th in message["lost"]],
            refused=message.get("refused"),
            renamed={(str(t), str(i)): str(n) for t, i, n in message.get("renamed", [])},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"verdict: {exc}") from None
