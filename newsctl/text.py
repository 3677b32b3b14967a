"""Words and sentences of prose text.

Works on the `prose` strings of the Article (markup already blanked), so every
offset it returns is an offset into the block's source.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A word: letters or digits, allowing inner apostrophes, hyphens, periods (U.S.) and commas in numbers.
WORD_RE = re.compile(r"[^\W_](?:[\w’'.,-]*[^\W_])?")
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_INITIAL_RE = re.compile(r"(?:^|[\s(\"“])[A-Z]$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    text = resources.files("newsctl").joinpath("rules", "data", "abbreviations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def words(text: str) -> list[re.Match[str]]:
    """Word matches in text (numbers count as words, punctuation does not)."""
    return list(WORD_RE.finditer(text))


def count_words(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences in text; leading/trailing blanks excluded."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    abbrevs = abbreviations()
    for m in _END_RE.finditer(text):
        end = m.end()
        if end <= start:
            continue
        nxt = _skip_space(text, end)
        if nxt < len(text) and text[nxt].islower():
            continue  # "“Will we win?” she asked." / "Wait… what?" / "5 p.m. on Monday"
        mark = m.group()
        if mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1 and not mark.endswith(("\"", "”")):
            before = text[start : m.start()]
            last = before.rsplit(None, 1)[-1] if before.strip() else ""
            token = last.lstrip("(\"“'‘").lower()
            if token in abbrevs or _INITIAL_RE.search(before):
                continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text) and text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


def _skip_space(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def collapse(text: str) -> str:
    """Collapse runs of whitespace to single spaces."""
    return " ".join(text.split())


WORDS_PER_MINUTE = 230  # adult silent reading of news copy; one constant for outline, readability and export


def reading_time_seconds(word_count: int) -> int:
    """Estimated reading time in whole seconds (at WORDS_PER_MINUTE)."""
    return round(word_count * 60 / WORDS_PER_MINUTE)
