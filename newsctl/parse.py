"""Source -> Article: the only place Markdown and YAML are parsed.

The body goes through markdown-it-py (CommonMark + tables + strikethrough) once.
Inline tokens carry no offsets, so each inline token is located in the raw content
with a moving cursor; that gives exact file positions for links, images, HTML and
every character of prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

from newsctl import fields as fieldspec
from newsctl.article import (
    Article,
    Block,
    Field,
    Fields,
    FrontMatter,
    HtmlTag,
    Image,
    Inline,
    Link,
    Meta,
    Problem,
    Section,
    Sentence,
    Span,
)
from newsctl.dates import DateMention, find_scanned, scan_texts
from newsctl.fields import DEFAULT_SITE, SiteFormat
from newsctl.frontmatter import split
from newsctl.linksyntax import matching_bracket, skip_destination
from newsctl.templates import Masker, find_templates
from newsctl.source import Source
from newsctl.text import collapse, has_word, split_sentences
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

_BARE_URL = lazy(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.I)
_EMPHASIS = {"em", "strong", "s"}
# C0 controls other than tab/newline, DEL and C1 controls: invisible, and forbidden in HTML and XML
_CONTROL = lazy(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# bytes.translate table: 0 for the UTF-8 bytes a _CONTROL character can start with, 1 for the rest
_CONTROL_BYTES = bytes(0 if (b < 0x20 and b not in (0x09, 0x0A)) or b in (0x7F, 0xC2) else 1 for b in range(256))


@lru_cache(maxsize=1)
def markdown() -> Any:
    """The one markdown-it configuration: CommonMark with raw HTML, tables and strikethrough.

    Every link target is kept (CommonMark would turn `[x](javascript:...)` into text), so the
    hygiene rules can report unsafe links and the exporters can drop them while keeping the words.
    """
    return _new_markdown(full=True)


@lru_cache(maxsize=1)
def _lean_markdown() -> Any:
    """markdown() without strikethrough and footnotes, whose rules act only at a '~' or a '^':
    a body with neither gets the very same tokens from it, without those rules being called at
    every stop of the inline scanner and every line (issue 12: ~6 % of markdown-it's time on
    news copy, which rarely has either). tests/test_speed_parse_equivalence.py compares tokens."""
    return _new_markdown(full=False)


def _new_markdown(full: bool) -> Any:
    """A fresh instance: markdown()'s configuration (full) or _lean_markdown()'s."""
    if full:
        from mdit_py_plugins.footnote import footnote_plugin
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"] if full else ["table"])
    if full:
        md.use(footnote_plugin)
    md.core.ruler.after("block", "heading_attrs", _heading_attrs)
    md.disable("text_join")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# Rules of markdown-it-py (4.3, in .venv) that cannot fire on a body without certain strings,
# each as (rule names, the strings one of which the body must hold), with the check in the
# rule's source that proves it. A rule that does not fire returns False and changes nothing, so
# disabling it gives the very same tokens without the call at every block start, at every line
# of a paragraph (the terminator chains) or after every inline token (issue 12, with hr and
# lheading below: markdown-it 0.87 -> 0.65 ms an article on the bench corpus, 1.11 -> 0.98 on
# the real archives, choosing the instance included).
#
# The body's characters bound what every rule reads: the block rules read the body itself
# (state.src, which core 'normalize' leaves as it is without '\r' and '\0'); an inline rule
# reads an inline token's content or a part of it (a link label, an image's alt): slices of
# body lines joined by '\n', indentation spaces put in front, a table cell's '\' before '|'
# dropped. None of that adds one of these characters, nor makes "]:" of characters apart.
#
# Only the rules whose pruning measured a gain are here. Not pruned: the inline rules that act
# at one character (escape, backticks, link, image, entity: tried only where the text scanner
# stops, which is rare in prose: no gain measured, and every `in` check costs ~1 us); heading,
# hr, lheading and list ('#', '-' and "1." are in nearly every article); 'code' (StateBlock
# reads whether it is active, so is_code_block would change for every other rule); 'newline',
# 'text', 'paragraph'; the footnote plugin's rules (footnote_ref writes state.env["footnotes"]
# before its checks, and footnote_tail acts on that).
_PRUNABLE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # rules_core/normalize.py: NEWLINES_RE = re.compile(r"\r\n?|\n"); NULL_RE = re.compile(r"\0")
    # -- it rewrites every '\n' as itself: a regex sub over the whole body (~65 us an article)
    (("normalize",), ("\r", "\0")),
    # rules_block/fence.py: markers=("~", "`") ... if marker not in markers: return False
    (("fence",), ("`", "~")),
    # rules_block/blockquote.py: if state.src[pos] != ">": return False
    (("blockquote",), (">",)),
    # rules_block/table.py: lineText = mdTrim(getLine(state, startLine)); if "|" not in lineText:
    # return False (everything before it only reads)
    (("table",), ("|",)),
    # rules_block/reference.py: if labelEnd is None ... or charCodeAt(string, labelEnd + 1) != 0x3A:
    # return False -- ':' right after the label's ']' in `string`: body lines, each with its '\n'
    (("reference",), ("]:",)),
    # rules_block/html_block.py: if state.src[pos] != "<": return False
    # rules_inline/html_inline.py: if src[pos] != "<" or pos + 2 >= maximum: return False
    # rules_inline/autolink.py: if state.src[pos] != "<": return False
    (("html_block", "html_inline", "autolink"), ("<",)),
    # rules_inline/emphasis.py: if marker not in ("_", "*"): return False -- MarkdownIt.disable
    # turns off its ruler2 post-processor too, which reads only the delimiters tokenize adds
    (("emphasis",), ("*", "_")),
)


# hr and lheading need a line that ends (but for spaces and tabs) with one of - * _ = :
# rules_block/hr.py: if marker not in ("*", "-", "_"): return False ... while pos < maximum:
#   ch = state.src[pos]; ... if ch != marker and not isStrSpace(ch): return False
# rules_block/lheading.py: if marker in ("-", "="): pos = state.skipCharsStr(pos, marker);
#   pos = state.skipSpaces(pos); if pos >= maximum: level = ... -- and `if not level: return False`
# (pos is at or after the line's start, maximum = eMarks is its '\n' or the end: no rule moves
# it; isStrSpace is ' ' or '\t'). Found in the UTF-8 bytes with those marks made 'M', tab a
# space, every other byte but space and '\n' an 'x' (none of these is part of a multi-byte
# character), by one search with a literal first byte: ~10 us an article where a search over the
# text with a character class first took ~45 (issue 12: hr and lheading are ~60 us an article)
_MARK_CLASSES = bytearray(b"x" * 256)
_MARK_CLASSES[9] = _MARK_CLASSES[32] = 32
_MARK_CLASSES[10] = 10
for _mark in b"-*_=":
    _MARK_CLASSES[_mark] = 77  # M
del _mark


@lru_cache(maxsize=1)
def _mark_at_line_end() -> re.Pattern[bytes]:
    """A mark class, spaces, then a line's end, in _MARK_CLASSES's bytes: compiled on first use."""
    return re.compile(rb"M *(?:\n|\Z)")


def _parser_for(text: str) -> Any:
    """The markdown-it instance for a body: markdown() for one with a '~' or a '^', else the
    lean one, with every rule off that the body lacks the characters for (_PRUNABLE, and hr and
    lheading, see above)."""
    full = "~" in text or "^" in text
    off = [name for names, needs in _PRUNABLE if not any(s in text for s in needs) for name in names]
    # ('\r' would start a line in markdown-it's text, after normalize, and not in this search)
    if "\r" not in text and _mark_at_line_end().search(text.encode("utf-8", "surrogatepass").translate(_MARK_CLASSES)) is None:
        off += ["hr", "lheading"]
    if full and "~" not in text:
        # (markdown() for a '^') rules_inline/strikethrough.py: if silent: return False;
        # if ch != "~": return False -- and its ruler2 post-processor reads only its delimiters
        off.append("strikethrough")
    if "emphasis" in off and (not full or "strikethrough" in off):
        # ruler2 'balance_pairs' (processDelimiters: `if not delimiters: return`) and
        # 'fragments_join' (merges adjacent text tokens, re-computes levels) have nothing to do
        # without a delimiter, which only emphasis and strikethrough add (`delimiters.append`):
        # the only other "text" tokens are autolink's, pushed after its link_open, and
        # pushPending's, flushed before another token is pushed or where a tokenize ends (the
        # link rule's nested one is followed by its link_close), so no two are adjacent; and
        # StateInline.push and pushPending give the levels fragments_join would
        off += ["balance_pairs", "fragments_join"]
    return _pruned_markdown(full, tuple(off))


@lru_cache(maxsize=256)
def _pruned_markdown(full: bool, off: tuple[str, ...]) -> Any:
    """One instance per set of disabled rules, built on first use (~0.2 ms; a one-file lint
    builds one), ~9 KiB each: 52 sets seen over the bench corpus, both real archives and the
    repo's Markdown (at most 3 x 2^8 can be)."""
    if not off:
        return markdown() if full else _lean_markdown()
    return _new_markdown(full).disable(list(off))


