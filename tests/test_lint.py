"""`cjm lint`: each rule on a small map where the answer is known, and its settings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cjm_tui.cli import main
from cjm_tui.model.lint import RULES, LintConfig, lint, load_config
from cjm_tui.store import MapFile

TODAY = dt.date(2026, 11, 23)

MAP = """\
[map]
format = 1
title = "Lint me"
updated = 2026-01-01

[[personas]]
id = "ola"
name = "Ola"

[[personas]]
id = "ghost"
name = "Nobody's persona"

[[stages]]
id = "arrive"
name = "Arrive"

[[stages]]
id = "empty"
name = "Empty"

[[stages]]
id = "lonely"
name = "Lonely"

[[touchpoints]]
id = "guard"
stage = "arrive"
name = "Security guard"
personas = ["ola"]
emotion = { ola = -1, ghost = 1 }
moment_of_truth = true

[[touchpoints]]
id = "parking"
stage = "arrive"
name = "Parking"
personas = ["ola"]
emotion = 1
status = "verified"
evidence = ["Interview 2"]

[[touchpoints]]
id = "nobody"
stage = "lonely"
name = "A touchpoint nobody meets"
personas = []
status = "verified"
evidence = ["Log"]

[[actions]]
id = "late"
touchpoint = "parking"
title = "Repaint the lines"
due = 2026-10-01
"""


def findings(
    text: str = MAP, cfg: LintConfig | None = None, tmp: Path | None = None
) -> set[tuple[str, str]]:
    assert tmp is not None
    path = tmp / "m.toml"
    path.write_text(text, encoding="utf-8")
    m = MapFile.load(path).map
    return {(f.rule, sev) for f, sev in lint(m, cfg or LintConfig(today=TODAY))}


def pointed(tmp: Path, text: str = MAP) -> set[tuple[str, str, str]]:
    """Each finding as (rule, the item it points at, the key or persona under it)."""
    path = tmp / "m.toml"
    path.write_text(text, encoding="utf-8")
    m = MapFile.load(path).map
    out: set[tuple[str, str, str]] = set()
    for f, _ in lint(m, LintConfig(today=TODAY)):
        table = str(f.path[0])
        item = "map" if table == "map" else getattr(m, table)[f.path[1]].id
        rest = ".".join(str(p) for p in f.path[1 if table == "map" else 2 :])
        out.add((f.rule, f"{table}:{item}", rest))
    return out


def test_every_rule_fires_where_it_should(tmp_path: Path) -> None:
    """Each rule fires once, at the item that breaks it (and the key, where there is one)."""
    found = pointed(tmp_path)
    assert found == {
        ("mot-no-owner", "touchpoints:guard", ""),
        ("mot-no-action", "touchpoints:guard", ""),
        ("negative-no-pain", "touchpoints:guard", "emotion"),
        ("hypothesis-no-evidence", "touchpoints:guard", ""),
        ("emotion-persona-not-met", "touchpoints:guard", "emotion.ghost"),
        ("empty-stage", "stages:empty", ""),
        ("stage-no-persona", "stages:lonely", ""),
        ("persona-unused", "personas:ghost", ""),
        ("action-no-owner", "actions:late", ""),
        ("action-overdue", "actions:late", "due"),
        ("stale-map", "map:map", "updated"),
    }
    # library-persona-unused is linted across maps (tests/test_persona_library.py).
    assert set(RULES) - {rule for rule, _, _ in found} == {"blank-text", "library-persona-unused"}
    blank = MAP.replace('name = "Parking"', 'name = "  "')
    assert ("blank-text", "error") in findings(blank, tmp=tmp_path)


def test_a_fixed_map_is_clean(tmp_path: Path) -> None:
    fixed = (
        MAP.replace(
            "moment_of_truth = true",
            'moment_of_truth = true\npain_points = ["rude"]\n'
            'owner = "Security"\nstatus = "verified"\nevidence = ["Interview 1"]',
        )
        .replace("emotion = { ola = -1, ghost = 1 }", "emotion = { ola = -1 }")
        .replace("personas = []", 'personas = ["ghost"]')
        .replace('[[stages]]\nid = "empty"\nname = "Empty"\n\n', "")
        .replace("due = 2026-10-01", 'due = 2026-10-01\nstate = "done"\nowner = "Facilities"')
        .replace("updated = 2026-01-01", "updated = 2026-11-01")
        + '\n[[actions]]\nid = "greet"\ntouchpoint = "guard"\ntitle = "Greeting script"\n'
        'owner = "Security"\n'
    )
    assert findings(fixed, tmp=tmp_path) == set()


def test_settings_turn_rules_into_warnings_or_off(tmp_path: Path) -> None:
    (tmp_path / "cjm.toml").write_text(
        '[lint]\ndisable = ["stale-map"]\nwarn = ["hypothesis-no-evidence"]\nstale-days = 5\n',
        encoding="utf-8",
    )
    cfg, problem = load_config(tmp_path / "m.toml", today=TODAY)
    assert problem is None and cfg.stale_days == 5
    found = findings(cfg=cfg, tmp=tmp_path)
    assert ("hypothesis-no-evidence", "warning") in found
    assert not any(rule == "stale-map" for rule, _ in found)
    (tmp_path / "cjm.toml").write_text('[lint]\ndisable = ["no-such-rule"]\n', encoding="utf-8")
    _, problem = load_config(tmp_path / "m.toml")
    assert problem is not None and "no-such-rule" in problem


def test_pyproject_settings_are_found_above_the_map(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cjm.lint]\nwarn = ["empty-stage"]\n', encoding="utf-8"
    )
    (tmp_path / "maps").mkdir()
    cfg, problem = load_config(tmp_path / "maps" / "m.toml")
    assert problem is None and cfg.warn == {"empty-stage"}


def test_cli_exit_codes_lines_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MAP, encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{path}:26:1: error: touchpoint guard is a moment of truth with no owner "
        "[mot-no-owner]" in out
    )
    assert main(["lint", "--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} >= {"action-overdue", "empty-stage"}
    (tmp_path / "cjm.toml").write_text(
        "[lint]\nwarn = " + json.dumps(list(RULES)) + "\n", encoding="utf-8"
    )
    assert main(["lint", str(path)]) == 0  # only warnings
    assert main(["lint", str(tmp_path / "missing.toml")]) == 2


DRAFT = """\
[map]
format = 1
title = "A draft"
updated = 2026-11-20

