"""Hygiene rules: leftovers, placeholders, doubled words, unsafe HTML."""

from __future__ import annotations

import pytest

from tests.conftest import FRONT, codes, lint


def body(text: str) -> str:
    return FRONT + text


@pytest.mark.parametrize(
    "phrase",
    [
        "Feel free to mix and match ideas or modify them to better suit your target audience!",
        "As an AI language model, I cannot predict elections.",
        "Certainly! Here is a revised version of the article.",
        "I hope this helps.",
        "Let me know if you’d like a shorter version.",
        "Here are some headline ideas for your story.",
    ],
)
def test_assistant_leftovers(phrase):
    findings = lint(body(f"Lead.\n\n{phrase}\n"), select=["H001"])
    assert codes(findings) == [("H001", 10)]
    assert findings[0].column == 1
    assert findings[0].message.startswith("Chat-assistant leftover: \"")


def test_assistant_phrases_in_code_are_not_prose():
    assert lint(body("Lead.\n\n```\nI hope this helps\n```\n\nText with `As an AI` inside.\n"), select=["H001"]) == []


def test_ordinary_prose_is_not_a_leftover():
    assert lint(body("Residents said they feel free to speak. We hope the help arrives.\n"), select=["H001"]) == []


@pytest.mark.parametrize(
    "text, column",
    [
        ("The fire destroyed TK homes.", 20),
        ("Quote from TKTK here.", 12),
        ("TODO: check the figure.", 1),
        ("The budget is FIXME million.", 15),
        ("Lorem ipsum dolor sit amet.", 1),
        ("The mayor, [insert name here], said no.", 12),
        ("Call XXX for details.", 6),
    ],
)
def test_placeholders(text, column):
    findings = lint(body(f"Lead.\n\n{text}\n"), select=["H002"])
    assert [(f.code, f.line, f.column) for f in findings] == [("H002", 10, column)]


def test_placeholder_lookalikes_pass():
    text = "The TKO came in round two. My todo list is long. Tk is a toolkit. The XXXL shirt sold out."
    assert lint(body(f"Lead.\n\n{text}\n"), select=["H002"]) == []


def test_placeholder_in_front_matter():
    text = FRONT.replace("summary: The council passed the budget.", "summary: TK") + "Lead.\n"
    assert codes(lint(text, select=["H002"])) == [("H002", 5)]


