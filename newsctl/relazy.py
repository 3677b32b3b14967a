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


class LazyModule:
    """A module imported when one of its attributes is first read (`lazy_module`); each attribute
    read is then kept on this object, so later reads cost what a module's do."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> Any:  # only for what __dict__ does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        import importlib

        value = getattr(importlib.import_module(self._name), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_module({self._name!r})"


def lazy_module(name: str) -> Any:
    """`import name` done on first use: for a module used through its attributes only
    (`calendar.monthrange(...)`), that a run may not need at all. Typed Any, like `lazy`."""
    return LazyModule(name)


def literal_in_every_match(pattern: str) -> str:
    """Text that every match of `pattern` (compiled with no flags, or MULTILINE) contains: the
    longest run of plain characters the pattern requires at its top level; "" when it cannot
    tell (a top-level `|`, inline flags, anything unusual).

    A conservative reading of the pattern's text, ~25 us a phrase, where asking `re`'s own parser
    (`newsctl.rules.hygiene.required_literal`) costs ~80 us: H001 reads the literals of its 26
    phrases in every process (~1.3 ms of a one-file lint). Conservative by construction: a run
    is broken by anything but a plain or escaped punctuation character (groups, classes, `\\b`,
    `\\s`, `.`, anchors), and a character followed by a quantifier (`?`, `*`, `+`, `{`) is dropped.
    tests/test_relazy.py checks, for every H001 phrase, that the result is part of the parser's."""
    if "(?" in pattern and _has_inline_flags(pattern):
        return ""  # (?x) would make spaces mean nothing, (?i) case...
    pieces: list[str | None] = []  # a required character, or None for anything else
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            escaped = pattern[i + 1 : i + 2]
            pieces.append(escaped if escaped and not escaped.isalnum() and escaped.isascii() else None)
            i += 2
        elif c == "[":
            i = _after_class(pattern, i)
            if i < 0:
                return ""
            pieces.append(None)
        elif c == "(":
            i = _after_group(pattern, i)
            if i < 0:
                return ""
            pieces.append(None)
        elif c in "|)":
            return ""  # an alternative at the top level: no character is required
        elif c in "?*+{":
            if pieces:
                pieces[-1] = None  # what the quantifier applies to is optional or repeated
            if c == "{":
                i = pattern.find("}", i)
                if i < 0:
                    return ""
            i += 1
            if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive
                i += 1
            pieces.append(None)
        elif c in ".^$":
            pieces.append(None)
            i += 1
        else:
            pieces.append(c)
            i += 1
    best, run = "", ""
    for piece in pieces + [None]:
        if piece is None:
            if len(run) > len(best):
                best = run
            run = ""
        else:
            run += piece
    return best


def _has_inline_flags(pattern: str) -> bool:
    start = pattern.find("(?")
    while start >= 0:
        j = start + 2
        while j < len(pattern) and pattern[j] in "aiLmsux-":
            j += 1
        if j > start + 2 and pattern[j : j + 1] in (")", ":"):
            return True
        start = pattern.find("(?", start + 2)
    return False


def _after_class(pattern: str, i: int) -> int:
    """The index after the character class opening at `i` (-1 when it does not close)."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":  # a first "]" is a member
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1 if j < len(pattern) else -1


def _after_group(pattern: str, i: int) -> int:
    """The index after the group opening at `i` (-1 when it does not close)."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _after_class(pattern, j)
            if j < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1
