"""Hygiene rules (H): leftovers that must never reach readers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from newsctl.article import Article, Block, Inline, Span
from newsctl.findings import Edit, Fix, Hit
from newsctl.registry import rule
from newsctl.text import quoted_ranges, rule_data
from newsctl.relazy import lazy, literal_in_every_match  # start-up: compiled on first use; literals

if TYPE_CHECKING:
    from newsctl.htmlscan import Attribute, StartTag
    from newsctl.settings import Settings

_DOUBLED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)
_DOUBLE_OK = {"had", "that", "bye", "ha", "no", "yeah", "very", "so", "now", "well", "tsk", "knock", "chop", "mahi", "tom", "can"}
# _DOUBLED for ASCII text once lower-cased: the same matches (ASCII letters are equal ignoring
# case when their lower cases are), found ~2.5x faster without IGNORECASE and with possessive
# repeats (a shorter word or gap can never match: a letter, not a space, would follow it).
_DOUBLED_ASCII_LOWER = re.compile(r"\b([a-z]++)\s++\1\b")
# Its matches after the first character, found with the character before the word: in ASCII
# text once lower-cased, \b before a letter is the start or a character that is not [a-z0-9_].
# A pattern that opens on a character class lets re skip in C to the next such character
# instead of trying \b at every character (~0.18 -> ~0.12 ms an article's joined prose; issue
# 12, last mile; tests/test_speed_lastmile_equivalence.py compares the two).
_DOUBLED_AFTER_NON_WORD = re.compile(r"[^a-z0-9_]([a-z]++)\s++\1\b")


def _may_double(text: str) -> bool:
    """False when _DOUBLED cannot match text (issue 12: it tried a back-reference at every word)."""
    if not text.isascii():
        return True
    lowered = text.lower()  # a match at 0, or one after a non-word character: every match
    return _DOUBLED_AFTER_NON_WORD.search(lowered) is not None or _DOUBLED_ASCII_LOWER.match(lowered) is not None


_URL_NOISE = lazy(r"[\x00-\x20]")
_THIRD = lazy(r"[\s,*_~]+([^\W\d_]+)")  # the word after a doubled pair
_AFTER_WORD = lazy(r"([ \t]*)([^\W\d_]*)")  # the spaces and the word after a match
_GAP = lazy(r"[\s*_~]*")  # what may stand between doubled words: spaces and emphasis markup
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def _leftover_lines() -> list[str]:
    text = rule_data("assistant_leftovers.txt")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def leftover_patterns() -> re.Pattern[str]:
    """Every phrase as one alternation: the definition of what H001 matches (see leftover_matches)."""
    return re.compile("|".join(f"(?:{line})" for line in _leftover_lines()), re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _leftover_each() -> tuple[Sequence[re.Pattern[str]], Sequence[re.Pattern[str]]]:
    lines = _leftover_lines()
    folding = _OnFirstUse(lines, re.IGNORECASE | re.MULTILINE)
    if any(ch.isupper() for line in lines for ch in line):  # \S, \W...: lower-casing would change them
        return (), folding
    return _OnFirstUse(lines, re.MULTILINE), folding  # the first for lower-cased text


class _OnFirstUse:
    """The phrases' regexes, each compiled the first time it is searched with: an article holds the
    literal of two or three of them (leftover_matches searches no other), so compiling all 52
    up front cost a one-file lint ~8 ms for ~0.5 ms of use (issue 12, start-up)."""

    def __init__(self, lines: list[str], flags: int) -> None:
        self._lines = lines
        self._flags = flags
        self._compiled: list[re.Pattern[str] | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> re.Pattern[str]:
        pattern = self._compiled[i]
        if pattern is None:
            pattern = self._compiled[i] = re.compile(self._lines[i], self._flags)
        return pattern


def required_literal(pattern: str) -> str:
    """Text every match of `pattern` (compiled without flags) contains: its longest run of plain
    characters outside any group or repeat ("" when it has none, or cannot be read).

    A phrase whose literal is not in the (lower-cased) text cannot match there, so its regex is
    not run: `in` is a C substring search, where a phrase without a literal prefix ("(?:please
    )?note that ...") made the regex engine try every position (issue 12: H001 1.5 -> 0.2 ms
    per article)."""
    try:
        from re import _parser  # the parser re.compile uses; private, hence the fallback

        items = list(_parser.parse(pattern, 0))
        literal = _parser.LITERAL
    except Exception:  # another Python: no shortcut, every regex runs
        return ""
    best, run = "", []
    for op, arg in items + [(None, None)]:
        if op is literal:
            run.append(chr(arg))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best


@lru_cache(maxsize=1)
def _leftover_literals() -> tuple[str, ...]:
    # the cheap reading of the pattern text first (~0.4 against ~2 ms for the 26 phrases, every process)
    return tuple(literal_in_every_match(line) or required_literal(line) for line in _leftover_lines())


# Characters re.IGNORECASE folds onto ASCII letters (or whose lower() changes length): text with
# one of them is matched with the IGNORECASE patterns, so lower-casing never changes a match.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def leftover_matches(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) spans leftover_patterns().finditer(text) yields, about 8x faster.

    Measured (make bench): the one 26-way IGNORECASE alternation cost ~10 ms per 1,000-word
    article, because no branch's literal prefix can be used to skip ahead. Each phrase compiled
    alone does use it, and plain lower-cased text avoids IGNORECASE's per-character folding. The
    loop below reproduces the alternation exactly: at each step the leftmost start wins, a tie
    goes to the earlier phrase (alternation order), and the scan resumes at the match's end.
    """
    lowered, folding = _leftover_each()
    if lowered and (text.isascii() or not any(ch in _FOLDS_TO_ASCII for ch in text)):
        patterns, subject = lowered, text.lower()
        literals = _leftover_literals()  # a phrase whose literal is absent is never searched
    else:
        patterns, subject = folding, text
        literals = ("",) * len(patterns)
    present = _literals_present(literals, subject)
    nexts: list[tuple[int, int] | None] = []
    for i, found in enumerate(present):  # by index: a phrase's regex is compiled only if searched
        m = patterns[i].search(subject) if found else None
        nexts.append(m.span() if m else None)
    pos = 0
    while True:
        best = -1
        for i, span in enumerate(nexts):
            if span is not None and span[0] < pos:  # overtaken by an earlier match: look again from pos
                m = patterns[i].search(subject, pos)
                span = nexts[i] = m.span() if m else None
            if span is not None and (best < 0 or span[0] < nexts[best][0]):  # type: ignore[index]
                best = i
        if best < 0:
            return
        start, end = nexts[best]  # type: ignore[misc]
        yield start, end
        pos = end if end > start else end + 1


