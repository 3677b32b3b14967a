"""Hygiene rules (H): leftovers that must never reach readers."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator

from newsctl.article import Article, Inline, Span
from newsctl.findings import Edit, Fix, Hit
from newsctl.registry import rule
from newsctl.settings import Settings
from newsctl.text import quoted_ranges

_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TK(?:TK)*|TODO|FIXME|XXX)(?![\w-])|\blorem ipsum\b|\[\s*insert\b[^\]\n]{0,80}\bhere\s*\]",
    re.IGNORECASE,
)
_UPPER_ONLY = ("TK", "TODO", "FIXME", "XXX")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")  # "TK Maxx", "TK Elevator": a brand, not a placeholder
_NAME_BEFORE = re.compile(r"[^.!?:\s]\s+[A-Z][a-z]+\s+$")  # "Super Bowl XXX": a numeral
_DOUBLED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)
_DOUBLE_OK = {"had", "that", "bye", "ha", "no", "yeah", "very", "so", "now", "well", "tsk", "knock", "chop", "mahi", "tom", "can"}
_UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
_JS_URL = re.compile(r"(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:javascript|vbscript):", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20]")
_GAP = re.compile(r"[\s*_~]*")  # what may stand between doubled words: spaces and emphasis markup
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


@lru_cache(maxsize=1)
def leftover_patterns() -> re.Pattern[str]:
    text = resources.files("newsctl").joinpath("rules", "data", "assistant_leftovers.txt").read_text("utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


def _texts(article: Article) -> Iterator[tuple[Inline, str]]:
    """Prose of paragraphs and headings, apostrophes straightened (same length)."""
    for b in article.blocks:
        if b.inline is not None and b.kind in ("paragraph", "heading"):
            yield b.inline, b.inline.prose.replace("’", "'").replace("‘", "'")


@rule("H001", "assistant-leftover", "error", "Chat-assistant boilerplate left in the copy.")
def assistant_leftover(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Phrases a chat assistant writes to its user, not to readers: "Feel free to mix and match
        ideas", "As an AI language model", "Certainly! Here is", "I hope this helps", "Let me
        know if you'd like", "Here are some headline ideas". The list is the data file
        `newsctl/rules/data/assistant_leftovers.txt`.

        Phrases inside direct quotations are not reported: an article may quote a chatbot.

    Why it matters:
        Printed, these lines tell readers the copy was pasted from a chatbot unread. They are
        the most embarrassing error a newsroom can publish.

    Example:
        Feel free to mix and match ideas or modify them to better suit your target audience!

    Use instead:
        Delete the line, and check what came with it (lists of alternatives, other stories).
    """
    pattern = leftover_patterns()
    for b in article.blocks:
        if b.inline is None or b.kind not in ("paragraph", "heading"):
            continue
        inline = b.inline
        text = inline.prose.replace("’", "'").replace("‘", "'")
        reported_until = -1
        quotes = quoted_ranges(text)
        for m in pattern.finditer(text):
            if m.start() < reported_until or _inside(m.start(), quotes):
                continue
            sentence = next((s for s in article.sentences_in(b.index) if s.start <= m.start() < s.end), None)
            start, end = (sentence.start, sentence.end) if sentence else (m.start(), m.end())
            quoted = " ".join(inline.raw[start:end].split())
            if len(quoted) > 100:
                quoted = quoted[:97].rstrip() + "..."
            reported_until = end
            yield Hit(
                inline.span(start, end),
                f"Chat-assistant leftover: \"{quoted}\"",
                "Delete this text; it was written to the person using the assistant, not to readers",
            )


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


