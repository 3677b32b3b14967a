"""Inline suppression comments in the article body.

    <!-- newsctl: disable H002 -->         off from here (all rules when no code)
    <!-- newsctl: enable -->               back on (all, or the codes named)
    <!-- newsctl: disable-next-line S003 --> off for the next line only
    text <!-- newsctl: disable-line H003 -->  off for the line the comment is on

Codes may be codes, prefixes, categories or rule names, separated by spaces or commas.
"""

from __future__ import annotations

import re

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl import registry
from newsctl.article import Article
from newsctl.findings import Finding
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

# any newsctl comment: the directive word is checked by rule H006, so a typo is reported
_DIRECTIVE = lazy(r"<!--\s*newsctl:\s*([a-z-]*)\b([^>]*?)\s*-->", re.I)


# the directives newsctl knows; rule H006 reports any other word
ACTIONS = ("disable", "enable", "disable-next-line", "disable-line")

# More than this many suppression comments in one article: the rest are ignored (and H006 says
# so). Replay is linear, so this is not for speed: an article that needs thousands of them is
# hiding its findings, and a reviewer should see it.
MAX_DIRECTIVES = 1000

_ONLY_DIRECTIVES = lazy(r"^\s*(?:<!--\s*newsctl:.*?-->\s*)+$", re.S)


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
    """Every suppression comment in the body, in file order (found once per article: H006 and
    the engine's filter both read them)."""
    known = article.derived.get(_DERIVED_KEY)
    if known is None:
        known = article.derived[_DERIVED_KEY] = tuple(_directives(article))
    return list(known)


_DERIVED_KEY = "suppress.directives"


def _directives(article: Article) -> list[Directive]:
    found: list[Directive] = []
    for block in article.blocks:
        # a comment is raw HTML: only html blocks and inline HTML can hold one (issue 12: each
        # block's inlines were gathered into a new list to find that most have none)
        if block.kind != "html" and not (block.inline is not None and block.inline.html) and not block.cells:
            continue
        if block.kind == "html":
            raw = block.raw
            # lines and line starts followed as the matches go: one pass over the block
            pos, line, line_start = 0, block.line, 0
            for m in _DIRECTIVE.finditer(raw):
                gap = raw.count("\n", pos, m.start())
                if gap:
                    line += gap
                    line_start = raw.rfind("\n", pos, m.start()) + 1
                first = line
                col = m.start() - line_start + 1
                inside = raw.count("\n", m.start(), m.end())
                if inside:
                    line += inside
                    line_start = raw.rfind("\n", m.start(), m.end()) + 1
                last, pos = line, m.end()
                found.append(_directive(m, first, last, col))
        inlines = ((block.inline,) + block.cells if block.inline is not None else block.cells)
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
    """The findings no directive covers; linear in findings and directives (thousands of
    `disable-next-line` comments used to be replayed once per finding)."""
    from bisect import bisect_right
    from collections import defaultdict

    found = directives(article)[:MAX_DIRECTIVES]
    if not found:
        return findings
    line_rules: dict[int, list[tuple[str, ...]]] = defaultdict(list)  # disable-next-line, disable-line
    toggles: list[Directive] = []
    for d in found:
        if d.action == "disable-next-line":
            line_rules[d.end_line + 1].append(d.selectors)
        elif d.action == "disable-line":
            for line in range(d.line, d.end_line + 1):
                line_rules[line].append(d.selectors)
        elif d.action in ("disable", "enable"):
            toggles.append(d)
    toggle_lines = [d.line for d in toggles]
    states: dict[str, list[bool]] = {}  # code -> disabled after each toggle, for that rule

    def disabled(finding: Finding) -> bool:
        i = bisect_right(toggle_lines, finding.line)
        if not i:
            return False
        if finding.code not in states:
            state, after = False, []
            for d in toggles:
                if _covers(d.selectors, finding):
                    state = d.action == "disable"
                after.append(state)
            states[finding.code] = after
        return states[finding.code][i - 1]

    return [
        f
        for f in findings
        if not any(_covers(sel, f) for sel in line_rules.get(f.line, ())) and not disabled(f)
    ]
