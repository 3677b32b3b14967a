"""Which named files are articles: under the configured `paths`, for hooks that name every file."""

from __future__ import annotations

import os
from pathlib import Path

from newsctl.settings import Settings


def in_configured_paths(path: Path, settings: Settings) -> bool:
    """Whether a file lies under one of the configured `paths` (relative to the config file).

    pre-commit names every changed Markdown file; a README.md at the root is not an article
    unless `paths` says so.
    """
    base = settings.config_path.parent if settings.config_path else Path.cwd()
    full = Path(os.path.abspath(path))
    for p in settings.paths:
        root = Path(os.path.abspath(base / p))
        if full == root or root in full.parents:
            return True
    return False
