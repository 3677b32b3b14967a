"""Findings: what a rule reports, and the finished record the engine stamps."""

from __future__ import annotations

from dataclasses import field
from enum import Enum
from typing import Any

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.article import Span


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORIES = ("metadata", "structure", "dates", "readability", "hygiene")


@dataclass(frozen=True)
class Edit:
    """Replace the text between two 1-based positions (end exclusive) with `content`."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True)
class Fix:
    """A mechanical correction: what it does and the edits that do it.

    `safe`: the fix cannot change what the article means (a doubled word, a misspelt key), so
    `newsctl lint --fix` applies it; other fixes need `--unsafe-fixes`. Unsafe unless the rule
    says otherwise.
    """

    message: str
    edits: tuple[Edit, ...]
    safe: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "edits": [e.to_dict() for e in self.edits], "safe": self.safe}


@dataclass(frozen=True)
class Related:
    """Another place a finding points at: the first of two equal headings, the `date` it is compared with.

    Editors show it beside the finding (LSP relatedInformation); it is not part of the lint JSON.
    """

    span: Span
    message: str


@dataclass(frozen=True)
class Hit:
    """What a rule yields: where and what. The engine adds path, code and severity."""

    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # lower than the rule's default for this one hit (M009: a site's own key is only info);
    # a severity configured for the rule still wins
    severity: Severity | None = None


@dataclass(frozen=True, order=False)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    hint: str | None = None
    fix: Fix | None = field(default=None)
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The published JSON shape (docs/json-output.md)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }
