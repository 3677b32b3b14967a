"""Start tags of a piece of raw HTML, read by the standard library's HTML tokenizer.

Rules decide from tag names and attribute values, never from regexes over markup: a parser
knows that `>` inside a quoted value does not end the tag, that `onerror` inside a value is
not an attribute, that `<iframe>` written inside a `<script>` is script text, that comments
hold no tags, and it decodes attribute values (`&#106;avascript:`) as browsers do.
"""

from __future__ import annotations

import html.parser as _hp

from newsctl.frozen import fast_init, dataclass  # dataclass: cheaper to create (newsctl/frozen.py)


@fast_init
@dataclass(frozen=True)
class Attribute:
    """One attribute: lower-case name, decoded value (None when written without `=`), offset of its name."""

    name: str
    value: str | None
    raw_value: str | None
    offset: int


@fast_init
@dataclass(frozen=True)
class StartTag:
    """One start tag: lower-case name, attributes in source order, offset of its `<` in the text."""

    name: str
    attributes: tuple[Attribute, ...]
    offset: int

    def get(self, name: str) -> Attribute | None:
        """The first attribute called `name` (browsers ignore later duplicates)."""
        return next((a for a in self.attributes if a.name == name), None)


class _Collector(_hp.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[StartTag] = []
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def _offset(self) -> int:
        line, col = self.getpos()  # where the tag being handled starts (line from 1, column from 0)
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self.tags.append(StartTag(tag, _locate(self.get_starttag_text() or "", attrs, start), start))


def _locate(raw: str, attrs: list[tuple[str, str | None]], start: int) -> tuple[Attribute, ...]:
    """Attach each attribute's offset and raw (undecoded) value, re-reading the tag text with the
    very patterns HTMLParser.parse_starttag used; when they disagree the tag's offset stands in."""
    found: list[tuple[int, str | None]] = []
    match = _hp.tagfind_tolerant.match(raw, 1)
    k = match.end() if match else len(raw)
    while k < len(raw) and len(found) < len(attrs):
        m = _hp.attrfind_tolerant.match(raw, k)
        if not m or m.end() == k:
            break
        value = m.group(3) if m.group(2) else None
        if value is not None and value[:1] in "'\"" and value[:1] == value[-1:] and len(value) > 1:
            value = value[1:-1]
        found.append((start + m.start(1), value))
        k = m.end()
    if len(found) != len(attrs):
        found = [(start, value) for _, value in attrs]
    return tuple(Attribute(name, value, raw_value, offset) for (name, value), (offset, raw_value) in zip(attrs, found))


def start_tags(text: str) -> list[StartTag]:
    """Every start tag in `text`, in order (comments, script and style content hold none)."""
    if "<" not in text:
        return []
    parser = _Collector(text)
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is tolerant; keep what was read if a version is not
        pass
    return parser.tags
