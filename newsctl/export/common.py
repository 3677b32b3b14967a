"""What every export format shares: the exportable view of an Article.

`prepare()` turns a parsed Article into an `ExportDoc` (title, byline, dates, URL,
first image) or raises `ExportError` with a message naming the line, so the batch
can report the article as failed instead of exporting something half-known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from newsctl.article import Article

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# Control characters no exported document may carry: C0 except tab, newline and carriage
# return; DEL; C1 (U+0080-U+009F). HTML forbids them, XML 1.0 forbids most of them, and
# JSON consumers put them into HTML. Word pastes bring them in (U+000B is Word's manual
# line break). The line-break ones (VT, FF, NEL) become a space; the others are removed.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_AS_SPACE = frozenset("\x0b\x0c\x85")
# In JSON text: an escape sequence (\\ and \" included, so escaped backslashes are skipped whole).
_JSON_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|(.))', re.S)
# In HTML text: a numeric character reference (a literal "&#11;" in prose is written "&amp;#11;").
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")


def _control(char: str) -> str:
    return " " if char in _AS_SPACE else ""


def _json_escape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else {"b": 8, "f": 12}.get(match.group(2), -1)
    if 0 <= code <= 0x10FFFF and CONTROLS.match(chr(code)):
        return _control(chr(code))
    return match.group()


def _char_ref(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code <= 0x10FFFF and CONTROLS.match(chr(code)):
        return _control(chr(code))
    return match.group()


def strip_controls(text: str, json_text: bool = False, html: bool = False) -> str:
    """text without control characters (see CONTROLS): VT, FF and NEL become a space, the rest go.

    The one filter every exporter's output passes through (`render_doc`, `render_feed`).
    json_text=True: text is serialized JSON, so escapes such as \\u000b and \\f are filtered too;
    html=True: text is HTML, so numeric character references such as &#11; are filtered too.
    """
    if json_text and "\\" in text:
        text = _JSON_ESCAPE.sub(_json_escape, text)
    if html and "&#" in text:
        text = _CHAR_REF.sub(_char_ref, text)
    return CONTROLS.sub(lambda m: _control(m.group()), text)


class ExportError(Exception):
    """An article that cannot be exported; the message says why (with the line when known)."""


@dataclass(frozen=True)
class ExportOptions:
    base_url: str | None = None  # absolute http(s) URL the exported pages will live under
    template: str | None = None  # path of a user Jinja2 template (html only)
    fragment: bool = False  # html: only the body
    allow_raw_html: bool = False  # html: skip the nh3 sanitizer for raw HTML
    width: int = 72  # text: wrap width
    ascii: bool = False  # text: ASCII punctuation


@dataclass(frozen=True)
class ExportDoc:
    article: Article
    name: str  # output base name (slug or file stem), used for URLs
    title: str
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
    image: str | None  # first body image as an absolute URL, when one can be made
    image_alt: str | None

    @property
    def byline(self) -> str:
        return byline(self.authors)


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
    url = page_url(options.base_url, name) if options.base_url else None
    image, alt = _first_image(article, options.base_url)
    return ExportDoc(
        article=article,
        name=name,
        title=meta.title,
        lang=meta.lang or "en",
        summary=meta.summary,
        section=meta.section,
        tags=meta.tags,
        authors=meta.author,
        published=meta.date,
        published_bare=meta.date_is_bare,
        updated=meta.updated,
        updated_bare=meta.updated_is_bare,
        embargo=meta.embargo,
        status=meta.status,
        url=url,
        image=image,
        image_alt=alt,
    )


def check_base_url(base_url: str) -> str | None:
    """None when base_url is an absolute http(s) URL, else what is wrong with it."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{base_url!r} is not an absolute http(s) URL such as https://example.com/news/"
    return None


def page_url(base_url: str, name: str) -> str:
    """<base>/<name>.html: the address of the exported HTML page."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, f"{name}.html")


def absolute(url: str, base_url: str | None) -> str | None:
    """url made absolute against the base URL; None when that is impossible."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if parts.scheme or not base_url:
        return None
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, url)


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
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return iso(dt)


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
