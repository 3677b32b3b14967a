"""Text markers put into the Article's token stream at source positions, before rendering.

A `Range` is a stretch of the source file (1-based line/column, end exclusive) that the page
wraps in one element. `inject()` returns a copy of the Article's markdown-it tokens with a marker
for each end of each range, placed where that source position is rendered:

- in a paragraph, heading or table cell: the inline text token is split at the offset (a position
  inside markup such as `**` or a link destination moves outwards, to before or after the token);
- in a fenced or indented code block: inside its content;
- in raw HTML or a rule (`---`): inside a *source box*, a code block inserted before the block that
  shows its source, because that source is not shown as written (or at all) to readers;
- on a blank line: the nearest block after it (a start) or before it (an end).

Markers are letters and digits behind a random nonce, so the renderer escapes nothing in them,
the sanitizer keeps them as text, and no article can forge one.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from typing import Any

from newsctl.article import Article, Block, Inline
from newsctl.linksyntax import matching_bracket, skip_destination

_EMPHASIS = ("em", "strong", "s")
BOX = "b"  # marker kind at the start of a source box


@dataclass(frozen=True)
class Range:
    """A source range to wrap in one element of the page (end exclusive, like a Span)."""

    line: int
    column: int
    end_line: int
    end_column: int
    tag: str  # the element to wrap with: "mark" (findings) or "span" (sentences, quotations)
    attrs: tuple[tuple[str, str], ...] = ()
    # shown inside the element when it wraps nothing visible (raw HTML the sanitizer removed)
    fill: str = ""


@dataclass
class _Container:
    """Somewhere markers can go: an inline token, a code token or a source box."""

    order: tuple[int, int]  # document order
    kind: str  # inline | code | box
    token: int  # index in the token list (box: the block token it is shown before)
    inline: Inline | None = None
    starts: list[int] = field(default_factory=list)  # inline: raw offset where each child starts
    lines: list[tuple[int, int, int]] = field(default_factory=list)  # code/box: (file line, indent, content offset)
    text: str = ""  # code/box content
    block: Block | None = None


def marker(nonce: str, kind: str, key: int) -> str:
    return f"{nonce}{kind}{key}x"


def marker_pattern(nonce: str) -> re.Pattern[str]:
    return re.compile(re.escape(nonce) + r"([ocb])(\d+)x")


class _Layout:
    """Where each block of the Article is in its token list."""

    def __init__(self, article: Article, tokens: list[Any]) -> None:
        self.article = article
        self.by_block: dict[int, list[_Container]] = {}
        blocks = article.blocks
        k = 0
        i = 0
        n = len(tokens)
        while i < n and k < len(blocks):
            t = tokens[i].type
            if t == "paragraph_open" and tokens[i].map is None:
                # an inline footnote's text (`^[note]`): no source lines, so no Block of its own
                # (newsctl.parse skips it too); its words are in the paragraph that holds it
                i += 3
                continue
            if t in ("heading_open", "paragraph_open"):
                block = blocks[k]
                self.by_block[k] = [self._inline(tokens, i + 1, block.inline, block)]
                k += 1
                i += 3
                continue
            if t in ("fence", "code_block"):
                self.by_block[k] = [self._code(tokens[i], i, blocks[k])]
                k += 1
            elif t in ("html_block", "hr"):
                self.by_block[k] = [self._box(i, blocks[k])]
                k += 1
            elif t == "table_open":
                block = blocks[k]
                cells = []
                j = i + 1
                c = 0
                while tokens[j].type != "table_close":
                    if tokens[j].type == "inline" and c < len(block.cells):
                        cells.append(self._inline(tokens, j, block.cells[c], block))
                        c += 1
                    j += 1
                self.by_block[k] = cells
                k += 1
                i = j
            i += 1

    def _inline(self, tokens: list[Any], index: int, inline: Inline | None, block: Block) -> _Container:
        tok = tokens[index]
        raw = inline.raw if inline is not None else tok.content
        return _Container((index, 0), "inline", index, inline=inline, starts=child_starts(tok.children or [], raw), block=block)

    def _code(self, tok: Any, index: int, block: Block) -> _Container:
        source = self.article.source
        first = block.line + (1 if tok.type == "fence" else 0)
        lines = []
        at = 0
        for j, content_line in enumerate(tok.content.split("\n")):
            line = first + j
            text = source.line_text(line) if line <= source.line_count else ""
            indent = len(text) - len(content_line) if content_line and text.endswith(content_line) else 0
            lines.append((line, indent, at))
            at += len(content_line) + 1
        return _Container((index, 0), "code", index, lines=lines, text=tok.content, block=block)

    def _box(self, index: int, block: Block) -> _Container:
        source = self.article.source
        lines = []
        parts = []
        at = 0
        for line in range(block.line, min(block.end_line, source.line_count) + 1):
            text = source.line_text(line)
            lines.append((line, 0, at))
            parts.append(text)
            at += len(text) + 1
        return _Container((index, -1), "box", index, lines=lines, text="\n".join(parts) + "\n", block=block)

    def find(self, line: int, column: int, end: bool) -> tuple[_Container, int] | None:
        """The container and offset of a file position; None when the body has no block."""
        blocks = self.article.blocks
        if not blocks:
            return None
        inside = [b for b in blocks if b.line <= line <= b.end_line and b.index in self.by_block]
        if inside:
            block = inside[-1] if not end else inside[0]
            return self._in_block(block, line, column, end)
        if end:
            before = [b for b in blocks if b.end_line < line and b.index in self.by_block]
            if before:
                return self._edge(before[-1], last=True)
        after = [b for b in blocks if b.line > line and b.index in self.by_block]
        if after:
            return self._edge(after[0], last=False)
        before = [b for b in blocks if b.index in self.by_block]
        return self._edge(before[-1], last=True) if before else None

    def _edge(self, block: Block, last: bool) -> tuple[_Container, int]:
        box = self.by_block[block.index][-1 if last else 0]
        return box, (_length(box) if last else 0)

    def _in_block(self, block: Block, line: int, column: int, end: bool) -> tuple[_Container, int]:
        boxes = self.by_block[block.index]
        if len(boxes) > 1:  # a table: the last cell starting at or before the column on that line
            pick = boxes[0]
            for box in boxes:
                assert box.inline is not None
                origins = box.inline.line_origins
                if origins and origins[0][0] == line and origins[0][1] <= column - 1 - (1 if end else 0):
                    pick = box
                elif origins and origins[0][0] > line:
                    break
            return pick, _offset(pick, line, column)
        return boxes[0], _offset(boxes[0], line, column)


def _length(box: _Container) -> int:
    if box.kind == "inline":
        return len(box.inline.raw) if box.inline else 0
    return len(box.text.rstrip("\n"))


def _offset(box: _Container, line: int, column: int) -> int:
    """Offset in the container's raw text of a file position (clamped to the text)."""
    if box.kind == "inline":
        if box.inline is None:
            return 0
        rows = [(o, origin[0], origin[1]) for o, origin in zip(box.inline.line_offsets, box.inline.line_origins)]
        raw = box.inline.raw
    else:
        rows = [(at, ln, indent) for ln, indent, at in box.lines]
        raw = box.text.rstrip("\n")
    if not rows:
        return 0
    if line < rows[0][1]:
        return 0
    for i, (start, ln, col0) in enumerate(rows):
        if ln == line:
            stop = rows[i + 1][0] - 1 if i + 1 < len(rows) else len(raw)
            return start + min(max(column - 1 - col0, 0), max(stop - start, 0))
    return len(raw)


