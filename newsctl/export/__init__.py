"""Export articles for syndication: standalone HTML, wire-style plain text, IPTC ninjs JSON.

    from newsctl.export import ExportOptions, render_article
    text = render_article(article, "ninjs", ExportOptions(base_url="https://example.com/news/"))

Modules: common (the ExportDoc every format reads: titles, dates, lead image, marks,
links between articles, counts, ASCII transliteration), html (markdown-it body + Jinja2
page), sanitize (nh3 allow-list, URL schemes), validate (what --strict checks in a page),
quotes (quotation marks by language), text (wire text), ninjs (IPTC ninjs 3.1), feeds
(Atom, RSS, JSON Feed), site (index page, sitemaps), batch (selection, naming, path safety,
atomic writes, summary data). Nothing here prints or exits.
"""

from __future__ import annotations

from newsctl.article import Article
from newsctl.export.common import (
    ExportDoc,
    ExportError,
    ExportOptions,
    default_name,
    prepare,
    safe_name,
    strip_controls,
    transliterate,
    transliterate_html,
)

FORMATS: dict[str, str] = {"html": ".html", "text": ".txt", "ninjs": ".json"}

__all__ = ["FORMATS", "ExportDoc", "ExportError", "ExportOptions", "render_article", "render_doc"]


def render_doc(doc: ExportDoc, fmt: str, options: ExportOptions) -> str:
    """One document in one format, without control characters (`common.strip_controls`)."""
    if fmt == "html":
        from newsctl.export import html as module
    elif fmt == "text":
        from newsctl.export import text as module  # type: ignore[no-redef]
    elif fmt == "ninjs":
        from newsctl.export import ninjs as module  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    text = module.render(doc, options)
    if fmt != "ninjs":  # ninjs.render applies this guard itself, and only where it can change something
        text = strip_controls(text, html=fmt == "html")
    if options.ascii:  # the last guard: each renderer already transliterated its strings
        text = transliterate_html(text) if fmt == "html" else transliterate(text)
    return text


def render_article(article: Article, fmt: str, options: ExportOptions | None = None, name: str | None = None) -> str:
    """One article in one format; ExportError when its front matter is unusable."""
    options = options or ExportOptions()
    doc = prepare(article, name or safe_name(default_name(article)), options)
    return render_doc(doc, fmt, options)
