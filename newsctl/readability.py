"""Readability statistics of an article's prose: words, sentences, syllables, Flesch scores.

What is measured: paragraphs and list items (Block.is_prose), never headings, code,
tables, HTML, URLs or front matter (the Article has already blanked markup, code and
URLs out of each paragraph's `prose`).

How it is counted, so the numbers are textstat 0.7.8's:
  * words and syllables are counted exactly as textstat counts them (punctuation removed
    except contraction apostrophes, split on whitespace; syllables from the CMU
    dictionary, else Pyphen) -- see newsctl.readability_table;
  * Flesch reading ease and Flesch-Kincaid grade use textstat's formulas and constants;
  * sentences are the Article's sentences (newsctl.text.split_sentences), not textstat's
    own regex, which ends a sentence at every full stop ("Dr.", "U.S.") and then ignores
    every "sentence" of two words or fewer. Where the two agree (plain prose of sentences
    of three or more words) the scores are identical to textstat's; tests prove it.

Direct quotations (settings option `exclude-quotes`, on by default) are not the writer's
prose and are left out of the statistics:
  * text between matching double quotes (straight "..." or curly “...”) or curly single
    quotes (‘...’) in a paragraph (newsctl.text.quoted_ranges);
    an opening quote never closed in the paragraph runs to its end (the news convention
    for a quotation continuing into the next paragraph);
  * block quotes (`>`), entirely.
A sentence partly quoted counts as a sentence, with only its unquoted words and
syllables (`“We will win,” she said.` is one sentence of two words); a sentence entirely
quoted is not counted at all. Quoted words still count towards reading time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import field
from functools import partial
from itertools import accumulate, compress, groupby
from typing import TYPE_CHECKING, Iterable

from newsctl.frozen import cached, fast_init, dataclass  # dataclass: cheaper to create (newsctl/frozen.py)
from newsctl.text import _MARKS, WORD_RE
from newsctl.text import reading_time_seconds as _reading_time
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

if TYPE_CHECKING:
    from newsctl.article import Article, Block, Sentence
    from newsctl.settings import Settings

# textstat 0.7.8, backend/utils/constants.py ("en") and the Flesch-Kincaid formula
FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
FKG_SENTENCE_LENGTH, FKG_SYLLABLES_PER_WORD, FKG_BASE = 0.39, 11.8, 15.59

_NONCONTRACTION_APOSTROPHE = lazy(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
# The same removal in two cheaper steps (issue 12: the regex visited every character, ~7 us per
# sentence): the ASCII characters _PUNCTUATION matches are deleted from the UTF-8 bytes in C
# (a multi-byte character has no ASCII byte, so none is cut), then only the non-ASCII ones are
# left to a regex, and only when the text has any. Each character is kept or removed on its own,
# so removing them in two groups gives the same string (tests/test_speed_equivalence.py).
_ASCII_PUNCTUATION = bytes(c for c in range(128) if _PUNCTUATION.match(chr(c)))
_NON_ASCII_PUNCTUATION = re.compile(r"[^\x00-\x7f\w\s]")


_ASCII = bytes(range(128))
_DROPPED: dict[str, bool] = {}  # a non-ASCII character -> whether _PUNCTUATION removes it


def _strip_punctuation(text: str) -> str:
    """_PUNCTUATION.sub("", text), faster.

    Text with non-ASCII characters: the distinct ones are read from the bytes left when every
    ASCII byte is deleted (in C), each is decided once by the regex, and those it removes are
    deleted from the UTF-8 bytes with bytes.replace (a character's bytes never occur inside
    another's). The regex used to visit every character of such text (issue 12: a paragraph
    with one curly quote paid ~10 ns a character)."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_PUNCTUATION)
    for ch in set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
        drop = _DROPPED.get(ch)
        if drop is None:
            drop = _DROPPED[ch] = _NON_ASCII_PUNCTUATION.match(ch) is not None
        if drop:
            data = data.replace(ch.encode("utf-8", "surrogatepass"), b"")
    return data.decode("utf-8", "surrogatepass")


