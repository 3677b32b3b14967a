"""Inline suppression comments in the article body.

    <!-- newsctl: disable H002 -->         off from here (all rules when no code)
    <!-- newsctl: enable -->               back on (all, or the codes named)
    <!-- newsctl: disable-next-line S003 --> off for the next line only
    text <!-- newsctl: disable-line H003 -->  off for the line the comment is on

Codes may be codes, prefixes, categories or rule names, separated by spaces or commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsctl import registry
from newsctl.article import Article
from newsctl.findings import Finding

# any newsctl comment: the directive word is checked by rule H006, so a typo is reported
_DIRECTIVE = re.compile(r"<!--\s*newsctl:\s*([a-z-]*)\b([^>]*?)\s*-->", re.I)


# the directives newsctl knows; rule H006 reports any other word
ACTIONS = ("disable", "enable", "disable-next-line", "disable-line")

_ONLY_DIRECTIVES = re.compile(r"^\s*(?:<!--\s*newsctl:.*?-->\s*)+$", re.S)


def is_directive_only(html: str) -> bool:
    """Whether a piece of raw HTML is nothing but newsctl comments (exporters leave it out)."""
    return _ONLY_DIRECTIVES.match(html) is not None


@dataclass(frozen=True)
class Directive:
    action: str
    selectors: tuple[str, ...]  # empty: every rule
    line: int  # line the comment starts on
    end_line: int
    column: int = 1


def directives(article: Article) -> list[Directive]:
    """Every suppression comment in the body, in file order."""
    found: list[Directive] = []
    for block in article.blocks:
        if block.kind == "html":
            for m in _DIRECTIVE.finditer(block.raw):
                first = block.line + block.raw.count("\n", 0, m.start())
                last = block.line + block.raw.count("\n", 0, m.end())
                col = m.start() - (block.raw.rfind("\n", 0, m.start()) + 1) + 1
                found.append(_directive(m, first, last, col))
        inlines = ([block.inline] if block.inline else []) + list(block.cells)
        for inline in inlines:
            for tag in inline.html:
                for m in _DIRECTIVE.finditer(tag.raw):
                    found.append(_directive(m, tag.span.line, tag.span.end_line, tag.span.column))
    found.sort(key=lambda d: d.line)
    return found


def _directive(m: re.Match[str], line: int, end_line: int, column: int = 1) -> Directive:
    selectors = tuple(s for s in re.split(r"[\s,]+", m.group(2).strip()) if s)
    return Directive(m.group(1).lower(), selectors, line, end_line, column)


def _covers(selectors: tuple[str, ...], finding: Finding) -> bool:
    if not selectors:
        return True
    r = registry.get(finding.code)
    return r is not None and any(registry.matches(s, r) for s in selectors)


def is_suppressed(finding: Finding, found: list[Directive]) -> bool:
    """Replay the directives above the finding: the last disable/enable covering its rule wins."""
    disabled = False
    for d in found:
        if d.line > finding.line:
            break
        if d.action == "disable-next-line":
            if d.end_line + 1 == finding.line and _covers(d.selectors, finding):
                return True
        elif d.action == "disable-line":
            if d.line <= finding.line <= d.end_line and _covers(d.selectors, finding):
                return True
        elif d.action in ("disable", "enable") and _covers(d.selectors, finding):
            disabled = d.action == "disable"
    return disabled


def filter_suppressed(findings: list[Finding], article: Article) -> list[Finding]:
    found = directives(article)
    if not found:
        return findings
    return [f for f in findings if not is_suppressed(f, found)]
