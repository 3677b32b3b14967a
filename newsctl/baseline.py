"""Baselines: today's findings recorded so CI reports only new ones (`newsctl baseline`).

An archive of thousands of articles cannot be fixed before CI goes green. A baseline file
lists each known finding by path, code and fingerprint (newsctl.fingerprint: the text it
points at, not its line), so findings survive lines moving and edits elsewhere in the file.
`lint --baseline FILE` drops the known ones and counts them. Paths are stored relative to
the baseline file's directory, so CI can run from any directory. A renamed file keeps its
known findings when its old path no longer exists.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from newsctl import __version__
from newsctl.engine import FileResult, LintResult
from newsctl.fingerprint import fingerprints

FORMAT = 1


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a newsctl baseline."""


@dataclass(frozen=True)
class Entry:
    path: str
    code: str
    fingerprint: str


def _rel(path: str, base: Path) -> str:
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(full, base)).as_posix()


def entries(result: LintResult, base: Path, sources: Mapping[str, str]) -> list[tuple[Entry, str]]:
    """Every finding as a baseline entry (with its message, kept for people reading the file)."""
    out = []
    for fr in result.files:
        if not fr.findings:
            continue
        rel = _rel(fr.path, base)
        for f, fp in zip(fr.findings, fingerprints(fr.findings, sources.get(fr.path))):
            out.append((Entry(rel, f.code, fp), f.message))
    return out


def render(result: LintResult, base: Path, sources: Mapping[str, str]) -> str:
    rows = [
        {"path": e.path, "code": e.code, "fingerprint": e.fingerprint, "message": message}
        for e, message in sorted(entries(result, base, sources), key=lambda em: (em[0].path, em[0].code, em[1]))
    ]
    doc = {"newsctl_baseline": FORMAT, "tool_version": __version__, "count": len(rows), "findings": rows}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> Counter[Entry]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `newsctl baseline {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: not a newsctl baseline (invalid JSON: {exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("newsctl_baseline") != FORMAT or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a newsctl baseline (expected {{\"newsctl_baseline\": {FORMAT}, \"findings\": [...]}})")
    counts: Counter[Entry] = Counter()
    for i, row in enumerate(doc["findings"]):
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in ("path", "code", "fingerprint")):
            raise BaselineError(f"{path}: finding {i + 1} needs string 'path', 'code' and 'fingerprint'")
        counts[Entry(row["path"], row["code"], row["fingerprint"])] += 1
    return counts


def apply(result: LintResult, known: Counter[Entry], base: Path, sources: Mapping[str, str]) -> tuple[LintResult, int]:
    """The result without known findings, and how many known ones were found."""
    remaining = Counter(known)
    kept: dict[int, list[Any]] = {}
    matched = 0
    pending: list[tuple[int, int, Entry]] = []
    for i, fr in enumerate(result.files):
        rel = _rel(fr.path, base)
        prints = fingerprints(fr.findings, sources.get(fr.path))
        keep = []
        for j, (f, fp) in enumerate(zip(fr.findings, prints)):
            entry = Entry(rel, f.code, fp)
            if remaining[entry] > 0:
                remaining[entry] -= 1
                matched += 1
            else:
                keep.append(f)
                pending.append((i, len(keep) - 1, entry))
        kept[i] = keep
    # a renamed file: entries of a path that no longer exists match by code and fingerprint
    linted = {_rel(fr.path, base) for fr in result.files}
    moved: Counter[tuple[str, str]] = Counter()
    for e, n in remaining.items():
        if n > 0 and e.path not in linted and not (base / e.path).exists():
            moved[(e.code, e.fingerprint)] += n
    drop: set[tuple[int, int]] = set()
    for i, j, entry in pending:
        key = (entry.code, entry.fingerprint)
        if moved[key] > 0:
            moved[key] -= 1
            matched += 1
            drop.add((i, j))
    files = [
        FileResult(fr.path, [f for j, f in enumerate(kept[i]) if (i, j) not in drop], fr.article)
        for i, fr in enumerate(result.files)
    ]
    return LintResult(files), matched
