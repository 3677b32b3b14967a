"""Dates (issue 12, second day): the faster date finding gives exactly what the former one gave.

The former definitions are written out here as they were before the change: every text scanned
with find_dates (no `scan_texts` prefilter), each month form found by `finditer` over the whole
text, the cue words before a date read from the whole sentence, whitespace collapsed with a regex,
the mentions placed with `dataclasses.replace`, and the Article's `_dates` that called find_dates
once per text. Both are run on generated texts and articles: dates in every format newsctl.dates
reads, ranges, weekdays, relative words in every case and with every kind of space, years with
and without their context word, ISO dates glued to identifiers, impossible dates, the characters
that IGNORECASE folds onto ASCII, non-ASCII digits and spaces, quotations, template syntax that
is masked, tables, headings, title and summary. Mentions are compared by repr (every field).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date

import pytest

from newsctl import dates
from newsctl.parse import _field_locator, parse_text
from tests.bench.corpus import article
from tests.conftest import ARTICLES

BITS = [
    # full, with weekday, abbreviations, ordinals, ranges
    "March 6, 2023", "Mar. 6, 2023", "Sept. 6 2023", "Monday, March 6, 2023", "Mon., March 6, 2023",
    "Wed, March 8, 2023", "March 6th, 2023", "March 6-8, 2023", "March 6 – 8, 2023", "April 30-31", "March 8-6",
    "Feb. 29, 1900", "February 29, 2024", "February 30, 2024", "April 31", "June 31", "February 29",
    # day month year
    "6 March 2023", "6 March", "6th of March", "Wednesday, 30th-31st of March", "Thurs., 1st – 2nd of Sept. 2023",
    "Monday 6 March 2023", "31 June", "\u0663\u0660 March", "5 Marching", "Marching 5", "12 Mayor",
    # ISO
    "2023-03-06", "2023-03-06T09:00", "Fri 2023-03-06", "2026-02-30-ABC", "2026-02-30x", "2023-13-40", "0000-01-01",
    # month day, month year
    "March 6", "on Monday, March 6", "Fri., Feb. 28", "Fri Feb 28", "the Sun, March 6", "Jan.6", "Sept.6",
    "March 2023", "March, 2023", "March of 2023", "in September 2023", "Sept. 2023", "March 20233", "May 5%",
    "Dec. 5.5", "Oct 10:30", "Nov 3,000",
    # weekdays and relative words
    "on Tuesday", "Tuesday's vote", "Wednesday", "Monday-Friday", "today", "TODAY", "Today's vote", "today's hearing",
    "in today's world", "even today", "later today", "today at 5 p.m.", "yesterday", "tomorrow", "tonight",
    "last night", "last  night", "last\nnight", "this morning", "this\u00a0afternoon", "this evening", "last Tuesday",
    "next Monday", "this Friday", "this monday", "this week", "last week", "next week", "this weekend",
    "last weekend", "next  weekend", "next\tweek", "LAST WEEK", "the next Wednesday", "that week", "the needs of tomorrow",
    "USA Today", "USA TODAY reported", "the Tonight Show", "day", "days", "holiday",
    # years
    "in 2023", "since 1990", "by 2030", "mid-2030", "mid 2030", "throughout  2024", "until\n2025", "the 2023 budget",
    "1990s", "2023-24", "$2023", "2023.5", "1,999", "No. 1999", "1500", "2199", "\u0661\u0669\u0669\u0660",
    # case folding, quotes, cues, noise
    "La\u017ft week", "T\u0131\u0130s Friday", "\u212aelvin", "this wee\u212a", "ye\u017fterday", "\u201ctoday\u201d",
    "\u201cyesterday,\u201d she said", "was signed", "will be signed", "expected", "Editor's note:", "said",
    "Market", "Decided", "Mayor", "Man", "Dan", "at", "st", "th", "of", "the", ",", ".", "-", "\u2013", ";", ":",
]
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\t", ", ", ". ", "\u00a0", "\u2009", "\x1c", "-", " of "]
REFERENCE = date(2024, 3, 6)


def generated_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rng.choice(BITS) for _ in range(rng.randint(1, 12))]
        out.append("".join(p + rng.choice(SEPARATORS) for p in parts).strip(" "))
    return out


def corpus_paragraphs() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    texts += [article(i)[1] for i in range(40)]
    return [para for t in texts for para in t.split("\n\n")]


# --- the former definitions ---------------------------------------------------------------------


def old_near_months(pattern, text, months, reach):  # type: ignore[no-untyped-def]
    return pattern.finditer(text)


def old_last_words(text: str, start: int, end: int, count: int) -> list[str]:
    return list(dates._words(text, start, end, start))[-count:]


def old_clean(text: str) -> str:
    return re.sub(r"\s+,", ",", " ".join(text.split()))


def old_reach_back(text: str, at: int, reach: int) -> int:
    p = at
    while p > 0:
        if text[p - 1].isspace():
            p -= 1
        elif reach:
            reach -= 1
            p -= 1
        else:
            break
    return p


def use_old_definitions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_near_months", old_near_months)
    monkeypatch.setattr(dates, "_last_words", old_last_words)
    monkeypatch.setattr(dates, "_clean", old_clean)


def old_find_dates(text, reference, *, locate=None, block=-1, where="prose", bare_years=False, sentences=None):  # type: ignore[no-untyped-def]
    """find_dates as it was: every pattern over the whole text, the place set by replace()."""
    found = dates.find_scanned(
        text, reference, (True,) * 7, locate=locate, bare_years=bare_years, sentences=sentences
    )
    if block == -1 and where == "prose":
        return found
    return [replace(d, block=block, where=where) for d in found]


def old_article_dates(art):  # type: ignore[no-untyped-def]
    """parse._dates as it was: find_dates on the title, the summary, and each heading, paragraph and cell."""
    reference = art.meta.publication_date
    by_block: dict[int, list[tuple[int, int]]] = {}
    for sent in art.sentences:
        by_block.setdefault(sent.block, []).append((sent.start, sent.end))
    found = []
    fm = art.front_matter
    for key, text in (("title", art.meta.title), ("summary", art.meta.summary)):
        f = fm.fields.get(key) if fm.ok else None
        if text and f is not None:
            locate = _field_locator(text, f.value_span, art.source)
            found.extend(old_find_dates(text, reference, locate=locate, where=key, bare_years=True))
    for block in art.blocks:
        if block.kind == "table":
            for cell in block.cells:
                found.extend(old_find_dates(cell.prose, reference, locate=cell.span, block=block.index, where="table"))
            continue
        if block.inline is None or block.kind not in ("paragraph", "heading"):
            continue
        where = "heading" if block.kind == "heading" else "prose"
        bounds = by_block.get(block.index) if block.kind == "paragraph" else None
        found.extend(
            old_find_dates(block.inline.prose, reference, locate=block.inline.span, block=block.index, where=where, sentences=bounds)
        )
    return tuple(found)


# --- one text at a time -------------------------------------------------------------------------


@pytest.mark.parametrize("bare_years", [False, True])
def test_find_dates_as_before(monkeypatch: pytest.MonkeyPatch, bare_years: bool):
    texts = generated_texts(4000, seed=7 + bare_years) + corpus_paragraphs()
    new = [repr(dates.find_dates(t, REFERENCE, bare_years=bare_years, block=2, where="table")) for t in texts]
    use_old_definitions(monkeypatch)
    old = [repr(old_find_dates(t, REFERENCE, bare_years=bare_years, block=2, where="table")) for t in texts]
    assert sum(1 for o in old if o != "[]") > 3000
    for text, n, o in zip(texts, new, old):
        assert n == o, text


# --- many texts at once: scan_texts -------------------------------------------------------------


def test_scan_texts_misses_no_date(monkeypatch: pytest.MonkeyPatch):
    """Every text scan_texts leaves out has no date, and the patterns and months it gives for the
    others find all of them: the whole result equals find_dates run on every text."""
    rng = random.Random(21)
    pool = generated_texts(3000, seed=5) + corpus_paragraphs()
    groups = []
    while pool:
        size = rng.randint(1, 40)
        groups.append((pool[:size], rng.randint(0, min(2, size))))
        pool = pool[size:]
    new = []
    for texts, bare in groups:
        result = [[] for _ in texts]
        for i, scans, months in dates.scan_texts(texts, bare):
            result[i] = dates.find_scanned(texts[i], REFERENCE, scans, bare_years=i < bare, months=months)
        new.append([repr(r) for r in result])
    use_old_definitions(monkeypatch)
    old = [[repr(old_find_dates(t, REFERENCE, bare_years=i < bare)) for i, t in enumerate(texts)] for texts, bare in groups]
    assert sum(1 for g in old for r in g if r != "[]") > 2500
    for (texts, _), n, o in zip(groups, new, old):
        for text, a, b in zip(texts, n, o):
            assert a == b, text


def test_scan_texts_reads_separate_texts_as_separate():
    """A date split over two texts is in neither; NUL inside a text is read as in find_dates."""
    assert dates.scan_texts(["in", "2023", "March", "6"]) == []
    assert dates.scan_texts(["last", "week", "Jan", "6", "2023-03", "-06"]) == []
    assert [i for i, _, _ in dates.scan_texts(["x", "in 2023", "y", "March 6\x00", "\x00today"])] == [1, 3, 4]
    assert dates.scan_texts([]) == []


def test_reach_back_as_the_walk():
    rng = random.Random(3)
    chars = ["a", "1", " ", "  ", "\n", "\u00a0", ",", ".", "\x1c", "é"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 120)))
        at = rng.randint(0, len(text))
        for reach in (dates._MDY_REACH, dates._DMY_REACH):
            assert dates._reach_back(text, at, reach) == old_reach_back(text, at, reach), (text, at, reach)


def test_last_words_and_clean_as_before():
    texts = generated_texts(1500, seed=11) + corpus_paragraphs()
    rng = random.Random(4)
    for text in texts:
        end = rng.randint(0, len(text))
        start = rng.randint(0, end)
        for count in (1, 4):
            assert dates._last_words(text, start, end, count) == old_last_words(text, start, end, count)
        assert dates._clean(text) == old_clean(text)


# --- whole articles -----------------------------------------------------------------------------


def generated_articles(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        body = []
        for _ in range(rng.randint(1, 14)):
            words = generated_texts(1, rng.randint(0, 10**6))[0]
            kind = rng.random()
            if kind < 0.1:
                body.append("## " + words.replace("\n", " "))
            elif kind < 0.2:
                cells = [generated_texts(1, rng.randint(0, 10**6))[0].replace("\n", " ").replace("|", "/") for _ in range(3)]
                body.append("| when | what | where |\n| --- | --- | --- |\n| " + " | ".join(cells) + " |")
            elif kind < 0.3:
                body.append('We met {{ page.date }} and [the notes]({{ "/notes/" | url }}) ' + words)
            elif kind < 0.4:
                body.append("{{< figure src=\"a.png\" >}} " + words + " {{% note %}}today{{% /note %}}")
            elif kind < 0.5:
                body.append("> \u201c" + words + ",\u201d she said " + rng.choice(BITS) + ".")
            elif kind < 0.6:
                body.append("- " + words.replace("\n", " ") + "\n- " + rng.choice(BITS))
            else:
                body.append(words)
        title = rng.choice(["Council approves 2023 budget", "Vote on March 6", "2023 in review", "News today"])
        summary = rng.choice(["", "What happened last week", "The 2023 plan, signed on March 6, 2024", "Since 1990"])
        when = rng.choice(["2024-03-06T09:00:00+01:00", "2024-01-02", "2023-12-31"])
        head = f"---\ntitle: {title}\ndate: {when}\n" + (f"summary: {summary}\n" if summary else "") + "---\n\n"
        out.append(head + "\n\n".join(body) + "\n")
    return out


def test_article_dates_as_before(monkeypatch: pytest.MonkeyPatch):
    texts = generated_articles(250, seed=9) + [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    texts += [article(i)[1] for i in range(60)]
    articles = [parse_text(t, f"a{i}.md") for i, t in enumerate(texts)]
    new = [repr(a.dates) for a in articles]
    use_old_definitions(monkeypatch)
    old = [repr(old_article_dates(a)) for a in articles]
    assert sum(1 for o in old if o != "()") > 200
    for text, n, o in zip(texts, new, old):
        assert n == o, text
