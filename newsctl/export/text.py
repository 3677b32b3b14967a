"""Wire-style plain text: headline, byline, date line, blank line, wrapped body, link list.

The layout is specified in docs/export.md ("Text format") and pinned by golden
files; change both together.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from typing import Any

from newsctl.export.common import ExportDoc, ExportOptions, absolute, display, resolve_article_link, strip_controls, transliterate

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not NBSP: a no-break space stays unbroken


def collapse(text: str) -> str:
    """Each run of ASCII whitespace one space (what `_SPACES.sub(" ", text)` makes). Most
    paragraphs have nothing to collapse: two C scans say so (isprintable is False for every
    character but the space that the regex replaces). Otherwise each of the five other ASCII
    spaces becomes " " and doubled spaces are halved until none is left: str.replace runs in C
    and skips text that has nothing to change, where the regex was tried at every character
    (0.25 of the 0.32 ms a ninjs body's charCount took; issue 12). A run of spaces is still a
    run after the first step and no other character becomes a space, so each run is one space.
    tests/test_export_speed.py compares it with the substitution."""
    if "  " not in text and text.isprintable():
        return text
    for space in "\n\t\r\f\v":
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


QUOTE_INDENT = "    "
CODE_INDENT = "    "


def to_ascii(text: str) -> str:
    """Everything as ASCII (`common.transliterate`)."""
    return transliterate(text)


class _TagStripper(HTMLParser):
    """Text of an HTML block: tags dropped, script/style content dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "iframe", "template", "noscript"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "iframe", "template", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![` that is not a well-formed marked section (`<![ b`, `<![</div>`): the standard
        library asserts; HTML reads it as a bogus comment up to the next `>`, and so does this."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return len(self.rawdata) if end < 0 else end + 1


_SKIPPED = ("script", "style", "iframe", "template", "noscript")
_BREAKING = ("br", "p", "div", "li", "tr")


def _any_case(name: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in name)  # ASCII only, unlike re.IGNORECASE


# A start or end tag as nh3 writes them: a name, attributes double-quoted ('"' inside is &quot;).
# Group 1 is the name of a start tag that reads as a space (br, p, div, li, tr), group 2 that of a
# skipped element's tag; either only when the whole name is that one, as for any other tag.
_SIMPLE_TAG = re.compile(
    "<(?:(" + "|".join(map(_any_case, _BREAKING)) + ")(?![a-zA-Z0-9])"
    "|(/?(?:" + "|".join(map(_any_case, _SKIPPED)) + "))(?![a-zA-Z0-9])"
    "|/?[a-zA-Z][a-zA-Z0-9]*)"
    r"""(?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*\s*/?>"""
)


def strip_tags(html: str) -> str:
    """The text of HTML as a reader sees it: tags dropped (a space for br, p, div, li and tr),
    script, style, iframe, template and noscript left out with their content, character
    references decoded, whitespace runs one space.

    Sanitized HTML (nh3's output: every `<` starts a tag of the simple shape above, no comment)
    is split by one regex into text nodes and tags; anything else is read by `_TagStripper`
    (html.parser). Hand-written (issue 12): html.parser cost 0.6 ms of a ninjs article's 4.6 ms,
    for its charCount. tests/test_export_speed.py compares both on generated and sanitized HTML.
    """
    text = _tag_text(html)
    return collapse(text).strip() if text is not None else _strip_tags_parsed(html)


def text_length(html: str) -> int:
    """`len(strip_tags(html))`, without making the collapsed text: a ninjs body's `charCount`.

    `collapse(text).strip()` equals `collapse(text.strip())` (collapsing maps whitespace to
    whitespace and leaves everything else in place, so the first and last other characters are
    the same). A stripped text starts and ends with another character, so another one follows
    each run of ASCII whitespace: in its UTF-8 bytes with each such space made b" " and every
    other byte b"x" (those spaces are one byte each, and no other character has such a byte),
    the runs are the b" x" pairs, and collapsing takes away every space but one per run.
    Hand-written (issue 12): collapse's `str.replace("  ", " ")` passes copy the whole text
    each time (0.1 of the 0.18 ms the count took). tests/test_export_speed.py compares it with
    `len(strip_tags(...))`.
    """
    text = _tag_text(html)
    if text is None:
        return len(_strip_tags_parsed(html))
    text = text.strip()
    marks = text.encode("utf-8", "surrogatepass").translate(_SPACE_MARKS)
    return len(text) - (marks.count(b" ") - marks.count(b" x"))


# Each byte as b" " (the ASCII whitespace `collapse` collapses) or b"x" (anything else).
_SPACE_MARKS = bytes(0x20 if byte in b" \t\n\r\f\v" else 0x78 for byte in range(256))


def _tag_text(html: str) -> str | None:
    """Sanitized HTML's text nodes joined, a space for each start tag that reads as one, references
    decoded; None when the HTML is not of the simple shape (`_strip_tags_parsed` reads it)."""
    parts = _SIMPLE_TAG.split(html)  # text, breaking name or None, skipped name or None, text...
    texts = parts[0::3]
    if any(parts[2::3]):
        return None
    joined = "".join(texts)
    if "<" in joined:
        return None
    if "&" in joined:  # references decoded per text node, as html.parser does (none spans a tag)
        from html import unescape

        texts = [unescape(text) if "&" in text else text for text in texts]
    pieces: list[str | None] = [None] * (2 * len(texts) - 1)
    pieces[0::2] = texts
    pieces[1::2] = [" " if name else "" for name in parts[1::3]]
    return "".join(pieces)  # type: ignore[arg-type]


def _strip_tags_parsed(html: str) -> str:
    parser = _TagStripper()
    parser.feed(html)
    parser.close()
    return collapse("".join(parser.parts)).strip()


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace but the ASCII space: NBSP, em space, \x1c...


def wrap_words(segment: str, width: int, spaces_only: bool = False) -> list[str]:
    """`textwrap.wrap(segment, width, break_long_words=False, break_on_hyphens=False)` for a
    segment whose whitespace is single ASCII spaces, no leading or trailing one (as `_Writer.wrap`
    makes it): the longest run of words that fits, a longer word alone on its line.

    Hand-written (issue 12): textwrap splits into chunks with a regex and loops over them in
    Python, 1.3 ms of the 2.8 ms a 1,300-word article's text export took; this slices at spaces
    found by str.rfind. Any other whitespace (a no-break space, which textwrap's line-end rules
    treat as whitespace but never splits at) goes to textwrap itself. tests/test_export_speed.py
    compares both on generated text. spaces_only: the caller knows the segment has no other
    whitespace than the ASCII space (it is printable).
    """
    if not spaces_only and _OTHER_SPACE.search(segment):
        return textwrap.wrap(segment, width=width, break_long_words=False, break_on_hyphens=False)
    lines: list[str] = []
    start, end = 0, len(segment)
    while end - start > width:
        cut = segment.rfind(" ", start, start + width + 1)
        if cut < 0:  # the first word is longer than a line: alone on its line, unbroken
            cut = segment.find(" ", start + width + 1)
            if cut < 0:
                break
        lines.append(segment[start:cut])
        start = cut + 1
    lines.append(segment[start:])
    return lines


class _Writer:
    def __init__(self, options: ExportOptions, doc: ExportDoc | None = None) -> None:
        self.options = options
        self.doc = doc
        self.refs: dict[str, int] = {}

    def clean(self, text: str) -> str:
        # controls go before wrapping (render_doc strips them again from the finished text)
        text = strip_controls(text)
        return to_ascii(text) if self.options.ascii else text

    # --- inline ---------------------------------------------------------------------------

    def inline(self, children: list[Any]) -> str:
        return self.clean(self._joined(children))

    def paragraph(self, children: list[Any], width: int) -> list[str]:
        """`wrap(inline(children), width)`. Most paragraphs are printable with no double space:
        `clean` would return them as they are, and `wrap` would find one segment that needs no
        collapse, so they are wrapped after one scan of each kind instead of three (issue 12)."""
        text = self._joined(children)
        if not self.options.ascii and "  " not in text and text.isprintable():
            text = text.strip()
            return wrap_words(text, max(width, 10), spaces_only=True) if text else []
        return self.wrap(self.clean(text), width)

    def _joined(self, children: list[Any]) -> str:
        """The inline tokens' text, before `clean`."""
        out: list[str] = []
        links: list[str | None] = []  # reference marker of each open link
        for child in children:
            t = child.type
            if t in ("text", "text_special"):
                out.append(child.content)
            elif t == "code_inline":
                out.append(child.content)
            elif t == "softbreak":
                out.append(" ")
            elif t == "hardbreak":
                out.append("\n")
            elif t == "link_open":
                links.append(self._marker(child))
            elif t == "link_close":
                marker = links.pop() if links else None
                if marker:
                    out.append(marker)
            elif t == "image":
                alt = collapse(child.content).strip()
                out.append(f"[Image: {alt}]" if alt else "[Image]")
            elif t == "footnote_ref":
                out.append(f"[note {child.meta['id'] + 1}]")
        return "".join(out)

    def _marker(self, tok: Any) -> str | None:
        href = str(tok.attrGet("href") or "")
        if tok.markup == "autolink" or not href or href.startswith("#"):
            return None  # the text already is the address, or it points inside the article
        page = resolve_article_link(self.doc.article, href, self.options) if self.doc else None
        if page == "":
            return None  # a link to an article file that is not there: the text stays
        href = page or absolute(href, self.options.base_url) or href
        if href not in self.refs:
            self.refs[href] = len(self.refs) + 1
        return f" [{self.refs[href]}]"

    def wrap(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        for segment in text.split("\n"):  # hard line breaks stay
            # Most segments are printable with no double space: collapse has nothing to do, and
            # the ASCII space is their only whitespace (every other one is non-printable), so
            # wrap_words need not look for another (issue 12; tests/test_export_speed.py)
            plain = "  " not in segment and segment.isprintable()
            segment = segment.strip() if plain else collapse(segment).strip()
            if not segment:
                continue
            lines.extend(wrap_words(segment, max(width, 10), spaces_only=plain))
        return lines

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, tokens: list[Any], width: int) -> list[list[str]]:
        """Render a token range into blocks (each a list of lines), separated later by blank lines."""
        out: list[list[str]] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t in ("paragraph_open", "heading_open"):
                lines = self.paragraph(tokens[i + 1].children or [], width)
                if lines:
                    out.append(lines)
                i += 3
                continue
            if t in ("bullet_list_open", "ordered_list_open", "blockquote_open", "table_open"):
                close = _matching(tokens, i)
                inner = tokens[i + 1 : close]
                if t == "blockquote_open":
                    quoted = self.blocks(inner, width - len(QUOTE_INDENT))
                    lines = []
                    for k, block in enumerate(quoted):
                        if k:
                            lines.append("")
                        lines.extend(QUOTE_INDENT + line if line else "" for line in block)
                    if lines:
                        out.append(lines)
                elif t == "table_open":
                    out.append(self.table(inner))
                else:
                    out.append(self.list(tok, inner, width))
                i = close + 1
                continue
            if t == "footnote_block_open":
                out.append(["Notes"])
            elif t == "footnote_open":
                # a footnote: its paragraphs, the first labelled like the reference in the text
                close = next(j for j in range(i, n) if tokens[j].type == "footnote_close")
                label = f"[note {tok.meta['id'] + 1}] "
                for k, block in enumerate(self.blocks(tokens[i + 1 : close], width - len(label))):
                    lead = label if k == 0 else " " * len(label)
                    out.append([(lead if m == 0 else " " * len(label)) + line for m, line in enumerate(block)])
                i = close + 1
                continue
            elif t in ("fence", "code_block"):
                code = self.clean(tok.content).rstrip("\n").split("\n")
                out.append([(CODE_INDENT + line).rstrip() for line in code])
            elif t == "hr":
                out.append(["* * *"])
            elif t == "html_block":
                text = self.clean(strip_tags(tok.content))
                if text:
                    out.append(self.wrap(text, width))
            i += 1
        return out

    def list(self, open_tok: Any, inner: list[Any], width: int) -> list[str]:
        ordered = open_tok.type == "ordered_list_open"
        start = int(open_tok.attrGet("start") or 1) if ordered else 1
        items: list[tuple[int, int]] = []
        i = 0
        while i < len(inner):
            if inner[i].type == "list_item_open":
                close = _matching(inner, i)
                items.append((i, close))
                i = close + 1
            else:
                i += 1
        last = start + len(items) - 1
        marker_width = len(f"{last}. ") if ordered else 2
        tight = all(tok.hidden for tok in inner if tok.type == "paragraph_open")
        lines: list[str] = []
        for k, (a, b) in enumerate(items):
            marker = f"{start + k}. ".ljust(marker_width) if ordered else "- "
            blocks = self.blocks(inner[a + 1 : b], width - marker_width)
            item_lines: list[str] = []
            for j, block in enumerate(blocks):
                if j and not tight:
                    item_lines.append("")
                item_lines.extend(block)
            if not item_lines:
                item_lines = [""]
            if k and not tight:
                lines.append("")
            for j, line in enumerate(item_lines):
                prefix = marker if j == 0 else " " * marker_width
                lines.append((prefix + line).rstrip() if line else "")
        return lines

    def table(self, inner: list[Any]) -> list[str]:
        rows: list[list[str]] = []
        aligns: list[str] = []
        header_rows = 0
        row: list[str] = []
        in_head = False
        for tok in inner:
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                row = []
            elif tok.type == "tr_close":
                rows.append(row)
                header_rows += 1 if in_head else 0
            elif tok.type in ("th_open", "td_open") and len(rows) == 0:
                style = str(tok.attrGet("style") or "")
                aligns.append("right" if "right" in style else "center" if "center" in style else "left")
            elif tok.type == "inline":
                row.append(collapse(self.inline(tok.children or [])).strip())
        columns = max((len(r) for r in rows), default=0)
        widths = [max((len(r[c]) if c < len(r) else 0) for r in rows) for c in range(columns)]

        def fmt(r: list[str]) -> str:
            cells = []
            for c in range(columns):
                value = r[c] if c < len(r) else ""
                align = aligns[c] if c < len(aligns) else "left"
                just = value.rjust if align == "right" else value.center if align == "center" else value.ljust
                cells.append(just(widths[c]))
            return " | ".join(cells).rstrip()

        lines = []
        for k, r in enumerate(rows):
            lines.append(fmt(r))
            if k + 1 == header_rows:
                lines.append("-+-".join("-" * w for w in widths))
        return lines


def _matching(tokens: list[Any], i: int) -> int:
    """Index of the token closing tokens[i] (same nesting level)."""
    opener = tokens[i]
    want = opener.type[: -len("_open")] + "_close"
    for j in range(i + 1, len(tokens)):
        if tokens[j].type == want and tokens[j].level == opener.level:
            return j
    return len(tokens) - 1


def _body_parts(w: _Writer, doc: ExportDoc, links: bool = True, tokens: list[Any] | None = None) -> list[str]:
    if tokens is None:
        from newsctl.export.html import body_tokens

        tokens = body_tokens(doc.article, w.options.base_url, options=w.options)
    parts = ["\n".join(block) for block in w.blocks(tokens, w.options.width)]
    if w.refs and links:
        parts.append("\n".join(["Links:"] + [f"[{n}] {w.clean(url)}" for url, n in w.refs.items()]))
    return parts


def render_body(doc: ExportDoc, options: ExportOptions, links: bool = True, tokens: list[Any] | None = None) -> str:
    """The wrapped body and (unless links=False) its link list, without the headline block.
    tokens: the body's tokens from `html.body_tokens` (only read here), None: built here."""
    return "\n\n".join(_body_parts(_Writer(options, doc), doc, links, tokens)) + "\n"


def render(doc: ExportDoc, options: ExportOptions) -> str:
    """The article as wire-style plain text (see docs/export.md)."""
    w = _Writer(options, doc)
    width = options.width
    head = [w.clean(doc.notice)] if doc.notice else []  # first, on a line of its own
    head += w.wrap(w.clean(doc.title), width)
    if doc.byline:
        head.extend(w.wrap(w.clean(doc.byline), width))
    if doc.published:
        line = display(doc.published, doc.published_bare)
        if doc.updated:
            line += f" (updated {display(doc.updated, doc.updated_bare)})"
        head.append(line)
    parts = ["\n".join(head), *_body_parts(w, doc)]
    return "\n\n".join(parts) + "\n"