def _line_end(box: _Container, offset: int) -> int:
    """End of the content line holding offset (the whole text when that line has nothing left)."""
    raw = box.inline.raw if box.kind == "inline" and box.inline else box.text.rstrip("\n")
    stop = raw.find("\n", offset)
    stop = len(raw) if stop < 0 else stop
    return stop if stop > offset else len(raw)


def child_starts(children: list[Any], raw: str) -> list[int]:
    """Raw offset where each inline child starts (its markup or content), as newsctl.parse locates them."""
    starts: list[int] = []
    pos = 0
    lost = False
    for child in children:
        if lost:
            starts.append(pos)
            continue
        ct = child.type
        at = pos
        if ct == "text":
            at = raw.find(child.content, pos) if child.content else pos
            nxt = at + len(child.content)
        elif ct == "text_special":
            at = raw.find(child.markup, pos)
            nxt = at + len(child.markup)
        elif ct in ("softbreak", "hardbreak"):
            at = raw.find("\n", pos)
            if ct == "hardbreak":  # two spaces or a backslash before the newline
                back = at
                while back > pos and raw[back - 1] in " \\":
                    back -= 1
                at, nxt = back, at + 1
            else:
                nxt = at + 1
        elif ct == "code_inline":
            at = raw.find(child.markup, pos)
            close = raw.find(child.markup, at + len(child.markup)) if at >= 0 else -1
            nxt = close + len(child.markup) if close >= 0 else -1
        elif ct.endswith(("_open", "_close")) and ct.rsplit("_", 1)[0] in _EMPHASIS:
            at = raw.find(child.markup, pos)
            nxt = at + len(child.markup)
        elif ct == "link_open":
            at = raw.find("<" if child.markup == "autolink" else "[", pos)
            nxt = at + 1
        elif ct == "link_close":
            if child.markup == "autolink":
                at = raw.find(">", pos)
                nxt = at + 1
            else:
                at = raw.find("]", pos)
                nxt = skip_destination(raw, at + 1) if at >= 0 else -1
        elif ct == "image":
            at = raw.find("![", pos)
            close = matching_bracket(raw, at + 1) if at >= 0 else -1
            nxt = skip_destination(raw, close + 1) if close >= 0 else len(raw)
        elif ct == "html_inline":
            at = raw.find(child.content, pos)
            nxt = at + len(child.content)
        else:
            nxt = pos
        if at < 0 or nxt < 0:
            lost = True
            starts.append(pos)
            continue
        starts.append(at)
        pos = max(nxt, at)
    return starts


