"""Article -> Outline: the section tree with anchors, line ranges and counts.

Pure data, built from the finished Article: nothing here parses, reads files or prints.
Renderers live in newsctl.report.outline; the command in newsctl.cli.outline.

- Node zero is the lead (the text before the first heading): level 0, no title, no anchor.
- Every heading section is a node with its level, plain-text title, the anchor id the
  HTML export puts on the heading (newsctl.anchors.section_anchors), and its source
  line range: from the heading line to the last non-blank line before the next heading
  at the same or a higher level (trailing blank lines are not part of a section).
- Counts are over prose (paragraphs, list items, block quotes; not code, tables or
  headings): `own` is the section without its subsections, `total` includes them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, Iterator, Sequence

from newsctl.anchors import section_anchors
from newsctl.article import Article
from newsctl.readability import measure_blocks
from newsctl.text import block_words, reading_time_seconds

FORMAT_VERSION = 1  # the "version" field of the JSON output (docs/outline-json.md)


@dataclass(frozen=True)
class Counts:
    words: int = 0
    paragraphs: int = 0

    @property
    def reading_seconds(self) -> int:
        return reading_time_seconds(self.words)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.paragraphs + other.paragraphs)


@dataclass(frozen=True)
class OutlineNode:
    section: int  # index into article.sections (0 = the lead)
    level: int  # 0 for the lead, else the heading level 1-6
    title: str  # plain text of the heading; "" for the lead
    anchor: str | None  # None for the lead
    line: int | None  # first source line (None: an empty lead)
    end_line: int | None  # last non-blank source line, subsections included
    own: Counts
    total: Counts
    grade: float | None  # Flesch-Kincaid grade of the section with its subsections
    children: tuple[OutlineNode, ...] = ()

    @property
    def is_lead(self) -> bool:
        return self.level == 0

    @property
    def is_empty(self) -> bool:
        return self.line is None


@dataclass(frozen=True)
class Outline:
    path: str
    title: str
    title_source: str  # "front-matter" or "file-name"
    date: date | datetime | None  # publication date from front matter; a date when written without a time
    lang: str
    nodes: tuple[OutlineNode, ...]  # nodes[0] is the lead, then the top-level headings
    total: Counts

    @property
    def lead(self) -> OutlineNode:
        return self.nodes[0]

    def walk(self) -> Iterator[tuple[int, OutlineNode]]:
        """(depth, node) in document order; the lead and top-level headings are depth 1."""

        def visit(nodes: Sequence[OutlineNode], depth: int) -> Iterator[tuple[int, OutlineNode]]:
            for node in nodes:
                yield depth, node
                yield from visit(node.children, depth + 1)

        return visit(self.nodes, 1)

    def headings(self) -> list[OutlineNode]:
        return [n for _, n in self.walk() if not n.is_lead]


def build_outline(article: Article, settings: Any = None) -> Outline:
    """The outline of one parsed article. `settings` is passed on to the readability measure."""
    anchors = section_anchors(article)

    def own_counts(section: int) -> Counts:
        words = paragraphs = 0
        for block in article.section_blocks(section):
            if block.is_prose and block.inline is not None:
                paragraphs += 1
                words += block_words(block)  # the one count (text.article_counts sums the same)
        return Counts(words, paragraphs)

    def node(section: int) -> OutlineNode:
        sec = article.sections[section]
        children = tuple(node(c) for c in sec.children) if section else ()
        own = own_counts(section)
        total = own
        for child in children:
            total = total + child.total
        if section == 0:
            line, end_line = _trimmed(article, sec.line, sec.end_line)
            blocks = [b.index for b in article.section_blocks(0) if b.is_prose]
        else:
            line, end_line = sec.line, _last_text_line(article, sec.line, sec.end_line)
            blocks = [b.index for b in article.section_blocks(section, deep=True) if b.is_prose]
        return OutlineNode(
            section=section,
            level=sec.level,
            title=sec.title,
            anchor=anchors.get(section),
            line=line,
            end_line=end_line,
            own=own,
            total=total,
            grade=_grade(article, blocks, settings),
            children=children,
        )

    lead = node(0)
    tops = tuple(node(c) for c in article.sections[0].children)
    total = lead.total
    for top in tops:
        total = total + top.total
    title, source = _title(article)
    return Outline(
        path=article.path,
        title=title,
        title_source=source,
        date=_date(article),
        lang=article.meta.lang,
        nodes=(lead, *tops),
        total=total,
    )


def limit_depth(outline: Outline, depth: int | None) -> Outline:
    """The outline with at most `depth` levels of headings (1 = top-level headings only)."""
    if depth is None:
        return outline

    def prune(n: OutlineNode, level: int) -> OutlineNode:
        if level >= depth:
            return replace(n, children=())
        return replace(n, children=tuple(prune(c, level + 1) for c in n.children))

    return replace(outline, nodes=tuple(prune(n, 1) for n in outline.nodes))


def _date(article: Article) -> date | datetime | None:
    meta = article.meta
    if meta.date is None:
        return None
    return meta.date.date() if meta.date_is_bare else meta.date


def _title(article: Article) -> tuple[str, str]:
    if article.meta.title and article.meta.title.strip():
        return " ".join(article.meta.title.split()), "front-matter"
    return PurePath(article.path).stem, "file-name"


def _last_text_line(article: Article, first: int, last: int) -> int:
    """The last line in first..last that is not blank (first itself when all are)."""
    src = article.source
    line = min(last, src.line_count)
    while line > first and not src.line_text(line).strip():
        line -= 1
    return max(line, first)


def _trimmed(article: Article, first: int, last: int) -> tuple[int | None, int | None]:
    """first..last without leading and trailing blank lines; (None, None) when all blank."""
    src = article.source
    first = max(first, 1)
    last = min(last, src.line_count)
    while first <= last and not src.line_text(first).strip():
        first += 1
    while last >= first and not src.line_text(last).strip():
        last -= 1
    return (first, last) if first <= last else (None, None)


# --- readability grade ------------------------------------------------------------------------


def _grade(article: Article, blocks: list[int], settings: Any) -> float | None:
    """Flesch-Kincaid grade of the given prose blocks, rounded to 0.1; None without prose to score."""
    if not blocks:
        return None
    stats = measure_blocks(article, blocks, settings)  # settings None: quotations left out, the default
    if not stats.scored:  # nothing measured (e.g. only quotations)
        return None
    return round(stats.flesch_kincaid_grade, 1)
