"""`newsctl readability`: a readability report per article and per section."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from newsctl.cli.common import (
    option_values,
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
    StdinFilenameOpt,
    default_paths,
    err,
    fail,
    load,
    progress_bar,
    use_color,
    read_stdin_article,
    refuse_input_as_output,
    wants_stdin,
    write_output,
    require_targets,
)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def readability_command(
    paths: PathsArg = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    details: Annotated[
        Optional[bool],
        typer.Option(
            "--details/--summary",
            help="Section tables for every article, or one line per article. Default: details for one file, a summary for several.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    output: OutputOpt = None,
    option: Annotated[
        Optional[list[str]],
        typer.Option("--option", help="Override a setting, e.g. --option exclude-quotes=false.", metavar="NAME=VALUE"),
    ] = None,
    index: Annotated[
        Optional[list[str]],
        typer.Option(
            "--index",
            help="Add textstat indices (repeatable or comma-separated): smog, coleman-liau, ari, dale-chall, gunning-fog, linsear-write, text-standard, all. Default: the readability-index setting.",
            metavar="NAME",
        ),
    ] = None,
    stdin_filename: StdinFilenameOpt = None,
    jobs: JobsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Report how readable articles are: grade, reading ease, words and reading time per article and section.

    Scores are textstat 0.7.8's formulas over the prose (paragraphs and list items), with direct quotations left out unless exclude-quotes is false. Each section lists its hardest sentences. Bands: easy below grade 9, hard above max-grade (13), standard between.

    Exit status: 0; 1 when a file cannot be read; 2 on a usage or configuration error.

    Example: newsctl readability articles/ --format json

    Example: newsctl readability articles/story.md --index smog,gunning-fog

    Example: cat draft.md | newsctl readability - --stdin-filename articles/draft.md
    """
    options = option_values(option)
    settings = load(config, {"options": options})
    from newsctl.readability_indices import parse as parse_indices
    from newsctl.report import readability as report

    try:
        indices = parse_indices(index if index is not None else settings.option("readability-index"))
    except ValueError as e:
        source = "--index" if index is not None else "readability-index"
        raise fail(f"{source}: {e}") from None

    if wants_stdin(paths, stdin_filename):
        reports, errors = _measure_stdin(stdin_filename, settings)
    else:
        targets = default_paths(paths, settings)
        require_targets(paths, targets, "measure")
        refuse_input_as_output(output, targets, settings, "measured")
        reports, errors = _measure(targets, settings, quiet, jobs)
    max_grade = settings.option("max-grade")
    exclude = bool(settings.option("exclude-quotes"))
    if format == ReportFormat.json:
        text = report.render_json(reports, max_grade=max_grade, exclude_quotes=exclude, errors=errors, indices=indices)
    elif format == ReportFormat.csv:
        text = report.render_csv(reports, max_grade=max_grade, indices=indices)
    else:
        color = output is None and use_color(sys.stdout)
        text = report.render_text(reports, max_grade=max_grade, color=color, details=details, indices=indices)
    write_output(text, output)
    for e in errors:
        err(f"{e['path']}:{e['line']}:{e['column']}: {e['message']}")
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def _measure(targets: list[str], settings: Any, quiet: bool, jobs: int | None = None) -> tuple[list[Any], list[dict[str, Any]]]:
    """Measure every article, in worker processes for large batches (`engine.map_files`)."""
    from functools import partial

    from newsctl.engine import collect, map_files

    files = list(collect(targets, settings))
    with progress_bar("Measuring", len(files), quiet) as advance:
        results = map_files(partial(_measure_file, settings=settings), files, jobs, lambda _: advance())
    return [report for report, _ in results if report is not None], [error for _, error in results if error is not None]


def _measure_file(item: tuple[Any, str], settings: Any) -> tuple[Any, dict[str, Any] | None]:
    """One file's report, or the error that stopped it (runs in a worker: module level, pure)."""
    from newsctl.engine import internal_error, parse_or_error
    from newsctl.readability import measure
    from newsctl.report.readability import ArticleReport

    article, error = parse_or_error(item, settings.site_format)
    if article is None:
        return None, error
    try:
        return ArticleReport(article.path, article.meta.title, measure(article, settings)), None
    except Exception as exc:  # a bug met by this article: it is reported, the others go on
        return None, {"path": item[1], "line": 1, "column": 1, "message": internal_error(exc, "while measuring")}


def _measure_stdin(stdin_filename: str | None, settings: Any) -> tuple[list[Any], list[dict[str, Any]]]:
    from newsctl.readability import measure
    from newsctl.report.readability import ArticleReport

    article, error = read_stdin_article(stdin_filename, settings)
    if error:
        return [], [error]
    return [ArticleReport(article.path, article.meta.title, measure(article, settings))], []
