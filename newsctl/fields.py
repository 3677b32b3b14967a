"""The front-matter schema: known fields, how each value is checked, and typed Meta.

One table (FIELDS) feeds validation, the unknown-field suggestions and docs/format.md.
Real sites name the same fields differently (`authors`, `excerpt`, `lastmod`, `draft`),
so ALIASES maps the names static-site generators use onto newsctl's, and GENERATOR_KEYS lists
the keys Hugo, Jekyll, Eleventy and Zola define for themselves: both are understood out of
the box, and a `SiteFormat` (built from settings) adds a site's own.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Callable, Mapping

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

STATUSES = ("draft", "ready", "published")
_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(ValueError):
    """A front-matter value that does not fit its field; the message says how."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # shown in docs: "string", "datetime", ...
    description: str
    check: Callable[[Any], Any]
    example: str = ""  # a valid value, shown in hints


class Unusual(ValueError):
    """A value that reads unambiguously but is not written as the format asks.

    `value` is what it was read as; the message says how to write it (a warning, not an error).
    """

    def __init__(self, message: str, value: Any) -> None:
        super().__init__(message)
        self.value = value


# Timestamps as Hugo, Jekyll and TOML write them: a space for the T, a one-digit hour, and
# short offsets ("-4", "-0400", "+05:30", " UTC"). They are unambiguous, and the sites build
# them, so they are read as they are and not reported.
_SITE_DATETIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[Tt ]\s*(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?P<f>[.,]\d+)?)?"
    r"\s*(?P<tz>[Zz]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$"
)


def _site_datetime(text: str) -> datetime | None:
    m = _SITE_DATETIME.match(text)
    if m is None:
        return None
    tz = m["tz"]
    offset = ""
    if tz:
        if tz.upper() in ("Z", "UTC", "GMT"):
            offset = "+00:00"
        else:
            sign, digits = tz[0], tz[1:].replace(":", "")
            hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
            offset = f"{sign}{int(hours):02d}:{minutes}"
    frac = (m["f"] or "").replace(",", ".")
    iso = f"{m['date']}T{int(m['h']):02d}:{m['m']}:{m['s'] or '00'}{frac}{offset}"
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


# Day-first and month-first readings of 03/04/2024 differ: such values are ambiguous.
_NUMERIC_DMY = lazy(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")


def _readable_datetime(text: str) -> datetime | None:
    """A date written in words or another unambiguous layout ("March 6, 2024"), via dateutil."""
    m = _NUMERIC_DMY.match(text)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return None  # 03/04/2024: March 4 or 3 April
    if not re.search(r"\d{4}", text):
        return None  # no year: not a publication date
    import warnings

    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "tzname F identified but not understood" on stderr, mid-report
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            value = parser.parse(text, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return value


def parse_datetime(value: Any, lenient: bool = False) -> tuple[datetime, bool]:
    """(datetime, is_bare_date) from an ISO 8601 string; naive when no timezone was written.

    Site timestamps (`2016-04-01 10:30:00 -4`) are read as they are. With `lenient`, a value
    that dateutil reads unambiguously in another layout raises Unusual carrying the reading,
    so the caller can keep the value and warn; what cannot be read raises Invalid.
    """
    if isinstance(value, datetime):
        return value, False
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), True
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected an ISO 8601 date or datetime such as 2024-03-06T09:30:00+01:00, got {value!r}")
    text = value.strip()
    try:
        if _BARE_DATE.match(text):
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day), True
        site = _site_datetime(text)
        if site is not None:
            return site, False
        value = datetime.fromisoformat(text.replace("z", "Z"))
        # week dates (2026-W09-1) and basic dates (20260302) carry no time either
        return value, not any(c in text.upper() for c in "T :")
    except ValueError:
        pass
    if lenient:
        read = _readable_datetime(text)
        if read is not None:
            has_time = bool(re.search(r"\d:\d", text))
            shown = read.isoformat() if has_time else read.date().isoformat()
            raise Unusual(
                f"{text!r} is not ISO 8601; read as {shown}",
                (read if has_time else datetime(read.year, read.month, read.day), not has_time),
            )
    raise Invalid(
        f"{text!r} is not a valid ISO 8601 date or datetime (example: 2024-03-06T09:30:00+01:00)"
    )


