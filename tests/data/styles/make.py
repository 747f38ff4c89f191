"""Write the generated style files of this folder: the sample maps in the styles people use.

Run from the project root: `.venv/bin/python tests/data/styles/make.py`. The output is
deterministic; tests/test_mapstyles.py checks that the files here are what this script writes.
The `hand-*.toml` files next to them are written by hand and never touched by this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.mapstyles import STYLE_FILES, render_styled, sample_maps  # noqa: E402


def generated() -> dict[str, bytes]:
    """File name -> bytes of every generated file."""
    maps = sample_maps()
    out: dict[str, bytes] = {}
    for name, (sample, style) in STYLE_FILES.items():
        out[f"{sample}-{name}.toml"] = render_styled(maps[sample], style).encode("utf-8")
    return out


def main() -> None:
    for old in HERE.glob("*.toml"):
        if not old.name.startswith("hand-"):
            old.unlink()
    for name, data in generated().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(STYLE_FILES)} files to {HERE}")


if __name__ == "__main__":
    main()
