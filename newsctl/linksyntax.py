"""Markdown link syntax in raw inline text: where a `[...]` label closes and where the
destination `(...)` or reference `[...]` after it ends. Shared by the parse (exact inline
positions) and the review page (placing highlights) so both read links the same way."""

from __future__ import annotations


def matching_bracket(raw: str, open_at: int) -> int:
    """Offset of the `]` that closes the `[` at open_at (nesting and escapes honoured), or -1."""
    depth = 0
    i = open_at
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def skip_destination(raw: str, at: int) -> int:
    """Offset just past a link destination `(...)` or reference `[...]` starting at `at`."""
    if raw.startswith("(", at):
        depth = 0
        i = at
        quote = ""
        while i < len(raw):
            ch = raw[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and depth == 1 and i > at + 1 and raw[i - 1].isspace():
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(raw)
    if raw.startswith("[", at):
        close = raw.find("]", at)
        return close + 1 if close >= 0 else at
    return at
