"""Plain text as copy arrives (e-mail, chat, a notes app) read into the article format.

What is recognised, from the top: a section label ("News"), the headline, a repeated or
extended headline (kept as an H1 so lint names it), a byline ("By Jane Doe", into `author`),
a dateline (kept as text, reported); then bare-line headings (a short line with no final
punctuation followed by text, or a trailing run of such lines, kept as empty sections),
paragraphs (blank-line separated, one per line, or hard-wrapped), bulleted and numbered lists
and `>` quotes. A line it cannot classify stays a paragraph: no word is ever dropped.

Every body line keeps the number of the source line it came from (`Imported.line_map`), so
`newsctl lint notes.txt` reports findings at the text file's own lines. Text that Markdown
would read as markup (`*`, `_`, `<`, a line starting `1986.`) is backslash-escaped, and only
where the Markdown parser shows it is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsctl.importers.document import Imported, Report, Unsure

SUFFIXES = (".txt", ".text")  # read by lint and outline as well as by import
MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 120
MAX_LABEL_WORDS = 3
MIN_WRAP = 50  # copy whose longest line is shorter is not hard-wrapped
WRAP_LIMIT = 100  # lines longer than this are never a hard-wrapped paragraph's lines

_BULLET = re.compile(r"^([-*+•‣▪◦·–—])\s+(?=\S)")
_NUMBER = re.compile(r"^\(?(\d{1,3})([.)])\s+(?=\S)")
_QUOTE = re.compile(r"^>\s?")
BYLINE = re.compile(r"^by\s+(\S.{0,80}?)[\s.]*$", re.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{2,}(?:\s*\([^)]*\))?(?:,\s+[^.!?]{1,40})?\s*(?:[—–-]+)?$"  # LONDON, March 3
    rf"|^(?:[A-Z][a-z]+day,?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+\d{{4}}\b[^.!?]{{0,40}}$"  # 3 March 2015
    r"|^\d{4}-\d{2}-\d{2}(?:[T ][\d:]+\S*)?$"  # 2015-03-03
)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_HEADING_BAD_END = re.compile(r"[.,;:!…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+")
_NOT_A_HEADING = re.compile(r"://|\bwww\.|\bmailto:|^\[\d+\]|\s\|\s")  # addresses, "[1] https://...", table rows
_SPEAKER = re.compile(r"^[\w.’']{1,16}:\s")  # "MK: Why did you join?", "Where: GSA headquarters": Q&A and fact lines
_FUNCTION_WORDS = frozenset(
    "a an the of to and or but nor in on at for with by from as that than into onto about "
    "is are was were be been this these their its our your his her my which who whose".split()
)
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&~]")
_START_SPECIAL = re.compile(r"^(?:[#>+=\-]|(\d+)(?=[.)]))")


@dataclass
class Unit:
    kind: str  # para | item | quote; becomes heading / h1 when classified
    lines: list[tuple[int, str]] = field(default_factory=list)  # (source line, text stripped)
    marker: str = ""  # list marker as it will be written: "- " or "1. " ("2)" and "(3)" become "2." and "3.")
    ordered: bool = False
    indented: bool = False  # indented four spaces or more: code or a quotation, never a heading

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines)

    @property
    def line(self) -> int:
        return self.lines[0][0]


def read_text(text: str, markdown: Any) -> Imported:
    """Read plain text (LF line ends; `Source` normalises CRLF and CR) into an Imported.

    `markdown` is the parser the article will be read with (`newsctl.parse.markdown()`): it
    decides which lines need escaping. It is passed in so this module stays below parse.
    """
    units = _units(text.split("\n"))
    report: dict[str, object] = {}
    title = section = author = None
    i = 0
    # the top: label, headline, repeated headline, byline, dateline
    if len(units) > 2 and is_label(units[0]) and heading_like(units[1], headline=True) and not _DATELINE.match(units[1].text):
        section = units[0].text
        report["label"] = (section, units[0].line)
        i = 1
    if i < len(units) and heading_like(units[i], headline=True) and (i + 1 < len(units) or i == 0):
        title = units[i].text
        report["headline"] = (title, units[i].line)
        i += 1
        while i < len(units) and _continues_headline(units[i - 1], units[i]):
            title = f"{title} {units[i].text}"  # a headline wrapped onto a second line
            i += 1
        if i < len(units) and heading_like(units[i], headline=True) and _repeats(title, units[i].text):
            units[i].kind = "h1"
            report["repeated_headline"] = units[i].line
    header_end = i
    for j in range(i, min(i + 4, len(units))):
        u = units[j]
        if u.kind == "h1":
            continue
        if u.kind != "para" or len(u.lines) != 1:
            break
        m = BYLINE.match(u.text)
        if m and "byline" not in report and looks_like_names(m.group(1)):
            author = m.group(1).strip()
            report["byline"] = (author, u.line)
            u.kind = "byline"
            continue
        if m and "byline" not in report and "dateline" not in report:
            continue  # "By aaron" (a user name, not a byline to take): a paragraph; a dateline may follow
        if "dateline" not in report and _DATELINE.match(u.text) and any(c.isalpha() for c in u.text):
            report["dateline"] = u.line
            u.kind = "dateline"
            continue
        break
    body_units = [u for u in units[header_end:] if u.kind != "byline"]  # a dateline stays a paragraph
    unsure = _classify_headings(body_units)
    return _emit(body_units, title, section, author, report, unsure, markdown)


# --- units -------------------------------------------------------------------------------------


def _units(lines: list[str]) -> list[Unit]:
    """Blocks of text: each non-blank run split into paragraphs, list items and quotes."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            run.append((number, raw.rstrip()))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    # Hard-wrapped copy (a fixed width, as e-mail and wire services send it): a line is wrapped
    # into the next when the next line's first word would not have fitted on it. Only copy
    # with evidence of wrapping (such a line that stops mid-sentence) is read that way.
    # The width: nine in ten lines that could have been broken (two words or more) are no
    # longer than it, so a wide table row or code line does not set it; wrapped copy has
    # most lines within WRAP_LIMIT.
    lengths = sorted(len(raw) for run in runs for _, raw in run if len(raw.split()) > 1)
    fitting = [n for n in lengths if n <= WRAP_LIMIT]
    usual = fitting[(len(fitting) * 9) // 10 - (1 if len(fitting) % 10 == 0 else 0)] if fitting else 0
    width = usual if usual >= MIN_WRAP and len(fitting) * 10 >= len(lengths) * 9 else 0
    if width and not any(
        _continues(run[k][1], run[k + 1][1], width) and not _SENTENCE_END.search(run[k][1]) for run in runs for k in range(len(run) - 1)
    ):
        width = 0
    units: list[Unit] = []
    for run in runs:
        units.extend(_split_run(run, width))
    return units


def _continues(line: str, following: str, width: int) -> bool:
    """True when `following`'s first word would not have fitted at the end of `line`."""
    first = following.split(None, 1)[0] if following.strip() else ""
    return len(line) + 1 + len(first) > width


def _split_run(run: list[tuple[int, str]], width: int) -> list[Unit]:
    """One run of non-blank lines: paragraphs (wrapped ones joined), list items and quotes."""
    out: list[Unit] = []
    previous_raw = ""
    for number, raw in run:
        text = raw.strip()
        wrapped = (
            bool(width)
            and bool(previous_raw)
            and _continues(previous_raw, text, width)
            and not (BYLINE.match(text) or _DATELINE.match(text))  # lines of their own
        )
        previous_raw = raw
        prev = out[-1] if out else None
        bullet = _BULLET.match(text)
        numbered = _NUMBER.match(text)
        if wrapped and not (bullet or numbered) and prev is not None and prev.kind in ("para", "item") and prev.lines[-1][0] == number - 1:
            prev.lines.append((number, text))
            continue
        if bullet or numbered:
            if bullet:
                out.append(Unit("item", [(number, text[bullet.end() :])], "- "))
            else:
                assert numbered is not None
                out.append(Unit("item", [(number, text[numbered.end() :])], f"{numbered.group(1)}. ", True))
            continue
        quote = _QUOTE.match(text)
        if quote:
            content = text[quote.end() :].strip()
            if prev is not None and prev.kind == "quote" and prev.lines[-1][0] == number - 1:
                prev.lines.append((number, content))
            else:
                out.append(Unit("quote", [(number, content)]))
            continue
        if raw[:1].isspace() and prev is not None and prev.kind == "item" and prev.lines[-1][0] == number - 1:
            prev.lines.append((number, text))  # an indented continuation of a list item
            continue
        out.append(Unit("para", [(number, text)], indented=len(raw) - len(raw.lstrip()) >= 4))
    return out


# --- classification --------------------------------------------------------------------------


def heading_like(u: Unit, headline: bool = False) -> bool:
    """A single short line with no final punctuation (a question mark is allowed)."""
    if u.kind != "para" or len(u.lines) > (3 if headline else 1):  # a headline may be wrapped
        return False
    text = u.text
    words = _WORD.findall(text)
    limit = 30 if headline else MAX_HEADING_WORDS
    if not words or len(words) > limit or len(text) > (200 if headline else MAX_HEADING_CHARS):
        return False
    if u.indented or BYLINE.match(text) or _NOT_A_HEADING.search(text):
        return False
    if _HEADING_BAD_END.search(text) and not (headline and re.search(r"(?:…|\.\.\.)[\"'”’)\]]*$", text)):
        return False  # final punctuation; a headline may trail off ("So, you're a product owner...")
    if not headline and (words[-1] in _FUNCTION_WORDS or _SPEAKER.match(text)):  # "... of the": broken mid-sentence
        return False
    if any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}")):
        return False
    first = text.lstrip("\"'“‘([¿¡")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "$£€" or (headline and first.isalpha()))


