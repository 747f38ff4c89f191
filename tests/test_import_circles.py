"""No module of cjm imports itself back, by any path (`make deps` prints the same check)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from import_cycles import circles


def test_cjm_has_no_import_circles() -> None:
    assert circles("cjm_tui") == []


def test_the_check_finds_a_circle_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two modules importing each other (one inside a function) are named as a circle."""
    package = tmp_path / "circular"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circular import b\n")
    (package / "b.py").write_text("def f():\n    from circular import a\n")
    (package / "c.py").write_text("from circular import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles("circular") == [["circular.a", "circular.b"]]
