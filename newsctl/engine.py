"""lint: run the enabled rules over parsed articles and collect findings.

The engine stamps what a rule yields (a Hit) with path, code, category and the
effective severity, applies inline suppressions, and never lets one bad file or
one failing rule stop the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from newsctl import registry
from newsctl.article import Article, Span
from newsctl.findings import Finding, Hit, Severity
from newsctl.settings import Settings
from newsctl.source import SourceError

ARTICLE_SUFFIXES = (".md", ".markdown")
UNREADABLE = "M001"


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    article: Article | None = None


@dataclass
class LintResult:
    files: list[FileResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings]

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        sevs = [f.severity for f in self.findings]
        return max(sevs, key=lambda s: s.rank) if sevs else None


def lint_article(article: Article, settings: Settings) -> list[Finding]:
    """All findings for one parsed article, sorted by position."""
    from newsctl.suppress import filter_suppressed

    if settings.linked_files is None:  # which linked article files exist: looked up here, so rules stay pure
        from dataclasses import replace

        from newsctl.links import existing

        settings = replace(settings, linked_files=existing(article))
    findings: list[Finding] = []
    for r in settings.enabled_rules(article.path):
        severity = settings.severity_of(r)
        try:
            hits: Iterable[Hit] = list(r.check(article, settings))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            hits = [Hit(Span(1, 1, 1, 1), f"Internal error in rule {r.code} ({r.name}): {type(exc).__name__}: {exc}")]
        for hit in hits:
            findings.append(stamp(hit, r, severity, article.path))
    findings = filter_suppressed(findings, article)
    findings.sort(key=Finding.sort_key)
    return findings


def stamp(hit: Hit, r: registry.Rule, severity: Severity, path: str) -> Finding:
    s = hit.span
    return Finding(
        path=path,
        line=s.line,
        column=s.column,
        end_line=s.end_line,
        end_column=s.end_column,
        code=r.code,
        rule=r.name,
        category=r.category,
        severity=severity,
        message=hit.message,
        hint=hit.hint,
        fix=hit.fix,
        related=hit.related,
    )


def unreadable(path: str, error: SourceError, settings: Settings) -> Finding | None:
    r = registry.get(UNREADABLE)
    assert r is not None
    if r not in settings.enabled_rules(path):
        return None
    span = Span(error.line, error.column, error.line, error.column + 1)
    return stamp(Hit(span, error.message), r, settings.severity_of(r), path)


def lint_file(path: Path, display: str, settings: Settings, keep_article: bool = False) -> FileResult:
    from newsctl.parse import parse_file

    try:
        article = parse_file(path, display)
    except SourceError as err:
        finding = unreadable(display, err, settings)
        return FileResult(display, [finding] if finding else [])
    return FileResult(display, lint_article(article, settings), article if keep_article else None)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as the user gave it; relative to the current directory when inside it."""
    cwd = cwd or Path.cwd()
    if path.is_absolute():
        try:
            return path.relative_to(cwd).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def collect(paths: Iterable[str | Path], settings: Settings, force_exclude: bool = False) -> Iterator[tuple[Path, str]]:
    """Article files under the given paths (directories searched for *.md, *.markdown).

    A path that does not exist is still yielded, so it gets an M001 finding of its own. A file
    named twice, or reached through a symlink as well, is yielded once (first spelling wins).
    Files named explicitly are linted even when excluded (unless `force_exclude`, for hooks
    that pass every changed file); files found in directories honour `exclude`. Symlinked
    directories are followed, each real directory once.
    """
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if not p.is_dir():
            key = _real(p)
            if force_exclude and settings.is_excluded(display_path(p)):
                continue
            if key not in seen:
                seen.add(key)
                yield p, display_path(p)
            continue
        found: list[tuple[str, Path]] = []
        walked: set[Path] = set()
        for root, dirs, files in os.walk(p, followlinks=True):
            real_root = _real(Path(root))
            if real_root in walked:  # a symlink loop, or a directory reached twice
                dirs[:] = []
                continue
            walked.add(real_root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
            # directories named like articles get an M001 finding rather than silence
            candidates = [n for n in files if n.lower().endswith(ARTICLE_SUFFIXES)]
            candidates += [d for d in dirs if d.lower().endswith(ARTICLE_SUFFIXES)]
            for name in candidates:
                fp = Path(root) / name
                shown = display_path(fp)
                key = _real(fp)
                if key not in seen and not settings.is_excluded(shown):
                    seen.add(key)
                    found.append((shown, fp))
        for shown, fp in sorted(found):
            yield fp, shown


PARALLEL_THRESHOLD = 48  # below this, starting worker processes costs more than it saves


def default_jobs(file_count: int) -> int:
    """Worker processes for a batch: one per core for large batches, none for small ones."""
    if file_count < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _lint_in_worker(item: tuple[Path, str]) -> FileResult:
    assert _worker_settings is not None
    return lint_file(item[0], item[1], _worker_settings)


def _real(path: Path) -> Path:
    """The file's real path, so one file named twice (or via a symlink) is read once."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # symlink loops and the like: fall back to the spelling
        return path.absolute()


def lint_paths(
    paths: Iterable[str | Path],
    settings: Settings,
    on_file: Callable[[FileResult], None] | None = None,
    jobs: int | None = None,
    force_exclude: bool = False,
) -> LintResult:
    """Lint every article under paths, in worker processes for large batches.

    Results keep the order of `collect`; `on_file` is called after each file (for progress).
    """
    return lint_files(list(collect(paths, settings, force_exclude)), settings, on_file, jobs)


def lint_files(
    files: list[tuple[Path, str]],
    settings: Settings,
    on_file: Callable[[FileResult], None] | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint already collected (path, shown path) pairs; see lint_paths."""
    jobs = default_jobs(len(files)) if jobs is None else max(1, jobs)
    results: list[FileResult] = []
    if jobs == 1:
        for fp, shown in files:
            result = lint_file(fp, shown, settings)
            results.append(result)
            if on_file:
                on_file(result)
        return LintResult(results)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(files) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        for result in pool.map(_lint_in_worker, files, chunksize=chunk):
            results.append(result)
            if on_file:
                on_file(result)
    return LintResult(results)
