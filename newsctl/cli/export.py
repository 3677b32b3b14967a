"""`newsctl export`: articles to HTML, wire text or ninjs JSON files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from newsctl.cli.common import (
    article_files,
    ShardOpt,
    apply_shard,
    EXIT_OK,
    ConfigOpt,
    JobsOpt,
    NowOpt,
    PathsArg,
    StdinFilenameOpt,
    located,
    err,
    fail,
    load,
    progress_bar,
    refuse_article_replacement,
    stop_cleanly_on_sigterm,
    wants_stdin,
    write_output,
)


class ExportFormat(str, Enum):
    html = "html"
    text = "text"
    ninjs = "ninjs"


def export_command(
    paths: PathsArg = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.html,
    output_dir: Annotated[
        Optional[Path],
        typer.Option("--output-dir", "-d", help="Write one file per article into this directory (created if missing).", file_okay=False),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", help="Write a single article here instead; '-' is standard output.", metavar="FILE"),
    ] = None,
    base_url: Annotated[
        Optional[str],
        typer.Option("--base-url", help="Where the pages will live, e.g. https://example.com/news/ (canonical links, ninjs uri; default: the base-url setting)."),
    ] = None,
    template: Annotated[
        Optional[Path],
        typer.Option("--template", help="html: render with this Jinja2 template instead of the built-in one.", dir_okay=False),
    ] = None,
    fragment: Annotated[bool, typer.Option("--fragment", help="html: emit only the article body, for CMS embedding.")] = False,
    allow_raw_html: Annotated[
        bool, typer.Option("--allow-raw-html", help="html: keep raw HTML from the body unsanitized (trusted input only).")
    ] = False,
    shard: ShardOpt = None,
    width: Annotated[int, typer.Option("--width", help="text: wrap the body at this many characters.", min=20)] = 72,
    ascii: Annotated[
        bool, typer.Option("--ascii", help="Transliterate everything to ASCII (é→e, €→EUR, “”→\"\", —→--), every format.")
    ] = False,
    smart: Annotated[
        bool, typer.Option("--smart/--no-smart", help="Curly quotes, en and em dashes (-- ---) and ellipses (...) in prose and titles.")
    ] = True,
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Export articles with status: draft too.")] = False,
    include_embargoed: Annotated[
        bool, typer.Option("--include-embargoed", help="Export articles whose embargo is after --now too.")
    ] = False,
    include_future: Annotated[
        bool, typer.Option("--include-future", help="Export articles dated after --now too.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse an article with lint errors, or whose HTML page a validator would reject.")
    ] = False,
    index: Annotated[
        bool, typer.Option("--index", help="html: also write index.html, sitemap.xml and news-sitemap.xml (needs a base URL).")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be written; write nothing.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Let --output replace an existing .md/.markdown file (refused by default: it is an article).")
    ] = False,
    stdin_filename: StdinFilenameOpt = None,
    jobs: JobsOpt = None,
    now: NowOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export articles for syndication as HTML pages, wire-style text or IPTC ninjs JSON.

    Drafts, embargoed articles and articles dated after --now are skipped unless included;
    included ones carry a DRAFT or EMBARGOED banner (and noindex). A summary goes to standard
    error. Exit status: 0 when every selected article was exported, 1 when any failed,
    2 on a usage error.

    Example: newsctl export articles/ --format html --output-dir public/ --base-url https://example.com/news/ --index

    Example: cat draft.md | newsctl export - --stdin-filename draft.md --format text --output -
    """
    plan = _validate(
        paths, format, output_dir, output, base_url, template, fragment, allow_raw_html, shard, width, ascii, smart,
        include_drafts, include_embargoed, include_future, strict, index, dry_run, force, stdin_filename, jobs, now,
        config,
    )
    _report_run(plan, _execute(plan))


@dataclass(frozen=True)
class ExportPlan:
    """What `newsctl export` was asked to do, checked: every usage error is raised before anything is written."""

    format: str
    options: Any  # newsctl.export.common.ExportOptions
    settings: Any
    selection: Any  # newsctl.export.batch.Selection
    output: str | None  # --output FILE|-: one article
    output_dir: Path | None  # --output-dir DIR: a batch
    dry_run: bool
    index: bool
    jobs: int | None
    stdin: bool
    stdin_filename: str | None
    files: tuple[tuple[Path, str], ...]  # empty for standard input


@dataclass
class ExportRun:
    """What a batch export produced, for the report step."""

    result: Any  # newsctl.export.batch.BatchResult
    site_files: list[Path]


def _validate(
    paths: list[str] | None, format: ExportFormat, output_dir: Path | None, output: str | None, base_url: str | None,
    template: Path | None, fragment: bool, allow_raw_html: bool, shard: Any, width: int, ascii: bool, smart: bool,
    include_drafts: bool, include_embargoed: bool, include_future: bool, strict: bool, index: bool, dry_run: bool,
    force: bool, stdin_filename: str | None, jobs: int | None, now: str | None, config: Path | None,
) -> ExportPlan:
    """Options, settings and the articles named into a plan; a usage error exits 2."""
    from newsctl.export.batch import Selection
    from newsctl.export.common import ExportOptions, check_base_url

    if (output_dir is None) == (output is None):
        raise fail("give exactly one of --output-dir DIR (one file per article) or --output FILE|- (one article)")
    if base_url:
        problem = check_base_url(base_url)
        if problem:
            raise fail(f"--base-url: {problem}")
    if format != ExportFormat.html and (template or fragment or allow_raw_html or index):
        raise fail("--template, --fragment, --allow-raw-html and --index apply to --format html only")
    if index and output_dir is None:
        raise fail("--index writes into --output-dir DIR; it cannot go with --output")
    if template is not None and not template.is_file():
        raise fail(f"--template: {template}: no such file")
    if template is not None:  # read and compiled once, before any article: a broken template is a usage error
        from newsctl.export.common import ExportError
        from newsctl.export.html import load_template

        try:
            load_template(str(template))
        except ExportError as exc:
            raise fail(str(exc)) from None
    settings = load(config, {"now": now})
    base_url = base_url or settings.site.base_url
    if index and not base_url:
        raise fail("--index needs a base URL (sitemaps hold absolute addresses): --base-url URL or the base-url setting")
    stdin = wants_stdin(paths, stdin_filename)
    if stdin and output is None:
        raise fail("an article on standard input is exported with --output FILE|-, not --output-dir")
    options = ExportOptions(
        base_url=base_url,
        template=str(template) if template else None,
        fragment=fragment,
        allow_raw_html=allow_raw_html,
        width=width,
        ascii=ascii,
        smart=smart,
        site=settings.site,
        now=settings.now,
    )
    selection = Selection(include_drafts, include_embargoed, strict, include_future)
    plan = ExportPlan(
        format.value, options, settings, selection, output, output_dir, dry_run, index, jobs, stdin, stdin_filename, ()
    )
    if stdin:
        refuse_article_replacement(output, force)
        return plan

    return replace(plan, files=_articles(paths, settings, shard, output, output_dir, force))


def _articles(
    paths: list[str] | None, settings: Any, shard: Any, output: str | None, output_dir: Path | None, force: bool
) -> tuple[tuple[Path, str], ...]:
    """The articles to export, checked against --shard, --output and --output-dir (a usage error exits 2)."""
    files = article_files(paths, settings, "export")
    if shard is not None:
        if output is not None:
            raise fail("--shard splits a batch written with --output-dir, not --output")
        files = apply_shard(files, shard, settings)  # an empty shard exports nothing, and that is fine

    if output is not None:
        refuse_article_replacement(output, force)
        if len(files) != 1:
            raise fail(f"--output takes a single article, but {len(files)} were given; use --output-dir")
        fp, _ = files[0]
        if output != "-" and Path(output).resolve() == fp.resolve():
            raise fail(f"--output {output} is the source article; refusing to overwrite it")
    else:
        assert output_dir is not None
        if output_dir.exists() and not output_dir.is_dir():
            raise fail(f"--output-dir {output_dir}: exists and is not a directory")
    return tuple(files)


