"""Turn the markers in sanitized HTML into elements, always well nested.

The sanitized fragment (nh3's output: balanced, attributes double-quoted) is read into a small
tree with the standard library's HTMLParser; text keeps its escaped form, so serialising the
tree gives back the same bytes. For each range, everything between its two markers is moved
into one new element. When the markers sit at different depths (a range that starts inside
`<em>` and ends after it), both ends are lifted to their closest common parent first, so the
element contains whole elements and never overlaps one: it may cover a little more than the
source range, never less. A range that lifts out of a paragraph becomes a `div` (phrasing
elements cannot hold blocks); lists and tables are wrapped whole.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Iterable, Union

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
PHRASING = frozenset(
    {
        "a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    }
)  # fmt: skip
# containers whose children must be particular elements: a range is lifted to wrap them whole
_STRICT = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "colgroup"})


class Element:
    __slots__ = ("tag", "attrs", "children", "parent", "raw")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]] | None = None, raw: str | None = None) -> None:
        self.tag = tag
        self.attrs: list[tuple[str, str | None]] = list(attrs or [])
        self.children: list[Node] = []
        self.parent: Element | None = None
        self.raw = raw  # the start tag as the sanitizer wrote it (None: build it from attrs)

    def append(self, node: Node) -> None:
        node.parent = self
        self.children.append(node)

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def set(self, name: str, value: str) -> None:
        self.attrs = [(k, v) for k, v in self.attrs if k != name] + [(name, value)]
        self.raw = None

    def iter(self) -> Iterable[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self) -> str:
        return "".join(html.unescape(c.raw) if isinstance(c, Text) else c.text() if isinstance(c, Element) else "" for c in self.children)


class Text:
    __slots__ = ("raw", "parent")

    def __init__(self, raw: str) -> None:
        self.raw = raw  # escaped HTML text
        self.parent: Element | None = None


class Marker:
    __slots__ = ("kind", "key", "parent")

    def __init__(self, kind: str, key: int) -> None:
        self.kind = kind
        self.key = key
        self.parent: Element | None = None


Node = Union[Element, Text, Marker]


class _Builder(HTMLParser):
    def __init__(self, root: Element) -> None:
        super().__init__(convert_charrefs=False)
        self.stack = [root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, attrs, self.get_starttag_text())
        self.stack[-1].append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append(Element(tag, attrs, self.get_starttag_text()))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(Text(html.escape(data, quote=False)))

    def handle_entityref(self, name: str) -> None:
        self.stack[-1].append(Text(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.stack[-1].append(Text(f"&#{name};"))


def parse(fragment: str, pattern: re.Pattern[str]) -> tuple[Element, dict[tuple[str, int], Marker]]:
    """The fragment as a tree, with each marker (matched by pattern) as a Marker node."""
    root = Element("#root")
    builder = _Builder(root)
    builder.feed(fragment)
    builder.close()
    markers: dict[tuple[str, int], Marker] = {}
    for el in list(root.iter()):
        merged: list[Node] = []
        for child in el.children:  # adjacent text first merged, so no marker is split in two
            if isinstance(child, Text) and merged and isinstance(merged[-1], Text):
                merged[-1].raw += child.raw
            else:
                merged.append(child)
        out: list[Node] = []
        for child in merged:
            if not isinstance(child, Text) or not pattern.search(child.raw):
                out.append(child)
                continue
            at = 0
            for m in pattern.finditer(child.raw):
                if m.start() > at:
                    out.append(Text(child.raw[at : m.start()]))
                mk = Marker(m.group(1), int(m.group(2)))
                markers[(mk.kind, mk.key)] = mk
                out.append(mk)
                at = m.end()
            if at < len(child.raw):
                out.append(Text(child.raw[at:]))
        el.children = []
        for child in out:
            el.append(child)
    return root, markers


def _ancestors(node: Node) -> list[Element]:
    out = []
    p = node.parent
    while p is not None:
        out.append(p)
        p = p.parent
    return out


def _below(node: Node, ancestor: Element) -> Node:
    """The child of `ancestor` that holds node (node itself when it is a child)."""
    while node.parent is not ancestor:
        assert node.parent is not None
        node = node.parent
    return node


def _has_text(nodes: Iterable[Node]) -> bool:
    for n in nodes:
        if isinstance(n, Text) and html.unescape(n.raw).strip():
            return True
        if isinstance(n, Element) and (n.tag == "img" or _has_text(n.children)):
            return True
    return False


def wrap(start: Marker | None, end: Marker | None, tag: str, attrs: list[tuple[str, str]], fill: str = "") -> Element | None:
    """Move what lies between two markers into a new element; None when neither marker survived.

    A missing marker (its text was inside raw HTML the sanitizer removed) makes the element
    empty at the other one. `fill` is shown when the element holds no visible text.
    """
    if start is None and end is None:
        return None
    start = start or end
    end = end or start
    assert start is not None and end is not None
    up_end = set(map(id, _ancestors(end)))
    common = next(a for a in _ancestors(start) if id(a) in up_end)
    a, b = _below(start, common), _below(end, common)
    while common.tag in _STRICT and common.parent is not None:
        a = b = common
        common = common.parent
    i, j = common.children.index(a), common.children.index(b)
    if i > j:
        i, j = j, i
    inside = common.children[i : j + 1]
    block = any(isinstance(n, Element) and n.tag not in PHRASING for n in inside)
    el = Element("div" if block else tag, attrs)
    el.parent = common
    common.children[i : j + 1] = [el]
    for n in inside:
        el.append(n)
    for mk in (start, end):
        if mk.parent is not None and mk in mk.parent.children:
            mk.parent.children.remove(mk)
            mk.parent = None
    if fill and not _has_text(el.children):
        unseen = Element("span", [("class", "unseen"), ("title", "Not shown to readers as written")])
        unseen.append(Text(html.escape(fill, quote=False)))
        el.append(unseen)
    return el


def start_tag(el: Element) -> str:
    if el.raw is not None:
        return el.raw
    parts = [el.tag]
    for key, value in el.attrs:
        parts.append(key if value is None else f'{key}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def serialize(root: Element) -> str:
    out: list[str] = []

    def walk(el: Element) -> None:
        for child in el.children:
            if isinstance(child, Text):
                out.append(child.raw)
            elif isinstance(child, Element):
                out.append(start_tag(child))
                if child.tag not in VOID:
                    walk(child)
                    out.append(f"</{child.tag}>")

    walk(root)
    return "".join(out)
