"""Parse and rule overhead (issue 12, second pass): each fast path gives exactly what the
definition it skips gives.

The former definitions are written out here and both are run on generated Markdown (the sample
articles, the bench corpus, and random paragraphs with the characters each fast path treats
specially: white space of every kind, marks after spaces, URLs, markup, entities, hard-wrapped
lines, non-ASCII text).
"""

from __future__ import annotations

import random
from typing import Any

from newsctl import parse as P
from newsctl.article import HtmlTag, Image, Inline, Link
from newsctl.source import Source
from newsctl.text import collapse
from tests.bench.corpus import article
from tests.conftest import ARTICLES

PIECES = [
    "council", "vote", "The", "mayor's", "plan", "U.S.", "2,000", "co-op", "é", "中文", "İ", "ſ",
    " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", "\u2028",
    ".", ",", ";", ":", "!", "?", ")", "]", "(", "[", " .", " ,", " ;", " :", " !", " ?", " )", " ]",
    "*", "_", "**bold**", "*em*", "~~gone~~", "`code`", "[a link](https://example.com)",
    "<https://example.org/x>", "https://example.net/path?q=1", "www.Example.com", "WWW.EXAMPLE.COM",
    "name@example.com", "<b>", "</b>", "&amp;", "&#42;", "\\*", "![alt](img.png)", "[^1]", "^[note]",
    "{{ site.title }}", "{% raw %}", "\\", "  \n", "\n", "\n   ", "\n\t",
]


def random_paragraphs(count: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 30))]
        text = rng.choice([" ", ""]).join(words)
        out.append(text)
    return out


def documents() -> list[str]:
    docs = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    docs += [article(i)[1] for i in range(40)]
    docs += ["---\ntitle: x\n---\n\n" + "\n\n".join(random_paragraphs(20, seed)) + "\n" for seed in range(60)]
    docs += ["---\ntitle: x\n---\n\n" + "\n".join(random_paragraphs(12, seed)) + "\n" for seed in range(60, 90)]
    return docs


# --- the former definitions ---------------------------------------------------------------------


def old_line_origins(raw: str, first_line: int, source: Source) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
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


def old_inline(tok: Any, first_line: int, source: Source) -> Inline:
    """parse._inline before the one-text-token path and _collapse (no templates masked)."""
    raw: str = tok.content
    offsets, origins = old_line_origins(raw, first_line, source)
    w = P._Walk(raw)
    lost = False
    for child in tok.children or []:
        handler = P._INLINE_HANDLERS.get(child.type)
        if handler is not None and not handler(w, child):
            lost = True
            break
    prose, plain, links, images, html, pos = w.prose, w.plain, w.links, w.images, w.html, w.pos
    if lost:
        prose.append((pos, raw[pos:]))
        plain.append(raw[pos:])
    prose_text = P._prose(raw, prose)
    if P._may_hold_url(prose_text):
        prose_text = P._BARE_URL.sub(lambda m: " " * len(m.group()), prose_text)
    inline = Inline(raw=raw, prose=prose_text, plain=collapse("".join(plain)), line_offsets=offsets, line_origins=origins)
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


# --- the tests ------------------------------------------------------------------------------------


def _inline_tokens(text: str) -> tuple[Source, list[tuple[Any, int]]]:
    source = Source.from_text("x.md", text)
    from newsctl.frontmatter import split

    parts = split(source.text, source.line_starts)
    tokens = P.markdown().parse(source.text[parts.body_offset :])
    found = [(t, parts.body_line + t.map[0]) for t in tokens if t.type == "inline" and t.map]
    return source, found


def test_inline_equals_the_walk_on_every_paragraph():
    checked = fast = 0
    for text in documents():
        source, found = _inline_tokens(text)
        for tok, line in found:
            new = P._inline(tok, line, source)
            old = old_inline(tok, line, source)
            assert new == old, (tok.content, new, old)
            assert (new.links, new.images, new.html) == (old.links, old.images, old.html)
            checked += 1
            children = tok.children or []
            fast += len(children) == 1 and children[0].type == "text" and children[0].content == tok.content
    assert checked > 2000 and 500 < fast < checked  # both paths ran