def _execute(plan: ExportPlan) -> ExportRun:
    """Export: one article to --output (which reports and exits itself), or the batch and its index."""
    if plan.stdin:
        assert plan.output is not None
        _export_stdin(plan.stdin_filename, plan.format, plan.options, plan.settings, plan.selection, plan.output, plan.dry_run)
    stop_cleanly_on_sigterm()
    if plan.output is not None:
        fp, shown = plan.files[0]
        _export_one(fp, shown, plan.format, plan.options, plan.settings, plan.selection, plan.output, plan.dry_run)

    from newsctl.export.batch import export_paths

    assert plan.output_dir is not None
    with progress_bar("Exporting", len(plan.files)) as advance:
        result = export_paths(
            list(plan.files), plan.format, plan.options, plan.settings, plan.output_dir, plan.selection, plan.dry_run,
            advance, keep_docs=plan.index, jobs=plan.jobs,
        )
    site_files: list[Path] = []
    if plan.index:
        from newsctl.export.common import ExportError
        from newsctl.export.site import write_site

        docs = [i.doc for i in result.of("exported") if i.doc is not None]
        try:
            site_files = write_site(docs, plan.output_dir, plan.options, plan.settings.now, plan.dry_run)
        except OSError as exc:
            raise fail(f"cannot write the index: {exc.strerror or exc}", 1) from None
        except ExportError as exc:
            raise fail(str(exc), 1) from None
    return ExportRun(result, site_files)


def _report_run(plan: ExportPlan, ran: ExportRun) -> NoReturn:
    """With --dry-run, the files that would be written; then the summary, and the batch's exit status."""
    assert plan.output_dir is not None
    if plan.dry_run:
        from newsctl.engine import display_path

        listed = [i.target for i in ran.result.of("exported") if i.target] + ran.site_files
        write_output("".join(f"{display_path(t)}\n" for t in listed), None)
    err(summary(ran.result, plan.output_dir, plan.format, ran.site_files))
    raise typer.Exit(ran.result.exit_code)


def summary(result: object, output_dir: Path, fmt: str, site_files: list[Path] | None = None) -> str:
    """The end-of-run report (`newsctl.export.summary.export_summary`)."""
    from newsctl.export.batch import BatchResult
    from newsctl.export.summary import export_summary

    assert isinstance(result, BatchResult)
    return export_summary(result, output_dir, fmt, site_files)


def _export_one(fp: Path, shown: str, fmt: str, options: object, settings: object, selection: object,
                output: str, dry_run: bool) -> None:
    """Export one article to --output FILE|- and exit with its status."""
    from newsctl.export.batch import Exporter

    item = Exporter(fmt, options, settings, None, selection).export(fp, shown)  # type: ignore[arg-type]
    for warning in item.warnings:
        err(f"newsctl: warning: {shown}: {warning}")
    if item.status == "exported":
        if dry_run:
            err(f"would write {'standard output' if output == '-' else output} from {shown}")
        else:
            write_output(item.text or "", None if output == "-" else Path(output), replace_article=True)
        raise typer.Exit(EXIT_OK)
    err(located(shown, item.reason or "") if item.status == "failed" else f"newsctl: {item.status} {shown}: {item.reason}")
    raise typer.Exit(1 if item.status == "failed" else EXIT_OK)


def _export_stdin(stdin_filename: str | None, fmt: str, options: object, settings: object, selection: object,
                  output: str, dry_run: bool) -> None:
    """Export the article on standard input: it is saved to a private temporary file (the
    exporter reads files), named like --stdin-filename so defaults such as the slug match."""
    import sys
    import tempfile

    shown = stdin_filename or "-"
    name = Path(stdin_filename).name if stdin_filename else "stdin.md"
    with tempfile.TemporaryDirectory(prefix="newsctl-stdin-") as tmp:
        fp = Path(tmp) / name
        fp.write_bytes(sys.stdin.buffer.read())
        _export_one(fp, shown, fmt, options, settings, selection, output, dry_run)
