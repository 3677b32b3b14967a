"""Hover, code actions and document symbols, from one Analysis: plain functions, no server state."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from lsprotocol import types

from newsctl import registry, rulebook
from newsctl.server.convert import Lines, diagnostic, rule_href

if TYPE_CHECKING:
    from datetime import date

    from newsctl.article import Article, Block
    from newsctl.dates import DateMention
    from newsctl.findings import Finding
    from newsctl.outline import OutlineNode
    from newsctl.server.analysis import Analysis

EXPLAIN_COMMAND = "newsctl.explain"
KIND_EXPLAIN = "quickfix.newsctl.explain"
KIND_FIX_ALL = "source.fixAll.newsctl"
_DISABLE_LINE = re.compile(r"<!--\s*newsctl:\s*disable-line\b([^>]*?)\s*-->", re.I)


# --- hover ------------------------------------------------------------------------------------


def hover(analysis: Analysis, lines: Lines, position: types.Position, rules_url: str | None) -> types.Hover | None:
    """What the writer is pointing at: a finding's rule, the date a date means, a section's numbers."""
    article = analysis.article
    if article is None:
        return None
    line, column = lines.from_lsp(position)
    parts: list[str] = []
    seen: set[str] = set()
    for f in analysis.findings:
        if _contains(f.line, f.column, f.end_line, f.end_column, line, column) and f.code not in seen:
            seen.add(f.code)
            parts.append(finding_markdown(f, rules_url))
    for mention in article.dates:
        s = mention.span
        if _contains(s.line, s.column, s.end_line, s.end_column, line, column):
            text = date_markdown(mention, article)
            if text:
                parts.append(text)
            break
    heading = next((b for b in article.headings() if b.line == line), None)
    if heading is not None:
        text = heading_markdown(analysis, heading)
        if text:
            parts.append(text)
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _contains(line: int, column: int, end_line: int, end_column: int, at_line: int, at_column: int) -> bool:
    if (at_line, at_column) < (line, column):
        return False
    if end_line == line and end_column <= column:  # an empty span covers its own line from its column
        return at_line == line
    return (at_line, at_column) < (end_line, end_column) or (at_line, at_column) == (line, column)


def finding_markdown(f: Finding, rules_url: str | None) -> str:
    """A finding and its rule's documentation, as `newsctl explain` gives it, in Markdown."""
    r = rulebook.get(f.code)
    out = [f"**{f.code} {f.rule}** ({f.category}, {f.severity.value}): {_escape(f.message)}"]
    if f.hint:
        out.append(f"*{_escape(f.hint)}*")
    if r is not None:
        out.append(rule_markdown(r, rules_url))
    return "\n\n".join(out)


def rule_markdown(r: registry.Rule, rules_url: str | None) -> str:
    out: list[str] = []
    for section in registry.DOC_SECTIONS:
        body = r.doc.get(section)
        if not body:
            continue
        if section in ("Example", "Use instead"):
            fence = "```" if "```" not in body else "~~~~"
            out.append(f"**{section}:**\n\n{fence}markdown\n{body}\n{fence}")
        else:
            out.append(f"**{section}:** {body}")
    href = rule_href(rules_url, r.code, r.name)
    if href:
        out.append(f"[{r.code} in the rules reference]({href})")
    return "\n\n".join(out)


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


_PART_OF_DAY = {  # as rule D009 words them
    "tonight": "the night of ",
    "last night": "the night of ",
    "this morning": "the morning of ",
    "this afternoon": "the afternoon of ",
    "this evening": "the evening of ",
}


def date_markdown(m: DateMention, article: Article) -> str | None:
    """The absolute date a date in the text means, counted as the date rules count it."""
    from datetime import timedelta

    from newsctl.dates import WEEKDAYS, long_date, relative_date, short_date

    pub = article.meta.publication_date
    text = _escape(m.text)
    if m.kind == "relative":
        if pub is None:
            return f"**{text}**: the article has no valid publication `date` to count from"
        d = relative_date(m.relative_word or m.text, pub)
        if d is None:
            return f"**{text}**: outside the calendar, counted from {long_date(pub)}"
        part = _PART_OF_DAY.get(m.relative_word or "", "")
        return f"**{text}** means **{part}{long_date(d)}** (counted from the publication date, {long_date(pub)})"
    if m.kind == "weekday" and m.weekday_number is not None:
        if pub is None:
            return None
        before = pub - timedelta(days=(pub.weekday() - m.weekday_number) % 7)
        after = before + timedelta(days=7)
        return (
            f"**{text}**, a day without a date: the {m.weekday_name} on or before publication "
            f"({short_date(pub)}) is {short_date(before)}, the next is {short_date(after)}"
        )
    if not m.valid:
        return f"**{text}**: no such date"
    d = m.date
    if d is None:
        return None
    out = f"**{text}** is **{long_date(d)}**"
    if pub is not None:
        out += f", {_from_publication(d, pub)}"
    if m.year_inferred:
        how = {"past": "the latest such day up to", "future": "the next such day after"}.get(m.year_basis or "", "the nearest such day to")
        out += f" (no year written: {how} the publication date)"
    if m.weekday_number is not None and m.weekday_number != d.weekday():
        out += f"; that is a {WEEKDAYS[d.weekday()]}, not a {m.weekday_name}"
    return out


