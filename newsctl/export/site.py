"""A site from exported pages: index.html (newest first, with summaries), sitemap.xml
(sitemaps.org 0.9) and news-sitemap.xml (Google News sitemap: articles published in the last
two days before `now`), written beside the pages (`newsctl export --format html --index`).

Drafts and embargoed articles exported anyway (they carry `noindex`) are left out of all
three; so are articles dated after `now` from the sitemaps. Pure rendering functions plus
`write_site`, which writes atomically.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from newsctl.export.common import ExportDoc, ExportError, ExportOptions, aware, display, iso, rfc3339
from newsctl.urls import with_trailing_slash

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_WINDOW = timedelta(days=2)  # Google News sitemaps list articles from the last two days
NEWS_LIMIT = 1000  # Google: at most 1,000 news:news entries in one news sitemap
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs in one sitemap
INDEX, SITEMAP, NEWS_SITEMAP = "index.html", "sitemap.xml", "news-sitemap.xml"


def listed(docs: Sequence[ExportDoc]) -> list[ExportDoc]:
    """The pages a site lists, newest first (undated ones last, by name): no drafts, no embargoed."""
    public = [d for d in docs if not d.mark]
    by_name = sorted(public, key=lambda d: d.name)
    return sorted(by_name, key=lambda d: (d.published is not None, aware(d.published) if d.published else 0), reverse=True)


def site_title(options: ExportOptions) -> str:
    site = options.site
    return site.name or site.publisher or (urlsplit(options.base_url or "").netloc or "Articles")


def home(options: ExportOptions) -> str:
    assert options.base_url
    return with_trailing_slash(options.base_url)


def index_html(docs: Sequence[ExportDoc], options: ExportOptions) -> str:
    """The index page: every listed article with its title, date, byline, summary and reading time."""
    from markupsafe import Markup

    from newsctl.export.html import _builtin_template, stylesheet
    from newsctl.export.common import transliterate_html

    entries: list[dict[str, Any]] = []
    for doc in listed(docs):
        entries.append(
            {
                # the entry's title is itself a link: a title holding one falls back to plain text
                "title_html": Markup(doc.title_html) if "<a " not in doc.title_html else doc.title,
                "href": doc.url or f"{doc.name}.html",
                "published": iso(doc.published, doc.published_bare) if doc.published else None,
                "published_display": display(doc.published, doc.published_bare) if doc.published else None,
                "byline": doc.byline,
                "summary": doc.summary or _lead(doc),
                "reading_minutes": max(1, round(doc.counts.reading_seconds / 60)) if doc.counts.words else 0,
                "section": doc.section,
            }
        )
    langs = {d.lang for d in docs}
    template = _builtin_template("index.html.j2")
    text = template.render(
        title=site_title(options),
        lang=options.site.lang or (langs.pop() if len(langs) == 1 else "en"),
        url=home(options) if options.base_url else None,
        site={"name": options.site.name, "locale": options.site.og_locale, "publisher": options.site.publisher},
        entries=entries,
        stylesheet=Markup(stylesheet()),
    )
    return transliterate_html(text) if options.ascii else text


LEAD_WORDS = 40  # an index entry without a summary shows this much of its first paragraph


def _lead(doc: ExportDoc) -> str | None:
    for block in doc.article.blocks:
        if block.is_prose and block.inline is not None:
            words = block.inline.plain.split()
            if words:
                return " ".join(words[:LEAD_WORDS]) + (" …" if len(words) > LEAD_WORDS else "")
    return None


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _lastmod(doc: ExportDoc) -> str | None:
    """W3C Datetime: a bare date as a date; a time with its offset (naive times as UTC)."""
    latest, bare = (doc.updated, doc.updated_bare) if doc.updated else (doc.published, doc.published_bare)
    if latest is None:
        return None
    return iso(latest, True) if bare else rfc3339(latest)


def sitemap(docs: Sequence[ExportDoc], options: ExportOptions, now: datetime) -> str:
    """sitemaps.org 0.9: the index page, then each listed page published by `now`."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    url = ET.SubElement(root, "url")
    ET.SubElement(url, "loc").text = home(options)
    for doc in listed(docs):
        if not doc.url or (doc.published and aware(doc.published) > now):
            continue
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = doc.url
        lastmod = _lastmod(doc)
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    return _xml(root)


def news_language(lang: str) -> str:
    """Google News wants an ISO 639 code: `en`, `de`; Chinese as `zh-cn` or `zh-tw`."""
    tag = lang.lower().replace("_", "-")
    if tag in ("zh-cn", "zh-tw"):
        return tag
    if tag.startswith("zh-hant") or tag in ("zh-hk", "zh-mo"):
        return "zh-tw"
    if tag.startswith("zh"):
        return "zh-cn"
    return tag.split("-")[0]


def news_entries(docs: Sequence[ExportDoc], now: datetime) -> list[ExportDoc]:
    """Listed pages published within the two days before `now` (not after it), newest first, at
    most NEWS_LIMIT."""
    return [
        d
        for d in listed(docs)
        if d.url and d.published is not None and now - NEWS_WINDOW <= aware(d.published) <= now
    ][:NEWS_LIMIT]


def news_sitemap(docs: Sequence[ExportDoc], options: ExportOptions, now: datetime) -> str | None:
    """The Google News sitemap, or None when no article was published in the last two days
    (a sitemap must list at least one URL)."""
    entries = news_entries(docs, now)
    if not entries:
        return None
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    name = site_title(options)
    for doc in entries:
        assert doc.url and doc.published
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = doc.url
        news = ET.SubElement(url, "news:news")
        publication = ET.SubElement(news, "news:publication")
        ET.SubElement(publication, "news:name").text = name
        ET.SubElement(publication, "news:language").text = news_language(doc.lang)
        ET.SubElement(news, "news:publication_date").text = rfc3339(doc.published)
        ET.SubElement(news, "news:title").text = doc.title
    return _xml(root)


def write_site(docs: Sequence[ExportDoc], out_dir: Path, options: ExportOptions, now: datetime, dry_run: bool = False) -> list[Path]:
    """Write index.html, sitemap.xml and (when it has entries) news-sitemap.xml into out_dir;
    the paths written (or that would be). ExportError when an article's page is index.html."""
    from newsctl.atomic import write_atomic
    from newsctl.export.common import transliterate

    clash = [d for d in docs if d.name == "index"]
    if clash:
        raise ExportError(f"{clash[0].article.path}: its page would be index.html; give it another slug")
    if len(listed(docs)) + 1 > SITEMAP_LIMIT:
        raise ExportError(f"{len(listed(docs))} pages: a sitemap holds at most {SITEMAP_LIMIT:,} URLs; export in parts")
    files = {INDEX: index_html(docs, options), SITEMAP: sitemap(docs, options, now)}
    news = news_sitemap(docs, options, now)
    if news is not None:
        files[NEWS_SITEMAP] = news
    written = []
    for name, text in files.items():
        target = out_dir / name
        if target.is_symlink():
            raise ExportError(f"{target} is a symbolic link; refusing to replace it")
        if options.ascii and name != INDEX:
            text = transliterate(text)
        if not dry_run:
            write_atomic(target, text)
        written.append(target)
    return written
