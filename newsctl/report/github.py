"""GitHub Actions workflow commands, and a Markdown job summary."""

from __future__ import annotations

from collections import Counter

from newsctl.engine import LintResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        props = (
            f"file={_prop(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},title={_prop(f'{f.code} {f.rule}')}"
        )
        lines.append(f"::{_LEVEL[f.severity.value]} {props}::{_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def step_summary(result: LintResult) -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY."""
    counts = result.counts()
    out = [
        "## newsctl lint",
        "",
        f"{len(result.files)} files: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info.",
        "",
    ]
    if result.findings:
        per_rule = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
        out += ["| Rule | Name | Severity | Count |", "| --- | --- | --- | ---: |"]
        for (code, name, sev), n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0][0])):
            out.append(f"| `{code}` | {name} | {sev} | {n} |")
        out += ["", "| File | Line | Rule | Message |", "| --- | ---: | --- | --- |"]
        for f in result.findings:
            msg = f.message.replace("|", "\\|")
            out.append(f"| `{f.path}` | {f.line} | `{f.code}` | {msg} |")
    return "\n".join(out) + "\n"
