"""Which findings belong to a change (`lint --diff-base REV`).

A finding is in scope when its lines touch a changed line, or when it judges the article as
a whole (a missing field, the article's grade): such a finding has no line of its own to
change, so it is reported whenever its file changed.
"""

from __future__ import annotations

from pathlib import Path

from newsctl.findings import Finding
from newsctl.gitrepo import ChangedLines

# Rules about the whole file or article rather than a line of it.
FILE_LEVEL = frozenset({"M001", "M002", "M003", "M005", "M007", "M010", "R001", "R005", "S005", "D013"})


def in_scope(f: Finding, changed: ChangedLines) -> bool:
    path = Path(f.path).resolve()
    if f.code in FILE_LEVEL:
        return changed.file_changed(path)
    return changed.touches(path, f.line, f.end_line)
