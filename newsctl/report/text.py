"""Human-readable lint output, grouped per file; colour is ANSI and optional."""

from __future__ import annotations

from collections import Counter

from newsctl.engine import LintResult
from newsctl.findings import Finding

_STYLE = {"error": "1;31", "warning": "33", "info": "36", "path": "1;4", "dim": "2", "code": "1", "ok": "32"}


def _c(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color else text


def render(result: LintResult, *, color: bool = False, quiet: bool = False, show_hints: bool = True) -> str:
    lines: list[str] = []
    for fr in result.files:
        if not fr.findings:
            continue
        lines.append(_c(fr.path, "path", color))
        width = max(len(f"{f.line}:{f.column}") for f in fr.findings)
        for f in fr.findings:
            lines.append(_finding(f, width, color))
            if show_hints and f.hint and not quiet:
                lines.append(" " * (width + 4) + _c(f"hint: {f.hint}", "dim", color))
        if not quiet:
            lines.append("")
    if not quiet:
        lines.append(summary(result, color))
    return "\n".join(lines) + ("\n" if lines else "")


def _finding(f: Finding, width: int, color: bool) -> str:
    pos = f"{f.line}:{f.column}".ljust(width)
    sev = _c(f.severity.value.ljust(7), f.severity.value, color)
    code = _c(f.code, "code", color)
    return f"  {pos}  {sev}  {code}  {f.message}  {_c(f'[{f.rule}]', 'dim', color)}"


def render_concise(result: LintResult) -> str:
    """One line per finding, `path:line:column: severity CODE message [rule]`: for editors and grep."""
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message} [{f.rule}]\n" for f in result.findings
    )


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