[[stages]]
id = "arrive"
name = "Arrive"
""" + "".join(
    f'\n[[touchpoints]]\nid = "t{n}"\nstage = "arrive"\nname = "Step {n}"\n'
    + ('status = "verified"\nevidence = ["Interview"]\n' if n >= 18 else "")
    for n in range(20)
)


def test_hypotheses_without_evidence_are_a_warning_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(DRAFT, encoding="utf-8")
    assert main(["lint", str(path)]) == 0  # still listed, but nothing else is wrong
    assert "warning" in capsys.readouterr().out
    (tmp_path / "cjm.toml").write_text('[lint]\nerror = ["hypothesis-no-evidence"]\n', "utf-8")
    assert main(["lint", str(path)]) == 1
    assert ": error: " in capsys.readouterr().out


def test_a_draft_gets_one_summary_line_not_one_per_touchpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(DRAFT, encoding="utf-8")
    assert main(["lint", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:10:1: warning: 18 of 20 touchpoints are hypotheses without evidence (a draft): "
        "t0, t1, t2, t3, t4, ... [hypothesis-no-evidence]",
        "0 errors, 18 warnings",
    ]
    assert main(["lint", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (summary,) = data["summaries"]
    assert (summary["count"], summary["of"], summary["ids"][:2]) == (18, 20, ["t0", "t1"])
    assert summary["line"] == 10 and summary["severity"] == "warning"
    assert len(data["findings"]) == 18 and all(f["summarized"] for f in data["findings"])


def test_a_few_hypotheses_are_still_listed_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    mostly_verified = DRAFT
    for n in range(3, 18):
        mostly_verified = mostly_verified.replace(
            f'name = "Step {n}"\n', f'name = "Step {n}"\nstatus = "verified"\nevidence = ["x"]\n'
        )
    path.write_text(mostly_verified, encoding="utf-8")
    assert main(["lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert "a draft" not in out
    assert out.count("is a hypothesis with no evidence [hypothesis-no-evidence]") == 3
