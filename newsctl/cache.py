"""The lint cache: findings of unchanged files are read back instead of computed (ruff's model).

One cache file per run configuration, not one per article: `v2/<settings digest>.json`, where the
digest covers the effective settings (rule selection, severities, options, site format, and
`now`: date rules read it, so a run with a fixed `--now` hits where the clock never would) and
the newsctl version. Inside, one entry per shown path (per-file-ignores and messages use it):
the SHA-256 of the file's bytes, its front-matter keys, the linked files it looked up and its
findings. The content hash is the key of truth: no modification time is trusted. The one
input outside the file, whether the articles it links to exist (S011), is recorded in the entry
and checked again on every hit.

The file is read once per run and written once at its end, atomically (a temporary file, then
a rename), after merging what another run wrote meanwhile (its entries are kept, this run's win
for the files it linted). Two runs writing at the same moment can lose each other's new
entries, never corrupt the file: the next run misses those files and lints them again.

A cache file is never trusted: anything unreadable, truncated, of the wrong shape or for
another digest or format is a miss (the whole file, or the one entry), and is written again at
the end of the run. No cache fault is ever fatal.
"""

from __future__ import annotations

from array import array
import os
import re
import time
from pathlib import Path
from typing import Any

from newsctl import __version__
from newsctl.article import Span
from newsctl.findings import Edit, Finding, Fix, Related, Severity
from newsctl.settings import Settings
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

ENV_DIR = "NEWSCTL_CACHE_DIR"
FORMAT = 2  # bump when the layout changes: v1 held one file per article
STALE_DAYS = 30  # an entry no run used for this long is dropped when the file is written
_DAY = 86_400

Entry = list  # [content hash, seen (unix day), [key names, key lines], links, findings rows]


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
    import hashlib  # here, not at the top: a lint without a cache imports this module only to learn so

    return hashlib.blake2b(f"{__version__}\0{FORMAT}\0{text}".encode(), digest_size=16).hexdigest()


def content_hash(data: bytes) -> str:
    """The key of truth for a file's bytes. SHA-256 (hardware-accelerated on current CPUs) is
    measured faster here than blake2b: 10,000 files of 9 KB read and hashed in 0.17 s CPU."""
    from hashlib import sha256

    return sha256(data).hexdigest()


class LintCache:
    """The entries of one settings digest: loaded once per run (`get`), saved once (`save`)."""

    def __init__(self, directory: Path, settings: Settings) -> None:
        self.root = directory / f"v{FORMAT}"
        self.digest = settings_digest(settings)
        self.file = self.root / f"{self.digest}.json"
        self._entries: dict[str, Any] | None = None  # as read at the start of this run
        self._stamp: tuple[int, int, int] | None = None  # the file as it was then (inode, mtime, size)
        self._used: dict[str, Entry | str] = {}  # entries this run read, or made (as JSON text)
        self._changed = False
        self._today = int(time.time()) // _DAY

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries, self._stamp = _read(self.file, self.digest)
            if not self._entries and self._stamp is not None:
                self._changed = True  # unreadable, damaged or empty: written again at the end
        return self._entries

    def get(self, shown: str, digest: str) -> tuple[list[Finding], tuple[tuple[str, int], ...]] | None:
        """(findings, front-matter keys) of a valid entry for these bytes whose linked files are as
        recorded; else None (a miss)."""
        entry = self._load().get(shown)
        if entry is None:
            return None
        try:
            if entry[0] != digest:
                return None
            for path, existed in entry[3]:
                if os.path.isfile(path) != bool(existed):
                    return None  # a linked article appeared or went away: S011 must look again
            findings = [_finding(shown, row) for row in entry[4]]
            keys = _keys(*entry[2])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            self._changed = True  # of another shape: replaced by the lint's own entry
            return None
        if entry[1] != self._today:
            entry = [entry[0], self._today, *entry[2:]]
            self._changed = True
        self._used[shown] = entry
        return findings, keys

    def put(self, shown: str, digest: str, findings: list[Finding], keys: tuple[tuple[str, int], ...], links: list[tuple[str, bool]]) -> None:
        entry = [digest, self._today, [[k for k, _ in keys], [line for _, line in keys]], [[p, bool(e)] for p, e in links], [_dump(f) for f in findings]]
        self._used[shown] = _text(entry)  # as text: a fifth of the memory of the lists, for 10,000 new entries
        self._changed = True

    def save(self) -> None:
        """Write this run's entries, merged into what is on disk now; never fatal. The next run
        reads the file again (another run may have written it meanwhile)."""
        used, loaded, stamp = self._used, self._entries, self._stamp
        self._used, self._entries, self._stamp = {}, None, None
        if not self._changed:
            return
        self._changed = False
        from newsctl.atomic import write_atomic

        if loaded is None or _stat(self.file) != stamp:
            loaded = None  # another run wrote it since this one read it: merge with what it left
            base, _ = _read(self.file, self.digest)
        else:
            base = loaded
        oldest = self._today - STALE_DAYS
        parts = [
            _text(path) + ":" + _text(entry)
            for path, entry in base.items()
            if path not in used and isinstance(entry, list) and len(entry) == 5 and type(entry[1]) is int and entry[1] >= oldest
        ]
        del base, loaded
        parts += [_text(path) + ":" + (entry if isinstance(entry, str) else _text(entry)) for path, entry in used.items()]
        head = _text({"format": FORMAT, "version": __version__, "digest": self.digest})[:-1]
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._ignore_file()
            write_atomic(self.file, head + ',"files":{' + ",".join(parts) + "}}")
        except OSError:
            return  # a read-only or full disk: lint still reports, just without a cache
        self._remove_old_layouts()

    def _remove_old_layouts(self) -> None:
        """newsctl 0.2.0 kept one file per article under v1/: never read again, so removed."""
        import shutil

        for old in range(1, FORMAT):
            directory = self.root.parent / f"v{old}"
            if directory.is_dir() and not directory.is_symlink() and _old_layout_only(directory):
                shutil.rmtree(directory, ignore_errors=True)

    def _ignore_file(self) -> None:
        marker = self.root.parent / ".gitignore"
        if not marker.exists():
            marker.write_text("# Automatically created by newsctl.\n*\n", encoding="utf-8")


