"""`newsctl merge`: one report from the JSON or SARIF reports of `newsctl lint --shard` jobs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.common import OutputOpt, fail, write_output


def merge_command(
    reports: Annotated[list[Path], typer.Argument(help="The shards' reports (all JSON or all SARIF).", dir_okay=False, exists=False)],
    output: OutputOpt = None,
) -> None:
    """Merge the reports of `newsctl lint --shard K/N` jobs into one, as one unsharded run writes it.

    JSON reports (--format json) get their file counts and summaries added and their findings
    joined in path and line order; SARIF logs (--format sarif) become one run, ready for one
    code-scanning upload. Exit status: 0; 2 when a report cannot be read or merged.

    Example: newsctl merge lint-1.sarif lint-2.sarif lint-3.sarif -o newsctl.sarif
    """
    from newsctl.merge import MergeError, load, merge

    named = []
    for path in reports:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            named.append((str(path), load(str(path), text)))
        except MergeError as exc:
            raise fail(str(exc)) from None
    try:
        merged = merge(named)
    except MergeError as exc:
        raise fail(str(exc)) from None
    write_output(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", output)
