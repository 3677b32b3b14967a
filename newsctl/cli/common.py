"""What every command shares: settings loading, output, exit codes (and, through `newsctl.cli.options`, option types).

Imports no Typer: `newsctl lint`'s fast path (`newsctl.cli.entry`) runs lint's body without it.
The Typer option types (`ConfigOpt`, `PathsArg`...) live in `newsctl.cli.options` and are still
importable from here (`from newsctl.cli.common import ConfigOpt`), loaded on first use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2



def err(message: str) -> None:
    """A diagnostic on stderr (never mixed into machine-readable stdout)."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def fail(message: str, code: int = EXIT_USAGE) -> SystemExit:
    """Say what is wrong on stderr; the caller raises the result (exit status `code`, 2 by default).

    A plain SystemExit rather than Typer's Exit, so that this module (and `newsctl lint`'s body,
    `newsctl.cli.lint_run`) imports no Typer: click lets a SystemExit through unchanged, so the
    status and output are the same under Typer and on lint's fast path (`newsctl.cli.entry`)."""
    err(f"newsctl: error: {message}")
    return SystemExit(code)


def use_color(stream: Any) -> bool:
    """Colour only on a terminal, never with NO_COLOR; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def load(config: Path | None, overrides: dict[str, Any]) -> Any:
    """Settings, or exit 2 with a message that names the file and key."""
    from newsctl.settings import ConfigError, Overrides, load_settings, parse_now

    try:
        if overrides.get("now") is not None:
            overrides = {**overrides, "now": parse_now(overrides["now"])}
        return load_settings(config, overrides=Overrides.of(overrides))
    except ConfigError as exc:
        raise fail(str(exc)) from None


def require_targets(paths: list[str] | None, targets: list[str], doing: str) -> None:
    """Exit 2 ("nothing to lint: articles not found") when no path was given on the command
    line and none of the configured or default ones exists."""
    if not paths and not any(Path(t).exists() for t in targets):
        raise fail(f"nothing to {doing}: {', '.join(targets)} not found; pass article paths")


def option_values(option: list[str] | None) -> dict[str, str]:
    """`--option NAME=VALUE` (repeated) as a mapping; a malformed one is a usage error."""
    options: dict[str, str] = {}
    for item in option or []:
        if "=" not in item:
            raise fail(f"--option {item!r}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        options[key.strip()] = value.strip()
    return options


def article_files(paths: list[str] | None, settings: Any, doing: str) -> list[tuple[Path, str]]:
    """The articles export and feed read: each named path must exist, a file named twice (another
    spelling, a symlink) counts once, and finding none is a usage error (exit 2)."""
    from newsctl.engine import collect
    from newsctl.export.batch import unique_files

    targets = default_paths(paths, settings)
    require_targets(paths, targets, doing)
    missing = [t for t in targets if not Path(t).exists()]
    if missing:
        raise fail(f"{missing[0]}: no such file or directory")
    files = unique_files(collect(targets, settings))
    if not files:
        raise fail(f"no articles (*.md, *.markdown) found in {', '.join(targets)}")
    return files


def default_paths(paths: list[str] | None, settings: Any) -> list[str]:
    """Paths given, else the configured ones (relative to the config file), else articles/."""
    if paths:
        return paths
    base = settings.config_path.parent if settings.config_path else Path.cwd()
    out = []
    for p in settings.paths:
        full = (base / p) if not Path(p).is_absolute() else Path(p)
        try:
            out.append(os.path.relpath(full))
        except ValueError:
            out.append(str(full))
    return out


def refuse_input_as_output(output: Path | None, targets: list[str], settings: Any, verb: str) -> None:
    """Exit 2 when --output would overwrite an article being read (lint never writes to articles)."""
    if output is None or str(output) in ("-", ""):
        return
    from newsctl.engine import collect

    target = output.resolve()
    if any(fp.resolve() == target for fp, _ in collect(targets, settings)):
        raise fail(f"--output {output} is one of the articles being {verb}; choose another file")


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM becomes an exit by exception, like Ctrl-C (SIGINT): a write in progress removes
    its temporary file on the way out (`newsctl.atomic`), so nothing half-written is left."""
    try:
        # the C module `signal` wraps, loaded with the interpreter: `import signal` builds its
        # enums (~0.9 ms of a one-file lint, issue 12, third day), and nothing here reads them
        import _signal as signal
    except ImportError:  # another Python
        import signal

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        pass


