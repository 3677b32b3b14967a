"""Readability rules (R): grade level, long sentences and paragraphs, monotonous openings.

Every number comes from newsctl.readability (textstat 0.7.8's counting and formulas over
the Article's prose; direct quotations left out unless `exclude-quotes = false`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from newsctl.article import Article, Span
from newsctl.findings import Hit
from newsctl.readability import Measurement, measure
from newsctl.registry import OPTIONS, option, rule
from newsctl.rules.interview import is_answer
from newsctl.text import WORD_RE

if TYPE_CHECKING:
    from newsctl.settings import Settings

EXCLUDE_QUOTES = option(
    "exclude-quotes", True, "Leave direct quotations and block quotes out of readability statistics (R rules, readability report)."
)
MAX_GRADE = option("max-grade", 13.0, "Highest Flesch-Kincaid grade for a whole article (R001).", minimum=0)
MAX_SECTION_GRADE = option("max-section-grade", 14.0, "Highest Flesch-Kincaid grade for one section (R002).", minimum=0)
MAX_SENTENCE = option("max-sentence-words", 35, "Most words in one sentence (R003).", minimum=1)
MAX_PARAGRAPH = option("max-paragraph-words", 175, "Most words in one paragraph (R004).", minimum=1)
LONG_SENTENCE = option("long-sentence-words", 20, "A sentence with more words than this is long for R005.", minimum=1)
MAX_LONG_SHARE = option("max-long-sentence-percent", 25.0, "Most sentences, in percent, that may be long (R005).", minimum=0)
SAME_START = option("same-start-sentences", 3, "This many consecutive sentences opening with the same word are flagged (R006).", minimum=2)

# Read by the readability report, not by a rule: textstat's other indices to add to it
# (newsctl.readability_indices; validated by the report, which names the choices).
READABILITY_INDEX = option(
    "readability-index",
    (),
    "textstat indices added to `newsctl readability` (smog, coleman-liau, ari, dale-chall, gunning-fog, linsear-write, text-standard, all).",
)
OPTIONS.setdefault(READABILITY_INDEX.name, READABILITY_INDEX)


_QUOTED = "; quotations not counted"


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    head = " ".join(words[:count])
    return head + ("…" if len(words) > count else "")


def _article_span(article: Article, m: Measurement) -> Span:
    """Where article-wide findings point: the start of the first measured paragraph."""
    cols = m.columns
    if cols.counted:
        block = article.blocks[cols.sentences[cols.counted[0]].block]
        line = block.inline.position(0)[0] if block.inline else block.line
        return Span(line, 1, line, 1)
    line = min(article.body_line, article.source.line_count)
    return Span(line, 1, line, 1)


@rule("R001", "hard-article", "warning", "The article reads above the grade limit.", options=[MAX_GRADE, EXCLUDE_QUOTES])
def hard_article(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The Flesch-Kincaid grade of the article's prose (paragraphs and list items; not
        headings, code, tables or quotations) above `max-grade` (default 13).

    Why it matters:
        News is written for everyone; copy that needs a university education to read loses
        readers. Grade 12 is the end of secondary school.

        Threshold 13, severity warning: the grade is an estimate good to about one grade, and
        on real published copy articles within a grade of 12 were ones no editor would rewrite,
        while those above 13 were dense (long sentences, long words throughout).

    Example:
        In an era defined by rapid technological advancement and increasing digital
        interconnectedness, cybersecurity has emerged as a pivotal element of international relations.

    Use instead:
        Technology now ties every country together. That makes online safety a job for diplomats.

    Options:
        max-grade: the highest grade allowed for the article (default 13).
        exclude-quotes: leave direct quotations out of the statistics (default true).
    """
    m = measure(article, settings)
    limit = settings.option("max-grade")
    grade = m.article.flesch_kincaid_grade
    if m.article.words and grade > limit:
        yield Hit(
            _article_span(article, m),
            f"Article reads at grade {grade:.1f} (Flesch-Kincaid; limit {limit:g}; reading ease {m.article.flesch_reading_ease:.1f})",
            "Shorten sentences and prefer short, common words; `newsctl readability` shows the hardest sections",
        )


