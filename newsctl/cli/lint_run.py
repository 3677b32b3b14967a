"""`newsctl lint`'s work: check the options, lint (and fix) the files, report, exit.

The Typer command (`newsctl.cli.lint`) and lint's fast path (`newsctl.cli.entry`, which
runs the commonest writer's invocation without importing Typer) both call `run_lint`, with the
option defaults of `DEFAULTS`: one definition for both. Imports no Typer (tests pin it).
"""

from __future__ import annotations

import os
import sys
from dataclasses import field
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Mapping, NoReturn


from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.cli.common import (
    option_values,
    apply_shard,
    EXIT_FINDINGS,
    EXIT_OK,
    STDIN,
    default_paths,
    err,
    fail,
    load,
    progress_bar,
    refuse_input_as_output,
    use_color,
    wants_stdin,
    write_output,
    require_targets,
)


class LintFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    html = "html"
    gitlab = "gitlab"


# Every option of `newsctl lint` and its value when not given: the defaults of `lint_command`'s
# Typer signature and of the fast path (tests/test_lint_fast_path.py checks the signature).
DEFAULTS: dict[str, Any] = {
    "paths": None,
    "format": LintFormat.text,
    "select": None,
    "extend_select": None,
    "ignore": None,
    "fail_on": None,
    "exit_zero": False,
    "statistics": False,
    "fix": False,
    "unsafe_fixes": False,
    "diff": False,
    "diff_base": None,
    "baseline": None,
    "stdin_filename": None,
    "now": None,
    "quiet": False,
    "output": None,
    "option": None,
    "force_exclude": False,
    "jobs": None,
    "shard": None,
    "no_cache": False,
    "cache_dir": None,
    "no_ignore": False,
    "config": None,
}


def run_lint(**given: Any) -> None:
    """Lint with the options given (the rest from DEFAULTS): what `newsctl lint` runs. Exits by
    SystemExit (0, 1 or 2), as Typer's `raise typer.Exit` did; returning means exit 0."""
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"run_lint: unknown options {sorted(unknown)}")
    o = {**DEFAULTS, **given}
    plan = _validate(*(o[name] for name in DEFAULTS))
    if plan.use_stdin:
        _lint_stdin(
            plan.settings, plan.stdin_filename, plan.format, plan.fix or plan.diff, plan.diff, plan.unsafe_fixes,
            plan.quiet, plan.output, plan.force_exclude, plan.exit_zero, plan.known, plan.statistics,
        )
        return
    _report_run(plan, _execute(plan))


@dataclass(frozen=True)
class LintPlan:
    """What `newsctl lint` was asked to do, checked: the options and settings, no I/O left to fail on usage."""

    settings: Any
    format: LintFormat
    statistics: bool
    fix: bool
    diff: bool
    unsafe_fixes: bool
    quiet: bool
    output: Path | None
    force_exclude: bool
    exit_zero: bool
    known: tuple[Path, Any] | None  # (--baseline path, its entries)
    use_stdin: bool
    stdin_filename: str | None
    targets: tuple[str, ...]  # empty when linting standard input
    diff_base: str | None
    shard: Any
    jobs: int | None
    no_cache: bool
    cache_dir: Path | None
    clock_now: bool  # no --now: the date rules read the clock's time


