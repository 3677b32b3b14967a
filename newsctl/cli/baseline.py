"""`newsctl baseline`: record today's findings so `lint --baseline` reports only new ones."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.common import ConfigOpt, NowOpt, PathsArg, default_paths, err, refuse_input_as_output, write_output, require_targets
from newsctl.cli.lint import (
    ExtendSelectOpt,
    IgnoreOpt,
    RuleOptionOpt,
    SelectOpt,
    _collect,
    _run,
    _sources,
    load_lint_settings,
)


def baseline_command(
    file: Annotated[Path, typer.Argument(help="The baseline file to write (JSON).", metavar="FILE", dir_okay=False)],
    paths: PathsArg = None,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    now: NowOpt = None,
    option: RuleOptionOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record today's findings in FILE, so `lint --baseline FILE` reports only new ones.

    Each finding is kept as its path, code and a fingerprint of the text it points at, so it
    stays known when lines move or other parts of the file change. Run it again to drop
    findings that were fixed. Use the same settings and --select as the lint that reads it.

    Example: newsctl baseline .newsctl-baseline.json articles/ && newsctl lint --baseline .newsctl-baseline.json
    """
    settings = load_lint_settings(config, select, extend_select, ignore, None, now, option)
    targets = default_paths(paths, settings)
    require_targets(paths, targets, "lint")
    refuse_input_as_output(file, targets, settings, "linted")
    files = _collect(targets, settings, False)
    result = _run(files, settings, False, None)
    sources = _sources(result)
    from newsctl import baseline as baseline_mod

    base_dir = Path(os.path.abspath(file)).parent
    write_output(baseline_mod.render(result, base_dir, sources), file)
    n = len(result.findings)
    err(f"Recorded {n} finding{'s' if n != 1 else ''} in {len(result.files)} file{'s' if len(result.files) != 1 else ''} to {file}.")
