"""The `newsctl` program (`main`), and a fast path for a writer's `newsctl lint FILE...`.

Why a fast path: a pre-commit hook or an editor runs `newsctl lint` on one file, and the whole
process is what the writer waits for. Importing Typer and building lint's click command from its
25 options costs ~20-25 ms of CPU per run (the same lint through Typer: ~140 ms against ~115;
docs/performance.md, "Start-up, third pass"), and nothing in a plain `newsctl lint [simple
options] FILE...` needs it: lint's work (`newsctl.cli.lint_run.run_lint`) imports no Typer.

What it accepts is strict, so that it cannot mean anything Typer would read differently:
`lint` first, then in any order
- paths: non-empty words not starting with "-" (so not "-", standard input, nor "--"),
- the flags in `FLAGS` (no "=value"), each any number of times,
- the options in `VALUES` and `LISTS`, as `--name VALUE` (VALUE not starting with "-") or
  `--name=VALUE`; `--format`/`-f` only with one of lint's format names, spelled exactly.
Anything else (another command, `--help`, any other option, a short-option cluster, a value
that looks like an option, `--`, shell completion's `_..._COMPLETE` variable, and any command
line on Windows, where click expands wildcards in the arguments) goes to Typer unchanged, which
parses it and prints any error itself. Values not given are
`lint_run.DEFAULTS`, the defaults of the Typer command too: one definition. What Typer's click
main does around a command is done the same here (`_run`): a return is exit 0, Ctrl-C exit 130,
end of input "Aborted!" and exit 1, a closed pipe exit 1 quietly.

tests/test_lint_fast_path.py runs a table of command lines (options, paths, errors, --help,
unknown options, missing files, NO_COLOR/FORCE_COLOR, settings files) through both paths and
compares standard output, standard error and exit status byte for byte, and checks that the
parser hands over everything outside the subset.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Mapping, Sequence

from newsctl.cli.common import run_program

# lint's options the fast path takes: spelling -> parameter of run_lint
FLAGS = {
    "--quiet": "quiet",
    "-q": "quiet",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--no-cache": "no_cache",
    "--force-exclude": "force_exclude",
    "--no-ignore": "no_ignore",
}
VALUES = {"--format": "format", "-f": "format", "--now": "now", "--fail-on": "fail_on"}
LISTS = {"--select": "select", "--extend-select": "extend_select", "--ignore": "ignore"}


def fast_lint_options(argv: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any] | None:
    """run_lint's keyword arguments for `argv` (without the program name) when it is a lint the
    fast path takes, exactly as Typer would pass them; None for anything else."""
    if not argv or argv[0] != "lint":
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return None  # click's shell completion
    if os.name == "nt":
        return None  # click expands wildcards in the arguments on Windows (`newsctl lint *.md` in cmd.exe)
    from newsctl.cli.lint_run import LintFormat  # imported by either path from here on

    formats = {f.value for f in LintFormat}
    given: dict[str, Any] = {}
    paths: list[str] = []
    i, n = 1, len(argv)
    while i < n:
        word = argv[i]
        i += 1
        if not word.startswith("-"):
            if not word:
                return None
            paths.append(word)
            continue
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name in FLAGS and not equals:
            given[FLAGS[name]] = True
            continue
        if name not in VALUES and name not in LISTS:
            return None
        if not equals:
            if i >= n or argv[i].startswith("-"):
                return None
            value = argv[i]
            i += 1
        if name in LISTS:
            given.setdefault(LISTS[name], []).append(value)
        elif VALUES[name] == "format":
            if value not in formats:
                return None
            given["format"] = value
        else:
            given[VALUES[name]] = value
    if paths:
        given["paths"] = paths
    return given


def _run(given: dict[str, Any]) -> None:
    """run_lint, with what Typer's click main does around a command (typer/core.py `_main`)."""
    from newsctl.cli.lint_run import LintFormat, run_lint

    if "format" in given:
        given = {**given, "format": LintFormat(given["format"])}
    try:
        run_lint(**given)
    except EOFError:
        sys.stderr.write("\nAborted!\n")
        sys.stderr.flush()
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper  # a closed pipe: as click does it

        sys.stdout = PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
        sys.stderr = PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
        raise SystemExit(1) from None
    raise SystemExit(0)


def main() -> None:
    """The `newsctl` program: lint's fast path when the command line is in its subset, else Typer."""
    run_program(_dispatch)


def _dispatch() -> None:
    given = fast_lint_options(sys.argv[1:], os.environ)
    if given is not None:
        _run(given)
    from newsctl.cli.app import app

    app()
