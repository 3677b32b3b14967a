"""Sanitizing exported HTML: nh3 with an explicit allow-list, and a URL-scheme check.

Two layers, both here so the policy is in one place:

- `safe_url()` decides whether a Markdown link or image target may be kept. Links
  may point to http, https, mailto and tel addresses, relative paths and fragments;
  images to http, https, relative paths and inline raster `data:image/...` URLs.
  Anything else (javascript:, vbscript:, data:text/html, file:, ...) is dropped.
- `clean_html()` runs the rendered body through nh3 (ammonia): only the tags and
  attributes listed below survive; scripts, styles, iframes and their content go,
  event handlers and `style` (except table-cell alignment) go, comments go, and
  `href`/`src` must use an allowed scheme.
- Ids: the heading anchors the exporter generates always win. A raw-HTML `id` that
  equals a heading anchor or an earlier raw id, or that is empty or contains
  whitespace, is dropped (the element stays), so every id in the page is unique.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsctl.export.controls import strip_controls

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_SCHEMES = frozenset({"http", "https"})
_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$", re.I)
# Browsers ignore ASCII tab/newline inside URLs and strip leading controls/spaces,
# so "java\tscript:" is javascript: to them; normalise the same way before checking.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
        "section", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "class"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "abbr": set(),
    "code": {"class"},
    # footnotes (mdit-py-plugins): <section class="footnotes"> with back links
    "section": {"class"},
    "sup": {"class"},
    "ol": {"start", "reversed", "class"},
    "li": {"class"},
    "hr": {"class"},
}
# Whole elements removed with their content (not just the tags).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"})
URL_SCHEMES = LINK_SCHEMES | IMAGE_SCHEMES


def _scheme(url: str) -> str | None:
    """The lower-cased scheme of url, None for a relative URL or fragment."""
    cleaned = _IGNORED_IN_URL.sub("", url)
    if cleaned.startswith(("//",)):
        return "https"  # scheme-relative: inherits the page's http(s)
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return "invalid"
    if not scheme:
        # "javascript&colon;..." and similar never reach here decoded; a colon before any
        # slash that urlsplit did not accept as a scheme is still suspicious.
        head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return "invalid" if ":" in head else None
    return scheme.lower()


def safe_url(url: str, image: bool = False) -> bool:
    """True when a Markdown link (or image, with image=True) may keep this target."""
    scheme = _scheme(url)
    if scheme is None:
        return True
    if image:
        return scheme in IMAGE_SCHEMES or bool(_DATA_IMAGE.match(_IGNORED_IN_URL.sub("", url)))
    return scheme in LINK_SCHEMES


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        # only the language-xxx class markdown-it puts on fenced code, and the footnote classes
        kept = [c for c in value.split() if re.fullmatch(r"language-[\w+#.-]{1,40}|footnotes?(?:-[a-z]+)?", c)]
        return " ".join(kept) or None
    if attr in ("href", "src"):
        return value if safe_url(value, image=(attr == "src")) else None
    return value


_IMG_TAG = re.compile(r"<img\b[^>]*>")


def _fix_img(match: re.Match[str]) -> str:
    tag = match.group()
    if not re.search(r"\ssrc=", tag):
        return ""  # an image whose source was unsafe is dropped (an <img> needs a src)
    if not re.search(r"\salt=", tag):
        tag = tag[:-1] + ' alt="">'
    return tag


_TAG = re.compile(r'<[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')
_ID = re.compile(r'\sid="([^"]*)"')
_HTML_SPACE = re.compile(r"[ \t\n\f\r]")


def unique_ids(html: str, mark: str) -> str:
    """Ids made unique in sanitized HTML (nh3 writes every attribute double-quoted, '"' as &quot;).

    Ids starting with `mark` are the generated heading anchors: the mark is removed and they are
    kept. Any other id is dropped when it is empty, contains whitespace, equals a heading anchor
    or repeats an earlier id.
    """
    anchors = {value[len(mark) :] for value in _ID.findall(html) if mark and value.startswith(mark)}
    seen: set[str] = set()

    def fix_id(match: re.Match[str]) -> str:
        value = match.group(1)
        if mark and value.startswith(mark):
            return f' id="{value[len(mark):]}"'
        if not value or _HTML_SPACE.search(value) or value in anchors or value in seen:
            return ""
        seen.add(value)
        return match.group()

    return _TAG.sub(lambda m: _ID.sub(fix_id, m.group()), html)


def clean_html(html: str, heading_mark: str = "") -> str:
    """Sanitize an HTML fragment with the export allow-list; ids made unique (`unique_ids`).

    heading_mark: the prefix the exporter put on its generated heading ids (see html.render_body).
    """
    import nh3

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=None,  # no target=_blank is allowed, so rel adds nothing (and is invalid on <a> without href)
        url_schemes=set(URL_SCHEMES) | {"data"},  # data: is narrowed to raster images by the filter
        filter_style_properties={"text-align"},
    )
    # nh3 serialises consistently (double-quoted attributes), so these passes are reliable.
    # Controls go before ids are judged: nh3 decodes "&#11;", and "a\x0bb" would become "a b".
    return unique_ids(strip_controls(_IMG_TAG.sub(_fix_img, cleaned), html=True), heading_mark)