@rule("H002", "placeholder-text", "error", "Placeholder text (TK, TODO, lorem ipsum...) left in the copy.")
def placeholder_text(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Newsroom and software placeholders: TK, TODO, FIXME, XXX (in capitals), "lorem ipsum"
        and "[insert ... here]", in the body and in front-matter text values. "TK" before a
        capitalised word ("TK Maxx") and "XXX" after a capitalised word inside a sentence
        ("Super Bowl XXX") are names and numerals, not placeholders.

    Why it matters:
        A placeholder means a fact is still missing; published, it is a visible error.

    Example:
        The fire destroyed TK homes, said [insert name here].

    Use instead:
        The fire destroyed 14 homes, said fire chief Ana Ruiz.
    """
    for inline, text in _texts(article):
        for m in _PLACEHOLDER.finditer(text):
            word = m.group()
            if word.upper().startswith(_UPPER_ONLY) and word != word.upper():
                continue  # "todo" or "Xxx" in running text is not a placeholder
            if word.startswith("TK") and _NAME_AFTER.match(text, m.end()):
                continue
            if word == "XXX" and _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            yield Hit(inline.span(m.start(), m.end()), f"Placeholder \"{word}\" left in the text", "Replace it with the missing fact")
    for key, field in article.front_matter.fields.items():
        values = field.value if isinstance(field.value, list) else [field.value]
        for value in values:
            if isinstance(value, str):
                for m in _PLACEHOLDER.finditer(value):
                    word = m.group()
                    if word.upper().startswith(_UPPER_ONLY) and word != word.upper():
                        continue
                    yield Hit(field.value_span, f"Placeholder \"{word}\" in front-matter field '{key}'", "Replace it with the real value")


@rule("H003", "doubled-word", "warning", "A word is repeated: \"the the\".")
def doubled_word(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The same word twice in a row ("the the", "in in"), ignoring case, including across a
        line break. Common legitimate doubles ("had had", "that that") are allowed, and so are
        names: a capitalised second word ("Walla Walla") or one joined by a hyphen
        ("Boutros Boutros-Ghali").

    Why it matters:
        Doubled words survive spell checkers and are easy to miss when editing on screen.

    Example:
        The the council voted on Tuesday.

    Use instead:
        The council voted on Tuesday.
    """
    for b in article.blocks:
        if b.inline is None or b.kind not in ("paragraph", "heading"):
            continue
        inline = b.inline
        for m in _DOUBLED.finditer(inline.prose):
            if m.group(1).lower() in _DOUBLE_OK:
                continue
            if not _GAP.fullmatch(inline.raw, m.end(1), m.start(3)):
                continue  # something was blanked between them (a URL, code, a link): not adjacent words
            if m.group(3)[:1].isupper() or inline.prose[m.end(3) : m.end(3) + 1] == "-":
                continue  # "Walla Walla", "Duran Duran", "Boutros Boutros-Ghali": names
            fix = None
            if inline.raw[m.start() : m.end()] == m.group():  # no markup in between: safe to edit
                span = inline.span(m.start(2), m.end(3))
                fix = Fix(f"Remove the second \"{m.group(3)}\"", (Edit(span.line, span.column, span.end_line, span.end_column, ""),))
            yield Hit(
                inline.span(m.start(1), m.end(3)),
                f"Doubled word: \"{m.group(1)} {m.group(3)}\"",
                f"Delete one \"{m.group(3)}\"",
                fix,
            )


@rule("H004", "unsafe-html", "error", "Script, iframe, object or event-handler HTML in the body.")
def unsafe_html(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Raw `<script>`, `<iframe>`, `<object>`, `<embed>` and frame tags, inline event handlers
        (`onclick=`, `onerror=`...), and `javascript:` / `vbscript:` URLs in HTML or in Markdown
        links.

    Why it matters:
        Partners' systems strip or reject such markup, and where they do not, it runs code in
        readers' browsers. Embeds go through the CMS, not the article text.

    Example:
        <iframe src="https://example.org/embed"></iframe>
        <img src="x.jpg" onerror="alert(1)">

    Use instead:
        Link to the content, or ask the web desk for an approved embed.
    """
    for b in article.blocks:
        if b.kind == "html":
            for line_no, line in enumerate(b.raw.split("\n")):
                problem = _unsafe(line)
                if problem:
                    col = problem[1] + 1
                    yield Hit(Span(b.line + line_no, col, b.line + line_no, col + 1), problem[0], "Remove it; embeds go through the CMS")
        for inline in ([b.inline] if b.inline else []) + list(b.cells):
            for tag in inline.html:
                problem = _unsafe(tag.raw)
                if problem:
                    yield Hit(tag.span, problem[0], "Remove it; embeds go through the CMS")
            for link in inline.links:
                if link.href.strip().lower().startswith(_UNSAFE_SCHEMES):
                    scheme = link.href.split(":", 1)[0]
                    yield Hit(link.span, f"Link uses a {scheme}: URL", "Link to an https:// address instead")


def _unsafe(html: str) -> tuple[str, int] | None:
    """What is unsafe in a piece of raw HTML, and where (entities and spaces in URLs decoded)."""
    import html as htmllib

    m = _UNSAFE_TAG.search(html)
    if m:
        return f"Raw <{m.group(1).lower()}> tag in the body", m.start()
    m = _HANDLER.search(html)
    if m:
        return f"Inline event handler '{m.group(1).lower()}' in HTML", m.start(1)
    m = _JS_URL.search(html)
    if m:
        return "javascript: URL in HTML", m.start()
    decoded = _URL_NOISE.sub("", htmllib.unescape(html))  # browsers ignore these inside URLs
    if decoded != html and _JS_URL.search(decoded):
        return "javascript: URL in HTML (hidden with entities or control characters)", 0
    return None


@rule("H005", "control-character", "warning", "An invisible control character is in the text.")
def control_character(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Control characters (U+0001-U+001F other than tab and line breaks, U+007F-U+009F) anywhere
        in the file: vertical tabs, form feeds, escape codes and the like.

    Why it matters:
        They are invisible in an editor but arrive with text pasted from word processors and
        PDFs. HTML and XML forbid them, so a partner's validator or feed reader may reject the
        export; newsctl's exporters strip them, but the source should be clean too.

    Example:
        Pasted from Word:<U+000B>line two.

    Use instead:
        Pasted from Word: line two.
    """
    for char, span in article.control_characters:
        yield Hit(span, f"Invisible control character U+{ord(char):04X}", "Delete it (or replace it with a space or a line break)")


@rule("H006", "unknown-suppression", "warning", "A suppression comment is misspelt or names no existing rule.")
def unknown_suppression(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        `<!-- newsctl: ... -->` comments with a misspelt directive (`disabel`), and `disable`,
        `enable`, `disable-next-line` and `disable-line` comments whose codes, prefixes,
        categories or names match no rule.

    Why it matters:
        A misspelt code suppresses nothing, so the finding the writer meant to silence stays,
        or a later `enable` fails to turn a rule back on. It usually means a typo (`H02` for
        `H002`) or a code from another tool.

    Example:
        <!-- newsctl: disable-next-line S03 -->

    Use instead:
        <!-- newsctl: disable-next-line S003 -->
    """
    from newsctl import registry
    from newsctl.suppress import ACTIONS, directives

    for d in directives(article):
        if d.action not in ACTIONS:
            span = Span(d.line, d.column, d.line, d.column + 1)
            yield Hit(
                span,
                f"Unknown suppression directive '{d.action}'",
                "Use disable, enable, disable-next-line or disable-line: <!-- newsctl: disable CODE -->",
            )
            continue
        for selector in d.selectors:
            if not registry.is_valid_selector(selector):
                span = Span(d.line, d.column, d.line, d.column + 1)
                yield Hit(span, f"Suppression comment names '{selector}', which matches no rule", "Check the code with `newsctl rules`")
