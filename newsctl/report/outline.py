"""Outline renderers: plain indented tree, Markdown table of contents, JSON, OPML 2.0.

Pure functions from Outline data to text. The rich tree for terminals is drawn in
newsctl.cli.outline from the same `node_label` / `node_stats` strings used here.
The JSON contract is documented in docs/outline-json.md (schema: docs/outline.schema.json).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from email.utils import format_datetime
from typing import Any, Sequence

from newsctl.outline import FORMAT_VERSION, Counts, Outline, OutlineNode

INDENT = "  "
LEAD_LABEL = "Lead"
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|!#])")


# --- shared phrases -----------------------------------------------------------------------------


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def duration(seconds: int) -> str:
    """Reading time for people: "45 s", "3 min", "2 min 5 s"."""
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if rest == 0 else f"{minutes} min {rest} s"


def node_label(node: OutlineNode) -> str:
    """The heading as written in the outline: hashes and title, or "Lead"."""
    if node.is_lead:
        return LEAD_LABEL
    return f"{'#' * node.level} {node.title}" if node.title else "#" * node.level


def node_place(node: OutlineNode) -> str:
    """Anchor and line range: "#recent-developments  lines 15-19"."""
    parts = []
    if node.anchor:
        parts.append(f"#{node.anchor}")
    if node.line is not None:
        parts.append(f"line {node.line}" if node.line == node.end_line else f"lines {node.line}-{node.end_line}")
    return "  ".join(parts)


def counts_text(total: Counts, own: Counts | None = None, grade: float | None = None) -> str:
    """ "150 words · 2 paragraphs · 39 s" with "(65 own)" when subsections add to the section."""
    words = plural(total.words, "word")
    if own is not None and own.words != total.words:
        words += f" ({own.words:,} own)"
    parts = [words, plural(total.paragraphs, "paragraph"), duration(total.reading_seconds)]
    if grade is not None:
        parts.append(f"grade {grade:.1f}")
    return " · ".join(parts)


def node_stats(node: OutlineNode) -> str:
    return counts_text(node.total, node.own, node.grade)


def visible_nodes(outline: Outline) -> list[tuple[int, OutlineNode]]:
    """(depth, node) for the human formats: the lead only when it has content."""
    return [(d, n) for d, n in outline.walk() if not (n.is_lead and n.is_empty)]


# --- plain tree ---------------------------------------------------------------------------------


def render_tree(outlines: Sequence[Outline], *, stats: bool = True) -> str:
    """Plain indented text: the title, the path (with totals), then one line per node."""
    blocks = []
    for outline in outlines:
        lines = [outline.title]
        head = outline.path
        if stats:
            head += " · " + counts_text(outline.total)
        lines.append(head)
        nodes = visible_nodes(outline)
        if not nodes:
            lines.append(INDENT + "(no content)")
        for depth, node in nodes:
            parts = [node_label(node)]
            place = node_place(node)
            if place:
                parts.append(place)
            if stats:
                parts.append(node_stats(node))
            lines.append(INDENT * depth + "  ".join(parts))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


# --- Markdown table of contents ----------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Backslash-escape the ASCII punctuation that could start Markdown markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(outlines: Sequence[Outline], *, stats: bool = False) -> str:
    """A nested list of links to the heading anchors, ready to paste into the article.

    With several articles, each list is preceded by a `## title` heading.
    """
    many = len(outlines) > 1
    blocks = [block for block in (markdown_block(o, many=many, stats=stats) for o in outlines) if block]
    return "\n".join(blocks)


def markdown_block(outline: Outline, *, many: bool, stats: bool = False) -> str:
    """One article's part of `render_markdown` ("" when it adds nothing): many, whether the
    report has several articles (then each starts with its title as a `##` heading)."""
    lines = []
    if many:
        lines += [f"## {escape_markdown(outline.title)}", ""]
    items = [(d, n) for d, n in outline.walk() if not n.is_lead]
    for depth, node in items:
        text = escape_markdown(node.title) if node.title else escape_markdown(node.anchor or "")
        line = f"{INDENT * (depth - 1)}- [{text}](#{node.anchor})"
        if stats:
            line += f" ({plural(node.total.words, 'word')}, {duration(node.total.reading_seconds)})"
        lines.append(line)
    if many and not items:
        lines.append("(no headings)")
    return "\n".join(lines) + "\n" if lines else ""


# --- JSON ---------------------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _counts(c: Counts) -> dict[str, int]:
    return {"words": c.words, "paragraphs": c.paragraphs, "reading_seconds": c.reading_seconds}


def node_dict(node: OutlineNode, *, stats: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level": node.level,
        "title": None if node.is_lead else node.title,
        "anchor": node.anchor,
        "line": node.line,
        "end_line": node.end_line,
    }
    if stats:
        out["own"] = _counts(node.own)
        out["total"] = _counts(node.total)
        out["grade"] = node.grade
    out["children"] = [node_dict(c, stats=stats) for c in node.children]
    return out


def outline_dict(outline: Outline, *, stats: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": outline.path,
        "title": outline.title,
        "title_source": outline.title_source,
        "date": _iso(outline.date),
        "lang": outline.lang,
    }
    if stats:
        out["total"] = _counts(outline.total)
    out["nodes"] = [node_dict(n, stats=stats) for n in outline.nodes]
    return out


def document_head(*, stats: bool = True, depth: int | None = None) -> dict[str, Any]:
    """The JSON document without its articles (`newsctl.jsonstream.ListWriter` writes them)."""
    return {"version": FORMAT_VERSION, "stats": stats, "depth": depth, "articles": []}


def document(outlines: Sequence[Outline], *, stats: bool = True, depth: int | None = None) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "stats": stats,
        "depth": depth,
        "articles": [outline_dict(o, stats=stats) for o in outlines],
    }


def render_json(outlines: Sequence[Outline], *, stats: bool = True, depth: int | None = None) -> str:
    return json.dumps(document(outlines, stats=stats, depth=depth), indent=2, ensure_ascii=False) + "\n"


# --- OPML 2.0 -----------------------------------------------------------------------------------


def rfc822(value: date | datetime) -> str:
    """An RFC 822 date-time as OPML wants it ("Mon, 02 Oct 2023 09:00:00 +0000")."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return format_datetime(value)


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (control characters)."""
    return _XML_INVALID.sub("", text)


def _sort_key(value: date | datetime) -> tuple[date, str]:
    if isinstance(value, datetime):
        try:
            moment = value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value  # naive: as UTC
        except OverflowError:  # 9999-12-31 with a negative offset, 0001-01-01 with a positive one
            moment = value.replace(tzinfo=None)
        return moment.date(), moment.time().isoformat()
    return value, ""


def render_opml(
    outlines: Sequence[Outline], *, stats: bool = True, created: datetime | None = None, title: str | None = None,
    dates: Sequence[date | datetime] | None = None,
) -> str:
    """OPML 2.0: one <outline> per article, its headings nested inside.

    The head carries dateCreated (`created`, normally --now) and dateModified (the latest
    article date), both RFC 822. newsctl's own attributes are plain attributes on <outline>,
    as OPML allows.
    """
    import xml.etree.ElementTree as ET

    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    if title is None:
        title = outlines[0].title if len(outlines) == 1 else f"Outline of {plural(len(outlines), 'article')}"
    ET.SubElement(head, "title").text = _xml_text(title)
    if created is not None:
        ET.SubElement(head, "dateCreated").text = rfc822(created)
    if dates is None:
        dates = [o.date for o in outlines if o.date is not None]
    if dates:
        ET.SubElement(head, "dateModified").text = rfc822(max(dates, key=_sort_key))
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")

    for outline in outlines:
        _add_article(body, outline, stats)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_BODY_OPEN, _BODY_CLOSE, _BODY_EMPTY = "\n  <body>\n    ", "\n  </body>\n</opml>\n", "\n  <body />\n</opml>\n"


def opml_article(outline: Outline, *, stats: bool = True) -> str:
    """One article's <outline> element as `render_opml` writes it among others (indented for its
    place in <body>), so a long report can keep these strings instead of the outlines."""
    text = render_opml([outline], stats=stats, title="")
    start = text.index(_BODY_OPEN) + len(_BODY_OPEN)
    return text[start : len(text) - len(_BODY_CLOSE)]


def assemble_opml(
    articles: Sequence[str], dates: Sequence[date | datetime], *, first_title: str | None,
    created: datetime | None = None,
) -> str:
    """`render_opml` of the outlines whose `opml_article` strings, dates (of those that have one)
    and first title are given: the same bytes."""
    count = len(articles)
    title = first_title if count == 1 and first_title is not None else f"Outline of {plural(count, 'article')}"
    shell = render_opml([], created=created, title=title, dates=dates)
    if not articles:
        return shell
    assert shell.endswith(_BODY_EMPTY)
    return shell[: -len(_BODY_EMPTY)] + _BODY_OPEN + "\n    ".join(articles) + _BODY_CLOSE


def _add_article(body: Any, outline: Outline, stats: bool) -> None:
    import xml.etree.ElementTree as ET

    def add_counts(attrs: dict[str, str], total: Counts, own: Counts | None = None) -> None:
        attrs["words"] = str(total.words)
        attrs["paragraphs"] = str(total.paragraphs)
        attrs["readingSeconds"] = str(total.reading_seconds)
        if own is not None:
            attrs["ownWords"] = str(own.words)
            attrs["ownParagraphs"] = str(own.paragraphs)

    def add_node(parent: ET.Element, node: OutlineNode) -> None:
        attrs = {"text": _xml_text(node.title if not node.is_lead else LEAD_LABEL), "level": str(node.level)}
        if node.anchor:
            attrs["anchor"] = _xml_text(node.anchor)
        if node.line is not None:
            attrs["line"] = str(node.line)
            attrs["endLine"] = str(node.end_line)
        if stats:
            add_counts(attrs, node.total, node.own)
            if node.grade is not None:
                attrs["grade"] = f"{node.grade:.1f}"
        element = ET.SubElement(parent, "outline", attrs)
        for child in node.children:
            add_node(element, child)

    attrs = {"text": _xml_text(outline.title), "path": _xml_text(outline.path)}
    if outline.date is not None:
        attrs["created"] = rfc822(outline.date)
    attrs["lang"] = _xml_text(outline.lang)
    if stats:
        add_counts(attrs, outline.total)
    element = ET.SubElement(body, "outline", attrs)
    for node in outline.nodes:
        if not (node.is_lead and node.is_empty):
            add_node(element, node)
