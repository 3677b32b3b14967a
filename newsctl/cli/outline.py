"""`newsctl outline`: the section outline of articles (tree, Markdown TOC, JSON, OPML)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Any, Callable, Optional, Sequence

import typer

from newsctl.cli.stream import output_writer
from newsctl.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOpt,
    JobsOpt,
    NowOpt,
    OutputOpt,
    PathsArg,
    StdinFilenameOpt,
    default_paths,
    err,
    load,
    progress_bar,
    read_stdin_article,
    refuse_input_as_output,
    wants_stdin,
    write_output,
    require_targets,
)


class OutlineFormat(str, Enum):
    tree = "tree"
    markdown = "markdown"
    json = "json"
    opml = "opml"


def outline_command(
    paths: PathsArg = None,
    format: Annotated[
        OutlineFormat,
        typer.Option(
            "--format",
            "-f",
            help="tree (a rich tree on a terminal, plain indented text otherwise), markdown (a table of "
            "contents linking to the anchors), json (docs/outline-json.md) or opml (OPML 2.0).",
        ),
    ] = OutlineFormat.tree,
    depth: Annotated[
        Optional[int],
        typer.Option("--depth", min=1, help="Show at most N levels of headings (1: top-level headings only)."),
    ] = None,
    stats: Annotated[
        Optional[bool],
        typer.Option(
            "--stats/--no-stats",
            help="Show or hide word and paragraph counts, reading time and grade [default: shown, except in markdown].",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    now: NowOpt = None,
    jobs: JobsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show the outline of articles: title, lead and heading tree with anchors, line ranges and counts.

    Unreadable files are reported on stderr as path:line:column: message;
    the others are still outlined, and the exit status is 1.

    Example: newsctl outline articles/cybersecurity-diplomacy.md --format markdown

    Example: cat draft.md | newsctl outline - --format json
    """
    from newsctl.outline import build_outline, limit_depth

    settings = load(config, {"now": now})
    show_stats = stats if stats is not None else format != OutlineFormat.markdown
    if wants_stdin(paths, stdin_filename):
        article, error = read_stdin_article(stdin_filename, settings)
        if error:
            err(f"{error['path']}:{error['line']}:{error['column']}: {error['message']}")
            raise typer.Exit(EXIT_FINDINGS)
        outlines = [limit_depth(build_outline(article, settings), depth)]
        write_output(render(outlines, format, stats=show_stats, depth=depth, created=settings.now), output)
        raise typer.Exit(EXIT_OK)
    targets = default_paths(paths, settings)
    require_targets(paths, targets, "outline")

    refuse_input_as_output(output, targets, settings, "outlined")
    from newsctl.engine import collect

    files = list(collect(targets, settings))
    if format == OutlineFormat.tree and output is None and stdout_is_terminal():
        from newsctl.cli.console import stdout_console

        outlines: list[Any] = []
        failed = _outline_all(files, settings, depth, jobs, outlines.append)
        if not outlines and not failed:
            err(f"newsctl: no articles found in {', '.join(targets)}")
        print_rich(outlines, stdout_console(), stats=show_stats)
    else:
        with output_writer(output) as write:
            sink = _Sink(write, format, stats=show_stats, depth=depth, created=settings.now)
            failed = _outline_all(files, settings, depth, jobs, sink.add)
            sink.finish()
        if not sink.count and not failed:
            err(f"newsctl: no articles found in {', '.join(targets)}")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class _Sink:
    """Writes the report as the outlines arrive (in input order), byte for byte what `render`
    writes for the whole list, keeping only what a format cannot write yet (issue 12: memory).
    OPML keeps each article's element as text: its head names the number of articles and the
    latest date, so nothing can be written before the last article."""

    def __init__(self, write: Any, format: OutlineFormat, *, stats: bool, depth: int | None, created: Any) -> None:
        from newsctl.report.jsonstream import ListWriter
        from newsctl.report import outline as report

        self.write, self.format, self.stats, self.depth, self.created = write, format, stats, depth, created
        self.count = 0
        self._written = False
        self.held: list[Any] = []  # opml: every article's element; markdown: the first, until a second says "many"
        self.dates: list[Any] = []  # opml: the articles' dates (the head names the latest)
        self.first_title: str | None = None
        if format == OutlineFormat.json:
            self.json = ListWriter(write, "articles")
            self.json.start(report.document_head(stats=stats, depth=depth))

    def add(self, outline: Any) -> None:
        from newsctl.report import outline as report

        if self.format == OutlineFormat.json:
            self.json.add(report.outline_dict(outline, stats=self.stats))
        elif self.format == OutlineFormat.tree:
            self.write(("\n" if self.count else "") + report.render_tree([outline], stats=self.stats))
        elif self.format == OutlineFormat.markdown:
            if self.count == 0:
                self.held.append(outline)
            else:
                for o in [*self.held, outline]:
                    self._markdown(report.markdown_block(o, many=True, stats=self.stats))
                self.held.clear()
        else:  # opml: its head needs the count and the latest date; the elements wait as text
            if self.count == 0:
                self.first_title = outline.title
            self.held.append(report.opml_article(outline, stats=self.stats))
            if outline.date is not None:
                self.dates.append(outline.date)
        self.count += 1

    def _markdown(self, block: str) -> None:
        if block:
            self.write(("\n" if self._written else "") + block)
            self._written = True

    def finish(self) -> None:
        from newsctl.report import outline as report

        if self.format == OutlineFormat.json:
            self.json.finish(report.document_head(stats=self.stats, depth=self.depth))
        elif self.format == OutlineFormat.markdown:
            if self.held:  # one article: no title heading
                self.write(report.render_markdown(self.held, stats=self.stats))
        elif self.format == OutlineFormat.opml:
            self.write(report.assemble_opml(self.held, self.dates, first_title=self.first_title, created=self.created))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def render(outlines: Sequence[Any], format: OutlineFormat, *, stats: bool, depth: int | None, created: Any) -> str:
    from newsctl.report import outline as report

    if format == OutlineFormat.markdown:
        return report.render_markdown(outlines, stats=stats)
    if format == OutlineFormat.json:
        return report.render_json(outlines, stats=stats, depth=depth)
    if format == OutlineFormat.opml:
        return report.render_opml(outlines, stats=stats, created=created)
    return report.render_tree(outlines, stats=stats)


