"""Structure rules (S): headings, sections, the lead, links and images."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from newsctl.article import Article, Block, Span
from newsctl.findings import Hit, Related
from newsctl.registry import option, rule
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)
from newsctl.rules.hygiene import body_markup
from newsctl.rules.interview import is_question_to_interviewee

if TYPE_CHECKING:
    from newsctl.settings import Settings

MAX_TITLE = option("max-title-length", 75, "Longest title, in characters (S007).", minimum=1)
MAX_SECTION = option("max-section-words", 400, "Most words in a section before a subheading is due (S006).", minimum=1)
MAX_LEAD = option("max-lead-words", 45, "Most words in the lead paragraph (S010).", minimum=1)
_KIND_NAMES = {"code": "a code block", "html": "raw HTML", "hr": "a horizontal rule", "table": "a table", "paragraph": "a paragraph"}


def _heading_span(block: Block) -> Span:
    assert block.inline is not None
    first = block.inline.position(0)
    return Span(block.line, 1, block.line, first[1] + len(block.inline.raw.split("\n")[0]))


def _words(block: Block) -> int:
    return block.inline.word_count if block.inline else 0  # count_words(prose), counted once per block


@rule("S001", "h1-in-body", "warning", "The body has a level-1 heading; the title belongs in front matter.")
def h1_in_body(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Level-1 headings (`# Heading` or a `===` underline) in the body.

    Why it matters:
        The exporter renders the front-matter `title` as the page's only `<h1>`; a second one
        duplicates the headline and breaks the outline.

        Severity warning: all 15 findings on real copy were true (a section heading at H1 beside
        the page title); the fix is one character.

    Example:
        # Council approves budget

    Use instead:
        Put the headline in `title:` and start sections at `##`.
    """
    for b in article.headings():
        if b.level == 1:
            yield Hit(
                _heading_span(b),
                f"Level-1 heading in the body: \"{b.inline.plain}\"" if b.inline and b.inline.plain else "Empty level-1 heading in the body",
                "Move the headline into the front-matter 'title' and use '##' for sections",
            )