def test_line_origins_equal_the_loop_on_every_line_and_position():
    text = "---\ntitle: x\n---\n\n  indented text\nplain\n\ttabbed\n\nlast line without newline"
    source = Source.from_text("x.md", text)
    raws = ["indented text", "plain", "tabbed", "", "missing here", "text", "last line without newline", "x\ny", "plain\ntabbed"]
    for raw in raws:
        for line in range(1, source.line_count + 3):
            assert P._line_origins(raw, line, source) == old_line_origins(raw, line, source), (raw, line)


def test_blocks_built_positionally_match_the_field_order():
    """parse._blocks makes paragraph and heading Blocks, _plain_inline Inlines and _sections
    Sections with positional arguments: this is the field order they write them in (a field added
    or moved must be added there too)."""
    import dataclasses

    from newsctl.article import Block, Inline, Section

    assert [f.name for f in dataclasses.fields(Inline)][:5] == ["raw", "prose", "plain", "line_offsets", "line_origins"]
    assert [f.name for f in dataclasses.fields(Section)] == [
        "index", "level", "title", "heading", "line", "end_line", "blocks", "children", "parent",
    ]
    assert [f.name for f in dataclasses.fields(Block)] == [
        "index", "kind", "line", "end_line", "section", "level", "inline", "cells", "in_list", "in_quote", "info", "raw",
        "anchor", "in_footnote",
    ]
    article = P.parse_text("---\ntitle: x\n---\n## Head {#h}\n\n- a\n\n> b\n\n[^1]: c\n\nd[^1]\n")
    assert [(b.kind, b.level, b.anchor, b.in_list, b.in_quote, b.in_footnote, b.line, b.end_line) for b in article.blocks] == [
        ("heading", 2, "h", False, False, False, 4, 4), ("paragraph", 0, "", True, False, False, 6, 6),
        ("paragraph", 0, "", False, True, False, 8, 8), ("paragraph", 0, "", False, False, False, 12, 12),
        ("paragraph", 0, "", False, False, True, 10, 10),
    ]


def old_sections(blocks: list[Any], body_line: int, last_line: int) -> tuple[list[Any], list[Any]]:
    """parse._sections before the parallel lists (a dict per section)."""
    raw_sections: list[dict[str, Any]] = [
        {"level": 0, "title": "", "heading": None, "line": body_line, "blocks": [], "children": [], "parent": None}
    ]
    stack = [0]
    owner: list[int] = []
    for block in blocks:
        if block.kind == "heading" and not block.in_list and not block.in_quote:
            while len(stack) > 1 and raw_sections[stack[-1]]["level"] >= block.level:
                stack.pop()
            parent = stack[-1]
            index = len(raw_sections)
            raw_sections.append(
                {
                    "level": block.level,
                    "title": block.inline.plain if block.inline else "",
                    "heading": block.index,
                    "line": block.line,
                    "blocks": [],
                    "children": [],
                    "parent": parent,
                }
            )
            raw_sections[parent]["children"].append(index)
            stack.append(index)
            owner.append(index)
        else:
            raw_sections[stack[-1]]["blocks"].append(block.index)
            owner.append(stack[-1])
    # A section ends where the next section at the same or a higher level begins.
    ends: list[int] = []
    for i, sec in enumerate(raw_sections):
        end = last_line
        for later in raw_sections[i + 1 :]:
            if i == 0 or later["level"] <= sec["level"]:
                end = later["line"] - 1
                break
        ends.append(max(end, sec["line"]) if i else max(end, body_line - 1))
    sections = [
        P.Section(
            index=i,
            level=s["level"],
            title=s["title"],
            heading=s["heading"],
            line=s["line"],
            end_line=ends[i],
            blocks=tuple(s["blocks"]),
            children=tuple(s["children"]),
            parent=s["parent"],
        )
        for i, s in enumerate(raw_sections)
    ]
    # Each block learns its section here. The blocks were made by this parse and nothing else
    # holds them yet, so the field is set in place (as a frozen dataclass's __post_init__ would)
    # rather than copying every block with dataclasses.replace (issue 12: ~3 us a block).
    for b in blocks:
        object.__setattr__(b, "section", owner[b.index])
    return blocks, sections


