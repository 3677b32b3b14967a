"""Module-level regular expressions compiled when first used, not at import.

Python compiles a pattern in Python code (the `re` parser and compiler), ~0.1-1 ms each, and
cannot keep the result across processes. A one-file lint imports every rule module and used to
compile ~80 module-level patterns, of which ~40 (~7 ms of CPU) a typical article never touches:
the patterns for URLs, interviews, templates, suppression comments, rare date phrasings...
(docs/performance.md, "Start-up, third pass"). `lazy(pattern, flags)` stands for
`re.compile(pattern, flags)` in such a module: the first attribute read (`.search`, `.sub`,
`.pattern`...) compiles it once and keeps the compiled pattern's methods on the object, so later
calls cost what a real pattern's do.

Only for patterns used through their methods and attributes: a LazyPattern is not an
`re.Pattern` (`isinstance`, `re.sub(p, ...)`, `==` and pickling would see the difference), so
each one replaced was checked to be used only as `P.method(...)` in its module.
tests/test_relazy.py compares it with the compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any

# What a compiled pattern offers (re.Pattern's public attributes), copied on first use.
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled on first use (see the module docstring)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what __dict__ does not hold yet
        if name.startswith("__") or name not in _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}, {self._source[1]})"


def lazy(pattern: str, flags: int = 0) -> Any:
    """A pattern compiled on first use; typed Any so callers keep re.Pattern's method types."""
    return LazyPattern(pattern, flags)
