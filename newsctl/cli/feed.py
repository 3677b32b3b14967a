"""`newsctl feed`: many articles as one Atom, RSS or JSON Feed document."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from newsctl.cli.common import ConfigOpt, NowOpt, PathsArg, article_files, err, fail, load, write_output


class FeedFormat(str, Enum):
    atom = "atom"
    rss = "rss"
    json = "json"


def feed_command(
    paths: PathsArg = None,
    format: Annotated[FeedFormat, typer.Option("--format", "-f", help="Feed format: Atom 1.0, RSS 2.0 or JSON Feed 1.1.")] = FeedFormat.atom,
    base_url: Annotated[
        Optional[str],
        typer.Option("--base-url", help="Where the HTML pages live, e.g. https://example.com/news/ (entry links and ids); required unless the base-url setting gives it.", metavar="URL"),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", help="Write the feed to this file (atomically); '-' or nothing is standard output.", metavar="FILE"),
    ] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Feed title (default: the site-name setting, else the base URL's host).", metavar="TEXT")] = None,
    feed_url: Annotated[
        Optional[str],
        typer.Option("--feed-url", help="The feed's own address (default: the base URL plus the --output file name, else atom.xml, rss.xml or feed.json).", metavar="URL"),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Keep the newest N articles.", min=1, metavar="N")] = 20,
    full_content: Annotated[
        bool,
        typer.Option("--full-content/--summary-only", help="Include each article's sanitized HTML body, or only its summary."),
    ] = True,
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help="Include articles with status: draft too.")] = False,
    include_embargoed: Annotated[
        bool, typer.Option("--include-embargoed", help="Include articles whose embargo is after --now too (their content starts with the embargo).")
    ] = False,
    include_future: Annotated[bool, typer.Option("--include-future", help="Include articles dated after --now too.")] = False,
    smart: Annotated[
        bool, typer.Option("--smart/--no-smart", help="Curly quotes, dashes and ellipses in titles and content.")
    ] = True,
    now: NowOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Build an Atom, RSS or JSON Feed of the newest articles, each linking to its exported HTML page.

    Entries are ordered newest first by date (then updated). Drafts, embargoed articles and
    articles dated after --now are skipped unless included; an article that cannot be an entry (no title, no date, bad front
    matter) is reported on standard error and left out. Exit status: 0 when every selected
    article is in the feed or left out only by --limit, 1 when any failed, 2 on a usage error.

    Example: newsctl feed articles/ --format atom --base-url https://example.com/news/ --output public/atom.xml
    """
    plan = _validate(
        paths, format, base_url, output, title, feed_url, limit, full_content, include_drafts, include_embargoed,
        include_future, smart, now, config,
    )
    _report_run(plan, *_execute(plan))


@dataclass(frozen=True)
class FeedPlan:
    """What `newsctl feed` was asked to build, checked: every usage error is raised before any article is read."""

    format: str
    options: Any  # newsctl.export.feeds.FeedOptions
    settings: Any
    selection: Any  # newsctl.export.batch.Selection
    out: Path | None  # None: standard output
    files: tuple[tuple[Path, str], ...]


def _validate(
    paths: list[str] | None, format: FeedFormat, base_url: str | None, output: str | None, title: str | None,
    feed_url: str | None, limit: int, full_content: bool, include_drafts: bool, include_embargoed: bool,
    include_future: bool, smart: bool, now: str | None, config: Path | None,
) -> FeedPlan:
    """Options, settings and the articles named into a plan; a usage error exits 2."""
    from newsctl.export.batch import Selection
    from newsctl.export.common import check_base_url
    from newsctl.export.feeds import FeedOptions

    if base_url:
        problem = check_base_url(base_url)
        if problem:
            raise fail(f"--base-url: {problem}")
    if feed_url:
        problem = check_base_url(feed_url)
        if problem:
            raise fail(f"--feed-url: {problem}")
    out = None if output in (None, "-") else Path(output)  # type: ignore[arg-type]
    if out is not None and out.is_dir():
        raise fail(f"--output {out}: is a directory; give a file name such as {out / 'feed.xml'}")
    settings = load(config, {"now": now})
    base_url = base_url or settings.site.base_url
    if not base_url:
        raise fail("--base-url is required: feed entries need absolute links, e.g. --base-url https://example.com/news/ (or set base-url)")
    files = article_files(paths, settings, "put in a feed")
    if out is not None and any(out.resolve() == fp.resolve() for fp, _ in files):
        raise fail(f"--output {out} is a source article; refusing to overwrite it")

    if out is not None and not feed_url:
        from newsctl.urls import beside

        feed_url = beside(base_url, out.name)
    options = FeedOptions(
        base_url=base_url,
        title=title,
        feed_url=feed_url,
        limit=limit,
        full_content=full_content,
        now=settings.now,
        smart=smart,
        site=settings.site,
    )
    selection = Selection(include_drafts, include_embargoed, include_future=include_future)
    return FeedPlan(format.value, options, settings, selection, out, tuple(files))


def _execute(plan: FeedPlan) -> tuple[list[Any], list[Any], str]:
    """Read every article, keep the entries and render the feed: (items, docs, feed text)."""
    from newsctl.export.batch import prepare_path
    from newsctl.export.feeds import export_options, render_feed, select_entries

    prepared = (
        prepare_path(fp, shown, export_options(plan.options), plan.settings, plan.selection) for fp, shown in plan.files
    )
    items, docs = select_entries(prepared)
    try:
        text = render_feed(docs, plan.format, plan.options)
    except Exception as exc:  # a renderer bug must not show a traceback
        raise fail(f"internal error while rendering the feed: {type(exc).__name__}: {exc}", 1) from None
    return items, docs, text


def _report_run(plan: FeedPlan, items: list[Any], docs: list[Any], text: str) -> NoReturn:
    """Write the feed, the summary on standard error, and exit 1 when an article failed."""
    from newsctl.export.batch import FAILED
    from newsctl.export.summary import feed_summary

    write_output(text, plan.out)
    where = "standard output" if plan.out is None else str(plan.out)
    err(feed_summary(items, docs, plan.format, plan.options.limit, where))
    raise typer.Exit(1 if any(i.status == FAILED for i in items) else 0)
