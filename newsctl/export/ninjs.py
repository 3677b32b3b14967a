"""IPTC ninjs 3.1 JSON (the mapping is documented in docs/export.md)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from newsctl.export.common import ExportDoc, ExportOptions, rfc3339

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
    from newsctl.text import count_words

    body_html = html.render_body(doc.article, options)
    body_text = text.render_body(doc, options)
    prose = text.render_body(doc, options, links=False)  # counts exclude the link list
    words, chars = count_words(prose), len(prose.strip())
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
    data["bodies"] = [
        {"role": "main", "contentType": "text/html", "charCount": chars, "wordCount": words, "value": body_html},
        {"role": "main", "contentType": "text/plain", "charCount": chars, "wordCount": words, "value": body_text},
    ]
    if doc.authors:
        data["by"] = _names(doc.authors)
        data["people"] = [{"name": name, "rel": "author"} for name in doc.authors]
    if doc.tags:
        data["subjects"] = [{"name": tag, "rel": "about"} for tag in doc.tags]
    return data


def render(doc: ExportDoc, options: ExportOptions) -> str:
    return json.dumps(build(doc, options), ensure_ascii=False, indent=2) + "\n"