_OLD_ENTRY = lazy(r"[0-9a-f]+\.json|\.[0-9a-f]+\.json\.newsctl-\d+-[A-Za-z0-9_]+\.tmp")


def _old_layout_only(directory: Path) -> bool:
    """True when the directory holds nothing but what newsctl 0.2.0 wrote there (`<2 hex>/<hex>.json`
    and its temporary files): a cache directory may be shared (~/.cache, /tmp), and a `v1/` of
    anything else is not ours to remove."""
    try:
        for sub in directory.iterdir():
            if not (len(sub.name) == 2 and sub.is_dir() and not sub.is_symlink() and _OLD_ENTRY.fullmatch(sub.name + "0.json")):
                return False
            for entry in sub.iterdir():
                if not (_OLD_ENTRY.fullmatch(entry.name) and entry.name.lstrip(".").startswith(sub.name) and entry.is_file() and not entry.is_symlink()):
                    return False
    except OSError:
        return False
    return True


def _read(file: Path, digest: str) -> tuple[dict[str, Any], tuple[int, int, int] | None]:
    """The entries of a cache file (empty when it is unreadable, damaged or another's) and its
    (inode, mtime, size), None when there is no file."""
    try:
        with open(file, "rb") as fh:
            st = os.fstat(fh.fileno())
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            data = fh.read()
    except OSError:
        return {}, None
    import json

    try:
        document = json.loads(data)
        if (
            isinstance(document, dict)
            and document.get("format") == FORMAT
            and document.get("version") == __version__
            and document.get("digest") == digest
            and isinstance(document.get("files"), dict)
        ):
            return document["files"], stamp
    except (ValueError, RecursionError):
        pass  # truncated or not JSON: a miss for every file
    return {}, stamp


def _stat(file: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(file)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _text(value: Any) -> str:
    """Compact JSON, ASCII only: a shown path that is not UTF-8 (surrogate escapes) is written
    as \\u escapes instead of failing to encode."""
    import json

    return json.dumps(value, separators=(",", ":"))


def clean(directory: Path) -> bool:
    """Remove a cache directory; True when there was one. Refuses a directory that is not one."""
    import shutil

    if not directory.exists():
        return False
    if not (directory / ".gitignore").exists() and not any(directory.glob("v*/")):
        raise ValueError(f"{directory} does not look like a newsctl cache; not removed")
    shutil.rmtree(directory)
    return True


def _dump(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.message, f.fix.safe, [[e.line, e.column, e.end_line, e.end_column, e.content] for e in f.fix.edits]]
    related = [[r.span.line, r.span.column, r.span.end_line, r.span.end_column, r.message] for r in f.related]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.rule, f.category, f.severity.value, f.message, f.hint, fix, related]


_SEVERITY = {s.value: s for s in Severity}
# the types of a row's first ten values (line .. hint), checked in one step: a row of any other
# types is a miss. Measured: checking each value in a function call was most of a warm run.
_ROW_TYPES = frozenset({(int, int, int, int, str, str, str, str, str, str), (int, int, int, int, str, str, str, str, str, type(None))})


def _finding(path: str, row: list[Any]) -> Finding:
    """A row back into a Finding; any value of the wrong type raises (the entry is then a miss)."""
    line, column, end_line, end_column, code, rule, category, severity, message, hint, fix, related = row
    if tuple(map(type, row[:10])) not in _ROW_TYPES:
        raise TypeError("a finding of another shape")
    return Finding(
        path, line, column, end_line, end_column, code, rule, category, _SEVERITY[severity], message, hint,
        None if fix is None else Fix(_str(fix[0]), tuple(Edit(_int(a), _int(b), _int(c), _int(d), _str(t)) for a, b, c, d, t in fix[2]), _bool(fix[1])),
        tuple(Related(Span(_int(a), _int(b), _int(c), _int(d)), _str(t)) for a, b, c, d, t in related) if related else (),
    )


def _keys(names: Any, lines: Any) -> tuple[tuple[str, int], ...]:
    """The front-matter keys of an entry (two lists of equal length: names, lines)."""
    if type(names) is not list or type(lines) is not list or len(names) != len(lines):
        raise TypeError("keys of another shape")
    "".join(names)  # TypeError unless every name is a string (checked in C: this runs per file)
    array("q", lines)  # TypeError unless every line is an integer (OverflowError: too large)
    return tuple(zip(names, lines))


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not an int")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not a string")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("not a boolean")
    return value
