"""lint: run the enabled rules over parsed articles and collect findings.

The engine stamps what a rule yields (a Hit) with path, code, category and the
effective severity, applies inline suppressions, and never lets one bad file or
one failing rule stop the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from newsctl import registry
from newsctl.article import Article, Span
from newsctl.findings import Finding, Hit, Severity
from newsctl.settings import Settings
from newsctl.source import SourceError

if TYPE_CHECKING:
    from newsctl.cache import LintCache

ARTICLE_SUFFIXES = (".md", ".markdown")
# rules that read the body; a link-out item (no body, a link elsewhere) skips them
BODY_CATEGORIES = frozenset({"structure", "readability"})
UNREADABLE = "M001"


def internal_error(exc: BaseException, where: str) -> str:
    """One line for a bug that met one article: what failed, the exception, and a request to report it."""
    summary = " ".join(str(exc).split())[:200]
    return f"Internal error {where}: {type(exc).__name__}{': ' + summary if summary else ''} (a bug in newsctl: please report it with this file)"


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    article: Article | None = None
    # front-matter keys as written, with their lines: the batch compares them across files
    keys: tuple[tuple[str, int], ...] = ()


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
        if article.is_link_out and r.category in BODY_CATEGORIES:
            continue  # a link-out item has no body: it is listed, not read
        severity = settings.severity_of(r)
        try:
            hits: Iterable[Hit] = list(r.check(article, settings))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            hits = [Hit(Span(1, 1, 1, 1), internal_error(exc, f"in rule {r.code} ({r.name})"))]
        for hit in hits:
            own = hit.severity if hit.severity is not None and severity == r.severity else severity
            findings.append(stamp(hit, r, own, article.path))
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
    from newsctl import rulebook

    r = rulebook.get(UNREADABLE)
    assert r is not None
    if r not in settings.enabled_rules(path):
        return None
    span = Span(error.line, error.column, error.line, error.column + 1)
    return stamp(Hit(span, error.message), r, settings.severity_of(r), path)


def lint_file(path: Path, display: str, settings: Settings, keep_article: bool = False, cache: LintCache | None = None) -> FileResult:
    """Findings for one file; with a cache (and no article wanted), an unchanged file's are read back."""
    from newsctl.parse import parse_file

    key = None
    if cache is not None and not keep_article:
        try:
            key = cache.key(path.read_bytes(), display)
        except OSError:
            key = None  # unreadable: parse_file reports it as M001, uncached
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                return FileResult(display, hit[0], None, hit[1])
    try:
        article = parse_file(path, display, settings.site_format)
    except SourceError as err:
        finding = unreadable(display, err, settings)
        return FileResult(display, [finding] if finding else [])
    except Exception as exc:  # a parser bug: this file gets a finding, the batch goes on
        finding = unreadable(display, SourceError(internal_error(exc, "while reading"), 1, 1), settings)
        return FileResult(display, [finding] if finding else [])
    try:
        findings = lint_article(article, settings)
    except Exception as exc:  # a bug outside the rules (suppression, sorting): same
        finding = unreadable(display, SourceError(internal_error(exc, "while checking"), 1, 1), settings)
        findings = [finding] if finding else []
    keys = tuple((k, f.key_span.line) for k, f in article.front_matter.fields.items()) if article.front_matter.ok else ()
    if key is not None and cache is not None and not any("Internal error" in f.message for f in findings):
        from newsctl.links import article_links

        links = sorted({(target, os.path.isfile(target)) for _, target, _ in article_links(article)})
        cache.put(key, findings, keys, links)
    return FileResult(display, findings, article if keep_article else None, keys)


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
        ignores = GitIgnores(p) if settings.respect_gitignore else None
        for root, dirs, files in os.walk(p, followlinks=True):
            real_root = _real(Path(root))
            if real_root in walked:  # a symlink loop, or a directory reached twice
                dirs[:] = []
                continue
            walked.add(real_root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
            if ignores is not None:
                ignores.enter(Path(root))
                dirs[:] = [d for d in dirs if not ignores.ignored(Path(root) / d, is_dir=True)]
            # directories named like articles get an M001 finding rather than silence
            candidates = [n for n in files if n.lower().endswith(ARTICLE_SUFFIXES)]
            candidates += [d for d in dirs if d.lower().endswith(ARTICLE_SUFFIXES)]
            for name in candidates:
                fp = Path(root) / name
                if ignores is not None and ignores.ignored(fp, is_dir=(Path(root) / name).is_dir()):
                    continue
                shown = display_path(fp)
                key = _real(fp)
                if key not in seen and not settings.is_excluded(shown):
                    seen.add(key)
                    found.append((shown, fp))
        for shown, fp in sorted(found):
            yield fp, shown


class GitIgnores:
    """The `.gitignore` files that apply under a walked directory, as git reads them.

    Files from the repository root (the nearest parent with `.git`, whose `.git/info/exclude`
    counts too) down to each directory walked; a deeper file's patterns override a shallower
    one's, negations (`!keep.md`) included. Matching is pathspec's GitIgnoreSpec, which follows
    git's own rules (ruff and ripgrep honour the same files).
    """

    def __init__(self, top: Path) -> None:
        self._specs: dict[Path, object | None] = {}
        top = Path(os.path.abspath(top))
        self._chain: list[Path] = []
        self._repo: Path | None = None
        for parent in (top, *top.parents):
            self._chain.insert(0, parent)
            if (parent / ".git").exists():
                self._repo = parent
                break
        else:
            self._chain = [top]  # outside a repository: only the walked tree's own files
        for directory in self._chain:
            self._load(directory)

    def _load(self, directory: Path) -> None:
        if directory in self._specs:
            return
        lines: list[str] = []
        sources = [directory / ".gitignore"]
        if directory == self._repo:  # the repository's own excludes, overridden by its .gitignore
            sources.insert(0, directory / ".git" / "info" / "exclude")
        for path in sources:
            try:
                if path.is_file():
                    lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:  # an unreadable ignore file ignores nothing
                pass
        spec = None
        if lines:
            from pathspec import GitIgnoreSpec

            try:
                spec = GitIgnoreSpec.from_lines(lines)
            except ValueError:
                spec = None
        self._specs[directory] = spec

    def enter(self, directory: Path) -> None:
        self._load(Path(os.path.abspath(directory)))

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        path = Path(os.path.abspath(path))
        verdict = False
        for directory, spec in self._specs.items():
            if spec is None or directory not in path.parents:
                continue
            rel = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)  # type: ignore[attr-defined]
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


