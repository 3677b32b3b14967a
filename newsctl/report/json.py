"""The lint JSON contract (docs/json-output.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from newsctl import __version__
from newsctl.engine import LintResult


def document(result: LintResult) -> dict[str, Any]:
    return {
        "version": __version__,
        "files": len(result.files),
        "summary": result.counts(),
        "findings": [f.to_dict() for f in result.findings],
    }


def render(result: LintResult) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


def statistics(result: LintResult) -> str:
    counts = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
    rows = [
        {"code": code, "rule": rule, "severity": sev, "count": n}
        for (code, rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]
    return json.dumps(rows, indent=2) + "\n"
