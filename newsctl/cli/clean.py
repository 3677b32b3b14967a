"""`newsctl clean`: remove the lint cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsctl.cli.common import ConfigOpt, err, fail, load


def clean_command(
    cache_dir: Annotated[
        Optional[Path],
        typer.Option("--cache-dir", help="The cache to remove (default: $NEWSCTL_CACHE_DIR, else the cache-dir setting).", file_okay=False, metavar="DIR"),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Remove the lint cache (the findings `newsctl lint` keeps for unchanged files).

    Only a directory newsctl made is removed: one that holds its `.gitignore` marker and
    versioned entries. Exit status: 0, also when there was no cache; 2 when the directory is
    not a newsctl cache or cannot be removed.

    Example: newsctl clean --cache-dir .newsctl_cache
    """
    from newsctl.cache import cache_dir as where
    from newsctl.cache import clean

    directory = where(load(config, {}), cache_dir)
    if directory is None:
        err("newsctl clean: no cache configured (cache-dir setting, --cache-dir or NEWSCTL_CACHE_DIR); nothing to remove")
        return
    try:
        removed = clean(directory)
    except (ValueError, OSError) as exc:
        raise fail(f"newsctl clean: {exc}") from None
    err(f"Removed {directory}" if removed else f"No cache at {directory}")