def test_sections_equal_the_dict_version():
    import copy

    docs = documents() + ["---\ntitle: x\n---\n" + "\n\n".join(f"{'#' * lv} H{k}\n\ntext" for k, lv in enumerate(levels)) + "\n"
                          for levels in ([1, 2, 3, 2, 1], [3, 1, 2, 6, 4, 2], [2, 2, 2], [6, 5, 4, 3, 2, 1], [1])]
    docs += ["---\ntitle: x\n---\n", "---\ntitle: x\n---\n- ## in a list\n\n> ## in a quote\n\n## real\n"]
    for doc in docs:
        article = P.parse(Source.from_text("a.md", doc))
        blocks = list(article.blocks)
        last = article.source.line_count
        for body_line, last_line in ((article.body_line, last), (article.body_line, article.body_line), (1, 1)):
            old_blocks, old_secs = old_sections(copy.deepcopy(blocks), body_line, last_line)
            new_blocks, new_secs = P._sections(copy.deepcopy(blocks), body_line, last_line)
            assert new_secs == old_secs and new_blocks == old_blocks, doc


def test_collapse_shortcut_equals_collapse():
    texts = random_paragraphs(3000, seed=5)
    texts += ["", " ", "a", " a", "a ", "a  b", "a . b", "a .", "a.", "(a )", "a\u00a0b", "a\x1cb", "a\u2028b", "x ]"]
    for ch in map(chr, range(0x3000 + 1)):
        texts.append(f"a{ch}b")
        texts.append(f"a {ch}")
    for text in texts:
        assert P._collapse(text) == collapse(text), repr(text)


def test_whole_article_parse_is_unchanged_by_the_fast_paths(monkeypatch):
    """Every Block of whole articles is the same with the fast paths switched off."""
    docs = documents()
    fast = [P.parse(Source.from_text("a.md", d)) for d in docs]
    monkeypatch.setattr(P, "_inline", lambda tok, line, source, masker=None: old_inline(tok, line, source) if masker is None else _orig_inline(tok, line, source, masker))
    slow = [P.parse(Source.from_text("a.md", d)) for d in docs]
    for a, b in zip(fast, slow):
        assert a.blocks == b.blocks
        assert a.sections == b.sections


_orig_inline = P._inline


def old_control_characters(source: Source) -> tuple:
    out = []
    for m in P._CONTROL.finditer(source.text):
        line, col = source.position(m.start())
        out.append((m.group(), P.Span(line, col, line, col + 1)))
    return tuple(out)


def test_control_characters_equal_the_regex_for_every_code_point():
    texts = [f"a\n{chr(c)}b\tc" for c in range(0x800)] + [f"x{chr(c)}" for c in range(0xD7F0, 0xE010)]
    texts += ["", "\x00", "plain\n", "\u00a0«»\x85\x9f\xa0", "\ud800\x01"] + documents()[:50] + random_paragraphs(500, seed=9)
    for text in texts:
        source = Source.from_text("x.md", text)
        assert P._control_characters(source) == old_control_characters(source), repr(text)


def test_find_templates_needs_a_brace():
    from newsctl.templates import find_templates

    assert find_templates("no braces {here") == ()
    assert [t.text for t in find_templates("a {{ site.title }} b {% raw %}x{% endraw %}")] == ["{{ site.title }}", "{% raw %}x{% endraw %}"]


# --- front matter: the events walk skipped where it cannot find anything ---------------------------

YAML_PIECES = ["key", "title", "a", "1", "x y", '"q"', "'s'", ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "? ",
               "\n", "\n  ", "\n    ", "\n- ", "\n  - ", "&a ", "*a", "!!str ", "!x ", "#", "2024-03-05T10:00:00Z", "- - - "]


