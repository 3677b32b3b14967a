"""Date mentions in prose: a small, tested finder (no network, no NLP library).

`find_dates()` scans one prose string (a block's `inline.prose`, a heading, the title)
and returns every date mention in it, in order, without overlaps:

    full        "March 6, 2023", "Mar. 6, 2023", "Sept. 6 2023", "6 March 2023",
                "Monday, March 6, 2023", "Mon., March 6, 2023", "March 6th, 2023", "March 6-8, 2023"
    iso         "2023-03-06" (not "2023-03-06-ABC", an identifier)
    month_day   "March 6", "on Monday, March 6", "Fri., Feb. 28", "6 March" (year inferred from the
                publication date: with a past-tense cue the latest such day not after it,
                with a future cue the next one not before it, else the nearest; a year in
                which the day exists, "February 29", is preferred when it is plausible)
    month_year  "March 2023", "in September 2023", "Sept. 2023"
    weekday     "on Tuesday", "Tuesday's vote"
    relative    "today", "yesterday", "tomorrow", "tonight", "last night",
                "this morning", "this afternoon", "this evening", "last Tuesday",
                "next Monday", "this Friday", "this week", "last week", "next week",
                "this weekend", "last weekend", "next weekend" ("today" meaning "nowadays"
                is marked `sense="nowadays"`)
    year        "in 2023", "since 1990", "by 2030" (a preposition gives the context;
                a bare number such as "the 2023 budget" is not a date in prose)

With `bare_years=True` (used for the title and summary) every standalone year
1900-2099 counts. The regular expressions are compiled once, on first use (below).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, islice
from dataclasses import replace
from datetime import date, timedelta
from typing import Callable, Iterator, Sequence

from newsctl.article import Span
from newsctl.frozen import fast_init, dataclass  # dataclass: cheaper to create (newsctl/frozen.py)
from newsctl.text import split_sentences, weekday_abbreviations
from newsctl.relazy import lazy, lazy_module  # compiled / imported on first use (start-up)

# imported on the first date whose days are counted: `import calendar` (and the locale module it
# imports) cost ~1.4 ms of a lint, paid only by an article with a full date (issue 12, third day)
calendar = lazy_module("calendar")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The AP abbreviation of each month used before a day number; None: never abbreviated.
AP_ABBREVIATIONS = ("Jan.", "Feb.", None, None, None, None, None, "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
for _i, _abbr in enumerate(("jan", "feb", "mar", "apr", None, "jun", "jul", "aug", "sep", "oct", "nov", "dec")):
    if _abbr:
        _MONTH_NUMBER[_abbr] = _i + 1
_MONTH_NUMBER["sept"] = 9
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_NUMBER.update({name[:3].lower(): i for i, name in enumerate(WEEKDAYS)})
_WEEKDAY_NUMBER.update({"tues": 1, "thur": 3, "thurs": 3})

_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![\w])))"
)
# A weekday before a date: the full name, or its capitalised abbreviation with or without a
# period ("Fri., Feb. 28", "Fri Feb 28"); "the Sun, March 6" is the newspaper, not Sunday.
_WEEKDAY_PREFIX = (
    r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?<![Tt]he\s)(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?![\w])\.?)\s*,?\s+)?"
)
# A day number: not part of a longer number ("6,000"), a decimal or a time.
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_END_DAY = r"(?:\s*[-–]\s*(?P<end_day>\d{1,2})(?:st|nd|rd|th)?)?"
_NOT_NUMBER_AFTER = r"(?![\d]|[,.:]\d|\s*%)"
_YEAR = r"(?P<year>\d{4})(?![\d]|[,.]\d)"
_YEAR_SEP = r"(?:\s*,\s*|\s+)"

# Every pattern of this module is compiled on first use (newsctl.relazy.lazy), not at import:
# compiling the 30 it compiled there cost every one-file lint ~5.5 ms of CPU, and an article needs
# only the families its text can hold (`scan_texts` proves the others absent without them): a
# dateless article compiles 5 of them, the bench's first article 14 (issue 12, third day).
# Each pattern starts with a cheap lookahead on its first character: it makes the scan fast.
_MDY = lazy(
    r"(?=[ADFJMNOSTW])(?<![\w])" + _WEEKDAY_PREFIX + _MONTH + r"(?:\s+|(?<=\.))" + _DAY + _END_DAY + _NOT_NUMBER_AFTER
    + r"(?:" + _YEAR_SEP + _YEAR + r")?"
)
_DMY = lazy(
    r"(?=[\dFMSTW])(?<![\w.,])" + _WEEKDAY_PREFIX + _DAY + _END_DAY + r"(?:\s+of)?\s+" + _MONTH
    + r"(?:" + _YEAR_SEP + _YEAR + r")?"
)
# An ISO date glued to more word characters ("2026-02-30-ABC", "2026-02-30x") is an identifier
# such as a case number, not a date; a time may follow ("2026-03-02T09:00").
_ISO = lazy(
    r"(?=[\dFMSTW])(?<![\w-])" + _WEEKDAY_PREFIX + r"(?P<year>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})"
    r"(?:(?=T\d)|(?![\w]|-\w))"
)
_MONTH_YEAR = lazy(r"(?=[ADFJMNOS])(?<![\w])" + _MONTH + r"(?:\s*,\s*|\s+)(?:of\s+)?" + _YEAR)
_RELATIVE = lazy(
    r"(?=[TtYyLlNn])(?<![\w-])(?P<word>(?i:today|yesterday|tomorrow|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening))"
    # "last Tuesday", "next Monday", "this Friday": the weekday capitalised, as written in prose
    r"|(?i:last|next|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?i:last|next|this)\s+(?i:week|weekend))(?![\w-])"
)
_FIGURATIVE_BEFORE = lazy(r"\bof\s+$", re.IGNORECASE)
_NARRATIVE_BEFORE = lazy(r"\b(?:the|that)\s+$", re.IGNORECASE)
_WEEKDAY_ONLY = lazy(r"(?=[FMSTW])(?<![\w-])(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])")
# The year patterns keep € and – out of the other characters' classes: a class holding both
# Latin-1 and other characters compiles to a 64K-entry bitmap, in Python, ~0.1 ms each time it
# appears; (?<![€–]) beside (?<![\w,.$£/]) is the same test (tests/test_speed_startup_equivalence.py
# keeps the former patterns). ~0.2 ms less a pattern, ~0.4 ms of every lint (issue 12, third day).
_YEAR_NUMBER = lazy(r"(?=[12])(?<![\w,.$£/])(?<![€–])(?<!\d-)(?P<year>1[5-9]\d\d|2[01]\d\d)(?![\d]|[,.]\d|s\b|[-/]\d|–\d)")
# The word before a year that makes it a year ("in 2023", "since 1990", "mid-2030").
_YEAR_CONTEXT = lazy(
    r"(?<![\w-])(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f|[Tt]hrough|"
    r"[Tt]hroughout|to|[Ee]arly|[Ll]ate|[Aa]round|[Cc]irca|year|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+$"
    r"|(?<![\w-])[Mm]id(?:-|\s+)$"
)
_BARE_YEAR = lazy(r"(?=[12])(?<![\w,.$£/-])(?<![€–])(?P<year>19\d\d|20\d\d)(?![\d]|[,.]\d|s\b|[-/]\d|–\d)")

_DIGIT = lazy(r"\d")
_WORD = lazy(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CLAUSE_BREAK = lazy(r"[;:]\s")  # the tense of one clause does not reach across these
_CLAUSE_END = lazy(r"[,;:—–(]")
_PAST_AUX = frozenset({"was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't"})
_IRREGULAR_PAST = frozenset(
    """said told met took began came went gave held won lost made left saw sent spoke struck fell rose paid
    sold bought led broke brought chose drew flew found got kept knew ran shot stood thought wrote became grew
    swore fought caught taught sought threw wore hung sank spent lent felt dealt meant built sat oversaw
    withdrew undertook forgot hid froze woke drove rode arose ended been""".split()
)
_FUTURE = frozenset(
    """will would shall going expected expects expect scheduled schedule planned plans plan due set slated
    until till by before deadline next upcoming could may might should must postponed delayed rescheduled
    moved pushed deferred aims aim hopes hope intends intend targets target targeted tentatively starting
    effective through to is are am be being remains remain won't wouldn't can""".split()
)
# The markers of the above that name the future (not the present): they decide the year of "March 6".
_FUTURE_ONLY = frozenset(
    """will shall going expected expects expect scheduled planned plans due slated next upcoming postponed
    delayed rescheduled deferred aims hopes intends targets targeted tentatively starting won't""".split()
)
_ATTRIBUTION = frozenset("said told added wrote reported announced stated noted explained according".split())
_NOT_PAST = frozenset(
    """need feed seed speed breed bleed creed greed deed heed weed shed bed red bred hundred indeed proceed
    exceed succeed embed naked sacred wicked beloved ragged rugged kindred""".split()
)
_PREPOSITIONS = frozenset({"on", "in", "at", "during", "of", "the", "since"})
_MODALS_AND_WILL = frozenset("will would shall may might can could should must".split())
_DETERMINERS = frozenset("the a an this that these those its their our his her your my".split())