_TRAILING_ATTRS = lazy(r"\s+(\{[^{}\n]*\})\s*$")


def _heading_attrs(state: Any) -> None:
    """`## Heading {#id .class}` (Pandoc, kramdown, Hugo, markdown-it-attrs): the attributes go
    on the heading, not into its text. mdit-py-plugins' attrs plugin parses the braces (used
    here) but attaches them only to inline elements and to the block after a `{...}` line, so
    this core rule applies them to headings, before the inline parse."""
    if "{" not in state.src:
        return  # no braces in the body, so no heading ends with attributes (one C scan)
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open" or i + 1 >= len(tokens) or tokens[i + 1].type != "inline":
            continue
        inline = tokens[i + 1]
        m = _TRAILING_ATTRS.search(inline.content)
        if m is None:
            continue
        # here: only for a heading that ends in {...} (the attrs package costs ~2 ms of start-up)
        from mdit_py_plugins.attrs.parse import ParseError
        from mdit_py_plugins.attrs.parse import parse as parse_attrs

        try:
            end, attrs = parse_attrs(m.group(1))
        except ParseError:
            continue
        if end != len(m.group(1)) - 1:  # parse() returns the index of the closing brace
            continue
        inline.content = inline.content[: m.start()]
        for key, value in attrs.items():
            tok.attrSet(key, value)