@rule("S002", "skipped-heading-level", "warning", "A heading skips a level (## followed by ####).")
def skipped_heading_level(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Headings more than one level deeper than the heading before them; the first heading
        should be `##` (the title is the level-1 heading).

    Why it matters:
        Screen readers and outlines use heading levels to navigate; a skipped level suggests a
        missing section or a heading used for its font size.

        Severity warning: every sampled finding on real copy was a true skip (the Nu HTML checker
        reports the same on the exported page).

    Example:
        ## Reaction
        #### From the opposition

    Use instead:
        ## Reaction
        ### From the opposition
    """
    previous = 1
    for b in article.headings():
        if b.in_list or b.in_quote:
            continue
        if b.level > previous + 1:
            after = "# (the title)" if previous == 1 and not any(h.level == 1 and h.index < b.index for h in article.headings()) else "#" * previous
            yield Hit(
                _heading_span(b),
                f"Heading level jumps from {after} to {'#' * b.level}",
                f"Use {'#' * (previous + 1)} here, or add the missing level above it",
            )
        previous = b.level


@rule("S003", "empty-section", "warning", "A heading has no content before the next heading of its level.")
def empty_section(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Headings followed by nothing but other headings until the next heading of the same or
        a higher level, or the end of the file.

    Why it matters:
        An empty section is an unfinished draft or text pasted from elsewhere (a list of
        headline ideas, say); readers see a heading with nothing under it.

        Severity warning: an empty section is what a pasted list of headline ideas looks like; on
        real copy it fired once (author credits typed as a heading).

    Example:
        ## Reaction

        ## What happens next

    Use instead:
        Write the section, or delete the heading.
    """
    for sec in article.sections[1:]:
        if not _has_content(article, sec.index):
            heading = article.blocks[sec.heading]  # type: ignore[index]
            yield Hit(
                _heading_span(heading),
                f"Section \"{sec.title}\" is empty",
                "Write the section or delete the heading",
            )


_COMMENT_ONLY = lazy(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)


def _has_content(article: Article, index: int) -> bool:
    """Anything but headings and bare HTML comments (e.g. suppression comments) is content."""
    sec = article.sections[index]
    for i in sec.blocks:
        b = article.blocks[i]
        if not (b.kind == "html" and _COMMENT_ONLY.match(b.raw)):
            return True
    return any(_has_content(article, c) for c in sec.children)


@rule("S004", "duplicate-heading", "warning", "Two headings under the same parent have the same text.")
def duplicate_heading(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Headings whose text (ignoring case and spacing) repeats an earlier heading's under the
        same parent section: two `## Reaction` sections, or two `### Background` inside one
        `## Reaction`. The same subheading under different parents ("Who they are" under each
        persona, "Impact" under each project) is parallel structure and is not reported.

    Why it matters:
        Two sibling sections with one name make the outline and table of contents ambiguous
        and usually mean a section was pasted twice.

        Severity warning: on real published copy 96 of 97 0.1 findings were parallel
        subheadings under different parents; sibling repeats are the pasted-twice case an
        editor fixes.

    Example:
        ## Reaction
        ...
        ## Reaction

    Use instead:
        Merge the sections or give each a distinct heading.
    """
    parent_of = {sec.heading: sec.parent for sec in article.sections if sec.heading is not None}
    seen: dict[tuple[int | None, str], Block] = {}
    for b in article.headings():
        key = " ".join((b.inline.plain if b.inline else "").casefold().split())
        if not key:
            continue
        where = (parent_of.get(b.index), key)
        if where in seen:
            first = seen[where]
            yield Hit(
                _heading_span(b),
                f"Heading \"{b.inline.plain if b.inline else ''}\" repeats the heading on line {first.line}",
                "Merge the two sections, rename one, or make it a subheading of the section above",
                related=(Related(_heading_span(first), "The first heading with this text"),),
            )
        else:
            seen[where] = b


def _lead(article: Article) -> Block | None:
    """The first paragraph before the first heading of level 2 or deeper."""
    for b in article.blocks:
        if b.kind == "heading" and b.level >= 2:
            return None
        if b.is_prose and not b.in_list and not b.in_quote:
            return b
    return None


@rule("S005", "missing-lead", "info", "No lead paragraph before the first section heading.")
def missing_lead(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That the body opens with a paragraph (the lead) before its first `##` heading.

    Why it matters:
        The lead carries the news: feeds, previews and readers who stop after one paragraph all
        depend on it.

        Severity info: on real published copy (link-out items aside) nearly every article that
        opened with a heading had its lead right under it ("## Background", "## Overview") and
        a `summary` for feeds; an editor left them as they were.

    Example:
        ---
        title: Council approves budget
        ---

        ## Background

    Use instead:
        Open with a paragraph that says what happened, then the first section.
    """
    if _lead(article) is not None:
        return
    first_heading = next((b for b in article.headings() if b.level >= 2), None)
    first_block = next((b for b in article.blocks if b.kind != "heading" or b.level >= 2), None)
    if first_block is not None and first_block.kind != "heading":
        what = _KIND_NAMES.get(first_block.kind, first_block.kind)
        if first_block.in_quote:
            what = "a block quote"
        elif first_block.in_list:
            what = "a list"
        yield Hit(
            Span(first_block.line, 1, first_block.line, 1),
            f"No lead paragraph: the body opens with {what}",
            "Open the article with a paragraph that says what happened",
        )
    elif first_heading is not None:
        yield Hit(_heading_span(first_heading), "No lead paragraph before the first section heading", "Open the article with a lead paragraph")
    elif article.front_matter.ok or not article.problems:
        line = min(article.body_line, article.source.line_count)
        yield Hit(Span(line, 1, line, 1), "The article has no body text", "Write the lead paragraph")


@rule("S006", "long-section", "warning", "A section runs long without a subheading.", options=[MAX_SECTION])
def long_section(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Sections whose own paragraphs (before any subheading) are longer than
        `max-section-words` (default 400). List items do not count: a list already breaks the
        text up; nor do sections headed by a question to "you" (an interviewee's answer).

    Why it matters:
        Long unbroken sections are hard to scan on a phone; a subheading every few hundred
        words helps readers find their place.

        Threshold 400, severity warning: on real published copy sections just over 300 words
        and step-by-step lists were left alone by an editor; sections of paragraphs over 400
        words were ones an editor would break up.

    Example:
        ## Background   # with max-section-words = 40

        The budget has been fought over since June. The opposition asked for more money for roads
        and less for the new tram line, and the mayor refused. Three committees met twelve times.
        The tram would open in 2027, the city says, and cost 400 million euros.

    Use instead:
        ## Background   # with max-section-words = 40

        The budget has been fought over since June. The opposition asked for more money for roads
        and less for the new tram line, and the mayor refused.

        ### The tram

        Three committees met twelve times. The tram would open in 2027, the city says, and cost 400
        million euros.

    Options:
        max-section-words: the most words allowed before a subheading (default 400).
    """
    limit = settings.option("max-section-words")
    for sec in article.sections[1:]:
        heading_block = article.blocks[sec.heading] if sec.heading is not None else None
        if heading_block is not None and heading_block.inline and is_question_to_interviewee(heading_block.inline.plain):
            continue  # an interviewee's answer under the question
        words = sum(_words(article.blocks[i]) for i in sec.blocks if not article.blocks[i].in_list)
        if words > limit:
            heading = article.blocks[sec.heading]  # type: ignore[index]
            yield Hit(
                _heading_span(heading),
                f"Section \"{sec.title}\" has {words} words without a subheading (limit {limit})",
                "Split it with a '###' subheading",
            )


@rule("S007", "long-title", "warning", "The title is longer than search results and feeds show.", options=[MAX_TITLE])
def long_title(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Titles longer than `max-title-length` characters (default 75).

    Why it matters:
        Search engines, social cards and feed readers cut long titles, often mid-word.

        Threshold 75, severity warning: on real published copy an editor let titles a few
        characters over 70 stand, and shortened the longer ones that search results and feeds
        visibly cut.

    Example:
        title: Cybersecurity Diplomacy Is the New Frontier of International Relations for Governments Everywhere

    Use instead:
        title: Cybersecurity is diplomacy's new frontier

    Options:
        max-title-length: the longest title allowed, in characters (default 75).
    """
    limit = settings.option("max-title-length")
    title = article.meta.title
    field = article.front_matter.fields.get("title")
    if title and field and len(title) > limit:
        yield Hit(field.value_span, f"Title has {len(title)} characters (limit {limit})", "Shorten the title")


@rule("S008", "image-missing-alt", "warning", "An image has no alt text.")
def image_missing_alt(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Markdown images with empty alt text (`![](photo.jpg)`) and `<img>` tags without an `alt`
        attribute (read with an HTML parser: `data-alt=` or `alt=` inside another value is no alt).

    Why it matters:
        Alt text is what blind readers hear and what shows when the image fails to load; it is
        also exported as the caption in plain-text syndication.

        Severity warning: every sampled finding on real copy was a chart, diagram or formula with
        no text alternative.

    Example:
        ![](council-vote.jpg)

    Use instead:
        ![Council members raise their hands during the budget vote](council-vote.jpg)
    """
    for b in body_markup(article)[0]:  # the blocks with HTML or images (no other yields anything here)
        for inline in ((b.inline,) + b.cells if b.inline is not None else b.cells):
            for img in inline.images:
                if not img.alt.strip():
                    yield Hit(img.span, f"Image '{img.src}' has no alt text", "Describe the image inside the brackets: ![description](...)")
            for tag in inline.html:
                from newsctl.htmlscan import start_tags  # html.parser only for an article with HTML (~3 ms)

                if any(t.name == "img" and t.get("alt") is None for t in start_tags(tag.raw)[:1]):
                    yield Hit(tag.span, "<img> tag has no alt attribute", "Add alt=\"description\"")
        if b.kind == "html":
            from newsctl.htmlscan import start_tags

            for t in start_tags(b.raw):
                if t.name == "img" and t.get("alt") is None:
                    line = b.line + b.raw.count("\n", 0, t.offset)
                    yield Hit(Span(line, 1, line, 1), "<img> tag has no alt attribute", "Add alt=\"description\"")


@rule("S009", "empty-link-text", "warning", "A link has no text to click.")
def empty_link_text(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Markdown links whose text is empty: `[](https://example.org)`. A link around an image
        (`[![alt](src)](url)`, `[<img alt="...">](url)`) is named by the image's alt text,
        which S008 checks.

    Why it matters:
        An empty link is invisible on the page and announced as a bare URL, or not at all,
        by screen readers.

        Severity warning: an empty link is invisible. On 837 real articles its only findings
        were linked images, which it now leaves to S008.

    Example:
        Read the [](https://example.org/report.pdf).

    Use instead:
        Read the [full report](https://example.org/report.pdf).
    """
    for link in body_markup(article)[1]:  # every link of the body, in order
        if not link.autolink and not link.text.strip() and not _holds_image(article, link.span):
            yield Hit(link.span, f"Link to '{link.href}' has no text", "Put the words readers should click inside the brackets")


def _holds_image(article: Article, span: Span) -> bool:
    """Whether a link's source holds an image (`[![alt](src)](url)`, `[<img alt=...>](url)`):
    the image is what readers click, and its alt text is the link's name (S008 checks it)."""
    source = article.source
    raw = source.text[source.offset(span.line, span.column) : source.offset(span.end_line, span.end_column)]
    return "![" in raw or "<img" in raw.lower()


@rule("S010", "long-lead", "info", "The lead paragraph is long.", options=[MAX_LEAD])
def long_lead(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        A lead paragraph longer than `max-lead-words` (default 45).

    Why it matters:
        The lead is read in previews and push alerts; a long one buries the news.

        Severity info: style; long leads are common in feature and blog copy.

    Example:
        The city council approved a 2.1 billion euro budget on Tuesday night after a six-hour debate
        in which opposition members tried three times to cut spending on roads, failed each time,
        and finally voted with the majority so that the new tram line, the school repairs and the
        flood defences can start next spring.

    Use instead:
        The city council approved a 2.1 billion euro budget on Tuesday night after a six-hour
        debate.

        Opposition members tried three times to cut spending on roads and failed; the tram line,
        school repairs and flood defences can start next spring.

    Options:
        max-lead-words: the most words allowed in the lead (default 45).
    """
    limit = settings.option("max-lead-words")
    lead = _lead(article)
    if lead is not None:
        words = _words(lead)
        if words > limit:
            assert lead.inline is not None
            yield Hit(
                lead.inline.span(0, len(lead.inline.raw.split("\n")[0])),
                f"Lead paragraph has {words} words (limit {limit})",
                "Cut the lead to the news itself and move context to the next paragraph",
            )


@rule("S011", "missing-linked-article", "warning", "A link to another article's file points to no file.")
def missing_linked_article(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Relative links to another article's source file (`[earlier story](other-story.md)`,
        `../2025/budget.md#reaction`) whose file does not exist, relative to the linking
        article. Links to web addresses are not checked.

    Why it matters:
        `newsctl export` turns a link to an article's file into a link to that article's
        exported page (by its slug). A file that is not there, renamed or misspelt, has no
        page: the reader would get a dead link, so export drops the link and warns.

    Example:
        As we [reported on Monday](council-budjet-vote.md), the vote was close.

    Use instead:
        As we [reported on Monday](council-budget-vote.md), the vote was close.
    """
    from newsctl.links import article_links

    if settings.linked_files is None:  # the engine did not look: nothing is known
        return
    for link, path, _ in article_links(article):
        if path not in settings.linked_files:
            yield Hit(
                link.span,
                f"Link to '{link.href}': no such article file",
                "Fix the file name, or link to the page's web address",
            )