def _string(value: Any) -> str:
    if isinstance(value, bool):
        raise Invalid(f"expected text, got {_describe(value)}: YAML reads yes/no/on/off/true/false as booleans; put the text in quotes")
    if value is None or isinstance(value, (list, dict, bytes)):
        raise Invalid(f"expected text, got {_describe(value)}")
    text = str(value).strip()
    if not text:
        raise Invalid("is empty")
    return text


def _optional_string(value: Any) -> str | None:
    """Text, or None for an empty value (`image:` left blank by a site template means no image)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _string(value)


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        if not value.strip():
            raise Invalid("is empty: name the author")
        return (value.strip(),)
    if isinstance(value, list):
        if not value:
            raise Invalid("is an empty list: name at least one author")
        names = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise Invalid(f"every author must be a non-empty name, got {_describe(item)}")
            names.append(item.strip())
        return tuple(names)
    raise Invalid(f"expected a name or a list of names, got {_describe(value)}")


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of strings such as [politics, europe], got {_describe(value)}")
    tags = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise Invalid(f"every tag must be non-empty text, got {_describe(item)}")
        tags.append(item.strip())
    return tuple(tags)


def _status(value: Any) -> str:
    if value not in STATUSES:
        raise Invalid(f"{value!r} is not one of {', '.join(STATUSES)}")
    return value


def _slug(value: Any) -> str:
    text = _string(value)
    if not _SLUG.match(text):
        raise Invalid(f"{text!r} is not a slug: use lowercase letters, digits and single hyphens")
    return text


def _lang(value: Any) -> str:
    text = _string(value)
    if not _LANG.match(text):
        raise Invalid(f"{text!r} is not a language tag such as en or en-GB")
    return text


def _datetime(value: Any) -> tuple[datetime, bool]:
    return parse_datetime(value, lenient=True)


def _image(value: Any) -> str | None:
    """A path or URL; sites also write a list (Hugo `images`) or a mapping (`cover: {image: ...}`)."""
    if value is None or value == "" or value == []:
        return None  # `image:` left blank: no image, which is allowed
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if str(k).lower() in ("image", "src", "url", "path")), None)
        if value is None:
            return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"expected a path or URL, got {_describe(value)}")
    return str(value).strip() or None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return repr(value)


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "string", "Headline shown to readers.", _string, '"Council approves budget"'),
        FieldSpec("date", "datetime", "Publication time, ISO 8601 with timezone (a bare date is allowed).", _datetime, "2026-03-06T09:30:00+01:00"),
        FieldSpec("author", "string or list", "Byline: one name or a list of names.", _authors, "[Jane Doe, Sam Lee]"),
        FieldSpec("summary", "string", "One- or two-sentence description (recommended).", _string, '"The council passed the budget after a six-hour debate."'),
        FieldSpec("section", "string", "Desk or section, e.g. World, Business.", _string, "Politics"),
        FieldSpec("tags", "list of strings", "Subjects, e.g. [cybersecurity, diplomacy].", _tags, "[budget, council]"),
        FieldSpec("updated", "datetime", "Time of the last substantive update.", _datetime, "2026-03-06T14:00:00+01:00"),
        FieldSpec("slug", "string", "URL name: lowercase letters, digits and hyphens.", _slug, "council-approves-budget"),
        FieldSpec("status", "draft | ready | published", "Workflow state.", _status, "published"),
        FieldSpec("embargo", "datetime", "Not to be published before this time.", _datetime, "2026-03-06T00:01:00+00:00"),
        FieldSpec("lang", "language tag", "Language of the article (default en).", _lang, "en-GB"),
        FieldSpec("image", "string", "Lead image: a path or URL (blank for none).", _image, "/img/council.jpg"),
        FieldSpec("image_alt", "string", "Alt text of the lead image.", _optional_string, '"Firefighters wade through floodwater"'),
        FieldSpec("image_caption", "string", "Caption (and credit) of the lead image.", _optional_string, '"Mill Road on Tuesday. Photo: J. Doe"'),
    )
}

# --- names as sites write them ------------------------------------------------------------------

# canonical field <- the names Hugo, Jekyll, Eleventy and Zola sites use for it, in priority order
# (the canonical name itself always comes first). Documented in docs/format.md.
ALIASES: dict[str, tuple[str, ...]] = {
    "author": ("authors", "by", "byline", "source"),
    "summary": ("description", "excerpt", "dek"),
    "updated": ("lastmod", "modified", "last_modified_at", "updated_at", "lastModified"),
    "date": ("publishDate", "pubDate", "published", "published_at", "publish_date"),
    "status": ("draft", "published"),
    "image": ("images", "featured_image", "cover", "primary_image", "hero_image"),
    "lang": ("language",),
    "section": ("desk",),
}


def _flag_status(key: str, value: Any) -> Any:
    """`draft: true` is status draft; Jekyll's `published: false` is a draft too."""
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {_describe(value)}")
    draft = value if key == "draft" else not value
    return "draft" if draft else "published"


