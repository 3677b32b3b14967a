"""`newsctl init`: the first five minutes in an existing site (survey, table, starting settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsctl.cli.common import EXIT_OK, err, fail


def init_command(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Where the site's articles are (default: articles/, else the current directory).", show_default=False, metavar="PATHS"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the configuration instead of writing it.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing newsctl configuration.")] = False,
    file: Annotated[
        Optional[Path],
        typer.Option(
            "--file",
            help="Write to this file (default: pyproject.toml when the current directory has one, else newsctl.toml).",
            dir_okay=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table of keys: only the result.")] = False,
) -> None:
    """Read the front matter of every article and write a starting [tool.newsctl] configuration.

    Prints what it found (each key, how many files have it, and the role newsctl gives it:
    field, alias, site key, extra, required), then writes paths, required-fields (the fields
    every article has), extra-fields (the site's own keys), the aliases in use, the template
    syntax seen and the link-out fields. An existing configuration is never replaced without
    --force. Directories are walked honouring .gitignore.

    Example: newsctl init content/posts --dry-run
    """
    from newsctl import adopt
    from newsctl.engine import collect
    from newsctl.settings import Settings

    targets = paths or (["articles"] if Path("articles").is_dir() else ["."])
    missing = [t for t in targets if not Path(t).exists()]
    if missing:
        raise fail(f"{', '.join(missing)}: not found; pass the directories that hold the articles")
    files = list(collect(targets, Settings()))
    if not files:
        raise fail(f"no Markdown articles (*.md, *.markdown) under {', '.join(targets)}")
    survey = adopt.survey(files)
    if not survey.files:
        raise fail(f"none of the {len(files)} files under {', '.join(targets)} could be read")
    target = adopt.target_file(Path.cwd(), file)
    table = adopt.proposal(survey, adopt.relative_paths(targets, target.parent))
    if not quiet:
        _show(survey, adopt.key_uses(survey))
    if dry_run:
        typer.echo(adopt.render_toml(table, survey, target.name == "pyproject.toml"), nl=False)
        raise typer.Exit(EXIT_OK)
    try:
        adopt.write_config(target, table, survey, force=force)
    except (adopt.InitError, OSError) as exc:
        raise fail(str(exc)) from None
    err(f"Wrote {'[tool.newsctl] to ' if target.name == 'pyproject.toml' else ''}{target}: try `newsctl lint`.")


def _show(survey, uses) -> None:  # type: ignore[no-untyped-def]
    """The key table, on stderr (stdout carries the configuration with --dry-run)."""
    from rich.table import Table

    from newsctl.cli.console import stderr_console

    formats = ", ".join(f"{n} {fmt.upper()}" for fmt, n in survey.formats.most_common())
    link = sum(survey.link_out.values())
    console = stderr_console()
    console.print(
        f"{survey.files} files: {survey.articles} articles, {link} link-out items; front matter: {formats or 'none'}; "
        f"template syntax: {', '.join(sorted(survey.templates)) or 'none'}",
        soft_wrap=True,
    )
    if survey.unreadable:
        console.print(f"{len(survey.unreadable)} files could not be read: {', '.join(survey.unreadable[:5])}", soft_wrap=True)
    table = Table(box=None, pad_edge=False)
    table.add_column("key")
    table.add_column("files", justify="right")
    table.add_column("role")
    for use in uses:
        key = use.key if len(use.key) <= 40 else use.key[:37] + "..."
        table.add_row(key, str(use.files), use.role + (", required" if use.required else ""))
    console.print(table)
