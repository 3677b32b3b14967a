"""Lint throughput (issue 12): each faster path gives exactly what its plain definition gives.

The plain definitions are written out here as they were before the change, and both are run on
generated inputs: the sample articles, the bench corpus, and random text with the characters
each fast path treats specially (apostrophes, curly quotes, non-ASCII letters and punctuation,
lone surrogates, case-folding characters).
"""

from __future__ import annotations

import random
import re

import pytest

from newsctl import readability
from newsctl.readability_table import counter
from tests.bench.corpus import article
from tests.conftest import ARTICLES

# --- generated text --------------------------------------------------------------------------

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 \n\t"
    ".,;:!?'\"()[]{}-_*/\\#@$%&+=<>|~`^"
    "“”‘’—–…«»éÉçñüßİıſK ख़बरें 中文 ٣ \u00a0\u2009\u200b\x1c\x1f\x0b\x0c"
)
WORDS = "the council's plan isn't don't we'll they've I'd U.S. 2,000 4.5 co-op ’tis rock'n'roll O'Neill".split()


def random_texts(count: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 40)):
            if rng.random() < 0.5:
                parts.append(rng.choice(WORDS))
            else:
                parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))))
        out.append(rng.choice([" ", "", "\n"]).join(parts))
    out.append("lone \ud800 surrogate's ‘quote’")
    return out


def corpus_texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    texts += [article(i)[1] for i in range(30)]
    return texts


# --- readability: tokens, blanking quotations, syllables ---------------------------------------

_OLD_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_OLD_PUNCTUATION = re.compile(r"[^\w\s\']")


def old_tokens(text: str) -> list[str]:
    return _OLD_PUNCTUATION.sub("", _OLD_APOSTROPHE.sub("", text)).split()


