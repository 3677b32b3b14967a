"""IPTC ninjs 3.1 JSON (the mapping is documented in docs/export.md)."""

from __future__ import annotations

import hashlib
import json
import re
from json.encoder import encode_basestring as _encode_string  # the C one when built
from typing import Any

from newsctl.export.common import ExportDoc, ExportOptions, rfc3339, transliterate_data
from newsctl.export.controls import CONTROLS, strip_controls

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
    words = doc.words  # the one count (newsctl.text.article_counts), as outline and feeds show
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
    html_chars, text_chars = text.text_length(body_html), len(body_text.strip())
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
    """The ninjs document, control characters removed (`render_doc` leaves that guard to this).

    The JSON writer (`_dump`) sees every string: when each is shown free of the characters
    `controls.CONTROLS` removes, so is the JSON (json writes no `\\uXXXX`, `\\b` or `\\f`
    escape for any other character, and nothing raw but what the strings hold), and
    `strip_controls` would return it unchanged; only otherwise does the whole document go
    through it (issue 12: 0.07 ms of a scan per article otherwise).
    """
    data: Any = build(doc, options)
    if options.ascii:
        data = transliterate_data(data)
    suspects: list[str] = []
    document = _dumps(data, suspects) + "\n"
    if suspects and any(CONTROLS.search(value) for value in suspects):
        return strip_controls(document, json_text=True)
    return document


_CONSTANTS = {None: "null", True: "true", False: "false"}


class _NotPlain(Exception):
    """A value `dumps_indented` leaves to json.dumps."""


def dumps_indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte.

    json.dumps uses its C encoder only without indent; with it, the pure-Python generators
    (0.37 ms of a ninjs article's 5.4, issue 12). This writes the same layout from a list of
    pieces, each short string through the C `encode_basestring` json itself calls, each long
    one by `_encode_long`. Anything but str-keyed dicts, lists, tuples, strings, ints, None
    and booleans goes to json.dumps. tests/test_export_speed.py compares both on generated data.
    """
    return _dumps(data, [])


def _dumps(data: Any, suspects: list[str]) -> str:
    # suspects: the strings not shown free of control characters (see `render`)
    out: list[str] = []
    try:
        _dump(data, "\n", out, suspects)
    except _NotPlain:
        suspects.append("\x00")  # strings not looked at: the whole document goes through strip_controls
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


# A string this long (the two bodies) is escaped by `_encode_long`; shorter ones by json's C
# encoder, which `_encode_long`'s checks would not beat.
_LONG = 256
# UTF-8 bytes of C0 controls but the newline, and DEL: none may be in a string `_encode_long` writes.
_NOT_IN_LONG = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])
# A C1 control (U+0080-U+009F) in UTF-8: 0xC2 is only ever a lead byte, so this cannot match
# inside another character.
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _encode_long(value: str) -> str | None:
    """`encode_basestring(value)` (json's C string encoder, ensure_ascii=False) for a string with
    no control character but the newline; None for any other string.

    Such a string needs only three escapes, `\\`, `"` and the newline, which str.replace makes
    in C at a few copies' cost; json's encoder looks at each character twice (0.055 ms for a
    10,000-character body; the replaces and the check on the UTF-8 bytes, where every C0
    control and DEL is one byte of its own, take half of that; issue 12). The string is then
    also free of every character `controls.CONTROLS` removes. tests/test_export_speed.py
    compares it with `encode_basestring` on generated strings.
    """
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: json writes it, UTF-8 cannot
        return None
    if len(data.translate(None, _NOT_IN_LONG)) != len(data) or _C1_UTF8.search(data):
        return None
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dump(value: Any, newline: str, out: list[str], suspects: list[str]) -> None:
    # newline: "\n" and the indent of the line the value is on
    if isinstance(value, str):
        if len(value) < _LONG:
            out.append(_encode_string(value))
            if not value.isprintable():  # no control character is printable
                suspects.append(value)
        else:
            encoded = _encode_long(value)
            if encoded is None:
                out.append(_encode_string(value))
                suspects.append(value)
            else:
                out.append(encoded)
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
            if not key.isprintable():
                suspects.append(key)
            out.append(": ")
            _dump(item, inner, out, suspects)
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
            _dump(item, inner, out, suspects)
            sep = "," + inner
        out.append(newline + "]")
    elif type(value) is int:
        out.append(int.__repr__(value))  # what json's encoder writes for an int
    elif value is None or value is True or value is False:
        out.append(_CONSTANTS[value])
    else:
        raise _NotPlain