def random_headers(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        out.append("".join(rng.choice(YAML_PIECES) for _ in range(rng.randint(1, 40))))
    out += ["a: " + "[" * n + "]" * n for n in range(10, 20)]
    out += ["a:" + "".join("\n" + "  " * i + "k:" for i in range(1, n)) + " v" for n in range(10, 20)]
    out += ["- " * n + "x" for n in range(10, 20)]
    return out


def test_events_walk_skipped_only_where_it_finds_nothing():
    import yaml

    from newsctl import frontmatter as F

    skipped = 0
    for text in random_headers(1500):
        if not F._cannot_be_unsafe(text):
            continue
        skipped += 1
        for loader in filter(None, (F._FastLoader, F._Loader)):
            try:
                assert F._check_events(text, 2, loader, True) is None, text
            except yaml.YAMLError:
                pass  # raised the same by the composer the fast path goes on to
    assert skipped > 200


def test_front_matter_equal_with_the_events_walk(monkeypatch):
    from newsctl import frontmatter as F

    texts = ["---\n" + h + "\n---\nbody\n" for h in random_headers(600, seed=4)] + documents()
    fast = [F.split(t, Source.from_text("x", t).line_starts) for t in texts]
    monkeypatch.setattr(F, "_cannot_be_unsafe", lambda text: False)
    slow = [F.split(t, Source.from_text("x", t).line_starts) for t in texts]
    assert fast == slow


def old_split(text: str, line_starts: tuple[int, ...]) -> Any:
    """frontmatter.split before it read the lines through line_starts (the whole text split)."""
    from newsctl.article import FrontMatter, Problem, Span
    from newsctl.frontmatter import _FORMATS, _LOADERS, Split

    lines = text.split("\n")
    if not text.strip():
        problem = Problem("missing-front-matter", "File is empty: an article needs front matter and a body", Span(1, 1, 1, 1))
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))
    opening = _FORMATS.get(lines[0].rstrip())
    if opening is None:
        problem = Problem(
            "missing-front-matter",
            "No front matter: the file does not start with a '---' line (or '+++' for TOML, '{' for JSON)",
            Span(1, 1, 1, len(lines[0]) + 1),
            hint="Start the file with a YAML header between '---' lines (title, date, author)",
        )
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))
    fmt, closing = opening
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closing), None)
    if close is None:
        blank = next((i for i in range(1, len(lines)) if not lines[i].strip()), len(lines))
        body_index = min(blank + 1, len(lines) - 1) if blank < len(lines) else len(lines)
        problem = Problem(
            "unclosed-front-matter",
            "Front matter opened on line 1 is never closed",
            Span(1, 1, 1, len(lines[0].rstrip()) + 1),
            hint=f"Add a line with '{closing[0]}' after the last front-matter field",
        )
        offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
        return Split(FrontMatter(present=True, ok=False, start_line=1, format=fmt), offset, body_index + 1, (problem,))
    body_index = close + 1
    offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
    header = "\n".join(lines[1:close])
    fm, problems = _LOADERS[fmt](header, 2, 1, close + 1)
    return Split(fm, offset, body_index + 1, problems)


def test_split_through_line_starts_equals_the_whole_split():
    from newsctl import frontmatter as F

    rng = random.Random(8)
    openings = ["---", "--- ", "+++", "{", "", "x", "  ", "---\t"]
    closings = ["---", "...", "--- ", "...\t", "+++", "}", "----", " ---", ""]
    texts = ["", " ", "\n", " \n\t\n", "---", "---\n", "---\n---", "---\n---\n", "---\n\n---\nbody", "+++\ntitle = 'x'\n+++\nb\n",
             '{\n"title": "x"\n}\nbody\n', "---\ntitle: x\n", "---\ntitle: x\n\nbody\nmore", "\u2028---\n---\n", "---\u00a0\nt: x\n---\n"]
    for header in random_headers(400, seed=6):
        for _ in range(2):
            body = rng.choice(["", "\n", "body\n", "\n\nbody\n\n---\nmore\n", "text without newline", "\n---\n"])
            texts.append(rng.choice(openings) + "\n" + header + "\n" + rng.choice(closings) + "\n" + body)
            texts.append(rng.choice(openings) + "\n" + header + rng.choice(["", "\n", "\n\n"]))
    texts += documents()
    for text in texts:
        source = Source.from_text("x.md", text)
        assert F.split(source.text, source.line_starts) == old_split(source.text, source.line_starts), repr(text)


