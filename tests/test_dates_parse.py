"""The date mention finder (newsctl.dates): forms, edge cases and non-dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsctl.dates import (
    MONTHS,
    WEEKDAYS,
    days_in_month,
    find_dates,
    infer_year,
    long_date,
    month_number,
    relative_date,
)

from tests.conftest import article

PUB = date(2023, 3, 6)  # a Monday

# text, expected (kind, text as written, year, month, day, end_day, weekday, inferred, valid)
CASES = [
    ("on March 6, 2023.", ("full", "March 6, 2023", 2023, 3, 6, None, None, False, True)),
    ("on Mar. 6, 2023.", ("full", "Mar. 6, 2023", 2023, 3, 6, None, None, False, True)),
    ("on Mar 6, 2023.", ("full", "Mar 6, 2023", 2023, 3, 6, None, None, False, True)),
    ("on Sept. 6, 2023.", ("full", "Sept. 6, 2023", 2023, 9, 6, None, None, False, True)),
    ("on Sept 6, 2023.", ("full", "Sept 6, 2023", 2023, 9, 6, None, None, False, True)),
    ("on Sep. 6 2023.", ("full", "Sep. 6 2023", 2023, 9, 6, None, None, False, True)),
    ("on Jan. 6, 2023.", ("full", "Jan. 6, 2023", 2023, 1, 6, None, None, False, True)),
    ("on 6 March 2023.", ("full", "6 March 2023", 2023, 3, 6, None, None, False, True)),
    ("on 6th of March, 2023.", ("full", "6th of March, 2023", 2023, 3, 6, None, None, False, True)),
    ("on 2023-03-06.", ("iso", "2023-03-06", 2023, 3, 6, None, None, False, True)),
    ("on March 6th, 2023.", ("full", "March 6th, 2023", 2023, 3, 6, None, None, False, True)),
    ("on March 1st", ("month_day", "March 1st", 2023, 3, 1, None, None, True, True)),
    ("Monday, March 6, 2023, was", ("full", "Monday, March 6, 2023", 2023, 3, 6, None, "Monday", False, True)),
    ("Monday March 6, 2023", ("full", "Monday March 6, 2023", 2023, 3, 6, None, "Monday", False, True)),
    ("on Monday, March 6 the", ("month_day", "Monday, March 6", 2023, 3, 6, None, "Monday", True, True)),
    ("Monday, 6 March 2023", ("full", "Monday, 6 March 2023", 2023, 3, 6, None, "Monday", False, True)),
    ("on March 6 the", ("month_day", "March 6", 2023, 3, 6, None, None, True, True)),
    ("on 6 March the", ("month_day", "6 March", 2023, 3, 6, None, None, True, True)),
    ("from March 6-8, 2023", ("full", "March 6-8, 2023", 2023, 3, 6, 8, None, False, True)),
    ("from March 6–8", ("month_day", "March 6–8", 2023, 3, 6, 8, None, True, True)),
    ("from 6-8 March 2023", ("full", "6-8 March 2023", 2023, 3, 6, 8, None, False, True)),
    ("in March 2023 the", ("month_year", "March 2023", 2023, 3, None, None, None, False, True)),
    ("in September 2023,", ("month_year", "September 2023", 2023, 9, None, None, None, False, True)),
    ("in Sept. 2023,", ("month_year", "Sept. 2023", 2023, 9, None, None, None, False, True)),
    ("in March of 2023,", ("month_year", "March of 2023", 2023, 3, None, None, None, False, True)),
    ("in May 2023,", ("month_year", "May 2023", 2023, 5, None, None, None, False, True)),
    ("on Tuesday the", ("weekday", "Tuesday", None, None, None, None, "Tuesday", False, True)),
    ("Tuesday's vote", ("weekday", "Tuesday", None, None, None, None, "Tuesday", False, True)),
    ("in 2023 the", ("year", "2023", 2023, None, None, None, None, False, True)),
    ("since 1990,", ("year", "1990", 1990, None, None, None, None, False, True)),
    ("by mid-2030", ("year", "2030", 2030, None, None, None, None, False, True)),
    ("said yesterday.", ("relative", "yesterday", None, None, None, None, None, False, True)),
    ("Today the", ("relative", "Today", None, None, None, None, None, False, True)),
    ("said last night", ("relative", "last night", None, None, None, None, None, False, True)),
    ("met this afternoon", ("relative", "this afternoon", None, None, None, None, None, False, True)),
    # impossible dates and leap years
    ("on February 30, 2024", ("full", "February 30, 2024", 2024, 2, 30, None, None, False, False)),
    ("on February 29, 2024", ("full", "February 29, 2024", 2024, 2, 29, None, None, False, True)),
    ("on February 29, 2023", ("full", "February 29, 2023", 2023, 2, 29, None, None, False, False)),
    ("on Feb. 29, 2000", ("full", "Feb. 29, 2000", 2000, 2, 29, None, None, False, True)),
    ("on Feb. 29, 1900", ("full", "Feb. 29, 1900", 1900, 2, 29, None, None, False, False)),
    ("on 1900-02-29", ("iso", "1900-02-29", 1900, 2, 29, None, None, False, False)),
    ("on 2000-02-29", ("iso", "2000-02-29", 2000, 2, 29, None, None, False, True)),
    ("on April 31", ("month_day", "April 31", 2023, 4, 31, None, None, True, False)),
    ("on February 29", ("month_day", "February 29", 2023, 2, 29, None, None, True, False)),
    ("from April 30-31", ("month_day", "April 30-31", 2023, 4, 30, 31, None, True, False)),
    ("from March 8-6, 2023", ("full", "March 8-6, 2023", 2023, 3, 8, 6, None, False, False)),
    ("on December 31, 1999", ("full", "December 31, 1999", 1999, 12, 31, None, None, False, True)),
    ("on  March 6 , 2023", ("full", "March 6, 2023", 2023, 3, 6, None, None, False, True)),
    ("on March\n6, 2023", ("full", "March 6, 2023", 2023, 3, 6, None, None, False, True)),
]


def _row(m):
    return (m.kind, m.text, m.year, m.month, m.day, m.end_day, m.weekday, m.year_inferred, m.valid)


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_forms(text, expected):
    found = find_dates(text, PUB)
    assert [_row(m) for m in found] == [expected]


NOT_DATES = [
    "6,000 March marchers filled the square",
    "the 2023 budget was approved",
    "March 6,000 people",
    "The march began at 10:30",
    "in May the council",
    "She may 6 times",
    "Marching season, Mayor Augustine, Junior Decent",
    "the 1990s and the 2023-24 season",
    "2023-13-45 is a code",
    "a score of 31-2 in March",
    "the Tonight Show and USA Today",
    "Mondays are quiet",
    "March 45 and 0 March",
    "item 12.5 March",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_several_mentions_in_order_with_columns():
    text = "On Monday, March 6, 2023, in September 2023 and yesterday, on Tuesday, in 2024."
    found = find_dates(text, PUB)
    assert [(m.kind, m.text, m.span.column, m.span.end_column) for m in found] == [
        ("full", "Monday, March 6, 2023", 4, 25),
        ("month_year", "September 2023", 30, 44),
        ("relative", "yesterday", 49, 58),
        ("weekday", "Tuesday", 63, 70),
        ("year", "2024", 75, 79),
    ]


def test_no_reference_date_leaves_year_unknown():
    (m,) = find_dates("on March 6", None)
    assert (m.year, m.year_inferred, m.valid) == (None, False, True)
    (m,) = find_dates("on February 29", None)
    assert m.valid  # some year has it
    (m,) = find_dates("on April 31", None)
    assert not m.valid


def test_year_inference_picks_the_nearest_year():
    assert infer_year(12, 28, date(2024, 1, 3)) == 2023
    assert infer_year(1, 2, date(2023, 12, 30)) == 2024
    assert infer_year(6, 1, date(2023, 3, 6)) == 2023
    assert infer_year(2, 29, date(2023, 3, 6)) == 2023


def test_families_and_month_text():
    found = find_dates("March 6, 2023; 6 March 2023; 2023-03-06; March 2023; Sept. 6", PUB)
    assert [(m.family, m.month_text) for m in found] == [
        ("mdy", "March"),
        ("dmy", "March"),
        ("iso", None),
        (None, "March"),
        ("mdy", "Sept."),
    ]
    assert found[4].month_span is not None and found[4].month_span.column == 54


@pytest.mark.parametrize(
    "text,cue",
    [
        ("The treaty was signed on June 3, 2024.", "was signed"),
        ("The treaty, signed on June 3, 2024, is void.", None),  # "is" is present tense
        ("Elections were held in June 2024.", "were held"),
        ("On June 3, 2024, the deal was signed.", "was signed"),
        ("In June 2024, officials signed the deal.", "signed"),
        ("The talks ended on June 3, 2024.", "ended"),
        ("The treaty will be signed on June 3, 2024.", None),
        ("The vote is scheduled for June 3, 2024.", None),
        ("Elections are due in June 2024.", None),
        ("They agreed to meet on June 3, 2024.", None),
        ("The summit was postponed until June 2024.", None),
        ("A revised June 2024 budget.", None),
        ("The June 2024 elections.", None),
        ("Officials said the vote would come in June 2024.", None),
    ],
)
def test_past_cue(text, cue):
    (m,) = find_dates(text, PUB)
    assert m.past_cue == cue


def test_past_cue_stops_at_the_sentence_end():
    (m,) = find_dates("The treaty was signed. June 3, 2024 is the next date.", PUB)
    assert m.past_cue is None


def test_helpers():
    assert month_number("Sept.") == 9 and month_number("sep") == 9 and month_number("May") == 5
    assert month_number("Mayor") is None
    assert days_in_month(None, 2) == 29 and days_in_month(2023, 2) == 28 and days_in_month(2000, 2) == 29
    assert days_in_month(1900, 2) == 28
    assert long_date(date(2023, 3, 5)) == "Sunday, March 5, 2023"
    assert relative_date("Yesterday", PUB) == date(2023, 3, 5)
    assert relative_date("last  night", PUB) == date(2023, 3, 5)
    assert relative_date("tomorrow", PUB) == date(2023, 3, 7)
    assert relative_date("this morning", PUB) == PUB


def test_bare_years_only_in_title_mode():
    assert find_dates("The 2023 budget", PUB) == []
    (m,) = find_dates("The 2023 budget", PUB, bare_years=True)
    assert (m.kind, m.year, m.span.column) == ("year", 2023, 5)
    assert find_dates("The 1990s and 2023-24 and $2023", PUB, bare_years=True) == []


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.integers(0, 6))
def test_weekday_parsing_agrees_with_datetime(d, weekday):
    text = f"It was {WEEKDAYS[weekday]}, {MONTHS[d.month - 1]} {d.day}, {d.year}, at noon."
    (m,) = find_dates(text, None)
    assert (m.year, m.month, m.day, m.valid) == (d.year, d.month, d.day, True)
    assert m.date == d
    assert (m.weekday_number == d.weekday()) == (weekday == d.weekday())


@given(st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 31))
def test_validity_agrees_with_datetime(year, month, day):
    try:
        date(year, month, day)
        exists = True
    except ValueError:
        exists = False
    (m,) = find_dates(f"on {MONTHS[month - 1]} {day}, {year}.", None)
    assert m.valid == exists
    (m,) = find_dates(f"on {year:04d}-{month:02d}-{day:02d}.", None)
    assert m.valid == exists


def test_article_dates_have_file_positions_and_places():
    a = article(
        """\
        ## Vote on March 6

        The council met *yesterday* and on `2023-03-06` and on March 7.

        > "Today we won," she said on Tuesday.

        ```
        March 8, 2023
        ```
        """,
        front="---\ntitle: The 2024 vote\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\nsummary: Held on March 5.\n---\n\n",
    )
    rows = [(m.where, m.kind, m.text, m.span.line, m.span.column, m.year) for m in a.dates]
    assert rows == [
        ("title", "year", "2024", 2, 12, 2024),
        ("summary", "month_day", "March 5", 5, 18, 2024),
        ("heading", "month_day", "March 6", 8, 12, 2024),
        ("prose", "relative", "yesterday", 10, 18, None),
        ("prose", "month_day", "March 7", 10, 56, 2024),
        ("prose", "relative", "Today", 12, 4, None),
        ("prose", "weekday", "Tuesday", 12, 31, None),
    ]
    assert a.dates[3].block == 1 and a.dates[2].block == 0


@pytest.mark.parametrize(
    "text,cue",
    [
        ("Schools reopened Monday, Jan. 8, 2024, the district said.", None),
        ("It was the worst since December 2024.", "was"),
        ("The deal had been signed on June 3, 2024.", "had been signed"),
        ("The agency said on June 3, 2024 that it would act.", None),  # "would" marks the future
        ("The agency said on June 3, 2024 that prices rose.", "said"),
        ("A lawsuit filed on Feb. 14, 2024, claims damages.", "filed"),
        ("The review, which began in October 2024, had found problems.", "began"),
    ],
)
def test_past_cue_phrases(text, cue):
    (m,) = find_dates(text, PUB)
    assert m.past_cue == cue


_PIECES = st.sampled_from(
    ["March", "Mar.", "Sept", "May", "6", "31", "2023", "1900", ",", " ", "-", "–", "of", "the", "on", "in",
     "Monday", "today", "last night", "th", ".", "\n", "6,000", "2023-02-29", "was", "signed", "'s", "0"]
)


@given(st.lists(_PIECES, max_size=30).map("".join), st.none() | st.dates())
def test_finder_never_fails_and_mentions_do_not_overlap(text, reference):
    found = find_dates(text, reference)
    ends = 0
    for m in found:
        assert ends <= m.start < m.end <= len(text)
        assert " ".join(text[m.start : m.end].split()).replace(" ,", ",") == m.text
        assert m.span.line >= 1 and m.span.column >= 1
        if m.valid and m.year is not None and m.day is not None:
            assert m.date is not None
        ends = m.end


# --- QA regressions -------------------------------------------------------------------------------


def test_taken_spans_are_checked_by_bisection():
    from newsctl.dates import _Taken

    taken = _Taken()
    for start, end in ((10, 20), (30, 40)):
        taken.add(start, end)
    taken.commit()
    taken.add(0, 5)
    taken.commit()
    assert [taken.free(s, e) for s, e in ((5, 10), (20, 30), (19, 21), (0, 1), (35, 36), (40, 50), (9, 11))] == [
        True, True, False, False, False, True, False,
    ]


def test_long_paragraph_keeps_every_mention_in_order():
    from datetime import date

    from newsctl.dates import find_dates

    text = " ".join(["On Monday, March 7, 2023 and yesterday,"] * 3000)
    found = find_dates(text, date(2023, 3, 8))
    assert [m.kind for m in found] == ["full", "relative"] * 3000
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_infer_year_follows_the_tense():
    from datetime import date

    pub = date(2028, 11, 20)
    assert [infer_year(2, 29, pub, t) for t in ("past", "future", None)] == [2028, 2029, 2029]  # no February 29 in 2029: reported
    assert infer_year(12, 1, pub, "past") == 2027
    assert infer_year(11, 1, pub, "future") == 2029
    assert infer_year(2, 29, date(2029, 3, 10), "past") == 2028
    assert infer_year(2, 29, date(2027, 1, 10), "future") == 2028
    assert infer_year(12, 31, date(9999, 12, 31), "future") == 9999
    assert infer_year(1, 2, date(9999, 12, 31), "future") == 9999  # no later year: the nearest


# --- QA regressions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "kind", "weekday"),
    [
        ("The fair opened Fri., Feb. 28.", "Fri., Feb. 28", "month_day", 4),
        ("It opened Fri., Feb. 28, 2026.", "Fri., Feb. 28, 2026", "full", 4),
        ("It opened Fri, Feb 28, 2026.", "Fri, Feb 28, 2026", "full", 4),
        ("Set for Thurs. March 5 and more.", "Thurs. March 5", "month_day", 3),
        ("Set for Tues, 3 March 2026.", "Tues, 3 March 2026", "full", 1),
        ("Open Sat 2026-02-28 only.", "Sat 2026-02-28", "iso", 5),
    ],
)
def test_abbreviated_weekday_before_a_date(text, written, kind, weekday):
    [m] = find_dates(text, date(2026, 3, 2))
    assert (m.text, m.kind, m.weekday_number, m.weekday_name) == (written, kind, weekday, WEEKDAYS[weekday])


def test_the_sun_is_a_newspaper_not_sunday():
    [m] = find_dates("The Sun, March 6 edition.", date(2026, 3, 2))
    assert (m.text, m.weekday) == ("March 6", None)


@pytest.mark.parametrize("text", ["Case 2026-02-30-ABC was filed.", "Ref 2026-02-28x.", "Ref 2026-02-28-7b."])
def test_iso_date_glued_to_more_characters_is_an_identifier(text):
    assert find_dates(text, date(2026, 3, 2)) == []


def test_iso_date_followed_by_a_time_or_punctuation_is_a_date():
    found = find_dates("At 2026-02-28T09:00 and on 2026-02-27.", date(2026, 3, 2))
    assert [(m.text, m.kind) for m in found] == [("2026-02-28", "iso"), ("2026-02-27", "iso")]