_markdown = markdown


# newsctl.importers.plaintext.SUFFIXES, repeated so that reading a Markdown file does not import
# the importer (~5 ms of a one-file lint); tests/test_lazy_commands.py checks that they agree.
PLAIN_TEXT_SUFFIXES = (".txt", ".text")


def parse_file(path: Path, display: str | None = None, site: SiteFormat = DEFAULT_SITE) -> Article:
    """Read and parse a file; raises SourceError when it cannot be read as text.

    Plain text (`.txt`) that does not open with front matter is read the way `newsctl import`
    reads it (see parse_plain_text).
    """
    source = Source.read(path, display)
    if path.suffix.lower() in PLAIN_TEXT_SUFFIXES and not source.text.startswith("---"):
        return parse_plain_text(source)
    return parse(source, site)


def parse_plain_text(source: Source) -> Article:
    """Plain text as an Article: the importer's Markdown body, at the text file's own lines.

    The importer gives the body and, for each body line, the source line it came from; the
    body's tokens are moved onto those lines before the usual block, inline and section steps,
    which then read every column from the text file itself. The front matter is absent (one
    `plain-text-source` problem says so); the title, section and byline the importer found are
    the Meta, so the outline and the date rules see them.
    """
    from newsctl.importers.plaintext import read_text

    doc = read_text(source.text, markdown())
    tokens = markdown().parse(doc.body)
    lines = doc.line_map
    for tok in tokens:
        if tok.map:
            start, end = tok.map
            first = next((lines[k] for k in range(start, end) if lines[k]), 1)
            last = next((lines[k] for k in range(end - 1, start - 1, -1) if lines[k]), first)
            tok.map = [first - 1, last]
    blocks = _blocks(tokens, 1, source)
    last_line = source.line_count - 1 if source.text.endswith("\n") else source.line_count
    body_line = next((n for n in lines if n), 1)
    blocks, sections = _sections(blocks, body_line, max(last_line, 1))
    sentences = _Once(partial(_sentences, blocks))
    meta = Meta(
        title=doc.title,
        section=doc.section,
        author=(doc.author,) if doc.author else (),
        slug=doc.slug,
        status="draft",
    )
    first_line = source.line_text(1) if source.line_count else ""
    problem = Problem(
        "plain-text-source",
        "Plain text with no front matter: read the way `newsctl import` reads it",
        Span(1, 1, 1, len(first_line) + 1),
        hint=f"Make it an article: newsctl import {_shell_quote(source.path)}",
    )
    front = FrontMatter(present=False, ok=False)
    return Article(
        source=source,
        front_matter=front,
        meta=meta,
        body_line=body_line,
        blocks=tuple(blocks),
        sections=tuple(sections),
        find_sentences=sentences,
        problems=(problem,),
        find_dates=partial(_dates, blocks, sentences, meta, front, source),
        tokens=tuple(tokens),
        control_characters=_control_characters(source),
    )


def _shell_quote(path: str) -> str:
    import shlex

    return shlex.quote(path)


def parse_text(text: str, path: str = "<text>", site: SiteFormat = DEFAULT_SITE) -> Article:
    return parse(Source.from_text(path, text), site)


def parse(source: Source, site: SiteFormat = DEFAULT_SITE) -> Article:
    parts = split(source.text, source.line_starts)
    problems = list(parts.problems)
    front_matter = _resolve_fields(parts.front_matter, site, source.path)
    meta, meta_problems = _meta(front_matter)
    problems.extend(meta_problems)
    body = source.text[parts.body_offset :]
    templates = find_templates(body) if site.template_syntax == "auto" else ()
    masker = Masker(body, templates) if templates else None
    text = masker.masked if masker else body
    tokens = _parser_for(text).parse(text)
    blocks = _blocks(tokens, parts.body_line, source, masker)
    if masker:
        masker.restore_tokens(tokens)  # the exporters render the source as written
    last_line = source.line_count - 1 if source.text.endswith("\n") else source.line_count
    blocks, sections = _sections(blocks, parts.body_line, max(last_line, 1))
    sentences = _Once(partial(_sentences, blocks))  # split when lint or the readability numbers ask
    return Article(
        source=source,
        front_matter=front_matter,
        meta=meta,
        body_line=parts.body_line,
        blocks=tuple(blocks),
        sections=tuple(sections),
        find_sentences=sentences,
        problems=tuple(problems),
        find_dates=partial(_dates, blocks, sentences, meta, front_matter, source),
        tokens=tuple(tokens),
        control_characters=_control_characters(source),
        link_out_key=_link_out(front_matter, site, body),
    )


