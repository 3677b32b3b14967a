"""IPTC ninjs 3.1 JSON (the mapping is documented in docs/export.md)."""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring as _encode_string  # the C one when built
from typing import Any

from newsctl.export.common import ExportDoc, ExportOptions, rfc3339, transliterate_data

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"


def _names(authors: tuple[str, ...]) -> str:
    if len(authors) <= 1:
        return "".join(authors)
    return ", ".join(authors[:-1]) + " and " + authors[-1]


def uri(doc: ExportDoc) -> str:
    """The page URL when a base URL is known, else a URN built from the output name."""
    return doc.url or f"urn:newsctl:article:{doc.name}"


def build(doc: ExportDoc, options: ExportOptions) -> dict[str, Any]:
    from newsctl.export import html, text

    # the body's tokens are built once (copied, typography, links) and read by both bodies: the
    # text writer only reads them, so it goes first, then the HTML renderer (issue 12)
    mark = html.heading_mark(options)
    tokens = html.body_tokens(doc.article, options.base_url, mark, options)
    body_text = text.render_body(doc, options, tokens=tokens)
    body_html = html.render_body(doc.article, options, tokens=tokens, mark=mark)
    words = doc.counts.words  # the one count (newsctl.text.article_counts), as outline and feeds show
    data: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "uri": uri(doc),
        "type": "text",
        "version": hashlib.sha256(doc.article.source.text.encode("utf-8")).hexdigest()[:12],
    }
    if doc.published:
        data["firstCreated"] = rfc3339(doc.published, doc.published_bare)
        latest = doc.updated or doc.published
        data["versionCreated"] = rfc3339(latest, doc.updated_bare if doc.updated else doc.published_bare)
    if doc.embargo:
        data["embargoedUntil"] = rfc3339(doc.embargo)
    data["pubStatus"] = "withheld" if doc.status == "draft" else "usable"
    data["language"] = doc.lang
    data["slugline"] = doc.name
    data["headlines"] = [{"role": "main", "value": doc.title}]
    if doc.summary:
        data["descriptions"] = [{"role": "summary", "contentType": "text/plain", "value": doc.summary}]
    if doc.notice:
        data["edNote"] = doc.notice
    # charCount: each body's own characters as a reader gets them (the HTML's text, tags left out)
    html_chars, text_chars = len(text.strip_tags(body_html)), len(body_text.strip())
    data["bodies"] = [
        {"role": "main", "contentType": "text/html", "charCount": html_chars, "wordCount": words, "value": body_html},
        {"role": "main", "contentType": "text/plain", "charCount": text_chars, "wordCount": words, "value": body_text},
    ]
    if doc.authors:
        data["by"] = _names(doc.authors)
        data["people"] = [{"name": name, "rel": "author"} for name in doc.authors]
    subjects = [{"name": doc.section, "rel": "section"}] if doc.section else []
    subjects += [{"name": tag, "rel": "about"} for tag in doc.tags]
    if subjects:
        data["subjects"] = subjects
    site = doc.site
    if site.publisher or site.name:
        data["copyrightHolder"] = site.publisher or site.name
        source: dict[str, Any] = {"name": site.name or site.publisher, "role": "publisher"}
        if site.base_url:
            source["uri"] = site.base_url
        data["infoSources"] = [source]
    if doc.image:
        data["associations"] = [picture(doc)]
    return data


def picture(doc: ExportDoc) -> dict[str, Any]:
    """The lead image (or first body image) as an associated ninjs picture object."""
    assert doc.image is not None
    item: dict[str, Any] = {
        "name": "mainpicture" if doc.lead_image else "picture",
        "rel": "mainpicture" if doc.lead_image else "picture",
        "uri": doc.image,
        "type": "picture",
        "renditions": [{"name": "original", "href": doc.image}],
    }
    descriptions = []
    if doc.image_caption:
        descriptions.append({"role": "caption", "contentType": "text/plain", "value": doc.image_caption})
    if doc.image_alt:
        descriptions.append({"role": "alt", "contentType": "text/plain", "value": doc.image_alt})
    if descriptions:
        item["descriptions"] = descriptions
    return item


def render(doc: ExportDoc, options: ExportOptions) -> str:
    data: Any = build(doc, options)
    if options.ascii:
        data = transliterate_data(data)
    return dumps_indented(data) + "\n"


_CONSTANTS = {None: "null", True: "true", False: "false"}


class _NotPlain(Exception):
    """A value `dumps_indented` leaves to json.dumps."""


def dumps_indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte.

    json.dumps uses its C encoder only without indent; with it, the pure-Python generators
    (0.37 ms of a ninjs article's 5.4, issue 12). This writes the same layout from a list of
    pieces, each string through the C `encode_basestring` json itself calls. Anything but
    str-keyed dicts, lists, tuples, strings, ints, None and booleans goes to json.dumps.
    tests/test_export_speed.py compares both on generated data.
    """
    out: list[str] = []
    try:
        _dump(data, "\n", out)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def _dump(value: Any, newline: str, out: list[str]) -> None:
    # newline: "\n" and the indent of the line the value is on
    if isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotPlain
            out.append(sep)
            out.append(_encode_string(key))
            out.append(": ")
            _dump(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _dump(item, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    elif type(value) is int:
        out.append(int.__repr__(value))  # what json's encoder writes for an int
    elif value is None or value is True or value is False:
        out.append(_CONSTANTS[value])
    else:
        raise _NotPlain
