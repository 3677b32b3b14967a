"""`newsctl review`: a page per article for writers, with findings and hard sentences drawn in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from newsctl.cli.common import EXIT_FINDINGS, EXIT_OK, ConfigOpt, NowOpt, PathsArg, default_paths, err, fail, load, require_targets, option_values


def review_command(
    paths: PathsArg = None,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-d", help="Directory for the pages (created when missing).", file_okay=False)
    ] = Path("review"),
    open_page: Annotated[bool, typer.Option("--open", help="Open the page (or the index of several) in the web browser.")] = False,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rules: codes, prefixes or categories.", metavar="CODES")
    ] = None,
    extend_select: Annotated[
        Optional[list[str]], typer.Option("--extend-select", help="Add rules to the selection.", metavar="CODES")
    ] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules.", metavar="CODES")] = None,
    option: Annotated[
        Optional[list[str]],
        typer.Option("--option", help="Override a rule setting, e.g. --option max-grade=10.", metavar="NAME=VALUE"),
    ] = None,
    now: NowOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not list the pages written.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Write a review page per article: the text as readers see it, findings and hard sentences marked.

    Each page is one self-contained HTML file (no network, works from file://): findings are
    highlighted in place and listed in reading order, sentences are shaded by grade band, and
    the header shows grade, reading ease, reading time, words and a chart of grade per section.
    Several articles also get an index.html. JavaScript is optional.

    Exit status: 0 when the pages are written; 1 when a file cannot be read (its page says why);
    2 on a usage or configuration error.

    Example: newsctl review articles/ --output-dir review/ --now 2026-11-28T12:00:00Z --open
    """
    plan = _validate(paths, output_dir, select, extend_select, ignore, option, now, config)
    written, unreadable = _execute(plan)
    _report_run(written, unreadable, quiet, open_page)


@dataclass(frozen=True)
class ReviewPlan:
    """What `newsctl review` was asked to do, checked: the settings, the articles and where the pages go."""

    settings: Any
    files: tuple[tuple[Path, str], ...]
    out_dir: Path


def _validate(
    paths: list[str] | None, output_dir: Path, select: list[str] | None, extend_select: list[str] | None,
    ignore: list[str] | None, option: list[str] | None, now: str | None, config: Path | None,
) -> ReviewPlan:
    """Options, settings and the articles named into a plan; a usage error exits 2."""
    options = option_values(option)
    settings = load(
        config,
        {"select": select, "extend_select": extend_select, "ignore": ignore, "now": now, "options": options},
    )
    targets = default_paths(paths, settings)
    require_targets(paths, targets, "review")
    from newsctl.engine import collect

    files = list(collect(targets, settings))
    if not files:
        raise fail(f"no article files (*.md, *.markdown) found in {', '.join(targets)}")
    if output_dir.exists() and not output_dir.is_dir():
        raise fail(f"--output-dir {output_dir} is a file, not a directory")
    return ReviewPlan(settings, tuple(files), output_dir)


def _execute(plan: ReviewPlan) -> tuple[list[Path], int]:
    """Lint the articles and write a page each (and an index of several): (pages written, unreadable articles)."""
    from newsctl.engine import lint_files
    from newsctl.review.page import page_names, render_index, render_page, view_for_file

    out_dir, settings, files = plan.out_dir, plan.settings, list(plan.files)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"{out_dir}: cannot create directory: {exc.strerror or exc}") from None
    result = lint_files(files, settings)  # worker processes for large batches, as lint
    names = page_names([fr.path for fr in result.files])
    sources = {p.resolve() for p, _ in files}
    views = []
    unreadable = 0
    written: list[Path] = []
    several = len(result.files) > 1
    for (fp, shown), fr, name in zip(files, result.files, names):
        view = view_for_file(fp, shown, list(fr.findings), settings)
        view.page = name
        unreadable += bool(view.error)
        views.append(view)
        target = out_dir / name
        if target.resolve() in sources:
            raise fail(f"{target} is one of the articles being reviewed; choose another --output-dir")
        _write(target, render_page(view, "index.html" if several else None))
        written.append(target)
    if several:
        index = out_dir / "index.html"
        _write(index, render_index(views))
        written.append(index)
    return written, unreadable


def _report_run(written: list[Path], unreadable: int, quiet: bool, open_page: bool) -> NoReturn:
    """List the pages written, open the last one with --open; exit 1 when an article could not be read."""
    if not quiet:
        for path in written:
            err(f"wrote {path}")
    if open_page:
        import webbrowser

        webbrowser.open(written[-1].resolve().as_uri())
    raise typer.Exit(EXIT_FINDINGS if unreadable else EXIT_OK)


def _write(target: Path, text: str) -> None:
    """Atomically (temporary file, then rename); a failure is a usage error naming the file."""
    from newsctl.atomic import write_atomic

    try:
        write_atomic(target.resolve(), text)
    except OSError as exc:
        raise fail(f"{target}: cannot write: {exc.strerror or exc}") from None
