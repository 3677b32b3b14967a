"""SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import quote

from newsctl import __version__, registry, rulebook
from newsctl.engine import LintResult
from newsctl.fingerprint import fingerprints
from newsctl.report.links import rule_url

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(r: registry.Rule) -> dict[str, Any]:
    doc = r.doc
    full = doc.get("What it checks", r.summary)
    help_md = "\n\n".join(f"**{k}**\n\n{v}" for k, v in doc.items())
    return {
        "id": r.code,
        "name": r.name,
        "helpUri": rule_url(r.code, r.name),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": " ".join(doc.get("Why it matters", r.summary).split()), "markdown": help_md or r.summary},
        "defaultConfiguration": {"level": _LEVEL[r.severity.value], "enabled": r.default_enabled},
        "properties": {"category": r.category, "tags": [r.category]},
    }


def relative_to_root(path: str, root: Path) -> str | None:
    """The path relative to the project root, `/`-separated; None when it lies outside it.

    Display paths are relative to the current directory, which need not be the root: code
    scanning and GitLab resolve paths from the repository root, whatever directory ran newsctl.
    """
    p = Path(path)
    try:
        full = p.resolve() if not p.is_absolute() else Path(os.path.normpath(p))
        return full.relative_to(root).as_posix()
    except (ValueError, OSError):
        try:
            return Path(os.path.abspath(p)).relative_to(root).as_posix()
        except ValueError:
            return None


def _artifact(path: str, root: Path) -> dict[str, str]:
    """Paths inside the root resolve against %SRCROOT% (what code scanning wants); others are file URIs."""
    rel = relative_to_root(path, root)
    if rel is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    # the name's bytes, percent-encoded (as Path.as_uri does): a name that is not UTF-8 holds
    # surrogate escapes, which quote() of the text cannot encode
    return {"uri": quote(os.fsencode(rel)), "uriBaseId": "%SRCROOT%"}


def document(result: LintResult, root: Path | None = None, sources: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The SARIF log; `root` is the repository root (newsctl.gitrepo.project_root), default cwd.

    With `sources` (path -> text), each result carries a partial fingerprint that survives lines
    moving, so code scanning keeps tracking an alert instead of closing and reopening it.
    """
    return _document(result, root, sources, list(results(result, root, sources)))


RESULTS = "\0newsctl: the results stream here\0"


def _document(result: LintResult, root: Path | None, sources: Mapping[str, str] | None, results: Any) -> dict[str, Any]:
    rules = rulebook.all_rules()
    root = (root or Path.cwd()).resolve()
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newsctl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def results(result: LintResult, root: Path | None = None, sources: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The SARIF result of each finding, in order, one file's texts read at a time."""
    index = {r.code: i for i, r in enumerate(rulebook.all_rules())}
    root = (root or Path.cwd()).resolve()
    artifacts: dict[str, dict[str, str]] = {}

    def artifact(path: str, root: Path) -> dict[str, str]:  # resolved once per file, not per finding
        if path not in artifacts:
            artifacts[path] = _artifact(path, root)
        return dict(artifacts[path])

    for fr in result.files:
        prints = fingerprints(fr.findings, sources.get(fr.path)) if sources is not None and fr.findings else None
        for n, f in enumerate(fr.findings):
            yield _result(f, index, root, prints[n] if prints is not None else None, artifact)


def _result(f: Any, index: dict[str, int], root: Path, fingerprint: str | None, _artifact: Any = _artifact) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message + (f" ({f.hint})" if f.hint else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(f.path, root),
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                    },
                }
            }
        ],
    }
    if fingerprint is not None:
        item["partialFingerprints"] = {"newsctlFingerprint/v1": fingerprint}
    if f.fix:
        item["fixes"] = [
            {
                "description": {"text": f.fix.message},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(f.path, root),
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": e.line,
                                    "startColumn": e.column,
                                    "endLine": e.end_line,
                                    "endColumn": e.end_column,
                                },
                                "insertedContent": {"text": e.content},
                            }
                            for e in f.fix.edits
                        ],
                    }
                ],
            }
        ]
    return item


def render(result: LintResult, root: Path | None = None, sources: Mapping[str, str] | None = None) -> str:
    return json.dumps(document(result, root, sources), indent=2, ensure_ascii=False) + "\n"


def chunks(result: LintResult, root: Path | None = None, sources: Mapping[str, str] | None = None) -> Iterator[str]:
    """`render`, piece by piece: the results are written one at a time, never all held."""
    from newsctl.report.jsonstream import around

    yield from around(_document(result, root, sources, RESULTS), RESULTS, results(result, root, sources), 3)
    yield "\n"