def tokens(text: str) -> list[str]:
    """Words as textstat counts them (lexicon_count / list_words with its defaults)."""
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _strip_punctuation(text).split()


def count_syllables(text: str) -> int:
    """Syllables as textstat.syllable_count(text) counts them."""
    from newsctl.readability_table import counter

    count = counter()
    return sum(count(w) for w in tokens(text.lower()))


class _SyllablesOf(dict):  # type: ignore[type-arg]
    """A token as written -> its syllables (the count of its lower-case form), filled on first use:
    one dict lookup per word instead of lower() and the counter's own lookup (issue 12)."""

    def __missing__(self, word: str) -> int:
        if word.isdigit() and word.isascii():
            # a number ("2024", "4500" from "4,500"): in no dictionary, and no hyphenation
            # pattern holds a digit, so textstat counts 0 hyphenation points + 1 (the counter
            # runs Liang's algorithm to find that: ~13 us, and a news article has a dozen new
            # numbers; tests/test_speed_sentences_equivalence.py checks both facts on the data)
            self[word] = 1
            return 1
        from newsctl.readability_table import counter

        n = self[word] = counter()(word.lower())
        return n


_SYLLABLES_OF = _SyllablesOf()


def _syllables_of(words: list[str]) -> int:
    return sum(map(_SYLLABLES_OF.__getitem__, words))


@fast_init
@dataclass(frozen=True)
class Stats:
    """Counts of some prose and the scores computed from them."""

    words: int = 0  # the writer's words (quotations excluded when exclude-quotes is on)
    sentences: int = 0
    syllables: int = 0
    quoted_words: int = 0  # words left out as quotations; they still take time to read
    # every word of the prose by the one count (newsctl.text.block_words, as outline and export
    # count); None for text that is not an article's blocks (measure_text)
    counted_words: int | None = field(default=None, compare=False)

    def __add__(self, other: Stats) -> Stats:
        counted = None
        if self.counted_words is not None or other.counted_words is not None:
            counted = (self.counted_words or 0) + (other.counted_words or 0)
        return Stats(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.quoted_words + other.quoted_words,
            counted,
        )

    @property
    def scored(self) -> bool:
        """Whether there is prose to score (a section of code or headings only has none)."""
        return bool(self.words and self.sentences)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        """206.835 - 1.015 × words per sentence - 84.6 × syllables per word (0 for no text)."""
        wps, spw = self.words_per_sentence, self.syllables_per_word
        if wps == 0 or spw == 0:
            return 0.0
        return FRE_BASE - FRE_SENTENCE_LENGTH * wps - FRE_SYLLABLES_PER_WORD * spw

    @property
    def flesch_kincaid_grade(self) -> float:
        """0.39 × words per sentence + 11.8 × syllables per word - 15.59 (0 for no text)."""
        wps, spw = self.words_per_sentence, self.syllables_per_word
        if wps == 0 or spw == 0:
            return 0.0
        return (FKG_SENTENCE_LENGTH * wps) + (FKG_SYLLABLES_PER_WORD * spw) - FKG_BASE

    @property
    def reading_time_seconds(self) -> int:
        """At the one count's words when known (the reading time outline and export show)."""
        words = self.counted_words if self.counted_words is not None else self.words + self.quoted_words
        return _reading_time(words)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "quoted_words": self.quoted_words,
            # no prose, no score: null rather than a misleading 0
            "flesch_reading_ease": round(self.flesch_reading_ease, 2) if self.scored else None,
            "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 2) if self.scored else None,
            "reading_time_seconds": self.reading_time_seconds,
        }


def measure_text(text: str) -> Stats:
    """Stats of plain text, sentences split by newsctl (no quotation handling)."""
    from newsctl.text import split_sentences

    words: list[str] = []
    sentences = 0
    for start, end in split_sentences(text):
        found = tokens(text[start:end])
        if found:
            sentences += 1
            words.extend(found)
    return Stats(len(words), sentences, _syllables_of(words))


# --- quotations --------------------------------------------------------------------------------


