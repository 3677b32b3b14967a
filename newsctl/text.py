"""Words and sentences of prose text.

Works on the `prose` strings of the Article (markup already blanked), so every
offset it returns is an offset into the block's source.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

if TYPE_CHECKING:
    from newsctl.article import Article

# A word: letters or digits, allowing inner apostrophes, hyphens, periods (U.S.) and commas in numbers.
# Combining marks (accents written separately, Indic vowel signs...) are not \w in Python's re,
# but they are part of words: "ख़बरें" is one word, not three.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u09fe\u0a01-\u0dff"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
WORD_RE = lazy(rf"[^\W_](?:[\w’'.,\-{_MARKS}]*(?:[^\W_]|[{_MARKS}]))?")
_END_RE = lazy(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
# Abbreviations that often end a sentence, and what makes them a sentence end.
_CAN_END_SENTENCE = frozenset({"etc"})  # before any capital
# before a sentence starter only: "the U.S. Senate" / "the U.S. The", "3 p.m. Saturday" / "9 a.m. The mayor"
_PLACE_ABBREVIATIONS = frozenset(
    {"u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "a.m", "p.m", "inc", "ltd", "corp", "co", "bros", "jr", "sr"}
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "vol", "pp"})  # only before a number: "No. 10"
_STATE_ABBREVIATIONS = frozenset(
    {"ill", "mass", "wash", "calif", "fla", "va", "penn", "tenn", "wis", "minn", "mich", "conn", "tex"}
)  # only after a comma: "Springfield, Ill."


def rule_data(name: str) -> str:
    """The text of newsctl/rules/data/<name>, read by path: importlib.resources would import
    zipfile and more on every lint (~5 ms of a one-file run) for a package never run from a zip."""
    return Path(__file__).resolve().parent.joinpath("rules", "data", name).read_text("utf-8")


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The words of newsctl/rules/data/<name>.txt: one per line, `#` lines are comments."""
    text = rule_data(f"{name}.txt")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def abbreviations() -> frozenset[str]:
    return word_list("abbreviations")


def weekday_abbreviations() -> frozenset[str]:
    """"Mon", "Tue", ... as written (rules/data/weekday_abbreviations.txt)."""
    return word_list("weekday_abbreviations")


@lru_cache(maxsize=1)
def _weekday_tokens() -> frozenset[str]:
    return frozenset(w.lower() for w in weekday_abbreviations())


def words(text: str) -> list[re.Match[str]]:
    """Word matches in text (numbers count as words, punctuation does not)."""
    return list(WORD_RE.finditer(text))


# count_words without WORD_RE (issue 12: ~0.8 ms per article for the blocks, as much again for
# the sentences). A word is a run of WORD_RE's characters holding a letter or digit: WORD_RE starts
# at its first letter or digit and ends at its last, and what trails (_ ' . , - ’) cannot start
# another, so there is one word per such run. ASCII text: every other character becomes a space
# and those five are deleted, in C, then the runs left are split; other text: one possessive
# regex match per run. tests/test_speed_lint_equivalence.py compares both with WORD_RE.
_NOT_IN_WORD = bytes(c for c in range(128) if not re.match(r"[\w'.,\-]", chr(c)))
_TO_SPACE = bytes.maketrans(_NOT_IN_WORD, b" " * len(_NOT_IN_WORD))
_WORD_RUN = lazy(rf"[^\W_][\w’'.,\-{_MARKS}]*+")


# The same translation with each letter or digit (all that is left of a word) written "a": the
# words are then counted as the places where an "a" follows a space, by bytes.count in C, with
# no bytes object made per word (issue 12: a third faster).
_TO_SPACE_OR_A = bytes.maketrans(
    bytes(range(128)), bytes(ord("a") if chr(c).isalnum() else ord(" ") if c in _NOT_IN_WORD else c for c in range(128))
)


def count_words(text: str) -> int:
    """len(WORD_RE.findall(text)), faster."""
    if text.isascii():
        marked = text.encode("ascii").translate(_TO_SPACE_OR_A, b"_'.,-")
        return marked.count(b" a") + (marked[:1] == b"a")
    return len(_WORD_RUN.findall(text))


# A letter or digit: what every word starts with (WORD_RE, _WORD_RUN), so a text holds a word
# (count_words > 0) exactly when this finds one; whitespace collapsing removes none.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def has_word(text: str, start: int = 0, end: int | None = None) -> bool:
    """count_words(text[start:end]) > 0, without counting or copying."""
    return _LETTER_OR_DIGIT.search(text, start, len(text) if end is None else end) is not None


