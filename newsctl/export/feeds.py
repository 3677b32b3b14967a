"""Feeds: many articles as Atom 1.0, RSS 2.0 or JSON Feed 1.1 (mapping in docs/export.md).

    from newsctl.export.feeds import FeedOptions, render_articles
    text = render_articles(articles, "atom", FeedOptions(base_url="https://example.com/news/"))

Pure: ExportDocs (or Articles) and options in, text out. Selection of drafts and embargoed
articles happens before (`newsctl.export.batch.prepare_path`); this module orders the
entries newest first, keeps the first `limit`, and builds the document.

- XML is built with ElementTree, never by pasting strings, so `<`, `&` and quotes are
  escaped by the serializer. Characters XML 1.0 forbids (C0 controls other than tab,
  newline and carriage return; U+FFFE, U+FFFF; lone surrogates) and DEL and C1 controls
  are removed from every string, in every format (`xml_text`, which uses
  `common.strip_controls`); the finished feed goes through `strip_controls` again, like
  every exported document.
- Dates: a time without a timezone and a bare date are taken as UTC (as in ninjs).
- Links: each entry's link and id is its HTML page URL (`common.page_url`: the same file
  naming as `newsctl export --format html`).
- Content: the sanitized HTML body (`html.render_body`) with links made absolute, unless
  `full_content` is off.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import format_datetime
from html import escape as html_escape
from typing import TYPE_CHECKING, Any, Iterable, Sequence
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from newsctl.article import Article
from newsctl.export.common import (
    ExportDoc,
    ExportError,
    ExportOptions,
    default_name,
    prepare,
    rfc3339,
    safe_name,
    strip_controls,
)
from newsctl.settings import Site
from newsctl.timeutil import as_utc_if_naive
from newsctl.urls import with_trailing_slash

if TYPE_CHECKING:
    from newsctl.export.batch import Item

FEED_FORMATS: dict[str, str] = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}  # default file names
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
GENERATOR = "newsctl"
DEFAULT_LIMIT = 20

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedOptions:
    base_url: str  # absolute http(s) URL the HTML pages live under (required: feeds need absolute links)
    title: str | None = None  # feed title; default: the base URL's host
    feed_url: str | None = None  # where the feed itself will live; default: <base>/<FEED_FORMATS name>
    limit: int = DEFAULT_LIMIT  # newest entries kept
    full_content: bool = True  # the sanitized HTML body in each entry
    now: datetime | None = None  # the feed's updated time when it has no entries (default: the epoch)
    smart: bool = True  # typographer in titles and content (as in export)
    site: Site = field(default_factory=Site)  # site-name is the default title; publisher the feed author


def export_options(options: FeedOptions) -> ExportOptions:
    """The export options feed entries are prepared and rendered with."""
    return ExportOptions(base_url=options.base_url, smart=options.smart, site=options.site, now=options.now)


def xml_text(text: str) -> str:
    """text without the characters XML 1.0 cannot carry (escaping is the serializer's job), and
    without the control characters no export carries (`common.strip_controls`: VT, FF and NEL
    become a space, like in every other format)."""
    return _NOT_XML.sub("", strip_controls(text))


def feed_title(options: FeedOptions) -> str:
    """--title, else the site-name setting, else the base URL's host."""
    title = options.title or options.site.name
    return xml_text(title) if title else urlsplit(options.base_url).netloc


def feed_url(fmt: str, options: FeedOptions) -> str:
    if options.feed_url:
        return options.feed_url
    return urljoin(with_trailing_slash(options.base_url), FEED_FORMATS[fmt])


def home_url(options: FeedOptions) -> str:
    return with_trailing_slash(options.base_url)


def _utc(dt: datetime) -> datetime:
    """For comparing: naive times (and bare dates) are UTC."""
    return as_utc_if_naive(dt)


def _aware(dt: datetime) -> datetime:
    """For writing: naive times get UTC, an offset as written is kept."""
    return as_utc_if_naive(dt)


def published(doc: ExportDoc) -> datetime:
    assert doc.published is not None
    return doc.published


def modified(doc: ExportDoc) -> datetime:
    """The entry's last change: `updated`, else `date`."""
    assert doc.published is not None
    return doc.updated or doc.published


def check_entry(doc: ExportDoc) -> None:
    """ExportError when an article cannot be a feed entry (it needs a date and a page URL)."""
    if doc.published is None:
        line = doc.article.front_matter.start_line or 1
        raise ExportError(f"line {line}: front matter has no 'date': a feed entry needs a publication date")
    if not doc.url:
        raise ExportError("no page URL: a feed needs a base URL")


def duplicate(doc: ExportDoc, first: ExportDoc) -> str:
    """Why a second article with the same page URL (same slug) cannot be an entry."""
    return f"{doc.name}.html is already the page of {first.article.path} (same slug): entry ids must be unique"


def select_entries(prepared: Iterable[tuple[Item, ExportDoc | None]]) -> tuple[list[Item], list[ExportDoc]]:
    """From `batch.prepare_path` results: every article's Item (an article that cannot be an
    entry, or repeats a page URL, turned into a failure) and the docs that can be entries."""
    from newsctl.export.batch import FAILED

    items: list[Item] = []
    docs: list[ExportDoc] = []
    pages: dict[str, ExportDoc] = {}  # page URL -> the first article that has it
    for item, doc in prepared:
        if doc is not None:
            try:
                check_entry(doc)
                assert doc.url is not None
                if doc.url in pages:
                    raise ExportError(duplicate(doc, pages[doc.url]))
                pages[doc.url] = doc
                docs.append(doc)
            except ExportError as exc:
                item = replace(item, status=FAILED, reason=str(exc))
        items.append(item)
    return items, docs


def order(docs: Iterable[ExportDoc], limit: int | None = None) -> list[ExportDoc]:
    """Newest first by `date`, then by `updated`; equal ones by name, then path. The first `limit` only.

    Every doc must have a date (`check_entry`).
    """
    by_name = sorted(docs, key=lambda d: (d.name, d.article.path))
    ranked = sorted(by_name, key=lambda d: (_utc(published(d)), _utc(modified(d))), reverse=True)
    return ranked if limit is None else ranked[:limit]


def _latest(entries: Sequence[ExportDoc], options: FeedOptions) -> datetime:
    if entries:
        return max((_aware(modified(d)) for d in entries), key=_utc)
    return options.now or datetime(1970, 1, 1, tzinfo=timezone.utc)


def _common_lang(entries: Sequence[ExportDoc]) -> str | None:
    langs = {d.lang for d in entries}
    return xml_text(langs.pop()) if len(langs) == 1 else None


def _content(doc: ExportDoc, options: FeedOptions) -> str:
    """The entry's HTML: the DRAFT or EMBARGOED notice when the article carries one, the lead
    image as a figure, then the sanitized body."""
    from newsctl.export.html import render_body

    parts = []
    if doc.notice:
        parts.append(f"<p><strong>{html_escape(doc.notice)}</strong></p>\n")
    if doc.lead_image and doc.image:
        alt = html_escape(doc.image_alt or "")
        caption = f"<figcaption>{html_escape(doc.image_caption)}</figcaption>" if doc.image_caption else ""
        parts.append(f'<figure><img src="{html_escape(doc.image)}" alt="{alt}">{caption}</figure>\n')
    parts.append(render_body(doc.article, export_options(options)))
    return xml_text(strip_controls("".join(parts), html=True))


def image_type(url: str) -> str:
    """The image's media type guessed from its address (image/jpeg when unknown)."""
    import mimetypes

    guessed, _ = mimetypes.guess_type(urlsplit(url).path)
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


def lead(doc: ExportDoc) -> str | None:
    """The first paragraph as plain text, whitespace collapsed; None when there is none."""
    for block in doc.article.blocks:
        if block.is_prose and block.inline is not None:
            text = xml_text(" ".join(block.inline.plain.split()))
            if text:
                return text
    return None


def summary(doc: ExportDoc, options: FeedOptions) -> str | None:
    """The front-matter summary; with summary-only feeds, the first paragraph when there is none."""
    if doc.summary:
        return xml_text(doc.summary)
    return None if options.full_content else lead(doc)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def atom(entries: Sequence[ExportDoc], options: FeedOptions) -> str:
    """Atom 1.0 (RFC 4287)."""
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    lang = _common_lang(entries)
    if lang:
        root.set("xml:lang", lang)
    title = feed_title(options)
    self_url = feed_url("atom", options)
    _sub(root, "id", self_url)
    _sub(root, "title", title, type="text")
    _sub(root, "updated", rfc3339(_latest(entries, options)))
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(root, "link", rel="alternate", type="text/html", href=home_url(options))
    if not entries or any(not d.authors for d in entries):
        # RFC 4287 4.1.1: a feed needs an author unless every entry has one
        author = _sub(root, "author")
        _sub(author, "name", options.site.publisher or title)
    if options.site.publisher_logo:
        _sub(root, "logo", options.site.publisher_logo)
    _sub(root, "generator", GENERATOR)
    for doc in entries:
        assert doc.url is not None and doc.published is not None
        entry = _sub(root, "entry")
        entry.set("xml:lang", xml_text(doc.lang))
        _sub(entry, "id", doc.url)
        _sub(entry, "title", doc.title, type="text")
        _sub(entry, "link", rel="alternate", type="text/html", href=doc.url)
        if doc.image:
            _sub(entry, "link", rel="enclosure", type=image_type(doc.image), href=doc.image)
        _sub(entry, "published", rfc3339(doc.published))
        _sub(entry, "updated", rfc3339(modified(doc)))
        for name in doc.authors:
            author = _sub(entry, "author")
            _sub(author, "name", name)
        for tag in doc.tags:
            _sub(entry, "category", term=tag)
        text = summary(doc, options)
        if text:
            _sub(entry, "summary", text, type="text")
        if options.full_content:
            _sub(entry, "content", _content(doc, options), type="html")
    return _xml(root)


def rfc822(dt: datetime) -> str:
    """RSS dates: 'Mon, 02 Oct 2023 09:00:00 +0000' (naive times taken as UTC)."""
    return format_datetime(_aware(dt))


# a `<`, or an `&` HTML reads as a character reference (`&lt;`, `&#60;`, legacy `&amp` with no `;`)
_HTML_SIGNIFICANT = re.compile(r"<|&(?:#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;|(?:amp|lt|gt|quot|nbsp|copy|reg)(?![A-Za-z0-9]))")


def _rss_title(title: str) -> str:
    """RSS leaves open whether a title is text or HTML, and many readers render it as HTML. A
    title that HTML would read differently (a `<`, an entity like `&lt;`) is written escaped as
    HTML, the RSS Advisory Board's advice: `<img onerror=...>` shows as those characters, never
    as live markup. Any other title (`AT&T`, `Q&A`) is left as it is, so readers that show
    titles as text show it unchanged."""
    return html_escape(title, quote=False) if _HTML_SIGNIFICANT.search(title) else title


def rss(entries: Sequence[ExportDoc], options: FeedOptions) -> str:
    """RSS 2.0 with the content (content:encoded), Dublin Core (dc:creator) and Atom (self link) modules."""
    root = ET.Element(
        "rss",
        {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS},
    )
    channel = _sub(root, "channel")
    title = feed_title(options)
    _sub(channel, "title", _rss_title(title))
    _sub(channel, "link", home_url(options))
    _sub(channel, "description", html_escape(f"Latest articles from {title}", quote=False))
    lang = _common_lang(entries)
    if lang:
        _sub(channel, "language", lang)
    _sub(channel, "lastBuildDate", rfc822(_latest(entries, options)))
    _sub(channel, "generator", GENERATOR)
    _sub(channel, "atom:link", rel="self", type="application/rss+xml", href=feed_url("rss", options))
    for doc in entries:
        assert doc.url is not None and doc.published is not None
        item = _sub(channel, "item")
        _sub(item, "title", _rss_title(doc.title))
        _sub(item, "link", doc.url)
        _sub(item, "guid", doc.url, isPermaLink="true")
        _sub(item, "pubDate", rfc822(doc.published))
        for name in doc.authors:
            _sub(item, "dc:creator", name)
        for tag in doc.tags:
            _sub(item, "category", tag)
        text = summary(doc, options)
        if text:  # RSS readers take description as HTML: the plain-text summary is escaped first
            _sub(item, "description", html_escape(text, quote=False))
        if options.full_content:
            _sub(item, "content:encoded", _content(doc, options))
        if doc.image:
            # no media:description for the alt text: feedparser and readers show it as the content
            _sub(item, "media:content", url=doc.image, type=image_type(doc.image), medium="image")
    return _xml(root)


def json_feed(entries: Sequence[ExportDoc], options: FeedOptions) -> str:
    """JSON Feed 1.1."""
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed_title(options),
        "home_page_url": home_url(options),
        "feed_url": feed_url("json", options),
    }
    lang = _common_lang(entries)
    if lang:
        data["language"] = lang
    items = []
    for doc in entries:
        assert doc.url is not None and doc.published is not None
        item: dict[str, Any] = {"id": doc.url, "url": doc.url, "title": xml_text(doc.title)}
        if options.full_content:
            item["content_html"] = _content(doc, options)
        else:
            item["content_text"] = summary(doc, options) or xml_text(doc.title)  # content is required
        if doc.summary:
            item["summary"] = xml_text(doc.summary)
        if doc.image:
            item["image"] = doc.image
        item["date_published"] = rfc3339(doc.published)
        item["date_modified"] = rfc3339(modified(doc))
        if doc.authors:
            item["authors"] = [{"name": xml_text(name)} for name in doc.authors]
        if doc.tags:
            item["tags"] = [xml_text(tag) for tag in doc.tags]
        item["language"] = xml_text(doc.lang)
        # a JSON Feed extension (keys starting with "_"): the one count, as outline and ninjs show it
        item["_newsctl"] = {"word_count": doc.counts.words, "reading_time_seconds": doc.counts.reading_seconds}
        items.append(item)
    data["items"] = items
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_feed(docs: Iterable[ExportDoc], fmt: str, options: FeedOptions) -> str:
    """The feed of the newest `options.limit` documents; every doc must pass `check_entry`."""
    if fmt not in FEED_FORMATS:
        raise ValueError(f"unknown feed format {fmt!r} (one of {', '.join(FEED_FORMATS)})")
    docs = list(docs)
    seen: dict[str, ExportDoc] = {}
    for doc in docs:
        check_entry(doc)
        assert doc.url is not None
        if doc.url in seen:
            raise ExportError(duplicate(doc, seen[doc.url]))
        seen[doc.url] = doc
    entries = order(docs, options.limit)
    if fmt == "atom":
        text = atom(entries, options)
    elif fmt == "rss":
        text = rss(entries, options)
    else:
        text = json_feed(entries, options)
    return strip_controls(text, json_text=fmt == "json")


def feed_doc(article: Article, options: FeedOptions, name: str | None = None) -> ExportDoc:
    """An article as a feed entry; ExportError (with the line) when it cannot be one."""
    doc = prepare(article, name or safe_name(default_name(article)), export_options(options))
    check_entry(doc)
    return doc


def render_articles(articles: Iterable[Article], fmt: str, options: FeedOptions) -> str:
    """Articles (already selected: no draft or embargo checks here) as a feed."""
    return render_feed([feed_doc(a, options) for a in articles], fmt, options)