def _outline_all(files: list[Any], settings: Any, depth: int | None, jobs: int | None, take: Callable[[Any], None]) -> bool:
    """Outline every article (in worker processes for large batches, `engine.map_files`), each
    handed to `take` as it arrives, in input order; unreadable files are reported on stderr
    (path:line:col: message) at the end. True when any failed."""
    from functools import partial

    from newsctl.engine import map_files

    errors: list[dict[str, Any]] = []
    with progress_bar("Outlining", len(files)) as advance:

        def receive(result: tuple[Any, dict[str, Any] | None]) -> None:
            outline, error = result
            if error is not None:
                errors.append(error)
            elif outline is not None:
                take(outline)
            advance()

        map_files(partial(_outline_file, settings=settings, depth=depth), files, jobs, receive, keep=False)
    for e in errors:
        err(f"{e['path']}:{e['line']}:{e['column']}: {e['message']}")
    return bool(errors)


def _outline_file(item: tuple[Any, str], settings: Any, depth: int | None) -> tuple[Any, dict[str, Any] | None]:
    """One file's outline, or the error that stopped it (runs in a worker: module level, pure)."""
    from newsctl.engine import internal_error, parse_or_error
    from newsctl.outline import build_outline, limit_depth

    article, error = parse_or_error(item, settings.site_format)
    if article is None:
        return None, error
    try:
        return limit_depth(build_outline(article, settings), depth), None
    except Exception as exc:  # a bug met by this article: it is reported, the others go on
        return None, {"path": item[1], "line": 1, "column": 1, "message": internal_error(exc, "while outlining")}


def rich_tree(outline: Any, *, stats: bool = True) -> Any:
    """The outline as a rich Tree: the title at the root, the lead and headings below."""
    from rich.text import Text
    from rich.tree import Tree

    from newsctl.report.outline import counts_text, node_label, node_place, node_stats, visible_nodes

    root_label = Text()
    root_label.append(outline.title, style="bold")
    root_label.append("\n" + outline.path, style="dim")
    if stats:
        root_label.append(" · " + counts_text(outline.total), style="dim")
    root = Tree(root_label, guide_style="dim")
    parents: dict[int, Any] = {0: root}
    for depth, node in visible_nodes(outline):
        label = Text()
        label.append(node_label(node), style="italic" if node.is_lead else "bold")
        place = node_place(node)
        if place or stats:
            label.append("\n")
        if place:
            label.append(place, style="cyan")
        if stats:
            label.append(("  " if place else "") + node_stats(node), style="dim")
        parents[depth] = parents[depth - 1].add(label)
    if len(parents) == 1:
        root.add(Text("(no content)", style="dim"))
    return root


def print_rich(outlines: Sequence[Any], console: Any, *, stats: bool = True) -> None:
    for i, outline in enumerate(outlines):
        if i:
            console.print()
        console.print(rich_tree(outline, stats=stats))