def old_blank(text: str, offset: int, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    chars = list(text)
    end = offset + len(text)
    for a, b in ranges:
        for i in range(max(a, offset), min(b, end)):
            chars[i - offset] = " "
    return "".join(chars)


def old_syllables_of(words: list[str]) -> int:
    count = counter()
    return sum(count(w.lower()) for w in words)


def test_tokens_equal_the_two_regexes():
    texts = random_texts(3000) + corpus_texts()
    for text in texts:
        assert readability.tokens(text) == old_tokens(text), text


def test_every_character_is_kept_or_removed_as_the_regex_does():
    for code in list(range(0x3000)) + [0xD800, 0xDFFF, 0xFEFF, 0x1F600, 0x10FFFF]:
        ch = chr(code)
        assert readability._strip_punctuation(f"a{ch}b") == _OLD_PUNCTUATION.sub("", f"a{ch}b"), hex(code)


def test_blank_equals_the_character_loop():
    rng = random.Random(5)
    for text in random_texts(1500, seed=9):
        offset = rng.randint(0, 20)
        ranges = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randint(0, offset + len(text) + 5)
            ranges.append((a, a + rng.randint(0, 30)))
        assert readability._blank(text, offset, ranges) == old_blank(text, offset, ranges)


def test_syllables_of_words_as_written_equal_lower_cased_counts():
    words = [w for text in random_texts(500) + corpus_texts()[:20] for w in old_tokens(text)]
    words += ["İstanbul", "STRASSE", "Straße", "ſtory", "KELVIN"]
    assert readability._syllables_of(words) == old_syllables_of(words)
    for w in words[:2000]:
        assert readability._syllables_of([w]) == old_syllables_of([w]), w


def old_measure(article, settings=None):  # type: ignore[no-untyped-def]
    """measure() as it was: Stats added pairwise, block words counted per row."""
    from newsctl.readability import Paragraph, Stats, _counted, rows, sentence_stats

    def total(items):  # type: ignore[no-untyped-def]
        t = Stats()
        for item in items:
            t = t + item.stats
        return t

    per_block = {b.index: sentence_stats(article, b, settings) for b in article.blocks if b.is_prose}
    sections, paragraphs = [], []
    for index, blocks in rows(article):
        measured = [s for b in blocks for s in per_block.get(b, [])]
        stats = total(measured) + _counted(article, blocks)
        sections.append((index, stats))
        for b in blocks:
            if b in per_block:
                paragraphs.append(Paragraph(b, article.blocks[b].line, index, total(per_block[b]) + _counted(article, [b])))
    paragraphs.sort(key=lambda p: p.block)
    whole = total([s for b in sorted(per_block) for s in per_block[b]]) + _counted(article, per_block)
    return whole, sections, paragraphs


def _stats_tuple(st):  # type: ignore[no-untyped-def]
    return (st.words, st.sentences, st.syllables, st.quoted_words, st.counted_words)


@pytest.mark.parametrize("exclude", [True, False])
def test_measure_sums_equal_pairwise_addition(exclude: bool):
    from newsctl.parse import parse_text
    from newsctl.settings import from_mapping

    settings = from_mapping({"exclude-quotes": exclude})
    for text in corpus_texts():
        a, b = parse_text(text, "a.md"), parse_text(text, "a.md")
        new = readability.measure(a, settings)
        whole, sections, paragraphs = old_measure(b, settings)
        assert _stats_tuple(new.article) == _stats_tuple(whole)
        assert [(s.section, _stats_tuple(s.stats)) for s in new.sections] == [(i, _stats_tuple(st)) for i, st in sections]
        assert [(p.block, p.line, p.section, _stats_tuple(p.stats)) for p in new.paragraphs] == [
            (p.block, p.line, p.section, _stats_tuple(p.stats)) for p in paragraphs
        ]


# --- H001: phrases searched only where their literal is, articles searched once joined -------


def test_required_literal_is_in_every_match():
    from newsctl.rules.hygiene import _leftover_lines, required_literal
    from tests.test_speed_equivalence import PHRASES

    texts = [p.lower() for p in PHRASES] + [t.lower() for t in corpus_texts()]
    for line in _leftover_lines():
        literal = required_literal(line)
        for text in texts:
            for m in re.finditer(line, text, re.MULTILINE):
                assert literal in m.group(), (line, m.group())
    assert required_literal("(?:please )?note that (?:this|the)") == "note that th"
    assert required_literal("a?(b|c)d*") == ""
    assert required_literal("x[yz]hello(?:there)?") == "hello"


def test_leftover_anywhere_is_true_whenever_one_text_has_a_phrase():
    from newsctl.rules.hygiene import leftover_anywhere, leftover_patterns
    from tests.test_speed_equivalence import _texts

    rng = random.Random(3)
    pool = [t for t in _texts() if len(t) < 1500]  # the generated ones, phrases and filler
    for text in pool:
        for i in range(0, len(text), 41):  # every text cut into pieces, a phrase may be split
            piece = text[i : i + rng.randint(20, 300)]
            group = [piece] + rng.sample(pool, 2)
            if any(leftover_patterns().search(t) for t in group):
                assert leftover_anywhere(group), group
    assert not leftover_anywhere(["The council met.", "Sure.", "Here is the plan."])
    assert leftover_anywhere(["The council met.", "I hope this helps!"])


# --- H002: blocks without a placeholder's literal are not searched ----------------------------

PLACEHOLDER_BITS = [
    "TK", "tktk", "TODO", "ToDo", "FIXME", "XXX", "XX", "$XX million", "20XX", "XX%", "lorem ipsum", "LOREM IPSUM",
    "[Insert quote]", "[your name]", "[link]", "[", "]", "\u212a", "\u017f", "\u0130", "\u0131", "T\u212a", "lorem ip\u017fum",
]


def test_placeholder_prefilter_never_skips_a_match():
    from newsctl.rules.hygiene import _PLACEHOLDER, _may_hold_placeholder

    rng = random.Random(11)
    texts = random_texts(1500, seed=4) + corpus_texts()
    for _ in range(3000):
        texts.append(" ".join(rng.choice(PLACEHOLDER_BITS + WORDS) for _ in range(rng.randint(1, 8))))
    matched = 0
    for text in texts:
        if _PLACEHOLDER.search(text):
            matched += 1
            assert _may_hold_placeholder(text), text
    assert matched > 1000
    assert not _may_hold_placeholder("The council met on Tuesday.")


def test_only_these_characters_fold_onto_ascii_letters():
    from newsctl.rules.hygiene import _FOLDS_TO_ASCII

    pattern = re.compile(r"[a-z\[]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, 0x110000) if pattern.match(chr(c))}
    assert folding <= _FOLDS_TO_ASCII


# --- parse: the prose of an inline, collapse, bare URLs ------------------------------------------


def old_prose(raw: str, kept: list[tuple[int, str]]) -> str:
    chars = [" " if ch != "\n" else "\n" for ch in raw]
    for at, text in kept:
        chars[at : at + len(text)] = text
    return "".join(chars)


def test_prose_from_slices_equals_the_character_list():
    from newsctl.parse import _prose

    rng = random.Random(8)
    for raw in random_texts(2000, seed=21) + ["", "\n", "\n\n", "a\n"]:
        kept, at = [], 0
        while at < len(raw) and rng.random() < 0.8:
            at = rng.randint(at, len(raw))
            end = rng.randint(at, min(len(raw), at + 30))
            text = raw[at:end] if rng.random() < 0.7 else raw[at:end][: rng.randint(0, end - at)].upper()
            kept.append((at, text))
            at = end
        assert _prose(raw, kept) == old_prose(raw, kept)


_OLD_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[.,;:!?)\]](?:\s|$))")