def test_plain_string_nodes_construct_to_their_value():
    """frontmatter._load_with reads a str-tagged scalar node's value itself: the value that
    construct_object gives, for both loaders, on generated headers and the articles'."""
    import yaml

    from newsctl import frontmatter as F

    headers = random_headers(1500, seed=10) + [d.split("\n---\n", 1)[0].removeprefix("---\n") for d in documents()]
    headers += ['a: "x\\ty"', "a: 'it''s'", "a: |\n  block\n  text", "a: >\n  folded\n  text", "? complex\n: v", "a: !!str 12",
                "'k': v", "a: 'é'", "a: \"\\u00e9\\x41\"", "a: null", "a: ~", "a: 2024-03-05", "a: yes", "a: 0o17", "a:\n- x\n- 'y'"]
    checked = 0
    for header in headers:
        for loader_class in filter(None, (F._FastLoader, F._Loader)):
            loader = loader_class(header)
            try:
                node = loader.get_single_node()
            except (yaml.YAMLError, ValueError):
                continue
            finally:
                loader.dispose()
            stack = [node] if node is not None else []
            while stack:
                n = stack.pop()
                if isinstance(n, yaml.MappingNode):
                    stack += [x for pair in n.value for x in pair]
                elif isinstance(n, yaml.SequenceNode):
                    stack += n.value
                elif n.tag == F._STR:
                    fresh = loader_class(header)
                    try:
                        value = fresh.construct_object(n, deep=True)
                    finally:
                        fresh.dispose()
                    assert type(value) is str and value == n.value, (header, n)
                    checked += 1
    assert checked > 3000


# --- rules: one check over the joined body before any block is looked at --------------------------


def test_joined_prefilters_never_skip_a_block_that_one_would_search():
    from newsctl.rules import hygiene as H

    rng = random.Random(7)
    extra = ["the the", "The the", "that that", "TK", "tk", "xx", "TODO", "lorem ipsum", "[Your Name]", "K", "ſ",
             "as an AI", "I hope this helps!", "Let me know if you'd like", "I'm just an AI", "é"]
    pieces = [p for p in PIECES if "\n" not in p] + extra
    for _ in range(3000):
        blocks = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 5))]
        joined = "\n".join(blocks)
        if any(H._may_double(b) for b in blocks):
            assert H._may_double(joined), blocks
        if any(H._may_hold_placeholder(b) for b in blocks):
            assert H._may_hold_placeholder(joined), blocks
        straight = [b.replace("’", "'").replace("‘", "'") for b in blocks]
        assert H.leftover_anywhere(straight) == H.leftover_anywhere(["\n".join(blocks).replace("’", "'").replace("‘", "'")])


def test_enabled_rules_and_severities_memo_equal_the_computation(tmp_path):
    from dataclasses import replace

    from newsctl import engine
    from newsctl.findings import Severity
    from newsctl.settings import Settings

    cases = [
        Settings(),
        Settings(select=("H",), ignore=("H002",)),
        Settings(extend_select=("all",), per_file_ignores=(("a/*.md", ("S",)), ("*.md", ("hygiene",)))),
        Settings(severity={"H": Severity.INFO, "H001": Severity.WARNING, "structure": Severity.ERROR}),
    ]
    for s in cases:
        for path in (None, "a/x.md", "b/y.md", "a/x.md"):
            ignored = list(s.ignore)
            if path is not None:
                from newsctl.settings import _glob_match

                ignored += [sel for pattern, sels in s.per_file_ignores if _glob_match(path, pattern, s.root) for sel in sels]
            assert s.enabled_rules(path) == s._enabled_rules(ignored)
        from newsctl.rulebook import RULES

        assert s.severities() == {code: s.severity_of(r) for code, r in RULES.items()}
        copy = engine._with_linked_files(s, frozenset({"x"}))
        plain = replace(s, linked_files=frozenset({"x"}))
        assert copy == plain and repr(copy) == repr(plain)
        assert copy.__getstate__() == plain.__getstate__()  # the memo never reaches the cache key or a worker


# --- markdown-it: the instance with the rules off that the body lacks the characters for -------------

# Every character a pruning condition of parse._parser_for reads ("]:" and "![" by their parts)
TRIGGERS = "\r\0`~>|]:<*_^&\\![#-=+ \t"