def _link_out(fm: FrontMatter, site: SiteFormat, body: str) -> str | None:
    """The key of a link-out item (front matter sends readers elsewhere, and no body)."""
    if not fm.ok or body.strip():
        return None
    for key in site.link_out_fields:
        f = fm.fields.get(key)
        if f is not None and isinstance(f.value, str) and f.value.strip():
            return f.key
    return None


def _control_characters(source: Source) -> tuple[tuple[str, Span], ...]:
    # Every character _CONTROL matches is a byte below 0x20 (not tab or newline) or 0x7F in
    # UTF-8, or starts with the byte 0xC2 (U+0080-U+009F): text whose UTF-8 has none of those
    # bytes has none of those characters, found by two C passes instead of the regex at every
    # character (issue 12: 47 -> ~8 us an article); tests/test_speed_parse_equivalence.py
    if 0 not in source.text.encode("utf-8", "surrogatepass").translate(_CONTROL_BYTES):
        return ()
    out = []
    for m in _CONTROL.finditer(source.text):
        line, col = source.position(m.start())
        out.append((m.group(), Span(line, col, line, col + 1)))
    return tuple(out)


# --- front matter values -------------------------------------------------------------------


# Jekyll names posts YYYY-MM-DD-slug.md; that date is the post's when the front matter has none.
_FILE_DATE = lazy(r"^(\d{4}-\d{2}-\d{2})-")


def _resolve_fields(fm: FrontMatter, site: SiteFormat, path: str) -> FrontMatter:
    """Make each canonical field reachable by its name, whatever the site calls it."""
    if not fm.ok:
        return fm
    written = dict(fm.fields)
    canonical = {name: written[key] for name, key in site.resolve({k: f.value for k, f in written.items()}).items()}
    if "date" not in canonical:
        m = _FILE_DATE.match(Path(path).name)
        if m:
            where = Span(fm.start_line or 1, 1, fm.start_line or 1, 1)
            canonical["date"] = Field("date", m[1], where, where)
    return replace(fm, fields=Fields(written, canonical))


