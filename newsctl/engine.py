"""lint: run the enabled rules over parsed articles and collect findings.

The engine stamps what a rule yields (a Hit) with path, code, category and the
effective severity, applies inline suppressions, and never lets one bad file or
one failing rule stop the others.
"""

from __future__ import annotations

import os
import stat
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl import batchgc, registry
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
    # for the lint cache: the hash of the bytes linted and the linked files looked up (S011);
    # None when the result must not be cached (not read, or an internal error)
    content: str | None = None
    links: list[tuple[str, bool]] | None = None


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

    rules = settings.enabled_rules(article.path)
    severities = settings.severities()
    if settings.linked_files is None:  # which linked article files exist: looked up here, so rules stay pure
        from newsctl.links import existing

        settings = _with_linked_files(settings, existing(article))
    findings: list[Finding] = []
    link_out = article.is_link_out
    for r in rules:
        if link_out and r.category in BODY_CATEGORIES:
            continue  # a link-out item has no body: it is listed, not read
        severity = severities.get(r.code) or settings.severity_of(r)
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


def _with_linked_files(settings: Settings, linked: frozenset[str]) -> Settings:
    """dataclasses.replace(settings, linked_files=linked), made by copying the instance dict:
    Settings has no __post_init__, so replace's __init__ (a frozen set per field, ~15 us per
    article) gives the same fields; the copy also keeps the enabled-rules memo."""
    copy = object.__new__(Settings)
    copy.__dict__.update(settings.__dict__)
    copy.__dict__["linked_files"] = linked
    return copy


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


def lint_file(path: Path, display: str, settings: Settings, keep_article: bool = False) -> FileResult:
    """Findings for one file (iter_lint reads unchanged files' findings from the cache instead)."""
    return check_file(path, display, settings, keep_article)


def check_file(path: Path, display: str, settings: Settings, keep_article: bool = False, data: bytes | None = None) -> FileResult:
    """Parse and lint one file. Given its bytes (read once for the cache), they are what is
    linted, and the result carries their hash, so an entry never pairs one version's hash with
    another version's findings."""
    try:
        article = _parse_path(path, display, settings.site_format) if data is None else _parse_bytes(path, display, data, settings)
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
    result = FileResult(display, findings, article if keep_article else None, keys)
    if data is not None and not any("Internal error" in f.message for f in findings):
        from newsctl.cache import content_hash
        from newsctl.links import article_links

        result.content = content_hash(data)
        result.links = sorted({(target, os.path.isfile(target)) for _, target, _ in article_links(article)})
    return result


def _parse_path(path: Path, display: str, site_format: Any) -> Article:
    from newsctl.parse import parse_file

    return parse_file(path, display, site_format)


def _parse_bytes(path: Path, display: str, data: bytes, settings: Settings) -> Article:
    """parse.parse_file over bytes already read (the same steps: decode, then plain text or Markdown)."""
    from newsctl.importers.plaintext import SUFFIXES
    from newsctl.parse import parse, parse_plain_text
    from newsctl.source import Source

    source = Source.from_bytes(display, data)
    if path.suffix.lower() in SUFFIXES and not source.text.startswith("---"):
        return parse_plain_text(source)
    return parse(source, settings.site_format)


