"""`newsctl readability`: a readability report per article and per section."""

from __future__ import annotations

import sys
from enum import Enum
from dataclasses import dataclass
from typing import Annotated, Any, Callable, Optional

import typer

from newsctl.cli.stream import output_writer
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

    try:
        indices = parse_indices(index if index is not None else settings.option("readability-index"))
    except ValueError as e:
        source = "--index" if index is not None else "readability-index"
        raise fail(f"{source}: {e}") from None

    max_grade = settings.option("max-grade")
    exclude = bool(settings.option("exclude-quotes"))
    color = format == ReportFormat.text and output is None and use_color(sys.stdout)
    if wants_stdin(paths, stdin_filename):
        files: list[Any] = []
    else:
        targets = default_paths(paths, settings)
        require_targets(paths, targets, "measure")
        refuse_input_as_output(output, targets, settings, "measured")
        from newsctl.engine import collect

        files = list(collect(targets, settings))
    if format == ReportFormat.text and details is None and (files or wants_stdin(paths, stdin_filename)):
        # details for one article, a summary for several: one file is one article at most
        details = True if len(files) <= 1 else None
    shape = Shape(format.value, details, max_grade, indices, color)
    errors: list[dict[str, Any]] = []
    with output_writer(output) as write:
        sink = _Sink(write, shape, exclude, settings)
        if wants_stdin(paths, stdin_filename):
            report, error = _measure_stdin(stdin_filename, settings)
            if error:
                errors.append(error)
            else:
                sink.add(reduce_report(report, shape), None)
        else:
            _measure(files, settings, quiet, jobs, shape, sink, errors)
        sink.finish(errors)
    for e in errors:
        err(f"{e['path']}:{e['line']}:{e['column']}: {e['message']}")
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


@dataclass(frozen=True)
class Shape:
    """What the report needs of each article (so a worker sends back only that)."""

    format: str  # text | json | csv
    details: bool | None  # text: section tables, a summary line, or (None) a summary line unless only one article
    max_grade: float
    indices: tuple[str, ...]
    color: bool


def reduce_report(report: Any, shape: Shape) -> Any:
    """One article's part of the report: its JSON object, CSV text, detail table or summary row.
    The Measurement (every sentence of the article) is not kept past this (issue 12: memory)."""
    from newsctl.report import readability as rr

    if shape.format == "json":
        return rr.article_dict(report, shape.max_grade, shape.indices)
    if shape.format == "csv":
        return rr.csv_text(rr.csv_rows(report, max_grade=shape.max_grade, indices=shape.indices))
    if shape.details:
        return rr.render_article(report, max_grade=shape.max_grade, color=shape.color, indices=shape.indices)
    return rr.summary_row(report, max_grade=shape.max_grade, indices=shape.indices)


class _Sink:
    """Writes the report as the articles arrive (in input order), byte for byte what the
    render_* functions of newsctl.report.readability write for the whole list."""

    def __init__(self, write: Callable[[str], None], shape: Shape, exclude: bool, settings: Any) -> None:
        from newsctl.report.jsonstream import ListWriter
        from newsctl.report import readability as rr

        self.write, self.shape, self.settings = write, shape, settings
        self.count = 0
        self.rows: list[Any] = []  # summary rows: the path column's width needs every path
        self.first: Any = None  # the first article's file, for details when it is the only one
        self.doc: dict[str, Any] = {}
        if shape.format == "json":
            options: dict[str, Any] = {"max_grade": shape.max_grade, "exclude_quotes": exclude}
            if shape.indices:
                options["indices"] = list(shape.indices)
            self.doc = {"version": rr.__version__, "settings": options, "articles": [], "errors": []}
            self.json = ListWriter(write, "articles")
            self.json.start(self.doc)
        elif shape.format == "csv":
            write(rr.csv_text([rr.csv_header(shape.indices)]))

    def add(self, piece: Any, item: Any) -> None:
        if self.shape.format == "json":
            self.json.add(piece)
        elif self.shape.format == "csv":
            self.write(piece)
        elif self.shape.details:
            self.write(("\n" if self.count else "") + piece)
        else:
            self.rows.append(piece)
            if self.count == 0:
                self.first = item
        self.count += 1

    def finish(self, errors: list[dict[str, Any]]) -> None:
        from newsctl.report import readability as rr

        shape = self.shape
        if shape.format == "json":
            self.json.finish({**self.doc, "errors": errors})
        elif shape.format == "text" and not self.count:
            self.write("No articles.\n")
        elif shape.format == "text" and not shape.details:
            if shape.details is None and self.count == 1 and self.first is not None:
                # several files, one readable: its section tables, as for one file (measured again)
                report, _ = _measure_file(self.first, self.settings)
                self.write(rr.render_article(report, max_grade=shape.max_grade, color=shape.color, indices=shape.indices))
            else:
                self.write(rr.render_summary_rows(self.rows, color=shape.color, indices=shape.indices))


def _measure(
    files: list[Any], settings: Any, quiet: bool, jobs: int | None, shape: Shape, sink: _Sink, errors: list[dict[str, Any]]
) -> None:
    """Measure every article, in worker processes for large batches (`engine.map_files`), each
    result handed to the sink as it arrives, in input order."""
    from functools import partial

    from newsctl.engine import map_files

    pending = iter(files)
    with progress_bar("Measuring", len(files), quiet) as advance:

        def take(result: tuple[Any, dict[str, Any] | None]) -> None:
            item = next(pending)
            piece, error = result
            if error is not None:
                errors.append(error)
            else:
                sink.add(piece, item)
            advance()

        map_files(partial(_measure_file, settings=settings, shape=shape), files, jobs, take, keep=False)


def _measure_file(item: tuple[Any, str], settings: Any, shape: Shape | None = None) -> tuple[Any, dict[str, Any] | None]:
    """One file's part of the report (`reduce_report`; the ArticleReport without a shape), or the
    error that stopped it (runs in a worker: module level, pure)."""
    from newsctl.engine import internal_error, parse_or_error
    from newsctl.readability import measure
    from newsctl.report.readability import ArticleReport

    article, error = parse_or_error(item, settings.site_format)
    if article is None:
        return None, error
    try:
        report = ArticleReport(article.path, article.meta.title, measure(article, settings))
        return (reduce_report(report, shape) if shape is not None else report), None
    except Exception as exc:  # a bug met by this article: it is reported, the others go on
        return None, {"path": item[1], "line": 1, "column": 1, "message": internal_error(exc, "while measuring")}


def _measure_stdin(stdin_filename: str | None, settings: Any) -> tuple[Any, dict[str, Any] | None]:
    from newsctl.readability import measure
    from newsctl.report.readability import ArticleReport

    article, error = read_stdin_article(stdin_filename, settings)
    if error:
        return None, error
    return ArticleReport(article.path, article.meta.title, measure(article, settings)), None