MD_BLOCKS = [
    "## Heading {#id .cls}", "# Title {data-x=1}", "- item", "* item", "+ item", "1. one", "2) two", "> quoted",
    "> > nested *quote*", "```\ncode {x}\n```", "~~~ python\ncode ~~~\n~~~", "    indented code", "\tcode after a tab",
    "| a | b |\n| --- | --- |\n| 1 | 2 |", "a | b\n--- | ---\nc \\| d | e", "> | q | r |\n> | - | - |\n> | 1 | 2 |",
    "<div>html</div>", "<!-- comment -->", "<script>x</script>", "<?php x ?>", "<![CDATA[x]]>", "<!DOCTYPE html>",
    "---", "***", "___", "Setext\n===", "Setext two\n---", "[ref]: https://e.com", "[ref]: <https://e.com> 'title'",
    "[multi\nline]: /url", "[tight]:/url", "[next]:\n/url", "[foo]\n: not a definition", "[^1]: A footnote.", "Here[^1] and ^[inline note].",
    "- a\n  > quoted in a list\n  | x | y |\n  | - | - |", "1. one\n   ```\n   fenced\n   ```", "line\\\nbreak", "line  \nbreak",
    "Use `a|b` here", "3 > 2 and x -> y", "a *b* **c** _d_ __e__ ***f***", "~~gone~~ ~x~", "&amp; &#42; &#x2A; &copy; &lt;b&gt;",
    "\\* \\_ \\# \\[x\\] \\` \\< \\& \\| \\\\", "a <b>bold</b> <https://e.org/x> <me@e.org> <span a=\"1\">", "![alt *x*](img.png \"t\")",
    "[link](https://e.com/a_b*c) [ref] [^1]", "a\r\nb\rc", "nul\0byte",
]


def _token_fields(tokens: list[Any] | None) -> list[tuple[Any, ...]] | None:
    """Every field of every token (dataclasses.fields of markdown-it's Token), children included."""
    import dataclasses

    if tokens is None:
        return None
    return [
        tuple(_token_fields(v) if f.name == "children" else v for f in dataclasses.fields(t) for v in [getattr(t, f.name)])
        for t in tokens
    ]


def markdown_bodies() -> list[str]:
    """Generated bodies that hold each trigger character or lack it: random blocks and paragraphs,
    each also with a random subset of the trigger characters removed."""
    rng = random.Random(11)
    bodies = [d.split("\n---\n", 1)[-1] for d in documents()] + MD_BLOCKS
    for _ in range(400):
        parts = [rng.choice(MD_BLOCKS) if rng.random() < 0.4 else " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
                 for _ in range(rng.randint(1, 8))]
        bodies.append(rng.choice(["\n\n", "\n"]).join(parts) + "\n")
    out = []
    for body in bodies:
        out.append(body)
        drop = rng.sample(TRIGGERS, rng.randint(1, len(TRIGGERS)))
        out.append(body.translate({ord(c): None for c in drop}))
    return out


def test_pruned_parsers_give_the_same_tokens_as_the_full_one():
    """parse._parser_for gives every body the tokens markdown() gives it, every field of every
    token, children included, whichever rules it turned off."""
    seen_off: dict[str, int] = {}
    seen_on: dict[str, int] = {}
    pruned = sorted({n for names, _ in P._PRUNABLE for n in names} | {"strikethrough", "balance_pairs", "fragments_join", "hr", "lheading"})
    for body in markdown_bodies():
        parser = P._parser_for(body)
        active = parser.get_active_rules()
        # the full configuration (footnotes, strikethrough) exactly for a body with '~' or '^'
        assert ("footnote_tail" in active["core"]) == ("~" in body or "^" in body), body
        for name in pruned:
            on = any(name in rules for rules in active.values())
            (seen_on if on else seen_off)[name] = (seen_on if on else seen_off).get(name, 0) + 1
        assert _token_fields(parser.parse(body)) == _token_fields(P.markdown().parse(body)), body
    for name in pruned:  # each rule was off for some bodies and on for others
        assert seen_off.get(name, 0) > 20 and seen_on.get(name, 0) > 20, (name, seen_off, seen_on)


