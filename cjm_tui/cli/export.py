"""`cjm export FILE --format F [-o OUT]` and `cjm schema`: the map in other formats."""

from __future__ import annotations

import argparse
import sys

from cjm_tui.cli import output

EXPORT_FORMATS = ("markdown", "html", "svg", "csv", "json", "mermaid")
# csvtable.SEPARATORS' names, not imported from it: the parser is built on every start.
SEPARATOR_NAMES = (",", ";", "tab")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the map as Markdown, HTML, SVG, CSV, JSON or a Mermaid journey diagram",
        description="Write the map in another format: markdown (a document for a git forge "
        "or wiki), html (one self-contained page: personas, the map grid, the emotion curve, "
        "moments of truth and the action plan; prints to PDF as A4 landscape), svg (the "
        "emotion curve as a vector chart), csv (one row per touchpoint, for spreadsheets), "
        "json (the whole map, mirroring the TOML tables) or mermaid (a `journey` diagram: "
        "stages are sections, touchpoints tasks scored emotion + 3, personas actors). Prints "
        "to stdout unless -o is given.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", "-f", required=True, choices=EXPORT_FORMATS, metavar="F")
    p.add_argument(
        "--persona",
        metavar="ID",
        help="mermaid only: that persona's touchpoints, scored with its own emotion",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="csv only: for Excel: UTF-8 with a byte order mark, CRLF line ends, and `;` "
        "between cells where the locale writes numbers with a decimal comma (else `,`); "
        "without it: UTF-8, LF, `,` (for git and scripts)",
    )
    p.add_argument(
        "--separator",
        choices=SEPARATOR_NAMES,
        metavar="SEP",
        help="csv only: the separator between cells: `,`, `;` or tab",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (replaced atomically)")
    p.set_defaults(run=run_export)

    s = sub.add_parser(
        "schema",
        help="print the JSON Schema of the map format",
        description="Print a JSON Schema (draft 2020-12) of the TOML map format, for editors "
        "and TOML language servers (point a `#:schema` comment at a saved copy). TOML dates "
        "appear as strings with format date. cjm check also checks unique ids and references.",
    )
    s.add_argument("-o", "--output", metavar="OUT", help="write to OUT (replaced atomically)")
    s.set_defaults(run=run_schema)


def _emit(text: str, destination: str | None) -> int:
    if destination is None:
        out = sys.stdout
        utf8 = (out.encoding or "").lower().replace("-", "") == "utf8"
        # Bytes as they are where the text could be changed: another encoding, or a CRLF
        # that a text stream translating newlines (Windows) would make CR CR LF.
        if (not utf8 or "\r" in text) and hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(text.encode("utf-8"))
            out.buffer.flush()
        else:
            out.write(text)
            out.flush()
        return 0
    from pathlib import Path

    from cjm_tui.store.atomic import write_atomic

    try:
        write_atomic(Path(destination), text.encode("utf-8"))
    except OSError as exc:
        output.error(f"{destination}: error: cannot write: {exc.strerror or exc}")
        return 2
    return 0


def run_export(args: argparse.Namespace) -> int:
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.exports import FORMATS, csvtable, mermaid

    persona = getattr(args, "persona", None)
    if persona is not None and args.format != "mermaid":
        output.error("error: --persona applies only to --format mermaid")
        return 2
    excel, separator = getattr(args, "excel", False), getattr(args, "separator", None)
    if (excel or separator is not None) and args.format != "csv":
        output.error("error: --excel and --separator apply only to --format csv")
        return 2
    mf = load_or_report(args.file)
    if mf is None:
        return 2
    if persona is not None:
        if mf.map.persona(persona) is None:
            known = ", ".join(p.id for p in mf.map.personas) or "none"
            output.error(f"{args.file}: error: no persona {persona!r} (personas: {known})")
            return 2
        return _emit(mermaid.render(mf.map, persona), args.output)
    if excel or separator is not None:
        delimiter = csvtable.SEPARATORS[separator] if separator else csvtable.excel_separator()
        return _emit(csvtable.render(mf.map, delimiter, excel), args.output)
    return _emit(FORMATS[args.format](mf.map), args.output)


def run_schema(args: argparse.Namespace) -> int:
    from cjm_tui.exports.schema import schema_text

    return _emit(schema_text(), args.output)
