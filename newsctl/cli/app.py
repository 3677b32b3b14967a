"""The `newsctl` command: composes one module per command."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from newsctl import __version__
from newsctl.cli import export, import_cmd, lint, new, outline, rules
from newsctl.cli import server as server_cli
from newsctl.cli import init as init_cli
from newsctl.cli import clean as clean_cli
from newsctl.cli import merge as merge_cli
from newsctl.cli import baseline as baseline_cli
from newsctl.cli import feed as feed_cli
from newsctl.cli import readability as readability_cli
from newsctl.cli import review as review_cli

app = typer.Typer(
    name="newsctl",
    help="Lint, outline and export news articles written in Markdown with YAML front matter.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsctl {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = None,
) -> None:
    """Lint, outline and export news articles written in Markdown with YAML front matter."""


app.command("lint")(lint.lint_command)
app.command("baseline")(baseline_cli.baseline_command)
app.command("rules")(rules.rules_command)
app.command("explain")(rules.explain_command)
app.command("readability")(readability_cli.readability_command)
app.command("outline")(outline.outline_command)
app.command("export")(export.export_command)
app.command("feed")(feed_cli.feed_command)
app.command("review")(review_cli.review_command)
app.command("server")(server_cli.server_command)
app.command("init")(init_cli.init_command)
app.command("import")(import_cmd.import_command)
app.command("new")(new.new_command)
app.command("clean")(clean_cli.clean_command)
app.command("merge")(merge_cli.merge_command)


def main() -> None:
    from newsctl.cli.common import stop_cleanly_on_sigterm

    stop_cleanly_on_sigterm()  # every command: a SIGTERM mid-write leaves no temporary file
    app()
