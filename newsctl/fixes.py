"""Apply the fixes rules attach to findings (`newsctl lint --fix`), touching nothing else.

Edits are positions in the normalised text (no BOM, LF newlines). They are mapped back to
the file's own text so a fixed file keeps its BOM, its line endings (CRLF, CR or LF, even
mixed) and every byte outside the edited spans. Only fixes a rule marks safe are applied
unless `unsafe` is set. Overlapping fixes wait for the next pass; passes repeat (re-linting
the new text) until nothing changes, so a second `--fix` finds nothing to do.

Whatever a rule claims, a fix is refused when the front matter it produces is worse than
before: a key that would appear twice (a rename onto an existing key), or YAML that no
longer parses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import field
from typing import Callable

from newsctl.findings import Edit, Finding
from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.settings import Settings
from newsctl.source import Source, SourceError

MAX_PASSES = 10
_NEWLINE = re.compile(r"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"


@dataclass
class FixOutcome:
    """What fixing one file did: the bytes before and after, and which findings were fixed."""

    path: str
    original: bytes
    fixed: bytes
    applied: list[Finding] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass(frozen=True)
class _Raw:
    """The file's own text (BOM removed, newlines kept) and where each line starts in it."""

    text: str
    starts: tuple[int, ...]
    newline: str

    @classmethod
    def of(cls, text: str) -> _Raw:
        starts = [0]
        first = None
        for m in _NEWLINE.finditer(text):
            starts.append(m.end())
            first = first or m.group()
        return cls(text, tuple(starts), first or "\n")

    def offset(self, line: int, column: int) -> int:
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        nl = _NEWLINE.search(self.text, start)
        line_end = nl.start() if nl else len(self.text)  # a column never reaches past the newline
        return min(start + column - 1, line_end)


def is_applicable(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and bool(f.fix.edits) and (f.fix.safe or unsafe)


def refusal(f: Finding, text: str) -> str | None:
    """Why this finding's fix would be refused on this (normalised) text, or None."""
    if f.fix is None:
        return None
    raw = _Raw.of(text)
    spans = [_raw_edit(raw, e) for e in f.fix.edits]
    if _header(text) is None or not any(e.line <= _header_end_line(text) for e in f.fix.edits):
        return None
    return _front_matter_damage(raw, [], spans)


def _header_end_line(text: str) -> int:
    lines = text.split("\n")
    return next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)


def fix_bytes(
    data: bytes, path: str, settings: Settings, *, unsafe: bool = False, only: Callable[[Finding], bool] | None = None
) -> FixOutcome:
    """Fix one file's bytes; unreadable input (not UTF-8, binary) is returned unchanged.

    `only` limits the fixes to the findings it accepts (e.g. those on changed lines)."""
    from newsctl.engine import lint_article
    from newsctl.parse import parse

    outcome = FixOutcome(path, data, data)
    bom = data.startswith(_BOM)
    for _ in range(MAX_PASSES):
        try:
            source = Source.from_bytes(path, outcome.fixed)
        except SourceError:
            return outcome
        article = parse(source, settings.site_format)
        candidates = [f for f in lint_article(article, settings) if is_applicable(f, unsafe) and (only is None or only(f))]
        if not candidates:
            break
        raw = _Raw.of(outcome.fixed[3:].decode("utf-8") if bom else outcome.fixed.decode("utf-8"))
        accepted: list[tuple[Finding, list[tuple[int, int, str]]]] = []
        taken: list[tuple[int, int]] = []
        for f in sorted(candidates, key=lambda f: _first_edit(f)):
            assert f.fix is not None
            spans = [_raw_edit(raw, e) for e in f.fix.edits]
            if all(raw.text[a:b] == c for a, b, c in spans):
                continue  # a fix that changes nothing would be "applied" on every pass
            if any(_overlaps((a, b), t) for a, b, _ in spans for t in taken):
                continue  # overlapping an accepted fix: the next pass sees it again
            if any(e.line < article.body_line for e in f.fix.edits):
                reason = _front_matter_damage(raw, accepted, spans)
                if reason:
                    outcome.refused.append((f, reason))
                    continue
            accepted.append((f, spans))
            taken.extend((a, b) for a, b, _ in spans)
        if not accepted:
            break
        new_text = _apply(raw.text, [s for _, spans in accepted for s in spans])
        outcome.fixed = (_BOM if bom else b"") + new_text.encode("utf-8", "surrogatepass")
        outcome.applied.extend(f for f, _ in accepted)
    unique = {(f.code, f.line, f.column, reason): (f, reason) for f, reason in outcome.refused}
    outcome.refused = list(unique.values())  # a refusal repeats on every pass: report it once
    return outcome


