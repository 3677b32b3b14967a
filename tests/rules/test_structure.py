"""Structure rules: failing and passing examples with exact lines."""

from __future__ import annotations

import pytest

from tests.conftest import FRONT, codes, lint


def body(text: str) -> str:
    return FRONT + text  # FRONT has 6 lines plus a blank: the body starts on line 8


def test_h1_in_body():
    assert codes(lint(body("# Headline\n\nLead.\n"), select=["S001"])) == [("S001", 8)]
    assert codes(lint(body("Lead.\n\nHeadline\n===\n"), select=["S001"])) == [("S001", 10)]
    assert lint(body("Lead.\n\n## Section\n\nText.\n"), select=["S001"]) == []


def test_skipped_heading_level():
    text = body("Lead.\n\n## A\n\nx\n\n#### B\n\ny\n\n### C\n\nz\n")
    findings = lint(text, select=["S002"])
    assert codes(findings) == [("S002", 14)]
    assert findings[0].message == "Heading level jumps from ## to ####"
    assert codes(lint(body("Lead.\n\n### Deep first\n\nx\n"), select=["S002"])) == [("S002", 10)]


def test_empty_section_at_end_and_before_same_level():
    text = body("Lead.\n\n## Empty\n\n## Full\n\nText.\n\n## Parent\n\n### Child\n\nText.\n\n## Last\n")
    assert codes(lint(text, select=["S003"])) == [("S003", 10), ("S003", 22)]


def test_section_with_only_empty_subsections_is_empty_too():
    text = body("Lead.\n\n## Parent\n\n### Child\n\n## Next\n\nText.\n")
    assert codes(lint(text, select=["S003"])) == [("S003", 10), ("S003", 12)]


def test_duplicate_heading_names_the_first():
    text = body("Lead.\n\n## Reaction\n\nx\n\n## reaction \n\ny\n")
    findings = lint(text, select=["S004"])
    assert codes(findings) == [("S004", 14)]
    assert "repeats the heading on line 10" in findings[0].message


def test_missing_lead():
    assert codes(lint(body("## Background\n\nText.\n"), select=["S005"])) == [("S005", 8)]
    assert codes(lint(body("# Headline\n\nLead under the H1.\n\n## A\n\nx\n"), select=["S005"])) == []
    assert codes(lint(body(""), select=["S005"])) == [("S005", 7)]
    findings = lint(body("- a list is not a lead\n\n## A\n\nx\n"), select=["S005"])
    assert [(f.line, f.message) for f in findings] == [(8, "No lead paragraph: the body opens with a list")]
    findings = lint(body("| a | b |\n|---|---|\n| 1 | 2 |\n"), select=["S005"])
    assert [(f.line, f.message) for f in findings] == [(8, "No lead paragraph: the body opens with a table")]


def test_long_section_counts_words_before_subheadings():
    para = " ".join(["word"] * 210) + ".\n\n"
    text = body("Lead.\n\n## Long\n\n" + para + para + "## Short\n\n" + para + "### Sub\n\n" + para)
    findings = lint(text, select=["S006"])
    assert codes(findings) == [("S006", 10)]
    assert findings[0].message == 'Section "Long" has 420 words without a subheading (limit 400)'
    assert lint(text, select=["S006"], max_section_words=500) == []


def test_long_title():
    title = "A" * 76
    text = FRONT.replace("Council approves budget", title) + "Lead.\n"
    findings = lint(text, select=["S007"])
    assert [(f.code, f.line, f.column, f.message) for f in findings] == [
        ("S007", 2, 8, "Title has 76 characters (limit 75)")
    ]
    assert lint(text, select=["S007"], max_title_length=80) == []


def test_image_missing_alt():
    text = body('Lead ![](a.jpg) and ![ok](b.jpg).\n\n<img src="c.jpg">\n\nText <img src="d.jpg" alt="d"> end.\n')
    findings = lint(text, select=["S008"])
    assert [(f.line, f.column) for f in findings] == [(8, 6), (10, 1)]


def test_empty_link_text():
    text = body("Lead [](https://a.example) and [ok](https://b.example) and <https://c.example>.\n")
    findings = lint(text, select=["S009"])
    assert [(f.code, f.line, f.column) for f in findings] == [("S009", 8, 6)]


def test_long_lead_is_info():
    text = body(" ".join(["word"] * 50) + ".\n")
    findings = lint(text, select=["S010"])
    assert [(f.code, f.line, f.severity.value, f.message) for f in findings] == [
        ("S010", 8, "info", "Lead paragraph has 50 words (limit 45)")
    ]
    assert lint(body("Short lead.\n"), select=["S010"]) == []


def test_s009_leaves_linked_images_to_their_alt_text():
    text = (
        "---\ntitle: T\ndate: 2024-01-01\nauthor: A\n---\n\n"
        'See [](https://x.org), [![Logo](l.png)](https://y.org) and [<img src="a.png" alt="A">](https://z.org).\n'
    )
    assert [(f.code, f.line, f.column) for f in lint(text, select=["S009"])] == [("S009", 7, 5)]


@pytest.mark.parametrize(
    "html, lines",
    [
        ('<img src="a.jpg" data-alt="x">', [10]),  # data-alt is not alt
        ('<img src="a.jpg" title="alt=x">', [10]),  # alt= inside a value is text
        ('<img src="a.jpg" title="a > b" alt="A chart">', []),  # a quoted > does not end the tag
        ('<IMG SRC="a.jpg">', [10]),  # upper case is the same tag
        ('<!-- <img src="a.jpg"> -->', []),  # commented out
        ('<div>\n<p>x</p>\n<img src="a.jpg">\n</div>', [12]),  # the line of the tag itself
    ],
)
def test_img_alt_is_read_from_the_parsed_tag(html, lines):
    findings = lint(body(f"Lead.\n\n{html}\n"), select=["S008"])
    assert [(f.line, f.column) for f in findings] == [(line, 1) for line in lines]


def test_inline_img_with_alt_after_a_quoted_angle_bracket_passes():
    assert lint(body('Lead <img src="a.jpg" title="1 > 0" alt="A chart"> end.\n'), select=["S008"]) == []