@lru_cache(maxsize=2)
def _containment_plan(literals: tuple[str, ...]) -> tuple[tuple[int, int, bool], ...]:
    """Each literal's index, shortest first, with the index of the longest shorter (or equal,
    earlier) literal it holds (-1 for none) and whether the two are equal."""
    order = sorted(range(len(literals)), key=lambda i: (len(literals[i]), i))
    plan = []
    for k, i in enumerate(order):
        held = [j for j in order[:k] if literals[j] in literals[i]]
        j = max(held, key=lambda j: len(literals[j])) if held else -1
        plan.append((i, j, j >= 0 and literals[j] == literals[i]))
    return tuple(plan)


def _literals_present(literals: tuple[str, ...], subject: str) -> list[bool]:
    """[literal in subject for literal in literals], without searching for a literal that holds
    one found absent (or that equals one already searched for). Each `in` reads the whole text
    when the literal is absent, as 24 of the 26 are in an article: ~7 us apiece, and several
    hold another ("as an ai" holds "an ai", "here are " and "is there anything else " hold
    "here"...; issue 12, last mile)."""
    present = [False] * len(literals)
    for i, j, same in _containment_plan(literals):
        if j < 0:
            present[i] = literals[i] in subject
        elif present[j]:
            present[i] = same or literals[i] in subject
    return present


# What a phrase may use only if a match in one text is sure to be a match in the texts joined by
# newlines: nothing that looks behind, forbids what follows, or never gives back what it took.
_CONTEXT_SYNTAX = ("(?<", "(?!", "(?>", "\\A", "\\Z", "*+", "++", "?+", "}+")


@lru_cache(maxsize=1)
def _joinable() -> bool:
    return not any(token in line for line in _leftover_lines() for token in _CONTEXT_SYNTAX)


def leftover_anywhere(texts: list[str]) -> bool:
    """False when no text can hold a leftover phrase (then none needs searching), found with one
    search of the texts joined by newlines: a phrase matching in one text matches there too (the
    phrases use no syntax that reads the text around a match but \\b and ^/$, which a newline
    reads as the start or end of a text). True means search each text (issue 12)."""
    if not _joinable():
        return True
    return next(iter(leftover_matches("\n".join(texts))), None) is not None