def _is_article(path: Path) -> bool:
    """A regular .md/.markdown file whose first line opens front matter (---, +++ or {)."""
    if path.suffix.lower() not in (".md", ".markdown") or not path.is_file():
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(8).lstrip(b"\xef\xbb\xbf")
    except OSError:
        return False
    return head.startswith((b"---", b"+++", b"{"))


def refuse_article_replacement(output: str | None, force: bool) -> None:
    """Exit 2 when -o names an existing Markdown file: it is someone's article, not an output
    of this command (export writes HTML, text or JSON), unless --force."""
    if output is None or output in ("-", "") or force:
        return
    path = Path(output)
    if path.suffix.lower() in (".md", ".markdown") and path.exists():
        raise fail(f"--output {output} is an existing Markdown file, not an export; refusing to replace it (use --force)")


def write_output(text: str, output: Path | None, replace_article: bool = False) -> None:
    """stdout, or a file written atomically (temporary file in the same directory, then rename).

    An existing Markdown file that opens with front matter is someone's article, never a report:
    it is not replaced (exit 2) unless the caller already decided (`export --force`)."""
    if output is not None and str(output) == "":
        raise fail("--output: empty file name")
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if not replace_article and _is_article(output):
        raise fail(f"--output {output} is an existing article (it opens with front matter); refusing to replace it")
    from newsctl.atomic import remove_leftovers, write_atomic

    remove_leftovers(output.resolve().parent)
    try:
        write_atomic(output.resolve(), text)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None


@contextmanager
def progress_bar(label: str, total: int, quiet: bool = False) -> Iterator[Callable[..., None]]:
    """An `advance()` callable: a rich progress bar on stderr for many files on a terminal, else a no-op."""
    if not progress_enabled(total, quiet):
        yield lambda *_: None
        return
    from rich.progress import Progress

    from newsctl.cli.console import stderr_console

    # rich moves whatever is printed to stdout above the bar, on the bar's terminal: right when
    # stdout is that terminal too, but `newsctl outline -f json DIR > out.json` streams its report
    # while the bar runs, and it must reach the file, not the screen
    with Progress(console=stderr_console(), transient=True, redirect_stdout=sys.stdout.isatty()) as progress:
        task = progress.add_task(label, total=total)
        yield lambda *_: progress.advance(task)


def parse_articles(targets: list[str], settings: Any, label: str, quiet: bool = False) -> tuple[list[Any], list[dict[str, Any]]]:
    """Parse every article under targets (with a progress bar for many files).

    Returns the Articles and, for files that cannot be read, {"path", "line", "column", "message"}.
    """
    from newsctl.engine import collect, parse_or_error

    files = list(collect(targets, settings))
    articles: list[Any] = []
    errors: list[dict[str, Any]] = []
    with progress_bar(label, len(files), quiet) as advance:
        for item in files:
            article, error = parse_or_error(item, settings.site_format)
            if article is not None:
                articles.append(article)
            if error is not None:
                errors.append(error)
            advance()
    return articles, errors


def located(path: str, reason: str) -> str:
    """A failure as `path:line:col: message` (`newsctl.export.summary.located`)."""
    from newsctl.export.summary import located as _located

    return _located(path, reason)




STDIN = "-"


