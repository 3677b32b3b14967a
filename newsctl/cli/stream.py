"""Reports written as they are made: standard output, or a file written atomically piece by piece.

`write_output` (cli.common) takes the whole report as one string; for thousands of articles
that string (and everything it was made from) is most of the memory a command uses (issue 12:
outline and readability held 0.5 GB for 2,000 articles). `output_writer` gives the same checks
and the same bytes, written as the report grows.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from newsctl.cli.common import _is_article, fail


@contextmanager
def output_writer(output: Path | None) -> Iterator[Callable[[str], None]]:
    """`with output_writer(output) as write:` standard output (None or '-'), else the file,
    replaced atomically when the block ends (an existing article is refused, exit 2, as by
    `write_output`). A failing block leaves the old file."""
    if output is not None and str(output) == "":
        raise fail("--output: empty file name")
    if output is None or str(output) == "-":
        # looked up on every write: a progress bar on a terminal redirects sys.stdout above itself
        yield lambda text: sys.stdout.write(text)
        sys.stdout.flush()
        return
    if _is_article(output):
        raise fail(f"--output {output} is an existing article (it opens with front matter); refusing to replace it")
    from newsctl.atomic import atomic_writer, remove_leftovers

    remove_leftovers(output.resolve().parent)
    try:
        with atomic_writer(output.resolve()) as write:
            yield write
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None
