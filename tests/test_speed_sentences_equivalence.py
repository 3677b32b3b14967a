"""Sentences as offsets and readability measured per paragraph (issue 12, second day): the same
sentences, numbers and findings as the per-sentence definitions they replaced.

The definitions before the change are written out here (`old_*`): each sentence built with its
collapsed text, span and word count at once, and each measured alone (its tokens, its quotations
blanked, its syllables, a SentenceStats each). Both are run on generated articles made of the
pieces sentence splitting and textstat's rules treat specially: abbreviations, initials, quotes
(straight, curly, single, unclosed, inch marks), decimals, ellipses, URLs, apostrophes,
non-ASCII letters and punctuation, odd whitespace, block quotes, lists, footnotes, wordless
"sentences", and the separator character the per-paragraph path joins sentences with.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest

from newsctl import readability
from newsctl.parse import parse_text
from newsctl.readability import Stats, WORD_RE, _blank, _syllables_of, band, exclude_quotes, rows, tokens
from newsctl.settings import from_mapping
from newsctl.text import block_words, collapse, count_words
from tests.test_speed_lint_equivalence import SENTENCE_BITS, WORDS, corpus_texts, old_split_sentences, random_texts

# --- generated articles ------------------------------------------------------------------------

PIECES = SENTENCE_BITS + WORDS + [
    "2.5", "3.14.", "$4.50.", "10.5%", "1,200.", "...", "…", "Well...", "so…", "“Yes,”", "she", "said.", "“We", "will",
    "win.”", "‘Quite", "so,’", "he", "wrote.", "\"Fine\"", "6'2\"", "55\"", "TV.", "12\"x18\"", "it’s", "students'",
    "’90s", "rock 'n' roll", "O’Neill.", "J.", "K.", "Rowling", "T.S.", "Eliot.", "Mr.", "Ms.", "Gov.", "St.", "Mt.",
    "https://example.org/a.b?c=d.", "www.example.com.", "mail@example.org.", "İstanbul", "Ærø.", "Straße.", "ſtory",
    "ख़बरें।", "中文。", "Ὀδυσσεύς.", "niño?", "¿Qué?", "¡Sí!", "—", "–", "(", ")", "[a]", "_", "__init__", "x“y”z",
    "a.m.", "Calif.", "Wash.,", "vol.", "5", "Nos.", "12", "Wed.", "Mon.", "Ph.D.", "e.g.", "i.e.", "?!", "!!", "..",
    "\x1e", "a\x1eb.",
]
SEPARATORS = [" "] * 8 + ["  ", "\n", " \n", "\t", "\u00a0", "\u2009"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(PIECES) for _ in range(rng.randint(1, 16))]
    text = "".join(w + rng.choice(SEPARATORS) for w in words).strip()
    if rng.random() < 0.15:
        text = f"“{text}”"
    elif rng.random() < 0.05:
        text = f"\"{text}"  # never closed: runs to the paragraph's end
    return text + rng.choice([".", ".", ".", "?", "!", "…", ".”", "", ":"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 7)))


def generated_article(seed: int) -> str:
    rng = random.Random(seed)
    parts = ["---", "title: Generated", "---", ""]
    for _ in range(rng.randint(1, 12)):
        kind = rng.random()
        if kind < 0.12:
            parts.append("#" * rng.randint(1, 4) + " " + _sentence(rng).rstrip(".?!…:”"))
        elif kind < 0.22:
            parts.append("> " + _paragraph(rng))
        elif kind < 0.32:
            parts.extend(f"- {_paragraph(rng)}" for _ in range(rng.randint(1, 3)))
        elif kind < 0.36:
            parts.append("A note.[^1]\n\n[^1]: " + _paragraph(rng))
        elif kind < 0.40:
            parts.append("```\ncode. Not prose.\n```")
        elif kind < 0.45:
            parts.append(f"See [the report]({rng.choice(['https://example.org/r.pdf', '/a/b'])}). " + _paragraph(rng))
        else:
            parts.append(_paragraph(rng))
        parts.append("")
    return "\n".join(parts)


@lru_cache(maxsize=1)
def articles() -> list[str]:
    return [generated_article(seed) for seed in range(160)] + corpus_texts()


@lru_cache(maxsize=None)
def parsed(i: int):  # type: ignore[no-untyped-def]
    """Article i parsed once for the whole module (the old and new paths only read it)."""
    return parse_text(articles()[i], f"g{i}.md")


# --- the definitions before the change ----------------------------------------------------------


def old_sentences(article) -> list[tuple]:  # type: ignore[no-untyped-def]
    """parse._sentences as it was: text, span and words made for every sentence at once."""
    out = []
    for block in article.blocks:
        if not block.is_prose or block.inline is None:
            continue
        inline = block.inline
        for start, end in old_split_sentences(inline.prose):
            text = collapse(inline.prose[start:end])
            words = count_words(text)
            if not words:
                continue
            out.append((text, block.index, start, end, inline.span(start, end), words, block.in_quote))
    return out


def old_measure_sentence(sentence, prose, ranges, whole_quote):  # type: ignore[no-untyped-def]
    """(stats, counted, first word, own text) of one sentence, measured alone."""
    start, end = sentence.start, sentence.end
    text = prose[start:end]
    every = tokens(text)
    if whole_quote:
        return Stats(quoted_words=len(every)), False, "", ""
    if ranges and any(a < end and b > start for a, b in ranges):
        own_text = _blank(text, start, ranges)
        own = tokens(own_text)
    else:
        own_text, own = text, every
    quoted = max(0, len(every) - len(own))
    if not own:
        return Stats(quoted_words=quoted), False, "", ""
    first = WORD_RE.search(text)
    return Stats(len(own), 1, _syllables_of(own), quoted), True, first.group().casefold() if first else "", " ".join(own_text.split())


def old_measure(article, settings):  # type: ignore[no-untyped-def]
    """measure() as it was, as plain tuples: a SentenceStats-like tuple per sentence, summed."""
    skip = exclude_quotes(settings)
    per_block = {}
    for block in article.blocks:
        if not block.is_prose:
            continue
        found = []
        if block.inline is not None:
            ranges = list(block.inline.quotes) if skip else []
            for s in article.sentences_in(block.index):
                found.append((s, *old_measure_sentence(s, block.inline.prose, ranges, skip and block.in_quote)))
        per_block[block.index] = found

    def total(items, counted):  # type: ignore[no-untyped-def]
        t = Stats()
        for item in items:
            t = t + item[1]
        return _stats(t)[:4] + (counted,)

    counted_words = [block_words(b) for b in article.blocks]
    sections, paragraphs = [], []
    for index, blocks in rows(article):
        measured = [s for b in blocks for s in per_block.get(b, [])]
        counted = [s for s in measured if s[2]]
        hardest = sorted(counted, key=lambda s: (-s[1].flesch_kincaid_grade, s[0].span.line, s[0].span.column))[:3]
        sections.append((index, total(measured, sum(counted_words[b] for b in blocks)), [_old_sentence(s) for s in hardest]))
        for b in blocks:
            if b in per_block:
                paragraphs.append((b, article.blocks[b].line, index, total(per_block[b], counted_words[b])))
    paragraphs.sort()
    everything = [s for b in sorted(per_block) for s in per_block[b]]
    whole = total(everything, sum(counted_words[b] for b in per_block))
    return whole, sections, paragraphs, [_old_sentence(s) for s in everything]


def _old_sentence(s) -> tuple:  # type: ignore[no-untyped-def]
    sentence, stats, counted, first, own_text = s
    return (sentence.block, sentence.start, sentence.end, _stats(stats), counted, first, own_text, stats.flesch_kincaid_grade)


def _new_sentence(s) -> tuple:  # type: ignore[no-untyped-def]
    return (s.sentence.block, s.sentence.start, s.sentence.end, _stats(s.stats), s.counted, s.first_word, s.own_text, s.grade)


def _stats(st: Stats) -> tuple:
    return (st.words, st.sentences, st.syllables, st.quoted_words, st.counted_words)


# --- the tests ----------------------------------------------------------------------------------


def test_generated_articles_have_what_the_tests_are_about():
    texts = "\n".join(articles())
    for piece in ("U.S.", "J.R.R.", "…", "“", "’", "2.5", "https://", "İstanbul", "ख़बरें", "\x1e", "> ", "[^1]:"):
        assert piece in texts, piece
    a = parse_text(generated_article(3), "g.md")
    assert a.sentences and any(b.is_prose for b in a.blocks)


def test_sentences_are_the_old_ones():
    """Offsets, then text, span and word count made when read: the same values, the same order."""
    for i, text in enumerate(articles()):
        article = parsed(i)
        new = [(s.text, s.block, s.start, s.end, s.span, s.words, s.in_quote) for s in article.sentences]
        assert new == old_sentences(article), text


def test_has_word_is_a_positive_word_count():
    from newsctl.text import has_word

    for text in random_texts(3000, seed=5):
        assert has_word(text) == (count_words(collapse(text)) > 0), repr(text)
        assert has_word(text, 2, max(2, len(text) - 1)) == (count_words(text[2 : max(2, len(text) - 1)]) > 0), repr(text)


def test_count_words_is_the_word_regex():
    rng = random.Random(8)
    texts = random_texts(2000, seed=3) + corpus_texts()
    texts += ["".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert count_words(text) == len(WORD_RE.findall(text)), repr(text)


def test_split_sentences_on_generated_paragraphs():
    from newsctl.text import split_sentences

    rng = random.Random(21)
    for _ in range(4000):
        text = _paragraph(rng)
        assert split_sentences(text) == old_split_sentences(text), repr(text)


def test_token_parts_are_each_texts_tokens():
    rng = random.Random(4)
    pool = random_texts(600, seed=44)
    for _ in range(1500):
        texts = [rng.choice(pool).replace("\x1e", " ") for _ in range(rng.randint(1, 6))]
        texts = [t.strip() or "x" for t in texts]
        parts = readability._token_parts(texts)
        assert [p.split() for p in parts] == [tokens(t) for t in texts], texts


@pytest.mark.parametrize("exclude", [True, False])
def test_measure_is_the_per_sentence_measure(exclude: bool):
    settings = from_mapping({"exclude-quotes": exclude})
    for i, text in enumerate(articles()):
        new = readability.measure(parsed(i), settings)
        whole, sections, paragraphs, sentences = old_measure(parsed(i), settings)
        assert _stats(new.article) == whole
        assert [(s.section, _stats(s.stats), [_new_sentence(h) for h in s.hardest]) for s in new.sections] == sections
        assert [(p.block, p.line, p.section, _stats(p.stats)) for p in new.paragraphs] == paragraphs
        assert [_new_sentence(s) for s in new.sentences] == sentences
        cols = new.columns
        assert [i for i, s in enumerate(new.sentences) if s.counted] == cols.counted
        assert [s.words for s in new.sentences] == cols.words
        assert [s.first_word for s in new.sentences] == [cols.first_word(i) for i in range(len(cols.words))]


@pytest.mark.parametrize("exclude", [True, False])
def test_measure_blocks_is_the_sum_of_its_blocks(exclude: bool):
    settings = from_mapping({"exclude-quotes": exclude})
    rng = random.Random(6)
    for i in range(len(articles())):
        article = parsed(i)
        m = old_measure(article, settings)
        per_block = {p[0]: p[3] for p in m[2]}
        chosen = [rng.randrange(len(article.blocks)) for _ in range(rng.randint(0, 6))] if article.blocks else []
        expected = [0, 0, 0, 0, 0]
        for b in chosen:
            st = per_block.get(b, (0, 0, 0, 0, block_words(article.blocks[b])))
            expected = [x + y for x, y in zip(expected, st)]
        assert _stats(readability.measure_blocks(article, chosen, settings)) == tuple(expected)


# --- the readability rules, as they read SentenceStats before ------------------------------------


def old_rule_hits(article, settings) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """R003, R004, R005 and R006 as they were written over SentenceStats and Paragraphs."""
    from newsctl.rules.interview import is_answer
    from newsctl.rules.readability import _QUOTED, _first_words

    m = readability.measure(article, settings)
    counted = [s for s in m.sentences if s.counted]
    hits: dict[str, list[tuple]] = {"R003": [], "R004": [], "R005": [], "R006": []}
    limit = settings.option("max-sentence-words")
    for s in counted:
        if s.words > limit:
            hits["R003"].append(
                (s.sentence.span, f"Sentence has {s.words} words (limit {limit}{_QUOTED if s.stats.quoted_words else ''}): "
                 f"\"{_first_words(s.sentence.text)}\"")
            )
    limit = settings.option("max-paragraph-words")
    for p in m.paragraphs:
        if p.stats.words > limit and not is_answer(article, article.blocks[p.block]):
            block = article.blocks[p.block]
            hits["R004"].append((block.inline.span(0, len(block.inline.raw.split("\n")[0])), p.stats.words, p.stats.quoted_words))
    if counted:
        long = sum(1 for s in counted if s.words > settings.option("long-sentence-words"))
        share = 100 * long / len(counted)
        if share > settings.option("max-long-sentence-percent"):
            hits["R005"].append((long, len(counted)))
    limit, run, paragraph = settings.option("same-start-sentences"), [], -1

    def flush() -> None:
        if len(run) >= limit:
            first = run[0]
            shown = next((w.group() for w in WORD_RE.finditer(first.sentence.text) if w.group().casefold() == first.first_word), first.first_word)
            hits["R006"].append((first.sentence.span, f"{len(run)} consecutive sentences start with \"{shown}\""))

    for s in counted:
        if run and (s.first_word != run[0].first_word or s.sentence.block != paragraph):
            flush()
            run = []
        paragraph = s.sentence.block
        if s.first_word:
            run.append(s)
    flush()
    return hits


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"exclude-quotes": False},
        {"max-sentence-words": 8, "max-paragraph-words": 20, "long-sentence-words": 5, "max-long-sentence-percent": 10.0,
         "same-start-sentences": 2},
    ],
)
def test_rules_find_what_they_found_over_sentence_stats(options: dict):
    from newsctl.rules.readability import long_paragraph, long_sentence, many_long_sentences, repeated_sentence_start

    settings = from_mapping(options)
    found = {"R003": 0, "R004": 0, "R005": 0, "R006": 0}
    for i in range(len(articles())):
        article = parsed(i)
        old = old_rule_hits(article, settings)
        assert [(h.span, h.message) for h in long_sentence(article, settings)] == old["R003"]
        new_r004 = [(h.span, h.message) for h in long_paragraph(article, settings)]
        assert [(span, int(re.search(r"has (\d+) words", msg).group(1)), "quotations" in msg) for span, msg in new_r004] == [
            (span, words, bool(quoted)) for span, words, quoted in old["R004"]
        ]
        r005 = list(many_long_sentences(article, settings))
        assert [tuple(int(n) for n in re.findall(r"^(\d+) of (\d+)", h.message)[0]) for h in r005] == old["R005"]
        assert [(h.span, h.message) for h in repeated_sentence_start(article, settings)] == old["R006"]
        for code in found:
            found[code] += len(old[code])
    if "max-sentence-words" in options:  # the low limits make every rule fire on these articles
        assert all(found.values()), found


def test_a_number_has_one_syllable_as_the_counter_says():
    """_SyllablesOf's shortcut for ASCII numbers: no table word is a number, no hyphenation
    pattern holds a digit, so the counter gives 1 (checked on the installed data)."""
    from newsctl import readability_table

    table, hyphenator = readability_table.load_table(), readability_table.load_hyphenator()
    assert table is not None and hyphenator is not None
    assert not [w for w in table.words if any(c.isdigit() for c in w)]
    assert not [k for k in hyphenator.patterns if any(c.isdigit() for c in k)]
    count = readability_table.counter()
    rng = random.Random(2)
    numbers = [str(rng.randrange(10 ** rng.randint(1, 12))) for _ in range(300)] + ["0", "007", "1" * 40]
    for number in numbers:
        assert readability._SyllablesOf()[number] == count(number) == 1, number
    assert readability._SyllablesOf()["٣"] == count("٣")  # another script's digit: the counter decides


def test_band_is_unchanged():
    assert [band(g, 13) for g in (5.0, 9.0, 13.0, 13.1)] == ["easy", "standard", "standard", "hard"]
