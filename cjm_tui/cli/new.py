"""`cjm new FILE`: a commented starter map, never written over an existing file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cjm_tui.cli import output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help="write a starter map",
        description="Write a valid, commented starter map (3 stages, 1 persona). "
        "An existing file is never overwritten. The map's first line, `#:schema "
        "./cjm-map.schema.json`, points TOML language servers (Taplo, Even Better TOML) at "
        "the JSON Schema of the format, written beside the map unless that file exists.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", default="New journey map", help="the map's title")
    p.add_argument(
        "--kind",
        type=_kind,
        default="customer",
        help="customer journey (default) or employee experience map",
    )
    p.add_argument(
        "--persona-library",
        metavar="PATH",
        help="a persona library (a file of shared [[personas]]) the map uses; "
        "written relative to the new map",
    )
    p.set_defaults(run=run)


def _kind(text: str) -> str:
    """A map kind (the model is imported only when one is given: every `cjm` command builds
    this parser, and importing the model costs them all ~14 ms)."""
    from cjm_tui.model.rules import KINDS

    if text not in KINDS:
        choices = ", ".join(repr(k) for k in KINDS)
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from {choices})")
    return text


def run(args: argparse.Namespace) -> int:
    from cjm_tui.editing.newmap import create_map

    path = Path(args.file)
    if path.exists() or path.is_symlink():
        output.error(f"{path}: error: already exists; cjm new never overwrites a file")
        return 2
    library: str | None = None
    if args.persona_library is not None:
        library = _library_ref(path, Path(args.persona_library))
        if library is None:
            return 2
    try:
        warning = create_map(path, args.title, args.kind, persona_library=library)
    except FileExistsError:
        output.error(f"{path}: error: already exists; cjm new never overwrites a file")
        return 2
    except OSError as exc:
        output.error(f"{path}: error: cannot write: {exc.strerror or exc}")
        return 2
    output.stdout().print(
        f"wrote {path}: edit it with `cjm edit {path}` or by hand, then `cjm check {path}`"
    )
    if warning is not None:
        output.error(warning)
    return 0


def _library_ref(path: Path, library: Path) -> str | None:
    """`library` relative to the new map's folder (`/` between parts), or None after saying
    why it cannot be used (the starter map must be valid)."""
    import os

    from cjm_tui.model.problems import has_errors
    from cjm_tui.store import StoreError, check_file

    try:
        checked = check_file(library, library_ok=True)
    except StoreError as exc:
        output.error(str(exc))
        return None
    if not checked.is_library or has_errors(checked.problems):
        for problem in checked.problems:
            output.print_problem(problem)
        if not checked.is_library:
            output.error(f"{library}: error: not a persona library (only [[personas]] tables)")
        return None
    base = path.parent.resolve()
    return Path(os.path.relpath(library.resolve(), base)).as_posix()
