"""Whitespace hygiene (H): invisible in the rendered page, noisy in every diff.

Both rules carry safe fixes (`newsctl lint --fix`): Markdown renders the text the same after
them. They never touch code, and never the two trailing spaces that make a hard line break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from newsctl.article import Article, Span
from newsctl.findings import Edit, Fix, Hit
from newsctl.registry import rule
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)
from newsctl.rules.hygiene import prose_blocks

if TYPE_CHECKING:
    from newsctl.settings import Settings

_TRAILING = lazy(r"[ \t]+$")
# H009 once searched with (?<=\S) {2,}(?=\S): the runs of two spaces or more between two
# characters that are not whitespace. This finds each run by its literal prefix (re skips ahead
# in C) and H009 checks the characters around it, where the look-behind made re try every
# position of the paragraph (issue 12, third day: ~0.018 -> ~0.006 ms per article;
# tests/test_speed_thirdday_equivalence.py keeps the old pattern).
_SPACE_RUN = lazy("  +")


@rule("H008", "trailing-whitespace", "info", "Spaces or tabs at the end of a line.")
def trailing_whitespace(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Spaces and tabs at the end of a line of the body, outside code blocks. Two or more
        spaces ending a line inside a paragraph are a Markdown hard line break and are left
        alone.

    Why it matters:
        Trailing whitespace is invisible on the page but shows up as noise in every diff and
        review, and editors strip it at random, so the same article changes without a reason.

    Example:
        The council met on Tuesday.[space][tab]

    Use instead:
        The council met on Tuesday.
    """
    whole = article.source.text
    if " \n" not in whole and "\t\n" not in whole and not whole.endswith((" ", "\t")):
        return  # no line of the file ends with a space or tab: two C scans (issue 12)
    code_lines: set[int] = set()
    paragraph_end: dict[int, int] = {}
    for b in article.blocks:
        if b.kind == "code":
            code_lines.update(range(b.line, b.end_line + 1))
        elif b.kind == "paragraph":
            for n in range(b.line, b.end_line + 1):
                paragraph_end[n] = b.end_line
    source = article.source
    last = source.line_count
    for n in range(article.body_line, last + 1):
        if n in code_lines:
            continue
        text = source.line_text(n)
        # where _TRAILING can match (at the end, or before a final newline), tested first:
        # the regex tried every position of every line (issue 12)
        if not text.endswith((" ", "\t", " \n", "\t\n")):
            continue
        m = _TRAILING.search(text)
        if not m:
            continue
        run = m.group()
        if len(run) >= 2 and "\t" not in run and n < paragraph_end.get(n, 0) and text.strip():
            continue  # a hard line break inside a paragraph
        span = Span(n, m.start() + 1, n, m.end() + 1)
        fix = Fix("Delete the trailing whitespace", (Edit(n, m.start() + 1, n, m.end() + 1, ""),), safe=True)
        what = "Blank line holds" if not text.strip() else "Line ends with"
        yield Hit(span, f"{what} {_describe(run)}", "Delete it", fix)


def _describe(run: str) -> str:
    spaces, tabs = run.count(" "), run.count("\t")
    parts = []
    if spaces:
        parts.append(f"{spaces} space{'s' if spaces != 1 else ''}")
    if tabs:
        parts.append(f"{tabs} tab{'s' if tabs != 1 else ''}")
    return " and ".join(parts)


@rule("H009", "doubled-space", "info", "Two or more spaces between words.")
def doubled_space(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Runs of two or more spaces between words in paragraphs and headings (not in code,
        not at the start or end of a line).

    Why it matters:
        A browser shows one space either way, but the doubled space survives into plain-text
        exports, feeds and syndication partners' systems, and it is usually a slip of editing.

    Example:
        The council  met on Tuesday.

    Use instead:
        The council met on Tuesday.
    """
    for b in prose_blocks(article)[0]:  # the paragraphs and headings
        inline = b.inline
        assert inline is not None
        if "  " not in inline.prose:
            continue  # every match is two spaces or more: nothing to search for (issue 12)
        prose = inline.prose
        last = len(prose)
        for m in _SPACE_RUN.finditer(prose):
            if not m.start() or m.end() == last or prose[m.start() - 1].isspace() or prose[m.end()].isspace():
                continue  # what the look-arounds ruled out: not between two non-spaces
            if inline.raw[m.start() : m.end()] != m.group():
                continue  # blanked markup (code, a URL), not spaces in the source
            if not (inline.raw[m.start() - 1 : m.start()].strip() and inline.raw[m.end() : m.end() + 1].strip()):
                continue  # next to blanked markup: not between two words as written
            span = inline.span(m.start(), m.end())
            if span.line != span.end_line:
                continue
            fix = Fix("Use one space", (Edit(span.line, span.column, span.end_line, span.end_column, " "),), safe=True)
            yield Hit(span, f"{len(m.group())} spaces between words", "Use one space", fix)
