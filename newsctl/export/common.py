"""What every export format shares: the exportable view of an Article.

`prepare()` turns a parsed Article into an `ExportDoc` (title, byline, dates, URL,
first image) or raises `ExportError` with a message naming the line, so the batch
can report the article as failed instead of exporting something half-known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from newsctl.article import Article
from newsctl.export.controls import strip_controls  # noqa: F401  (re-exported: exporters import it from here)
from newsctl.frozen import cached
from newsctl.settings import Site
from newsctl.text import Counts
from newsctl.timeutil import as_utc_if_naive
from newsctl.urls import with_trailing_slash

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# Typographic punctuation as ASCII, before anyascii does the rest: an em dash is "--" (anyascii: "-").
ASCII_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u2039": "'", "\u203a": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
        "\u2014": "--", "\u2015": "--",
        "\u2026": "...",
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ",
    }
)  # fmt: skip
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def transliterate(text: str) -> str:
    """Everything as ASCII: typographic punctuation by ASCII_MAP, the rest by anyascii
    (é -> e, £ -> GBP, € -> EUR, Ł -> L, 北京 -> BeiJing)."""
    from anyascii import anyascii

    return anyascii(text.translate(ASCII_MAP))


def transliterate_html(html: str) -> str:
    """HTML as ASCII: each run of other characters transliterated and escaped, so a curly quote
    inside an attribute value becomes &quot; and cannot end it."""
    from html import escape

    return _NON_ASCII.sub(lambda m: escape(transliterate(m.group()), quote=True), html)


def transliterate_data(value: object) -> object:
    """Every string in JSON-like data transliterated (keys too)."""
    if isinstance(value, str):
        return transliterate(value)
    if isinstance(value, dict):
        return {transliterate(k): transliterate_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [transliterate_data(v) for v in value]
    return value


class ExportError(Exception):
    """An article that cannot be exported; the message says why (with the line when known)."""


@dataclass(frozen=True)
class ExportOptions:
    base_url: str | None = None  # absolute http(s) URL the exported pages will live under
    template: str | None = None  # path of a user Jinja2 template (html only)
    fragment: bool = False  # html: only the body
    allow_raw_html: bool = False  # html: skip the nh3 sanitizer for raw HTML
    width: int = 72  # text: wrap width
    ascii: bool = False  # every format: transliterated to ASCII (anyascii)
    smart: bool = True  # typographer: curly quotes, dashes, ellipses
    site: Site = field(default_factory=Site)  # site identity (settings)
    now: datetime | None = None  # the clock for embargo marks (None: the current time)
    # real path of an article file -> its page name (None: not an article). None: `page_name_of`
    pages: Callable[[str], str | None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExportDoc:
    article: Article
    name: str  # output base name (slug or file stem), used for URLs
    title: str  # plain text (inline Markdown removed, typography applied): <title>, meta, feeds, ninjs
    lang: str
    summary: str | None
    section: str | None
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    published: datetime | None
    published_bare: bool
    updated: datetime | None
    updated_bare: bool
    embargo: datetime | None
    status: str | None
    url: str | None  # canonical URL when a base URL was given
    image: str | None  # lead image (front matter), else first body image, as an absolute URL
    image_alt: str | None
    title_smart: bool = True  # the title's typography (options.smart), for `title_html`
    image_src: str | None = None  # the lead image as the page shows it (absolute, or relative without a base URL)
    image_caption: str | None = None
    lead_image: bool = False  # image comes from the front-matter `image` field
    mark: str | None = None  # "draft" or "embargoed" when such an article is exported anyway
    notice: str | None = None  # the banner line: "DRAFT: NOT FOR PUBLICATION", "EMBARGOED UNTIL ..."
    warnings: tuple[str, ...] = ()  # things exported but wrong (a link to a missing article)
    site: Site = field(default_factory=Site)

    @property
    def byline(self) -> str:
        return byline(self.authors)

    @cached
    def counts(self) -> Counts:
        """Words, characters and reading time of the article's prose (`text.article_counts`), made
        on first use: the characters (html's `character_count`) cost 0.09 ms an article, and
        ninjs reads only the words (`words`; issue 12)."""
        from newsctl.text import article_counts

        return article_counts(self.article)

    @cached
    def words(self) -> int:
        """`counts.words`, summed as `text.article_counts` sums it, without the characters."""
        if "counts" in self.__dict__:
            return self.counts.words
        from newsctl.text import block_words

        return sum(block_words(block) for block in self.article.blocks)

    @cached
    def title_html(self) -> str:
        """The title's inline Markdown as (sanitized) HTML: the page's <h1>. Made on first use:
        only html pages and the index read it, and it costs a markdown-it render and an nh3
        call (issue 12: text and ninjs paid for it)."""
        meta = self.article.meta
        return title_to_html(meta.title or "", self.title_smart, meta.lang)


def localize(dt: datetime | None, bare: bool, site: Site) -> datetime | None:
    """A naive front-matter time in the site's `timezone` (bare dates and aware times unchanged)."""
    if dt is None or bare or dt.tzinfo is not None or not site.timezone:
        return dt
    return dt.replace(tzinfo=site.zone())


def notice_of(mark: str | None, embargo: datetime | None, bare: bool = False) -> str | None:
    if mark == "draft":
        return "DRAFT: NOT FOR PUBLICATION"
    if mark == "embargoed" and embargo is not None:
        return f"EMBARGOED UNTIL {display(embargo, bare)}: NOT FOR PUBLICATION BEFORE THEN"
    return None


def prepare(article: Article, name: str, options: ExportOptions) -> ExportDoc:
    """The exportable view of an article; ExportError when its front matter is unusable."""
    fm = article.front_matter
    if not fm.present:
        raise ExportError("line 1: no front matter: an exported article needs at least a title")
    # a problem read past with a warning (a YAML tab quirk, a date in another layout) does not block
    blocking = [p for p in article.problems if p.severity is None]
    if blocking:
        p = blocking[0]
        raise ExportError(f"line {p.span.line}: {p.message}")
    meta = article.meta
    if not meta.title:
        raise ExportError(f"line {fm.start_line}: front matter has no 'title': the export needs a headline")
    site = options.site
    url = page_url(options.base_url, name) if options.base_url else None
    title = title_to_text(meta.title, options.smart, meta.lang)
    lead = _lead_image(article, options.base_url)
    if lead is not None:
        image, image_src, alt, caption = lead
    else:
        image, alt = _first_image(article, options.base_url)
        image_src, caption = None, None
    published = localize(meta.date, meta.date_is_bare, site)
    updated = localize(meta.updated, meta.updated_is_bare, site)
    embargo = localize(meta.embargo, meta.embargo_is_bare, site)
    mark = None
    if meta.status == "draft":
        mark = "draft"
    elif embargo is not None and aware(embargo) > (options.now or datetime.now(timezone.utc)):
        mark = "embargoed"
    lang = meta.lang if "lang" in fm.data or not site.lang else site.lang
    authors = meta.author or ((site.default_author,) if site.default_author else ())
    return ExportDoc(
        article=article,
        name=name,
        title=title,
        lang=lang or "en",
        summary=meta.summary,
        section=meta.section,
        tags=meta.tags,
        authors=authors,
        published=published,
        published_bare=meta.date_is_bare,
        updated=updated,
        updated_bare=meta.updated_is_bare,
        embargo=embargo,
        status=meta.status,
        url=url,
        image=image,
        image_alt=alt,
        title_smart=options.smart,
        image_src=image_src,
        image_caption=caption,
        lead_image=lead is not None,
        mark=mark,
        notice=notice_of(mark, embargo, meta.embargo_is_bare),
        warnings=tuple(link_warnings(article, options)) + template_warnings(article),
        site=site,
    )


def aware(dt: datetime) -> datetime:
    """For comparing: a naive time (or bare date) is UTC."""
    return as_utc_if_naive(dt)


def render_title(title: str, smart: bool = True, lang: str | None = None) -> tuple[str, str]:
    """(HTML, plain text) of a front-matter title, which may hold inline Markdown (`*Bridge*`).

    Raw HTML in a title is text (escaped), and the HTML is sanitized as well; the plain text is the same words
    without markup (for <title>, meta tags, JSON-LD, feeds, ninjs and the text format).
    """
    return title_to_html(title, smart, lang), title_to_text(title, smart, lang)


def title_to_html(title: str, smart: bool = True, lang: str | None = None) -> str:
    """The HTML of `render_title`."""
    from newsctl.export.sanitize import clean_html

    md = title_markdown(smart, quote_marks(lang))
    return clean_html(md.renderInline(" ".join(title.split()))).strip()


def title_to_text(title: str, smart: bool = True, lang: str | None = None) -> str:
    """The plain text of `render_title`."""
    md = title_markdown(smart, quote_marks(lang))
    one_line = " ".join(title.split())
    tokens = md.parseInline(one_line)
    parts = [
        child.content
        for tok in tokens
        for child in (tok.children or [])
        if child.type in ("text", "text_special", "code_inline")
    ]
    plain = " ".join("".join(parts).split())
    return plain or one_line


def quote_marks(lang: str | None) -> str | None:
    """The typographer's quotation marks for a language tag, as a hashable key (None: English)."""
    from newsctl.export.quotes import QUOTES

    marks = QUOTES.get((lang or "en").split("-")[0].lower())
    return "\x00".join(marks) if isinstance(marks, list) else marks


@lru_cache(maxsize=32)
def title_markdown(smart: bool, quotes: str | None) -> Any:
    """The markdown-it instance for titles (built once per typography setting)."""
    from markdown_it import MarkdownIt

    options: dict[str, Any] = {"html": False, "typographer": smart}  # a tag in a title is text
    if quotes:
        options["quotes"] = quotes.split("\x00") if "\x00" in quotes else quotes
    md = MarkdownIt("commonmark", options).enable(["strikethrough"])
    if smart:
        md.enable(["replacements", "smartquotes"])
    return md


def page_href(name: str, fragment: str, base_url: str | None) -> str:
    """The link to another article's exported page: absolute with a base URL, else relative
    (every page of an export sits in one directory)."""
    from urllib.parse import quote

    href = page_url(base_url, name) if base_url else quote(f"{name}.html")
    return f"{href}#{fragment}" if fragment else href


def resolve_article_link(article: Article, href: str, options: ExportOptions) -> str | None:
    """For a relative link to an article file: its page link, or "" when the file is no article.
    None: href is not a link to an article file (leave it alone)."""
    from newsctl.links import split_article_href, target_path

    split = split_article_href(href)
    if split is None:
        return None
    pages = options.pages or page_name_of
    name = pages(target_path(article.path, split[0]))
    return page_href(name, split[1], options.base_url) if name else ""


def link_warnings(article: Article, options: ExportOptions) -> list[str]:
    from newsctl.links import article_links

    pages = options.pages or page_name_of
    return [
        f"line {link.span.line}: link to '{link.href}': no such article file; the link is left out, its text kept"
        for link, path, _ in article_links(article)
        if not pages(path)
    ]


def template_warnings(article: Article) -> tuple[str, ...]:
    """Template syntax (`{{< img ... >}}`, `{{ "/x/" | url }}`, `{% post_url %}`) is exported as
    written: only the site's generator can fill it in, so readers of this page would see it."""
    from newsctl.templates import find_templates

    source = article.source
    body_start = source.offset(article.body_line) if article.body_line <= source.line_count else len(source.text)
    spans = find_templates(source.text[body_start:])
    if not spans:
        return ()
    line, _ = source.position(body_start + spans[0].start)
    first = " ".join(spans[0].text.split())
    first = first if len(first) <= 40 else first[:37] + "..."
    more = f" and {len(spans) - 1} more" if len(spans) > 1 else ""
    return (
        f"line {line}: template syntax exported as written (`{first}`{more}): only the site's generator "
        "can fill it in; export the generated site's pages, or rewrite it as Markdown",
    )


def page_name_of(path: str) -> str | None:
    """The page name (slug, else file stem, made safe) of the article file at a real path; None
    when there is no such file. Read once per file version."""
    import os

    try:
        st = os.stat(path)
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    return _page_name(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=1024)
def _page_name(path: str, mtime_ns: int, size: int) -> str | None:
    from newsctl.parse import parse_file
    from newsctl.source import SourceError

    try:
        article = parse_file(Path(path), path)
    except SourceError:
        return None
    return safe_name(default_name(article))


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 100


def safe_name(name: str) -> str:
    """A file name that cannot leave its directory: [A-Za-z0-9._-] only, no leading dot."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", ascii_name)
    cleaned = re.sub(r"\.{2,}", ".", cleaned)  # no ".." anywhere
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip(".-")
    return cleaned[:MAX_NAME].rstrip(".-") or "article"


def check_base_url(base_url: str) -> str | None:
    """None when base_url is an absolute http(s) URL without query or fragment, else what is wrong."""
    from newsctl.settings import check_url

    return check_url(base_url)


def page_url(base_url: str, name: str) -> str:
    """<base>/<name>.html: the address of the exported HTML page."""
    return urljoin(with_trailing_slash(base_url), f"{name}.html")


def absolute(url: str, base_url: str | None) -> str | None:
    """url made absolute against the base URL; None when that is impossible."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if parts.scheme or not base_url:
        return None
    return urljoin(with_trailing_slash(base_url), url)


def _lead_image(article: Article, base_url: str | None) -> tuple[str | None, str, str | None, str | None] | None:
    """(absolute URL or None, URL the page shows, alt, caption) of the front-matter `image`."""
    from newsctl.export.sanitize import safe_url

    meta = article.meta
    src = meta.image
    if not src or not safe_url(src, image=True) or src.startswith("data:"):
        return None
    full = absolute(src, base_url)
    return full, full or src, meta.image_alt, meta.image_caption


def _first_image(article: Article, base_url: str | None) -> tuple[str | None, str | None]:
    from newsctl.export.sanitize import safe_url

    for block in article.blocks:
        for inline in ([block.inline] if block.inline else []) + list(block.cells):
            for img in inline.images:
                if img.src and safe_url(img.src, image=True) and not img.src.startswith("data:"):
                    full = absolute(img.src, base_url)
                    if full:
                        return full, img.alt
    return None, None


def byline(authors: tuple[str, ...]) -> str:
    """"By A", "By A and B", "By A, B and C"; empty when there is no author."""
    if not authors:
        return ""
    if len(authors) == 1:
        return f"By {authors[0]}"
    return "By " + ", ".join(authors[:-1]) + " and " + authors[-1]


def iso(dt: datetime, bare: bool = False) -> str:
    """ISO 8601 as written: a bare date stays a date, a naive time has no offset, UTC is Z, at most milliseconds."""
    if bare:
        return dt.date().isoformat()
    # milliseconds at most: HTML's <time datetime> allows 1-3 fraction digits
    text = dt.isoformat(timespec="milliseconds" if dt.microsecond else "seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rfc3339(dt: datetime, bare: bool = False) -> str:
    """RFC 3339 date-time (ninjs): naive times and bare dates are taken as UTC."""
    return iso(as_utc_if_naive(dt))


def display(dt: datetime, bare: bool = False) -> str:
    """"2 October 2023 09:00 UTC", "2 October 2023 09:00 +01:00", "2 October 2023" (bare date)."""
    day = f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}"
    if bare:
        return day
    clock = f"{dt.hour:02d}:{dt.minute:02d}"
    offset = dt.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        total = int(offset.total_seconds()) // 60
        sign = "+" if total >= 0 else "-"
        zone = f" {sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    return f"{day} {clock}{zone}"


def default_name(article: Article) -> str:
    """The slug, else the file name without its extension (sanitized by the batch)."""
    return article.meta.slug or PurePosixPath(article.path).stem
