"""GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of Code Climate issues.

GitLab reads `description`, `check_name`, `fingerprint`, `severity` and `location` (`path`
relative to the repository root, `lines.begin`) and compares fingerprints between the base
and the merge request to show new and fixed findings; ours survive lines moving.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterator, Mapping

from newsctl.engine import LintResult
from newsctl.fingerprint import fingerprints
from newsctl.report.links import rule_url
from newsctl.report.sarif import relative_to_root

# GitLab's scale: info, minor, major, critical, blocker. An error fails CI: critical.
_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}
_CATEGORY = {"metadata": "Bug Risk", "structure": "Style", "dates": "Bug Risk", "readability": "Clarity", "hygiene": "Bug Risk"}


def document(result: LintResult, root: Path, sources: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    return list(issues(result, root, sources))


def issues(result: LintResult, root: Path, sources: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The Code Climate issue of each finding, in order, one file's text read at a time."""
    for fr in result.files:
        if not fr.findings:
            continue
        rel = relative_to_root(fr.path, root) or Path(fr.path).as_posix()
        prints = fingerprints(fr.findings, (sources or {}).get(fr.path))
        for f, fp in zip(fr.findings, prints):
            unique = hashlib.sha256(f"{rel}\0{fp}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
            description = f"{f.code} {f.message}" + (f" ({f.hint})" if f.hint else "")
            yield (
                {
                    "type": "issue",
                    "check_name": f"newsctl/{f.code}-{f.rule}",
                    "description": description,
                    "content": {"body": f"See {rule_url(f.code, f.rule)}"},
                    "categories": [_CATEGORY.get(f.category, "Style")],
                    "severity": _SEVERITY[f.severity.value],
                    "fingerprint": unique,
                    "location": {
                        "path": rel,
                        "lines": {"begin": f.line, "end": max(f.line, f.end_line)},
                    },
                }
            )


def render(result: LintResult, root: Path, sources: Mapping[str, str] | None = None) -> str:
    return json.dumps(document(result, root, sources), indent=2, ensure_ascii=False) + "\n"


def chunks(result: LintResult, root: Path, sources: Mapping[str, str] | None = None) -> Iterator[str]:
    """`render`, piece by piece: the issues are written one at a time, never all held."""
    from newsctl.report.jsonstream import array

    yield from array(issues(result, root, sources), 0)
    yield "\n"