def _continues_headline(before: Unit, u: Unit) -> bool:
    """The next line of the same run, starting in lower case, with no final punctuation."""
    return (
        u.kind == "para"
        and len(u.lines) == 1
        and u.line == before.lines[-1][0] + 1
        and u.text[:1].islower()
        and not _HEADING_BAD_END.search(u.text)
    )


def is_label(u: Unit) -> bool:
    """A section label: one to three words, nothing else ("News", "World", "Local News")."""
    if u.kind != "para" or len(u.lines) != 1:
        return False
    text = u.text
    words = text.split()
    return 0 < len(words) <= MAX_LABEL_WORDS and len(text) <= 30 and all(w[:1].isupper() for w in words) and re.fullmatch(r"[\w &'’/-]+", text) is not None


def _repeats(headline: str, text: str) -> bool:
    """The same headline again, or extended ("... in 2023")."""
    a, b = _WORD.findall(headline.casefold()), _WORD.findall(text.casefold())
    return len(b) >= len(a) > 0 and b[: len(a)] == a


def looks_like_names(text: str) -> bool:
    words = re.findall(r"[^\s,]+", text)
    names = [w for w in words if w.lower() not in ("and", "&", "of", "the", "de", "van", "von")]
    return 0 < len(words) <= 10 and all(w[:1].isupper() for w in names) and not _SENTENCE_END.search(text.rstrip(".")[-1:] or "")


