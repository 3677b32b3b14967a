"""Human-readable lint output: `path:line:col: CODE severity: message` lines, the source line
with a caret under the span, then the hint. Colour is ANSI and optional.

Every finding starts with `path:line:col:` so terminals and editors can jump to it (the
convention of compilers, ruff and markdownlint). The concise format is that first line alone.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Callable, Iterator, Mapping

from newsctl.engine import LintResult
from newsctl.findings import Finding

_STYLE = {
    "error": "1;31",
    "warning": "33",
    "info": "36",
    "path": "1",
    "dim": "2",
    "code": "1",
    "ok": "32",
    "caret": "1;31",
    "gutter": "34",
}
MAX_SOURCE_WIDTH = 120  # longer source lines are shown as a window around the span
TAB = "    "


def _c(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color and text else text


def headline(f: Finding, color: bool = False, fixable: bool | None = None) -> str:
    """`path:line:col: CODE severity: message [rule]` — the one-line form of a finding."""
    where = _c(f"{f.path}:{f.line}:{f.column}:", "path", color)
    sev = _c(f"{f.severity.value}:", f.severity.value, color)
    mark = " [*]" if fixable else ""
    return f"{where} {_c(f.code, 'code', color)}{mark} {sev} {f.message} {_c(f'[{f.rule}]', 'dim', color)}"


def render(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    show_hints: bool = True,
    sources: Mapping[str, str] | None = None,
    is_fixable: Callable[[Finding], bool] | None = None,
) -> str:
    """The full report. `sources` maps a path to its decoded text (for the source excerpt);
    a path missing from it is reported without an excerpt. `quiet`: headlines only, no summary.
    """
    return "".join(chunks(result, color=color, quiet=quiet, show_hints=show_hints, sources=sources, is_fixable=is_fixable))


def chunks(
    result: LintResult,
    *,
    color: bool = False,
    quiet: bool = False,
    show_hints: bool = True,
    sources: Mapping[str, str] | None = None,
    is_fixable: Callable[[Finding], bool] | None = None,
) -> Iterator[str]:
    """`render`, one finding at a time (lint writes them as they come)."""
    if quiet:
        yield from concise_chunks(result, color=color, is_fixable=is_fixable)
        return
    split: tuple[str | None, list[str]] = (None, [])  # the last file's lines: its findings come together
    for f in result.findings:
        fixable = is_fixable(f) if is_fixable else None
        lines = [headline(f, color, fixable)]
        text = sources.get(f.path) if sources else None
        if text is not None:
            if split[0] is not text:
                split = (text, text.split("\n"))
            lines.extend(excerpt(text, f, color, split[1]))
        if show_hints and f.hint:
            lines.append(_c(f"  = hint: {f.hint}", "dim", color))
        lines.append("")
        yield "\n".join(lines) + "\n"
    yield summary(result, color) + "\n"


def render_concise(
    result: LintResult, *, color: bool = False, is_fixable: Callable[[Finding], bool] | None = None
) -> str:
    """One line per finding: for editors, grep and `--quiet`."""
    return "".join(concise_chunks(result, color=color, is_fixable=is_fixable))


def concise_chunks(
    result: LintResult, *, color: bool = False, is_fixable: Callable[[Finding], bool] | None = None
) -> Iterator[str]:
    for f in result.findings:
        yield headline(f, color, is_fixable(f) if is_fixable else None) + "\n"


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(text: str) -> int:
    return sum(_width(ch) for ch in text)


def excerpt(text: str, f: Finding, color: bool = False, lines: list[str] | None = None) -> list[str]:
    """The finding's first line with a gutter, and carets under the span on that line.
    `lines`: text.split("\\n"), when the caller already has it."""
    if lines is None:
        lines = text.split("\n")
    if not 1 <= f.line <= len(lines):
        return []
    raw = lines[f.line - 1]
    start = max(0, min(f.column - 1, len(raw)))
    end = (f.end_column - 1) if f.end_line == f.line else len(raw)
    end = max(start, min(end, len(raw)))
    # a window around the span for very long lines, so the caret stays on screen
    lo, hi = 0, len(raw)
    if len(raw) > MAX_SOURCE_WIDTH:
        lo = max(0, start - 20)
        hi = min(len(raw), max(end, lo + MAX_SOURCE_WIDTH))
        if hi - lo > MAX_SOURCE_WIDTH:
            hi = lo + MAX_SOURCE_WIDTH
    shown = raw[lo:hi].replace("\t", TAB)
    before = raw[lo:start].replace("\t", TAB)
    marked = raw[start : min(end, hi)].replace("\t", TAB)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(raw) else ""
    pad = " " * (_cells(prefix) + _cells(before))
    carets = "^" * max(1, _cells(marked))
    number = str(f.line)
    gutter = " " * len(number)
    bar = _c("|", "gutter", color)
    return [
        f"{gutter} {bar}",
        f"{_c(number, 'gutter', color)} {bar} {prefix}{shown}{suffix}".rstrip(),
        f"{gutter} {bar} {pad}{_c(carets, 'caret', color)}",
    ]


def summary(result: LintResult, color: bool = False) -> str:
    counts = result.counts()
    files = len(result.files)
    dirty = sum(1 for fr in result.files if fr.findings)
    if not any(counts.values()):
        return _c(f"No problems found in {files} file{'s' if files != 1 else ''}.", "ok", color)
    parts = []
    for sev in ("error", "warning", "info"):
        n = counts[sev]
        if n:
            label = f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}"
            parts.append(_c(label, sev, color))
    return f"Found {', '.join(parts)} in {dirty} of {files} file{'s' if files != 1 else ''}."


def statistics(result: LintResult) -> str:
    """Counts per rule, most frequent first."""
    counts = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
    if not counts:
        return "No problems found.\n"
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    width = max(len(str(n)) for n in counts.values())
    return "".join(f"{n:>{width}}  {code}  {sev:<7}  {name}\n" for (code, name, sev), n in rows)
