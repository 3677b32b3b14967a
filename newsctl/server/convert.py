"""newsctl positions and findings as LSP data.

newsctl counts 1-based lines and columns in Unicode code points over the text with its line
endings normalised; LSP counts 0-based lines and characters in the negotiated encoding (UTF-16
unless the client offers UTF-8 or UTF-32). Lines are split as newsctl's Source splits them
(LF, CRLF, CR: exactly the line breaks LSP recognises), not with str.splitlines, which also
breaks at form feeds and U+2028 and would shift every later line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from newsctl.findings import Finding, Severity

if TYPE_CHECKING:
    from newsctl.source import Source

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
SOURCE = "newsctl"


class Lines:
    """Position conversion for one version of a document."""

    def __init__(self, source: Source, encoding: str | None = types.PositionEncodingKind.Utf16, bom: bool = False) -> None:
        self.source = source
        self.bom = bom  # the editor's text starts with U+FEFF, which Source dropped: line 1 is one character longer
        # "utf-8", "utf-16" or "utf-32" (the enum's value: str() of the enum would be its name)
        self.encoding = str(getattr(encoding, "value", encoding) or types.PositionEncodingKind.Utf16.value)

    def _units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return len(text)
        if self.encoding == types.PositionEncodingKind.Utf8.value:
            return len(text.encode("utf-8", "surrogatepass"))
        if text.isascii():
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def line_text(self, line: int) -> str:
        """The 1-based line's text ('' past the end)."""
        if 1 <= line <= self.source.line_count:
            return self.source.line_text(line)
        return ""

    def position(self, line: int, column: int) -> types.Position:
        """An LSP position for a 1-based newsctl (line, column), clamped to the text."""
        count = self.source.line_count
        if line > count:
            return types.Position(line=count - 1, character=self._units(self.line_text(count)))
        line = max(line, 1)
        text = self.line_text(line)
        index = min(max(column - 1, 0), len(text))
        prefix = "\ufeff" if self.bom and line == 1 else ""
        return types.Position(line=line - 1, character=self._units(prefix + text[:index]))

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """An LSP range; an empty one is widened to the rest of its line so editors can show it."""
        start = self.position(line, column)
        end = self.position(end_line, end_column)
        if (end.line, end.character) <= (start.line, start.character):
            text = self.line_text(start.line + 1)
            end = types.Position(line=start.line, character=max(start.character, self._units(text)))
        return types.Range(start=start, end=end)

    def from_lsp(self, position: types.Position) -> tuple[int, int]:
        """The 1-based newsctl (line, column) of an LSP position."""
        line = min(max(position.line + 1, 1), self.source.line_count)
        text = self.line_text(line)
        if self.bom and line == 1:
            position = types.Position(line=position.line, character=max(0, position.character - self._units("\ufeff")))
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return line, min(position.character, len(text)) + 1
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return line, index + 1
            units += self._units(char)
        return line, len(text) + 1


def rule_anchor(code: str, name: str) -> str:
    """The anchor of a rule's heading in docs/rules.md ("### H003 doubled-word" -> h003-doubled-word)."""
    return re.sub(r"[^a-z0-9 -]", "", f"{code} {name}".lower()).replace(" ", "-")


def local_rules_doc() -> Path | None:
    """docs/rules.md of the source checkout newsctl runs from (an editable install), if any."""
    candidate = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return candidate if candidate.is_file() else None


def rules_url_for(configured: str | None) -> str | None:
    """The rulesUrl option; unset, the local docs/rules.md when there is one; "" turns links off."""
    if configured is not None:
        return configured or None
    local = local_rules_doc()
    return local.as_uri() if local else None


def rule_href(rules_url: str | None, code: str, name: str) -> str | None:
    if not rules_url:
        return None
    return f"{rules_url.split('#', 1)[0]}#{rule_anchor(code, name)}"


def diagnostic(finding: Finding, lines: Lines, uri: str, rules_url: str | None) -> types.Diagnostic:
    """One finding as an LSP diagnostic: severity, code, link to the rule's docs, related places."""
    message = finding.message if not finding.hint else f"{finding.message}\n{finding.hint}"
    href = rule_href(rules_url, finding.code, finding.rule)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lines.range(r.span.line, r.span.column, r.span.end_line, r.span.end_column)),
            message=r.message,
        )
        for r in finding.related
    ]
    return types.Diagnostic(
        range=lines.range(finding.line, finding.column, finding.end_line, finding.end_column),
        severity=SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        message=message,
        related_information=related or None,
        data={"rule": finding.rule, "fixable": finding.fix is not None},
    )


def config_diagnostic(message: str, config_uri: str | None) -> types.Diagnostic:
    """A bad settings file, shown once at the top of every open article."""
    related = None
    if config_uri:
        zero = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
        related = [types.DiagnosticRelatedInformation(location=types.Location(uri=config_uri, range=zero), message="The settings file")]
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        severity=types.DiagnosticSeverity.Error,
        code="config",
        source=SOURCE,
        message=f"newsctl settings error, nothing was checked: {message}",
        related_information=related,
    )


def internal_error_diagnostic(error: BaseException) -> types.Diagnostic:
    """newsctl itself failed on this document: say so where the writer looks, not only in a log."""
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        severity=types.DiagnosticSeverity.Error,
        code="internal-error",
        source=SOURCE,
        message=f"newsctl could not check this document: {type(error).__name__}: {error} (details in the server log)",
    )