def _classify_headings(units: list[Unit]) -> list[Unsure]:
    """Mark headings: a heading-like line followed by text, or a trailing run of them."""
    unsure: list[Unsure] = []
    n = len(units)
    trailing_from = n
    while trailing_from > 0 and heading_like(units[trailing_from - 1]):
        trailing_from -= 1
    decisions: list[bool] = []
    for i, u in enumerate(units):
        if not heading_like(u):
            decisions.append(False)
            continue
        nxt = units[i + 1] if i + 1 < n else None
        heading = i >= trailing_from or (nxt is not None and (nxt.kind in ("item", "quote") or (nxt.kind == "para" and not heading_like(nxt))))
        decisions.append(heading)
    for u, heading in zip(units, decisions):
        if heading:
            u.kind = "heading"
        elif u.kind == "para" and len(u.lines) == 1 and heading_like(u):
            unsure.append(Unsure(u.line, u.text, "short line with no final punctuation, not followed by text: kept as a paragraph"))
    return unsure


# --- output ------------------------------------------------------------------------------------


def _emit(
    units: list[Unit],
    title: str | None,
    section: str | None,
    author: str | None,
    report: dict[str, object],
    unsure: list[Unsure],
    markdown: Any,
) -> Imported:
    body: list[str] = []
    line_map: list[int] = []
    headings: list[tuple[str, int]] = []
    counts = {"para": 0, "item": 0, "quote": 0}
    prev: Unit | None = None
    for u in units:
        same_list = prev is not None and prev.kind == "item" and u.kind == "item" and prev.ordered == u.ordered and prev.lines[-1][0] + 1 == u.line
        if body and not same_list:
            body.append("")
            line_map.append(0)
        for text, number in _markdown_lines(u, markdown):
            body.append(text)
            line_map.append(number)
        if u.kind == "heading":
            headings.append((u.text, u.line))
        elif u.kind != "h1":
            counts["para" if u.kind == "dateline" else u.kind] += 1
        prev = u
    return Imported(
        title=title,
        section=section,
        author=author,
        body="\n".join(body) + "\n" if body else "",
        line_map=tuple(line_map),
        report=Report(
            label=report.get("label"),  # type: ignore[arg-type]
            headline=report.get("headline"),  # type: ignore[arg-type]
            repeated_headline=report.get("repeated_headline"),  # type: ignore[arg-type]
            byline=report.get("byline"),  # type: ignore[arg-type]
            dateline=report.get("dateline"),  # type: ignore[arg-type]
            headings=tuple(headings),
            paragraphs=counts["para"],
            list_items=counts["item"],
            quotes=counts["quote"],
            unsure=tuple(unsure),
        ),
    )


