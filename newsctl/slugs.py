"""Slugs made from titles: the one function `newsctl new`, `newsctl import` and M012 share."""

from __future__ import annotations

import re

MAX_SLUG = 80


def slugify(text: str) -> str:
    """A file-name and URL slug: ASCII lowercase letters and digits in hyphen-separated words,
    as the `slug` field accepts it.

    Every script is transliterated with anyascii ("Café" -> "cafe", "Zürich" -> "zurich",
    "ø" -> "o"); apostrophes vanish ("Collector's" -> "collectors"); a slug longer than 80
    characters is cut at a word boundary. Returns "" for text with no letters or digits.
    """
    from anyascii import anyascii

    folded = anyascii(text).lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", folded)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    return slug or (words[0][:MAX_SLUG] if words else "")