def _blank(text: str, offset: int, ranges: list[tuple[int, int]]) -> str:
    """text (which starts at `offset` in its paragraph) with the quoted ranges blanked."""
    end = offset + len(text)
    for a, b in ranges:
        lo, hi = max(a, offset) - offset, min(b, end) - offset
        if lo < hi:  # slices, not a list of characters (issue 12)
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


# --- measuring an article ----------------------------------------------------------------------


@fast_init
@dataclass(frozen=True)
class SentenceStats:
    """One sentence as measured; `counted` is false for a sentence entirely quoted."""

    sentence: Sentence
    stats: Stats
    counted: bool
    first_word: str  # case-folded first word of the sentence as written ("" when not counted)
    # the sentence as measured, quotations blanked out ("" when not counted): what the
    # textstat indices read (newsctl.readability_indices)
    own_text: str = field(default="", compare=False)

    @property
    def words(self) -> int:
        return self.stats.words

    @property
    def grade(self) -> float:
        return self.stats.flesch_kincaid_grade


@fast_init
@dataclass(frozen=True)
class Paragraph:
    block: int
    line: int
    section: int  # index of the report row (see rows())
    stats: Stats


@fast_init
@dataclass(frozen=True)
class SectionStats:
    """A report row: the lead, or a level-1/2 heading with its deeper subsections."""

    section: int  # index into article.sections (0: the lead)
    title: str
    level: int
    line: int
    blocks: tuple[int, ...]
    stats: Stats
    columns: SentenceColumns | None = field(default=None, repr=False, compare=False)  # the article's sentences

    @cached
    def hardest(self) -> tuple[SentenceStats, ...]:
        """Counted sentences, hardest first (at most 3); found when first read (the readability
        report and the review page read them, lint does not)."""
        return self.columns.hardest(self.blocks) if self.columns is not None else ()


class SentenceColumns:
    """Every sentence of an article as measured, one list per number (issue 12): the rules read
    these columns, and a SentenceStats is made only for a sentence someone asks about (the
    hardest of each section, the readability report's and the review page's sentences).

    Index i is the article's sentence i (`Article.sentences`); a sentence not counted (entirely
    quoted, or no word textstat counts) has 0 words and syllables and an empty first word."""

    __slots__ = ("sentences", "words", "tokens", "quoted", "first_words", "counted", "by_block", "block_totals", "_syllables", "_own", "_made")

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        n = len(sentences)
        self.sentences = sentences
        self.words = [0] * n  # the writer's words (quotations excluded when exclude-quotes is on)
        self.tokens: list[list[str]] = [[]] * n  # those words as textstat splits them
        self.quoted = [0] * n  # words left out as quotations
        self.first_words = [""] * n  # case-folded first word as written (WORD_RE; "" when not counted)
        self._syllables = [0] * n  # the syllables of each sentence's own words
        self.counted: list[int] = []  # indices of the counted sentences, in order
        self.by_block: dict[int, list[int]] = {}  # block index -> its counted sentences' indices
        # block index -> (words, sentences, syllables, quoted words) of its sentences
        self.block_totals: dict[int, tuple[int, int, int, int]] = {}
        self._own: dict[int, str] = {}  # block index -> its prose with the quotations blanked
        self._made: dict[int, SentenceStats] = {}

    def first_word(self, i: int) -> str:
        """The case-folded first word of sentence i as written ("" when it is not counted)."""
        return self.first_words[i]

    def syllables(self, i: int) -> int:
        """The syllables of sentence i's own words (0 when it is not counted)."""
        return self._syllables[i]

    def grade(self, i: int) -> float:
        """Stats(words, 1, syllables).flesch_kincaid_grade of counted sentence i, the same float."""
        words = self.words[i]
        spw = self.syllables(i) / words
        if spw == 0:
            return 0.0
        return (FKG_SENTENCE_LENGTH * (words / 1)) + (FKG_SYLLABLES_PER_WORD * spw) - FKG_BASE

    def stats(self, i: int) -> SentenceStats:
        """Sentence i as a SentenceStats (made once)."""
        made = self._made.get(i)
        if made is None:
            sentence = self.sentences[i]
            if self.words[i]:  # counted: a counted sentence has a word
                own = self._own.get(sentence.block, sentence.inline.prose)[sentence.start : sentence.end]
                stats = Stats(self.words[i], 1, self.syllables(i), self.quoted[i])
                made = SentenceStats(sentence, stats, True, self.first_words[i], " ".join(own.split()))
            else:
                made = SentenceStats(sentence, Stats(quoted_words=self.quoted[i]), False, "")
            self._made[i] = made
        return made

    def hardest(self, blocks: Iterable[int]) -> tuple[SentenceStats, ...]:
        """The three counted sentences of the blocks with the highest grade, the first in the
        text first among equals: sorted by (-grade, line, column), spans made only for the
        grades that can place."""
        by_block = self.by_block
        candidates = [i for b in blocks for i in by_block.get(b, ())]
        if not candidates:
            return ()
        grades = {i: self.grade(i) for i in candidates}
        if len(candidates) > 3:
            third = sorted(grades.values(), reverse=True)[2]
            candidates = [i for i in candidates if grades[i] >= third]
        sentences = self.sentences

        def key(i: int) -> tuple[float, int, int]:
            span = sentences[i].span
            return (-grades[i], span.line, span.column)

        return tuple(self.stats(i) for i in sorted(candidates, key=key)[:3])


