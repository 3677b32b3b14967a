"""The text report: clickable headlines, the source line with carets under the span."""

from __future__ import annotations

from newsctl.engine import FileResult, LintResult
from newsctl.findings import Finding, Severity
from newsctl.report import text as text_report


def finding(line: int, col: int, end_line: int, end_col: int, path: str = "a.md", hint: str | None = "Do this") -> Finding:
    return Finding(path, line, col, end_line, end_col, "H003", "doubled-word", "hygiene", Severity.WARNING, "Doubled word", hint)


def test_headline_and_excerpt():
    f = finding(2, 5, 2, 12)
    out = text_report.render(LintResult([FileResult("a.md", [f])]), sources={"a.md": "x\nThe the the end\n"})
    assert out == (
        "a.md:2:5: H003 warning: Doubled word [doubled-word]\n"
        "  |\n"
        "2 | The the the end\n"
        "  |     ^^^^^^^\n"
        "  = hint: Do this\n"
        "\n"
        "Found 1 warning in 1 of 1 file.\n"
    )


def test_tabs_and_wide_characters_keep_the_caret_under_the_span():
    text = "\t漢字 the the\n"
    f = finding(1, 5, 1, 12)
    lines = text_report.excerpt(text, f)
    assert lines[1] == "1 |     漢字 the the"
    assert lines[2] == "  |          ^^^^^^^"  # a tab is 4 columns, each wide character 2


def test_a_span_over_several_lines_is_marked_to_the_end_of_its_first_line():
    lines = text_report.excerpt("one two\nthree\n", finding(1, 5, 2, 3))
    assert lines[1:] == ["1 | one two", "  |     ^^^"]


def test_long_lines_are_shown_as_a_window_around_the_span():
    line = "x" * 300 + " the the " + "y" * 300
    lines = text_report.excerpt(line + "\n", finding(1, 302, 1, 309))
    assert lines[1].startswith("1 | …" + "x" * 19 + " the the") and lines[1].endswith("…")
    assert len(lines[1]) <= 4 + 1 + text_report.MAX_SOURCE_WIDTH + 1
    assert lines[2] == "  | " + " " * 21 + "^" * 7


def test_positions_outside_the_text_give_no_excerpt():
    assert text_report.excerpt("one\n", finding(9, 1, 9, 2)) == []
    f = finding(1, 1, 1, 1)  # an empty span still gets one caret
    assert text_report.excerpt("---\n", f)[2] == "  | ^"


def test_concise_and_colour():
    result = LintResult([FileResult("a.md", [finding(1, 1, 1, 4, hint=None)])])
    assert text_report.render_concise(result) == "a.md:1:1: H003 warning: Doubled word [doubled-word]\n"
    coloured = text_report.render(result, color=True, sources={"a.md": "the the\n"})
    assert "\x1b[33mwarning:\x1b[0m" in coloured and "\x1b[1;31m^^^\x1b[0m" in coloured