def wants_stdin(paths: list[str] | None, stdin_filename: str | None) -> bool:
    """Whether PATHS is '-' (read the article from standard input); exit 2 on a misuse."""
    use = bool(paths) and STDIN in (paths or [])
    if use and paths != [STDIN]:
        raise fail("'-' (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not use:
        raise fail("--stdin-filename needs '-' as the path (the article is read from standard input)")
    return use


def read_stdin_article(stdin_filename: str | None, settings: Any = None) -> tuple[Any, dict[str, Any] | None]:
    """The article on standard input, parsed once (with the site's front-matter format from
    settings): (Article, None) or (None, the read error)."""
    from newsctl.fields import DEFAULT_SITE
    from newsctl.parse import parse
    from newsctl.source import Source, SourceError

    shown = stdin_filename or STDIN
    site = settings.site_format if settings is not None else DEFAULT_SITE
    try:
        return parse(Source.from_bytes(shown, sys.stdin.buffer.read()), site), None
    except SourceError as exc:
        return None, {"path": shown, "line": exc.line, "column": exc.column, "message": exc.message}


def progress_enabled(count: int, quiet: bool) -> bool:
    """A progress bar only for many files, on a terminal, and never when quiet."""
    return count >= 20 and not quiet and sys.stderr.isatty() and not os.environ.get("CI")




def apply_shard(files: list[Any], spec: str | None, settings: Any) -> list[Any]:
    """The files of shard K/N (or all of them); exit 2 on a malformed K/N."""
    if spec is None:
        return files
    from newsctl.shard import parse_shard, project_root, select

    try:
        k, n = parse_shard(spec)
    except ValueError as exc:
        raise fail(str(exc)) from None
    return select(files, project_root(settings), k, n)


_OPTION_TYPES = frozenset({"ConfigOpt", "NowOpt", "OutputOpt", "PathsArg", "JobsOpt", "StdinFilenameOpt", "ShardOpt"})


def __getattr__(name: str) -> Any:
    """The Typer option types, from `newsctl.cli.options` (which imports Typer) on first use."""
    if name in _OPTION_TYPES:
        from newsctl.cli import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_program(run: Callable[[], Any]) -> None:
    """Run a command line (`newsctl.cli.entry.main`, `newsctl.cli.app.main`) with what every
    command shares: no collections at exit, a clean stop on SIGTERM, and a message (exit 2)
    when standard output cannot take the report."""
    import atexit
    import gc

    # At exit the interpreter runs full garbage collections over every object still alive
    # (modules, classes, the parsed article...): ~20 ms of a one-file lint's CPU, to free memory
    # the process is about to return anyway. Freezing the collector's objects last thing (the
    # first handler registered runs last) skips that traversal; module teardown and every other
    # exit handler still run, output is flushed as before. Only unreachable reference cycles are
    # left to the OS instead of having their finalizers run, and newsctl closes what it writes.
    # docs/performance.md, "Start-up: garbage collection at exit".
    atexit.register(gc.freeze)
    from newsctl import batchgc

    batchgc.for_start_up()  # no collections while the modules load (~3 ms of a one-file lint)
    stop_cleanly_on_sigterm()  # every command: a SIGTERM mid-write leaves no temporary file
    try:
        run()
    except OSError as exc:
        # A report that standard output cannot take (a full disk, /dev/full, an I/O error):
        # click handles a closed pipe only, and every other error raised a traceback midway
        # through a streamed report. Errors naming a file are not this one: they go up as before.
        if exc.filename is not None or not _stdout_write_error(exc):
            raise
        sys.stderr.write(f"newsctl: error: cannot write to standard output: {exc.strerror or exc}\n")
        sys.stderr.flush()
        try:  # what is left in stdout's buffer would fail again at exit, with a second message
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise SystemExit(2) from None
    except UnicodeEncodeError as exc:
        # Standard output set to an encoding that cannot hold the report's text
        # (PYTHONIOENCODING=ascii, a latin-1 terminal): say so, instead of a traceback midway.
        if not _stdout_cannot_encode(exc):
            raise
        shown = ascii(exc.object[exc.start : exc.end])
        sys.stderr.write(
            f"newsctl: error: cannot write to standard output: its encoding ({sys.stdout.encoding}) "
            f"cannot represent {shown}; use UTF-8 (PYTHONIOENCODING=utf-8)\n"
        )
        sys.stderr.flush()
        raise SystemExit(2) from None


def _stdout_cannot_encode(exc: UnicodeEncodeError) -> bool:
    """Whether the error is standard output's encoding failing (not some other encode)."""
    import codecs

    try:
        return codecs.lookup(exc.encoding).name == codecs.lookup(sys.stdout.encoding or "").name
    except (LookupError, TypeError):
        return False


def _stdout_write_error(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG)
