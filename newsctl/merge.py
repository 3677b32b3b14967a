"""Join the reports of `newsctl lint --shard K/N` jobs into the one report an unsharded run gives.

JSON reports (docs/json-output.md): file counts and summaries added, findings joined in the
unsharded order (path, line, column, code). SARIF logs: one run, the shards' results joined in
the same order (the rule table is the registry's in every shard, so rule indexes agree).
Reports of different newsctl versions, or a mix of formats, are refused.
"""

from __future__ import annotations

import json
from typing import Any


class MergeError(ValueError):
    """A report that cannot be merged: the message names it."""


def load(name: str, text: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise MergeError(f"{name}: not JSON ({exc})") from None
    if not isinstance(doc, dict) or not (("runs" in doc and "$schema" in doc) or "findings" in doc):
        raise MergeError(f"{name}: neither a newsctl JSON report nor a SARIF log")
    return doc


def kind(doc: dict[str, Any]) -> str:
    return "sarif" if "runs" in doc else "json"


def merge(named: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One report from several of the same kind and version."""
    if not named:
        raise MergeError("no reports to merge")
    kinds = {kind(doc) for _, doc in named}
    if len(kinds) > 1:
        raise MergeError("cannot merge JSON reports with SARIF logs; merge each kind on its own")
    return _merge_sarif(named) if kinds == {"sarif"} else _merge_json(named)


def _version(named: list[tuple[str, dict[str, Any]]], get: Any) -> None:
    first_name, first = named[0]
    for name, doc in named[1:]:
        if get(doc) != get(first):
            raise MergeError(f"{name} was written by newsctl {get(doc)}, {first_name} by {get(first)}: run every shard with one version")


def _merge_json(named: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    _version(named, lambda d: d.get("version"))
    out = dict(named[0][1])
    try:
        out["files"] = sum(int(doc["files"]) for _, doc in named)
        summary: dict[str, int] = {}
        for _, doc in named:
            for severity, count in doc["summary"].items():
                summary[severity] = summary.get(severity, 0) + int(count)
        out["summary"] = summary
        findings = [f for _, doc in named for f in doc["findings"]]
        findings.sort(key=lambda f: (f["path"], f["line"], f["column"], f["code"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MergeError(f"a report lacks a field newsctl writes ({exc!r})") from None
    out["findings"] = findings
    return out


def _sarif_key(result: dict[str, Any]) -> tuple[Any, ...]:
    loc = result["locations"][0]["physicalLocation"]
    region = loc["region"]
    return (loc["artifactLocation"]["uri"], region["startLine"], region["startColumn"], result["ruleId"])


def _merge_sarif(named: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    try:
        _version(named, lambda d: d["runs"][0]["tool"]["driver"]["version"])
        out = json.loads(json.dumps(named[0][1]))  # a copy: the first log's tool and base URIs
        run = out["runs"][0]
        results = [r for _, doc in named for run_ in doc["runs"] for r in run_["results"]]
        results.sort(key=_sarif_key)
        run["results"] = results
        ok = all(inv.get("executionSuccessful", True) for _, doc in named for run_ in doc["runs"] for inv in run_.get("invocations", []))
        run["invocations"] = [{"executionSuccessful": ok}]
    except (KeyError, TypeError, IndexError, AttributeError) as exc:
        raise MergeError(f"a SARIF log lacks a field newsctl writes ({exc!r})") from None
    return out