@dataclass(frozen=True)
class Measurement:
    """An article's readability: the whole, each report row (`sections`), and every sentence as
    columns (`columns`; `sentences` and `paragraphs` made from them when first read)."""

    article: Stats
    sections: tuple[SectionStats, ...]
    columns: SentenceColumns = field(repr=False, compare=False)
    # the one count's words of each block (for the paragraphs' reading time)
    counted_words: list[int] = field(default_factory=list, repr=False, compare=False)
    prose_lines: dict[int, int] = field(default_factory=dict, repr=False, compare=False)  # prose block -> its line

    @cached
    def sentences(self) -> tuple[SentenceStats, ...]:
        """Every sentence measured, in order (made when first read: the rules read `columns`)."""
        return tuple(map(self.columns.stats, range(len(self.columns.sentences))))

    @cached
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Each prose block's stats, in order (made when first read: R004 reads `columns`)."""
        totals, counted, lines = self.columns.block_totals, self.counted_words, self.prose_lines
        zero = (0, 0, 0, 0)
        out = []
        for sec in self.sections:
            for b in sec.blocks:
                if b in lines:
                    t = totals.get(b, zero)
                    out.append(Paragraph(b, lines[b], sec.section, Stats(t[0], t[1], t[2], t[3], counted[b])))
        out.sort(key=lambda p: p.block)
        return tuple(out)


def exclude_quotes(settings: Settings | None) -> bool:
    if settings is None:
        return True
    return bool(settings.option("exclude-quotes"))


def _measure_sentence(sentence: Sentence, prose: str, ranges: list[tuple[int, int]], whole_quote: bool) -> SentenceStats:
    start, end = sentence.start, sentence.end
    text = prose[start:end]
    every = tokens(text)
    if whole_quote:
        return SentenceStats(sentence, Stats(quoted_words=len(every)), False, "")
    if ranges and any(a < end and b > start for a, b in ranges):
        own_text = _blank(text, start, ranges)
        own = tokens(own_text)
    else:  # no quotation in this sentence: nothing to blank, the same words
        own_text, own = text, every
    quoted = max(0, len(every) - len(own))
    if not own:
        return SentenceStats(sentence, Stats(quoted_words=quoted), False, "")
    first = WORD_RE.search(text)
    return SentenceStats(
        sentence,
        Stats(len(own), 1, _syllables_of(own), quoted),
        True,
        first.group().casefold() if first else "",
        " ".join(own_text.split()),
    )


def sentence_stats(article: Article, block: Block, settings: Settings | None = None) -> list[SentenceStats]:
    """Each sentence of one prose block, measured one at a time: the plain definition the
    article's columns (`columns`, what `measure` and the rules read) compute faster."""
    if not block.is_prose or block.inline is None:
        return []
    skip = exclude_quotes(settings)
    prose = block.inline.prose
    ranges = list(block.inline.quotes) if skip else []
    whole = skip and block.in_quote
    return [_measure_sentence(s, prose, ranges, whole) for s in article.sentences_in(block.index)]


