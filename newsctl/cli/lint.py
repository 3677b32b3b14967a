"""`newsctl lint` as a Typer command: its options and help (docs/cli.md is generated from them).

The work is `newsctl.cli.lint_run.run_lint`, which imports no Typer; `newsctl.cli.entry` calls it
directly for the commonest writer's invocation (docs/performance.md, "Start-up, third pass").
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsctl.cli.common import ConfigOpt, NowOpt, OutputOpt, PathsArg, ShardOpt, StdinFilenameOpt
from newsctl.cli.lint_run import (  # noqa: F401 - names `newsctl baseline` and tests import from here
    DEFAULTS,
    LintFormat,
    _collect,
    _run,
    _sources,
    load_lint_settings,
    run_lint,
)

SelectOpt = Annotated[
    Optional[list[str]],
    typer.Option("--select", help="Only these rules: codes, prefixes or categories (comma-separated or repeated).", metavar="CODES"),
]
ExtendSelectOpt = Annotated[
    Optional[list[str]], typer.Option("--extend-select", help="Add rules to the selection, e.g. off-by-default ones.", metavar="CODES")
]
IgnoreOpt = Annotated[
    Optional[list[str]], typer.Option("--ignore", help="Skip these rules: codes, prefixes or categories.", metavar="CODES")
]
RuleOptionOpt = Annotated[
    Optional[list[str]],
    typer.Option("--option", help="Override a rule setting, e.g. --option max-sentence-words=40.", metavar="NAME=VALUE"),
]
ForceExcludeOpt = Annotated[
    bool,
    typer.Option(
        "--force-exclude",
        help="Apply `paths` and `exclude` to files named on the command line too (for pre-commit).",
    ),
]


def lint_command(
    paths: PathsArg = DEFAULTS["paths"],
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = DEFAULTS["format"],
    select: SelectOpt = DEFAULTS["select"],
    extend_select: ExtendSelectOpt = DEFAULTS["extend_select"],
    ignore: IgnoreOpt = DEFAULTS["ignore"],
    fail_on: Annotated[
        Optional[str],
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity: error, warning or info (default: error).",
            metavar="LEVEL",
        ),
    ] = DEFAULTS["fail_on"],
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = DEFAULTS["exit_zero"],
    statistics: Annotated[bool, typer.Option("--statistics", help="Show counts per rule instead of each finding.")] = DEFAULTS["statistics"],
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes (meaning unchanged) to the files, then report what remains.")
    ] = DEFAULTS["fix"],
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff: apply the fixes that may change meaning too.")
    ] = DEFAULTS["unsafe_fixes"],
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff instead of writing them; exit 1 if any.")
    ] = DEFAULTS["diff"],
    diff_base: Annotated[
        Optional[str],
        typer.Option(
            "--diff-base",
            help="Only findings on lines changed since the merge base with REV (and file-level findings of changed files).",
            metavar="REV",
        ),
    ] = DEFAULTS["diff_base"],
    baseline: Annotated[
        Optional[Path],
        typer.Option("--baseline", help="Report only findings not recorded in this baseline (see `newsctl baseline`).", dir_okay=False, metavar="FILE"),
    ] = DEFAULTS["baseline"],
    stdin_filename: StdinFilenameOpt = DEFAULTS["stdin_filename"],
    now: NowOpt = DEFAULTS["now"],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="One line per finding: no source, hints or summary.")] = DEFAULTS["quiet"],
    output: OutputOpt = DEFAULTS["output"],
    option: RuleOptionOpt = DEFAULTS["option"],
    force_exclude: ForceExcludeOpt = DEFAULTS["force_exclude"],
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", help="Worker processes (default: one per core for 48 files or more).", min=1),
    ] = DEFAULTS["jobs"],
    shard: ShardOpt = DEFAULTS["shard"],
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the lint cache (see the cache-dir setting).")] = DEFAULTS["no_cache"],
    cache_dir: Annotated[
        Optional[Path],
        typer.Option("--cache-dir", help="Cache findings of unchanged files in this directory (default: the cache-dir setting, else none).", file_okay=False, metavar="DIR"),
    ] = DEFAULTS["cache_dir"],
    no_ignore: Annotated[
        bool,
        typer.Option("--no-ignore", help="Lint files that .gitignore excludes too (directories are walked honouring it)."),
    ] = DEFAULTS["no_ignore"],
    config: ConfigOpt = DEFAULTS["config"],
) -> None:
    """Check articles for metadata, structure, dates, readability and hygiene problems.

    Each finding is reported as path:line:col, with the source line and a caret under the
    problem. Exit status: 0 when nothing is at or above --fail-on, 1 when something is (with
    --diff: when a fix would change a file; with --fix: also when a fixed file could not be
    written), 2 on a usage or configuration error.

    Example: newsctl lint articles/ --format json --now 2024-03-06T12:00:00Z

    Example: newsctl lint --diff-base origin/main --format github

    Example: cat draft.md | newsctl lint - --stdin-filename articles/draft.md
    """
    run_lint(
        paths=paths,
        format=format,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        fail_on=fail_on,
        exit_zero=exit_zero,
        statistics=statistics,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        diff_base=diff_base,
        baseline=baseline,
        stdin_filename=stdin_filename,
        now=now,
        quiet=quiet,
        output=output,
        option=option,
        force_exclude=force_exclude,
        jobs=jobs,
        shard=shard,
        no_cache=no_cache,
        cache_dir=cache_dir,
        no_ignore=no_ignore,
        config=config,
    )