@rule("R002", "hard-section", "info", "A section reads above the section grade limit.", options=[MAX_SECTION_GRADE, EXCLUDE_QUOTES])
def hard_section(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The Flesch-Kincaid grade of each `##` section (its `###` subsections included) above
        `max-section-grade` (default 14). Reported at the section's heading.

    Why it matters:
        A readable article can still hide one dense section where readers give up.

        Severity info: a hard section inside a readable article is advice on where to edit.

    Example:
        ## Background

        The municipality's infrastructure modernisation programme necessitates comprehensive
        intergovernmental coordination, substantial capital expenditure and sophisticated
        procurement methodologies, notwithstanding considerable administrative uncertainty regarding
        implementation responsibilities and the corresponding accountability mechanisms.

    Use instead:
        ## Background

        The city must update its roads, pipes and buses. That needs money, good buying and close
        work with the region. It is not yet clear who will run the work or answer for it.

    Options:
        max-section-grade: the highest grade allowed for one section (default 14).
        exclude-quotes: leave direct quotations out of the statistics (default true).
    """
    m = measure(article, settings)
    limit = settings.option("max-section-grade")
    for sec in m.sections:
        heading = article.sections[sec.section].heading
        if heading is None or not sec.stats.words:
            continue
        grade = sec.stats.flesch_kincaid_grade
        if grade > limit:
            block = article.blocks[heading]
            first = block.inline.position(0) if block.inline else (block.line, 1)
            end = first[1] + len(block.inline.raw.split("\n")[0]) if block.inline else 1
            yield Hit(
                Span(block.line, 1, block.line, end),
                f"Section \"{sec.title}\" reads at grade {grade:.1f} (Flesch-Kincaid; limit {limit:g})",
                "Split long sentences and replace long words in this section",
            )


@rule("R003", "long-sentence", "info", "A sentence has too many words.", options=[MAX_SENTENCE, EXCLUDE_QUOTES])
def long_sentence(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Sentences with more than `max-sentence-words` words (default 35). Quoted words do not
        count, and a sentence that is entirely a quotation is not checked.

    Why it matters:
        Readers lose the thread of a long sentence; on a phone it fills the screen.

        Severity info: on real published copy it fired about twice per article, and an editor
        called half of the sampled ones fine (a 36-word sentence that reads well, an
        interviewee's answer); it is advice to weigh, not a defect. Raise it to a warning with
        `[tool.newsctl.severity] R003 = "warning"` where house style is strict.

    Example:
        In 2023, the global landscape has seen escalating cyber conflicts, with high-profile
        ransomware attacks on hospitals, schools and city halls and ongoing cyber warfare between
        nations leading governments on every continent to a renewed focus on cybersecurity
        diplomacy.

    Use instead:
        Cyber conflicts escalated in 2023. Ransomware attacks and cyber warfare put
        cybersecurity diplomacy back on the agenda.

    Options:
        max-sentence-words: the most words allowed in one sentence (default 35).
        exclude-quotes: leave direct quotations out of the count (default true).
    """
    limit = settings.option("max-sentence-words")
    cols = measure(article, settings).columns  # the sentences' numbers, read without a SentenceStats each
    words = cols.words
    for i in [i for i in cols.counted if words[i] > limit]:
        sentence = cols.sentences[i]
        yield Hit(
            sentence.span,
            f"Sentence has {words[i]} words (limit {limit}{_QUOTED if cols.quoted[i] else ''}): "
            f"\"{_first_words(sentence.text)}\"",
            "Split it into two or three sentences",
        )


@rule("R004", "long-paragraph", "warning", "A paragraph has too many words.", options=[MAX_PARAGRAPH, EXCLUDE_QUOTES])
def long_paragraph(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Paragraphs (and list items) with more than `max-paragraph-words` words (default 175),
        quotations excluded. An interviewee's answer in a Q&A (a paragraph opening with a
        speaker label such as "**A:**" or "**Ana:**", after an emphasised question, or under a
        heading that asks "you") is their words and is not checked.

    Why it matters:
        News paragraphs are short: a wall of text on a phone screen is skipped, not read.

        Threshold 175, severity warning: on real published copy paragraphs a few words over
        150 (often an interviewee's answer) were left alone by an editor, while those over 175
        were walls of text an editor would split.

    Example:
        The council met on Tuesday to vote on the budget.   # with max-paragraph-words = 40
        The opposition asked for more money for roads and less for the new tram line. The mayor said
        the tram would open in 2027. The vote is on Thursday, and the budget takes effect in April.

    Use instead:
        The council met on Tuesday to vote on the budget.   # with max-paragraph-words = 40

        The opposition asked for more money for roads and less for the new tram line. The mayor said
        the tram would open in 2027.

    Options:
        max-paragraph-words: the most words allowed in one paragraph (default 175).
        exclude-quotes: leave direct quotations out of the count (default true).
    """
    limit = settings.option("max-paragraph-words")
    # each paragraph's (words, sentences, syllables, quoted words), in order; a paragraph without
    # a sentence has no words (read from the columns: no Paragraph objects made for lint)
    for index, (words, _, _, quoted) in measure(article, settings).columns.block_totals.items():
        if words > limit and not is_answer(article, article.blocks[index]):
            block = article.blocks[index]
            assert block.inline is not None
            yield Hit(
                block.inline.span(0, len(block.inline.raw.split("\n")[0])),
                f"Paragraph has {words} words (limit {limit}{_QUOTED if quoted else ''})",
                "Split it where the subject changes",
            )


@rule(
    "R005",
    "many-long-sentences",
    "info",
    "Too many of the article's sentences are long.",
    options=[LONG_SENTENCE, MAX_LONG_SHARE, EXCLUDE_QUOTES],
)
def many_long_sentences(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        More than `max-long-sentence-percent` (default 25) of the article's sentences having
        more than `long-sentence-words` words (default 20): Yoast's sentence-length check.

    Why it matters:
        Several long sentences in a row tire readers even when none of them is extreme; mixing
        in short ones keeps the pace.

        Severity info: a share of long sentences is style, and fires on half of real articles.

    Example:
        The city council approved a 2.1 billion euro budget on Tuesday night after a six-hour debate
        that ran long past the time the chair had set for it. The opposition asked for more money
        for roads and less for the tram line that the mayor has promised to open before the next
        election. The vote was 31 to 14. The budget takes effect in April.

    Use instead:
        The city council approved a 2.1 billion euro budget on Tuesday night. The debate ran six
        hours. The opposition asked for more money for roads and less for the tram line. The mayor
        has promised to open it before the next election. The vote was 31 to 14. The budget takes
        effect in April.

    Options:
        long-sentence-words: a sentence with more words than this is long (default 20).
        max-long-sentence-percent: the highest share of long sentences, in percent (default 25).
        exclude-quotes: leave direct quotations out of the count (default true).
    """
    m = measure(article, settings)
    counted = m.columns.counted
    if not counted:
        return
    long_words = settings.option("long-sentence-words")
    limit = settings.option("max-long-sentence-percent")
    words = m.columns.words
    long = len([i for i in counted if words[i] > long_words])
    share = 100 * long / len(counted)
    if share > limit:
        yield Hit(
            _article_span(article, m),
            f"{long} of {len(counted)} sentences ({share:.0f}%) have more than {long_words} words (limit {limit:g}%)",
            "Split some long sentences so that most stay under the limit",
        )


@rule(
    "R006",
    "repeated-sentence-start",
    "info",
    "Consecutive sentences open with the same word.",
    options=[SAME_START, EXCLUDE_QUOTES],
)
def repeated_sentence_start(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        `same-start-sentences` (default 3) or more consecutive sentences of one paragraph that
        open with the same word (ignoring case). Reported at the first of them.

    Why it matters:
        "The ... The ... The ..." inside one paragraph reads like a list and sends readers
        skimming. Across paragraphs it is how news is written (each paragraph opens on its
        subject), so runs stop at a paragraph's end: 0.1 counted across a section, and most
        of its findings on real copy were paragraphs that each opened with "The".

        Severity info: style advice.

    Example:
        The council met. The mayor spoke. The vote was close.

    Use instead:
        The council met on Tuesday. After the mayor spoke, members voted; it was close.

    Options:
        same-start-sentences: how many consecutive sentences with the same opening word are flagged (default 3).
        exclude-quotes: skip sentences that are entirely quotations (default true).
    """
    limit = settings.option("same-start-sentences")
    cols = measure(article, settings).columns  # the sentences' numbers, read without a SentenceStats each
    # runs stop at a paragraph's end, so only a paragraph of `limit` counted sentences or more
    # can hold one: the first words of the others are never looked up
    first_word = cols.first_words.__getitem__
    for counted in cols.by_block.values():
        if len(counted) < limit:
            continue
        words = list(map(first_word, counted))  # (in C: issue 12, third day)
        if len(set(words)) > len(words) - limit + 1:
            continue  # no word opens `limit` sentences: no run
        run: list[int] = []  # positions in `counted` of the sentences in the run
        for k, word in enumerate([*words, ""]):  # "": the end of the paragraph
            if run and word != words[run[0]]:
                if len(run) >= limit:
                    first, opening = cols.sentences[counted[run[0]]], words[run[0]]
                    shown = next((w.group() for w in WORD_RE.finditer(first.text) if w.group().casefold() == opening), opening)
                    yield Hit(
                        first.span,
                        f"{len(run)} consecutive sentences start with \"{shown}\"",
                        "Vary how these sentences open, or merge some of them",
                    )
                run = []
            if word:
                run.append(k)
