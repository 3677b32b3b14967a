"""Heading anchors: the one function that makes the ids the outline lists and the HTML uses."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from newsctl.article import Article

_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SPACES = re.compile(r"[\s_-]+", re.UNICODE)


def slugify(text: str) -> str:
    """Lowercase, letters (any script) and digits kept, punctuation dropped, spaces to hyphens.

    Never empty: a heading with no letters or digits becomes "section".
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = _DROP.sub("", text)
    text = _SPACES.sub("-", text).strip("-")
    return text or "section"


def unique_anchors(texts: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Slugs made unique in order: the second "Reaction" becomes reaction-1, the third reaction-2."""
    used = set(taken)
    counts: dict[str, int] = {}
    out = []
    for text in texts:
        base = slugify(text)
        anchor = base
        n = counts.get(base, 0)
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        counts[base] = n
        used.add(anchor)
        out.append(anchor)
    return out


def section_anchors(article: Article) -> dict[int, str]:
    """Anchor id of every heading section (by section index), in document order."""
    secs = [s for s in article.sections[1:]]
    ids = unique_anchors(s.title for s in secs)
    return {s.index: a for s, a in zip(secs, ids)}
