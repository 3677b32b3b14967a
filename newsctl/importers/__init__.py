"""Importers: copy as it arrives (plain text, Word) read into the article format.

`read(path)` picks the importer by file suffix (a dispatch table, as python-frontmatter picks
its handlers). Importers return data (`Imported`); they never write or print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from newsctl.importers import plaintext
from newsctl.importers.document import Imported, Report, Unsure, render, slugify
from newsctl.source import Source, SourceError

__all__ = ["Imported", "Report", "Unsure", "render", "slugify", "read", "SUFFIXES", "TEXT_SUFFIXES"]

# Layering: parse imports importers.plaintext (to read .txt files); this package's `read` imports
# parse lazily (for the Markdown parser). plaintext itself imports neither.

TEXT_SUFFIXES = plaintext.SUFFIXES  # read by `lint` and `outline` too, at their own lines
MAX_DOCX_BYTES = 50 * 1024 * 1024  # Word files carry images; refuse rather than stall


def _read_text(path: Path, display: str) -> Imported:
    from newsctl.parse import markdown

    return plaintext.read_text(Source.read(path, display).text, markdown())


def _read_docx(path: Path, display: str) -> Imported:
    from newsctl.importers.docx import read_docx

    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise SourceError(f"File is {size:,} bytes; Word files larger than {MAX_DOCX_BYTES:,} bytes are not read")
        with path.open("rb") as fh:
            return read_docx(fh)
    except FileNotFoundError:
        raise SourceError("No such file") from None
    except IsADirectoryError:
        raise SourceError("Is a directory, not a file") from None
    except PermissionError:
        raise SourceError("Permission denied: the file cannot be read") from None


IMPORTERS: dict[str, Callable[[Path, str], Imported]] = {
    **{suffix: _read_text for suffix in TEXT_SUFFIXES},
    ".docx": _read_docx,
}
SUFFIXES = tuple(IMPORTERS)


def read(path: Path, display: str | None = None) -> Imported:
    """Import one file; raises SourceError (with a plain message) when it cannot be read."""
    importer = IMPORTERS.get(path.suffix.lower())
    if path.is_dir():
        raise SourceError("Is a directory: name the files to import")
    if importer is None:
        raise SourceError(f"Cannot import {path.suffix or 'files without a suffix'}: newsctl imports {', '.join(SUFFIXES)}")
    doc = importer(path, display or str(path))
    if not doc.title and not doc.body.strip():
        raise SourceError("Nothing to import: the file has no text")
    return doc
