"""`newsctl lint`: check articles and report findings."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from newsctl.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOpt,
    NowOpt,
    OutputOpt,
    PathsArg,
    default_paths,
    err,
    load,
    progress_bar,
    refuse_input_as_output,
    use_color,
    write_output,
)


class LintFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    html = "html"


def lint_command(
    paths: PathsArg = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = LintFormat.text,
    select: Annotated[
        Optional[list[str]],
        typer.Option("--select", help="Only these rules: codes, prefixes or categories (comma-separated or repeated).", metavar="CODES"),
    ] = None,
    extend_select: Annotated[
        Optional[list[str]], typer.Option("--extend-select", help="Add rules to the selection, e.g. off-by-default ones.", metavar="CODES")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="Skip these rules: codes, prefixes or categories.", metavar="CODES")
    ] = None,
    fail_on: Annotated[
        Optional[str],
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity: error, warning or info (default: error).",
            metavar="LEVEL",
        ),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Show counts per rule instead of each finding.")] = False,
    now: NowOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no hints, no summary.")] = False,
    output: OutputOpt = None,
    option: Annotated[
        Optional[list[str]],
        typer.Option("--option", help="Override a rule setting, e.g. --option max-sentence-words=40.", metavar="NAME=VALUE"),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option("--force-exclude", help="Apply `exclude` to files named on the command line too (for pre-commit)."),
    ] = False,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", help="Worker processes (default: one per core for 48 files or more).", min=1),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Check articles for metadata, structure, dates, readability and hygiene problems.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage
    or configuration error.

    Example: newsctl lint articles/ --format json --now 2024-03-06T12:00:00Z
    """

    options = {}
    for item in option or []:
        if "=" not in item:
            from newsctl.cli.common import fail

            raise fail(f"--option {item!r}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        options[key.strip()] = value.strip()
    settings = load(
        config,
        {
            "select": select,
            "extend_select": extend_select,
            "ignore": ignore,
            "fail_on": fail_on,
            "now": now,
            "options": options,
        },
    )
    targets = default_paths(paths, settings)
    if not paths and not any(Path(t).exists() for t in targets):
        from newsctl.cli.common import fail

        raise fail(f"nothing to lint: {', '.join(targets)} not found; pass article paths")
    if statistics and format not in (LintFormat.text, LintFormat.json):
        from newsctl.cli.common import fail

        raise fail(f"--statistics works with --format text or json, not {format.value}")
    refuse_input_as_output(output, targets, settings, "linted")

    result = _run(targets, settings, quiet, jobs, force_exclude)
    if not result.files:
        err(f"newsctl: warning: no article files (*.md, *.markdown) found in {', '.join(targets)}")

    if statistics:
        from newsctl.report import json as json_report
        from newsctl.report import text as text_report

        text = json_report.statistics(result) if format == LintFormat.json else text_report.statistics(result)
    elif format == LintFormat.json:
        from newsctl.report import json as json_report

        text = json_report.render(result)
    elif format == LintFormat.concise:
        from newsctl.report import text as text_report

        text = text_report.render_concise(result)
    elif format == LintFormat.html:
        from newsctl.review.page import render_lint_report

        text = render_lint_report(result, settings)
    elif format == LintFormat.sarif:
        from newsctl.report import sarif

        text = sarif.render(result)
    elif format == LintFormat.github:
        from newsctl.report import github

        text = github.render(result)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as fh:
                    fh.write(github.step_summary(result))
            except OSError as exc:
                err(f"newsctl: warning: cannot append to GITHUB_STEP_SUMMARY ({summary_file}): {exc.strerror}")
    else:
        from newsctl.report import text as text_report

        color = output is None and use_color(sys.stdout)
        text = text_report.render(result, color=color, quiet=quiet)
    write_output(text, output)

    worst = [f for f in result.findings if f.severity >= settings.fail_on]
    raise typer.Exit(EXIT_OK if exit_zero or not worst else EXIT_FINDINGS)


def _run(targets: list[str], settings: Any, quiet: bool, jobs: int | None, force_exclude: bool = False) -> Any:
    """Lint with a progress bar on stderr for many files on a terminal."""
    from newsctl.engine import collect, lint_files

    files = list(collect(targets, settings, force_exclude))  # walked once: the count and the work
    with progress_bar("Linting", len(files), quiet) as advance:
        return lint_files(files, settings, on_file=advance, jobs=jobs)
