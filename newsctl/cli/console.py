"""rich consoles, created lazily so plain commands never import rich."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


def _plain() -> bool:
    """NO_COLOR asks for no colour; newsctl drops bold and dim too, so output is plain text."""
    return bool(os.environ.get("NO_COLOR"))


@lru_cache(maxsize=None)
def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, color_system=None if _plain() else "auto")


@lru_cache(maxsize=None)
def stdout_console() -> Any:
    from rich.console import Console

    return Console(highlight=False, color_system=None if _plain() else "auto")