_EXPECTED_BLOCKS = {
    "para": ("paragraph_open",),
    "dateline": ("paragraph_open",),
    "heading": ("heading_open",),
    "h1": ("heading_open",),
    "item": ("bullet_list_open", "ordered_list_open"),
    "quote": ("blockquote_open",),
}


def _markdown_lines(u: Unit, markdown: Any) -> list[tuple[str, int]]:
    """The unit as Markdown lines (with their source lines), escaped only where needed."""
    plain = _render(u, escape=False)
    if _reads_back(u, plain, markdown):
        return plain
    return _render(u, escape=True)


def _render(u: Unit, escape: bool) -> list[tuple[str, int]]:
    def esc(text: str) -> str:
        if not escape:
            return text
        text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(), text)
        return _START_SPECIAL.sub(lambda m: (m.group(1) + "\\") if m.group(1) else "\\" + m.group(), text, count=1)

    out: list[tuple[str, int]] = []
    for k, (number, text) in enumerate(u.lines):
        if u.kind == "heading":
            heading = esc(text)
            if escape and heading.endswith("#"):  # a closing `#` run would be dropped as markup
                heading = heading[:-1] + "\\#"
            out.append(("## " + heading, number))
        elif u.kind == "h1":
            out.append(("# " + esc(text), number))
        elif u.kind == "item":
            out.append(((u.marker if k == 0 else " " * len(u.marker)) + esc(text), number))
        elif u.kind == "quote":
            out.append(("> " + esc(text), number))
        else:
            out.append((esc(text), number))
    return out


def _reads_back(u: Unit, lines: list[tuple[str, int]], markdown: Any) -> bool:
    """True when Markdown reads the lines as one block of the unit's kind with exactly its text."""
    tokens = markdown.parse("\n".join(t for t, _ in lines) + "\n")
    if not tokens or tokens[0].type not in _EXPECTED_BLOCKS[u.kind]:
        return False
    inlines = [t for t in tokens if t.type == "inline"]
    if len(inlines) != 1:
        return False
    expected = "\n".join(t for _, t in u.lines) if u.kind not in ("heading", "h1") else u.text
    children = inlines[0].children or []
    got = "".join(c.content if c.type == "text" else "\n" if c.type == "softbreak" else "\x00" for c in children)
    closes = [t.type for t in tokens if t.nesting == -1 and t.level == 0]
    return got == expected and len(closes) == 1