@dataclass
class LintRun:
    """What linting (and fixing) produced, for the report step."""

    result: Any = None  # None when --diff stops before linting
    outcomes: list[Any] = field(default_factory=list)  # fix outcomes with --fix or --diff
    write_failed: bool = False
    fix_note: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def _validate(
    paths: list[str] | None, format: LintFormat, select: list[str] | None, extend_select: list[str] | None,
    ignore: list[str] | None, fail_on: str | None, exit_zero: bool, statistics: bool, fix: bool, unsafe_fixes: bool,
    diff: bool, diff_base: str | None, baseline: Path | None, stdin_filename: str | None, now: str | None, quiet: bool,
    output: Path | None, option: list[str] | None, force_exclude: bool, jobs: int | None, shard: Any, no_cache: bool,
    cache_dir: Path | None, no_ignore: bool, config: Path | None,
) -> LintPlan:
    """Options and settings into a plan; a usage or configuration error exits 2 before anything runs."""
    settings = load_lint_settings(config, select, extend_select, ignore, fail_on, now, option, no_ignore)
    use_stdin = wants_stdin(paths, stdin_filename)
    if statistics and format not in (LintFormat.text, LintFormat.json):
        raise fail(f"--statistics works with --format text or json, not {format.value}")
    if unsafe_fixes and not (fix or diff):
        raise fail("--unsafe-fixes only has an effect with --fix or --diff")
    if diff and fix:
        raise fail("choose one: --fix writes the fixes, --diff prints them")

    known = _load_baseline(baseline)  # a broken baseline stops the run before anything is written
    targets: list[str] = []
    if use_stdin:
        if diff_base:
            raise fail("--diff-base needs files in a git repository, not standard input")
    else:
        targets = default_paths(paths, settings)
        require_targets(paths, targets, "lint")
        refuse_input_as_output(output, targets, settings, "linted")
    return LintPlan(
        settings, format, statistics, fix, diff, unsafe_fixes, quiet, output, force_exclude, exit_zero, known, use_stdin,
        stdin_filename, tuple(targets), diff_base, shard, jobs, no_cache, cache_dir, now is None,
    )


def _execute(plan: LintPlan) -> LintRun:
    """Collect the files, fix them (--fix, --diff) and lint them, narrowed by --diff-base and --baseline."""
    settings = plan.settings
    targets = list(plan.targets)
    files = apply_shard(_collect(targets, settings, plan.force_exclude), plan.shard, settings)
    changed = _changed_lines(plan.diff_base) if plan.diff_base else None
    if changed is not None:
        files = [(fp, shown) for fp, shown in files if changed.file_changed(fp.resolve())]

    ran = LintRun()
    if plan.fix or plan.diff:
        from newsctl.fixes import fix_bytes, fix_summary

        for fp, shown in files:
            try:
                data = fp.read_bytes()
            except OSError:
                continue  # reported as M001 by the lint below
            outcome = fix_bytes(data, shown, settings, unsafe=plan.unsafe_fixes, only=_scope(changed))
            ran.outcomes.append(outcome)
            if outcome.changed and plan.fix:
                problem = _write_fixed(fp, outcome.original, outcome.fixed)
                if problem:  # not written: the summary must not claim it
                    err(f"{shown}: {problem}")
                    ran.write_failed = True
                    outcome.fixed, outcome.applied, outcome.refused = outcome.original, [], []
        if plan.diff:
            return ran  # the report prints the diff; nothing is linted
        ran.fix_note = fix_summary(ran.outcomes, dry=False)

    result = _run(files, settings, plan.quiet, plan.jobs, None if plan.no_cache else _cache(settings, plan.cache_dir, plan.clock_now, plan.quiet))
    if not result.files and changed is None and not plan.force_exclude and plan.shard is None:  # hooks name non-articles
        err(f"newsctl: warning: no article files (*.md, *.markdown) found in {', '.join(targets)}")
    # the text of files with findings: for source excerpts and fingerprints, not needed otherwise
    wants_text = (
        plan.known is not None
        or plan.format in (LintFormat.gitlab, LintFormat.sarif)
        or (plan.format in (LintFormat.text, LintFormat.concise) and not plan.statistics)
    )
    ran.sources = _sources(result) if wants_text else {}
    ran.result, ran.extra = _narrow(result, changed, plan.known, ran.sources)
    return ran


def _report_run(plan: LintPlan, ran: LintRun) -> NoReturn:
    """Render the findings (or the --diff) and exit with the status they call for."""
    if plan.diff:
        from newsctl.fixes import fix_summary, unified_diff

        write_output("".join(unified_diff(o) for o in ran.outcomes if o.changed), plan.output)
        err(fix_summary(ran.outcomes, dry=True))
        raise SystemExit(EXIT_FINDINGS if any(o.changed for o in ran.outcomes) else EXIT_OK)
    result = ran.result
    _report(
        result, plan.settings, plan.format, plan.statistics, plan.quiet, plan.output, ran.sources, ran.extra,
        ran.fix_note, plan.unsafe_fixes,
    )
    worst = [f for f in result.findings if f.severity >= plan.settings.fail_on]
    raise SystemExit(EXIT_FINDINGS if ran.write_failed or (worst and not plan.exit_zero) else EXIT_OK)


