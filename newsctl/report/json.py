"""The lint JSON contract (docs/json-output.md)."""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring  # the C string encoder json.dumps uses (ensure_ascii=False)
from typing import Any, Iterator

from newsctl import __version__
from newsctl.engine import LintResult
from newsctl.findings import Finding
from newsctl.report.jsonstream import INDENT, encode as _encode
from newsctl.report.links import rule_url


def finding_dict(f: Finding, url: str | None = None) -> dict[str, Any]:
    """The published fields, then `hint` and `url` (added in 0.2; older fields never change)."""
    out = f.to_dict()
    out["hint"] = f.hint
    out["url"] = rule_url(f.code, f.rule) if url is None else url
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
    return "".join(chunks(result, extra))


def chunks(result: LintResult, extra: dict[str, Any] | None = None) -> Iterator[str]:
    """`json.dumps(document(result, extra), indent=2, ensure_ascii=False) + "\\n"`, piece by piece
    (one finding at a time), so a report of 10,000 articles is written without being built whole
    first. See newsctl.report.jsonstream (tests/test_json_stream.py compares the bytes)."""
    head = {"version": __version__, "files": len(result.files), "summary": result.counts()}
    tail = dict(extra or {})  # doc.update(extra): a key already there keeps its place
    yield "{"
    first = True
    for key, value in head.items():
        if key in tail:
            value = tail.pop(key)
        yield ("\n" if first else ",\n") + INDENT + encode_basestring(key) + ": " + _encode(value, 1)
        first = False
    if "findings" in tail:
        yield ",\n" + INDENT + '"findings": ' + _encode(tail.pop("findings"), 1)
    else:
        yield ",\n" + INDENT + '"findings": ['
        urls: dict[tuple[str, str], str] = {}
        inner = "\n" + INDENT * 2
        sep = inner
        fast: bool | None = None
        for f in result.findings:
            url = urls.get((f.code, f.rule))
            if url is None:
                url = urls[(f.code, f.rule)] = rule_url(f.code, f.rule)
            if fast is None:  # the published fields are the ones _finding_json writes
                fast = list(finding_dict(f, url)) == FIELDS
            yield sep + (_finding_json(f, url) if fast else _encode(finding_dict(f, url), 2))
            sep = "," + inner
        yield "]" if sep == inner else "\n" + INDENT + "]"
    for key, value in tail.items():
        yield ",\n" + INDENT + encode_basestring(key) + ": " + _encode(value, 1)
    yield "\n}\n"


FIELDS = ["path", "line", "column", "end_line", "end_column", "code", "rule", "category", "severity", "message", "fix", "hint", "url"]
_AT = ",\n" + INDENT * 3


def _finding_json(f: Finding, url: str) -> str:
    """_encode(finding_dict(f, url), 2) without the dict: the report's one hot loop."""
    return "".join((
        "{\n", INDENT * 3, '"path": ', encode_basestring(f.path),
        _AT, '"line": ', int.__repr__(f.line),
        _AT, '"column": ', int.__repr__(f.column),
        _AT, '"end_line": ', int.__repr__(f.end_line),
        _AT, '"end_column": ', int.__repr__(f.end_column),
        _AT, '"code": ', encode_basestring(f.code),
        _AT, '"rule": ', encode_basestring(f.rule),
        _AT, '"category": ', encode_basestring(f.category),
        _AT, '"severity": ', encode_basestring(f.severity.value),
        _AT, '"message": ', encode_basestring(f.message),
        _AT, '"fix": ', "null" if not f.fix else _encode(f.fix.to_dict(), 3),
        _AT, '"hint": ', "null" if f.hint is None else encode_basestring(f.hint),
        _AT, '"url": ', encode_basestring(url),
        "\n", INDENT * 2, "}",
    ))


def statistics(result: LintResult) -> str:
    counts = Counter((f.code, f.rule, f.severity.value) for f in result.findings)
    rows = [
        {"code": code, "rule": rule, "severity": sev, "count": n}
        for (code, rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]
    return json.dumps(rows, indent=2) + "\n"
