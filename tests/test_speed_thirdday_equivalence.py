"""Issue 12, third day (rules and readability): the same results as the definitions replaced.

Each replaced definition is kept here as it was (`old_*`) and compared with the new one on
generated input made of the cases the new code treats specially.
"""

from __future__ import annotations

import random
import re

from newsctl import readability
from newsctl.readability import WORD_RE, tokens
from newsctl.text import (
    _END_AND_SPACE_RE,
    _OPENERS,
    _WHITESPACE,
    _abbreviation_continues,
    _is_initials,
    _listed_tokens,
    _skip_space,
    _word_start,
    abbreviations,
    split_sentences,
)
from tests.test_speed_lint_equivalence import SENTENCE_BITS, WORDS, corpus_texts, random_texts

# --- sentence splitting: the word before a period looked at only when it can matter ---------------


def old_split_sentences(text: str) -> list[tuple[int, int]]:
    """newsctl.text.split_sentences before the third day (every period's word looked at)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = _skip_space(text, 0)
    listed = _listed_tokens(abbreviations())
    rfind = text.rfind
    for m in _END_AND_SPACE_RE.finditer(text):
        end = m.end(1)
        if end <= start:
            continue
        nxt = m.end()
        if nxt < n and text[nxt].islower():
            continue  # "“Will we win?” she asked." / "Wait… what?" / "5 p.m. on Monday"
        mark = m.group(1)
        if mark == "." or (mark[0] == "." and len(mark.rstrip("\"'”’)]")) == 1 and not mark.endswith(("\"", "”"))):
            # the word before the period, found by scanning back from it (never copying the
            # sentence so far nor the rest of the text: that made long texts quadratic)
            word_end = m.start()
            if word_end > start and text[word_end - 1].isspace():
                while word_end > start and text[word_end - 1].isspace():
                    word_end -= 1
            # _word_start's first step, inline: after the last space or newline when the word
            # holds no other whitespace
            space = rfind(" ", start, word_end)
            newline = rfind("\n", start, word_end)
            word_start = (space if space > newline else newline) + 1
            last = text[word_start:word_end]
            # (isprintable: no whitespace but the space, which rfind ruled out; else the full check)
            if not word_start or not (last.isprintable() or last.split() == [last]):
                word_start = _word_start(text, start, word_end)
                last = text[word_start:word_end]
            token = last.lstrip(_OPENERS).lower()
            if token in listed:
                if _abbreviation_continues(token, last, text, start, word_start, nxt, abbreviations()):
                    continue
            elif last[-1:].isupper() and _is_initials(last.lstrip(_OPENERS)):
                continue  # what _abbreviation_continues decides for any other word (initials end in a capital)
        spans.append((start, end))
        start = nxt  # _skip_space(text, end)
    if start < n and text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


def test_whitespace_is_every_isspace_character():
    assert _WHITESPACE == "".join(c for c in map(chr, range(0x110000)) if c.isspace())


def _tricky_words(rng: random.Random) -> list[str]:
    """Listed tokens as written in many ways, and words that end like them without being them."""
    listed = sorted(_listed_tokens(abbreviations()))
    out = []
    for _ in range(400):
        token = rng.choice(listed)
        form = rng.choice([token, token.upper(), token.capitalize(), token.title()])
        if rng.random() < 0.3:
            form = rng.choice(["x", "ab", "Re", "é", "1", "_", "-", "’", "İ", "\u212a"]) + form  # ends like a token
        if rng.random() < 0.3:
            form = rng.choice(list(_OPENERS)) * rng.randint(1, 2) + form
        out.append(form + rng.choice([".", ".", ".", ".)", ".'", ".’", ".”", "..", ". .", "!"]))
    out += ["v.", "V.", "x.", "J.", "ÉT.", "a.b.", "Σ.", "aΣ.", "ΣΣΣ.", "İnc.", "\u212ag.", "\u212a.", "cost.", "st.", "ST."]
    return out


def test_split_sentences_is_the_old_definition():
    rng = random.Random(303)
    words = _tricky_words(rng) + SENTENCE_BITS + WORDS + ["said.", "council.", "year.", "Tuesday.", "it.", "on.", "an."]
    seps = [" "] * 6 + ["  ", "\n", "\t"] + list(_WHITESPACE)
    texts = random_texts(800, seed=9) + corpus_texts()
    for _ in range(8000):
        texts.append("".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 12))))
        texts.append(rng.choice(words) + rng.choice(seps) + rng.choice(words))  # a token at the start
    for text in texts:
        assert split_sentences(text) == old_split_sentences(text), repr(text)


# --- first words: the runs case-folded in one call when none needs its end stripped ------------


def old_tokens_and_first_words(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    """readability._tokens_and_first_words before the third day: a strip and a casefold per run."""
    from newsctl.readability import _CANNOT_END_WORD, _FIRST_WORD_RUN, _SEPARATOR, _first_words, _joined_token_parts

    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:
        return list(map(tokens, texts)), _first_words(texts)
    firsts = [run.rstrip(_CANNOT_END_WORD).casefold() for run in _FIRST_WORD_RUN.findall(_SEPARATOR + joined)]
    return list(map(str.split, _joined_token_parts(joined))), firsts


def test_first_words_are_the_old_ones_and_word_re_s():
    rng = random.Random(17)
    pieces = WORDS + SENTENCE_BITS + ["U.S.", "co-op", "O’Neill", "it’s", "x_", "_y", "3,", "ſtory", "ǅemal", "Straße", "İstanbul",
                                      "ΣΑΣ", "ﬁne", "á", "è-", "—", "’", "(", "“", "1.5.", "\x1e"]
    for _ in range(6000):
        texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(0, 6))]
        new = readability._tokens_and_first_words(texts)
        assert new == old_tokens_and_first_words(texts), texts
        assert new[1] == [m.group().casefold() if m else "" for m in map(WORD_RE.search, texts)], texts


# --- H009: runs of spaces found by their literal, the look-arounds checked after -------------------


def old_doubled_space(article):  # type: ignore[no-untyped-def]
    """rules.whitespace.doubled_space before the third day (the look-around regex), its findings."""
    from newsctl.findings import Edit, Fix, Hit
    _SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")  # the rule's former pattern

    for b in article.blocks:
        if b.inline is None or b.kind not in ("paragraph", "heading"):
            continue
        inline = b.inline
        if "  " not in inline.prose:
            continue
        for m in _SPACES.finditer(inline.prose):
            if inline.raw[m.start() : m.end()] != m.group():
                continue
            if not (inline.raw[m.start() - 1 : m.start()].strip() and inline.raw[m.end() : m.end() + 1].strip()):
                continue
            span = inline.span(m.start(), m.end())
            if span.line != span.end_line:
                continue
            fix = Fix("Use one space", (Edit(span.line, span.column, span.end_line, span.end_column, " "),), safe=True)
            yield Hit(span, f"{len(m.group())} spaces between words", "Use one space", fix)


def test_doubled_space_finds_what_the_look_around_regex_found():
    from newsctl.parse import parse_text
    from newsctl.rules.whitespace import doubled_space
    from newsctl.settings import from_mapping

    settings = from_mapping({})
    rng = random.Random(5)
    pieces = ["word", "a.", "Two", "`x  y`", "[a  link](https://e.org/a)", "https://e.org/p?q=1", "<b>", "**b**", "é", "—",
              "\u00a0", "\u3000"]
    gaps = [" ", " ", "  ", "   ", "\t", " \t ", "\n", "  \n", "\u00a0 "]
    found = 0
    for seed in range(1500):
        paragraphs = [
            "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(1, 10))).strip()
            for _ in range(rng.randint(1, 4))
        ]
        heading = "##  " + rng.choice(pieces) + rng.choice(gaps) + "end"
        article = parse_text("\n\n".join([heading, *paragraphs]) + "\n", f"g{seed}.md")
        new = list(doubled_space(article, settings))
        assert new == list(old_doubled_space(article)), paragraphs
        found += len(new)
    assert found > 500  # the generated text has what the test is about


# --- H004, H007, S008, S009: the blocks with markup and the links, found once per article ----------


def old_html_pieces(article):  # type: ignore[no-untyped-def]
    """hygiene._html_pieces before the third day: every block walked."""
    from newsctl.rules.hygiene import _unsafe_pieces

    for b in article.blocks:
        if b.kind == "html":
            for piece in _unsafe_pieces(b.raw):
                message, offset, embed = piece
                line = b.line + b.raw.count("\n", 0, offset)
                col = offset - (b.raw.rfind("\n", 0, offset) + 1) + 1
                yield None, message, (line, col), embed
        for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
            for tag in inline.html:
                for message, _, embed in _unsafe_pieces(tag.raw)[:1]:
                    yield inline, message, tag.span, embed


def old_links(article):  # type: ignore[no-untyped-def]
    for b in article.blocks:
        for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
            yield from inline.links


def old_image_missing_alt(article):  # type: ignore[no-untyped-def]
    """S008 before the third day: every block walked."""
    from newsctl.article import Span
    from newsctl.findings import Hit
    from newsctl.htmlscan import start_tags

    for b in article.blocks:
        for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
            for img in inline.images:
                if not img.alt.strip():
                    yield Hit(img.span, f"Image '{img.src}' has no alt text", "Describe the image inside the brackets: ![description](...)")
            for tag in inline.html:
                if any(t.name == "img" and t.get("alt") is None for t in start_tags(tag.raw)[:1]):
                    yield Hit(tag.span, "<img> tag has no alt attribute", "Add alt=\"description\"")
        if b.kind == "html":
            for t in start_tags(b.raw):
                if t.name == "img" and t.get("alt") is None:
                    line = b.line + b.raw.count("\n", 0, t.offset)
                    yield Hit(Span(line, 1, line, 1), "<img> tag has no alt attribute", "Add alt=\"description\"")


def _markup_article(rng: random.Random, seed: int):  # type: ignore[no-untyped-def]
    from newsctl.parse import parse_text

    inline = ["word", "[a link](https://e.org/a)", "[](https://e.org/empty)", "[x](javascript:alert(1))", "<https://e.org/auto>",
              "![](photo.jpg)", "![A photo](p.jpg)", "<img src=x.jpg>", "<b>bold</b>", "<span onclick=\"x()\">t</span>",
              "[![alt](i.png)](https://e.org/i)", "<iframe src=\"https://v.example/e\"></iframe>", "`code`"]
    parts = []
    for _ in range(rng.randint(1, 7)):
        kind = rng.random()
        words = " ".join(rng.choice(inline) for _ in range(rng.randint(1, 6)))
        if kind < 0.15:
            parts.append(rng.choice(["<div><img src=a.png></div>", "<script src=\"http://x.example/s.js\"></script>",
                                     "<object data=x></object>", "<p>plain html</p>"]))
        elif kind < 0.3:
            parts.append(f"| A | B |\n| --- | --- |\n| {words} | {rng.choice(inline)} |")
        elif kind < 0.4:
            parts.append("## " + words)
        elif kind < 0.5:
            parts.append("- " + words + "\n- " + rng.choice(inline))
        else:
            parts.append(words)
    return parse_text("\n\n".join(parts) + "\n", f"m{seed}.md")


def old_unsafe_html(article):  # type: ignore[no-untyped-def]
    """H004 before the third day (old_html_pieces, then every block's links)."""
    from newsctl.article import Span
    from newsctl.findings import Hit

    for inline, problem, offset, embed in old_html_pieces(article):
        if embed:
            continue
        if inline is None:
            line, col = offset
            yield Hit(Span(line, col, line, col + 1), problem, "Remove it; embeds go through the CMS")
        else:
            yield Hit(offset, problem, "Remove it; embeds go through the CMS")
    for link in old_links(article):
        if link.href.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")):
            scheme = link.href.split(":", 1)[0]
            yield Hit(link.span, f"Link uses a {scheme}: URL", "Link to an https:// address instead")


def old_raw_embed(article):  # type: ignore[no-untyped-def]
    from newsctl.article import Span
    from newsctl.findings import Hit

    for inline, problem, offset, embed in old_html_pieces(article):
        if not embed:
            continue
        if inline is None:
            line, col = offset
            yield Hit(Span(line, col, line, col + 1), problem, "Embed it through the CMS, or link to it")
        else:
            yield Hit(offset, problem, "Embed it through the CMS, or link to it")


def old_empty_link_text(article):  # type: ignore[no-untyped-def]
    from newsctl.findings import Hit
    from newsctl.rules.structure import _holds_image

    for link in old_links(article):
        if not link.autolink and not link.text.strip() and not _holds_image(article, link.span):
            yield Hit(link.span, f"Link to '{link.href}' has no text", "Put the words readers should click inside the brackets")


def test_markup_rules_find_what_they_found_walking_every_block():
    from newsctl.rules.hygiene import raw_embed, unsafe_html
    from newsctl.rules.structure import empty_link_text, image_missing_alt
    from newsctl.settings import from_mapping

    settings = from_mapping({})
    rng = random.Random(11)
    counts = {"H004": 0, "H007": 0, "S008": 0, "S009": 0}
    for seed in range(700):
        article = _markup_article(rng, seed)
        for code, new, old in (
            ("H004", unsafe_html, old_unsafe_html),
            ("H007", raw_embed, old_raw_embed),
            ("S008", image_missing_alt, old_image_missing_alt),
            ("S009", empty_link_text, old_empty_link_text),
        ):
            found = list(new(article, settings))
            assert found == list(old(article)), (code, seed)
            counts[code] += len(found)
    assert min(counts.values()) > 50, counts  # the generated articles have what each rule looks for


def test_prose_blocks_are_the_paragraphs_and_headings_each_rule_picked():
    """H001, H002, H003 and H009 each picked these blocks and joined their prose themselves."""
    from newsctl.rules.hygiene import prose_blocks

    rng = random.Random(12)
    for seed in range(300):
        article = _markup_article(rng, seed)
        picked = tuple(b for b in article.blocks if b.inline is not None and b.kind in ("paragraph", "heading"))
        assert prose_blocks(article) == (picked, "\n".join([b.inline.prose for b in picked]))
        assert prose_blocks(article) is prose_blocks(article)  # found once