RELATIVE_OFFSET = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}

# Which patterns can match a text: (years, _MDY, _DMY, _MONTH_YEAR, _ISO, _RELATIVE, _WEEKDAY_ONLY)
Scans = tuple[bool, bool, bool, bool, bool, bool, bool]

FAMILY_NAMES = {"mdy": "month-day-year", "dmy": "day-month-year", "iso": "ISO (YYYY-MM-DD)"}


@fast_init
@dataclass(frozen=True)
class DateMention:
    """One date written in the text, with what could be read from it.

    `start`/`end` are offsets into the string that was scanned (a block's prose, or the
    title); `span` is where it is in the file. Parts that were not written are None;
    `year_inferred` says the year was taken from the publication date, and `year_basis`
    how: "past" (the latest such day not after it: a past-tense cue), "future" (the next
    one: a future cue) or "nearest". `valid` is false for dates that do not exist
    ("February 30, 2024", "April 31"; "February 29" only when no plausible year has it).
    """

    text: str  # as written, whitespace collapsed ("Monday, March 6, 2023")
    start: int
    end: int
    span: Span
    kind: str  # full | iso | month_day | month_year | weekday | relative | year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None  # last day of a range ("March 6-8")
    weekday: str | None = None  # as written ("Monday", "Fri.")
    year_inferred: bool = False
    valid: bool = True
    year_basis: str | None = None  # for an inferred year: past | future | nearest (how it was chosen)
    month_text: str | None = None  # the month as written ("Sept.", "March")
    month_span: Span | None = None
    family: str | None = None  # mdy | dmy | iso: the format, for consistency checks
    past_cue: str | None = None  # a past-tense word next to the date ("was", "signed"); None if none or future
    block: int = -1  # block index, -1 for the title and summary
    where: str = "prose"  # prose | heading | table | title | summary
    sense: str | None = None  # "nowadays" for a "today" that names no particular day

    @property
    def date(self) -> date | None:
        """The calendar date, when year, month and day are known and the date exists."""
        if self.year is None or self.month is None or self.day is None or not self.valid:
            return None
        return date(self.year, self.month, self.day)

    @property
    def weekday_number(self) -> int | None:
        """The written weekday as 0 (Monday) .. 6 (Sunday)."""
        return _WEEKDAY_NUMBER[self.weekday.rstrip(".").lower()] if self.weekday else None

    @property
    def weekday_name(self) -> str | None:
        """The written weekday in full ("Friday" for "Fri.")."""
        number = self.weekday_number
        return WEEKDAYS[number] if number is not None else None

    @property
    def relative_word(self) -> str | None:
        """For relative mentions, the word in lowercase with single spaces ("last night")."""
        return " ".join(self.text.lower().split()) if self.kind == "relative" else None


def month_number(text: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "sep", "March"); None otherwise."""
    return _MONTH_NUMBER.get(text.rstrip(".").lower())


def days_in_month(year: int | None, month: int) -> int:
    """Days in the month; without a year February has 29 (it can have)."""
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def is_valid(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def long_date(d: date) -> str:
    """'Sunday, March 5, 2023'."""
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def short_date(d: date) -> str:
    """'March 5, 2023'."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def relative_date(word: str, publication: date) -> date | None:
    """The day a relative word ("yesterday") means in an article published on `publication`;
    None when that day is outside the calendar (before year 1 or after 9999).

    Weeks run Monday to Sunday: "this Friday" is the Friday of the publication's week, "last
    Tuesday" the Tuesday of the week before, "next Monday" the Monday of the week after (the
    reading of most style guides; the words are ambiguous, which is why they are reported).
    For "this week", "last week" and "next week" the day is that week's Monday; for "this
    weekend", "last weekend" and "next weekend" it is that weekend's Saturday.
    """
    key = " ".join(word.lower().split())
    try:
        if key in RELATIVE_OFFSET:
            return publication + timedelta(days=RELATIVE_OFFSET[key])
        which, _, unit = key.partition(" ")
        shift = {"last": -1, "this": 0, "next": 1}[which]
        monday = publication - timedelta(days=publication.weekday())
        if unit == "week":
            return monday + timedelta(weeks=shift)
        if unit == "weekend":
            return monday + timedelta(days=5, weeks=shift)
        return monday + timedelta(days=_WEEKDAY_NUMBER[unit], weeks=shift)
    except (OverflowError, KeyError):
        return None


def relative_unit(word: str) -> str:
    """What a relative phrase names: "week", "weekend" or "day"."""
    last = word.lower().split()[-1]
    return last if last in ("week", "weekend") else "day"


# Without a tense cue, a year whose date is more than this far from publication is not plausible.
_PLAUSIBLE_DAYS = 183


def infer_year(month: int, day: int, reference: date, tense: str | None = None) -> int:
    """The year of month/day in an article of `reference` (its year or one either side).

    tense "past": the latest such day not after the reference; "future": the next one not
    before it; None: the nearest. A year in which the day exists (February 29) wins when it
    is plausible: any year allowed by the tense, or within half a year without one.
    """
    nearest: tuple[int, int] | None = None
    valid: tuple[int, int] | None = None
    for year in (reference.year, reference.year - 1, reference.year + 1):
        if not 1 <= year <= 9999:
            continue
        d = date(year, month, min(day, days_in_month(year, month)))
        if (tense == "past" and d > reference) or (tense == "future" and d < reference):
            continue
        gap = abs((d - reference).days)
        if nearest is None or gap < nearest[0]:
            nearest = (gap, year)
        if is_valid(year, month, day) and (tense or gap <= _PLAUSIBLE_DAYS) and (valid is None or gap < valid[0]):
            valid = (gap, year)
    if valid is not None:
        return valid[1]
    if nearest is None:  # the calendar ends on that side: fall back to the nearest year
        return infer_year(month, day, reference)
    return nearest[1]


_SPACE_COMMA = lazy(r"\s+,")


def _clean(text: str) -> str:
    """Whitespace collapsed, none before a comma. A printable text has no space but " " (the
    others are Unicode's separators and controls), so without "  " or " ," it is clean already."""
    if text.isprintable() and "  " not in text and " ," not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACE_COMMA.sub(",", " ".join(text.split()))


def _line_locator(text: str) -> Callable[[int, int], Span]:
    """Map offsets of a plain string to a Span, counting its own lines from 1."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def pos(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def locate(start: int, end: int) -> Span:
        line, col = pos(start)
        end_line, end_col = pos(max(start, end - 1))
        return Span(line, col, end_line, end_col + 1)

    return locate


class _Taken:
    """The spans already claimed by a mention: sorted, non-overlapping, checked by bisection.

    One pattern's matches never overlap each other (finditer), so new spans wait in
    `pending` and are merged in once per pattern by `commit()`: linear, not quadratic.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.ends: list[int] = []
        self.pending: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first claimed span ending after `start`
        return i == len(self.spans) or self.spans[i][0] >= end

    def add(self, start: int, end: int) -> None:
        self.pending.append((start, end))

    def commit(self) -> None:
        if self.pending:
            self.spans = sorted(self.spans + self.pending)  # two sorted runs: a linear merge
            self.ends = [e for _, e in self.spans]
            self.pending = []


def find_dates(
    text: str,
    reference: date | None = None,
    *,
    locate: Callable[[int, int], Span] | None = None,
    block: int = -1,
    where: str = "prose",
    bare_years: bool = False,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every date mention in `text`, in order. `reference` is the publication date (or None).

    `sentences` are the text's sentence bounds when the caller has them (the Article does);
    otherwise the text is split with newsctl.text's splitter.
    """
    digits, months, iso, relative, weekday = _scans(text)
    scans = (digits, months, months, months, iso, relative, weekday)
    return find_scanned(text, reference, scans, locate=locate, block=block, where=where, bare_years=bare_years, sentences=sentences)


def find_scanned(
    text: str,
    reference: date | None,
    scans: Scans,
    *,
    locate: Callable[[int, int], Span] | None = None,
    block: int = -1,
    where: str = "prose",
    bare_years: bool = False,
    sentences: Sequence[tuple[int, int]] | None = None,
    months: list[int] | None = None,
) -> list[DateMention]:
    """find_dates() with `scans` given: the pattern families that can match text (`_scans`, or
    `scan_texts` for many texts at once); a family marked False is not run (it has no match).
    `months`: offsets that include the month of every month form in text (all of them when None)."""
    locate = locate or _line_locator(text)
    bounds = _Sentences.of(text, sentences)
    taken = _Taken()
    found: list[DateMention] = []
    free = taken.free

    def add(m: DateMention) -> None:
        taken.add(m.start, m.end)
        found.append(m)

    has_digits, mdy, dmy, month_year, iso, relative, weekday = scans
    if months is None:
        months = _month_starts(text) if mdy or dmy or month_year else []
    # Full and day-month forms first; a longer match wins over the shorter forms inside it.
    for pattern, family, can in ((_MDY, "mdy", mdy), (_DMY, "dmy", dmy), (_ISO, "iso", iso)):
        if not can:
            continue
        if family == "iso":
            found_here: Iterator[re.Match[str]] = pattern.finditer(text)
        else:
            found_here = _near_months(pattern, text, months, _MDY_REACH if family == "mdy" else _DMY_REACH)
        for m in found_here:
            mention = _calendar_mention(m, family, text, reference, locate, bounds, block, where)
            if mention is not None and free(mention.start, mention.end):
                add(mention)
        taken.commit()
    for m in _near_months(_MONTH_YEAR, text, months, 0) if month_year else ():
        if free(m.start(), m.end()):
            month = month_number(m.group("month"))
            assert month is not None
            add(
                DateMention(
                    text=_clean(m.group()),
                    start=m.start(),
                    end=m.end(),
                    span=locate(m.start(), m.end()),
                    kind="month_year",
                    year=int(m.group("year")),
                    month=month,
                    month_text=m.group("month"),
                    month_span=locate(m.start("month"), m.end("month")),
                    past_cue=past_cue(text, m.start(), m.end(), bounds),
                    block=block,
                    where=where,
                )
            )
    taken.commit()
    relatives: list[DateMention] = []
    for m in _RELATIVE.finditer(text) if relative else ():
        if not free(m.start(), m.end()) or _is_name(text, m.start(), m.group("word")):
            continue
        if _NARRATIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()) and m.group().lower().startswith(("next", "last", "this")):
            continue  # "the next Wednesday", "the last week of June": counted from the story's time, not publication
        if m.group().lower() in ("tomorrow", "yesterday") and _FIGURATIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            relatives.append(DateMention(_clean(m.group()), m.start(), m.end(), locate(m.start(), m.end()), "relative", block=block, where=where, sense="nowadays"))
            continue  # "the needs of tomorrow", "the jobs of yesterday": the future and the past, not a day
        sense = "nowadays" if m.group().lower() == "today" and not _day_specific_today(text, m.start(), m.end(), bounds) else None
        relatives.append(DateMention(_clean(m.group()), m.start(), m.end(), locate(m.start(), m.end()), "relative", block=block, where=where, sense=sense))
    # "Write the best code possible today and delete it tomorrow": beside a "today" that means
    # "nowadays", yesterday and tomorrow are figures of speech too.
    generic = {bounds.around(r.start) for r in relatives if r.sense == "nowadays"}
    for r in relatives:
        if r.sense is None and bounds.around(r.start) in generic and r.text.lower() in ("tomorrow", "yesterday"):
            r = replace(r, sense="nowadays")
        add(r)
    taken.commit()
    for m in _WEEKDAY_ONLY.finditer(text) if weekday else ():
        if free(m.start(), m.end()):
            add(
                DateMention(
                    m.group(), m.start(), m.end(), locate(m.start(), m.end()), "weekday", weekday=m.group("weekday"),
                    block=block, where=where,
                )
            )
    taken.commit()
    for m in (_BARE_YEAR if bare_years else _YEAR_NUMBER).finditer(text) if has_digits else ():
        s, e = m.span("year")
        if not bare_years and not _YEAR_CONTEXT.search(text, max(0, s - 16), s):
            continue
        if free(s, e):
            add(DateMention(m.group("year"), s, e, locate(s, e), "year", year=int(m.group("year")), block=block, where=where))
    found.sort(key=lambda d: d.start)
    return found


# Month forms need one of _MONTH's names, which all start with Jan Feb Mar Apr May Jun Jul Aug Sep
# Oct Nov Dec as written (case-sensitive); _RELATIVE needs today, yesterday, tomorrow, tonight,
# last, this or next (in any case); _WEEKDAY_ONLY a name ending in "day".
# characters IGNORECASE matches with an ASCII letter (İ ı ſ K): text with one is always scanned
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _scans(text: str) -> tuple[bool, bool, bool, bool, bool]:
    """Which patterns can match text: (digits, month forms, ISO, relative, weekday).

    Each pattern needs a literal that C substring searches find much faster than the regex
    engine, which visits every character of every block (issue 12: the eight scans were ~1.5 ms
    per article): a digit for every numeric form, a month name's first three letters for the
    month forms, a hyphen for ISO dates, a relative word, or "day" for a weekday name. Text
    with non-ASCII characters is tested for digits with the regex (\\d matches other scripts'
    digits) and always scanned for relative words when it has a character that folds onto ASCII.
    """
    ascii_text = text.isascii()
    if ascii_text:
        digits = (
            "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
        )
    else:
        digits = _DIGIT.search(text) is not None
    months = digits and (
        "Jan" in text or "Feb" in text or "Mar" in text or "Apr" in text or "May" in text or "Jun" in text
        or "Jul" in text or "Aug" in text or "Sep" in text or "Oct" in text or "Nov" in text or "Dec" in text
    )
    iso = digits and "-" in text
    lowered = text.lower()
    relative = (
        "today" in lowered or "yesterday" in lowered or "tomorrow" in lowered or "tonight" in lowered
        or "last" in lowered or "this" in lowered or "next" in lowered
        or (not ascii_text and not _FOLDS_TO_ASCII.isdisjoint(text))
    )
    return digits, months, iso, relative, "day" in text


# --- many texts at once: which of them can hold a date ---------------------------------------
#
# An article has ~45 texts to scan (title, summary, headings, paragraphs, table cells) and most
# hold no date: calling find_dates on each cost ~0.6 ms per article (issue 12), nearly all of it
# per-call overhead and scans that find nothing. `scan_texts` joins them with NUL and proves, with
# a few scans of the whole article, which texts no pattern family can match. Python's regex engine
# finds a pattern that starts with a literal with a fast C search (~0.7 ns a character), but tries
# one that starts with a class, an alternation or a lookaround at every position (6-25 ns): so
# every scan below starts with a literal, and the lookbehinds that _YEAR_NUMBER and _ISO put first
# come after the first character here. The joined text behaves like separate texts: no pattern
# here consumes NUL and every lookaround reads NUL as it reads the start or end of a string (not a
# word character, digit, space, hyphen or punctuation). tests/test_speed_dates_equivalence.py
# compares the result with find_dates on every text.

# _YEAR_NUMBER, as two patterns that start with their literal first digit (its classes, written as
# there; the same matches:
# exactly four digits, never overlapping, so their union in order is _YEAR_NUMBER's finditer)
_YEAR_ONE = lazy(r"1(?<![\w,.$£/]1)(?<![€–]1)(?<!\d-1)[5-9]\d\d(?![\d]|[,.]\d|s\b|[-/]\d|–\d)")
_YEAR_TWO = lazy(r"2(?<![\w,.$£/]2)(?<![€–]2)(?<!\d-2)[01]\d\d(?![\d]|[,.]\d|s\b|[-/]\d|–\d)")
# What every _ISO match holds (anchored on its first hyphen)
_ISO_CORE = lazy(r"-(?<=\d\d\d\d-)\d\d-\d\d")
# _MONTH's names all start with one of these, as written: found on a copy of the text (ASCII
# bytes, one per character) where their capitals are one marker byte, so the scan has a literal
_MONTH_MARKED = bytes.maketrans(b"JFMASOND", b"\x01" * 8)
_MONTH_MARK = lazy(rb"\x01(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)")
# The same, followed by what a month form needs (below), as far as the bytes tell: re's \s and \d
# (ASCII here; any other character is "?", so "?" may stand for either)
_WS = rb"[\t\n\x0b\x0c\r\x1c-\x1f ?]"
_MONTH_MARK_NEEDED = lazy(
    rb"\x01(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)(?:(?=[a-z]*\.?(?:" + _WS + rb"|,)*(?:of" + _WS + rb"+)?[0-9?])"
    rb"|(?<=[0-9?tdhf]" + _WS + rb"\x01..)|(?<=" + _WS + _WS + rb"\x01..))"
)
_MONTH_ONLY = lazy(_MONTH)
# After a month, _MDY has a day of one or two digits (after spaces, or right after the
# abbreviation's period) and _MONTH_YEAR a year (after spaces or a comma, "of"); before one,
# _DMY has spaces after a day (its digits or st/nd/rd/th) or "of". A month with none of these
# ("Market", "Mayor said") starts no date.
_DAY_AFTER_MONTH = lazy(r"\.?\s*\d\d?(?!\d)")
_YEAR_AFTER_MONTH = lazy(r"[\s,]*(?:of\s+)?\d\d\d\d")
_BEFORE_MONTH = frozenset("st nd rd th of".split())
# _RELATIVE and _WEEKDAY_ONLY, on the lower-cased text. Every match holds today, yesterday or a
# weekday name (found by _DAY_NAMES), tomorrow or night (tonight, last night), or last, next or
# this before spaces and a week, weekend, morning, afternoon or evening (_PHRASE, tried where
# str.find finds the first word: a fast C search, where the regex engine would look at every
# "t" and "n" for them).
_DAY_NAMES = lazy(
    r"day(?:(?<=today)|(?<=yesterday)|(?<=monday)|(?<=tuesday)|(?<=wednesday)|(?<=thursday)|(?<=friday)"
    r"|(?<=saturday)|(?<=sunday))"
)
_PHRASE = lazy(r"(?:last|next|this)\s+(?:week|morning|afternoon|evening)")


_PLUS_ONE = (1).__add__


def scan_texts(texts: Sequence[str], bare: int = 0) -> list[tuple[int, Scans, list[int]]]:
    """(index, scans, months) of each text in which find_dates can find something, in order: the
    patterns that can match it (what `_scans` gives, or fewer) and the offsets of the months that
    can be in a month form, for `find_scanned`; find_dates finds nothing in the other texts. The
    first `bare` texts are read with bare_years (every standalone year counts); in the others a
    year needs its context word."""
    joined = "\x00".join(texts)
    starts = list(accumulate(map(_PLUS_ONE, map(len, texts)), initial=0))  # where each text starts
    years: set[int] = set()
    mdy: set[int] = set()
    dmy: set[int] = set()
    month_year: set[int] = set()
    iso: set[int] = set()
    relative: set[int] = set()
    weekday: set[int] = set()
    where = bisect.bisect_right

    for pattern in (_YEAR_ONE, _YEAR_TWO):
        for m in pattern.finditer(joined):
            s = m.start()
            i = where(starts, s) - 1
            # find_dates: _YEAR_CONTEXT.search(text, max(0, s - 16), s) in the text's own offsets
            if i not in years and (i < bare or _YEAR_CONTEXT.search(joined, max(starts[i], s - 16), s)):
                years.add(i)
    for m in _ISO_CORE.finditer(joined):
        iso.add(where(starts, m.start()) - 1)
    ascii_text = joined.isascii()
    # one byte per character: ASCII as is, anything else '?' (month names are ASCII)
    marked = (joined.encode("ascii") if ascii_text else joined.encode("ascii", "replace")).translate(_MONTH_MARKED)
    months: dict[int, list[int]] = {}  # text: the offsets of its months that can start a date
    for m in _MONTH_MARK_NEEDED.finditer(marked):
        s = m.start()
        month = _MONTH_ONLY.match(joined, s)
        if month is None:
            continue
        i = where(starts, s) - 1
        e = month.end()
        can = False
        if _DAY_AFTER_MONTH.match(joined, e):
            mdy.add(i)
            can = True
        if _YEAR_AFTER_MONTH.match(joined, e):
            month_year.add(i)
            can = True
        k = s
        while k > starts[i] and joined[k - 1].isspace():  # str.isspace is re's \s
            k -= 1
        if k < s and k > starts[i] and (joined[k - 1].isdecimal() or joined[k - 2 : k] in _BEFORE_MONTH):  # \d
            dmy.add(i)
            can = True
        if can:
            months.setdefault(i, []).append(s - starts[i])
    lowered = joined.lower()
    lowered_starts = starts
    if len(lowered) != len(joined):  # "İ" lower-cases to two characters: lower each text alone
        parts = [t.lower() for t in texts]
        lowered = "\x00".join(parts)
        lowered_starts = list(accumulate(map(_PLUS_ONE, map(len, parts)), initial=0))
    for m in _DAY_NAMES.finditer(lowered):
        e = m.end()
        i = where(lowered_starts, m.start()) - 1
        relative.add(i)  # a weekday may follow last, next or this
        if not (lowered.endswith("today", 0, e) or lowered.endswith("yesterday", 0, e)):
            weekday.add(i)
    for word in ("tomorrow", "night"):
        s = lowered.find(word)
        while s >= 0:
            relative.add(where(lowered_starts, s) - 1)
            s = lowered.find(word, s + 1)
    for word in ("last", "this"):
        s = lowered.find(word)
        while s >= 0:
            if _PHRASE.match(lowered, s):
                relative.add(where(lowered_starts, s) - 1)
            s = lowered.find(word, s + 4)
    s = lowered.find("x")  # "next" by its rare letter: a one-character find is memchr
    while s >= 0:
        if s >= 2 and lowered.startswith("next", s - 2) and _PHRASE.match(lowered, s - 2):
            relative.add(where(lowered_starts, s - 2) - 1)
        s = lowered.find("x", s + 1)
    if not ascii_text:  # characters that IGNORECASE matches with an ASCII letter
        for ch in _FOLDS_TO_ASCII:
            s = joined.find(ch)
            while s >= 0:
                relative.add(where(starts, s) - 1)
                s = joined.find(ch, s + 1)
    return [
        (i, (i in years, i in mdy, i in dmy, i in month_year, i in iso, i in relative, i in weekday), months.get(i, []))
        for i in sorted(years | mdy | dmy | month_year | iso | relative | weekday)
    ]


# --- month forms: searched next to their months -----------------------------------------------
#
# _MDY, _DMY and _MONTH_YEAR try a match at every character (6-25 ns each: they start with a
# lookaround), yet every match holds a month name, and only a few characters come before it:
# _MONTH_YEAR starts at its month; _MDY has at most a weekday, a period and a comma (10 characters
# besides spaces) before it, _DMY those and a day, a range's end and "of" (21). So each search
# starts a little before the next month and stops after the last one, which finds exactly what
# finditer finds (tests/test_speed_dates_equivalence.py).
# Characters other than spaces that may come before the month in a match: a weekday and its
# period or comma ("Wednesday,", "Thurs.,": 10); _DMY adds a day ("31st": 4), a range's end
# ("-31st": 5) and "of" (2)
_MDY_REACH = 10
_DMY_REACH = 21


def _month_starts(text: str) -> list[int]:
    """Every offset where _MONTH matches in text."""
    marked = (text.encode("ascii") if text.isascii() else text.encode("ascii", "replace")).translate(_MONTH_MARKED)
    match = _MONTH_ONLY.match
    return [m.start() for m in _MONTH_MARK.finditer(marked) if match(text, m.start())]


# _reach_back's walk as one match on the reversed text before the month (greedy: the same steps)
_REACH_BACK = {reach: lazy(r"\s*(?:\S\s*){0,%d}" % reach) for reach in (10, 21)}


def _reach_back(text: str, at: int, reach: int) -> int:
    """The least offset p such that text[p:at] holds at most `reach` characters other than
    spaces (str.isspace is re's \\s): no match with its month at `at` starts before p."""
    lo = max(0, at - 4 * reach)
    window = text[lo:at][::-1]
    taken = _REACH_BACK[reach].match(window).end()  # type: ignore[union-attr]
    if taken < len(window) or lo == 0:
        return at - taken
    p = at  # the window was all spaces or short of `reach` other characters: walk on
    while p > 0:
        if text[p - 1].isspace():
            p -= 1
        elif reach:
            reach -= 1
            p -= 1
        else:
            break
    return p


def _near_months(pattern: re.Pattern[str], text: str, months: list[int], reach: int) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern whose matches each hold a month (at one of `months`,
    sorted) with at most `reach` non-space characters before it. A match starting at or after
    `pos` holds a month at or after pos, so it starts no earlier than the reach of the first such
    month (`_reach_back` only grows with the offset)."""
    pos = 0
    i = 0
    n = len(months)
    while True:
        i = bisect.bisect_left(months, pos, i)
        if i == n:
            return
        m = pattern.search(text, max(pos, _reach_back(text, months[i], reach) if reach else months[i]))
        if m is None:
            return
        yield m
        pos = m.end()


def _calendar_mention(
    m: re.Match[str],
    family: str,
    text: str,
    reference: date | None,
    locate: Callable[[int, int], Span],
    sentences: _Sentences,
    block: int = -1,
    where: str = "prose",
) -> DateMention | None:
    """A full, ISO or month-day mention from a match; None when the numbers cannot be a date."""
    if family == "iso":
        month, day = int(m.group("mm")), int(m.group("dd"))
        month_text = None
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
    else:
        month_text = m.group("month")
        month = month_number(month_text)
        day = int(m.group("day"))
        if month is None or not 1 <= day <= 31:
            return None
    end_day = int(m.group("end_day")) if family != "iso" and m.group("end_day") else None
    if end_day is not None and not 1 <= end_day <= 31:
        return None
    year_text = m.group("year")
    cue, future = _cues(text, m.start(), m.end(), sentences)
    basis: str | None = None
    inferred = False
    year: int | None
    if year_text:
        year = int(year_text)
        if year == 0:
            return None
        kind = "iso" if family == "iso" else "full"
    else:
        kind = "month_day"
        if reference:
            tense = "past" if cue else "future" if future else None
            year = infer_year(month, end_day or day, reference, tense)
            basis = tense or "nearest"
        else:
            year = None
        inferred = year is not None
    valid = is_valid(year, month, day) and (end_day is None or (is_valid(year, month, end_day) and end_day > day))
    return DateMention(
        text=_clean(m.group()),
        start=m.start(),
        end=m.end(),
        span=locate(m.start(), m.end()),
        kind=kind,
        year=year,
        month=month,
        day=day,
        end_day=end_day,
        weekday=m.group("weekday"),
        year_inferred=inferred,
        valid=valid,
        year_basis=basis,
        month_text=month_text,
        month_span=locate(m.start("month"), m.end("month")) if month_text else None,
        family=family,
        past_cue=cue,
        block=block,
        where=where,
    )


def _is_name(text: str, start: int, word: str) -> bool:
    """'USA Today', 'the Tonight Show': a capitalised relative word mid-sentence is a name.

    An all-capitals word ("TODAY") is emphasis, not a name, unless it follows a capitalised
    word in text that is not all capitals itself ("USA TODAY reported").
    """
    if not word[0].isupper():
        return False
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] in ".!?\"“‘'(:—–-\n*":
        return False  # the start of a sentence
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        if not text[i].isalpha():
            return False
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        around = text[max(0, start - 80) : start + len(word) + 80]
        return text[j].isupper() and any(c.islower() for c in around)
    return True


_REACH = 400


def past_cue(text: str, start: int, end: int, sentences: _Sentences | None = None) -> str | None:
    """A past-tense word next to the date at text[start:end] ("was", "signed"), unless a
    future or present marker ("will", "is", "scheduled", "to") is nearby too."""
    return _cues(text, start, end, sentences or _Sentences.of(text))[0]


class _Sentences:
    """Sentence bounds of one text, for finding the sentence around an offset."""

    def __init__(self, bounds: Sequence[tuple[int, int]] | None, length: int, text: str = "") -> None:
        self.bounds = bounds
        self.text = text  # split when first asked (bounds None): most texts have no date to place
        self.length = length
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.ready = False

    @classmethod
    def of(cls, text: str, bounds: Sequence[tuple[int, int]] | None = None) -> _Sentences:
        return cls(bounds, len(text), text)

    def around(self, offset: int) -> tuple[int, int]:
        if not self.ready:
            bounds = split_sentences(self.text) if self.bounds is None else self.bounds
            self.starts = [s for s, _ in bounds]
            self.ends = [e for _, e in bounds]
            self.ready = True
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0, self.ends[0] if self.ends else self.length
        return self.starts[i], max(self.ends[i], offset)


def _words(text: str, start: int, end: int, sentence_start: int) -> Iterator[str]:
    """Lowercase words of text[start:end], without weekday abbreviations ("Sat." is not "sat")."""
    weekdays = weekday_abbreviations()
    for w in _WORD.finditer(text, start, end):
        word = w.group()
        if word in weekdays and (text.startswith(".", w.end()) or w.start() > sentence_start):
            continue
        yield word.lower().replace("’", "'")


_NOT_IN_WORD = lazy(r"[^A-Za-z'’]")  # a _WORD match holds none of these


def _last_words(text: str, start: int, end: int, count: int) -> list[str]:
    """list(_words(text, start, end, start))[-count:], reading only the last words (the
    sentence before a date can be long, and only its last words are cues)."""
    weekdays = weekday_abbreviations()
    lo = start
    if end - start > 100:
        # no match holds a character _NOT_IN_WORD finds, so after it finditer finds the same words
        # as from `start`
        cut = _NOT_IN_WORD.search(text, end - 100, end)
        if cut is not None:
            lo = cut.end()
    out: list[str] = []
    for w in reversed(list(_WORD.finditer(text, lo, end))):
        word = w.group()
        if word in weekdays and (text.startswith(".", w.end()) or w.start() > start):
            continue
        out.append(word.lower().replace("’", "'"))
        if len(out) == count:
            break
    if len(out) < count and lo > start:
        return _last_words(text, start, lo, count - len(out)) + out[::-1]
    out.reverse()
    return out


def _cues(text: str, start: int, end: int, sentences: _Sentences) -> tuple[str | None, bool]:
    """(the past-tense cue or None, whether a future marker such as "will" is next to the date)."""
    # Only the date's own sentence (newsctl.text's splitter, the Article's sentences), cut at
    # semicolons and colons, and at most _REACH characters either side: the cue words are next
    # to the date, and a long paragraph with no sentence end must not make every mention scan it.
    sent_start, sent_end = sentences.around(start)
    sentence_start = max(sent_start, start - _REACH)
    for m in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        sentence_start = m.end()
    sentence_end = min(sent_end, end + _REACH)
    stop = _CLAUSE_BREAK.search(text, end, sentence_end)
    if stop:
        sentence_end = stop.start() + 1
    before = _last_words(text, sentence_start, start, 4)
    first = _WORD.search(text, end, sentence_end)
    # "The June 2024 vote, signed on ...": the clause after the date stops at its first comma
    clause = _CLAUSE_END.search(text, first.end(), sentence_end) if first else None
    after_end = clause.start() if clause else sentence_end
    after = list(islice(_words(text, end, after_end, sentence_start), 8))
    near = before + after[:4]
    if any(w in _FUTURE or w.endswith("'ll") for w in near):
        return None, any(w in _FUTURE_ONLY or w.endswith("'ll") for w in near)
    # "In June 2024, the cross-signed certificate will expire": a modal later in the clause makes
    # the -ed word before it a participle, and the clause future.
    if any(w in _MODALS_AND_WILL or w.endswith("'ll") for w in after):
        return None, any(w in _FUTURE_ONLY or w.endswith("'ll") for w in after)
    # "was signed on June 3": a past auxiliary, up to the date without its prepositions.
    words = before
    while words and words[-1] in _PREPOSITIONS:
        words = words[:-1]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _PAST_AUX:
            rest = words[i + 1 :]
            return (" ".join(words[i:]) if all(_is_past_verb(w) for w in rest) else words[i]), False
    # "signed on June 3", "held in June 2024": a past verb, then prepositions, then the date.
    if words and len(words) < len(before) and _is_past_verb(words[-1]):
        return words[-1], False
    # "On June 3, 2024, the treaty was signed", "In June 2024, officials signed the deal".
    # Attribution after the date ("..., Jan. 8, the district said") is about the telling, not the event.
    for i, w in enumerate(after[:3]):
        if w in _ATTRIBUTION:
            continue
        if i and after[i - 1] in _DETERMINERS:
            continue  # "the signed agreement", "a revised plan": an adjective, not a verb
        if w in _PAST_AUX:
            nxt = after[i + 1] if i + 1 < len(after) and _is_past_verb(after[i + 1]) else ""
            return f"{w} {nxt}".strip(), False
        if _is_past_verb(w):
            return w, False
    return None, False


def is_past_verb(word: str) -> bool:
    """A lowercase word that reads as a past tense ("said", "launched"); not "need", "hundred"."""
    return word in _IRREGULAR_PAST or (len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST)


_is_past_verb = is_past_verb


# --- "today": this day, or nowadays? -----------------------------------------------------------
#
# "Today, the council approved the budget" names the publication day; "records encrypted
# traffic today", "Today, I'm the principal" and "in today's world" mean "nowadays", and
# syndication does not change what they say. The words around "today" in its clause decide.

# Phrases around "today" that mean "nowadays".
_NOWADAYS_BEFORE = lazy(r"(?:\b(?:in|of|than|until|till|even|still|to|up\s+to)\s+)$", re.IGNORECASE)
_NOWADAYS_POSSESSIVE = lazy(
    r"['’]s\s+(?:world|society|economy|environment|landscape|age|era|climate|market|workplace|workforce|"
    r"government|technology|standards?|terms|digital|fast-paced|modern|connected|complex|global)\b",
    re.IGNORECASE,
)
# After "today's": a noun naming one day's event.
_DAY_NOUNS = frozenset(
    """meeting vote hearing session event announcement release launch webinar deadline briefing ceremony
    election match game decision ruling edition episode summit conference forum talk celebration agenda
    schedule speech address rally march strike protest opening closing kickoff kick-off news""".split()
)
# Verbs of the day's news: in any finite form they tie "today" to the day.
_EVENT_VERBS = frozenset(
    """launch release announce publish unveil introduce open close begin start end kick mark celebrate
    welcome host hold vote meet sign file issue debut expire premiere air honor honour commemorate observe
    testify rule decide convene gather roll go take""".split()
)
_MODALS = frozenset("may might can could should must would".split())
_PARTICLE_VERBS = {"take": {"effect"}, "go": {"live", "into"}, "roll": {"out"}}
_ANNOUNCING = frozenset("launch release announce publish unveil introduce celebrate welcome mark honor honour commemorate debut premiere".split())
_CLAUSE_JOINS = frozenset("and but while because although though so which who whom".split())
_SUBORDINATORS = frozenset("how what why when where that if whether".split())
_WHERE_IT_IS = lazy(
    r"(?:\b(?:where|what|how|who|that)\s+(?:\w+\s+){0,3}|\b(?:it|they|we|he|she|you|i)\s+)(?:is|are|am|'s|’s|'re|’re)\s+$",
    re.IGNORECASE,
)
_SUBJECTS = frozenset("we i they he she it you who".split())
# Words after which an -ed word is an adjective ("the dated software", "of encrypted traffic").
_BEFORE_ADJECTIVE = frozenset("the a an this that these those its their our his her your my any all some more most less of with for in on by and or".split())
_FUNCTION_AFTER = frozenset("the a an to on in at by for with today this that it them its their our his her into from up out off".split())
_BE_FORMS = frozenset("is are am be being 're 's get gets".split())
_TIME_NEAR = lazy(r"\b(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon\b|midnight\b)", re.IGNORECASE)
_TODAY_ANCHOR_BEFORE = lazy(
    r"\b(?:earlier|later|as\s+of|starting|beginning|effective|from|(?:set|scheduled|planned|slated|due)(?:\s+for)?)\s+$",
    re.IGNORECASE,
)
_DAY_WORDS = frozenset("yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday".split())
_TODAY_ANCHOR_AFTER = lazy(r"^\s*(?:at\b|only\b|\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))", re.IGNORECASE)


def _lemma_forms(word: str) -> str | None:
    """The event verb a word is a form of ("launches", "launching" -> "launch"), or None."""
    for suffix in ("", "s", "es", "ing", "ning"):
        if suffix and word.endswith(suffix):
            stem = word[: -len(suffix)]
        elif not suffix:
            stem = word
        else:
            continue
        for candidate in (stem, stem + "e"):
            if candidate in _EVENT_VERBS:
                return candidate
    return None


def _day_specific_today(text: str, start: int, end: int, bounds: _Sentences) -> bool:
    """Does "today" at text[start:end] name the publication day (not "nowadays")?"""
    before_text = text[max(0, start - 40) : start]
    after_text = text[end : end + 40]
    if _TODAY_ANCHOR_BEFORE.search(before_text) or _TODAY_ANCHOR_AFTER.match(after_text):
        return True  # "later today", "as of today", "today at 2 p.m."
    if after_text[:2] in ("'s", "’s"):
        noun = _WORD.match(after_text, 2 + (len(after_text[2:]) - len(after_text[2:].lstrip())))
        return noun is not None and noun.group().lower() in _DAY_NOUNS  # "today's vote" / "today's world"
    if _NOWADAYS_BEFORE.search(before_text) or _NOWADAYS_POSSESSIVE.match(after_text):
        return False  # "even today", "than today", "in today's world"
    sent_start, sent_end = bounds.around(start)
    lo, hi = max(sent_start, start - 120), min(sent_end, end + 120)
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        lo = m.end()
    stop = _CLAUSE_BREAK.search(text, end, hi)
    if stop:
        hi = stop.start()
    if _TIME_NEAR.search(text, lo, hi):
        return True
    before = [w.group().lower().replace("’", "'") for w in _WORD.finditer(text, lo, start)][-8:]
    after = [w.group().lower().replace("’", "'") for w in _WORD.finditer(text, end, hi)][:10]
    if _WHERE_IT_IS.search(text, max(lo, start - 30), start):
        return False  # "where it is today", "what they are today": the present state
    if before and before[-1] in ("is", "are", "was", "were", "'s"):
        return True  # "the vote is today"
    joins = [i for i, w in enumerate(before) if w in _CLAUSE_JOINS]
    if joins and joins[-1] == len(before) - 1 and len(before) > 1 and before[-2] in _DAY_WORDS:
        joins = joins[:-1]  # "ran yesterday and today": one verb for both days
    if joins:
        before = before[joins[-1] + 1 :]  # "I came over and continue to work there today": its own clause
    stops = [i for i, w in enumerate(after) if w in _CLAUSE_JOINS or w in _SUBORDINATORS]
    if stops:
        after = after[: stops[0]]  # "... dated today, but they held up", "we'll look at how it was done"
    if after[:1] in (["is"], ["marks"], ["was"]):
        return True  # "Today is the deadline", "Today marks ten years"
    words = before + after
    wish = False  # after "would", "we'd like": what follows is wished or planned, not reported
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        if w in _MODALS or w.endswith("'d"):
            wish = True
        if _MODALS.intersection(words[max(0, i - 3) : i]):
            continue  # "may be dated today", "could launch": not the day's news
        if w in _PAST_AUX and w not in ("did", "didn't"):
            return True
        if w == "been":
            continue  # "has never been more important": a state, not the day's news
        if prev in ("have", "has", "'ve") or prev.endswith("'ve"):
            if _lemma_forms(w.removesuffix("d")) is None and _lemma_forms(w.removesuffix("ed")) is None:
                continue  # "Today, 45 agencies have implemented it": the state as of now
        if _is_past_verb(w) and not wish and prev not in _BE_FORMS and prev not in _BEFORE_ADJECTIVE and prev != "to":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if w in _IRREGULAR_PAST or prev in _SUBJECTS or not nxt or nxt in _FUNCTION_AFTER:
                return True  # "GSA launched the tool", "we released": reported as done
            # "records encrypted traffic today": an -ed word between two content words is an adjective
        lemma = _lemma_forms(w)
        if lemma is None or prev in _BEFORE_ADJECTIVE:
            continue  # "those rules", "the launch": nouns
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if lemma in _PARTICLE_VERBS and nxt not in _PARTICLE_VERBS[lemma]:
            continue  # "take effect", "go live", "roll out" only; "we're taking a look back" is not news
        if w.endswith("ing") and prev in _BE_FORMS | {"'re", "we're", "i'm"}:
            return True  # "we're launching today"
        if w != lemma and not w.endswith("ing"):
            return True  # "the council votes today", "today marks"
        if w == lemma and (prev in ("will", "to", "") or prev.endswith("'ll")):
            return True  # "will vote", "proud to announce", "Vote today"
        if w == lemma and prev in ("we", "i") and lemma in _ANNOUNCING:
            return True  # "Today we launch" (but "Today, I begin every day with...": a habit)
    return False