def load_lint_settings(
    config: Path | None,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str | None,
    now: str | None,
    option: list[str] | None,
    no_ignore: bool = False,
) -> Any:
    options = option_values(option)
    return load(
        config,
        {
            "select": select,
            "extend_select": extend_select,
            "ignore": ignore,
            "fail_on": fail_on,
            "now": now,
            "options": options,
            "no_ignore": no_ignore,
        },
    )


def _collect(targets: list[str], settings: Any, force_exclude: bool) -> list[tuple[Path, str]]:
    """The files to lint; with --force-exclude, named files outside the configured `paths` are skipped."""
    from newsctl.engine import collect
    from newsctl.pathscope import in_configured_paths

    files = list(collect(targets, settings, force_exclude))  # walked once: the count and the work
    if force_exclude:
        outside = [shown for fp, shown in files if not in_configured_paths(fp, settings)]
        files = [(fp, shown) for fp, shown in files if in_configured_paths(fp, settings)]
        if outside and not files:
            # a hook that silently checks nothing is worse than a noisy one: when every named
            # file was left out (no article at all), say so; a README beside articles is normal
            where = f"paths = {list(settings.paths)}" + ("" if settings.config_path else " (the default: no settings file found)")
            names = ", ".join(outside[:3]) + (f" and {len(outside) - 3} more" if len(outside) > 3 else "")
            err(f"newsctl: note: not linted, outside the configured {where}: {names}. "
                "If these are articles, set `paths` (`newsctl init` writes it).")
    return files


def _scope(changed: Any) -> Any:
    """With --diff-base, --fix touches only what the change is responsible for."""
    if changed is None:
        return None
    from newsctl.diffscope import in_scope

    return lambda f: in_scope(f, changed)


def _changed_lines(rev: str) -> Any:
    from newsctl.gitrepo import GitError, changed_lines

    try:
        return changed_lines(rev)
    except GitError as exc:
        raise fail(str(exc)) from None


def _write_fixed(fp: Path, original: bytes, data: bytes) -> str | None:
    """Write a fixed file atomically, unless it changed since it was read; the problem, or None."""
    from newsctl.atomic import write_atomic

    try:
        if fp.read_bytes() != original:
            return "changed while newsctl was fixing it; not written (run --fix again)"
        write_atomic(fp.resolve(), data)
    except OSError as exc:
        return f"cannot write the fixed file: {exc.strerror or exc}"
    return None


def _cache(settings: Any, given: Path | None, clock_now: bool, quiet: bool) -> Any:
    """The lint cache asked for by --cache-dir, $NEWSCTL_CACHE_DIR or the cache-dir setting, or None.

    Not without --now: the entries are keyed by the time the date rules read, so a run on the
    clock's time could never find one again, and each run would leave a file of its own behind."""
    from newsctl.cache import LintCache, cache_dir

    directory = cache_dir(settings, given)
    if directory is None:
        return None
    if clock_now:
        if not quiet:
            err(
                "newsctl: note: the lint cache is used only with a fixed --now (the date rules read the time, "
                "so an entry made at another time cannot be reused); linting without it"
            )
        return None
    return LintCache(directory, settings)


def _run(files: list[tuple[Path, str]], settings: Any, quiet: bool, jobs: int | None, cache: Any = None) -> Any:
    """Lint with a progress bar on stderr for many files on a terminal."""
    from newsctl.engine import lint_files

    with progress_bar("Linting", len(files), quiet) as advance:
        return lint_files(files, settings, on_file=advance, jobs=jobs, cache=cache)


def _sources(result: Any) -> FileTexts:
    """The decoded text of each file with findings (for source excerpts and fingerprints)."""
    return FileTexts(fr.path for fr in result.files if fr.findings)