PARALLEL_THRESHOLD = 48  # below this, starting worker processes costs more than it saves


def default_jobs(file_count: int) -> int:
    """Worker processes for a batch: one per core for large batches, none for small ones."""
    if file_count < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


_worker_settings: Settings | None = None
_worker_cache: LintCache | None = None


def _init_worker(settings: Settings, cache: LintCache | None = None) -> None:
    global _worker_settings, _worker_cache
    _worker_settings = settings
    _worker_cache = cache


def _lint_in_worker(item: tuple[Path, str]) -> FileResult:
    assert _worker_settings is not None
    return lint_file(item[0], item[1], _worker_settings, cache=_worker_cache)


_worker_task: Callable[[Any], Any] | None = None


def _init_task(task: Callable[[Any], Any]) -> None:
    global _worker_task
    _worker_task = task


def _run_task(item: Any) -> Any:
    assert _worker_task is not None
    return _worker_task(item)


def map_files(
    task: Callable[[Any], Any],
    items: list[Any],
    jobs: int | None = None,
    on_result: Callable[[Any], None] | None = None,
    keep: bool = True,
) -> list[Any]:
    """task(item) for every item, results in the items' order: in worker processes for large
    batches (the same `default_jobs` and chunking as lint_files), in this process for small
    ones or jobs=1. task must pickle (a module-level function, or functools.partial of one); it
    is sent once to each worker, not with every item. Used by export, outline and readability.
    keep=False: each result goes to on_result only and none is kept (the list returned is
    empty), so a caller that writes as results arrive holds one at a time (issue 12: memory)."""
    jobs = default_jobs(len(items)) if jobs is None else max(1, jobs)
    results: list[Any] = []
    if jobs == 1 or len(items) < 2:
        for item in items:
            result = task(item)
            if keep:
                results.append(result)
            if on_result:
                on_result(result)
        return results
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_task, initargs=(task,)) as pool:
        for result in pool.map(_run_task, items, chunksize=chunk):
            if keep:
                results.append(result)
            if on_result:
                on_result(result)
    return results


