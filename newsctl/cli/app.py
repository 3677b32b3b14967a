"""The `newsctl` command: composes one module per command, imported only when that command runs.

Start-up matters (a pre-commit hook runs `newsctl lint` on one file, an editor runs it on every
save), so `import newsctl.cli.app` loads Typer and nothing else of ours: `LazyCommands` imports
a command's module the first time click asks for it (to run it, show its --help or complete its
options). `newsctl --help` and completion of command names still see every command, because
listing them imports them all; only those two pay for it.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from newsctl import __version__

# Name -> (module, function), in the order --help and docs/cli.md list them.
COMMANDS: dict[str, tuple[str, str]] = {
    "lint": ("newsctl.cli.lint", "lint_command"),
    "baseline": ("newsctl.cli.baseline", "baseline_command"),
    "rules": ("newsctl.cli.rules", "rules_command"),
    "explain": ("newsctl.cli.rules", "explain_command"),
    "readability": ("newsctl.cli.readability", "readability_command"),
    "outline": ("newsctl.cli.outline", "outline_command"),
    "export": ("newsctl.cli.export", "export_command"),
    "feed": ("newsctl.cli.feed", "feed_command"),
    "review": ("newsctl.cli.review", "review_command"),
    "server": ("newsctl.cli.server", "server_command"),
    "init": ("newsctl.cli.init", "init_command"),
    "import": ("newsctl.cli.import_cmd", "import_command"),
    "new": ("newsctl.cli.new", "new_command"),
    "clean": ("newsctl.cli.clean", "clean_command"),
    "merge": ("newsctl.cli.merge", "merge_command"),
}


class LazyCommands(TyperGroup):
    """A Typer group that builds a command (and imports its module) only when it is asked for."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str):  # type: ignore[override]
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in COMMANDS:
            module, function = COMMANDS[cmd_name]
            callback = getattr(importlib.import_module(module), function)
            command = typer.main.get_command_from_info(
                CommandInfo(name=cmd_name, callback=callback),
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            self.commands[cmd_name] = command
        return command


app = typer.Typer(
    name="newsctl",
    cls=LazyCommands,
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


def main() -> None:
    """Every command line through Typer (0.3.0's entry point, kept for callers of it). The
    `newsctl` program is `newsctl.cli.entry.main`, which runs a plain lint without Typer."""
    from newsctl.cli.common import run_program

    run_program(app)