def _from_publication(d: date, pub: date) -> str:
    days = (d - pub).days
    if days == 0:
        return "the publication day"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days):,} {unit} {'after' if days > 0 else 'before'} publication"


def heading_markdown(analysis: Analysis, heading: Block) -> str | None:
    """A section's words, reading time and grade, as `newsctl outline` counts them."""
    outline = analysis.outline
    if outline is None:
        return None
    node = next((n for _, n in outline.walk() if n.section == heading.section), None)
    if node is None:
        return None
    return f"**{_escape(node.title) or '(untitled)'}**: {section_summary(node)}"


def section_summary(node: OutlineNode) -> str:
    words = node.total.words
    parts = [f"{words:,} word{'s' if words != 1 else ''}"]
    if node.own.words != words:
        parts.append(f"{node.own.words:,} before its subsections")
    parts.append(f"{_reading_time(node.total.reading_seconds)} reading")
    parts.append(f"grade {node.grade:.1f}" if node.grade is not None else "no grade (no prose measured)")
    return ", ".join(parts)


def _reading_time(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


# --- code actions -----------------------------------------------------------------------------


def code_actions(
    analysis: Analysis, lines: Lines, wanted: types.Range, rules_url: str | None, only: Iterable[str] | None = None
) -> list[types.CodeAction]:
    """For each finding in the range: its safe fix, "disable CODE for this line", "explain CODE"."""
    article = analysis.article
    if article is None:
        return []
    uri = analysis.uri
    start = lines.from_lsp(wanted.start)
    end = lines.from_lsp(wanted.end)
    actions: list[types.CodeAction] = []
    disabled: set[tuple[str, int]] = set()
    explained: set[str] = set()
    for f in analysis.findings:
        if not _overlaps(f, start, end):
            continue
        diag = diagnostic(f, lines, uri, rules_url)
        if f.fix is not None:
            edits = [
                types.TextEdit(range=_edit_range(lines, e.line, e.column, e.end_line, e.end_column), new_text=e.content)
                for e in f.fix.edits
            ]
            actions.append(
                types.CodeAction(
                    title=f"{f.fix.message} ({f.code})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
        if (f.code, f.line) not in disabled:
            edit = disable_line_edit(article, lines, f.line, f.code)
            if edit is not None:
                disabled.add((f.code, f.line))
                actions.append(
                    types.CodeAction(
                        title=f"Disable {f.code} for this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        edit=types.WorkspaceEdit(changes={uri: [edit]}),
                    )
                )
        if f.code not in explained:
            explained.add(f.code)
            actions.append(
                types.CodeAction(
                    title=f"Explain {f.code} ({f.rule})",
                    kind=KIND_EXPLAIN,
                    diagnostics=[diag],
                    command=types.Command(title=f"Explain {f.code}", command=EXPLAIN_COMMAND, arguments=[f.code]),
                )
            )
    every = fix_all(analysis, lines)
    if every is not None:
        actions.append(every)
    if only:
        kinds = list(only)
        actions = [a for a in actions if any(a.kind == k or str(a.kind).startswith(f"{k}.") for k in kinds)]
    return actions


def fix_all(analysis: Analysis, lines: Lines) -> types.CodeAction | None:
    """Every safe fix of the document at once (editors run it on save as source.fixAll).

    A fix whose edits overlap an earlier fix's is left for the next run, as ruff does.
    """
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    edits: list[types.TextEdit] = []
    count = 0
    for f in analysis.findings:
        if f.fix is None:
            continue
        spans = [((e.line, e.column), (e.end_line, e.end_column)) for e in f.fix.edits]
        if any(a < d and c < b for a, b in spans for c, d in taken):
            continue
        taken.extend(spans)
        edits.extend(
            types.TextEdit(range=_edit_range(lines, e.line, e.column, e.end_line, e.end_column), new_text=e.content)
            for e in f.fix.edits
        )
        count += 1
    if not count:
        return None
    return types.CodeAction(
        title=f"Apply every safe newsctl fix ({count})",
        kind=KIND_FIX_ALL,
        edit=types.WorkspaceEdit(changes={analysis.uri: edits}),
    )


def _overlaps(f: Finding, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Does the finding touch the requested range (a cursor is an empty range)?"""
    f_start, f_end = (f.line, f.column), (f.end_line, f.end_column)
    if f_end <= f_start:  # an empty span stands for its line from its column
        return start[0] <= f.line <= end[0]
    return f_start <= end and start <= f_end


def _edit_range(lines: Lines, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    """An edit's range as written (an insertion stays empty, unlike a diagnostic's range)."""
    return types.Range(start=lines.position(line, column), end=lines.position(end_line, end_column))


def disable_line_edit(article: Article, lines: Lines, line: int, code: str) -> types.TextEdit | None:
    """The edit that silences `code` on `line` with `<!-- newsctl: disable-line CODE -->`.

    None where an HTML comment would not be read as one: the front matter, code blocks, lines
    outside the body. An existing disable-line comment on the line gets the code added instead.
    """
    if line < article.body_line or line > article.source.line_count:
        return None
    if article.front_matter.present and line <= article.front_matter.end_line:
        return None
    for b in article.blocks:
        if b.line <= line <= b.end_line and b.kind == "code":
            return None
    text = lines.line_text(line)
    existing = _DISABLE_LINE.search(text)
    if existing:
        selectors = existing.group(1).split()
        if not selectors or code in selectors:
            return None  # every rule is already off on this line
        at = existing.end(1)
        pos = lines.position(line, at + 1)
        return types.TextEdit(range=types.Range(start=pos, end=pos), new_text=f" {code}")
    if not text.strip():
        return None
    body = text.rstrip(" \t")
    comment = f"<!-- newsctl: disable-line {code} -->"
    if text[len(body) :].startswith("  "):  # two trailing spaces are a hard line break: keep them last
        at, new_text = len(body), f" {comment}"
    elif body.endswith("\\"):  # so is a trailing backslash
        at = len(body) - 1
        new_text = comment if at > 0 and body[at - 1].isspace() else f" {comment}"
    else:
        at, new_text = len(text), f" {comment}" if text == body else comment
    pos = lines.position(line, at + 1)
    return types.TextEdit(range=types.Range(start=pos, end=pos), new_text=new_text)


def explain_text(code: str, rules_url: str | None) -> str | None:
    """The plain-text explanation the "explain CODE" action shows (as `newsctl explain` prints it)."""
    r = rulebook.get(code)
    if r is None:
        return None
    head = f"{r.code} {r.name} ({r.category}, {r.severity.value}{'' if r.default_enabled else ', off by default'})"
    out = [head, "", r.summary, ""]
    for section in registry.DOC_SECTIONS:
        body = r.doc.get(section)
        if body:
            out += [f"{section}:", *(("    " + x) if x else "" for x in body.splitlines()), ""]
    href = rule_href(rules_url, r.code, r.name)
    if href:
        out.append(href)
    return "\n".join(out).rstrip() + "\n"


# --- document symbols -------------------------------------------------------------------------


def document_symbols(analysis: Analysis, lines: Lines) -> list[types.DocumentSymbol]:
    """The outline (the same tree as `newsctl outline`): the lead, then each section and its subsections."""
    outline = analysis.outline
    if outline is None:
        return []

    def symbol(node: OutlineNode) -> types.DocumentSymbol | None:
        if node.line is None or node.end_line is None:
            return None
        full = lines.range(node.line, 1, node.end_line, len(lines.line_text(node.end_line)) + 1)
        first = lines.range(node.line, 1, node.line, len(lines.line_text(node.line)) + 1)
        children = [s for s in (symbol(c) for c in node.children) if s is not None]
        return types.DocumentSymbol(
            name=node.title or ("Lead" if node.is_lead else "(untitled)"),
            detail=section_summary(node),
            kind=types.SymbolKind.String,
            range=full,
            selection_range=first,
            children=children or None,
        )

    return [s for s in (symbol(n) for n in outline.nodes) if s is not None]
