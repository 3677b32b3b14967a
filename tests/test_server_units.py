"""The language server's pure parts: positions, the disable-line edit, options, rule anchors, lazy imports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from newsctl import rulebook
from newsctl.parse import parse_text
from newsctl.server.analysis import Options, analyse
from newsctl.server.convert import Lines, rule_anchor
from newsctl.server.features import disable_line_edit
from tests.conftest import FRONT, ROOT

UTF8, UTF16, UTF32 = types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32


def lines_of(text: str, encoding: str = UTF16) -> Lines:
    return Lines(parse_text(text, "a.md").source, encoding)


@pytest.mark.parametrize(("encoding", "character"), [(UTF16, 3), (UTF8, 5), (UTF32, 2)])
def test_columns_count_code_units_of_the_negotiated_encoding(encoding: str, character: int):
    lines = lines_of("x\n😀a the the\n", encoding)  # U+1F600: 2 UTF-16 units, 4 UTF-8 bytes
    assert lines.position(2, 3) == types.Position(line=1, character=character)
    assert lines.from_lsp(types.Position(line=1, character=character)) == (2, 3)


def test_lines_break_where_lsp_breaks_them_not_at_form_feeds():
    # CR and CRLF end lines, as in LSP; a form feed or U+2028 does not (str.splitlines would split there)
    lines = lines_of("a\rb\r\nc\x0cd\u2028e\nf")
    assert lines.position(3, 3) == types.Position(line=2, character=2)
    assert lines.position(4, 1) == types.Position(line=3, character=0)
    assert lines.line_text(4) == "f"


def test_empty_ranges_are_widened_to_the_end_of_their_line_and_ends_are_clamped():
    lines = lines_of("first line\nsecond\n")
    assert lines.range(1, 1, 1, 1) == types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=10))
    assert lines.range(2, 1, 9, 9).end == types.Position(line=2, character=0)


def test_from_lsp_clamps_past_the_end_of_a_line():
    assert lines_of("abc\n").from_lsp(types.Position(line=0, character=99)) == (1, 4)


def edit_for(body: str, line_in_body: int, code: str = "H003") -> types.TextEdit | None:
    text = FRONT + body
    article = parse_text(text, "a.md")
    return disable_line_edit(article, Lines(article.source), FRONT.count("\n") + line_in_body, code)


def test_disable_comment_goes_at_the_end_of_the_line():
    edit = edit_for("The the vote.\n", 1)
    assert edit is not None and edit.new_text == " <!-- newsctl: disable-line H003 -->"
    assert edit.range.start == edit.range.end == types.Position(line=7, character=13)


def test_disable_comment_keeps_a_hard_line_break_last():
    spaces = edit_for("The the vote.  \nnext line\n", 1)
    assert spaces is not None and spaces.range.start.character == 13 and spaces.new_text.startswith(" <!--")
    backslash = edit_for("The the vote.\\\nnext line\n", 1)
    assert backslash is not None and backslash.range.start.character == 13
    assert backslash.new_text == " <!-- newsctl: disable-line H003 -->"


def test_disable_comment_joins_an_existing_one_and_knows_when_a_line_is_already_off():
    joined = edit_for("The the vote [](x). <!-- newsctl: disable-line S009 -->\n", 1)
    assert joined is not None and joined.new_text == " H003"
    assert joined.range.start.character == len("The the vote [](x). <!-- newsctl: disable-line S009")
    assert edit_for("The the vote. <!-- newsctl: disable-line -->\n", 1) is None
    assert edit_for("The the vote. <!-- newsctl: disable-line H003 -->\n", 1) is None


def test_no_disable_comment_in_front_matter_or_code():
    assert edit_for("```\nthe the\n```\n", 2) is None
    article = parse_text(FRONT + "Text.\n", "a.md")
    assert disable_line_edit(article, Lines(article.source), 2, "M009") is None


def test_options_are_checked_and_reported():
    options, problems = Options.from_json({"now": "2024-03-06", "rulesUrl": "https://x/rules.md", "debounceMs": 0})
    assert (options.now.isoformat(), options.rules_url, options.debounce_ms) == ("2024-03-06T00:00:00+00:00", "https://x/rules.md", 0)
    assert problems == []
    options, problems = Options.from_json({"debounceMs": -1, "rulesUrl": 3})
    assert options.debounce_ms == 100 and options.rules_url is None
    assert problems == [
        "initializationOptions.rulesUrl must be a string (a URL)",
        "initializationOptions.debounceMs must be a whole number of milliseconds, got -1",
    ]
    assert Options.from_json(None) == (Options(), [])


def test_every_rule_anchor_is_a_heading_of_the_rules_reference():
    headings = re.findall(r"^### ([MSDRH]\d{3} [a-z0-9-]+)$", (ROOT / "docs" / "rules.md").read_text("utf-8"), re.M)
    slugs = {h.lower().replace(" ", "-") for h in headings}  # GitHub's anchors for these headings
    assert {rule_anchor(r.code, r.name) for r in rulebook.all_rules()} <= slugs


def test_analysis_reads_settings_from_the_documents_directory(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_text('ignore = ["H003"]\n', encoding="utf-8")
    text = FRONT + "The the vote.\n"
    result = analyse((tmp_path / "a.md").as_uri(), text, 1, path=tmp_path / "a.md")
    assert result.config_path == tmp_path / "newsctl.toml"
    assert "H003" not in [f.code for f in result.findings]
    (tmp_path / "newsctl.toml").write_text("ignore = [\n", encoding="utf-8")
    broken = analyse((tmp_path / "a.md").as_uri(), text, 2, path=tmp_path / "a.md")
    assert broken.findings == [] and broken.config_error.startswith(f"{tmp_path / 'newsctl.toml'}: invalid TOML")


def test_lint_does_not_import_the_language_server():
    code = (
        "import sys\n"
        "from newsctl.cli.app import main\n"
        "sys.argv = ['newsctl', 'lint', '--exit-zero', '-q', 'articles/ostra-river-floods-velden.md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pygls', 'lsprotocol', 'cattrs', 'newsctl.server') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_disable_action_silences_its_finding_and_nothing_else_changes():
    """Apply each "Disable CODE for this line" edit to the sample articles: that finding goes, no other appears."""
    options = Options.from_json({"now": "2026-11-28T12:00:00Z"})[0]
    paths = sorted((ROOT / "articles").glob("*.md")) + sorted((ROOT / "tests" / "fixtures").glob("*.md"))
    tried = 0
    for path in paths:
        text = path.read_text("utf-8")
        before = analyse(path.as_uri(), text, 1, path=path, options=options)
        lines = Lines(before.article.source)
        for finding in before.findings:
            edit = disable_line_edit(before.article, lines, finding.line, finding.code)
            if edit is None:
                assert finding.line <= before.article.front_matter.end_line, (path.name, finding)
                continue
            tried += 1
            offset = lines.source.offset(*lines.from_lsp(edit.range.start))
            after = analyse(path.as_uri(), text[:offset] + edit.new_text + text[offset:], 2, path=path, options=options)
            key = lambda f: (f.code, f.line, f.column, f.message)  # noqa: E731
            silenced = {key(f) for f in before.findings if f.code == finding.code and f.line == finding.line}
            assert {key(f) for f in after.findings} == {key(f) for f in before.findings} - silenced, (path.name, finding)
    assert tried >= 20


def test_date_hovers_say_which_day_each_date_means():
    from newsctl.server.features import hover

    path = ROOT / "tests" / "fixtures" / "dates-problems.md"
    result = analyse(path.as_uri(), path.read_text("utf-8"), 1, path=path, options=Options.from_json({"now": "2023-03-07T12:00:00Z"})[0])
    lines = Lines(result.article.source)

    def date_part(text: str) -> str:
        mention = next(m for m in result.article.dates if m.text == text)
        shown = hover(result, lines, lines.position(mention.span.line, mention.span.column), None)
        return shown.contents.value.split("\n\n---\n\n")[-1]

    assert date_part("yesterday") == "**yesterday** means **Sunday, March 5, 2023** (counted from the publication date, Monday, March 6, 2023)"
    assert date_part("tonight") == "**tonight** means **the night of Monday, March 6, 2023** (counted from the publication date, Monday, March 6, 2023)"
    assert date_part("Monday") == (
        "**Monday**, a day without a date: the Monday on or before publication (March 6, 2023) is March 6, 2023, the next is March 13, 2023"
    )
    assert date_part("Monday, March 7, 2023") == (
        "**Monday, March 7, 2023** is **Tuesday, March 7, 2023**, 1 day after publication; that is a Tuesday, not a Monday"
    )
    assert date_part("Aug. 15, 2023") == "**Aug. 15, 2023** is **Tuesday, August 15, 2023**, 162 days after publication"
    assert date_part("February 29") == "**February 29**: no such date"


def test_fix_all_leaves_a_fix_that_overlaps_an_earlier_one_for_the_next_run():
    from dataclasses import replace

    from newsctl.findings import Edit, Finding, Fix, Severity
    from newsctl.server.features import fix_all

    text = FRONT + "aaaa bbbb cccc\n"
    result = analyse("file:///t/a.md", text, 1)
    base = Finding("a.md", 8, 1, 8, 5, "H003", "doubled-word", "hygiene", Severity.WARNING, "m")
    result.findings = [
        replace(base, fix=Fix("first", (Edit(8, 1, 8, 6, ""),))),
        replace(base, column=4, fix=Fix("overlaps the first", (Edit(8, 4, 8, 8, "X"),))),
        replace(base, column=11, fix=Fix("separate", (Edit(8, 11, 8, 15, "C"),))),
    ]
    action = fix_all(result, Lines(result.article.source))
    assert action.title == "Apply every safe newsctl fix (2)"
    assert [(e.range.start.character, e.range.end.character, e.new_text) for e in action.edit.changes["file:///t/a.md"]] == [
        (0, 5, ""),
        (10, 14, "C"),
    ]


def test_a_settings_error_points_at_the_file_it_is_about(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_text("ignroe = []\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pyproject.toml").write_text("[project]\nname = 'site'\n", encoding="utf-8")  # no [tool.newsctl]
    path = tmp_path / "site" / "a.md"
    result = analyse(path.as_uri(), FRONT + "Text.\n", 1, path=path)
    assert result.config_error == f"{tmp_path / 'newsctl.toml'}:1: unknown key 'ignroe' (did you mean 'ignore'?)"
    assert result.config_path == tmp_path / "newsctl.toml"


def test_a_byte_order_mark_kept_by_the_editor_shifts_line_one_only():
    source = parse_text("\ufeffthe the\nthe the\n", "a.md").source  # Source drops the mark
    lines = Lines(source, UTF16, bom=True)
    assert lines.position(1, 1) == types.Position(line=0, character=1)
    assert lines.position(2, 1) == types.Position(line=1, character=0)
    assert lines.from_lsp(types.Position(line=0, character=1)) == (1, 1)