# A label an assistant puts before the copy it wrote ("Title: ...", "**Headline:** ..."): a
# leftover only at the top of the body (after nothing but other leftovers), where the front
# matter's title already is.
_LABEL_LINE = re.compile(
    r"^\s*(?:title|headline|subheadline|subtitle|sub-headline|seo title|meta description|slug|dek)\s*:\s*\S",
    re.IGNORECASE,
)


_PROSE_KEY = "rules.prose_blocks"


def prose_blocks(article: Article) -> tuple[tuple[Block, ...], str]:
    """The paragraphs and headings (the blocks with an inline whose prose H001, H002, H003 and
    H009 read), in order, and their prose joined by newlines; found once per article (kept in
    `Article.derived`): each of the four walked every block and joined the texts itself (issue
    12, third day)."""
    found = article.derived.get(_PROSE_KEY)
    if found is None:
        blocks = tuple(b for b in article.blocks if b.inline is not None and b.kind in ("paragraph", "heading"))
        found = article.derived[_PROSE_KEY] = (blocks, "\n".join([b.inline.prose for b in blocks]))  # type: ignore[union-attr]
    return found  # type: ignore[no-any-return]


@rule("H001", "assistant-leftover", "error", "Chat-assistant boilerplate left in the copy.")
def assistant_leftover(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        What a chat assistant says to its user, as opposed to what a writer says to readers:
        answers to the request ("Sure! Here's a news article about ...:", "Certainly! Here is
        a revised version"), talk about itself ("As an AI language model"), reports of its work
        ("I have rewritten the article"), offers ("Let me know if you'd like any changes",
        "Would you like me to shorten it?", "Feel free to mix and match ideas or modify them to
        better suit your target audience"), lists of headline ideas, disclaimers to the user
        ("verify the facts before publishing"), and a label such as `Title:` or `Headline:` on
        the first line of the body (or right after other leftovers there). The phrases are the data file
        `newsctl/rules/data/assistant_leftovers.txt`.

        The finding covers the whole leftover sentence (every sentence a phrase runs across),
        or the whole label line, and its fix deletes it (the whole paragraph when nothing else
        is in it). Phrases inside direct quotations are not reported: an article may quote a
        chatbot.

    Why it matters:
        Printed, these lines tell readers the copy was pasted from a chatbot unread. They are
        the most embarrassing error a newsroom can publish.

        Severity error: on 837 published government articles (docs/precision.md) the 0.1
        phrase list flagged five human calls to action ("feel free to reach out to our team")
        and nothing else; phrases that readers-facing copy also uses ("feel free to reach
        out", "let me know if you have questions", "here are some ideas") were removed, so
        what is left is certain enough to fail CI.

    Example:
        Sure! Here's a news article about the council's budget vote:

        Feel free to mix and match ideas or modify them to better suit your target audience!

    Use instead:
        Delete the lines, and check what came with them (lists of alternatives, other stories).
    """
    # the quotes are made straight once over the joined texts (a character-for-character
    # replacement, so the same as joining each block's); most articles have no phrase at all
    phrases = leftover_anywhere([prose_blocks(article)[1].replace("’", "'").replace("‘", "'")])
    at_top = True  # no copy yet: only HTML comments and other leftovers come before this block
    for b in article.blocks:
        if not (phrases or at_top):
            break  # without a phrase only the top of the body can hold a leftover (a label line)
        if b.inline is None or b.kind not in ("paragraph", "heading"):
            at_top = at_top and b.kind == "html"
            continue
        inline = b.inline
        text = inline.prose.replace("’", "'").replace("‘", "'")
        ranges: list[tuple[int, int]] = []
        if at_top:
            line_end = text.find("\n")
            first_line = text if line_end < 0 else text[:line_end]
            if _LABEL_LINE.match(first_line) or _INTRO_LINE.match(first_line):
                ranges.append((0, len(first_line)))
        quotes = quoted_ranges(text) if phrases else []
        sentences = article.sentences_in(b.index) if phrases else []
        for m_start, m_end in leftover_matches(text) if phrases else ():
            if _inside(m_start, quotes):
                continue
            if b.kind == "heading" or not sentences:
                ranges.append((len(text) - len(text.lstrip()), len(text.rstrip())))
                continue
            start = next((s.start for s in sentences if s.start <= m_start < s.end), m_start)
            end = next((s.end for s in sentences if s.start < m_end <= s.end), m_end)
            ranges.append((start, max(end, m_end)))
        merged = _merge(ranges, text)
        at_top = at_top and len(merged) == 1 and not text[: merged[0][0]].strip() and not text[merged[0][1] :].strip()
        for start, end in merged:
            quoted = " ".join(inline.raw[start:end].split())
            if len(quoted) > 100:
                quoted = quoted[:97].rstrip() + "..."
            yield Hit(
                inline.span(start, end),
                f"Chat-assistant leftover: \"{quoted}\"",
                "Delete this text; it was written to the person using the assistant, not to readers",
                _deletion(article, b, start, end),
            )


# "Here's a news article about the strike:" introducing the copy below it. Only at the top of
# the body: lower down, "Here's an article about how we did it:" is a writer pointing readers on.
_INTRO_LINE = re.compile(
    r"^\s*here(?:'s| is) (?:a|an) (?:[\w-]+ ){0,3}(?:news article|article|press release|blog post|news story|op-ed|"
    r"feature story|draft|story)\b[^.!?\n]{0,100}:\s*$",
    re.IGNORECASE,
)


def _merge(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping ranges, and ranges with only spaces between them, become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _deletion(article: Article, b: Block, start: int, end: int) -> Fix:
    """Delete raw[start:end] of the block: the whole block (and one blank line after it) when
    nothing else is in it, else the text and the spaces that separate it from its neighbours."""
    inline = b.inline
    assert inline is not None
    raw = inline.raw
    if not inline.prose[:start].strip() and not inline.prose[end:].strip():
        last = b.end_line + 1
        source = article.source
        if last <= source.line_count and not source.line_text(last).strip():
            last += 1
        # a whole line or paragraph that only an assistant writes: safe for --fix; deleting
        # part of a paragraph (below) may leave a sentence to mend, so it needs --unsafe-fixes
        return Fix("Delete the leftover", (Edit(b.line, 1, last, 1, ""),), safe=True)
    stop = end
    while stop < len(raw) and raw[stop] in " \t":
        stop += 1
    if stop == end:  # the end of a line: take the spaces before it instead
        while start > 0 and raw[start - 1] in " \t":
            start -= 1
    span = inline.span(start, stop)
    return Fix("Delete the leftover", (Edit(span.line, span.column, span.end_line, span.end_column, ""),))


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


@rule("H002", "placeholder-text", "error", "Placeholder text (TK, TODO, lorem ipsum, [Your Name]...) left in the copy.")
def placeholder_text(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Placeholders used as text, in the body and in front-matter text values:
        - newsroom and software markers TK, TKTK, TODO, FIXME and XXX (in capitals);
        - `XX` standing in for a figure ("XX percent", "$XX million", "XX homes", "20XX");
        - "lorem ipsum" filler ("Lorem ipsum dolor sit amet");
        - editor prompts in square brackets, in any wording: "[Insert quote from mayor]",
          "[Your Name]", "[Company name]", "[Date]", "[add link]", "[TK]".

        A placeholder that is mentioned rather than used is not reported: inside quotation
        marks (your security "TODO" list), after an article or possessive (the famous Lorem
        Ipsum text, a TODO comment, my todo list), or before a noun that names it (TODO list,
        lorem ipsum text). Sample text shown to readers is written with prompts and XX on
        purpose, so those are not reported in a block quote or inside a quotation ("Here's the
        link: [link]"), unless the quotation is nothing but the prompt ("[Insert quote from
        mayor]," she said). "TK" before a capitalised word ("TK Maxx") and "XXX" after a
        capitalised word ("Super Bowl XXX") are names and numerals. Square brackets that add
        words to a quotation ("[the mayor] said") are editing, not prompts, and bracketed text
        followed by `(` or `[` is a link.

    Why it matters:
        A placeholder means a fact is still missing; published, it is a visible error.

        Severity error: on real published copy every 0.1 finding was a mention (an article
        explaining what lorem ipsum is); with mentions told apart, a finding is a placeholder
        in the text, which is always wrong.

    Example:
        The fire destroyed TK homes, said [Insert quote from fire chief].

    Use instead:
        The fire destroyed 14 homes, said fire chief Ana Ruiz.
    """
    prose, joined = prose_blocks(article)
    # one scan for the body: each literal the check looks for lies within one block's text
    for b in prose if _may_hold_placeholder(joined) else ():
        inline, text = b.inline, b.inline.prose  # type: ignore[union-attr]
        quotes = inline.quotes
        for start, end, word, sample in _placeholders(text):
            if sample and b.in_quote:
                continue  # a block-quoted template shown to readers ("[Your agency] understands...")
            quote = next(((s, e) for s, e in quotes if s <= start < e), None)
            alone = not text[quote[0] + 1 : start].strip(_PUNCT) and not text[end : quote[1] - 1].strip(_PUNCT) if quote else False
            if quote is not None and not (sample and alone):
                continue  # mentioned in quotation marks, unless the quotation is nothing but a prompt
            yield Hit(inline.span(start, end), f"Placeholder \"{word}\" left in the text", "Replace it with the missing fact")
    for key, field in article.front_matter.fields.items():
        values = field.value if isinstance(field.value, list) else [field.value]
        for value in values:
            # (a value without a placeholder's literal has no placeholder: its quotations are
            # not looked for; issue 12, third day)
            if isinstance(value, str) and _may_hold_placeholder(value):
                quotes = quoted_ranges(value)
                for start, _, word, _sample in _placeholders(value):
                    if not _inside(start, quotes):
                        yield Hit(field.value_span, f"Placeholder \"{word}\" in front-matter field '{key}'", "Replace it with the real value")


_PLACEHOLDER = lazy(
    r"(?<![\w-])(?P<marker>TK(?:TK)*|TODO|FIXME|XXX)(?![\w-])"
    r"|(?P<lorem>\blorem ipsum\b)"
    r"|(?P<figure>(?<![\w-])(?:\$\s?XX(?:[,.]X+)*|XX(?:[,.]X+)*(?=\s*(?:%|percent\b|per\b|million\b|billion\b|thousand\b|"
    r"hundred\b|times\b|(?!chromosome)[a-z]))|(?:19|20)XX)(?![\w-]))"
    r"|(?P<prompt>(?<!\])\[\s*(?:insert|add|include|enter|fill in|paste|your|name|full name|first name|last name|company|"
    r"organi[sz]ation|agency|date|time|day|city|location|venue|quote|link|url|source|number|figure|amount|price|"
    r"statistic|stat|contact|phone|email|website|photo|image|caption|placeholder|tbd|tk|todo|xx+)\b[^\]\n]{0,80}\]"
    r"(?![(\[:]))",  # "[text](url)" and "[text][ref]" that did not parse as links are links, not prompts
    re.IGNORECASE,
)
_PUNCT = " \t\n,.;:!?"
# Before a placeholder, a word that makes it a thing talked about: "the famous Lorem Ipsum text".
_MENTION_BEFORE = lazy(r"(?:\b(?:the|a|an|my|your|our|their|his|her|its|this|that|these|those|of)\s+(?:[\w-]+\s+)?|[#@/])$", re.IGNORECASE)
# After it, a noun that names it: "TODO list", "lorem ipsum text", "FIXME comments".
_MENTION_AFTER = lazy(
    r"\s*(?:-\s*)?(?:lists?|items?|comments?|notes?|tags?|markers?|text|copy|filler|placeholders?|generators?|"
    r"paragraphs?|apps?|files?|convention|style|is\b|are\b|was\b|means?\b|stands?\b)",
    re.IGNORECASE,
)
_LOREM_USE = lazy(r"\s*,?\s*(?:dolor|sit amet|quia|consectetur)", re.IGNORECASE)
_NAME_AFTER = lazy(r"\s+[A-Z][a-z]")  # "TK Maxx", "TK Elevator": a brand, not a placeholder
_NAME_BEFORE = lazy(r"[^.!?:\s]\s+[A-Z][a-z]+\s+$")  # "Super Bowl XXX": a numeral


# Every _PLACEHOLDER match holds one of these (its branches, case-insensitively): TK, TODO,
# FIXME and XXX; lorem ipsum; XX in a figure; the [ of a prompt. Keep in step with _PLACEHOLDER
# (_may_hold_placeholder tests them; tests/test_speed_lint_equivalence.py checks it).


def _may_hold_placeholder(text: str) -> bool:
    """False when _PLACEHOLDER cannot match text: none of its literals is there, found by C
    substring searches (issue 12: the IGNORECASE alternation with lookbehinds visited every
    character of every block, ~1 ms per article, for the few blocks that have a candidate).
    Text with a character IGNORECASE folds onto an ASCII letter (K for k...) is always searched."""
    if "[" in text:
        return True
    lowered = text.lower()
    if "tk" in lowered or "xx" in lowered or "todo" in lowered or "fixme" in lowered or "lorem ipsum" in lowered:
        return True
    return not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text)


def _placeholders(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, as written, is template-like) of each placeholder used (not mentioned) in
    text. Template-like placeholders (bracketed prompts, XX figures) are also how sample text
    shown to readers is written; the caller decides by the quotation or block quote around them."""
    if not _may_hold_placeholder(text):
        return
    for m in _PLACEHOLDER.finditer(text):
        word = m.group()
        start, end = m.span()
        before = text[max(0, start - 40) : start]
        if m.group("prompt"):
            yield start, end, " ".join(word.split()), True
            continue
        if m.group("lorem"):
            # filler is followed by more filler; anything else is an article talking about it
            if _LOREM_USE.match(text, end) or (not text[:start].strip() and not text[end:].strip(" .\n")):
                yield start, end, word, False
            continue
        if word != word.upper():
            continue  # "todo" or "Xxx" in running text is not a placeholder
        if _MENTION_BEFORE.search(before) or _MENTION_AFTER.match(text, end):
            continue
        if word.startswith(("TK", "XX")) and _NAME_AFTER.match(text, end):
            continue  # "TK Maxx", "XX Corp": names
        if word == "XXX" and _NAME_BEFORE.search(before):
            continue
        yield start, end, word, m.group("figure") is not None


@rule("H003", "doubled-word", "warning", "A word is repeated: \"the the\".")
def doubled_word(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The same word twice in a row ("the the", "in in"), ignoring case, including across a
        line break. Common legitimate doubles ("had had", "that that") are allowed, and so are
        names: a capitalised second word ("Walla Walla") or one joined by a hyphen
        ("Boutros Boutros-Ghali"), and a word said three times on purpose ("yada yada yada",
        "Help help help").

    Why it matters:
        Doubled words survive spell checkers and are easy to miss when editing on screen.

        Severity warning: on real published copy 18 of 20 sampled findings were typos an
        editor fixes at once; the two false ones were words tripled on purpose, now skipped.

    Example:
        The the council voted on Tuesday.

    Use instead:
        The council voted on Tuesday.
    """
    prose, joined = prose_blocks(article)
    if not _may_double(joined):  # one scan: a doubled word in a block is one in the joined text
        return
    for b in prose:
        inline = b.inline
        assert inline is not None
        if not _may_double(inline.prose):
            continue
        for m in _DOUBLED.finditer(inline.prose):
            if m.group(1).lower() in _DOUBLE_OK:
                continue
            if not _GAP.fullmatch(inline.raw, m.end(1), m.start(3)):
                continue  # something was blanked between them (a URL, code, a link): not adjacent words
            if m.group(3)[:1].isupper() or inline.prose[m.end(3) : m.end(3) + 1] == "-":
                continue  # "Walla Walla", "Duran Duran", "Boutros Boutros-Ghali": names
            third = _THIRD.match(inline.prose, m.end(3))
            if third and third.group(1).casefold() == m.group(1).casefold():
                continue  # "yada yada yada", "help, help, help": said three times on purpose
            fix = None
            if inline.raw[m.start() : m.end()] == m.group():  # no markup in between: safe to edit
                start, end = m.start(2), m.end(3)
                after = _AFTER_WORD.match(inline.prose, m.end(3))
                if "\n" in m.group(2) and after and after.group(2):
                    start, end = m.start(3), after.end(1)  # across a line break: keep the break
                span = inline.span(start, end)
                fix = Fix(
                    f"Remove the second \"{m.group(3)}\"",
                    (Edit(span.line, span.column, span.end_line, span.end_column, ""),),
                    safe=True,  # a tripled word, the one unsafe case, was skipped above
                )
            yield Hit(
                inline.span(m.start(1), m.end(3)),
                f"Doubled word: \"{m.group(1)} {m.group(3)}\"",
                f"Delete one \"{m.group(3)}\"",
                fix,
            )


@rule("H004", "unsafe-html", "error", "HTML that injects code: event handlers, javascript: URLs, plugins, insecure scripts.")
def unsafe_html(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        HTML in the body that injects code: inline event handlers (`onclick=`, `onerror=`...),
        `javascript:` / `vbscript:` URLs in HTML or in Markdown links (also when hidden with
        entities or control characters), `<object>`, `<embed>`, `<applet>` and frame tags, and
        a `<script>` or `<iframe>` loaded over plain `http:` or from a `javascript:` URL.
        Other `<script>` and `<iframe>` tags (embeds, widget code) are H007. The HTML is read
        with a parser, as browsers read it: markup in comments or inside script code, and
        `onerror=` written inside a quoted value, are not tags; one handler is reported per tag.

    Why it matters:
        Partners' systems strip or reject such markup, and where they do not, it runs code in
        readers' browsers: an injection, or a page that breaks on https.

        Severity error: none of it can be right in an article. Scripts and iframes were split
        off into H007 (info) because on 837 real published articles all 12 were deliberate
        (tweet, Instagram and video embeds, and the site's own fix-up script for them), which
        an editor does not call an error.

    Example:
        <img src="x.jpg" onerror="alert(1)">
        <a href="javascript:void(0)">Read more</a>

    Use instead:
        <img src="x.jpg" alt="Flooded street">
        [Read more](https://example.org/story)
    """
    for inline, problem, offset, embed in _html_pieces(article):
        if embed:
            continue
        if inline is None:
            line, col = offset
            yield Hit(Span(line, col, line, col + 1), problem, "Remove it; embeds go through the CMS")
        else:
            yield Hit(offset, problem, "Remove it; embeds go through the CMS")
    for link in body_markup(article)[1]:  # every link of the body, in order
        if link.href.strip().lower().startswith(_UNSAFE_SCHEMES):
            scheme = link.href.split(":", 1)[0]
            yield Hit(link.span, f"Link uses a {scheme}: URL", "Link to an https:// address instead")


@rule("H007", "raw-embed", "info", "A <script> or <iframe> (an embed or widget code) in the body.")
def raw_embed(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        `<script>` and `<iframe>` tags in the body: third-party widgets and players loaded from
        an https:// (or protocol-relative `//`) address (tweet, Instagram and video embeds),
        and script code written into the article. Those loaded over `http:` or from a
        `javascript:` URL are H004.

    Why it matters:
        House style: embeds go through the CMS, which can swap them for a link in feeds, AMP
        and partners' copies that strip scripts (newsctl's HTML export strips them too). In a
        published article they are deliberate, so this is advice, not an error.

        Severity info: on real published copy every script and iframe was intentional (an
        editor judged the embeds "deliberate, not a slip").

    Example:
        <script async src="https://platform.twitter.com/widgets.js"></script>

    Use instead:
        Embed the post through the CMS, or link to it: [the agency's post](https://example.org/post).
    """
    for inline, problem, offset, embed in _html_pieces(article):
        if not embed:
            continue
        if inline is None:
            line, col = offset
            yield Hit(Span(line, col, line, col + 1), problem, "Embed it through the CMS, or link to it")
        else:
            yield Hit(offset, problem, "Embed it through the CMS, or link to it")


def _html_pieces(article: Article) -> Iterator[tuple[Inline | None, str, Any, bool]]:
    """(inline or None, message, where, is an embed) for each unsafe or embedding piece of HTML.

    `where` is the tag's Span for inline HTML, and a (line, column) for HTML blocks."""
    for b in body_markup(article)[0]:  # the blocks with HTML (no other yields anything here)
        if b.kind == "html":
            for piece in _unsafe_pieces(b.raw):
                message, offset, embed = piece
                line = b.line + b.raw.count("\n", 0, offset)
                col = offset - (b.raw.rfind("\n", 0, offset) + 1) + 1
                yield None, message, (line, col), embed
        for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
            for tag in inline.html:
                for message, _, embed in _unsafe_pieces(tag.raw)[:1]:
                    yield inline, message, tag.span, embed


_MARKUP_KEY = "rules.body_markup"


def body_markup(article: Article) -> tuple[tuple[Block, ...], tuple[Any, ...]]:
    """The blocks that hold HTML or images (an HTML block, or an inline or table cell with a tag
    or an image), and every link of the body, each in order; found once per article (kept in
    `Article.derived`). H004, H007, S008 and S009 each walked every block and its inlines for
    these, which most blocks do not have (issue 12, third day: ~0.01 ms per rule per article)."""
    found = article.derived.get(_MARKUP_KEY)
    if found is None:
        blocks: list[Block] = []
        links: list[Any] = []
        for b in article.blocks:
            marked = b.kind == "html"
            for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
                if inline.links:
                    links += inline.links
                if inline.html or inline.images:
                    marked = True
            if marked:
                blocks.append(b)
        found = article.derived[_MARKUP_KEY] = (tuple(blocks), tuple(links))
    return found  # type: ignore[no-any-return]


_UNSAFE_TAGS = ("script", "iframe", "object", "embed", "frame", "frameset", "applet")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_HANDLER_NAME = lazy(r"on[a-z]+")


def _url(value: str | None) -> str:
    """An attribute value as a browser reads the URL: spaces and control characters dropped."""
    return _URL_NOISE.sub("", value or "").lower()


def _script_url(tag: StartTag) -> Attribute | None:
    """The first URL attribute of a tag that runs script (javascript: or vbscript:), decoded."""
    return next((a for a in tag.attributes if a.name in _URL_ATTRIBUTES and _url(a.value).startswith(_SCRIPT_SCHEMES)), None)


def _unsafe_pieces(html: str) -> list[tuple[str, int, bool]]:
    """(message, offset, is an embed) of what is unsafe in a piece of raw HTML: each unsafe tag
    once, the first event handler of each tag, the first javascript: URL (found in attribute
    values decoded as browsers decode them: entities, spaces and control characters)."""
    from newsctl.htmlscan import start_tags  # html.parser only when an article has HTML

    found: list[tuple[str, int, bool]] = []
    seen_js = False  # only the first javascript: URL of the piece is reported
    for tag in start_tags(html):
        js = _script_url(tag)
        reported_before = -1  # offset within the tag up to which a finding already covers it
        if tag.name in _UNSAFE_TAGS:
            src = _url(tag.get("src").value if tag.get("src") else None)
            if tag.name in ("script", "iframe") and js is None and not src.startswith("http:"):
                kind = "embed" if src.startswith(("https://", "//")) else "tag"
                found.append((f"Raw <{tag.name}> {kind} in the body", tag.offset, True))
            else:
                found.append((f"Raw <{tag.name}> tag in the body", tag.offset, False))
                reported_before = len(html)
        handler = next((a for a in tag.attributes if a.value is not None and _HANDLER_NAME.fullmatch(a.name)), None)
        if handler is not None:
            found.append((f"Inline event handler '{handler.name}' in HTML", handler.offset, False))
            reported_before = max(reported_before, handler.offset)
        if js is not None and not seen_js:
            seen_js = True
            if (js.raw_value or "").lstrip().lower().startswith(_SCRIPT_SCHEMES):  # written plainly
                if js.offset > reported_before:  # not twice for one tag
                    found.append(("javascript: URL in HTML", js.offset, False))
            else:
                found.append(("javascript: URL in HTML (hidden with entities or control characters)", js.offset, False))
    return sorted(found, key=lambda piece: piece[1])


@rule("H005", "control-character", "warning", "An invisible control character is in the text.")
def control_character(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Control characters (U+0001-U+001F other than tab and line breaks, U+007F-U+009F) anywhere
        in the file: vertical tabs, form feeds, escape codes and the like.

    Why it matters:
        They are invisible in an editor but arrive with text pasted from word processors and
        PDFs. HTML and XML forbid them, so a partner's validator or feed reader may reject the
        export; newsctl's exporters strip them, but the source should be clean too.

        Severity warning: invisible and harmless to read, but exports and partners may reject it.

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
        categories or names match no rule; and more than 1,000 suppression comments in one
        article (the rest are ignored).

    Why it matters:
        A misspelt code suppresses nothing, so the finding the writer meant to silence stays,
        or a later `enable` fails to turn a rule back on. It usually means a typo (`H02` for
        `H002`) or a code from another tool.

        Severity warning: the comment does nothing, so a finding the writer meant to silence stays.

    Example:
        <!-- newsctl: disable-next-line S03 -->

    Use instead:
        <!-- newsctl: disable-next-line S003 -->
    """
    from newsctl import registry
    from newsctl.suppress import ACTIONS, MAX_DIRECTIVES, directives

    found = directives(article)
    if len(found) > MAX_DIRECTIVES:
        extra = found[MAX_DIRECTIVES]
        yield Hit(
            Span(extra.line, extra.column, extra.line, extra.column + 1),
            f"{len(found):,} suppression comments; only the first {MAX_DIRECTIVES:,} apply, this one and the rest are ignored",
            "Fix the findings, or ignore the rule for the file with per-file-ignores in the settings",
        )
    for d in found[:MAX_DIRECTIVES]:
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
