"""Fingerprints of findings that survive lines moving and edits elsewhere in the file.

A fingerprint hashes the rule code and the text the finding points at (its first line's
span, whitespace collapsed), never the line number; identical findings in one file are told
apart by their order. Baselines and the GitLab report use them to recognise a known finding.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Iterable

from newsctl.findings import Finding


def span_text(f: Finding, text: str | None) -> str:
    """The text on the finding's first line that its span covers, whitespace collapsed."""
    if text is None:
        return ""
    lines = text.split("\n")
    if not 1 <= f.line <= len(lines):
        return ""
    raw = lines[f.line - 1]
    end = f.end_column - 1 if f.end_line == f.line else len(raw)
    piece = raw[max(0, f.column - 1) : max(f.column - 1, end)]
    return " ".join(piece.split())


def fingerprints(findings: Iterable[Finding], text: str | None) -> list[str]:
    """One fingerprint per finding of ONE file, in order; equal findings get their rank mixed in."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.code, span_text(f, text))
        rank = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{key[0]}\0{key[1]}\0{rank}".encode("utf-8", "surrogatepass")).hexdigest()
        out.append(digest[:20])
    return out