# --- placing the markers -------------------------------------------------------------------------


def _inline_point(box: _Container, children: list[Any], offset: int, end: bool) -> tuple[int, int]:
    """(child index, offset in that text child) for a raw offset; (i, 0) is just before child i."""
    starts = box.starts
    n = len(children)
    if n == 0:
        return (0, 0)
    probe = offset - 1 if end else offset
    i = max(0, bisect.bisect_right(starts, probe) - 1)
    child = children[i]
    if child.type == "text":
        k = min(max(offset - starts[i], 0), len(child.content))
        if end and offset <= starts[i]:
            k = 0
        return (i + 1, 0) if k >= len(child.content) else (i, k)
    if end:  # the end falls inside markup (a link destination, `**`): after that token
        return (i + 1, 0) if offset > starts[i] else (i, 0)
    if offset > starts[i] and child.type in ("softbreak", "hardbreak"):
        return (i + 1, 0)
    return (i, 0)  # the start falls inside markup: before that token


def inject(article: Article, ranges: list[Range], nonce: str) -> tuple[list[Any], set[int]]:
    """A copy of the Article's tokens with markers for each range; and the keys of the ranges placed.

    A range's key is its index in `ranges`. Ranges are nested in the order they are given
    when they start and end at the same place: an earlier range is outside a later one.
    """
    tokens = copy.deepcopy(list(article.tokens))
    layout = _Layout(article, tokens)
    # events: (container order, position in it, close-before-open, tie) -> marker text
    events: dict[tuple[int, int], list[tuple[tuple[int, int], int, int, str]]] = {}
    containers: dict[tuple[int, int], _Container] = {}
    placed: set[int] = set()
    for key, r in enumerate(ranges):
        start = layout.find(r.line, r.column, end=False)
        stop = layout.find(r.end_line, r.end_column, end=True)
        if start is None or stop is None:
            continue
        (a_box, a), (b_box, b) = start, stop
        if (b_box.order, b) <= (a_box.order, a):  # empty, or an end that resolved before its start
            b_box, b = a_box, _line_end(a_box, a)
        for box, off, kind in ((a_box, a, "o"), (b_box, b, "c")):
            containers[box.order] = box
            if box.kind == "inline":
                children = tokens[box.token].children or []
                point = _inline_point(box, children, off, end=kind == "c")
            else:
                point = (off, 0)
            tie = key if kind == "o" else -key
            events.setdefault(box.order, []).append((point, 0 if kind == "c" else 1, tie, marker(nonce, kind, key)))
        placed.add(key)
    boxes_before: dict[int, list[_Container]] = {}
    for order, box in containers.items():
        items = sorted(events[order], key=lambda e: (e[0], e[1], e[2]))
        if box.kind == "inline":
            _insert_inline(tokens[box.token], items)
        elif box.kind == "code":
            tokens[box.token].content = _insert_text(box.text, items)
        else:
            box.text = marker(nonce, BOX, box.token) + _insert_text(box.text, items)
            boxes_before.setdefault(box.token, []).append(box)
    if boxes_before:
        from markdown_it.token import Token

        out: list[Any] = []
        for i, tok in enumerate(tokens):
            for box in boxes_before.get(i, []):
                code = Token("code_block", "code", 0)
                code.content = box.text
                code.block = True
                code.map = tok.map
                out.append(code)
            out.append(tok)
        tokens = out
    return tokens, placed


def _insert_text(text: str, items: list[tuple[tuple[int, int], int, int, str]]) -> str:
    out = []
    at = 0
    body = text.rstrip("\n")
    for (offset, _), _, _, mark in items:
        offset = min(offset, len(body))
        out.append(text[at:offset])
        out.append(mark)
        at = offset
    out.append(text[at:])
    return "".join(out)


def _insert_inline(tok: Any, items: list[tuple[tuple[int, int], int, int, str]]) -> None:
    from markdown_it.token import Token

    children = list(tok.children or [])
    by_child: dict[int, list[tuple[int, str]]] = {}
    for (index, k), _, _, mark in items:
        by_child.setdefault(index, []).append((k, mark))
    out: list[Any] = []

    def text(content: str) -> Any:
        t = Token("text", "", 0)
        t.content = content
        return t

    for i in range(len(children) + 1):
        pending = by_child.get(i, [])
        child = children[i] if i < len(children) else None
        if child is not None and child.type == "text" and pending:
            pieces = []
            at = 0
            for k, mark in pending:
                pieces.append(child.content[at:k])
                pieces.append(mark)
                at = k
            pieces.append(child.content[at:])
            child.content = "".join(pieces)
            out.append(child)
            continue
        if pending:
            out.append(text("".join(mark for _, mark in pending)))
        if child is not None:
            out.append(child)
    tok.children = out
