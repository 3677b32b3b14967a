"""A JSON document written a piece at a time, byte for byte as `json.dumps(doc, indent=2,
ensure_ascii=False)` writes it whole: one member of the top-level object is a list whose
items are written as they are made (outline and readability reports, issue 12).
"""

from __future__ import annotations

import json
from typing import Any, Callable

_SLOT = "\x00newsctl-list\x00"  # a string json.dumps escapes, so it cannot occur in the document


def _split(doc: dict[str, Any], key: str) -> tuple[str, str]:
    text = json.dumps({**doc, key: _SLOT}, indent=2, ensure_ascii=False)
    head, tail = text.split(json.dumps(_SLOT))
    return head, tail


class ListWriter:
    """`doc[key]` written item by item: `start(doc)`, `add(item)` for each, `finish(doc)`.

    The members before `key` are written by `start`, those after it by `finish` (they may
    change in between, e.g. errors found while the list was written). Items are at depth 2
    (an item of a list that is a member of the top-level object).
    """

    def __init__(self, write: Callable[[str], None], key: str) -> None:
        self.write = write
        self.key = key
        self.count = 0

    def start(self, doc: dict[str, Any]) -> None:
        self.write(_split(doc, self.key)[0])

    def add(self, item: Any) -> None:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        self.write(("," if self.count else "[") + "\n    " + text)
        self.count += 1

    def finish(self, doc: dict[str, Any]) -> None:
        self.write(("\n  ]" if self.count else "[]") + _split(doc, self.key)[1] + "\n")
