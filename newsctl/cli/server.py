"""`newsctl server`: the language server for editors (LSP over standard input and output)."""

from __future__ import annotations

from typing import Annotated

import typer


def server_command(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Talk LSP over standard input and output (the default and only transport).", show_default=False),
    ] = True,
) -> None:
    """Run the newsctl language server: diagnostics, fixes, hovers and the outline in your editor.

    Editors start it themselves and talk to it over standard input and output; see
    docs/editors.md for VS Code, Neovim, Helix and Zed. It checks each open article as
    `newsctl lint` would, with the settings found from the article's own directory.

    Example: newsctl server --stdio
    """
    try:
        from newsctl.server.app import serve  # pygls is imported only here, never by lint
    except ImportError as exc:  # pragma: no cover - pygls is a dependency; a broken install says so
        from newsctl.cli.common import fail

        raise fail(f"the language server needs pygls ({exc}); reinstall newsctl: pip install newsctl") from None
    import logging
    import sys

    # warnings and errors go to standard error, which editors show as the server's log
    logging.basicConfig(level=logging.WARNING, format="newsctl server: %(levelname)s: %(message)s")
    if sys.stdin.isatty():
        from newsctl.cli.common import err

        err("newsctl server speaks the Language Server Protocol on standard input and output; your editor")
        err("starts it (see docs/editors.md). Waiting for a client; Ctrl-D or Ctrl-C stops it.")
    serve()