def _cacheable_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file newsctl would read, or None (a directory, a missing or too
    large file: parse_file reports those as M001, uncached). os.open and one os.read sized by
    fstat: half the CPU of open().read() here, and a warm run does this for every file."""
    from newsctl.source import MAX_FILE_BYTES

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        size = os.fstat(fd)
        if not stat.S_ISREG(size.st_mode) or size.st_size > MAX_FILE_BYTES:
            return None
        data = os.read(fd, size.st_size + 1)
        if len(data) > size.st_size:  # it grew since fstat: read it to the end as it is now
            parts = [data]
            while chunk := os.read(fd, 1 << 16):
                parts.append(chunk)
            data = b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= MAX_FILE_BYTES else None


def _remember(cache: LintCache, result: FileResult) -> FileResult:
    if result.content is not None and result.links is not None:
        cache.put(result.path, result.content, result.findings, result.keys, result.links)
    return result


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

    A warm cached run spends much of its time here, so the walk works on strings: each
    directory's real and shown paths are found once, and a file's from them (a symlinked file
    alone is resolved on its own); tests/test_collect_equivalence.py compares it with the
    pathlib definition it replaced.
    """
    seen: set[str] = set()
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
        walked: set[str] = set()
        ignores = GitIgnores(p) if settings.respect_gitignore else None
        excluding = bool(settings.exclude)
        for root, dirs, files in os.walk(p, followlinks=True):
            root_path = Path(root)
            real_root = _real(root_path)
            if real_root in walked:  # a symlink loop, or a directory reached twice
                dirs[:] = []
                continue
            walked.add(real_root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
            if ignores is not None:
                ignores.enter(root_path)
                dirs[:] = [d for d in dirs if not ignores.ignored(root_path / d, is_dir=True)]
            # directories named like articles get an M001 finding rather than silence
            candidates = [(n, False) for n in files if n.lower().endswith(ARTICLE_SUFFIXES)]
            candidates += [(d, True) for d in dirs if d.lower().endswith(ARTICLE_SUFFIXES)]
            if not candidates:
                continue
            shown_root = display_path(root_path)
            shown_prefix = "" if shown_root == "." else shown_root if shown_root.endswith("/") else shown_root + "/"
            rules = ignores.rules_for(root_path) if ignores is not None else []
            for name, is_dir in candidates:
                if rules and GitIgnores.verdict(rules, name, is_dir):
                    continue
                shown = shown_prefix + name
                path = os.path.join(root, name)
                try:
                    mode = os.lstat(path).st_mode
                    linked = stat.S_ISLNK(mode)
                    if linked:
                        mode = os.stat(path).st_mode
                except OSError:
                    linked, mode = True, 0  # gone or unreadable: resolved the slow way, as before
                if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    continue  # a FIFO, socket or device named like an article: git keeps none, and reading a FIFO waits forever
                key = _real(Path(path)) if linked else os.path.join(real_root, name)
                if key not in seen and not (excluding and settings.is_excluded(shown)):
                    seen.add(key)
                    found.append((shown, root_path / name))
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
        self._rules: dict[Path, list[tuple[Any, str]]] = {}
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
        return self.verdict(self.rules_for(path.parent), path.name, is_dir)

    def rules_for(self, directory: Path) -> list[tuple[Any, str]]:
        """(spec, prefix) for each ignore file loaded that applies inside directory, shallowest
        first: a file's name there is checked as prefix + name. Worked out once per directory."""
        directory = Path(os.path.abspath(directory))
        rules = self._rules.get(directory)
        if rules is None:
            rules = []
            for base, spec in self._specs.items():
                if spec is None or not (base == directory or base in directory.parents):
                    continue
                rel = directory.relative_to(base).as_posix()
                rules.append((spec, "" if rel == "." else rel + "/"))
            self._rules[directory] = rules
        return rules

    @staticmethod
    def verdict(rules: list[tuple[Any, str]], name: str, is_dir: bool) -> bool:
        verdict = False
        for spec, prefix in rules:
            result = spec.check_file(prefix + name + ("/" if is_dir else ""))
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
_worker_hashes = False


def _init_worker(settings: Settings, hashes: bool = False) -> None:
    global _worker_settings, _worker_hashes
    batchgc.for_batch()
    _worker_settings = settings
    _worker_hashes = hashes


# A short article that reaches every lazily loaded part of a lint: front matter, headings, a
# quotation, dates, a list, a table, a link, HTML, a template (see _warm_before_fork).
_WARM_ARTICLE = """---
title: Council approves the budget
date: 2024-03-05T10:00:00Z
author: Ana Ruiz
summary: The council voted on Tuesday.
tags: [council]
---

The council approved the budget on Tuesday, March 5, 2024, after a long debate. "It is a fair
plan," said the mayor, who spoke for 10 minutes. Read [the plan](https://example.com/plan).

## What changes

- Fees rise by 2% in 2025.
- The library opens <b>later</b> on Mondays {{ site.title }}.

| Year | Budget |
| --- | --- |
| 2024 | $4 million |
"""


def _warm_before_fork(settings: Settings | None) -> None:
    """Import and compile in this process what every worker needs before its first file, so
    forked workers inherit it instead of each paying it: markdown-it, PyYAML, the rules and
    their lazily compiled regexes are ~90 ms of CPU per process (issue 12: with two workers
    that was paid twice, on top of the main process's own start-up). Linting a short built-in
    article loads them all; its findings are dropped. Without settings (export, outline,
    readability) the article is only parsed. Only where workers are forked (a spawned worker
    imports everything again anyway), and never fatal."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    try:
        from newsctl.parse import parse_text

        if settings is None:
            parse_text(_WARM_ARTICLE, "warm-up.md")
        else:
            lint_article(parse_text(_WARM_ARTICLE, "warm-up.md", settings.site_format), settings)
    except Exception:  # noqa: BLE001 - a warm-up only; the real files report their own errors
        pass
    batchgc.for_batch()  # and what it loaded goes out of the collector's sight, in every worker


def _lint_in_worker(item: tuple[Path, str]) -> FileResult:
    """A file the cache missed (or any file, without a cache): linted here, remembered by the
    main process, which alone reads and writes the cache."""
    assert _worker_settings is not None
    data = _cacheable_bytes(item[0]) if _worker_hashes else None
    return check_file(item[0], item[1], _worker_settings, data=data)


_worker_task: Callable[[Any], Any] | None = None


def _init_task(task: Callable[[Any], Any]) -> None:
    global _worker_task
    batchgc.for_batch()
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
    if not keep:
        for _ in imap_files(task, items, jobs, on_result):
            pass
        return []
    return list(imap_files(task, items, jobs, on_result))


def imap_files(
    task: Callable[[Any], Any],
    items: list[Any],
    jobs: int | None = None,
    on_result: Callable[[Any], None] | None = None,
) -> Iterator[Any]:
    """map_files, one result at a time (in the items' order) for a caller that renders each and
    lets it go: the results of a whole batch are never held together."""
    jobs = default_jobs(len(items)) if jobs is None else max(1, jobs)
    if jobs == 1 or len(items) < 2:
        batchgc.for_batch()
        for item in items:
            result = task(item)
            if on_result:
                on_result(result)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor

    _warm_before_fork(None)
    chunk = max(1, min(32, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_task, initargs=(task,)) as pool:
        for result in pool.map(_run_task, items, chunksize=chunk):
            if on_result:
                on_result(result)
            yield result


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


def _real(path: Path) -> str:
    """The file's real path, so one file named twice (or via a symlink) is read once."""
    try:
        return os.path.realpath(path)  # what Path.resolve() does, without making a Path
    except (OSError, RuntimeError):  # symlink loops and the like: fall back to the spelling
        return os.path.abspath(path)


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
    return LintResult(archive_misspellings(list(iter_lint(files, settings, on_file, jobs, cache)), settings))


def iter_lint(
    files: list[tuple[Path, str]],
    settings: Settings,
    on_file: Callable[[FileResult], None] | None = None,
    jobs: int | None = None,
    cache: LintCache | None = None,
) -> Iterator[FileResult]:
    """Each file's result in the order given, as soon as it and the ones before it are done
    (before the batch's M009 step, archive_misspellings). The cache is read in this process
    first: only the files it misses are linted, in worker processes when there are enough of
    them, and it is written once, when the last result has been taken."""
    from newsctl.cache import content_hash

    hits: dict[int, FileResult] = {}
    todo = list(range(len(files)))
    if cache is not None:
        todo = []
        for i, (fp, shown) in enumerate(files):
            data = _cacheable_bytes(fp)
            hit = cache.get(shown, content_hash(data)) if data is not None else None
            if hit is None:
                todo.append(i)
            else:
                hits[i] = FileResult(shown, hit[0], None, hit[1])
    jobs = default_jobs(len(todo)) if jobs is None else max(1, jobs)
    if jobs == 1 or len(todo) < 2:
        batchgc.for_batch()
        linted: Iterator[FileResult] = (
            check_file(files[i][0], files[i][1], settings, data=_cacheable_bytes(files[i][0]) if cache is not None else None) for i in todo
        )
        yield from _in_order(files, hits, linted, on_file, cache)
    else:
        from concurrent.futures import ProcessPoolExecutor

        _warm_before_fork(settings)
        chunk = max(1, min(32, len(todo) // (jobs * 4)))
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings, cache is not None)) as pool:
            yield from _in_order(files, hits, pool.map(_lint_in_worker, [files[i] for i in todo], chunksize=chunk), on_file, cache)
    if cache is not None:
        cache.save()


def _in_order(
    files: list[tuple[Path, str]],
    hits: dict[int, FileResult],
    linted: Iterable[FileResult],
    on_file: Callable[[FileResult], None] | None,
    cache: LintCache | None,
) -> Iterator[FileResult]:
    """Cache hits and freshly linted results (in the order of the files missed) merged back
    into the files' order."""
    fresh = iter(linted)
    for i in range(len(files)):
        result = hits.pop(i, None)
        if result is None:
            result = next(fresh)
            if cache is not None:
                _remember(cache, result)
        if on_file:
            on_file(result)
        yield result


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