# A sentence end as _END_RE finds it (group 1), the match running on over the whitespace after
# it, so that m.end() is where the next sentence starts: the C scan replaced a step per space in
# Python at every mark (issue 12; tests/test_speed_sentences_equivalence.py compares
# split_sentences with its former definition). The mark is written `[.!?…][.!?…]*`, not
# `[.!?…]+`: the same matches, but a pattern that opens on a character class lets the regex
# engine skip in C to the next mark instead of trying a match at every character (re finds no
# such prefix inside a repeat): finditer ~0.17 -> ~0.08 ms per article (issue 12, last mile).
_END_AND_SPACE_RE = re.compile(r"([.!?…][.!?…]*[\"'”’)\]]*)(?:\s+|$)")
_OPENERS = "(\"“'‘"
_LISTED: list[frozenset[str]] = []  # _listed_tokens(abbreviations()) and its _token_tails, once read


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences in text; leading/trailing blanks excluded."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = _skip_space(text, 0)
    if not _LISTED:
        _LISTED.append(_listed_tokens(abbreviations()))
        _LISTED.extend(_token_tails(_LISTED[0]))
    listed, tails, ones = _LISTED
    rfind = text.rfind
    for m in _END_AND_SPACE_RE.finditer(text):
        word_end, end = m.span(1)  # the mark's group opens the match: m.start() == m.start(1)
        if end <= start:
            continue
        nxt = m.end()
        if nxt < n and text[nxt].islower():
            continue  # "“Will we win?” she asked." / "Wait… what?" / "5 p.m. on Monday"
        if end - word_end == 1:
            if text[word_end] != ".":
                spans.append((start, end))  # one "?", "!" or "…": the sentence ends
                start = nxt
                continue
        else:
            mark = m.group(1)
            if not (mark[0] == "." and len(mark.rstrip("\"'”’)]")) == 1 and not mark.endswith(("\"", "”"))):
                spans.append((start, end))
                start = nxt
                continue
        # A period. The word before it is looked at only when it can matter (issue 12, third
        # day: ~0.6 us saved at most sentence ends): when it ends in a capital (initials), in
        # whitespace, or as a listed token can (its last three characters lower-cased are a
        # token's tail, or the last is a one-character token; see _token_tails). Any other word
        # is neither listed nor initials, and the sentence ends there as it did. (A listed token
        # is ASCII, so lower-casing three characters rather than the word changes nothing.)
        if word_end - start >= 3:
            last3 = text[word_end - 3 : word_end]
            final = last3[2]
            if not (final.isupper() or final.isspace() or final in ones) and last3.lower() not in tails:
                spans.append((start, end))
                start = nxt
                continue
        # the word before the period, found by scanning back from it (never copying the
        # sentence so far nor the rest of the text: that made long texts quadratic)
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


