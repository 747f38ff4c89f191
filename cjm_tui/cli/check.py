"""`cjm check FILE...`: is each file a valid map? Exit 0 valid, 1 invalid, 2 unreadable."""

from __future__ import annotations

import argparse
from pathlib import Path

from cjm_tui.cli import output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="validate map files",
        description="Validate map files against the format; every problem is "
        "reported as FILE:LINE:COL: error: message.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="map files (.toml)")
    p.add_argument(
        "--strict",
        action="store_true",
        help="also warn about keys and tables the format does not define",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people (default), json for tools, or github: each problem as a "
        "GitHub Actions annotation (::error file=F,line=L,col=C::message)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cjm_tui.cli.collection import without_collection

    with without_collection():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from cjm_tui.cli import annotation
    from cjm_tui.store import StoreError, check_file

    code = 0
    report: list[dict[str, object]] = []
    for name in args.files:
        try:
            checked = check_file(Path(name), strict=args.strict, library_ok=True)
        except StoreError as exc:
            code = 2
            if args.format == "json":
                report.append(
                    {
                        "file": name,
                        "valid": False,
                        "readable": False,
                        "problems": [],
                        "error": str(exc),
                    }
                )
            else:
                annotation.error_line(str(exc), github=args.format == "github")
            continue
        invalid = not checked.ok
        if invalid:
            code = max(code, 1)
        if args.format == "json":
            entry: dict[str, object] = {
                "file": name,
                "valid": not invalid,
                "readable": True,
                "problems": [p.as_json() for p in checked.problems],
            }
            if checked.is_library:
                entry["persona_library"] = True
            report.append(entry)
            continue
        if args.format == "github":
            # Problems only: a valid map's summary line would be noise in the log.
            for problem in checked.problems:
                annotation.say(annotation.of_problem(problem))
            continue
        for problem in checked.problems:
            output.print_problem(problem)
        if not invalid and checked.is_library:
            raw = checked.raw or {}
            summary = (
                f"{name}: ok (a persona library: {_count(raw.get('personas'), 'persona')}"
                + (f", {_count(checked.problems, 'warning')}" if checked.problems else "")
                + ")"
            )
            output.say(summary, style="green")
        elif not invalid:
            raw = checked.raw or {}
            personas = _count(raw.get("personas"), "persona")
            if checked.library is not None:
                shared = _count(checked.library.personas, "persona")
                personas += f" and {shared} from {checked.library.ref}"
            summary = (
                f"{name}: ok ({_count(raw.get('stages'), 'stage')}, "
                f"{_count(raw.get('touchpoints'), 'touchpoint')}, "
                f"{personas}"
                + (f", {_count(checked.problems, 'warning')}" if checked.problems else "")
                + ")"
            )
            output.say(summary, style="green")
    if args.format == "json":
        import json

        print(json.dumps({"valid": code == 0, "files": report}, ensure_ascii=False, indent=2))
    return code


def _count(items: object, noun: str) -> str:
    n = len(items) if isinstance(items, list) else 0
    return f"{n} {noun}{'' if n == 1 else 's'}"
