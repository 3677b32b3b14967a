"""Links between articles: a relative link to another article's source file (`other.md`).

Shared by the lint rule that reports a missing target (S011), the engine that tells that rule
which targets exist, and the exporters that turn such a link into a link to the target's
exported page (by slug, like Hugo's `relref`). A leaf module: no I/O except `existing`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterator
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from newsctl.article import Article, Link

ARTICLE_SUFFIXES = (".md", ".markdown")


def split_article_href(href: str) -> tuple[str, str] | None:
    """(path, fragment) when href is a relative link to a Markdown file, else None.

    `other.md`, `../2024/other.md#reaction`, `other%20story.md` are; `https://x/a.md`,
    `/abs/a.md`, `mailto:`, `#frag` and `a.html` are not.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.lower().endswith(ARTICLE_SUFFIXES):
        return None
    return path, parts.fragment


def target_path(article_path: str, path: str) -> str:
    """The real path of a link's target, relative to the linking article's directory."""
    return os.path.realpath(os.path.join(os.path.dirname(article_path), path))


def article_links(article: Article) -> Iterator[tuple[Link, str, str]]:
    """(link, real target path, fragment) for each relative link to a Markdown file, in order.

    Found once per article (kept in `Article.derived`): the engine's look-up of which targets
    exist, S011 and the cache entry each read them, and each target is a `realpath`."""
    known = article.derived.get(_DERIVED_KEY)
    if known is None:
        known = article.derived[_DERIVED_KEY] = tuple(_article_links(article))
    return iter(known)


_DERIVED_KEY = "links.article_links"


def _article_links(article: Article) -> Iterator[tuple[Link, str, str]]:
    for block in article.blocks:
        for inline in ((block.inline,) + block.cells if block.inline is not None else block.cells):
            for link in inline.links:
                split = split_article_href(link.href)
                if split:
                    yield link, target_path(article.path, split[0]), split[1]


def existing(article: Article) -> frozenset[str]:
    """The targets of the article's links to Markdown files that exist (the one I/O here)."""
    return frozenset(path for _, path, _ in article_links(article) if os.path.isfile(path))