class FileTexts(Mapping[str, str]):
    """path -> decoded text of the files with findings, read when a reporter asks for one.

    Reporters go through the files in order, so only the last few texts are kept: holding every
    text of a 10,000-article run (about 90 MB) was most of lint's memory."""

    KEEP = 4

    def __init__(self, paths: Any) -> None:
        self._paths = dict.fromkeys(paths)
        self._recent: dict[str, str | None] = {}

    def _text(self, path: str) -> str | None:
        if path in self._recent:
            return self._recent[path]
        from newsctl.source import Source, SourceError

        try:
            text: str | None = Source.read(Path(path), path).text
        except SourceError:
            text = None
        if len(self._recent) >= self.KEEP:
            del self._recent[next(iter(self._recent))]
        self._recent[path] = text
        return text

    def __getitem__(self, path: str) -> str:
        text = self._text(path) if path in self._paths else None
        if text is None:
            raise KeyError(path)
        return text

    def __iter__(self) -> Iterator[str]:  # the files with findings; one that cannot be read has no item
        return iter(self._paths)

    def __len__(self) -> int:  # cheap: reporters test `if sources` once per finding
        return len(self._paths)


def _load_baseline(baseline: Path | None) -> tuple[Path, Any] | None:
    """(baseline path, known entries), or None without --baseline; exit 2 when it is unusable."""
    if baseline is None:
        return None
    from newsctl import baseline as baseline_mod

    try:
        return baseline, baseline_mod.load(baseline)
    except baseline_mod.BaselineError as exc:
        raise fail(str(exc)) from None


def _narrow(result: Any, changed: Any, known: tuple[Path, Any] | None, sources: Mapping[str, str]) -> tuple[Any, dict[str, Any]]:
    """Drop findings outside the changed lines (--diff-base) and known ones (--baseline)."""
    extra: dict[str, Any] = {}
    if changed is not None:
        from newsctl.diffscope import in_scope
        from newsctl.engine import FileResult, LintResult

        result = LintResult(
            [FileResult(fr.path, [f for f in fr.findings if in_scope(f, changed)], fr.article) for fr in result.files]
        )
        extra["diff_base"] = changed.base
    if known is not None:
        from newsctl import baseline as baseline_mod

        path, entries = known
        result, matched = baseline_mod.apply(result, entries, Path(os.path.abspath(path)).parent, sources)
        extra["baseline"] = {"path": str(path), "known": matched}
    return result, extra


def _fixable(sources: Mapping[str, str], unsafe_fixes: bool) -> Any:
    """Whether a finding's fix would be applied by --fix: marked `[*]` and counted."""

    def check(f: Any) -> bool:
        from newsctl.fixes import is_applicable, refusal  # here: a clean file never needs it

        if not is_applicable(f, unsafe_fixes):
            return False
        text = sources.get(f.path)
        return text is None or refusal(f, text) is None

    return check


def _report(
    result: Any,
    settings: Any,
    format: LintFormat,
    statistics: bool,
    quiet: bool,
    output: Path | None,
    sources: Mapping[str, str],
    extra: dict[str, Any],
    fix_note: str | None,
    unsafe_fixes: bool,
) -> None:
    fixable = _fixable(sources, unsafe_fixes)
    text: str | None
    if statistics:
        from newsctl.report import json as json_report
        from newsctl.report import text as text_report

        text = json_report.statistics(result) if format == LintFormat.json else text_report.statistics(result)
    elif format == LintFormat.json:
        from newsctl.report import json as json_report

        text = _stream(json_report.chunks(result, extra), output)
    elif format == LintFormat.concise:
        from newsctl.report import text as text_report

        text = _stream(text_report.concise_chunks(result, is_fixable=fixable), output)
    elif format == LintFormat.html:
        from newsctl.review.page import render_lint_report

        text = render_lint_report(result, settings)
    elif format in (LintFormat.sarif, LintFormat.gitlab):
        from newsctl.gitrepo import project_root

        root = project_root(settings.config_path)
        if format == LintFormat.sarif:
            from newsctl.report import sarif

            text = _stream(sarif.chunks(result, root, sources), output)
        else:
            from newsctl.report import gitlab

            text = _stream(gitlab.chunks(result, root, sources), output)
    elif format == LintFormat.github:
        from newsctl.gitrepo import project_root
        from newsctl.report import github

        root = project_root(settings.config_path)
        text = github.render(result, root)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as fh:
                    fh.write(github.step_summary(result, root))
            except OSError as exc:
                err(f"newsctl: warning: cannot append to GITHUB_STEP_SUMMARY ({summary_file}): {exc.strerror}")
    else:
        from newsctl.report import text as text_report

        color = output is None and use_color(sys.stdout)
        body = text_report.chunks(result, color=color, quiet=quiet, sources=sources, is_fixable=fixable)
        if not quiet:
            from itertools import chain

            note = fix_note
            body = chain(body, (_tail(result, extra, note, unsafe_fixes, sources) for _ in (1,)))
            fix_note = None
        text = _stream(body, output)
    if text is not None:
        write_output(text, output)
    if fix_note:
        err(fix_note)
    if format != LintFormat.text and "baseline" in extra and not quiet:
        err(f"newsctl: {_known(extra['baseline']['known'])}")


