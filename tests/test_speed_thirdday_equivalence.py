"""Issue 12, third day (rules and readability): the same results as the definitions replaced.

Each replaced definition is kept here as it was (`old_*`) and compared with the new one on
generated input made of the cases the new code treats specially.
"""

from __future__ import annotations

import random

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
    from newsctl.rules.whitespace import _SPACES

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