def _counted(article: Article, blocks: Iterable[int]) -> Stats:
    """Only the one count's words of the blocks (added to sentence stats for the reading time)."""
    from newsctl.text import block_words

    return Stats(counted_words=sum(block_words(article.blocks[i]) for i in blocks))


def measure_blocks(article: Article, block_indices: Iterable[int], settings: Settings | None = None) -> Stats:
    """Stats of the prose among the given blocks (other kinds of block are ignored)."""
    from newsctl.text import block_words

    totals = columns(article, exclude_quotes(settings)).block_totals
    words = sentences = syllables = quoted = counted = 0
    for i in block_indices:
        block = article.blocks[i]
        total = totals.get(i)
        if total is not None:
            words += total[0]
            sentences += total[1]
            syllables += total[2]
            quoted += total[3]
        counted += block_words(block)
    return Stats(words, sentences, syllables, quoted, counted)


def rows(article: Article) -> list[tuple[int, list[int]]]:
    """Report rows: (section index, its block indices).

    The lead (section 0) and every level-1 or level-2 heading; a row holds its own blocks
    and those of its deeper subsections (a `##` section includes its `###`s). A `###`
    before any `##` belongs to the row above it.
    """
    owner: dict[int, int] = {}
    for sec in article.sections:
        row = sec.index
        while row and article.sections[row].level > 2:
            row = article.sections[row].parent or 0
        owner[sec.index] = row
    grouped: dict[int, list[int]] = {}
    for sec in article.sections:
        if owner[sec.index] == sec.index:
            grouped[sec.index] = []
    for sec in article.sections:
        grouped[owner[sec.index]].extend(sec.blocks)
    return [(index, sorted(blocks)) for index, blocks in grouped.items()]


# Joins the sentences of a paragraph so that textstat's token rules run once per paragraph: a
# whitespace character (str.split and re's \s both split at it, so no token crosses it and
# _strip_punctuation keeps it) that prose does not hold; a paragraph holding one is measured a
# sentence at a time instead.
_SEPARATOR = "\x1e"
# After a separator: anything but a letter or digit, then the run of WORD_RE's characters from the
# first letter or digit (none when the sentence has none); WORD_RE's word is that run without
# the trailing characters it cannot end with (it ends in a letter, digit or combining mark).
_FIRST_WORD_RUN = re.compile(rf"\x1e(?:[^\w\x1e]|_)*+([^\W_][\w’'.,\-{_MARKS}]*+)?")
_CANNOT_END_WORD = "_’'.,-"
_SYLLABLES = _SYLLABLES_OF.__getitem__
_SYLLABLES_IN = partial(map, _SYLLABLES)  # words -> their syllables, lazily


def _token_parts(texts: list[str]) -> list[str]:
    """The text each of `texts` keeps after textstat's punctuation rules (`tokens` before its
    split), all in one pass: `tokens(texts[k]) == _token_parts(texts)[k].split()` for each k.
    Each rule reads one character at a time (the apostrophe's look-ahead sees the separator
    where a text ends, and keeps no apostrophe there, as at the end of a string), so running
    them over the joined texts changes none of them."""
    return _joined_token_parts(_SEPARATOR.join(texts))


def _joined_token_parts(joined: str) -> list[str]:
    if "'" in joined:
        joined = _NONCONTRACTION_APOSTROPHE.sub("", joined)
    return _strip_punctuation(joined).split(_SEPARATOR)


def _first_words(texts: list[str]) -> list[str]:
    """The case-folded first word (WORD_RE) of each text, "" for none."""
    found = [WORD_RE.search(text) for text in texts]
    return [m.group().casefold() if m else "" for m in found]