def _stream(chunks: Iterator[str], output: Path | None) -> str | None:
    """A report on standard output is written piece by piece, never whole in memory (None is
    returned); one for a file is joined and written atomically by write_output (returned)."""
    if output is None or str(output) == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return None
    return "".join(chunks)


def _known(n: int) -> str:
    return f"{n} known finding{'s' if n != 1 else ''} in the baseline not shown."


def _tail(result: Any, extra: dict[str, Any], fix_note: str | None, unsafe_fixes: bool, sources: Mapping[str, str]) -> str:
    """Lines after the summary: what --fix did, what the baseline hid, what --fix could do."""
    lines = []
    if fix_note:
        lines.append(fix_note)
    if "baseline" in extra:
        lines.append(_known(extra["baseline"]["known"]))
    safe = sum(1 for f in result.findings if _fixable(sources, unsafe_fixes)(f))
    unsafe = sum(1 for f in result.findings if _fixable(sources, True)(f)) - safe
    if safe:
        lines.append(f"[*] {safe} fixable with --fix{' --unsafe-fixes' if unsafe_fixes else ''}.")
    if unsafe and not unsafe_fixes:
        lines.append(f"{unsafe} more fixable with --fix --unsafe-fixes.")
    return "".join(line + "\n" for line in lines)


def _lint_stdin(
    settings: Any,
    stdin_filename: str | None,
    format: LintFormat,
    fixing: bool,
    diff: bool,
    unsafe_fixes: bool,
    quiet: bool,
    output: Path | None,
    force_exclude: bool,
    exit_zero: bool,
    known: Any = None,
    statistics: bool = False,
) -> None:
    """Lint (or fix) the article on standard input. With --fix the fixed text goes to
    standard output and the report to standard error."""
    from newsctl.engine import FileResult, LintResult, lint_article, unreadable
    from newsctl.parse import parse
    from newsctl.source import Source, SourceError

    from newsctl.pathscope import in_configured_paths

    shown = stdin_filename or STDIN
    data = sys.stdin.buffer.read()
    if force_exclude and stdin_filename and (
        settings.is_excluded(stdin_filename) or not in_configured_paths(Path(stdin_filename), settings)
    ):
        if fixing and not diff:
            sys.stdout.buffer.write(data)
        raise SystemExit(EXIT_OK)
    if fixing:
        from newsctl.fixes import fix_bytes, fix_summary, unified_diff

        outcome = fix_bytes(data, shown, settings, unsafe=unsafe_fixes)
        if diff:
            write_output(unified_diff(outcome), output)
            err(fix_summary([outcome], dry=True))
            raise SystemExit(EXIT_FINDINGS if outcome.changed else EXIT_OK)
        sys.stdout.buffer.write(outcome.fixed)
        sys.stdout.flush()
        data = outcome.fixed
        err(fix_summary([outcome], dry=False))
    try:
        source = Source.from_bytes(shown, data)
        findings = lint_article(parse(source, settings.site_format), settings)
        sources = {shown: source.text}
    except SourceError as exc:
        finding = unreadable(shown, exc, settings)
        findings = [finding] if finding else []
        sources = {}
    result = LintResult([FileResult(shown, findings)])
    result, extra = _narrow(result, None, known, sources)
    if fixing:  # stdout holds the fixed article: the report goes to stderr, one line each
        from newsctl.report import text as text_report

        if result.findings:
            err(text_report.render_concise(result))
    else:
        _report(result, settings, format, statistics, quiet, output, sources, extra, None, unsafe_fixes)
    worst = [f for f in result.findings if f.severity >= settings.fail_on]
    raise SystemExit(EXIT_OK if exit_zero or not worst else EXIT_FINDINGS)