# Every character str.isspace() is true for (tests/test_speed_sentences_equivalence.py checks it).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _token_tails(listed: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """What the last three characters before a period, lower-cased, are when the word there is a
    listed token (split_sentences' shortcut): a longer token's last three, or a token of two after
    whitespace or an opening mark; and the tokens of one character, which can follow anything
    ("ax" ends like "x"): a word ending in one is looked at. A token of two at the sentence's start
    has no three characters before the period: such words are looked at too."""
    before = _WHITESPACE + _OPENERS
    tails = {token[-3:] for token in listed if len(token) >= 3}
    tails.update(c + token for token in listed if len(token) == 2 for c in before)
    return frozenset(tails), frozenset(token for token in listed if len(token) == 1)


def _word_start(text: str, start: int, word_end: int) -> int:
    """Where the word ending at word_end starts (after the last whitespace, not before `start`).

    The last space or newline is found by rfind (C) and the word after it checked to hold no
    other whitespace (a tab, a no-break space); otherwise, or with neither in sight, the
    characters are read back one by one as before (issue 12)."""
    space = max(text.rfind(" ", start, word_end), text.rfind("\n", start, word_end))
    if space >= 0:
        word = text[space + 1 : word_end]
        if not word or word.split() == [word]:
            return space + 1
    word_start = word_end
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    return word_start


@lru_cache(maxsize=4)
def _listed_tokens(abbrevs: frozenset[str]) -> frozenset[str]:
    """Every token _abbreviation_continues looks up: any other word continues a sentence only
    as initials."""
    return _CAN_END_SENTENCE | _PLACE_ABBREVIATIONS | _NUMBER_ABBREVIATIONS | _STATE_ABBREVIATIONS | _weekday_tokens() | abbrevs


_NON_SPACE = re.compile(r"\S*")


def _abbreviation_continues(
    token: str, word: str, text: str, start: int, word_start: int, nxt: int, abbrevs: frozenset[str]
) -> bool:
    """Whether the period after `word` belongs to an abbreviation (so the sentence goes on)."""
    following = _NON_SPACE.match(text, nxt).group() if nxt < len(text) else ""  # type: ignore[union-attr]
    next_upper = following[:1].isupper()
    if token in _CAN_END_SENTENCE:
        return not next_upper
    if token in _PLACE_ABBREVIATIONS:
        return following.strip("\"“‘'(") not in word_list("sentence_starters")
    if token in _NUMBER_ABBREVIATIONS:
        return following[:1].isdigit()
    if token in _STATE_ABBREVIATIONS:
        i = word_start
        while i > start and text[i - 1].isspace():
            i -= 1
        return i > start and text[i - 1] == ","
    if token in _weekday_tokens():
        return word.lstrip("(\"“'‘")[:1].isupper()
    return token in abbrevs or _is_initials(word.lstrip("(\"“'‘"))


def _is_initials(word: str) -> bool:
    """'J', 'J.R.R', 'Ø', 'É': one capital letter (any script) per part."""
    if len(word) > 7:  # four one-letter parts and three periods at most
        return False
    parts = word.split(".")
    return 1 <= len(parts) <= 4 and all(len(p) == 1 and p.isupper() for p in parts)


def _skip_space(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


_SPACE_BEFORE_PUNCT = lazy(r"\s+(?=[.,;:!?)\]](?:\s|$))")


def collapse(text: str) -> str:
    """Collapse runs of whitespace to single spaces (and drop the gap blanked markup leaves before punctuation)."""
    joined = " ".join(text.split())
    # the regex runs only where it can match: after the join every gap is one space, so a match
    # holds a space then one of the marks (issue 12: the regex visited every character)
    if " " in joined and (
        " ." in joined or " ," in joined or " ;" in joined or " :" in joined
        or " !" in joined or " ?" in joined or " )" in joined or " ]" in joined
    ):  # one `in` each, no generator: this runs for every sentence
        return _SPACE_BEFORE_PUNCT.sub("", joined)
    return joined


@dataclass(frozen=True)
class Counts:
    """Words, characters and reading time of an article's prose: the one count every command shows."""

    words: int
    characters: int
    reading_seconds: int


def article_counts(article: Article) -> Counts:
    """The one count of an article, used by outline, readability, export (ninjs `wordCount`) and feeds.

    Words: `count_words` over the prose blocks (paragraphs, list items, block quotes; not
    headings, code, tables or raw HTML), the same blocks the outline counts per section.
    Characters: the prose as plain text, whitespace runs counted as one space.
    """
    words = characters = 0
    for block in article.blocks:
        words += block_words(block)
        if block.is_prose and block.inline is not None:
            characters += len(" ".join(block.inline.plain.split()))
    return Counts(words, characters, reading_time_seconds(words))


def block_words(block: Any) -> int:
    """Words of one block as every count counts them: its prose, or 0 for a block that is not prose."""
    if block.is_prose and block.inline is not None:
        return block.inline.word_count  # count_words(block.inline.prose), counted once per block
    return 0


WORDS_PER_MINUTE = 230  # adult silent reading of news copy; one constant for outline, readability and export


def reading_time_seconds(word_count: int) -> int:
    """Estimated reading time in whole seconds (at WORDS_PER_MINUTE)."""
    return round(word_count * 60 / WORDS_PER_MINUTE)


_QUOTES = {"“": "”", '"': '"', "‘": "’"}
_QUOTE_MARK = re.compile("[“”\"‘’]")


def quoted_ranges(prose: str) -> list[tuple[int, int]]:
    """(start, end) of each direct quotation in a paragraph, quote marks included.

    Matching pairs of “curly” or "straight" double quotes, and ‘single’ curly quotes (British
    style). An opening mark that is never closed runs to the end of the paragraph, as
    multi-paragraph quotations do; a closing mark with no opening one is ignored. Not quotes:
    a straight " right after a digit (an inch mark: 6'2", a 55" TV), and a ’ followed by a
    letter (an apostrophe: ‘It’s fine,’).
    """
    if "“" not in prose and '"' not in prose and "‘" not in prose:
        return []  # no opening mark, no quotation (most paragraphs: three C scans, no loop)
    ranges: list[tuple[int, int]] = []
    opened_at = -1
    closer = ""
    n = len(prose)
    # only the quote marks are visited (a regex finds them): a loop over every character was
    # 1.4 ms per article, called ~50 times per article by the rules (issue 12)
    for m in _QUOTE_MARK.finditer(prose):
        i, ch = m.start(), m.group()
        if opened_at < 0:
            if ch in _QUOTES and not (ch == '"' and i and prose[i - 1].isdigit()):
                opened_at, closer = i, _QUOTES[ch]
        elif ch == closer:
            if ch == "’" and i + 1 < n and prose[i + 1].isalpha():
                continue  # an apostrophe inside the quotation
            if ch == '"' and prose[i - 1].isdigit() and i + 1 < n and prose[i + 1].isalnum():
                continue  # 12"x18" inside a quotation: still a unit
            ranges.append((opened_at, i + 1))
            opened_at = -1
    if opened_at >= 0:
        ranges.append((opened_at, n))
    return ranges