def test_collapse_equals_the_regex_on_every_text():
    from newsctl.text import collapse

    rng = random.Random(2)
    texts = random_texts(2000, seed=17) + corpus_texts()
    texts += ["".join(rng.choice(" \t\n.,;:!?)]a\u00a0\u2009") for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert collapse(text) == _OLD_SPACE_BEFORE_PUNCT.sub("", " ".join(text.split())), text


def test_bare_url_prefilter_never_skips_a_match():
    from newsctl.parse import _BARE_URL, _may_hold_url

    rng = random.Random(6)
    bits = ["http://x.org", "HTTPS://A.B", "www.example.com", "WwW.x", "a@b.co", "mailto:x@y.z", "ftp://h", "w w w.", "@", ":", "//"]
    texts = random_texts(1000, seed=30) + [" ".join(rng.choice(bits + WORDS) for _ in range(6)) for _ in range(2000)]
    for text in texts:
        if _BARE_URL.search(text):
            assert _may_hold_url(text), text
    assert not _may_hold_url("The council met at 5 p.m.")


# --- dates: each pattern scans only text that has its literal ----------------------------------

DATE_BITS = [
    "March 5", "5 March 2024", "Sept. 3, 2025", "Jan 3", "June 2024", "2026-03-02", "2026-02-30-ABC", "on Tuesday",
    "last Tuesday", "next week", "THIS WEEKEND", "Today", "yesterday", "Tomorrow", "tonight", "this morning",
    "La\u017ft week", "T\u0131\u0130s Friday", "in 2023", "since 1990", "mid-2030", "Fri., Feb. 28", "the Sun, March 6",
    "\u0663\u0660 March", "1,000", "3 p.m.", "No. 10", "Mayor", "Decided", "Monday-Friday", "day", "\u212a",
]


def _date_tuples(mentions):  # type: ignore[no-untyped-def]
    return [repr(m) for m in mentions]  # every field


@pytest.mark.parametrize("bare_years", [False, True])
def test_date_scans_skipped_only_where_they_cannot_match(monkeypatch: pytest.MonkeyPatch, bare_years: bool):
    from datetime import date

    from newsctl import dates

    rng = random.Random(40 + bare_years)
    texts = random_texts(800, seed=33) + [t[:3000] for t in corpus_texts()]
    for _ in range(2500):
        texts.append(" ".join(rng.choice(DATE_BITS + WORDS) for _ in range(rng.randint(1, 9))))
    reference = date(2026, 5, 1)
    fast = [_date_tuples(dates.find_dates(t, reference, bare_years=bare_years)) for t in texts]
    monkeypatch.setattr(dates, "_scans", lambda text: (dates._DIGIT.search(text) is not None, True, True, True, True))
    slow = [_date_tuples(dates.find_dates(t, reference, bare_years=bare_years)) for t in texts]
    assert sum(1 for f in fast if f) > 1000
    assert fast == slow


# --- H003: ASCII blocks are searched lower-cased, without IGNORECASE, before the real scan ------


def test_doubled_words_found_the_same_in_lower_cased_ascii():
    from newsctl.rules.hygiene import _DOUBLED, _DOUBLED_ASCII_LOWER, _may_double

    rng = random.Random(19)
    bits = ["the", "The", "THE", "the,", "in", "In", "a", "A1", "_a", "x_", "don't", "It's", "its", "\n", "\t", "  ", "-", "'"]
    texts = random_texts(1500, seed=44) + corpus_texts()
    texts += ["".join(rng.choice(bits) + rng.choice(["", " ", "\n", "\x1c"]) for _ in range(rng.randint(1, 12))) for _ in range(4000)]
    doubled = 0
    for text in texts:
        old = [m.span() for m in _DOUBLED.finditer(text)]
        doubled += bool(old)
        if old:
            assert _may_double(text), text
        if text.isascii():
            assert [m.span() for m in _DOUBLED_ASCII_LOWER.finditer(text.lower())] == old, text
    assert doubled > 500


# --- word counts without WORD_RE -------------------------------------------------------------


def test_count_words_equals_the_word_regex():
    from newsctl.text import WORD_RE, _MARKS, count_words

    rng = random.Random(23)
    marks = "".join(chr(c) for c in (0x301, 0x94D, 0x93F, 0x9BE, 0xE31, 0x20DD))
    pool = ALPHABET + "’'.,-_" * 3 + marks
    texts = random_texts(3000, seed=51) + corpus_texts()
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    texts += ["".join(rng.choice("a1_'.,- /\t\x1c") for _ in range(rng.randint(0, 20))) for _ in range(5000)]
    for text in texts:
        assert count_words(text) == len(WORD_RE.findall(text)), repr(text)
    assert _MARKS  # the combining marks are part of both definitions


def test_count_words_for_every_character_beside_words():
    from newsctl.text import WORD_RE, count_words

    for code in list(range(0x3000)) + [0xD800, 0xFEFF, 0x1F600, 0x10FFFF]:
        ch = chr(code)
        for text in (f"a{ch}b", f"{ch}", f" {ch}a", f"a{ch} ", f"1{ch}{ch}2", f"_{ch}_"):
            assert count_words(text) == len(WORD_RE.findall(text)), hex(code)


# --- H008 and H009: lines and blocks that cannot match are not searched -------------------------


def test_trailing_and_doubled_space_prefilters_never_skip_a_match():
    from newsctl.rules.whitespace import _TRAILING

    _SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")  # H009's former pattern (a precheck stands before it still)

    rng = random.Random(29)
    texts = random_texts(1000, seed=61)
    texts += ["".join(rng.choice(["a", " ", "\t", "\n", "\r", "\u00a0", "  "]) for _ in range(rng.randint(0, 8))) for _ in range(5000)]
    trailing = doubled = 0
    for text in texts:
        if _TRAILING.search(text):
            trailing += 1
            assert text.endswith((" ", "\t", " \n", "\t\n")), repr(text)
        if _SPACES.search(text):
            doubled += 1
            assert "  " in text, repr(text)
    assert trailing > 500 and doubled > 200


# --- sentence splitting -------------------------------------------------------------------------


def old_split_sentences(text: str) -> list[tuple[int, int]]:
    """newsctl.text.split_sentences before issue 12's changes, verbatim but for the names."""
    from newsctl.text import _END_RE, _abbreviation_continues, _skip_space, abbreviations

    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    abbrevs = abbreviations()
    for m in _END_RE.finditer(text):
        end = m.end()
        if end <= start:
            continue
        nxt = _skip_space(text, end)
        if nxt < len(text) and text[nxt].islower():
            continue
        mark = m.group()
        if mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1 and not mark.endswith(("\"", "”")):
            word_end = m.start()
            while word_end > start and text[word_end - 1].isspace():
                word_end -= 1
            word_start = word_end
            while word_start > start and not text[word_start - 1].isspace():
                word_start -= 1
            last = text[word_start:word_end]
            token = last.lstrip("(\"“'‘").lower()
            if _abbreviation_continues(token, last, text, start, word_start, nxt, abbrevs):
                continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


SENTENCE_BITS = [
    "Dr.", "Smith", "said.", "U.S.", "The", "the", "Senate.", "No.", "10", "Springfield,", "Ill.", "J.R.R.", "Tolkien",
    "etc.", "Sat.", "Sun.", "p.m.", "Saturday.", "A.B.C.D.E.", "É.", "(Mr.", "“Hi.”", "Wait…", "what?", "Yes!",
    "Inc.", "Co.", "Jan.", "Fig.", "3.", "‘So.’", "\"Go.\"", "(see", "p.", "5)."
]


def test_split_sentences_equals_the_old_definition():
    from newsctl.text import split_sentences

    rng = random.Random(37)
    texts = random_texts(1500, seed=71) + corpus_texts()
    seps = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", " \t", "\u2009"]
    for _ in range(6000):
        texts.append("".join(rng.choice(SENTENCE_BITS + WORDS) + rng.choice(seps) for _ in range(rng.randint(1, 14))))
    for text in texts:
        assert split_sentences(text) == old_split_sentences(text), repr(text)


# --- lazy work: export never splits sentences nor finds dates ---------------------------------


def test_export_reads_neither_sentences_nor_dates():
    from newsctl.export import render_article
    from newsctl.parse import parse_text

    text = (ARTICLES / "ostra-river-floods-velden.md").read_text("utf-8")
    article = parse_text(text, "ostra.md")
    for fmt in ("html", "text", "ninjs"):
        assert render_article(article, fmt)
    assert "sentences" not in article.__dict__ and "dates" not in article.__dict__
    assert article.sentences and article.dates  # there are some, found when asked
    assert article.sentences is article.sentences  # and kept
