"""`newsctl new`: start an article from the template, with its required fields filled."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsctl.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ConfigOpt, NowOpt, err, fail, load


def new_command(
    headline: Annotated[str, typer.Argument(help="The headline: it becomes the title and, as a slug, the file name.", show_default=False, metavar="HEADLINE")],
    section: Annotated[Optional[str], typer.Option("--section", "-s", help="The section, e.g. Politics.")] = None,
    author: Annotated[Optional[str], typer.Option("--author", "-a", help="The byline (left empty for lint to name otherwise).")] = None,
    directory: Annotated[
        Optional[Path],
        typer.Option("--output-dir", "--dir", "-d", help="Where to create it (default: the first directory in `paths` in settings, else articles/).", file_okay=False),
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Open the new file in $VISUAL or $EDITOR.")] = False,
    now: NowOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Create a new draft article from the template and print its path.

    The file is DIR/SLUG.md, the slug made from the headline; `date` is now, with the local
    timezone; `status: draft`. The lead is a placeholder that `newsctl lint` reports (H002)
    until it is written. An existing file is never overwritten. The template is the
    `new-template` setting (a Jinja2 file that gets title, slug, date, section, author and a
    `yaml` filter that quotes a value for front matter), or the built-in one.

    Example: newsctl new "Council approves budget" --section Politics --author "Jane Doe"
    """
    from newsctl.atomic import write_new_atomic
    from newsctl.cli.import_cmd import default_article_dir
    from newsctl.engine import display_path
    from newsctl.new_article import TemplateError, new_article

    if not headline.strip():
        raise fail("the headline is empty")
    settings = load(config, {"now": now})
    stamp = settings.now.astimezone() if now is None else settings.now
    template = None
    name = "built-in template"
    if settings.new_template is not None:
        name = display_path(settings.new_template)
        try:
            template = settings.new_template.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"new-template {name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        article = new_article(headline.strip(), stamp, section, author, template, name)
    except TemplateError as exc:
        raise fail(f"new-template {exc}") from None
    out_dir = directory if directory is not None else default_article_dir(settings)
    target = out_dir / f"{article.slug}.md"
    shown = display_path(target)
    try:
        write_new_atomic(target, article.text)
    except FileExistsError:
        err(f"newsctl: error: {shown} already exists; not overwritten (choose another headline or --dir)")
        raise typer.Exit(EXIT_FINDINGS) from None
    except OSError as exc:
        raise fail(f"cannot write {shown}: {exc.strerror or exc}", EXIT_FINDINGS) from None
    typer.echo(shown)
    if edit:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            err("newsctl: --edit: set $VISUAL or $EDITOR to your editor (the article was created)")
            raise typer.Exit(EXIT_USAGE)
        try:
            code = subprocess.call([*shlex.split(editor), str(target)])
        except OSError as exc:
            err(f"newsctl: --edit: cannot run {editor!r}: {exc.strerror or exc} (the article was created)")
            raise typer.Exit(EXIT_USAGE) from None
        if code != 0:
            err(f"newsctl: --edit: {editor} exited with status {code}")
            raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)
