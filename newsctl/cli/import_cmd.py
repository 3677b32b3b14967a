"""`newsctl import`: plain text and Word files into articles (front matter + Markdown)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from newsctl.cli.common import EXIT_FINDINGS, EXIT_OK, ConfigOpt, default_paths, err, fail, load


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Plain-text (.txt) or Word (.docx) files to import.", show_default=False, metavar="FILE"),
    ],
    output_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--output-dir",
            "-d",
            help="Write the articles into this directory (default: the first directory in `paths` in settings, else articles/).",
            file_okay=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written and what was recognised; write nothing.")] = False,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print the article(s) to standard output instead of writing files.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the table of what was recognised.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Import copy as it arrives (plain text, Word) into the article format.

    Each FILE becomes DIR/SLUG.md, the slug made from the headline: front matter with title,
    section (from a leading label such as "News"), author (from a "By ..." line), status:
    draft and slug; `date` is left for the writer, and `newsctl lint` names what is missing.
    An existing file is never overwritten. The path written goes to standard output, a table
    of what was recognised (headings, paragraphs, lines it was unsure of) to standard error.
    Exit status: 0 all imported, 1 a file could not be read or its article already exists,
    2 on a usage error.

    Example: newsctl import copy/budget.txt copy/floods.docx --output-dir articles/
    """
    settings = load(config, {})
    if stdout and output_dir is not None:
        raise fail("--stdout prints the articles; it cannot be used with --output-dir")
    plan = ImportPlan(
        output_dir if output_dir is not None else default_article_dir(settings), stdout, dry_run, quiet
    )
    # each file is read, written and reported before the next: a long batch shows progress, and
    # what was printed matches what was written when it stops
    planned: set[Path] = set()
    statuses = [_import_one(given, plan, planned) for given in files]
    raise typer.Exit(EXIT_FINDINGS if EXIT_FINDINGS in statuses else EXIT_OK)


@dataclass(frozen=True)
class ImportPlan:
    """Where `newsctl import` puts the articles, checked before any file is read."""

    out_dir: Path
    stdout: bool
    dry_run: bool
    quiet: bool


def _import_one(given: Path, plan: ImportPlan, planned: set[Path]) -> int:
    """Import one file (run) and say what became of it (report); its exit status. `planned`
    holds the targets already taken in this batch, so two files never claim one article."""
    from newsctl.atomic import write_new_atomic
    from newsctl.engine import display_path
    from newsctl.importers import read, render, slugify
    from newsctl.source import SourceError

    shown = display_path(given)
    try:
        doc = read(given, shown)
    except SourceError as exc:
        err(f"{shown}:{exc.line}:{exc.column}: {exc.message}")
        return EXIT_FINDINGS
    slug = doc.slug or slugify(given.stem) or "article"
    text = render(doc, slug)
    if plan.stdout:
        typer.echo(text, nl=False)
        if not plan.quiet:
            err(_table(doc, shown, "standard output"))
        return EXIT_OK
    target = plan.out_dir / f"{slug}.md"
    target_shown = display_path(target)
    key = target.resolve()
    if os.path.lexists(target) or key in planned:
        err(
            f"newsctl: error: {shown}: {target_shown} already exists; not overwritten "
            "(rename or move it, or import into another --output-dir)"
        )
        return EXIT_FINDINGS
    planned.add(key)
    if not plan.dry_run:
        try:
            write_new_atomic(target, text)
        except FileExistsError:
            err(f"newsctl: error: {shown}: {target_shown} already exists; not overwritten")
            return EXIT_FINDINGS
        except OSError as exc:
            err(f"newsctl: error: {shown}: cannot write {target_shown}: {exc.strerror or exc}")
            return EXIT_FINDINGS
    typer.echo(target_shown)
    if not plan.quiet:
        err(_table(doc, shown, target_shown + (" (dry run: not written)" if plan.dry_run else "")))
    return EXIT_OK


def default_article_dir(settings: Any) -> Path:
    """Where new articles go: the first configured path that is a directory (not a file), else articles/."""
    for p in default_paths(None, settings) if settings.paths else []:
        path = Path(p)
        if path.is_dir() or (not path.exists() and not path.suffix):
            return path
    return Path("articles")


def _table(doc: Any, source: str, target: str) -> str:
    """The short table of what the importer recognised, for standard error."""
    r = doc.report
    rows: list[tuple[str, str]] = []

    def at(line: int | None) -> str:
        return f" (line {line})" if line else ""

    rows.append(("label", f"{r.label[0]}{at(r.label[1])} -> section" if r.label else "none (add section:)"))
    rows.append(("headline", f"{r.headline[0]}{at(r.headline[1])} -> title" if r.headline else "none (add title:)"))
    if r.repeated_headline:
        rows.append(("repeated", f"headline repeated{at(r.repeated_headline)}: kept as a level-1 heading"))
    rows.append(("byline", f"{r.byline[0]}{at(r.byline[1])} -> author" if r.byline else "none (add author:)"))
    if r.dateline:
        rows.append(("dateline", f"line {r.dateline}, kept in the text"))
    lines = [h[1] for h in r.headings if h[1]]
    rows.append(("headings", f"{len(r.headings)}" + (f" (lines {', '.join(map(str, lines))})" if lines else "")))
    rows.append(("paragraphs", str(r.paragraphs)))
    if r.list_items:
        rows.append(("list items", str(r.list_items)))
    if r.quotes:
        rows.append(("quotes", str(r.quotes)))
    if r.tables:
        rows.append(("tables", str(r.tables)))
    if r.images:
        rows.append(("images", f"{r.images} (alt text kept; image files are not extracted)"))
    rows.append(("unsure", f"{len(r.unsure)} line{'s' if len(r.unsure) != 1 else ''}" + (" (kept as paragraphs)" if r.unsure else "")))
    width = max(len(k) for k, _ in rows)
    out = [f"{source} -> {target}"]
    out += [f"  {k.ljust(width)}  {v}" for k, v in rows]
    out += [f"    line {u.line}: {u.text}" for u in r.unsure]
    return "\n".join(out)

