"""Typer option types every command shares (`--config`, `--now`, `--output`, PATHS, `--jobs`...).

Kept apart from `newsctl.cli.common` so that lint's body imports no Typer (`newsctl.cli.entry`);
`from newsctl.cli.common import ConfigOpt` still works (common's module `__getattr__`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", help="Read settings from this TOML file instead of searching for one.", dir_okay=False),
]

NowOpt = Annotated[
    Optional[str],
    typer.Option(
        "--now",
        help="The current time for date rules and embargoes, ISO 8601 (e.g. 2024-03-06T12:00:00Z). Default: the clock.",
        metavar="ISO-DATETIME",
    ),
]

OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write the report to this file instead of standard output.", dir_okay=False),
]

PathsArg = Annotated[
    Optional[list[str]],
    typer.Argument(help="Article files or directories (default: `paths` from settings, else articles/).", show_default=False, metavar="PATHS"),
]

JobsOpt = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Worker processes (default: one per core for 48 files or more).", min=1),
]  # the same option as lint's --jobs (newsctl.engine.default_jobs), for export, outline, readability

StdinFilenameOpt = Annotated[
    Optional[str],
    typer.Option(
        "--stdin-filename",
        help="With PATHS '-': the file name standard input stands for (for settings, per-file-ignores and messages).",
        metavar="PATH",
    ),
]

ShardOpt = Annotated[
    Optional[str],
    typer.Option(
        "--shard",
        help="Only shard K of N (e.g. 2/4): files split by a hash of their path from the project root, each in exactly one shard (a CI matrix; docs/ci.md).",
        metavar="K/N",
    ),
]
