"""Hatch build hook: compiles the interface's gettext catalogues (`.po`) into `.mo` files.

The `.mo` files are built, not committed (.gitignore), yet the runtime reads only them
(`cjm_tui/i18n`, standard-library gettext). A wheel gets them from a temporary directory, so
building one leaves the checkout as it was; an editable install imports `cjm_tui` from the
checkout, so there they are written beside their `.po`, as `make catalogues` does.
Fuzzy entries are left out, as `pybabel compile` leaves them out.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("cjm_tui", "i18n", "locale")


class CatalogueBuildHook(BuildHookInterface[Any]):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        editable = version == "editable"
        out = root if editable else Path(tempfile.mkdtemp(prefix="cjm-mo-"))
        self._scratch = None if editable else out
        for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            mo = out / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalogue = read_po(source, locale=po.parts[-3], domain=po.stem)
            with mo.open("wb") as target:
                write_mo(target, catalogue, use_fuzzy=False)
            if not editable:
                build_data["force_include"][str(mo)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
