"""Date rules D001-D013: exact codes, lines, columns and messages."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, lint
from newsctl.dates import MONTHS, WEEKDAYS
from newsctl.engine import lint_article, lint_paths
from newsctl.parse import parse_text
from newsctl.registry import DOC_SECTIONS
from newsctl.rulebook import all_rules
from newsctl.settings import from_mapping, parse_now

NOW = "2023-03-07T12:00:00Z"


def front(**fields: str) -> str:
    values = {"title": "Council approves budget", "date": "2023-03-06T18:00:00+01:00", "author": "Jane Doe"}
    values.update(fields)
    lines = [f"{k}: {v}" for k, v in values.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n"  # body starts on line len(values) + 4


def run(text: str, select: str | list[str], now: str = NOW):
    s = replace(from_mapping({"select": [select] if isinstance(select, str) else select}), now=parse_now(now))
    return lint_article(parse_text(text, "a.md"), s)


def rows(findings):
    return [(f.code, f.line, f.column, f.message) for f in findings]


def body(text: str, **fields: str) -> str:
    return front(**fields) + textwrap.dedent(text)


# --- D001 impossible-date ----------------------------------------------------------------------


def test_impossible_dates():
    text = body(
        """\
        The deal was signed on February 30, 2024, or on April 31.
        Leap days: Feb. 29, 2000 is fine, Feb. 29, 1900 is not, nor is 2023-02-29.
        Ranges: April 30-31 and March 8-6, 2023.
        """
    )
    assert rows(run(text, "D001")) == [
        ("D001", 7, 24, '"February 30, 2024" is not a real date: February 2024 has 29 days'),
        (
            "D001",
            7,
            49,
            '"April 31" is not a real date: April has 30 days',
        ),
        ("D001", 8, 35, '"Feb. 29, 1900" is not a real date: February 1900 has 28 days (1900 is not a leap year)'),
        ("D001", 8, 64, '"2023-02-29" is not a real date: February 2023 has 28 days (2023 is not a leap year)'),
        (
            "D001",
            9,
            9,
            '"April 30-31" is not a real date: April has 30 days',
        ),
        ("D001", 9, 25, '"March 8-6, 2023" is not a real date: the range ends before it starts'),
    ]


def test_impossible_date_without_publication_date():
    text = body("On April 31 and February 29 we met.\n", date=None)
    assert rows(run(text, "D001")) == [("D001", 6, 4, '"April 31" is not a real date: April has 30 days')]


def test_impossible_date_in_title_and_heading():
    text = body("## Vote on June 31\n\nText.\n", title="'Vote set for February 30, 2024'")
    assert rows(run(text, "D001")) == [
        ("D001", 2, 22, '"February 30, 2024" is not a real date: February 2024 has 29 days'),
        (
            "D001",
            7,
            12,
            '"June 31" is not a real date: June has 30 days',
        ),
    ]


# --- D002 weekday-mismatch ---------------------------------------------------------------------


def test_weekday_mismatch():
    text = body(
        """\
        The hearing on Monday, March 7, 2023, drew crowds; on Monday, March 6 it was quiet.
        It ends on Friday, March 10 and on Tuesday, 7 March 2023.
        """
    )
    assert rows(run(text, "D002")) == [
        ("D002", 7, 16, '"Monday, March 7, 2023": March 7, 2023 is a Tuesday, not a Monday'),
    ]


def test_weekday_mismatch_inferred_year():
    text = body("It ends on Thursday, March 10.\n")
    assert rows(run(text, "D002")) == [
        (
            "D002",
            7,
            12,
            '"Thursday, March 10": March 10, 2023 (no year is written; read as 2023: the nearest to the publication '
            "date) is a Friday, not a Thursday",
        )
    ]


def test_weekday_inferred_year_follows_the_tense():
    # Published March 6, 2023: "ended on March 10" is March 10, 2022 (a Thursday).
    text = body("It ended on Thursday, March 10. It will end on Friday, March 3.\n")
    assert rows(run(text, "D002")) == [
        (
            "D002",
            7,
            48,
            '"Friday, March 3": March 3, 2024 (no year is written; read as 2024: future tense, so the next such day '
            "from publication) is a Sunday, not a Friday",
        )
    ]


def test_weekday_without_publication_year_is_not_checked():
    assert run(body("It ended on Thursday, March 10.\n", date=None), "D002") == []


@hsettings(max_examples=200)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.integers(0, 6))
def test_weekday_rule_agrees_with_datetime(d, weekday):
    text = front() + f"The meeting was on {WEEKDAYS[weekday]}, {MONTHS[d.month - 1]} {d.day}, {d.year}.\n"
    found = run(text, "D002")
    if weekday == d.weekday():
        assert found == []
    else:
        assert [(f.code, f.line, f.column) for f in found] == [("D002", 7, 20)]
        assert f"is a {WEEKDAYS[d.weekday()]}, not a {WEEKDAYS[weekday]}" in found[0].message


# --- D003/D004 future date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,now,expected",
    [
        (
            "published",
            "2023-03-06T12:00:00Z",
            [
                (
                    "D003",
                    3,
                    7,
                    "'date' 2023-03-06T18:00:00+01:00 is after the current time (2023-03-06T12:00:00+00:00) "
                    "but status is 'published'",
                )
            ],
        ),
        ("published", "2023-03-06T17:00:00Z", []),  # 18:00+01:00 is 17:00 UTC: not after
        (
            "ready",
            "2023-03-06T12:00:00Z",
            [
                (
                    "D004",
                    3,
                    7,
                    "'date' 2023-03-06T18:00:00+01:00 is after the current time (2023-03-06T12:00:00+00:00); "
                    "status is 'ready'",
                )
            ],
        ),
        ("draft", "2023-03-06T12:00:00Z", [("D004", 3, 7, None)]),
        ("draft", "2023-03-08T12:00:00Z", []),
        (None, "2023-03-06T12:00:00Z", []),
    ],
)
def test_future_publication_date(status, now, expected):
    text = body("Text.\n", status=status)
    got = rows(run(text, ["D003", "D004"], now=now))
    assert [(c, ln, col, m if e[3] else None) for (c, ln, col, m), e in zip(got, expected)] == expected
    assert len(got) == len(expected)


def test_scheduled_story_is_reported_at_its_date():
    text = body("Text.\n", status="ready")
    assert [row[:3] for row in rows(run(text, "D004", now="2023-03-06T12:00:00Z"))] == [("D004", 3, 7)]
    assert run(text, "D004", now="2023-03-07T12:00:00Z") == []


def test_future_bare_date_is_a_whole_day():
    text = body("Text.\n", date="2023-03-06", status="published")
    assert run(text, "D003", now="2023-03-06T00:30:00Z") == []
    assert rows(run(text, "D003", now="2023-03-05T23:00:00Z")) == [
        ("D003", 3, 7, "'date' 2023-03-06 is after the current time (2023-03-05T23:00:00+00:00) but status is 'published'")
    ]


# --- D005/D006 updated and timezones -----------------------------------------------------------


def test_updated_before_date():
    text = body("Text.\n", updated="2023-03-06T09:00:00+01:00")
    assert rows(run(text, "D005")) == [
        ("D005", 5, 10, "'updated' 2023-03-06T09:00:00+01:00 is earlier than 'date' 2023-03-06T18:00:00+01:00")
    ]
    assert run(body("Text.\n", updated="2023-03-06T19:00:00+01:00"), "D005") == []
    assert run(body("Text.\n", updated="2023-03-06"), "D005") == []  # same day, no time: not earlier
    assert [f.line for f in run(body("Text.\n", updated="2023-03-05"), "D005")] == [5]


def test_date_without_timezone():
    text = body("Text.\n", date="2023-03-06T18:00:00", updated="2023-03-07T10:00", embargo="2023-03-06T08:00:00")
    found = run(text, "D006")
    assert rows(found) == [
        ("D006", 3, 7, "'date' 2023-03-06T18:00:00 has a time but no timezone"),
        ("D006", 5, 10, "'updated' 2023-03-07T10:00 has a time but no timezone"),
        ("D006", 6, 10, "'embargo' 2023-03-06T08:00:00 has a time but no timezone"),
    ]
    assert found[1].hint == "Add the UTC offset, e.g. 2023-03-07T10:00:00+00:00"
    assert run(body("Text.\n"), "D006") == []
    assert run(body("Text.\n", date="2023-03-06", updated="2023-03-07"), "D006") == []  # whole days


# --- D007/D008 embargo -------------------------------------------------------------------------


def test_embargo_after_date_on_published_article():
    text = body("Text.\n", status="published", embargo="2023-03-06T20:00:00+01:00")
    assert rows(run(text, "D007")) == [
        (
            "D007",
            6,
            10,
            "'embargo' 2023-03-06T20:00:00+01:00 is later than 'date' 2023-03-06T18:00:00+01:00 on a published article",
        )
    ]
    assert run(body("Text.\n", status="ready", embargo="2023-03-06T20:00:00+01:00"), "D007") == []
    assert run(body("Text.\n", status="published", embargo="2023-03-06T17:00:00+00:00"), "D007") == []


def test_embargo_passed_on_unpublished_article():
    text = body("Text.\n", status="ready", embargo="2023-03-06T20:00:00+01:00")
    assert rows(run(text, "D008")) == [
        (
            "D008",
            6,
            10,
            "'embargo' 2023-03-06T20:00:00+01:00 has already passed (now 2023-03-07T12:00:00+00:00); status is 'ready'",
        )
    ]
    assert run(text, "D008", now="2023-03-06T12:00:00Z") == []
    assert run(body("Text.\n", status="published", embargo="2023-03-06T20:00:00+01:00"), "D008") == []


# --- D009 relative-date-word -------------------------------------------------------------------


def test_relative_words_with_absolute_dates():
    text = body(
        """\
        The council voted yesterday. Today, the mayor spoke; tomorrow she travels.
        "We meet tonight," she said, after talks last night and this morning.
        USA Today reported it this afternoon.
        """
    )
    assert rows(run(text, "D009")) == [
        ("D009", 7, 19, "'yesterday' means Sunday, March 5, 2023 here"),
        ("D009", 7, 30, "'Today' means Monday, March 6, 2023 here"),
        ("D009", 7, 54, "'tomorrow' means Tuesday, March 7, 2023 here"),
        ("D009", 8, 10, "'tonight' in a quotation means the night of Monday, March 6, 2023 here"),
        ("D009", 8, 42, "'last night' means the night of Sunday, March 5, 2023 here"),
        ("D009", 8, 57, "'this morning' means the morning of Monday, March 6, 2023 here"),
        ("D009", 9, 23, "'this afternoon' means the afternoon of Monday, March 6, 2023 here"),
    ]
    hint = run(text, "D009")[0].hint
    assert hint == 'Write the day instead ("Sunday" or "March 5, 2023"): syndicated copy is read on other days'


def test_relative_word_in_code_is_not_prose_and_no_date_is_silent():
    assert run(body("Run `yesterday` and\n\n```\ntoday\n```\n"), "D009") == []
    assert run(body("It rained yesterday.\n", date=None), "D009") == []


# --- D010 title-year-mismatch ------------------------------------------------------------------


def test_title_and_summary_year():
    text = body("Text.\n", title="Council approves 2022 budget", summary="'Budget for 2022 passes'")
    assert rows(run(text, "D010")) == [
        ("D010", 2, 25, "Title mentions 2022 but the article is dated 2023 ('date' 2023-03-06T18:00:00+01:00)"),
        ("D010", 5, 22, "Summary mentions 2022 but the article is dated 2023 ('date' 2023-03-06T18:00:00+01:00)"),
    ]


@pytest.mark.parametrize(
    "title",
    ["Council approves 2023 budget", "From 1989 to 2023", "The 1990s revisited", "The 2022-23 season", "No year"],
)
def test_title_year_not_reported(title):
    assert run(body("Text.\n", title=title), "D010") == []


# --- D011 future-date-reported-as-past ---------------------------------------------------------


def test_future_date_reported_as_past():
    text = body(
        """\
        The treaty was signed on June 3, 2024. It will be ratified on June 3, 2024.
        In September 2023, officials met again. Elections are due in September 2023.
        The March 2024 vote, signed on March 1, 2023, stands. It was signed on 2024-06-03.
        """
    )
    assert rows(run(text, "D011")) == [
        (
            "D011",
            7,
            26,
            '"June 3, 2024" is after the publication date (March 6, 2023) but is reported as past ("was signed")',
        ),
        (
            "D011",
            8,
            4,
            '"September 2023" is after the publication date (March 6, 2023) but is reported as past ("met")',
        ),
        (
            "D011",
            9,
            72,
            '"2024-06-03" is after the publication date (March 6, 2023) but is reported as past ("was signed")',
        ),
    ]


def test_future_date_inferred_year_is_not_checked():
    assert run(body("The deal was signed on June 3.\n"), "D011") == []


# --- D012 ap-date-style ------------------------------------------------------------------------


def test_ap_style_is_off_by_default():
    text = body("On January 9, 2023 and Mar. 8.\n")
    assert [f.code for f in run(text, "D")] == []
    assert [f.code for f in run(text, "D012")] == ["D012", "D012", "D012"]


def test_ap_style_months_and_weekdays():
    text = body(
        """\
        Talks on January 19, 2023 and Mar. 20, 2023 ended in Sept. 2023 and on Sep. 21, 2023.
        The vote on March 8 follows talks on Tuesday, March 7 and the report of Feb. 28.
        """
    )
    found = run(text, "D012")
    assert rows(found) == [
        ("D012", 7, 10, '"January 19, 2023": AP style abbreviates January before a day number ("Jan. 19, 2023")'),
        ("D012", 7, 31, '"Mar. 20, 2023": AP style never abbreviates March ("March 20, 2023")'),
        ("D012", 7, 54, '"Sept. 2023": AP style spells out the month when no day follows ("September 2023")'),
        ("D012", 7, 72, '"Sep. 21, 2023": AP style abbreviates September as "Sept." ("Sept. 21, 2023")'),
        ("D012", 8, 13, '"March 8" is 2 days after publication (March 6, 2023); AP style uses the weekday ("Wednesday")'),
        ("D012", 8, 73, '"Feb. 28" is 6 days before publication (March 6, 2023); AP style uses the weekday ("Tuesday")'),
    ]
    fix = found[1].fix
    assert fix is not None and fix.message == "Write March"
    assert [e.to_dict() for e in fix.edits] == [
        {"line": 7, "column": 31, "end_line": 7, "end_column": 35, "content": "March"}
    ]


# --- D013 mixed-date-formats -------------------------------------------------------------------


def test_mixed_formats():
    text = body(
        """\
        It passed on March 6, 2023 and on March 1.

        It takes effect on 2023-04-01 and ends on 6 May 2023.
        """
    )
    assert rows(run(text, "D013")) == [
        (
            "D013",
            9,
            20,
            '"2023-04-01" is written ISO (YYYY-MM-DD); the article mostly writes month-day-year ("March 6, 2023", line 7)',
        ),
        (
            "D013",
            9,
            43,
            '"6 May 2023" is written day-month-year; the article mostly writes month-day-year ("March 6, 2023", line 7)',
        ),
    ]
    assert run(body("March 6, 2023 and March 7 and Mar. 8, 2023.\n"), "D013") == []


def test_mixed_formats_tie_names_the_first():
    found = run(body("It passed on 2023-03-06 and ends on March 9, 2023.\n"), "D013")
    assert rows(found) == [
        (
            "D013",
            7,
            37,
            '"March 9, 2023" is written month-day-year; the article first writes ISO (YYYY-MM-DD) ("2023-03-06", line 7)',
        )
    ]


# --- fixtures, clean samples and docs ----------------------------------------------------------


def _lint_file(path, now=NOW):
    s = replace(from_mapping({}), now=parse_now(now))
    return lint_paths([path], s).findings


def test_fixture_with_date_problems():
    found = [f for f in _lint_file(FIXTURES / "dates-problems.md") if f.category == "dates"]
    assert [(f.code, f.line, f.column) for f in found] == [
        ("D010", 2, 25),
        ("D005", 4, 10),
        ("D009", 10, 43),
        ("D002", 12, 100),
        ("D011", 12, 100),
        ("D011", 16, 34),
        ("D009", 18, 23),
    ]


def test_clean_fixture_and_sample_articles_have_no_date_findings():
    assert [f for f in _lint_file(FIXTURES / "dates-clean.md") if f.category == "dates"] == []
    found = _lint_file(ROOT / "articles", now="2026-11-28T12:00:00Z")
    assert [f for f in found if f.category == "dates"] == []


def test_every_date_rule_is_documented():
    rules = [r for r in all_rules() if r.category == "dates"]
    assert [r.code for r in rules] == [f"D{i:03d}" for i in range(1, 14)]
    for r in rules:
        for section in DOC_SECTIONS[:4]:
            assert r.doc.get(section), f"{r.code} lacks '{section}'"
    assert [r.code for r in rules if not r.default_enabled] == ["D012"]


def test_relative_dates_cover_a_week():
    # the absolute date moves with the publication date
    for offset in range(7):
        pub = date(2023, 3, 6) + timedelta(days=offset)
        text = front(date=pub.isoformat() + "T12:00:00+00:00") + "It happened yesterday.\n"
        (f,) = run(text, "D009", now="2024-01-01T00:00:00Z")
        d = pub - timedelta(days=1)
        assert f.message == f"'yesterday' means {WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year} here"


def test_readme_date_checks_example(monkeypatch):
    """The `## Date checks` example in README.md is exactly what the CLI prints."""
    import shlex

    from typer.testing import CliRunner

    from newsctl.cli.app import app

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Date checks", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    command, expected = block.split("\n", 1)
    args = shlex.split(command.removeprefix("$ "))
    assert args[0] == "newsctl"
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = CliRunner().invoke(app, args[1:])
    assert result.exit_code == 1
    assert result.stdout.rstrip("\n") == expected.rstrip("\n")


# --- QA regressions -------------------------------------------------------------------------------


def qa(date_value: str, text: str, **fields: str) -> str:
    values = {"title": "Council passes laws", "date": date_value, "author": "Jane Doe", "summary": "Laws pass."}
    values.update(fields)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items()) + "---\n\n" + text + "\n"


def test_past_february_29_is_read_in_the_last_leap_year():
    text = qa(
        "2028-11-20T08:30:00+01:00",
        "The council, which was sworn in on February 29, has passed 14 laws this year.",
    )
    assert rows(run(text, "D001", now="2028-11-21T00:00:00Z")) == []
    [m] = [m for m in parse_text(text, "a.md").dates if m.kind == "month_day"]
    assert (m.year, m.year_basis, m.valid, m.past_cue) == (2028, "past", True, "was")


def test_february_29_without_a_year_is_a_real_day_but_february_30_is_not():
    # Published January 10, 2027: no year near it has a February 29, but a year-less
    # "February 29" exists in leap years; February 30 and April 31 exist in no year.
    text = qa(
        "2027-01-10T08:30:00+01:00",
        "The vote was held on February 29. The vote will be on February 29. The vote is on Feb. 30. "
        "Not April 31.",
    )
    assert rows(run(text, "D001", now="2027-01-11T00:00:00Z")) == [
        ("D001", 8, 83, '"Feb. 30" is not a real date: February has at most 29 days'),
        ("D001", 8, 96, '"April 31" is not a real date: April has 30 days'),
    ]


def test_bare_embargo_has_no_time_to_lack_a_timezone():
    text = qa("2026-11-20T08:30:00+01:00", "Text.", embargo="2026-11-20")
    assert run(text, "D006", now="2026-11-21T00:00:00Z") == []
    assert parse_text(text, "a.md").meta.embargo_is_bare is True
    timed = qa("2026-11-20T08:30:00+01:00", "Text.", embargo="2026-11-20T06:00:00")
    assert [(f.code, f.line) for f in run(timed, "D006", now="2026-11-21T00:00:00Z")] == [("D006", 6)]


@pytest.mark.parametrize(
    ("date_value", "word", "message"),
    [
        (
            "9999-12-31T23:59:59-12:00",
            "tomorrow",
            "'tomorrow' is counted from the publication date (December 31, 9999); the day it means is outside "
            "the calendar",
        ),
        (
            "0001-01-01T00:00:00+00:00",
            "yesterday",
            "'yesterday' is counted from the publication date (January 1, 1); the day it means is outside the calendar",
        ),
        ("9999-12-31T23:59:59-12:00", "yesterday", "'yesterday' means Thursday, December 30, 9999 here"),
    ],
)
def test_relative_word_at_the_end_of_the_calendar(date_value, word, message):
    text = qa(date_value, f"The vote is {word}.")
    assert rows(run(text, "D009", now="2026-11-21T00:00:00Z")) == [("D009", 8, 13, message)]


def test_forward_looking_headline_years_are_not_reported():
    text = qa(
        "2026-11-20T08:30:00+01:00",
        "Text.",
        title="Council sets 2027 budget vote for March 10",
        summary="The 2028 Olympics plan and a 2025 audit.",
    )
    assert rows(run(text, "D010", now="2026-11-21T00:00:00Z")) == [
        ("D010", 5, 39, "Summary mentions 2025 but the article is dated 2026 ('date' 2026-11-20T08:30:00+01:00)"),
    ]


def test_weekday_abbreviation_is_not_the_verb_sat():
    text = qa(
        "2026-11-20T08:30:00+01:00",
        "The meeting on Saturday, November 21, 2026 and Sat., Nov. 21 is open. Sat, Nov. 21, 2026 too.",
    )
    assert run(text, "D011", now="2026-11-21T00:00:00Z") == []
    past = qa("2026-11-20T08:30:00+01:00", "The council sat on November 21, 2026.")
    assert [f.message for f in run(past, "D011", now="2026-11-21T00:00:00Z")] == [
        '"November 21, 2026" is after the publication date (November 20, 2026) but is reported as past ("sat")'
    ]


def test_relative_words_in_capitals_but_not_usa_today():
    text = qa(
        "2026-11-20T08:30:00+01:00",
        "The vote is TODAY. Yesterday it rained. USA Today and USA TODAY reported it. Last Night the band played.",
    )
    assert [(f.column, f.message) for f in run(text, "D009", now="2026-11-21T00:00:00Z")] == [
        (13, "'TODAY' means Friday, November 20, 2026 here"),
        (20, "'Yesterday' means Thursday, November 19, 2026 here"),
        (78, "'Last Night' means the night of Thursday, November 19, 2026 here"),
    ]
    assert [f.column for f in run(qa("2026-11-20", "COUNCIL VOTES TODAY"), "D009", now="2026-11-21")] == [15]


# --- QA regressions, second round (articles dated 2026-03-02T09:00:00Z) ----------------------------

QA_NOW = "2026-03-02T12:00:00Z"


def mk(text: str, date_value: str = "2026-03-02T09:00:00Z", title: str = "T", summary: str = "S.") -> str:
    return f"---\ntitle: {title}\ndate: {date_value}\nauthor: A\nsummary: {summary}\n---\n\n{text}\n"


def qa_rows(text: str, select: list[str]):
    return [(f.code, f.line, f.column, f.message) for f in lint(text, select=select, now=QA_NOW)]


@pytest.mark.parametrize(
    "sentence",
    [
        "She was born on February 29.",
        "People born on February 29 celebrate every four years.",
        "Births on February 29 are rare.",
        "The deadline falls on February 29 in leap years.",
    ],
)
def test_february_29_without_a_year_is_not_impossible(sentence):
    assert qa_rows(mk(sentence), ["D001"]) == []


def test_february_29_without_a_year_in_the_summary_is_not_impossible():
    assert qa_rows(mk("Text.", summary="Born on February 29."), ["D001"]) == []


def test_impossible_days_without_a_year_and_written_years_are_still_errors():
    text = mk("February 30, April 31, June 31 and February 29, 2023 are not dates; February 29, 2024 is.")
    assert qa_rows(text, ["D001"]) == [
        ("D001", 8, 1, '"February 30" is not a real date: February has at most 29 days'),
        ("D001", 8, 14, '"April 31" is not a real date: April has 30 days'),
        ("D001", 8, 24, '"June 31" is not a real date: June has 30 days'),
        (
            "D001",
            8,
            36,
            '"February 29, 2023" is not a real date: February 2023 has 28 days (2023 is not a leap year)',
        ),
    ]


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("The fair opened Fri., Feb. 28.", "Fri., Feb. 28"),
        ("The fair opened Fri., Feb. 28, 2026.", "Fri., Feb. 28, 2026"),
        ("The fair opened Fri, Feb 28, 2026.", "Fri, Feb 28, 2026"),
    ],
)
def test_abbreviated_weekday_is_checked_against_the_date(sentence, written):
    [(code, line, column, message)] = qa_rows(mk(sentence), ["D002"])
    assert (code, line, column) == ("D002", 8, 17)
    assert message.startswith(f'"{written}": February 28, 2026')
    assert message.endswith("is a Saturday, not a Friday")


def test_ap_style_does_not_ask_for_a_weekday_that_is_written():
    assert qa_rows(mk("The embargo lifted on Sat., Feb. 28."), ["D012"]) == []
    assert [m for (_, _, _, m) in qa_rows(mk("The embargo lifted on Feb. 28."), ["D012"])] == [
        '"Feb. 28" is 2 days before publication (March 2, 2026); AP style uses the weekday ("Saturday")'
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Rovers beat United for first time since 2019",
        "Margaret Oduya, born 1935, dies at 91",
        "Rovers end 20-year wait, last won in 2006",
        "Inflation back to 2019 levels",
        "Inquiry into 2024 floods reports",
        "Rovers beat United for first time since 2025",
        "Margaret Oduya, born 2025, dies",
        "Inflation back to 2025 levels",
        "Inquiry into 2025 floods reports",
        "Review of the 2025 season",
    ],
)
def test_retrospective_headline_years_are_not_reported(title):
    text = mk("Text.", date_value="2026-11-18T09:00:00Z", title=title)
    assert lint(text, select=["D010"], now="2026-11-19T00:00:00Z") == []


def test_stale_current_year_in_the_headline_is_reported():
    text = mk("Text.", date_value="2026-11-18T09:00:00Z", title="Council approves 2025 budget", summary="Budget for 2025.")
    assert [(f.line, f.column, f.message) for f in lint(text, select=["D010"], now="2026-11-19T00:00:00Z")] == [
        (2, 25, "Title mentions 2025 but the article is dated 2026 ('date' 2026-11-18T09:00:00Z)"),
        (5, 21, "Summary mentions 2025 but the article is dated 2026 ('date' 2026-11-18T09:00:00Z)"),
    ]


def test_relative_word_inside_a_quotation_gets_a_bracket_hint():
    text = mk("\"We'll enjoy tonight and go again tomorrow,\" manager Dave Hill said. It rained today.")
    found = lint(text, select=["D009"], now=QA_NOW)
    assert [(f.column, f.message, f.hint) for f in found] == [
        (
            14,
            "'tonight' in a quotation means the night of Monday, March 2, 2026 here",
            'Keep the quote; add the day in brackets after the word ("tonight [Monday]"): '
            "syndicated copy is read on other days",
        ),
        (
            35,
            "'tomorrow' in a quotation means Tuesday, March 3, 2026 here",
            'Keep the quote; add the day in brackets after the word ("tomorrow [Tuesday]"): '
            "syndicated copy is read on other days",
        ),
        (
            80,
            "'today' means Monday, March 2, 2026 here",
            'Write the day instead ("Monday" or "March 2, 2026"): syndicated copy is read on other days',
        ),
    ]


def test_iso_week_date_has_no_time_to_lack_a_timezone():
    assert lint(mk("Text.", date_value="2026-W09-1"), select=["D006"], now=QA_NOW) == []
    assert [f.code for f in lint(mk("Text.", date_value="2026-W09-1T09:00"), select=["D006"], now=QA_NOW)] == [
        "D006"
    ]


def test_iso_date_glued_to_letters_is_an_identifier_not_a_date():
    assert lint(mk("Case 2026-02-30-ABC was filed. Ref 2026-02-30x."), select=["D001"], now=QA_NOW) == []
    assert [f.column for f in lint(mk("Filed on 2026-02-30."), select=["D001"], now=QA_NOW)] == [10]


def test_relative_word_in_an_unclosed_quotation_or_a_quoted_title():
    text = mk('He said: "We meet tonight', title="'\"Vote today\", says mayor'")
    assert [(f.line, f.message) for f in lint(text, select=["D009"], now=QA_NOW)] == [
        (2, "'today' in a quotation means Monday, March 2, 2026 here"),
        (8, "'tonight' in a quotation means the night of Monday, March 2, 2026 here"),
    ]
