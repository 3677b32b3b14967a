"""`newsctl export`: articles to HTML, wire text or ninjs JSON files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsctl.cli.common import (
    EXIT_OK,
    ConfigOpt,
    NowOpt,
    PathsArg,
    StdinFilenameOpt,
    default_paths,
    located,
    err,
    fail,
    load,
    progress_bar,
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
        typer.Option("--base-url", help="Where the pages will live, e.g. https://example.com/news/ (canonical links, ninjs uri)."),
    ] = None,
    template: Annotated[
        Optional[Path],
        typer.Option("--template", help="html: render with this Jinja2 template instead of the built-in one.", dir_okay=False),
    ] = None,
    fragment: Annotated[bool, typer.Option("--fragment", help="html: emit only the article body, for CMS embedding.")] = False,
    allow_raw_html: Annotated[
        bool, typer.Option("--allow-raw-html", help="html: keep raw HTML from the body unsanitized (trusted input only).")
    ] = False,
    width: Annotated[int, typer.Option("--width", help="text: wrap the body at this many characters.", min=20)] = 72,
    ascii: Annotated[
        bool, typer.Option("--ascii", help="text: curly quotes, dashes and ellipses as ASCII.")
    ] = False,
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Export articles with status: draft too.")] = False,
    include_embargoed: Annotated[
        bool, typer.Option("--include-embargoed", help="Export articles whose embargo is after --now too.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse to export an article with lint errors.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be written; write nothing.")] = False,
    stdin_filename: StdinFilenameOpt = None,
    now: NowOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export articles for syndication as HTML pages, wire-style text or IPTC ninjs JSON.

    Drafts and embargoed articles are skipped unless included. A summary goes to standard
    error. Exit status: 0 when every selected article was exported, 1 when any failed,
    2 on a usage error.

    Example: newsctl export articles/ --format html --output-dir public/ --base-url https://example.com/news/

    Example: cat draft.md | newsctl export - --stdin-filename draft.md --format text --output -
    """
    from newsctl.engine import collect
    from newsctl.export.batch import Exporter, Selection, export_paths, unique_files
    from newsctl.export.common import ExportOptions, check_base_url

    if (output_dir is None) == (output is None):
        raise fail("give exactly one of --output-dir DIR (one file per article) or --output FILE|- (one article)")
    if base_url:
        problem = check_base_url(base_url)
        if problem:
            raise fail(f"--base-url: {problem}")
    if format != ExportFormat.html and (template or fragment or allow_raw_html):
        raise fail("--template, --fragment and --allow-raw-html apply to --format html only")
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
    if wants_stdin(paths, stdin_filename):
        if output is None:
            raise fail("an article on standard input is exported with --output FILE|-, not --output-dir")
        _export_stdin(stdin_filename, format, output, base_url, template, fragment, allow_raw_html, width, ascii,
                      include_drafts, include_embargoed, strict, dry_run, settings)
    targets = default_paths(paths, settings)
    if not paths and not any(Path(t).exists() for t in targets):
        raise fail(f"nothing to export: {', '.join(targets)} not found; pass article paths")
    missing = [t for t in targets if not Path(t).exists()]
    if missing:
        raise fail(f"{missing[0]}: no such file or directory")
    files = unique_files(collect(targets, settings))  # a file named twice counts once
    if not files:
        raise fail(f"no articles (*.md, *.markdown) found in {', '.join(targets)}")
    options = ExportOptions(
        base_url=base_url,
        template=str(template) if template else None,
        fragment=fragment,
        allow_raw_html=allow_raw_html,
        width=width,
        ascii=ascii,
    )
    selection = Selection(include_drafts, include_embargoed, strict)

    if output is not None:
        if len(files) != 1:
            raise fail(f"--output takes a single article, but {len(files)} were given; use --output-dir")
        fp, shown = files[0]
        if output != "-" and Path(output).resolve() == fp.resolve():
            raise fail(f"--output {output} is the source article; refusing to overwrite it")
        item = Exporter(format.value, options, settings, None, selection).export(fp, shown)
        if item.status == "exported":
            if dry_run:
                err(f"would write {'standard output' if output == '-' else output} from {shown}")
            else:
                write_output(item.text or "", None if output == "-" else Path(output))
            raise typer.Exit(EXIT_OK)
        err(located(shown, item.reason or "") if item.status == "failed" else f"newsctl: {item.status} {shown}: {item.reason}")
        raise typer.Exit(1 if item.status == "failed" else EXIT_OK)

    assert output_dir is not None
    if output_dir.exists() and not output_dir.is_dir():
        raise fail(f"--output-dir {output_dir}: exists and is not a directory")
    with progress_bar("Exporting", len(files)) as advance:
        result = export_paths(files, format.value, options, settings, output_dir, selection, dry_run, advance)
    if dry_run:
        from newsctl.engine import display_path

        write_output("".join(f"{display_path(i.target)}\n" for i in result.of("exported") if i.target), None)
    err(summary(result, output_dir, format.value))
    raise typer.Exit(result.exit_code)


def summary(result: object, output_dir: Path, fmt: str) -> str:
    """The end-of-run report: counts, then each skipped and failed article with the reason."""
    from newsctl.export.batch import FAILED, SKIPPED, BatchResult

    assert isinstance(result, BatchResult)
    exported = len(result.of("exported"))
    skipped = result.of(SKIPPED)
    failed = result.of(FAILED)
    verb = "Would export" if result.dry_run else "Exported"
    noun = "article" if exported == 1 else "articles"
    lines = [f"{verb} {exported} {noun} ({fmt}) to {output_dir}/, skipped {len(skipped)}, failed {len(failed)}."]
    if skipped:
        lines.append("Skipped:")
        lines.extend(f"  {i.path}: {i.reason}" for i in skipped)
    if failed:
        lines.append("Failed:")
        lines.extend(f"  {located(i.path, i.reason or '')}" for i in failed)
    return "\n".join(lines)


def _export_stdin(stdin_filename, format, output, base_url, template, fragment, allow_raw_html, width, ascii,
                  include_drafts, include_embargoed, strict, dry_run, settings) -> None:  # type: ignore[no-untyped-def]
    """Export the article on standard input: it is saved to a private temporary file (the
    exporter reads files), named like --stdin-filename so defaults such as the slug match."""
    import sys
    import tempfile

    from newsctl.export.batch import Exporter, Selection
    from newsctl.export.common import ExportOptions

    shown = stdin_filename or "-"
    name = Path(stdin_filename).name if stdin_filename else "stdin.md"
    options = ExportOptions(
        base_url=base_url, template=str(template) if template else None, fragment=fragment,
        allow_raw_html=allow_raw_html, width=width, ascii=ascii,
    )
    with tempfile.TemporaryDirectory(prefix="newsctl-stdin-") as tmp:
        fp = Path(tmp) / name
        fp.write_bytes(sys.stdin.buffer.read())
        item = Exporter(format.value, options, settings, None, Selection(include_drafts, include_embargoed, strict)).export(fp, shown)
    if item.status == "exported":
        if dry_run:
            err(f"would write {'standard output' if output == '-' else output} from {shown}")
        else:
            write_output(item.text or "", None if output == "-" else Path(output))
        raise typer.Exit(EXIT_OK)
    err(located(shown, item.reason or "") if item.status == "failed" else f"newsctl: {item.status} {shown}: {item.reason}")
    raise typer.Exit(1 if item.status == "failed" else EXIT_OK)
