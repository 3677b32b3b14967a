"""Decoded file text with a line index.

Every position newsctl reports is a 1-based line and column of the *whole file*
(front matter included), counted in Unicode code points. The text is normalised
once here (BOM dropped, CRLF and CR turned into LF) so no later stage has to care.
"""

from __future__ import annotations

import bisect
from dataclasses import field
from pathlib import Path

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)

MAX_FILE_BYTES = 5 * 1024 * 1024  # an article is never this big; refuse rather than stall


class SourceError(Exception):
    """A file that cannot be read as text; carries the 1-based line and column."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Source:
    """The decoded text of one article file."""

    path: str
    text: str
    line_starts: tuple[int, ...] = field(repr=False)

    @classmethod
    def from_text(cls, path: str, text: str) -> Source:
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(path=path, text=text, line_starts=tuple(starts))

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> Source:
        """Decode UTF-8 (BOM tolerated); binary or undecodable input raises SourceError."""
        nul = data.find(b"\x00")
        if nul != -1:
            line = data.count(b"\n", 0, nul) + 1
            return_col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
            raise SourceError("File contains a NUL byte: it looks binary, not a Markdown article", line, return_col)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col_bytes = data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start]
            col = len(col_bytes.decode("utf-8", errors="replace")) + 1
            raise SourceError(
                f"File is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {col})", line, col
            ) from None
        return cls.from_text(path, text)

    @classmethod
    def read(cls, path: Path, display: str | None = None) -> Source:
        """Read a file from disk; every failure becomes a SourceError with a plain message."""
        shown = display or str(path)
        try:
            if path.is_dir():
                raise SourceError("Is a directory, not an article file")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise SourceError(f"File is {size:,} bytes; articles larger than {MAX_FILE_BYTES:,} bytes are not read")
            data = path.read_bytes()
        except SourceError:
            raise
        except FileNotFoundError:
            raise SourceError("No such file") from None
        except PermissionError:
            raise SourceError("Permission denied: the file cannot be read") from None
        except OSError as exc:
            raise SourceError(f"Cannot read file: {exc.strerror or exc}") from None
        return cls.from_bytes(shown, data)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """0-based offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]