def _first_edit(f: Finding) -> tuple[int, int, str]:
    assert f.fix is not None
    first = min(f.fix.edits, key=lambda e: (e.line, e.column))
    return (first.line, first.column, f.code)


def _raw_edit(raw: _Raw, e: Edit) -> tuple[int, int, str]:
    start = raw.offset(e.line, e.column)
    end = max(start, raw.offset(e.end_line, e.end_column))
    return start, end, e.content.replace("\n", raw.newline) if raw.newline != "\n" else e.content


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping or touching spans (touching edits could merge words): one per pass."""
    return a[0] <= b[1] and b[0] <= a[1]


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for start, end, content in sorted(edits):
        out.append(text[pos:start])
        out.append(content)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _front_matter_damage(
    raw: _Raw, accepted: list[tuple[Finding, list[tuple[int, int, str]]]], spans: list[tuple[int, int, str]]
) -> str | None:
    """Why applying these edits (after those accepted) would damage the front matter, or None."""
    before = _header(raw.text)
    after = _header(_apply(raw.text, [s for _, ss in accepted for s in ss] + spans))
    if before is None or after is None:
        return None if after is not None or before is None else "the front matter would no longer be closed"
    keys_before, error_before = _top_keys(before)
    keys_after, error_after = _top_keys(after)
    if error_after and not error_before:
        return f"the front matter would no longer parse ({error_after})"
    doubled = sorted(k for k, n in Counter(keys_after).items() if n > 1 and Counter(keys_before)[k] < n)
    if doubled:
        return f"it would repeat the front-matter key '{doubled[0]}'"
    return None


def _header(text: str) -> str | None:
    """The YAML between the opening and closing '---' lines, or None without a closed header."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i])
    return None


def _top_keys(header: str) -> tuple[list[str], str | None]:
    """The top-level keys as written (duplicates kept), or the YAML error."""
    import yaml

    try:
        node = yaml.compose(header, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return [], str(getattr(exc, "problem", None) or exc).splitlines()[0]
    if not isinstance(node, yaml.MappingNode):
        return [], None
    return [str(k.value) for k, _ in node.value], None


def unified_diff(outcome: FixOutcome) -> str:
    """`diff -u` of the file before and after, as text (line endings shown as the file has them)."""
    import difflib  # here: only --diff needs it (start-up of a lint that reports fixable findings)

    def lines(data: bytes) -> list[str]:
        text = data.decode("utf-8", "replace")
        return text.splitlines(keepends=True)

    before, after = lines(outcome.original), lines(outcome.fixed)
    out = []
    for line in difflib.unified_diff(before, after, f"a/{outcome.path}", f"b/{outcome.path}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_summary(outcomes: list[FixOutcome], dry: bool) -> str:
    """What --fix did (or --diff would do), and each fix refused with its reason."""

    applied = Counter((f.code, f.rule) for o in outcomes for f in o.applied)
    files = sum(1 for o in outcomes if o.changed)
    total = sum(applied.values())
    verb = "Would fix" if dry else "Fixed"
    if not total:
        line = "No fixes to apply." if dry else "Nothing to fix."
    else:
        detail = ", ".join(f"{n} {code} {rule}" for (code, rule), n in sorted(applied.items()))
        line = f"{verb} {total} problem{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''} ({detail})."
    for o in outcomes:
        for f, reason in o.refused:
            line += f"\n{f.path}:{f.line}:{f.column}: {f.code} fix not applied: {reason}"
    return line
