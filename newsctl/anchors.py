"""Heading anchors: the one function that makes the ids the outline lists and the HTML uses."""

from __future__ import annotations

import unicodedata
from typing import Iterable

from newsctl.article import Article

FALLBACK = "section"


def slugify(text: str) -> str:
    """Lowercase, letters (any script, with their combining marks) and digits kept, punctuation
    dropped, runs of spaces, hyphens and underscores turned into one hyphen.

    Never empty: a heading with no letters or digits becomes "section". The result is a valid
    HTML id (non-empty, no whitespace).
    """
    out: list[str] = []
    gap = False
    for ch in unicodedata.normalize("NFC", text).lower():
        cat = unicodedata.category(ch)
        if cat[0] in "LNM":  # letters, numbers, combining marks (Devanagari vowel signs, accents)
            if gap and out:
                out.append("-")
            gap = False
            out.append(ch)
        elif ch.isspace() or ch in "-_":
            gap = True
    return unicodedata.normalize("NFC", "".join(out)) or FALLBACK


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
    # an id the writer gave (`## Heading {#custom-id}`) is the anchor; the others are made
    # from the titles, never reusing a written id (the first heading to claim one keeps it)
    written: dict[int, str] = {}
    for s in secs:
        anchor = article.blocks[s.heading].anchor if s.heading is not None else ""
        if anchor and anchor not in written.values():
            written[s.index] = anchor
    made = iter(unique_anchors((s.title for s in secs if s.index not in written), taken=written.values()))
    return {s.index: written[s.index] if s.index in written else next(made) for s in secs}