def parse_or_error(item: tuple[Path, str], site_format: Any = None) -> tuple[Article | None, dict[str, Any] | None]:
    """Parse one (path, shown) file: (the Article, None), or (None, {path line column message})
    for a file that cannot be read; a parser bug is reported the same way, never raised."""
    from newsctl.parse import parse_file

    fp, shown = item
    try:
        return parse_file(fp, shown, site_format), None
    except SourceError as exc:
        return None, {"path": shown, "line": exc.line, "column": exc.column, "message": exc.message}
    except Exception as exc:  # a parser bug: this file is reported, the others go on
        return None, {"path": shown, "line": 1, "column": 1, "message": internal_error(exc, "while reading")}


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
    cache: LintCache | None = None,
) -> LintResult:
    """Lint every article under paths, in worker processes for large batches.

    Results keep the order of `collect`; `on_file` is called after each file (for progress).
    """
    return lint_files(list(collect(paths, settings, force_exclude)), settings, on_file, jobs, cache)


def lint_files(
    files: list[tuple[Path, str]],
    settings: Settings,
    on_file: Callable[[FileResult], None] | None = None,
    jobs: int | None = None,
    cache: LintCache | None = None,
) -> LintResult:
    """Lint already collected (path, shown path) pairs; see lint_paths. With a cache, unchanged
    files' findings are read back (newsctl.cache); the findings are the same either way."""
    jobs = default_jobs(len(files)) if jobs is None else max(1, jobs)
    results: list[FileResult] = []
    if jobs == 1:
        for fp, shown in files:
            result = lint_file(fp, shown, settings, cache=cache)
            results.append(result)
            if on_file:
                on_file(result)
        return LintResult(archive_misspellings(results, settings))
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(files) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings, cache)) as pool:
        for result in pool.map(_lint_in_worker, files, chunksize=chunk):
            results.append(result)
            if on_file:
                on_file(result)
    return LintResult(archive_misspellings(results, settings))


ARCHIVE_KEY_MIN_FILES = 3  # a key this many files use is the archive's own


def archive_misspellings(results: list[FileResult], settings: Settings) -> list[FileResult]:
    """M009 across the batch: an unknown key (info) that is a likely misspelling of a key the rest
    of the archive uses (`topcis` where 40 files write `topics`) becomes a warning with a rename fix.
    A single file cannot know the archive's keys, so this is the one check made over the batch."""
    from collections import Counter
    from dataclasses import replace

    from newsctl import rulebook

    r = rulebook.get("M009")
    if r is None or settings.severity_of(r) != r.severity:
        return results  # a severity set for M009 applies to every M009 finding as it is
    census = Counter(key for result in results for key, _ in result.keys)
    common = [key for key, n in census.items() if n >= ARCHIVE_KEY_MIN_FILES]
    if not common:
        return results
    from newsctl.findings import Edit, Fix

    for result in results:
        lines = {line: key for key, line in result.keys}
        written = {key for key, _ in result.keys}
        for i, f in enumerate(result.findings):
            if f.code != "M009" or f.severity is not Severity.INFO or f.line not in lines:
                continue
            key = lines[f.line]
            guess = settings.site_format.misspelling_of(key, [c for c in common if c != key and census[c] > census[key]])
            if guess is None:
                continue
            fix = None if guess in written else Fix(f"Rename '{key}' to '{guess}'", (Edit(f.line, f.column, f.end_line, f.end_column, guess),))
            result.findings[i] = replace(
                f,
                severity=Severity.WARNING,
                message=f"Unknown field '{key}' (did you mean '{guess}'? {census[guess]} files in this run use it)",
                hint=f"Rename it to '{guess}'" if fix else f"Merge it into '{guess}' or remove it",
                fix=fix,
            )
    return results
