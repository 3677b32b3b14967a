"""What `--strict` checks in an exported page before writing it: the errors the Nu Html
Checker reports for HTML that newsctl's own renderer never makes but raw HTML
(`--allow-raw-html`) and user templates (`--template`) can.

Not a validator: a short list of checks, each one an error the Nu checker gives (the tests
run both on the same pages). Uses the standard library's lenient parser, so it never fails on
malformed input; it reports what it recognises.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

# Elements the HTML standard makes obsolete ("The X element is obsolete" in the Nu checker).
OBSOLETE = frozenset(
    "acronym applet basefont bgsound big blink center dir font frame frameset isindex keygen "
    "listing marquee menuitem multicol nextid nobr noembed noframes plaintext rb rtc spacer "
    "strike tt xmp".split()
)
# Attributes every element may not carry in HTML5 that raw HTML from old CMSs often has.
OBSOLETE_ATTRS = {"table": {"cellpadding", "cellspacing", "align", "bgcolor", "width"}, "img": {"align", "hspace", "vspace"}}
HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: dict[str, int] = {}
        self.heading: int | None = None  # level of the last heading

    def _add(self, message: str) -> None:
        line, _ = self.getpos()
        self.problems.append(f"line {line}: {message}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        values = dict(attrs)
        if tag in OBSOLETE:
            self._add(f"the <{tag}> element is obsolete")
        for attr in OBSOLETE_ATTRS.get(tag, ()):
            if attr in values:
                self._add(f"the {attr} attribute on <{tag}> is obsolete")
        level = HEADINGS.get(tag)
        if level is not None:
            if self.heading is not None and level > self.heading + 1:
                skipped = level - self.heading - 1
                self._add(f"<{tag}> follows <h{self.heading}>, skipping {skipped} heading level{'s' if skipped > 1 else ''}")
            self.heading = level
        if tag == "img" and "alt" not in values:
            self._add("<img> has no alt attribute")
        ident = values.get("id")
        if ident is not None:
            if ident == "" or any(c.isspace() for c in ident):
                self._add(f"bad id {ident!r}: an id must be non-empty and contain no whitespace")
            elif ident in self.ids:
                self._add(f"duplicate id {ident!r} (first on line {self.ids[ident]})")
            else:
                self.ids[ident] = self.getpos()[0]

    handle_startendtag = handle_starttag


def problems(html: str) -> list[str]:
    """The errors found in a page, each "line N: message", in document order; empty when none."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems
