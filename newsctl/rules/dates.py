"""Date rules (D): the article's own clock, checked in front matter and prose.

The front-matter rules compare `date`, `updated` and `embargo` with each other and with
`--now` (settings.now). The prose rules read `article.dates`, the mentions found once by
newsctl.dates at parse time. Rules that need the publication date stay silent without one.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Iterator, Sequence

from newsctl.article import Article, Span
from newsctl.dates import (
    AP_ABBREVIATIONS,
    FAMILY_NAMES,
    MONTHS,
    WEEKDAYS,
    DateMention,
    days_in_month,
    is_past_verb,
    long_date,
    relative_date,
    relative_unit,
    short_date,
)
from newsctl.findings import Edit, Fix, Hit, Related
from newsctl.registry import rule
from newsctl.timeutil import as_utc_if_naive
from newsctl.text import quoted_ranges, split_sentences, word_list
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

if TYPE_CHECKING:
    from newsctl.settings import Settings

_NOT_PUBLISHED = ("draft", "ready")
_RELATIVE_PREFIX = {
    "tonight": "the night of ",
    "last night": "the night of ",
    "this morning": "the morning of ",
    "this afternoon": "the afternoon of ",
    "this evening": "the evening of ",
}


# --- helpers ------------------------------------------------------------------------------------


def _written(article: Article, key: str) -> str:
    """A front-matter value as written in the file."""
    f = article.front_matter.fields.get(key)
    return str(f.value).strip() if f is not None and f.value is not None else ""


def _shown(article: Article, key: str) -> str:
    """`'key' value` with the key as the file writes it (`'publishDate' 2024-03-06`)."""
    f = article.front_matter.fields.get(key)
    written_key = f.key if f is not None else key
    return f"'{written_key}' {_written(article, key)}"


def _date_related(article: Article) -> tuple[Related, ...]:
    """The `date` value a finding is compared with, for editors to show beside it."""
    f = article.front_matter.fields.get("date")
    return (Related(f.value_span, "The publication 'date' it is compared with"),) if f else ()


def _value_span(article: Article, key: str) -> Span:
    f = article.front_matter.fields.get(key)
    assert f is not None
    return f.value_span


# A time in a written front-matter value: "T09", "t09" or " 09" after a digit.


def _bare(article: Article, key: str) -> bool:
    """Is the `date`, `updated` or `embargo` value a date with no time (a whole day)? Decided
    once, when the front matter is read (`fields.parse_datetime`: YYYY-MM-DD, ISO week and
    basic dates, other layouts written without a time)."""
    return bool(getattr(article.meta, f"{key}_is_bare"))


def _aware(value: datetime) -> datetime:
    """Naive times (written without a timezone) are compared as UTC."""
    return as_utc_if_naive(value)


def _later(a: datetime, a_bare: bool, b: datetime, b_bare: bool) -> bool:
    """Is a later than b? A bare date is a whole day: only compare days when either is bare."""
    if a_bare or b_bare:
        return a.date() > b.date()
    return _aware(a) > _aware(b)


def _now_text(settings: Settings) -> str:
    return settings.now.isoformat()


_BASIS = {
    "past": "past tense, so the latest such day up to publication",
    "future": "future tense, so the next such day from publication",
    "nearest": "the nearest to the publication date",
}


def _inferred(m: DateMention) -> str:
    """How the year of a date written without one was read."""
    return f"no year is written; read as {m.year}: {_BASIS.get(m.year_basis or 'nearest')}"


def _year_note(m: DateMention) -> str:
    return f" ({_inferred(m)})" if m.year_inferred else ""


# --- dates that cannot be right -----------------------------------------------------------------


@rule("D001", "impossible-date", "error", "A date in the text does not exist (February 30, April 31).")
def impossible_date(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Every date written in the title, summary, headings, prose and table cells ("February 30, 2024",
        "April 31", "2023-02-29", "Feb. 29, 1900") against the calendar, leap years included
        (2000 was a leap year, 1900 was not). A date written with its year is checked in that
        year. A month and day written without a year is reported only when the day exists in
        no year ("February 30", "April 31", "June 31"): "February 29" without a year is a real
        day in leap years ("born on February 29") and is never reported. Ranges ("April
        30-31", "March 8-6") are checked at both ends. An ISO-looking date glued to more
        letters or digits ("2026-02-30-ABC", a case number) is an identifier, not a date.

    Why it matters:
        An impossible date is always a typo, and readers notice it at once; the right date has
        to be checked against the notes before publication.

        Severity error: a date that does not exist is always a typo; none fired on 837 real articles.

    Example:
        The agreement was signed on February 30, 2024.

    Use instead:
        The agreement was signed on February 29, 2024.
    """
    for m in article.dates:
        if m.valid or m.month is None or m.day is None:
            continue
        month = MONTHS[m.month - 1]
        days = [m.day] if m.end_day is None else [m.day, m.end_day]
        if m.year_inferred or m.year is None:
            # No year written: only a day that exists in no year, or a reversed range.
            longest = days_in_month(None, m.month)
            if any(day > longest for day in days):
                reason = f"{month} has at most {longest} days" if m.month == 2 else f"{month} has {longest} days"
            elif m.end_day is not None and m.end_day <= m.day:
                reason = "the range ends before it starts"
            else:
                continue  # "February 29": a real day in leap years
            note = ""
        else:
            length = days_in_month(m.year, m.month)
            if any(day > length for day in days):
                reason = f"{month} {m.year} has {length} days"
                leap = m.month == 2 and length == 28 and 29 in days
                note = f" ({m.year} is not a leap year)" if leap else ""
            else:
                reason, note = "the range ends before it starts", ""
        yield Hit(
            m.span,
            f"\"{m.text}\" is not a real date: {reason}{note}",
            "Check the day and month against your notes",
        )


@rule("D002", "weekday-mismatch", "error", "A weekday does not match the date it is written with.")
def weekday_mismatch(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Dates written with a weekday ("Monday, March 7, 2023", "on Monday, March 6",
        "Monday, 6 March 2023", "Fri., Feb. 28", "Fri, Feb 28, 2026") whose weekday is not the
        day that date falls on. The weekday may be abbreviated (Mon, Tue, Tues, Wed, Thu, Thur,
        Thurs, Fri, Sat, Sun, capitalised, with or without a period). A date without a year is
        checked in the year read from the publication date. Dates in table cells (a schedule)
        are checked like prose.

    Why it matters:
        When the weekday and the date disagree, one of them is wrong and the reader cannot
        tell which; it is a classic correction.

        Severity error: the one finding on 837 real articles was a true slip (a deadline given as
        "Sunday, March 21" in a year when March 21 was a Monday).

    Example:
        The vote is on Monday, March 7, 2023.

    Use instead:
        The vote is on Tuesday, March 7, 2023.
    """
    for m in article.dates:
        d = m.date
        written = m.weekday_number
        if d is None or written is None or d.weekday() == written:
            continue
        actual = WEEKDAYS[d.weekday()]
        yield Hit(
            m.span,
            f"\"{m.text}\": {short_date(d)}{_year_note(m)} is a {actual}, not a {m.weekday_name}",
            f"Check the date; if it is right, write \"{actual}\"",
        )


# --- front matter -------------------------------------------------------------------------------


@rule("D003", "future-publish-date", "error", "A published article's `date` is after the current time.")
def future_publish_date(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The front-matter `date` of an article whose `status` is `published`, against the
        current time (`--now`, or the clock when it is not given). A bare date
        (`2024-03-06`) is in the future only from the next day on.

    Why it matters:
        A published story cannot have been published in the future: the date is a typo (the
        wrong year, month or day) or the status is wrong, and feeds will sort it first.

        Severity error: the front matter contradicts itself against the clock; it cannot be right.

    Example:
        status: published
        date: 2025-03-06T09:00:00+01:00   # and --now is 2024-03-06

    Use instead:
        status: published
        date: 2024-03-06T09:00:00+01:00
    """
    meta = article.meta
    if meta.date is None or meta.status != "published":
        return
    now = settings.now
    if _later(meta.date, _bare(article, "date"), now, False):
        yield Hit(
            _value_span(article, "date"),
            f"{_shown(article, 'date')} is after the current time ({_now_text(settings)}) "
            "but status is 'published'",
            "Fix the date, or set 'status' to 'ready' until it is published",
        )


@rule("D004", "scheduled-publish-date", "info", "An unpublished article is dated in the future.")
def scheduled_publish_date(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The front-matter `date` of an article whose `status` is `draft` or `ready`, against
        the current time (`--now`). An article without a `status` is not reported.

    Why it matters:
        Dating a story ahead is often deliberate (a scheduled story), but the date must be
        moved if the story slips; this note makes the schedule visible.

        Severity info: scheduling ahead is usually deliberate.

    Example:
        status: ready
        date: 2024-03-08T06:00:00+01:00   # and --now is 2024-03-06

    Use instead:
        Keep the date if the story is scheduled; update it when the schedule changes.
    """
    meta = article.meta
    if meta.date is None or meta.status not in _NOT_PUBLISHED:
        return
    if _later(meta.date, _bare(article, "date"), settings.now, False):
        yield Hit(
            _value_span(article, "date"),
            f"{_shown(article, 'date')} is after the current time ({_now_text(settings)}); "
            f"status is '{meta.status}'",
            "Check that the publication is scheduled for this time",
        )


@rule("D005", "updated-before-date", "error", "`updated` is earlier than the publication `date`.")
def updated_before_date(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That the front-matter `updated` time is not earlier than `date`. When either is a
        bare date (no time), only the days are compared.

    Why it matters:
        A story cannot be updated before it was published; feeds and search engines use
        `updated` to show what is fresh, and an earlier value is a typo in one of the two.

        Severity error: an update before publication is impossible; one of the two is a typo.

    Example:
        date: 2024-03-06T09:00:00+01:00
        updated: 2024-03-05T10:00:00+01:00

    Use instead:
        date: 2024-03-06T09:00:00+01:00
        updated: 2024-03-06T15:30:00+01:00
    """
    meta = article.meta
    if meta.date is None or meta.updated is None:
        return
    if _later(meta.date, _bare(article, "date"), meta.updated, _bare(article, "updated")):
        yield Hit(
            _value_span(article, "updated"),
            f"{_shown(article, 'updated')} is earlier than {_shown(article, 'date')}",
            "Correct 'updated' (or 'date'): an update comes after publication",
            related=_date_related(article),
        )


@rule("D006", "date-without-timezone", "info", "`date`, `updated` or `embargo` has a time but no timezone.")
def date_without_timezone(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The front-matter `date`, `updated` and `embargo` values written with a time but
        without a UTC offset (`2024-03-06T09:00:00`); newsctl compares such times as UTC. A
        date with no time (`2024-03-06`, or an ISO week date such as `2024-W10-3`) names a
        whole day and is not reported.

    Why it matters:
        Without a timezone a time means different moments to the CMS, the feed reader and the
        partner who syndicates the story; an embargo can be broken by hours.

        Severity info: newsctl reads such times as UTC; it is a portability note, not an error.

    Example:
        date: 2024-03-06T09:00:00

    Use instead:
        date: 2024-03-06T09:00:00+01:00
    """
    meta = article.meta
    for key, value in (("date", meta.date), ("updated", meta.updated), ("embargo", meta.embargo)):
        if value is None or value.tzinfo is not None or _bare(article, key):
            continue
        yield Hit(
            _value_span(article, key),
            f"{_shown(article, key)} has a time but no timezone",
            f"Add the UTC offset, e.g. {value.isoformat()}+00:00",
        )


@rule("D007", "embargo-after-publish-date", "error", "A published article's embargo ends after its `date`.")
def embargo_after_publish_date(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        On an article whose `status` is `published`, that the `embargo` time is not later than
        the publication `date` (compared by day when `date` is a bare date).

    Why it matters:
        If the embargo lifts after the recorded publication time, either the story was
        published in breach of the embargo or one of the two times is wrong; both need a
        human before syndication.

        Severity error: the two times contradict each other on a published story.

    Example:
        status: published
        date: 2024-03-06T09:00:00+01:00
        embargo: 2024-03-06T12:00:00+01:00

    Use instead:
        status: published
        date: 2024-03-06T12:00:00+01:00
        embargo: 2024-03-06T12:00:00+01:00
    """
    meta = article.meta
    if meta.date is None or meta.embargo is None or meta.status != "published":
        return
    if _later(meta.embargo, False, meta.date, _bare(article, "date")):
        yield Hit(
            _value_span(article, "embargo"),
            f"{_shown(article, 'embargo')} is later than {_shown(article, 'date')} "
            "on a published article",
            "Check both times: the story must not be published before the embargo lifts",
            related=_date_related(article),
        )


@rule("D008", "embargo-passed", "info", "An unpublished article's embargo has already lifted.")
def embargo_passed(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        On an article whose `status` is `draft` or `ready`, an `embargo` at or before the
        current time (`--now`).

    Why it matters:
        Once the embargo has lifted the story may run; a ready story held past its embargo is
        often one that was forgotten.

        Severity info: a reminder, not a defect.

    Example:
        status: ready
        embargo: 2024-03-05T12:00:00+01:00   # and --now is 2024-03-06

    Use instead:
        Publish the story, or remove the `embargo` that no longer applies.
    """
    meta = article.meta
    if meta.embargo is None or meta.status not in _NOT_PUBLISHED:
        return
    if not _later(meta.embargo, False, settings.now, False):
        yield Hit(
            _value_span(article, "embargo"),
            f"{_shown(article, 'embargo')} has already passed (now {_now_text(settings)}); "
            f"status is '{meta.status}'",
            "Publish the story when ready, or remove the expired 'embargo'",
        )


# --- prose --------------------------------------------------------------------------------------


@rule("D009", "relative-date-word", "warning", "A relative day word (today, yesterday, last Tuesday) that syndication breaks.")
def relative_date_word(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Words that name a day by its distance from the publication day, in the title, summary,
        headings, prose and table cells, quotations included, in any case: "today",
        "yesterday", "tomorrow", "tonight", "last night", "this morning", "this afternoon",
        "this evening"; weekday phrases ("last Tuesday", "next Monday", "this Friday"); and
        "this week", "last week", "next week", "this weekend", "last weekend", "next weekend".
        The message gives the day (or the week's Monday, the weekend's Saturday) the words
        mean, counted from the publication date in weeks that run Monday to Sunday: "this
        Friday" is the Friday of its week, "last Tuesday" the Tuesday of the week before, "next
        Monday" the Monday of the week after. "The next Wednesday" and "that week" count from
        the story's own time and are not reported.

        "Today" is reported only when it names the day: next to a verb of the day's news
        ("Today, the council approved", "the vote is today", "we're launching today"), a time
        ("today at 5 p.m.", "later today") or an event ("today's hearing"). "Today" meaning
        "nowadays" ("the tool records encrypted traffic today", "in today's world", "Today,
        I'm a principal", "Today we'll look at") is not.

        Inside a direct quotation the words cannot be changed, so the message says so and the
        hint is to add the day in brackets after the word ("tonight [Sunday]"). A word quoted on
        its own is a figure of speech ("results were needed “yesterday”") and is not reported.
        Capitalised
        names such as "USA Today" and "the Tonight Show" are not reported. Silent when the
        article has no valid publication date.

    Why it matters:
        Syndicated, archived and late-read copy is read on another day than it was written;
        "yesterday" then points to the wrong day. Name the weekday or the date instead.

        Severity warning: on real published copy 0.1 reported every "today", and most meant
        "nowadays"; with those left out, what remains is a day an editor would name.

    Example:
        ---
        title: Council approves budget
        date: 2024-03-06T09:00:00+01:00
        ---

        The council approved the budget yesterday and meets again next Monday.

    Use instead:
        ---
        title: Council approves budget
        date: 2024-03-06T09:00:00+01:00
        ---

        The council approved the budget on Tuesday and meets again on March 11.
    """
    pub = article.meta.publication_date
    if pub is None:
        return
    quotes: dict[int, list[tuple[int, int]]] = {}
    for m in article.dates:
        word = m.relative_word
        if word is None or m.sense == "nowadays" or _scare_quoted(article, m):
            continue
        quoted = _in_quotation(article, m, quotes)
        d = relative_date(word, pub)
        if d is None:  # the publication date is at the end of the calendar
            yield Hit(
                m.span,
                f"'{m.text}'{' (in a quotation)' if quoted else ''} is counted from the publication date "
                f"({short_date(pub)}); the day it means is outside the calendar",
                "Add the date in brackets after the word" if quoted
                else "Write the day instead: syndicated copy is read on other days",
            )
            continue
        unit = relative_unit(word)
        if unit == "day":
            meaning = f"{_RELATIVE_PREFIX.get(word, '')}{long_date(d)}"
            bracket, instead = WEEKDAYS[d.weekday()], f"\"{WEEKDAYS[d.weekday()]}\" or \"{short_date(d)}\""
        else:
            meaning = f"the {unit} of {long_date(d)}"
            bracket = instead = f"the {unit} of {short_date(d)}"
            instead = f"\"{instead}\""
        if quoted:
            yield Hit(
                m.span,
                f"'{m.text}' in a quotation means {meaning} here",
                f"Keep the quote; add the day in brackets after the word (\"{m.text} [{bracket}]\"): "
                "syndicated copy is read on other days",
            )
            continue
        yield Hit(
            m.span,
            f"'{m.text}' means {meaning} here",
            f"Write the day instead ({instead}): syndicated copy is read on other days",
        )


def _scare_quoted(article: Article, m: DateMention) -> bool:
    """Is the word quoted on its own, as a figure of speech ("results were needed “yesterday”")?"""
    if m.block < 0 or article.blocks[m.block].inline is None:
        return False
    inline = article.blocks[m.block].inline
    prose = inline.prose  # type: ignore[union-attr]
    return any(
        prose[start + 1 : end - 1].strip(" ,.!?") == prose[m.start : m.end]
        for start, end in inline.quotes  # type: ignore[union-attr]
        if start < m.start and m.end <= end
    )


def _in_quotation(article: Article, m: DateMention, cache: dict[int, list[tuple[int, int]]]) -> bool:
    """Is the mention inside a direct quotation of its block (the block's own quotes, found once)
    or of the title or summary (found once per rule run in `cache`)?"""
    if m.block >= 0:
        inline = article.blocks[m.block].inline
        quotes: Sequence[tuple[int, int]] = inline.quotes if inline is not None else ()
    elif m.where in ("title", "summary"):
        key = -1 if m.where == "title" else -2
        if key not in cache:
            cache[key] = quoted_ranges(getattr(article.meta, m.where) or "")
        quotes = cache[key]
    else:
        return False
    return any(start < m.start and m.end <= end for start, end in quotes)


# A year right after one of these words names the past on purpose ("since 2025", "born 2025").
_RETROSPECTIVE_BEFORE = frozenset("since born from until till before after last of the".split())
_PART_OF_YEAR = frozenset("early late mid spring summer autumn fall winter".split())
_TITLE_WORD = lazy(r"[A-Za-z]+")


# A field with one of these looks back at a year on purpose: "2021 in Review", "Survey 2021
# Results", "Fiscal Year 2023 Impact Report", "2021 Highlights", "Looking back at 2024".
_LOOKING_BACK = lazy(
    r"\b(?:review|reviews|reviewed|recap|recaps|highlights?|results?|survey|surveys|report|reports|annual|"
    r"impact|wrap-?up|wrapped|retrospective|look(?:ing)?\s+back|by\s+the\s+numbers|in\s+numbers|year\s+in|"
    r"accomplishments|achievements|lessons|milestones|best\s+of|rewind|fiscal\s+year|FY|during|throughout)\b",
    re.IGNORECASE,
)


def _retrospective(text: str, start: int, end: int) -> bool:
    """Is the year at text[start:end] named as the past on purpose? By the word before or
    after it, by a field that looks back ("2021 in Review", "Survey Results"), or by a verb in
    the past tense in its sentence ("In 2023, the team launched ...", "how we engaged in 2021")."""
    before = _TITLE_WORD.findall(text[max(0, start - 30) : start])
    if before and text[start - 1 : start].isspace():
        if before[-1].lower() in _RETROSPECTIVE_BEFORE:
            return True
        # "since early 2014", "until late 2019": the same with a part of the year between
        if len(before) > 1 and before[-1].lower() in _PART_OF_YEAR and before[-2].lower() in _RETROSPECTIVE_BEFORE:
            return True
    after = _TITLE_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if after is not None and after.group().lower() in word_list("past_event_nouns"):
        return True
    if _LOOKING_BACK.search(text):
        return True
    sentence = next(((s, e) for s, e in split_sentences(text) if s <= start < e), (0, len(text)))
    words = [w.lower() for w in _TITLE_WORD.findall(text[sentence[0] : sentence[1]])]
    return any(is_past_verb(w) or w in ("was", "were", "had") for w in words)  # "2023 was a record year"


@rule(
    "D010",
    "title-year-mismatch",
    "warning",
    "The title or summary names last year as if it were the current one.",
)
def title_year_mismatch(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        A stale current year in the front-matter `title` and `summary`: the year just before the
        year of `date` (2025 in an article dated 2026), the January typo or last year's headline
        reused. Not reported:
        - any other year: older years are history ("first win since 2019", "born 1935", "last
          won in 2006") and later years are plans ("2027 budget vote", "2028 Olympics");
        - last year right after since, born, from, until, till, before, after, last, of or the
          ("highest since 2025", "the 2025 season");
        - last year right before a noun naming a past event or measure: levels, level, high,
          highs, low, lows, peak, record, records, flood, floods, election, elections, season,
          census, crash, attack, attacks, riots, earthquake, fire, fires, storm, storms,
          hurricane, drought, heatwave, recession, pandemic, war, final, champions, winners
          ("back to 2025 levels", "inquiry into 2025 floods");
        - a field that looks back at a year: year-in-review, survey, results, report, annual,
          impact, highlights, recap, lessons, milestones, "looking back", "by the numbers",
          "fiscal year", "during", "throughout" ("Search.gov 2021 Year in Review", "Go
          Developer Survey 2021 Results", "Fiscal Year 2023 Impact Report");
        - a year in a sentence told in the past tense, the year as the subject of what
          happened ("In 2023, the agency stepped up", "How the team engaged readers in 2024");
        - a field that also names the publication year ("From 2025 to 2026");
        - decades ("2020s") and year ranges ("2025-26"), which are not years here.
        One finding per field.

    Why it matters:
        Last year's number in the headline is usually a story copied from last year's template,
        or a typo in `date` made in January; either way it is the most visible date in the story.

        Severity warning: on real published copy all 25 findings of 0.1 were reviews of the
        previous year, which is the right year; those are now left alone, and what remains is
        last year written as the current one ("Council approves 2025 budget" in 2026).

    Example:
        title: Council approves 2023 budget
        date: 2024-03-06T09:00:00+01:00

    Use instead:
        title: Council approves 2024 budget
        date: 2024-03-06T09:00:00+01:00
    """
    pub = article.meta.publication_date
    if pub is None:
        return
    for field in ("title", "summary"):
        text = getattr(article.meta, field) or ""
        years = [m for m in article.dates if m.where == field and m.kind == "year"]
        if any(m.year == pub.year for m in years):
            continue
        for m in years:
            if m.year != pub.year - 1 or _retrospective(text, m.start, m.end):
                continue
            yield Hit(
                m.span,
                f"{field.capitalize()} mentions {m.text} but the article is dated {pub.year} "
                f"({_shown(article, 'date')})",
                f"Correct the year in the {field}, or the 'date' field",
                related=_date_related(article),
            )
            break  # one finding per field: the year is stale everywhere in it or nowhere


@rule(
    "D011",
    "future-date-reported-as-past",
    "warning",
    "A date after publication is described in the past tense.",
)
def future_date_reported_as_past(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Full dates ("June 3, 2024", "2024-06-03") and month-years ("June 2024") later than the
        publication date that sit next to a past-tense verb ("was signed on June 3, 2024",
        "In June 2024, officials signed..."). A future or present marker nearby ("will",
        "is", "expected", "scheduled", "to", "until") keeps a date quiet, so plans and
        schedules are not reported, and so is a clause where a modal comes later ("In June
        2024, the cross-signed certificate will expire"); an -ed word after an article or
        possessive ("the revised plan") is an adjective, not a verb. Paragraphs added after
        publication ("Editor's note:", "Update:", "Correction:") are not checked: they report
        later events on purpose. Dates without a year are not checked.

    Why it matters:
        An event reported as done cannot come after the story was published: the year (or
        the publication date) is wrong. Usually it is last year's or next year's number
        typed by habit.

        Severity warning: an event reported as done after publication needs a look; on real
        copy the only 0.1 findings were an editor's note added a year later, now skipped.

    Example:
        ---
        title: Treaty enters force
        date: 2023-03-06T09:00:00+01:00
        ---

        The treaty was signed on June 3, 2024.

    Use instead:
        ---
        title: Treaty enters force
        date: 2023-03-06T09:00:00+01:00
        ---

        The treaty was signed on June 3, 2022.
    """
    pub = article.meta.publication_date
    if pub is None:
        return
    for m in article.dates:
        if m.past_cue is None or m.year_inferred or m.year is None or m.month is None or not m.valid:
            continue
        if _added_later(article, m):
            continue
        if m.kind in ("full", "iso"):
            after = m.date is not None and m.date > pub
        elif m.kind == "month_year":
            after = (m.year, m.month) > (pub.year, pub.month)
        else:
            continue
        if after:
            yield Hit(
                m.span,
                f"\"{m.text}\" is after the publication date ({short_date(pub)}) but is reported as past "
                f"(\"{m.past_cue}\")",
                "Check the year; if the event is still to come, say so in the future tense",
            )


# A paragraph written after publication: "Editor's note:", "Update:", "Updated March 3:", "Correction:".
_LATER_NOTE = lazy(r"^\W*(?:editors?['’]?s?['’]?\s+note|update[ds]?\b|correction|clarification|postscript)", re.IGNORECASE)


def _added_later(article: Article, m: DateMention) -> bool:
    """Is the mention in an editor's note or update, written after the article was published?"""
    if m.block < 0:
        return False
    inline = article.blocks[m.block].inline
    return inline is not None and _LATER_NOTE.match(inline.prose) is not None


@rule("D012", "ap-date-style", "info", "Dates not in AP style (month abbreviations, weekdays).", enabled=False)
def ap_date_style(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Two Associated Press style points, off by default (select `D012` to enable):
        months are abbreviated only before a day number, as Jan., Feb., Aug., Sept., Oct.,
        Nov. and Dec.; March, April, May, June and July are never abbreviated; a month with
        no day ("September 2023") is spelled out (day-month-year dates, which AP does not
        use, are left to D013). And a calendar date less than seven days from the
        publication date ("March 8" in a story of March 6) should be the weekday
        ("Wednesday"); dates already written with their weekday, in full or abbreviated
        ("Sat., Feb. 28"), are left alone. Month fixes
        are offered as safe fixes.

    Why it matters:
        Wire and house style follow AP; readers of a daily story think in weekdays, and a
        consistent style looks edited.

        Off by default and info: house style, for newsrooms that follow AP.

    Example:
        ---
        title: Council sets vote
        date: 2023-03-06T09:00:00+01:00
        ---

        The vote on January 9, 2023 follows talks on Mar. 8.

    Use instead:
        ---
        title: Council sets vote
        date: 2023-03-06T09:00:00+01:00
        ---

        The vote on Jan. 9, 2023 follows talks on Wednesday.
    """
    pub = article.meta.publication_date
    for m in article.dates:
        if m.month_text is not None and m.month is not None and m.month_span is not None and m.valid and m.family != "dmy":
            has_day = m.day is not None
            ap = AP_ABBREVIATIONS[m.month - 1] if has_day else None
            expected = ap or MONTHS[m.month - 1]
            if m.month_text != expected:
                month = MONTHS[m.month - 1]
                if not has_day:
                    why = "spells out the month when no day follows"
                elif ap is None:
                    why = f"never abbreviates {month}"
                elif m.month_text == month:
                    why = f"abbreviates {month} before a day number"
                else:
                    why = f"abbreviates {month} as \"{ap}\""
                suggestion = m.text.replace(m.month_text, expected, 1)
                s = m.month_span
                yield Hit(
                    m.span,
                    f"\"{m.text}\": AP style {why} (\"{suggestion}\")",
                    f"Write \"{suggestion}\"",
                    Fix(f"Write {expected}", (Edit(s.line, s.column, s.end_line, s.end_column, expected),)),
                )
        d = m.date
        if pub is None or d is None or m.weekday is not None or m.kind not in ("full", "iso", "month_day"):
            continue
        gap = (d - pub).days
        if abs(gap) <= 6:
            weekday = WEEKDAYS[d.weekday()]
            when = (
                "the publication day"
                if gap == 0
                else f"{abs(gap)} day{'s' if abs(gap) != 1 else ''} {'after' if gap > 0 else 'before'} publication"
            )
            yield Hit(
                m.span,
                f"\"{m.text}\" is {when} ({short_date(pub)}); AP style uses the weekday (\"{weekday}\")",
                f"Write \"{weekday}\" instead of the date",
            )


@rule("D013", "mixed-date-formats", "info", "Dates are written in more than one format.")
def mixed_date_formats(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        The format of every day-precise date in the article: month-day-year ("March 6, 2023",
        "March 6"), day-month-year ("6 March 2023", "6 March") and ISO ("2023-03-06"). When
        more than one is used, each date not in the most used format (the first used, on a
        tie) is reported, with an example of that format.

    Why it matters:
        Mixed formats look unedited and make readers wonder whether "03-06" and "6 March" are
        the same day; house style picks one.

        Severity info: style; one finding per 800 real articles.

    Example:
        The bill passed on March 6, 2023 and takes effect on 2023-04-01.

    Use instead:
        The bill passed on March 6, 2023 and takes effect on April 1, 2023.
    """
    dated = [m for m in article.dates if m.family is not None]
    counts: dict[str, int] = {}
    first: dict[str, DateMention] = {}
    for m in dated:
        assert m.family is not None
        counts[m.family] = counts.get(m.family, 0) + 1
        first.setdefault(m.family, m)
    if len(counts) < 2:
        return
    main = max(counts, key=lambda f: (counts[f], -dated.index(first[f])))
    example = first[main]
    mostly = "mostly writes" if sorted(counts.values())[-2] < counts[main] else "first writes"
    for m in dated:
        if m.family == main:
            continue
        assert m.family is not None
        yield Hit(
            m.span,
            f"\"{m.text}\" is written {FAMILY_NAMES[m.family]}; the article {mostly} "
            f"{FAMILY_NAMES[main]} (\"{example.text}\", line {example.span.line})",
            f"Write every date one way: {FAMILY_NAMES[main]}",
            related=(Related(example.span, f"The first date written {FAMILY_NAMES[main]}"),),
        )
