"""rich consoles, created lazily so plain commands never import rich."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=None)
def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


@lru_cache(maxsize=None)
def stdout_console() -> Any:
    from rich.console import Console

    return Console(highlight=False)