def test_pruning_edge_cases():
    """The cases where a trigger character sits where its rule cannot use it, or is missing where
    a reader might think the rule needs it: same tokens, and the rule off exactly when the body
    lacks its character."""
    cases = {
        "Use `a|b` here.\n\nAnd `c|d`.\n": ("table", True),  # '|' only in inline code: table stays on
        "3 > 2, and x -> y.\n\nA > B.\n": ("blockquote", True),  # '>' only inside paragraphs
        "[foo]\n: /url\n\n[foo\nbar]\n:x\n": ("reference", False),  # ']' and ':' split across lines
        "[foo\nbar]: /url\n\n[foo bar]\n": ("reference", True),
        "[foo]:/url\n\n[bar]:\n  /other 'title'\n\n[foo] [bar]\n": ("reference", True),
        "\\# not a heading \\[x\\] \\& \\` line\\\nbreak\n": ("fence", True),  # escaped characters still count
        "&amp; &#42; &lt;b&gt; &copy;\n": ("html_inline", False),  # an entity for '<' is not a '<'
        "&#42;not em&#42; &#95;nor this&#95;\n": ("emphasis", False),
        "a <b>bold</b> and <https://e.org> and <me@e.org>\n\n<div>\n*x*\n</div>\n": ("html_block", True),
        "Note[^1] and ^[an inline note].\n\n[^1]: The note.\n": ("reference", True),
        "Note ^[an inline note] only.\n": ("reference", False),
        "Note[^1] without a definition.\n": ("strikethrough", False),
        "~~gone~~ and ~not~\n": ("strikethrough", True),
        "* a list, not emphasis\n* item\n": ("emphasis", True),
        "[x](http://e.com/a_b)\n": ("emphasis", True),
        "a\r\nb\rc\n": ("normalize", True),
        "a\0b\n": ("normalize", True),
        "plain\n\ntext\n": ("normalize", False),
        "| a |\n| - |\n| 1 |\n": ("table", True),
        "    ```\n    indented, not a fence\n": ("fence", True),
        "text\n    more text\n": ("fence", False),
        "co-op and e-mail, 3*4 = 12, snake_case\n": ("hr", False),  # marks, but none ends a line
        "a list:\n\n- one\n- two\n": ("lheading", False),
        "ends with a dash -\n": ("hr", True),
        "ends with a dash - \t \nand more\n": ("lheading", True),
        "Title\n===": ("lheading", True),  # no newline at the end
        "> quoted\n> ***\n": ("hr", True),
        "- item\n- ---\n": ("hr", True),
        "1. a\n   ___\n": ("hr", True),
        "Setext\n\t---\t\n": ("lheading", True),
        "a\r---\r": ("hr", True),  # '\r' starts a line for markdown-it
        "a\r\nb\r\n": ("lheading", True),
        "é—\n中文=\n": ("lheading", True),
        "é—\n中文\n": ("lheading", False),  # an em dash is not a hyphen
    }
    for body, (rule, on) in cases.items():
        parser = P._parser_for(body)
        assert any(rule in rules for rules in parser.get_active_rules().values()) == on, (body, rule)
        assert _token_fields(parser.parse(body)) == _token_fields(P.markdown().parse(body)), body


def test_one_file_builds_one_markdown_instance():
    """A one-file lint pays for one markdown-it instance: neither markdown() nor the lean one is
    built beside the pruned instance its body gets."""
    for cached in (P.markdown, P._lean_markdown, P._pruned_markdown):
        cached.cache_clear()
    try:
        P.parse(Source.from_text("a.md", article(3)[1]))
        assert P._pruned_markdown.cache_info().currsize == 1
        assert P.markdown.cache_info().currsize == 0 and P._lean_markdown.cache_info().currsize == 0
    finally:
        for cached in (P.markdown, P._lean_markdown, P._pruned_markdown):
            cached.cache_clear()


def test_warm_up_before_fork_lints_its_article_cleanly():
    """The built-in article the main process lints before forking workers parses and lints
    without an internal error (a failure there would only be swallowed, and workers cold)."""
    from newsctl import engine
    from newsctl.settings import Settings

    article = P.parse_text(engine._WARM_ARTICLE, "warm-up.md")
    findings = engine.lint_article(article, Settings())
    assert not [f for f in findings if "Internal error" in f.message]
    assert article.blocks and article.tokens and article.dates  # every lazy part was reached
    engine._warm_before_fork(None)
    engine._warm_before_fork(Settings())
