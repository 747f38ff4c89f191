"""`cjm import csv|mermaid IN -o OUT`: another format to a new map, never over an existing one."""

from __future__ import annotations

import argparse
from pathlib import Path

from cjm_tui.cli import output

IMPORT_KINDS = ("csv", "mermaid")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="make a map from a CSV table or a Mermaid journey diagram",
        description="Make a map from another format: csv (one row per touchpoint, the columns "
        "`cjm export --format csv` writes; `stage` and `name` are required, matched ignoring "
        "case and surrounding spaces; separated by `,`, `;` or tab, UTF-8 with or without a "
        'BOM, as Excel\'s "CSV UTF-8" and LibreOffice write it). Stages come from '
        "the stage column, personas from the ids in the personas and emotion columns; or "
        "mermaid (a `journey` diagram: sections become stages, tasks touchpoints with "
        "emotion = score - 3, actors personas). "
        "OUT is never overwritten unless --force is given.",
    )
    p.add_argument(
        "kind", choices=IMPORT_KINDS, metavar="KIND", help="the input format: csv or mermaid"
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the map file to write")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument(
        "--title",
        help="the map's title (default: the diagram's title, else the name of IN)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.imports.csvmap import decode_csv, map_from_csv
    from cjm_tui.imports.mermaidmap import map_from_mermaid
    from cjm_tui.sanitize import clean_line
    from cjm_tui.store.atomic import create_atomic, write_atomic
    from cjm_tui.store.read import InvalidMap, StoreError, decode, read_bytes
    from cjm_tui.store.write import render_new

    source, out = Path(args.input), Path(args.output)
    exists_message = f"{out}: error: already exists; use --force to replace it"
    if not args.force and (out.exists() or out.is_symlink()):
        output.error(exists_message)
        return 2
    try:
        data = read_bytes(source)
    except StoreError as exc:
        output.error(str(exc))
        return 2
    text = ""
    try:
        if args.kind == "mermaid":
            text = decode(data, str(source))
            m = map_from_mermaid(text, str(source))
            if args.title is not None:
                m.info.title = args.title
        else:
            text, shape = decode_csv(data, str(source))
            # stderr: stdout stays the one `wrote` line scripts read.
            output.stderr().print(clean_line(f"read {source} as {shape.describe()}"))
            m = map_from_csv(text, str(source), args.title, shape.delimiter)
    except InvalidMap as exc:
        lines = text.splitlines()
        for problem in exc.problems:
            if problem.excerpt is None and 0 < problem.line <= len(lines):
                problem.excerpt = lines[problem.line - 1]
            output.print_problem(problem, output.stderr())
        return 1
    encoded = render_new(m).encode("utf-8")
    try:
        if args.force:
            write_atomic(out, encoded)
        else:
            create_atomic(out, encoded)
    except FileExistsError:
        output.error(exists_message)
        return 2
    except OSError as exc:
        output.error(f"{out}: error: cannot write: {exc.strerror or exc}")
        return 2
    output.stdout().print(f"wrote {out}: {len(m.touchpoints)} touchpoints")
    return 0
