"""The lint cache: findings of unchanged files are read back instead of computed (ruff's model).

An entry is keyed by a hash of the file's bytes, its shown path (per-file-ignores and messages
use it), the effective settings (rule selection, severities, options, site format, and `now`:
date rules read it, so a run with a fixed `--now` hits where the clock never would) and the
newsctl version. The one input outside the file, whether the articles it links to exist (S011),
is recorded in the entry and checked again on every hit.

A cache file is never trusted: anything unreadable, truncated, of the wrong shape or for
another key is a miss, and the entry is written again (atomically, so a concurrent run reads
the old entry or the new one, never half of each). No cache fault is ever fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from newsctl import __version__
from newsctl.article import Span
from newsctl.findings import Edit, Finding, Fix, Related, Severity
from newsctl.settings import Settings

ENV_DIR = "NEWSCTL_CACHE_DIR"
FORMAT = 1  # bump when the entry layout changes


def cache_dir(settings: Settings, given: Path | None = None) -> Path | None:
    """Where the cache lives, or None for no cache: `--cache-dir`, else $NEWSCTL_CACHE_DIR, else
    the cache-dir setting. Lint writes nothing unless asked, so there is no default directory."""
    if given is not None:
        return given
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    return Path(settings.cache_dir) if settings.cache_dir is not None else None


def settings_digest(settings: Settings) -> str:
    """What the findings depend on besides the file: every setting but the per-file link lookup."""
    state = settings.__getstate__()
    for unrelated in ("linked_files", "cache_dir", "paths", "exclude", "new_template", "fail_on"):
        state.pop(unrelated, None)  # not read by rules
    state["now"] = settings.now.isoformat()
    text = repr(sorted((k, repr(v)) for k, v in state.items()))
    return hashlib.blake2b(f"{__version__}\0{FORMAT}\0{text}".encode(), digest_size=16).hexdigest()


class LintCache:
    def __init__(self, directory: Path, settings: Settings) -> None:
        self.root = directory / f"v{FORMAT}"
        self.digest = settings_digest(settings)

    def key(self, data: bytes, shown: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(self.digest.encode())
        h.update(b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[list[Finding], tuple[tuple[str, int], ...]] | None:
        """(findings, front-matter keys) of a valid entry whose linked files are as recorded; else None."""
        try:
            entry = json.loads(self._file(key).read_text("utf-8"))
            if entry.get("key") != key:
                return None
            for path, existed in entry["links"]:
                if os.path.isfile(path) != bool(existed):
                    return None  # a linked article appeared or went away: S011 must look again
            findings = [_finding(d) for d in entry["findings"]]
            keys = tuple((str(k), int(line)) for k, line in entry["keys"])
            return findings, keys
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # missing, unreadable, truncated or of another shape: a miss

    def put(self, key: str, findings: list[Finding], keys: tuple[tuple[str, int], ...], links: list[tuple[str, bool]]) -> None:
        from newsctl.atomic import write_atomic

        entry = {"key": key, "links": links, "keys": [list(k) for k in keys], "findings": [_dump(f) for f in findings]}
        try:
            target = self._file(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            self._ignore_file()
            write_atomic(target, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only or full disk: lint still reports, just without a cache

    def _ignore_file(self) -> None:
        marker = self.root.parent / ".gitignore"
        if not marker.exists():
            marker.write_text("# Automatically created by newsctl.\n*\n", encoding="utf-8")


def clean(directory: Path) -> bool:
    """Remove a cache directory; True when there was one. Refuses a directory that is not one."""
    import shutil

    if not directory.exists():
        return False
    if not (directory / ".gitignore").exists() and not any(directory.glob("v*/")):
        raise ValueError(f"{directory} does not look like a newsctl cache; not removed")
    shutil.rmtree(directory)
    return True


def _span(d: Any) -> dict[str, int]:
    return {"line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column}


def _dump(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        **_span(f),
        "code": f.code,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "hint": f.hint,
        "fix": f.fix.to_dict() if f.fix else None,
        "related": [{**_span(r.span), "message": r.message} for r in f.related],
    }


def _finding(d: dict[str, Any]) -> Finding:
    fix = d["fix"]
    return Finding(
        path=str(d["path"]),
        line=int(d["line"]),
        column=int(d["column"]),
        end_line=int(d["end_line"]),
        end_column=int(d["end_column"]),
        code=str(d["code"]),
        rule=str(d["rule"]),
        category=str(d["category"]),
        severity=Severity(d["severity"]),
        message=str(d["message"]),
        hint=None if d["hint"] is None else str(d["hint"]),
        fix=None
        if fix is None
        else Fix(str(fix["message"]), tuple(Edit(int(e["line"]), int(e["column"]), int(e["end_line"]), int(e["end_column"]), str(e["content"])) for e in fix["edits"]), bool(fix["safe"])),
        related=tuple(
            Related(Span(int(r["line"]), int(r["column"]), int(r["end_line"]), int(r["end_column"])), str(r["message"])) for r in d["related"]
        ),
    )
