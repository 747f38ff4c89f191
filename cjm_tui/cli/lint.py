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
        "error but hypothesis-no-evidence (a warning) unless a cjm.toml ([lint]) or "
        "pyproject.toml ([tool.cjm.lint]) next to the maps says `warn = [...]`, "
        "`error = [...]` or `disable = [...]`; `stale-days = N` sets when a map is "
        "stale (default 90). When most touchpoints are hypotheses without evidence, one "
        "summary line says so instead of one line each. A persona of a persona library is "
        "flagged (at the library's line) when none of the maps given together meets it. "
        f"Rules: {rules}.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people (default), json for tools, or github: each finding as a "
        "GitHub Actions annotation (::error file=F,line=L,col=C::message [rule])",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from cjm_tui.cli import annotation
    from cjm_tui.cli.loading import load_or_report
    from cjm_tui.model import Map
    from cjm_tui.model.lint import (
        LintConfig,
        library_unused,
        lint,
        load_config,
        summaries,
    )
    from cjm_tui.model.lint import (
        severity as severity_of,
    )
    from cjm_tui.sanitize import clean_line
    from cjm_tui.store.layout import Layout

    code = 0
    report: list[dict[str, object]] = []
    said_once: list[dict[str, object]] = []
    errors = warnings = 0
    linted: list[Map] = []
    library_cfg: dict[str, tuple[LintConfig, str]] = {}  # file: the first map's settings, text
    github = args.format == "github"

    def say(file: str, line: int, column: int, severity: str, message: str, rule: str) -> None:
        """One finding, as a line for people or (`--format github`) an annotation."""
        if github:
            annotation.say(annotation.command(severity, f"{message} [{rule}]", file, line, column))
            return
        text = f"{file}:{line}:{column}: {severity}: {message} [{rule}]"
        output.stdout().print(
            Text(clean_line(text), style="red" if severity == "error" else "yellow")
        )

    for name in args.files:
        mf = load_or_report(name, annotate=github)
        if mf is None:
            code = 2
            continue
        cfg, problem = load_config(Path(name))
        if problem:
            annotation.error_line(problem, github)
            code = 2
            continue
        if mf.library is not None:
            linted.append(mf.map)
            library_cfg.setdefault(str(mf.library.path), (cfg, mf.library.text))
        found = lint(mf.map, cfg)
        summed = summaries(mf.map, found)
        in_summary = {id(f): s for s in summed for f in s.findings}
        for s in summed:
            line, column = mf.layout.locate(s.findings[0].path)
            said_once.append(
                {
                    "file": name,
                    "line": line,
                    "column": column,
                    "rule": s.rule,
                    "severity": s.severity,
                    "count": s.count,
                    "of": s.total,
                    "ids": s.ids,
                    "message": s.message,
                }
            )
        located = [(mf.layout.locate(f.path), f, sev) for f, sev in found]
        for (line, column), finding, severity in sorted(located, key=lambda x: x[0]):
            if severity == "error":
                errors += 1
                code = max(code, 1)
            else:
                warnings += 1
            summary = in_summary.get(id(finding))
            if args.format == "json":
                report.append(
                    {
                        "file": name,
                        "line": line,
                        "column": column,
                        "rule": finding.rule,
                        "severity": severity,
                        "message": finding.message,
                        "summarized": summary is not None,
                    }
                )
                continue
            if summary is not None:
                if finding is not summary.findings[0]:
                    continue  # said once, in the summary, where the first one is
                message = summary.message
            else:
                message = finding.message
            say(name, line, column, severity, message, finding.rule)
    # Library personas no map given meets: at the library's own lines, after the maps.
    for file, findings in library_unused(linted).items():
        cfg, text = library_cfg[file]
        layout = Layout(text)
        for finding in findings:
            if finding.rule in cfg.disable:
                continue
            sev = severity_of(finding.rule, cfg)
            line, column = layout.locate(finding.path)
            if sev == "error":
                errors += 1
                code = max(code, 1)
            else:
                warnings += 1
            if args.format == "json":
                report.append(
                    {
                        "file": file,
                        "line": line,
                        "column": column,
                        "rule": finding.rule,
                        "severity": sev,
                        "message": finding.message,
                        "summarized": False,
                    }
                )
                continue
            say(file, line, column, sev, finding.message, finding.rule)
    if args.format == "json":
        print(
            json.dumps({"findings": report, "summaries": said_once}, ensure_ascii=False, indent=2)
        )
    elif code < 2 and not github:
        counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        output.stdout().print(counts if errors or warnings else "no findings")
    return code
