"""The same-line suppression comment `<!-- newsctl: disable-line CODE -->`."""

from __future__ import annotations

from tests.conftest import FRONT, lint


def located(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


def test_disable_line_silences_only_its_own_line():
    text = FRONT + (
        "The the vote was close. <!-- newsctl: disable-line H003 -->\n"
        "The the count was late.\n"
    )
    assert located(lint(text, select=["H003"])) == [("H003", 9, 1)]


def test_disable_line_names_only_the_rules_given():
    text = FRONT + "The the vote on [](https://example.com). <!-- newsctl: disable-line S009 -->\n"
    assert located(lint(text, select=["H003", "S009"])) == [("H003", 8, 1)]


def test_disable_line_accepts_categories_names_and_several_codes():
    text = FRONT + (
        "The the vote on [](https://example.com). <!-- newsctl: disable-line doubled-word, structure -->\n"
        "The the second. <!-- newsctl: disable-line hygiene -->\n"
    )
    assert lint(text, select=["H003", "S009"]) == []


def test_disable_line_without_codes_silences_every_rule_on_the_line():
    text = FRONT + "The the vote on [](https://example.com). <!-- newsctl: disable-line -->\n"
    assert lint(text, select=["H003", "S009"]) == []


def test_disable_line_on_a_heading_and_in_a_table_cell():
    text = FRONT + (
        "Lead.\n\n"
        "## Reaction\n\nWords.\n\n"
        "## Reaction <!-- newsctl: disable-line S004 -->\n\nMore words.\n\n"
        "| a | b |\n|---|---|\n| the the <!-- newsctl: disable-line H003 --> | the the |\n"
    )
    # the heading comment silences S004; the cell comment covers its whole table row
    assert located(lint(text, select=["S004", "H003"])) == []


def test_disable_line_at_the_end_of_a_wrapped_paragraph_covers_that_line_only():
    text = FRONT + "The the first line\nand the the second. <!-- newsctl: disable-line H003 -->\n"
    assert located(lint(text, select=["H003"])) == [("H003", 8, 1)]


def test_disable_line_is_a_known_directive_for_h006():
    text = FRONT + "Words. <!-- newsctl: disable-line H003 -->\n\nMore. <!-- newsctl: disable-lin H003 -->\n"
    findings = lint(text, select=["H006"])
    assert located(findings) == [("H006", 10, 7)]
    assert findings[0].message == "Unknown suppression directive 'disable-lin'"


def test_disable_line_with_a_misspelt_code_is_reported_by_h006():
    text = FRONT + "The the vote. <!-- newsctl: disable-line H03 -->\n"
    findings = lint(text, select=["H003", "H006"])
    assert [(f.code, f.message) for f in findings] == [
        ("H003", 'Doubled word: "The the"'),
        ("H006", "Suppression comment names 'H03', which matches no rule"),
    ]