def _tokens_and_first_words(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    """tokens() of each text, and its case-folded first word (WORD_RE's; "" for none).

    All texts in one pass each, joined by the separator: textstat's token rules, then one
    regex pass for the first words instead of a WORD_RE search each (~1 us apiece):
    _FIRST_WORD_RUN finds the run of word characters from each text's first letter or digit,
    and WORD_RE's word is that run without what a word cannot end with. Texts holding the
    separator are measured one at a time instead."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator (or there are none)
        return list(map(tokens, texts)), _first_words(texts)
    # (the pattern opens with the separator, a literal the regex engine skips ahead to)
    runs = _FIRST_WORD_RUN.findall(_SEPARATOR + joined)
    # When no run ends in what a word cannot end with (most articles), the runs are the words,
    # and they are case-folded in one call over them joined (casefold maps each character on
    # its own, and the separator to itself), not a strip and a casefold each (issue 12, third day)
    flat = _SEPARATOR.join(runs) + _SEPARATOR
    if any([c + _SEPARATOR in flat for c in _CANNOT_END_WORD]):
        firsts = [run.rstrip(_CANNOT_END_WORD).casefold() for run in runs]
    else:
        firsts = flat.casefold().split(_SEPARATOR)
        firsts.pop()  # what followed the last separator: nothing
    return list(map(str.split, _joined_token_parts(joined))), firsts


def _tokens_of(texts: list[str]) -> list[list[str]]:
    """tokens() of each text, in one pass (one at a time when a text holds the separator)."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:
        return list(map(tokens, texts))
    return list(map(str.split, _joined_token_parts(joined)))


def columns(article: Article, skip: bool) -> SentenceColumns:
    """Every sentence of the article measured (quotations left out when `skip`), once per article
    and setting (kept in `Article.derived`).

    The numbers are `_measure_sentence`'s (tests/test_speed_sentences_equivalence.py compares
    them). The article's sentences are sliced from their paragraphs and put through textstat's
    token rules together, each step over all of them in C (map, compress, accumulate, groupby)
    rather than in calls per sentence or per paragraph; only a paragraph with a quotation (its
    quotations blanked once) or in a block quote is visited on its own (issue 12: ~1 ms per
    article before)."""
    key = ("readability-columns", skip)
    found = article.derived.get(key)
    if found is not None:
        return found
    sentences = article.sentences
    cols = SentenceColumns(sentences)
    n = len(sentences)
    block_of = [s.block for s in sentences]  # non-decreasing: the sentences are in block order
    every, first_words = _tokens_and_first_words([s.inline.prose[s.start : s.end] for s in sentences])
    words = list(map(len, every))
    quoted = [0] * n
    blocks = article.blocks
    paragraphs = list(dict.fromkeys(block_of))  # the blocks with sentences, in order
    if skip:
        quoting: list[int] = []  # sentences of paragraphs with quotations, in order
        own_texts: list[str] = []  # their text with the quotations blanked
        for index in paragraphs:
            block = blocks[index]
            inline = block.inline
            if not (block.in_quote or inline.quotes):  # type: ignore[union-attr]
                continue
            i = bisect_left(block_of, index)
            end = bisect_right(block_of, index, i)
            if block.in_quote:  # a block quote: not the writer's prose, none counted
                quoted[i:end] = words[i:end]
                words[i:end] = [0] * (end - i)
                every[i:end] = [[]] * (end - i)
                continue
            own_prose = cols._own[index] = _blank(inline.prose, 0, list(inline.quotes))  # type: ignore[union-attr]
            quoting += range(i, end)
            own_texts += [own_prose[s.start : s.end] for s in sentences[i:end]]
        if quoting:  # all in one pass
            own = _tokens_of(own_texts)
            for i, found in zip(quoting, own):
                # max(0, every - own): blanking can split a word in two ("x“y”z")
                quoted[i] = max(0, words[i] - len(found))
                words[i] = len(found)
                every[i] = found
    counted = list(compress(range(n), words))
    if len(counted) < n:  # a sentence with no word of its own is not counted: no first word
        for i in set(range(n)).difference(counted):
            first_words[i] = ""
    syllables = list(map(sum, map(_SYLLABLES_IN, every)))  # each sentence's, with no Python loop
    cols.words, cols.tokens, cols.quoted, cols.first_words, cols.counted = words, every, quoted, first_words, counted
    cols._syllables = syllables
    cols.by_block = {index: list(group) for index, group in groupby(counted, block_of.__getitem__)}
    # each paragraph's sums, as differences of running totals
    at_words, at_syllables, at_quoted = [0, *accumulate(words)], [0, *accumulate(syllables)], [0, *accumulate(quoted)]
    by_block, totals = cols.by_block, cols.block_totals
    i = 0
    for index in paragraphs:
        end = bisect_right(block_of, index, i)
        totals[index] = (
            at_words[end] - at_words[i],
            len(by_block.get(index, ())),
            at_syllables[end] - at_syllables[i],
            at_quoted[end] - at_quoted[i],
        )
        i = end
    article.derived[key] = cols
    return cols


def measure(article: Article, settings: Settings | None = None) -> Measurement:
    """Article, section-row, paragraph and sentence statistics, computed once per article and
    exclude-quotes setting (kept in `Article.derived`, so the six readability rules share it).

    Each block is measured and summed once; rows and the article add the blocks' sums (integer
    sums, so the order does not matter)."""
    skip = exclude_quotes(settings)
    key = ("readability", skip)
    found = article.derived.get(key)
    if found is not None:  # (the six rules each ask: nothing is imported or made before this)
        return found
    cols = columns(article, skip)
    totals = cols.block_totals
    blocks_of = article.blocks
    # each paragraph's line, and each block's words by the one count (text.block_words: a
    # paragraph's inline word count, 0 for any other block), in one loop rather than a dict
    # comprehension and a call per block (issue 12, third day)
    prose_lines: dict[int, int] = {}
    counted_words: list[int] = []
    for block in blocks_of:
        if block.kind == "paragraph":  # Block.is_prose
            prose_lines[block.index] = block.line
            inline = block.inline
            counted_words.append(0 if inline is None else inline.word_count)
        else:
            counted_words.append(0)
    zero = (0, 0, 0, 0)
    sections: list[SectionStats] = []
    for index, blocks in rows(article):
        sec = article.sections[index]
        stats = _sum_totals([totals.get(b, zero) for b in blocks], sum([counted_words[b] for b in blocks]))
        if index and sec.heading is not None:
            line = blocks_of[sec.heading].line
        else:
            line = blocks_of[blocks[0]].line if blocks else article.body_line
        sections.append(SectionStats(index, sec.title, sec.level, line, tuple(blocks), stats, cols))
    whole = _sum_totals([totals.get(b, zero) for b in prose_lines], sum([counted_words[b] for b in prose_lines]))
    result = Measurement(whole, tuple(sections), cols, counted_words, prose_lines)
    article.derived[key] = result
    return result


def _sum_totals(items: list[tuple[int, int, int, int]], counted: int) -> Stats:
    """The items added column by column (one zip and four sums in C, not four list
    comprehensions: issue 12, third day)."""
    if not items:
        return Stats(0, 0, 0, 0, counted)
    words, sentences, syllables, quoted = map(sum, zip(*items))
    return Stats(words, sentences, syllables, quoted, counted)


_ENDS_SENTENCE = lazy(r"[.!?][\"'”’)\]]*$")


def prose_text(sentences: Iterable[SentenceStats]) -> str:
    """The measured prose of some sentences as one text (what textstat's indices read): each
    counted sentence with its quotations blanked out, joined by spaces. A sentence without a
    closing `.`, `!` or `?` (a list item, a lead-in ending in a colon) gets a full stop, so that
    textstat, which splits sentences only at those marks, does not run it into the next one."""
    parts = []
    for s in sentences:
        if s.counted and s.own_text:
            parts.append(s.own_text if _ENDS_SENTENCE.search(s.own_text) else s.own_text + ".")
    return " ".join(parts)


def band(grade: float, max_grade: float) -> str:
    """easy (below grade 9), standard (up to max-grade) or hard (above it)."""
    if grade > max_grade:
        return "hard"
    if grade < 9:
        return "easy"
    return "standard"
