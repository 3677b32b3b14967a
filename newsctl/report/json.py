"""The lint JSON contract (docs/json-output.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from newsctl import __version__
from newsctl.engine import LintResult
from newsctl.findings import Finding
from newsctl.report.links import rule_url


def finding_dict(f: Finding) -> dict[str, Any]:
    """The published fields, then `hint` and `url` (added in 0.2; older fields never change)."""
    out = f.to_dict()
    out["hint"] = f.hint
    out["url"] = rule_url(f.code, f.rule)
    return out


def document(result: LintResult, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": __version__,
        "files": len(result.files),
        "summary": result.counts(),
        "findings": [finding_dict(f) for f in result.findings],
    }
    if extra:
        doc.update(extra)
    return doc


def render(result: LintResult, extra: dict[str, Any] | None = None) -> str:
    return json.dumps(document(result, extra), indent=2, ensure_ascii=False) + "\n"


def statistics(result: LintResult) -> str:
    counts = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
    rows = [
        {"code": code, "rule": rule, "severity": sev, "count": n}
        for (code, rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]
    return json.dumps(rows, indent=2) + "\n"
