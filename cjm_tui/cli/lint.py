"""`cjm lint FILE...`: rules beyond validity; exit 1 on any error, so it can guard CI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cjm_tui.cli import output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cjm_tui.model.lint import RULES

    rules = "; ".join(f"{rule}: {why}" for rule, why in RULES.items())
    p = sub.add_parser(
        "lint",
        help="rules beyond validity (owners, actions, evidence, stale maps...)",
        description="Check maps against rules that keep them actionable. Every rule is an "
        "error unless a cjm.toml ([lint]) or pyproject.toml ([tool.cjm.lint]) next to the "
        "maps says `warn = [...]` or `disable = [...]`; `stale-days = N` sets when a map is "
        f"stale (default 90). Rules: {rules}.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.model.lint import lint, load_config
    from cjm_tui.sanitize import clean_line

    code = 0
    report: list[dict[str, object]] = []
    errors = warnings = 0
    for name in args.files:
        mf = load_or_report(name)
        if mf is None:
            code = 2
            continue
        cfg, problem = load_config(Path(name))
        if problem:
            output.error(problem)
            code = 2
            continue
        located = [(mf.layout.locate(f.path), f, sev) for f, sev in lint(mf.map, cfg)]
        for (line, column), finding, severity in sorted(located, key=lambda x: x[0]):
            if severity == "error":
                errors += 1
                code = max(code, 1)
            else:
                warnings += 1
            if args.format == "json":
                report.append(
                    {
                        "file": name,
                        "line": line,
                        "column": column,
                        "rule": finding.rule,
                        "severity": severity,
                        "message": finding.message,
                    }
                )
                continue
            text = f"{name}:{line}:{column}: {severity}: {finding.message} [{finding.rule}]"
            output.stdout().print(
                Text(clean_line(text), style="red" if severity == "error" else "yellow")
            )
    if args.format == "json":
        print(json.dumps({"findings": report}, ensure_ascii=False, indent=2))
    elif code < 2:
        summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        output.stdout().print(summary if errors or warnings else "no findings")
    return code