def _meta(fm: Any) -> tuple[Meta, list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if not fm.ok:
        return Meta(), problems
    sources = fm.fields.canonical() if isinstance(fm.fields, Fields) else {k: f for k, f in fm.fields.items() if k in fieldspec.FIELDS}
    for name, field in sources.items():
        spec = fieldspec.FIELDS.get(name)
        if spec is None:
            continue
        key = field.key  # as written: messages name it so
        value = field.value
        convert = fieldspec.CONVERT.get((name, key))
        try:
            if convert is not None:
                value = convert(key, value)
            value = spec.check(value)
        except fieldspec.Unusual as exc:
            problems.append(
                Problem("invalid-value", f"Field '{key}' {exc}", field.value_span, hint=f"Write it like: {key}: {spec.example}", severity="warning")
            )
            value = exc.value
        except fieldspec.Invalid as exc:
            if value is None or (isinstance(value, str) and not value.strip()):
                # a blank line a site template left (`summary: ""`): the field is absent, which
                # an editor would fix (warning) but is not wrong (M007 errs when it is required)
                problems.append(
                    Problem("invalid-value", f"Field '{key}' is empty", field.value_span,
                            hint=f"Fill it in (like: {key}: {spec.example}) or delete the line", severity="warning")
                )
                continue
            problems.append(
                Problem("invalid-value", f"Field '{key}' {exc}", field.value_span, hint=f"Write it like: {key}: {spec.example}")
            )
            continue
        if spec.kind == "datetime":
            values[name], values[f"{name}_is_bare"] = value
        else:
            values[name] = value
    return Meta(**values), problems


# --- blocks --------------------------------------------------------------------------------


def _blocks(tokens: list[Any], body_line: int, source: Source, masker: Masker | None = None) -> list[Block]:
    blocks: list[Block] = []
    lists = quotes = notes = 0
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        # paragraphs first: they are most of the blocks, and their Block made with positional
        # arguments, in its field order (issue 12: with _plain_inline's Inline made so too,
        # _blocks 272 -> 245 us an article; tests/test_speed_parse_equivalence.py pins the order)
        if (t == "paragraph_open" or t == "heading_open") and tok.map is not None:
            start, end = tok.map
            line = body_line + start
            inline = _inline(tokens[i + 1], line, source, masker)
            if t == "paragraph_open":
                block = Block(len(blocks), "paragraph", line, body_line + end - 1, 0, 0, inline, (),
                              lists > 0, quotes > 0, "", "", "", notes > 0)
            else:
                block = Block(len(blocks), "heading", line, body_line + end - 1, 0, int(tok.tag[1]), inline, (),
                              lists > 0, quotes > 0, "", "", str(tok.attrs.get("id", "")), notes > 0)
            blocks.append(block)
            i += 3
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif t == "blockquote_open":
            quotes += 1
        elif t == "blockquote_close":
            quotes -= 1
        elif t == "footnote_open":
            notes += 1
        elif t == "footnote_close":
            notes -= 1
        elif t == "paragraph_open":  # (tok.map is None)
            # an inline footnote's text (`^[note]`) has no source lines of its own: its words sit
            # in the paragraph that holds it (a paragraph without a map used to crash the parse)
            i += 3
            continue
        elif t in ("fence", "code_block", "html_block", "hr"):
            start, end = tok.map
            kind = {"fence": "code", "code_block": "code", "html_block": "html", "hr": "hr"}[t]
            blocks.append(
                Block(
                    index=len(blocks),
                    kind=kind,
                    line=body_line + start,
                    end_line=body_line + end - 1,
                    section=0,
                    in_list=lists > 0,
                    in_quote=quotes > 0,
                    info=(masker.restore(tok.info) if masker else tok.info).strip() if t == "fence" else "",
                    raw=masker.restore(tok.content) if masker else tok.content,
                )
            )
        elif t == "table_open":
            start, end = tok.map
            cells = []
            j = i + 1
            while tokens[j].type != "table_close":
                if tokens[j].type == "inline":
                    cells.append(_inline(tokens[j], body_line + tokens[j].map[0], source, masker))
                j += 1
            blocks.append(
                Block(
                    index=len(blocks),
                    kind="table",
                    line=body_line + start,
                    end_line=body_line + end - 1,
                    section=0,
                    cells=tuple(cells),
                    in_list=lists > 0,
                    in_quote=quotes > 0,
                )
            )
            i = j
        i += 1
    return blocks


class _Walk:
    """The state of locating one paragraph's inline tokens in its raw content, left to right."""

    __slots__ = ("raw", "prose", "plain", "links", "images", "html", "link_stack", "pos")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        # what the prose keeps of raw, as (offset, text) in increasing, non-overlapping order
        # (each handler writes at or after w.pos); everything else is blanked (see _prose)
        self.prose: list[tuple[int, str]] = []
        self.plain: list[str] = []
        self.links: list[tuple[int, int, str, str, bool]] = []
        self.images: list[tuple[int, int, str, str]] = []
        self.html: list[tuple[int, int, str]] = []
        self.link_stack: list[tuple[int, int, bool, str]] = []  # (start, plain index, autolink, href)
        self.pos = 0


# One handler per inline token type, as mdformat renders: each finds its token in the raw text
# from w.pos on, records what it is, moves w.pos past it, and returns False when the token
# cannot be found (the rest of the paragraph is then kept as prose).


def _on_text(w: _Walk, child: Any) -> bool:
    if not child.content:
        return True
    at = w.raw.find(child.content, w.pos)
    if at < 0:
        return False
    end = at + len(child.content)
    if not (w.link_stack and w.link_stack[-1][2]):
        w.prose.append((at, w.raw[at:end]))
    w.plain.append(child.content)
    w.pos = end
    return True


def _on_text_special(w: _Walk, child: Any) -> bool:
    at = w.raw.find(child.markup, w.pos)
    if at < 0:
        return False
    if len(child.content) <= len(child.markup):
        w.prose.append((at, child.content))
    w.plain.append(child.content)
    w.pos = at + len(child.markup)
    return True


def _on_break(w: _Walk, child: Any) -> bool:
    at = w.raw.find("\n", w.pos)
    if at < 0:
        return False
    w.plain.append(" ")
    w.pos = at + 1
    return True


def _on_code_inline(w: _Walk, child: Any) -> bool:
    at = w.raw.find(child.markup, w.pos)
    close = w.raw.find(child.markup, at + len(child.markup)) if at >= 0 else -1
    if close < 0:
        return False
    w.plain.append(child.content)
    w.pos = close + len(child.markup)
    return True


def _on_emphasis(w: _Walk, child: Any) -> bool:
    at = w.raw.find(child.markup, w.pos)
    if at < 0:
        return False
    w.pos = at + len(child.markup)
    return True


def _on_link_open(w: _Walk, child: Any) -> bool:
    href = str(child.attrs.get("href", ""))
    if child.markup == "autolink":
        at = w.raw.find("<", w.pos)
        w.link_stack.append((at, len(w.plain), True, href))
        w.pos = at + 1
        return True
    at = w.raw.find("[", w.pos)
    if at < 0:
        return False
    w.link_stack.append((at, len(w.plain), False, href))
    w.pos = at + 1
    return True


def _on_link_close(w: _Walk, child: Any) -> bool:
    if not w.link_stack:
        return True
    start, first_plain, auto, href = w.link_stack.pop()
    text = "".join(w.plain[first_plain:])
    if auto:
        end = w.raw.find(">", w.pos)
        w.pos = (end + 1) if end >= 0 else w.pos
    else:
        at = w.raw.find("]", w.pos)
        if at < 0:
            return False
        w.pos = skip_destination(w.raw, at + 1)
    w.links.append((start, w.pos, text, href, auto))
    return True


def _on_image(w: _Walk, child: Any) -> bool:
    at = w.raw.find("![", w.pos)
    if at < 0:
        return False
    close = matching_bracket(w.raw, at + 1)
    end = skip_destination(w.raw, close + 1) if close >= 0 else len(w.raw)
    w.images.append((at, end, child.content, str(child.attrs.get("src", ""))))
    w.plain.append(child.content)
    w.pos = end
    return True


def _on_html_inline(w: _Walk, child: Any) -> bool:
    at = w.raw.find(child.content, w.pos)
    if at < 0:
        return False
    w.html.append((at, at + len(child.content), child.content))
    w.pos = at + len(child.content)
    return True


_INLINE_HANDLERS: dict[str, Callable[[_Walk, Any], bool]] = {
    "text": _on_text,
    "text_special": _on_text_special,
    "softbreak": _on_break,
    "hardbreak": _on_break,
    "code_inline": _on_code_inline,
    "link_open": _on_link_open,
    "link_close": _on_link_close,
    "image": _on_image,
    "html_inline": _on_html_inline,
    **{f"{kind}_{edge}": _on_emphasis for kind in _EMPHASIS for edge in ("open", "close")},
}


def _inline(tok: Any, first_line: int, source: Source, masker: Masker | None = None) -> Inline:
    """Locate every inline token in the raw content; build prose, plain text and elements.

    With templates masked, the tokens are located in the masked text (same length), then the
    prose blanks the template characters and everything else gets the originals back.
    Token types without a handler (none today) are skipped, as before.
    """
    raw: str = tok.content
    children = tok.children
    if masker is None and children and len(children) == 1 and children[0].type == "text" and children[0].content == raw:
        return _plain_inline(raw, first_line, source)
    offsets, origins = _line_origins(masker.restore(raw) if masker else raw, first_line, source)
    w = _Walk(raw)
    lost = False
    for child in tok.children or []:
        handler = _INLINE_HANDLERS.get(child.type)
        if handler is not None and not handler(w, child):
            lost = True
            break
    prose, plain, links, images, html, pos = w.prose, w.plain, w.links, w.images, w.html, w.pos
    if lost:  # keep what could not be located as prose rather than dropping it
        prose.append((pos, raw[pos:]))
        plain.append(raw[pos:])
    prose_text = _prose(raw, prose)
    if _may_hold_url(prose_text):
        prose_text = _BARE_URL.sub(lambda m: " " * len(m.group()), prose_text)
    if masker is not None:
        r = masker.restore
        prose_text = masker.blank(prose_text)
        raw = r(raw)
        plain = [r(p) for p in plain]
        links = [(s, e, r(text), r(href), auto) for s, e, text, href, auto in links]
        images = [(s, e, r(alt), r(src)) for s, e, alt, src in images]
        html = [(s, e, r(text)) for s, e, text in html]
    inline = Inline(
        raw=raw,
        prose=prose_text,
        plain=_collapse("".join(plain)),
        line_offsets=offsets,
        line_origins=origins,
    )
    if not (links or images or html):
        return inline
    return Inline(
        raw=raw,
        prose=prose_text,
        plain=inline.plain,
        line_offsets=offsets,
        line_origins=origins,
        links=tuple(Link(text, href, inline.span(s, e), auto) for s, e, text, href, auto in links),
        images=tuple(Image(alt, src, inline.span(s, e)) for s, e, alt, src in images),
        html=tuple(HtmlTag(text, inline.span(s, e)) for s, e, text in html),
    )


def _plain_inline(raw: str, first_line: int, source: Source) -> Inline:
    """_inline of content that is one text token, as written (95 % of a news article's
    paragraphs): the walk would keep all of raw as prose and plain text and find no element,
    so that is what this returns without the walk (issue 12: ~10 -> ~5 us a paragraph).
    tests/test_speed_parse_equivalence.py compares it with the walk."""
    prose = _BARE_URL.sub(lambda m: " " * len(m.group()), raw) if _may_hold_url(raw) else raw
    offsets, origins = _line_origins(raw, first_line, source)
    # positional: raw, prose, plain, line_offsets, line_origins (issue 12: ~0.3 us a paragraph
    # less than keywords; tests/test_speed_parse_equivalence.py checks the field order)
    return Inline(raw, prose, _collapse(raw), offsets, origins)


# A space before another space, or before the marks collapse() joins to the word before them
# (its _SPACE_BEFORE_PUNCT)
_SPACE_THEN_MARK = re.compile(r" [ .,;:!?)\]]")


def _collapse(text: str) -> str:
    """collapse(text), returning text itself when collapse would not change it: no white space
    but single spaces inside it (isprintable() is False for every other white-space character),
    and no space before a mark or another space. Two C scans against collapse's split, join
    and eight `in` scans (issue 12: 4 -> 1.6 us a paragraph); tests/test_speed_parse_equivalence.py."""
    if (
        text.isprintable()
        and text[:1] != " "
        and text[-1:] != " "
        and _SPACE_THEN_MARK.search(text) is None
    ):
        return text
    return collapse(text)


def _may_hold_url(text: str) -> bool:
    """False when _BARE_URL cannot match: each branch needs `://`, `www.` or `@` (no character
    folds onto w, so lower() finds every WWW.); the regex tried every position (issue 12)."""
    return "://" in text or "@" in text or "www." in text.lower()


def _prose(raw: str, kept: list[tuple[int, str]]) -> str:
    """raw with every character blanked (a space; newlines stay) except the kept pieces.

    Built from slices of one blanked copy (issue 12: a list of one string per character, written
    into and joined, was ~15 us per paragraph); the same string (tests/test_speed_lint_equivalence.py)."""
    blank = "\n".join(" " * len(line) for line in raw.split("\n")) if "\n" in raw else " " * len(raw)
    if not kept:
        return blank
    out: list[str] = []
    at = 0
    for start, text in kept:
        out.append(blank[at:start])
        out.append(text)
        at = start + len(text)
    out.append(blank[at:])
    return "".join(out)


def _line_origins(raw: str, first_line: int, source: Source) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """Where each line of the inline content sits in the file (line, 0-based column)."""
    if "\n" not in raw:  # one line (most paragraphs): the loop below, unrolled
        starts = source.line_starts
        if first_line <= len(starts):
            start = starts[first_line - 1]
            text = source.text[start : starts[first_line] - 1 if first_line < len(starts) else len(source.text)]
        else:
            text = ""
        if raw and text.endswith(raw):
            col = len(text) - len(raw)
        else:
            found = text.find(raw) if raw else -1
            col = found if found >= 0 else len(text) - len(text.lstrip())
        return (0,), ((first_line, col),)
    offsets: list[int] = []
    origins: list[tuple[int, int]] = []
    at = 0
    for i, content_line in enumerate(raw.split("\n")):
        line = first_line + i
        text = source.line_text(line) if line <= source.line_count else ""
        if content_line and text.endswith(content_line):
            col = len(text) - len(content_line)
        else:
            found = text.find(content_line) if content_line else -1
            col = found if found >= 0 else len(text) - len(text.lstrip())
        offsets.append(at)
        origins.append((line, col))
        at += len(content_line) + 1
    return tuple(offsets), tuple(origins)


# --- sections and sentences -------------------------------------------------------------------


def _sections(blocks: list[Block], body_line: int, last_line: int) -> tuple[list[Block], list[Section]]:
    """Build the heading tree; section 0 is the lead.

    Each section's parts are kept in parallel lists (issue 12: a dict per section, read by key,
    made this ~35 us an article); tests/test_speed_parse_equivalence.py compares with the dicts."""
    levels: list[int] = [0]
    titles: list[str] = [""]
    headings: list[int | None] = [None]
    lines: list[int] = [body_line]
    members: list[list[int]] = [[]]
    children: list[list[int]] = [[]]
    parents: list[int | None] = [None]
    stack = [0]
    # Each block learns its section here. The blocks were made by this parse and nothing else
    # holds them yet, so the field is written in place, into the instance dict as the frozen
    # dataclass's own __init__ does (newsctl/frozen.py), rather than copying every block with
    # dataclasses.replace (issue 12: ~3 us a block)
    for block in blocks:
        if block.kind == "heading" and not block.in_list and not block.in_quote:
            level = block.level
            while len(stack) > 1 and levels[stack[-1]] >= level:
                stack.pop()
            parent = stack[-1]
            index = len(levels)
            levels.append(level)
            titles.append(block.inline.plain if block.inline else "")
            headings.append(block.index)
            lines.append(block.line)
            members.append([])
            children.append([])
            parents.append(parent)
            children[parent].append(index)
            stack.append(index)
            block.__dict__["section"] = index
        else:
            members[stack[-1]].append(block.index)
            block.__dict__["section"] = stack[-1]
    # A section ends where the next section at the same or a higher level begins.
    count = len(levels)
    sections = []
    for i in range(count):
        end = last_line
        level = levels[i]
        for later in range(i + 1, count):
            if i == 0 or levels[later] <= level:
                end = lines[later] - 1
                break
        end = max(end, lines[i]) if i else max(end, body_line - 1)
        # positional, in Section's field order (pinned by tests/test_speed_parse_equivalence.py)
        sections.append(Section(i, level, titles[i], headings[i], lines[i], end, tuple(members[i]), tuple(children[i]), parents[i]))
    return blocks, sections


class _Once:
    """A value made on the first call and kept: the Article's sentences, which the date finder
    reads too, split once (a module-level class, picklable like find_dates' partial)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make: Callable[[], Any] | None = make
        self.value: Any = None

    def __call__(self) -> Any:
        if self.make is not None:
            self.value, self.make = self.make(), None
        return self.value


def _sentences(blocks: list[Block]) -> tuple[Sentence, ...]:
    """The sentences of the prose blocks that hold a word, as offsets (their text, span and
    word count are made when read: issue 12). A sentence holds a word, count_words > 0, exactly
    when it holds a letter or digit (`has_word`, one C search instead of a count)."""
    out: list[Sentence] = []
    for block in blocks:
        if not block.is_prose or block.inline is None:
            continue
        inline = block.inline
        prose, index, quoted = inline.prose, block.index, block.in_quote
        # (a sentence opening on a letter or digit has a word: no search for most of them)
        out += [
            Sentence(index, start, end, inline, quoted)
            for start, end in split_sentences(prose)
            if prose[start].isalnum() or has_word(prose, start, end)
        ]
    return tuple(out)


# --- date mentions ------------------------------------------------------------------------------


def _dates(
    blocks: list[Block], sentences: Callable[[], tuple[Sentence, ...]], meta: Meta, fm: Any, source: Source
) -> tuple[DateMention, ...]:
    """Date mentions of the title, the summary, then headings, prose paragraphs and table cells in order.

    Every text is given to `scan_texts` at once, and find_dates runs only on the few that can
    hold a date (issue 12: one call per text was ~0.6 ms per article, most texts have none);
    the Article's sentences are read only when a paragraph has one."""
    fields: list[tuple[str, str, Any]] = []
    for key, text in (("title", meta.title), ("summary", meta.summary)):
        f = fm.fields.get(key) if fm.ok else None
        if text and f is not None:
            fields.append((key, text, f))
    texts = [text for _, text, _ in fields]
    # headings, paragraphs and table cells, in order: their blocks and inline content
    owners: list[Block] = []
    inlines: list[Inline] = []
    add_text, add_owner, add_inline = texts.append, owners.append, inlines.append
    for block in blocks:
        kind = block.kind
        if kind == "paragraph" or kind == "heading":
            inline = block.inline
            if inline is not None:
                add_text(inline.prose)
                add_owner(block)
                add_inline(inline)
        elif kind == "table":  # dates in cells are checked like prose ("Tue., March 5" in a schedule)
            for cell in block.cells:
                add_text(cell.prose)
                add_owner(block)
                add_inline(cell)
    found: list[DateMention] = []
    candidates = scan_texts(texts, bare=len(fields))
    if not candidates:
        return ()
    reference = meta.publication_date
    for i, scan, months in candidates:
        if i < len(fields):
            key, text, f = fields[i]
            locate = _field_locator(text, f.value_span, source)
            found.extend(find_scanned(text, reference, scan, locate=locate, where=key, bare_years=True, months=months))
            continue
        block, inline = owners[i - len(fields)], inlines[i - len(fields)]
        bounds = None
        if block.kind == "paragraph":  # reuse the Article's sentences (in block order: found by bisection)
            sents = sentences()
            first = bisect_left(sents, block.index, key=_sentence_block)
            last = bisect_right(sents, block.index, lo=first, key=_sentence_block)
            bounds = [(sent.start, sent.end) for sent in sents[first:last]] or None
        where = "prose" if block.kind == "paragraph" else block.kind  # heading, table
        found.extend(
            find_scanned(
                texts[i], reference, scan, locate=inline.span, block=block.index, where=where, sentences=bounds, months=months
            )
        )
    return tuple(found)


_sentence_block = attrgetter("block")


def _field_locator(text: str, value: Span, source: Source) -> Callable[[int, int], Span]:
    """Spans for offsets in a front-matter string: exact when it is written on one line."""
    line_text = source.line_text(value.line) if value.line <= source.line_count else ""
    at = line_text.find(text, value.column - 1)
    if at < 0:
        return lambda start, end: value
    return lambda start, end: Span(value.line, at + start + 1, value.line, at + max(start + 1, end) + 1)