def test_doubled_word_with_fix_even_across_lines():
    findings = lint(body("The the council met.\nIt voted in\nin favour.\n"), select=["H003"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (8, 1, 'Doubled word: "The the"'),
        (9, 10, 'Doubled word: "in in"'),
    ]
    edit = findings[0].fix.edits[0]
    assert (edit.line, edit.column, edit.end_column, edit.content) == (8, 4, 8, "")


def test_legitimate_doubles_pass():
    assert lint(body("She had had enough. He said that that was final.\n"), select=["H003"]) == []


@pytest.mark.parametrize(
    "html, line, fragment",
    [
        ('<iframe src="javascript:alert(1)"></iframe>', 10, "<iframe>"),
        ('<script src="http://cdn.example.org/x.js"></script>', 10, "<script>"),
        ('<object data="x.swf"></object>', 10, "<object>"),
        ('<div>\n<img src="x.jpg" onerror="alert(1)">\n</div>', 11, "onerror"),
        ('<a href="javascript:alert(1)">x</a>', 10, "javascript:"),
    ],
)
def test_unsafe_html_blocks(html, line, fragment):
    findings = lint(body(f"Lead.\n\n{html}\n"), select=["H004"])
    assert [f.line for f in findings] == [line]
    assert fragment in findings[0].message


def test_script_code_in_the_body_is_raw_embed_advice():
    findings = lint(body("Lead.\n\n<script>alert(1)</script>\n"), select=["H004", "H007"])
    assert [(f.code, f.severity.value, f.line, f.message) for f in findings] == [
        ("H007", "info", 10, "Raw <script> tag in the body")
    ]


def test_unsafe_inline_html_and_links():
    findings = lint(body('Lead <span onclick="x()">a</span> and [b](javascript:alert(1)).\n'), select=["H004"])
    assert [(f.line, f.column) for f in findings] == [(8, 6), (8, 39)]


def test_safe_html_passes():
    assert lint(body('Lead <abbr title="x">UN</abbr>.\n\n<figure>\n<img src="a.jpg" alt="a">\n</figure>\n'), select=["H004"]) == []


def test_leftover_phrases_in_quotes_and_longer_phrases_are_not_reported():
    text = (
        "As an AI researcher for 20 years, Dr. Priya Desai said she had never seen such demand. "
        "\"Would you like me to show you the clean room?\" she asked visitors.\n\n"
        "\"Good question!\" the minister replied. The chatbot told him: \"I hope this helps.\"\n"
    )
    assert lint(body(f"Lead.\n\n{text}"), select=["H001"]) == []
    findings = lint(body("Lead.\n\nAs an AI language model, I cannot predict elections.\n"), select=["H001"])
    assert codes(findings) == [("H001", 10)]


def test_brand_names_and_roman_numerals_are_not_placeholders():
    text = "Shoppers at the nearby TK Maxx store queued. Fans bought shirts at the Super Bowl XXX shop."
    assert lint(body(f"Lead.\n\n{text}\n"), select=["H002"]) == []


def test_doubled_word_fix_is_only_offered_without_markup_in_between():
    findings = lint(body("He said the **the** cafe was shut.\n"), select=["H003"])
    assert codes(findings) == [("H003", 8)]
    assert findings[0].fix is None


def test_control_characters_are_reported_where_they_are():
    findings = lint(body("Lead.\n\nPasted from Word:\x0bline two \x1b[0m.\n"), select=["H005"])
    assert [(f.code, f.line, f.column, f.message) for f in findings] == [
        ("H005", 10, 18, "Invisible control character U+000B"),
        ("H005", 10, 28, "Invisible control character U+001B"),
    ]
    assert lint(body("Lead with\ta tab.\n"), select=["H005"]) == []


def test_javascript_url_hidden_with_entities_is_found():
    findings = lint(body('Lead.\n\n<a href="java&#9;script:alert(1)">x</a>\n'), select=["H004"])
    assert codes(findings) == [("H004", 10)]


def test_words_separated_by_a_url_or_code_are_not_doubled():
    text = "Read it here and https://example.org and there, or run `x` or not."
    assert lint(body(f"Lead.\n\n{text}\n"), select=["H003"]) == []


def test_unknown_codes_in_suppression_comments():
    text = body("Lead.\n\n<!-- newsctl: disable-next-line S03, H002 -->\nText TK.\n\nMore <!-- newsctl: disable bogus --> here.\n")
    findings = lint(text, select=["H006", "H002"])
    assert [(f.code, f.line, f.column, f.message) for f in findings] == [
        ("H006", 10, 1, "Suppression comment names 'S03', which matches no rule"),
        ("H006", 13, 6, "Suppression comment names 'bogus', which matches no rule"),
    ]


def test_doubled_names_are_not_doubled_words():
    text = "Fans of Duran Duran met in Walla Walla with Boutros Boutros-Ghali and ate mahi mahi."
    assert lint(body(f"Lead.\n\n{text}\n"), select=["H003"]) == []


def test_misspelt_directive_is_reported_and_suppresses_nothing():
    findings = lint(body("Lead.\n\n<!-- newsctl: disabel H003 -->\n\nTypo the the here.\n"), select=["H006", "H003"])
    assert [(f.code, f.line, f.message) for f in findings] == [
        ("H006", 10, "Unknown suppression directive 'disabel'"),
        ("H003", 12, 'Doubled word: "the the"'),
    ]


# Cases the old regexes over raw HTML got wrong and the HTML tokenizer (newsctl/htmlscan.py) gets right.
@pytest.mark.parametrize(
    "html, expected",
    [
        # a `>` inside a quoted value does not end the tag: the handler after it is found (an inline tag: its column)
        ('<a title="a > b" onclick="x()">x</a>', [("H004", 10, 1, "Inline event handler 'onclick' in HTML")]),
        # `onerror=` inside a quoted value is text, not an attribute
        ('<p title="say onerror=alert(1)">x</p>', []),
        # a URL written in the text (an article about XSS) is no link
        ('<p>Never write &lt;a href="javascript:go()"&gt; in a page.</p>', []),
        # commented-out markup is not loaded
        ('<!-- <script src="http://cdn.example.org/x.js"></script> -->', []),
        # an iframe written inside script code is script text; the script is the embed
        ("<script>document.write('<iframe src=\"http://x.example\">')</script>", [("H007", 10, 1, "Raw <script> tag in the body")]),
        # data-src is not src: an https embed stays advice
        ('<iframe data-src="http://old.example" src="https://player.example/v/1"></iframe>', [("H007", 10, 1, "Raw <iframe> embed in the body")]),
        # upper-case tags and attributes are the same tags
        ('<IFRAME SRC="JAVASCRIPT:alert(1)"></IFRAME>', [("H004", 10, 1, "Raw <iframe> tag in the body")]),
        ('<DIV ONMOUSEOVER="x()">x</DIV>', [("H004", 10, 6, "Inline event handler 'onmouseover' in HTML")]),
        # the script URL hidden with a named entity and a tab
        ('<a href="java&Tab;script&colon;alert(1)">x</a>', [("H004", 10, 1, "javascript: URL in HTML (hidden with entities or control characters)")]),
    ],
)
def test_html_is_read_as_browsers_read_it(html, expected):
    findings = lint(body(f"Lead.\n\n{html}\n"), select=["H004", "H007"])
    assert [(f.code, f.line, f.column, f.message) for f in findings] == expected


def test_inline_handler_after_a_quoted_angle_bracket_is_found():
    findings = lint(body('Lead <span title="1 > 0" onclick="x()">a</span>.\n'), select=["H004"])
    assert [(f.line, f.column, f.message) for f in findings] == [(8, 6, "Inline event handler 'onclick' in HTML")]


def test_hidden_javascript_url_is_reported_at_its_attribute():
    findings = lint(body('Lead.\n\n<div class="card">\n  <p>x</p><a href="&#106;avascript:go()">y</a>\n</div>\n'), select=["H004"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (11, 14, "javascript: URL in HTML (hidden with entities or control characters)")  # at href
    ]
