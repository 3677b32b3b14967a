"""GitHub Actions workflow commands, and a Markdown job summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsctl.engine import LintResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    """An inline code span that survives backticks in the text (a longer fence, padded)."""
    longest = 0
    current = 0
    for ch in text:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{_cell(text)}{pad}{fence}"


def _path(path: str, root: Path | None) -> str:
    """Annotations name files from the repository root (GitHub resolves them there)."""
    if root is None:
        return path
    from newsctl.report.sarif import relative_to_root

    return relative_to_root(path, root) or path


def render(result: LintResult, root: Path | None = None) -> str:
    lines = []
    for f in result.findings:
        props = (
            f"file={_prop(_path(f.path, root))},line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},title={_prop(f'{f.code} {f.rule}')}"
        )
        lines.append(f"::{_LEVEL[f.severity.value]} {props}::{_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def step_summary(result: LintResult, root: Path | None = None) -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY (paths from the repository root, as annotated)."""
    counts = result.counts()
    out = [
        "## newsctl lint",
        "",
        f"{_n(len(result.files), 'file')}: {_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, "
        f"{counts['info']} info.",
        "",
    ]
    if result.findings:
        per_rule = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
        out += ["| Rule | Name | Severity | Count |", "| --- | --- | --- | ---: |"]
        for (code, name, sev), n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0][0])):
            out.append(f"| `{code}` | {name} | {sev} | {n} |")
        out += ["", "| File | Line | Rule | Message |", "| --- | ---: | --- | --- |"]
        for f in result.findings:
            out.append(f"| {_code(_path(f.path, root))} | {f.line} | `{f.code}` | {_cell(f.message)} |")
    return "\n".join(out) + "\n"