# How an alias's value becomes the canonical field's value (identity when absent).
CONVERT: dict[tuple[str, str], Callable[[str, Any], Any]] = {
    ("status", "draft"): _flag_status,
    ("status", "published"): _flag_status,
}


def _alias_applies(canonical: str, key: str, value: Any) -> bool:
    """`published` is a date in some sites and a true/false flag in Jekyll: route it by value."""
    if norm(key) == "published":
        return isinstance(value, bool) == (canonical == "status")
    return True


# Keys that static-site generators and news sites define for themselves: known, never reported.
GENERATOR_KEYS: dict[str, tuple[str, ...]] = {
    "Hugo": (
        "aliases", "audio", "build", "cascade", "expiryDate", "headless", "isCJKLanguage", "keywords",
        "layout", "linkTitle", "markup", "menu", "menus", "outputs", "params", "resources", "series",
        "sitemap", "translationKey", "type", "url", "videos", "weight", "categories", "toc", "unlisted",
    ),
    "Jekyll": (
        "layout", "permalink", "category", "categories", "excerpt_separator", "redirect_from", "redirect_to",
        "comments", "hidden", "canonical_url", "locale", "sitemap", "pinned", "render_with_liquid",
    ),
    "Eleventy": (
        "layout", "permalink", "pagination", "eleventyExcludeFromCollections", "eleventyComputed", "eleventyNavigation",
        "templateEngineOverride", "dynamicPermalink", "eleventyImport", "eleventyDataSchema",
    ),
    "Zola": ("template", "path", "in_search_index", "taxonomies", "extra", "render", "insert_anchor_links"),
    "news sites": (
        "subtitle", "subhead", "deck", "kicker", "hero", "caption", "credit", "topics", "topic",
        "source_url", "external_url", "link", "redirect", "canonical", "featured", "sticky", "location",
        "dateline", "contributors", "editor", "photographer", "image_alt", "image_caption", "image_credit",
        "og_image", "thumbnail", "expires", "related", "series", "corrections", "correction",
    ),
}

# Front matter that sends readers to a story elsewhere (a link-out item, not an article).
LINK_OUT_FIELDS = ("source_url", "external_url", "redirect", "redirect_to", "link")
TEMPLATE_SYNTAX = ("auto", "none")


def norm(key: str) -> str:
    """Compare keys as sites do: Hugo ignores case; `last_modified_at` = `lastModifiedAt`."""
    return key.lower().replace("_", "").replace("-", "")


_ALL_GENERATOR_KEYS = frozenset(norm(k) for keys in GENERATOR_KEYS.values() for k in keys)


