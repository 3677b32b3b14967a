"""Glob patterns for `exclude` and `per-file-ignores`, matched in time linear in the path.

A glob translated to a regular expression (`[^/]*` per `*`) backtracks: `*a*a*a*a*b` against a
long file name took minutes in Python's `re`, and a pre-commit hook hung on it. pathspec and
fnmatch also compile to `re`, so they share the problem. Here the pattern is a short list of
tokens run as a set of states over the path, one character at a time (Thompson's construction):
at most (pattern length) states per character, whatever the input.

    *   any characters but '/'        **/  any number of whole directories (none included)
    ?   one character but '/'         **   any characters, '/' included
    [abc] [a-z] [!a-z]  one character of a class (an unclosed '[' is a literal '[')
"""

from __future__ import annotations

import re
from functools import lru_cache

# token kinds
_LIT, _ONE, _CLASS, _STAR, _ANY, _DIRS = range(6)


class GlobError(ValueError):
    """A pattern that cannot be read (an empty or reversed class: `[]`, `[z-a]`)."""


def _tokens(pattern: str) -> tuple[tuple[int, object], ...]:
    out: list[tuple[int, object]] = []
    pat = pattern.removeprefix("./")
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append((_DIRS, None))
            i += 3
        elif pat.startswith("**", i):
            out.append((_ANY, None))
            i += 2
        elif pat[i] == "*":
            if not out or out[-1][0] != _STAR:  # `***` is one `*`: fewer states, same language
                out.append((_STAR, None))
            i += 1
        elif pat[i] == "?":
            out.append((_ONE, None))
            i += 1
        elif pat[i] == "[":
            close = pat.find("]", i + 1)
            if close < 0:  # an unclosed '[' is itself, as in fnmatch
                out.append((_LIT, "["))
                i += 1
                continue
            body = pat[i + 1 : close]
            negate = body.startswith("!")
            if negate:
                body = body[1:]
            if not body:
                raise GlobError(f"empty character class '{pat[i : close + 1]}' in {pattern!r}")
            try:
                cls = re.compile("[" + body.replace("\\", "\\\\").replace("^", "\\^") + "]")
            except re.error as exc:
                raise GlobError(f"bad character class '{pat[i : close + 1]}' in {pattern!r}: {exc.msg}") from None
            out.append((_CLASS, (cls, negate)))
            i = close + 1
        else:
            out.append((_LIT, pat[i]))
            i += 1
    while out and out[-1] == (_LIT, "/"):
        out.pop()
    return tuple(out)


class Glob:
    """A compiled glob; `fullmatch(path)` runs in O(len(path) * len(pattern))."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.tokens = _tokens(pattern)
        # a directory pattern (trailing '/', or no wildcard at all) also matches what is under it
        self.prefix = pattern.endswith("/") or not any(c in pattern for c in "*?[")

    def _closure(self, states: set[int]) -> set[int]:
        """States reachable without reading a character (a `*`, `**` or `**/` may match nothing).
        State 2k is "before token k"; 2k+1 is "inside `**/`, before its closing '/'"."""
        stack = list(states)
        seen = set(states)
        n = len(self.tokens)
        while stack:
            s = stack.pop()
            if s % 2 or s // 2 >= n:
                continue
            kind = self.tokens[s // 2][0]
            if kind in (_STAR, _ANY, _DIRS):
                nxt = s + 2
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
            if kind == _DIRS and s + 1 not in seen:
                seen.add(s + 1)
                stack.append(s + 1)
        return seen

    def fullmatch(self, path: str) -> bool:
        n = len(self.tokens)
        end = 2 * n
        states = self._closure({0})
        for i, ch in enumerate(path):
            if self.prefix and end in states and ch == "/":
                return True  # `drafts/` matches drafts/a.md
            nxt: set[int] = set()
            for s in states:
                if s % 2:  # inside `**/`: any character; a '/' may end it
                    nxt.add(s)
                    if ch == "/":
                        nxt.add(s + 1)
                    continue
                k = s // 2
                if k >= n:
                    continue
                kind, arg = self.tokens[k]
                if kind == _LIT:
                    if ch == arg:
                        nxt.add(s + 2)
                elif kind == _ONE:
                    if ch != "/":
                        nxt.add(s + 2)
                elif kind == _CLASS:
                    cls, negate = arg  # type: ignore[misc]
                    if (cls.match(ch) is None) == negate:
                        nxt.add(s + 2)
                elif kind == _STAR:
                    if ch != "/":
                        nxt.add(s)
                elif kind == _ANY:
                    nxt.add(s)
            if not nxt:
                return False
            states = self._closure(nxt)
            del i
        return end in states


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> Glob:
    """The compiled glob (cached); GlobError when it cannot be read."""
    return Glob(pattern)


def check_glob(pattern: str) -> str | None:
    """None when the pattern is usable, else what is wrong with it (for the settings loader)."""
    try:
        compile_glob(pattern)
    except GlobError as exc:
        return str(exc)
    return None
