"""Interviews in Q&A form: which paragraphs are an interviewee's transcribed answers.

Length rules (R004, S006) leave answers alone: on real published copy an editor did not split
an interviewee's long answer, which is the person's words, not the writer's.
"""

from __future__ import annotations

import re

from newsctl.article import Article, Block
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

# "**A:**", "**Aaron:**", "**Stephanie**:", "MB:", "Q." at the start of a paragraph.
_SPEAKER = lazy(r"^[*_]{0,2}(?:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})[*_]{0,2}\s*[:.][*_]{0,2}\s")
_QUESTION_LABEL = lazy(r"^[*_]{0,2}(?:Q|Question)[*_]{0,2}\s*[:.]", re.IGNORECASE)
_TO_YOU = lazy(r"\b(?:you|your)\b", re.IGNORECASE)


def is_question_to_interviewee(text: str) -> bool:
    """A question put to someone: it ends with "?" and says "you" ("How did you start?")."""
    text = text.strip().rstrip("*_ ")
    return text.endswith("?") and _TO_YOU.search(text) is not None


def _emphasised_question(block: Block) -> bool:
    raw = block.inline.raw.strip() if block.inline else ""
    if _QUESTION_LABEL.match(raw):
        return True
    return raw[:1] in "*_" and is_question_to_interviewee(block.inline.plain if block.inline else "")


def is_answer(article: Article, block: Block) -> bool:
    """Is this paragraph an interviewee's answer? It opens with a speaker label ("**A:**",
    "**Aaron:**"), follows an emphasised question, or sits under a heading that asks "you"."""
    if block.inline is None:
        return False
    raw = block.inline.raw.lstrip()
    if _SPEAKER.match(raw) and not _QUESTION_LABEL.match(raw):
        return True
    previous = next((b for b in reversed(article.blocks[: block.index]) if b.kind in ("paragraph", "heading")), None)
    if previous is not None and previous.kind == "paragraph" and previous.section == block.section and _emphasised_question(previous):
        return True
    heading = article.sections[block.section].heading
    return heading is not None and is_question_to_interviewee(article.blocks[heading].inline.plain if article.blocks[heading].inline else "")