@dataclass(frozen=True)
class SiteFormat:
    """How one site writes its articles: extra aliases, its own keys, link-out keys, templates."""

    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # canonical -> more names (after the defaults)
    extra_fields: tuple[str, ...] = ()
    link_out_fields: tuple[str, ...] = LINK_OUT_FIELDS
    template_syntax: str = "auto"

    @property
    def alias_table(self) -> dict[str, tuple[str, ...]]:
        table = {k: tuple(v) for k, v in ALIASES.items()}
        for canonical, names in self.aliases:
            # a site's own names come first: it wrote them on purpose
            table[canonical] = tuple(dict.fromkeys((*names, *table.get(canonical, ()))))
        return table

    def canonical_of(self, key: str) -> str | None:
        """The canonical field a written key stands for (itself when canonical), else None."""
        return _canonical_index(self).get(norm(key))

    def is_known(self, key: str) -> bool:
        n = norm(key)
        return n in _canonical_index(self) or n in _ALL_GENERATOR_KEYS or n in _extra_index(self)

    def is_extension(self, key: str) -> bool:
        """`image_figcaption`, `tumblr_url`, `cms_date`: a known key with a qualifier is the site's own."""
        parts = [p for p in re.split(r"[_\-]|(?<=[a-z])(?=[A-Z])", key) if p]
        return len(parts) > 1 and any(self.is_known(p) for p in (parts[0], parts[-1]))

    def resolve(self, written: Mapping[str, Any]) -> dict[str, str]:
        """canonical name -> the key that supplies it in this file (first by priority)."""
        present = {norm(k): k for k in written}
        out: dict[str, str] = {}
        for canonical, names in _resolve_plan(self):
            found = [
                key
                for name in names
                if (key := present.get(name)) is not None
                and (name == canonical or _alias_applies(canonical, key, written[key]))
            ]
            # `description: ""` beside a written `excerpt`: the one with a value speaks; a blank
            # alias alone (`source:` on a link-out item) counts as absent, a blank canonical key
            # (`summary: ""`) stays, so it is reported as empty
            chosen = next((k for k in found if not _blank(written[k])), None)
            if chosen is None and found and norm(found[0]) == norm(canonical):
                chosen = found[0]
            if chosen is not None:
                out[canonical] = chosen
        for canonical in FIELDS:
            if canonical not in out and norm(canonical) in present:
                out[canonical] = present[norm(canonical)]
        return out

    def misspelling(self, key: str) -> str | None:
        """The known name this unknown key is a likely misspelling of (one or two typos)."""
        return _closest(key, _suggestions(self))

    def misspelling_of(self, key: str, names: list[str]) -> str | None:
        """The one of `names` this key is a likely misspelling of."""
        return _closest(key, tuple((norm(n), n) for n in names))


def _closest(key: str, candidates: tuple[tuple[str, str], ...]) -> str | None:
    """The candidate one typo away (names of up to 5 letters) or two typos away (longer)."""
    n = norm(key)
    best: tuple[int, str] | None = None
    for cand_norm, shown in candidates:
        if abs(len(cand_norm) - len(n)) > 2:
            continue
        limit = 1 if len(cand_norm) <= 5 else 2
        d = _distance(n, cand_norm, limit)
        if 0 < d <= limit and (best is None or d < best[0]):
            best = (d, shown)
    return best[1] if best else None


DEFAULT_SITE = SiteFormat()


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def looks_like_text(key: str) -> bool:
    """A "key" that is really a line of text (a multi-line value that lost its indentation)."""
    return key.lstrip().startswith("<") or (len(key) > 30 and key.count(" ") >= 3)


@lru_cache(maxsize=32)
def _resolve_plan(site: SiteFormat) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical, normalised names in priority order, itself first) for every aliased field."""
    return tuple(
        (canonical, tuple(dict.fromkeys(norm(n) for n in (canonical, *names))))
        for canonical, names in site.alias_table.items()
    )


@lru_cache(maxsize=32)
def _canonical_index(site: SiteFormat) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, names in site.alias_table.items():
        for name in names:
            index.setdefault(norm(name), canonical)
    for canonical in FIELDS:
        index[norm(canonical)] = canonical
    return index


@lru_cache(maxsize=32)
def _extra_index(site: SiteFormat) -> frozenset[str]:
    return frozenset(norm(k) for k in site.extra_fields)


@lru_cache(maxsize=32)
def _suggestions(site: SiteFormat) -> tuple[tuple[str, str], ...]:
    """(normalised, shown) names a misspelt key is compared with: fields first, then the rest."""
    out: dict[str, str] = {}
    for canonical in FIELDS:
        out.setdefault(norm(canonical), canonical)
    for names in site.alias_table.values():
        for name in names:
            out.setdefault(norm(name), name)
    for key in site.extra_fields:
        out.setdefault(norm(key), key)
    for keys in GENERATOR_KEYS.values():
        for key in keys:
            out.setdefault(norm(key), key)
    return tuple(out.items())


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
