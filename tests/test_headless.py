"""The headless core (model, store, validate, quick-add, CLI entry) never imports textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CORE = [
    "cjm_tui.model",
    "cjm_tui.store",
    "cjm_tui.model.validate",
    "cjm_tui.editing.quickadd",
    "cjm_tui.cli",
    "cjm_tui.api",
]

SCRIPT = f"""
import importlib, json, sys
for name in {CORE!r}:
    importlib.import_module(name)
print(json.dumps({{"textual": sorted(m for m in sys.modules
                                     if m == "textual" or m.startswith("textual.")),
                   "loaded": [n for n in {CORE!r} if n in sys.modules]}}))
"""


def test_headless_core_does_not_import_textual() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["loaded"] == CORE
    assert result["textual"] == []


def test_textual_is_installed_so_the_check_above_means_something() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import textual, sys; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
