"""JSON written piece by piece, with the exact bytes of `json.dumps(value, indent=2,
ensure_ascii=False)`: the lint reports (JSON, SARIF, GitLab) stream their findings one at a time,
and the outline and readability reports their articles (ListWriter), instead of building the
whole document and then the whole string.

json.dumps with an indent runs json's pure-Python encoder; `encode` is the same layout written
directly (about twice as fast here), with json's own C string encoder. tests/test_json_stream.py
compares them on random values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Callable, Iterable, Iterator

INDENT = "  "


def encode(value: Any, level: int) -> str:
    """One value as json.dumps(indent=2, ensure_ascii=False) writes it at this nesting level."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + INDENT * (level + 1)
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + INDENT * level)
            items.append(encode_basestring(key) + ": " + encode(item, level + 1))
        return "{" + inner + ("," + inner).join(items) + "\n" + INDENT * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + INDENT * (level + 1)
        return "[" + inner + ("," + inner).join(encode(item, level + 1) for item in value) + "\n" + INDENT * level + "]"
    # floats and anything else: json's own encoder, re-indented to this level
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + INDENT * level)



def array(items: Iterable[Any], level: int) -> Iterator[str]:
    """A JSON array at this nesting level, one item at a time: `encode(list(items), level)`."""
    inner = "\n" + INDENT * (level + 1)
    sep = "[" + inner
    for item in items:
        yield sep + encode(item, level + 1)
        sep = "," + inner
    yield "[]" if sep.startswith("[") else "\n" + INDENT * level + "]"


def around(document: Any, hole: str, items: Iterable[Any], level: int) -> Iterator[str]:
    """`encode(document, 0)` where the string `hole` stands somewhere in it for the array of
    `items` (at that nesting level): the rest of the document is encoded whole, the array streamed."""
    head, tail = encode(document, 0).split(encode_basestring(hole), 1)
    yield head
    yield from array(items, level)
    yield tail


_SLOT = "\x00newsctl-list\x00"  # stands for the streamed list while the rest is encoded


class ListWriter:
    """`doc[key]` (a list in a top-level object) written item by item, for reports that write
    each article as it arrives (outline, readability): `start(doc)`, `add(item)` for each,
    `finish(doc)`. Members before `key` are written by `start`, those after it by `finish`, so
    they may change in between (errors found while the list was written)."""

    def __init__(self, write: Callable[[str], object], key: str) -> None:
        self.write = write
        self.key = key
        self.count = 0

    def _halves(self, doc: dict[str, Any]) -> list[str]:
        return encode({**doc, self.key: _SLOT}, 0).split(encode_basestring(_SLOT), 1)

    def start(self, doc: dict[str, Any]) -> None:
        self.write(self._halves(doc)[0])

    def add(self, item: Any) -> None:
        self.write(("," if self.count else "[") + "\n" + INDENT * 2 + encode(item, 2))
        self.count += 1

    def finish(self, doc: dict[str, Any]) -> None:
        self.write(("\n" + INDENT + "]" if self.count else "[]") + self._halves(doc)[1] + "\n")
