"""Readability rules R001-R006: exact codes, positions and messages."""

from __future__ import annotations

from tests.conftest import FRONT, lint

LONG = "Word " + " ".join(["word"] * 39) + "."  # one sentence of 40 one-syllable words


def test_long_sentence_position_and_message():
    text = FRONT + "Short start. " + LONG + "\n"
    found = lint(text, select=["R003"])
    assert [(f.code, f.line, f.column) for f in found] == [("R003", 8, 14)]
    assert found[0].message == 'Sentence has 40 words (limit 35): "Word word word word word word word word…"'
    assert found[0].end_line == 8 and found[0].end_column == 14 + len(LONG)


def test_long_sentence_on_a_continuation_line():
    text = FRONT + "First line of the paragraph ends.\nThen " + LONG + "\n"
    found = lint(text, select=["R003"])
    assert [(f.line, f.column) for f in found] == [(9, 1)]
    assert "41 words" in found[0].message


def test_long_sentence_limit_is_configurable_and_quotes_do_not_count():
    assert lint(FRONT + LONG + "\n", select=["R003"], max_sentence_words=40) == []
    quoted = FRONT + "“" + LONG[:-1] + ",” she said.\n"
    assert lint(quoted, select=["R003"]) == []
    found = lint(quoted, select=["R003"], exclude_quotes=False)
    assert [(f.line, f.column) for f in found] == [(8, 1)]
    assert "42 words" in found[0].message


def test_block_quotes_are_not_checked_unless_asked():
    text = FRONT + "> " + LONG + "\n"
    assert lint(text, select=["R003"]) == []
    assert [(f.line, f.column) for f in lint(text, select=["R003"], exclude_quotes=False)] == [(8, 3)]


def test_long_paragraph():
    para = " ".join(["Cats sleep all day long."] * 36)  # 180 words
    text = FRONT + "Intro line.\n\n" + para + "\n"
    found = lint(text, select=["R004"])
    assert [(f.code, f.line, f.column) for f in found] == [("R004", 10, 1)]
    assert found[0].message == "Paragraph has 180 words (limit 175)"
    assert lint(text, select=["R004"], max_paragraph_words=180) == []


HARD = (
    "Notwithstanding considerable institutional resistance, the commission recommended comprehensive "
    "restructuring of municipal administrative responsibilities."
)


def test_hard_article_and_hard_section():
    text = FRONT + "The cat sat on the mat today.\n\n## Policy\n\n" + HARD + "\n"
    found = lint(text, select=["R001", "R002"])
    assert [(f.code, f.line, f.column) for f in found] == [("R001", 8, 1), ("R002", 10, 1)]
    assert found[0].message == "Article reads at grade 21.9 (Flesch-Kincaid; limit 13; reading ease -44.4)"
    assert found[1].message == 'Section "Policy" reads at grade 34.0 (Flesch-Kincaid; limit 14)'
    assert found[1].severity.value == "info" and found[0].severity.value == "warning"
    assert lint(text, select=["R001", "R002"], max_grade=40, max_section_grade=40) == []


def test_easy_article_has_no_grade_findings():
    text = FRONT + "The cat sat on the mat. It was a sunny day in the park.\n"
    assert lint(text, select=["R"]) == []


def test_many_long_sentences():
    long = "Dog " + " ".join(["dog"] * 20) + "."
    text = FRONT + f"{long} The end is near now. {long} Short ones are fine here.\n"
    found = lint(text, select=["R005"])
    assert [(f.code, f.line, f.column) for f in found] == [("R005", 8, 1)]
    assert found[0].message == "2 of 4 sentences (50%) have more than 20 words (limit 25%)"
    assert lint(text, select=["R005"], max_long_sentence_percent=50) == []


def test_repeated_sentence_start():
    text = FRONT + "Intro here now.\n\nThe council met. The mayor spoke. The vote was close. They left.\n"
    found = lint(text, select=["R006"])
    assert [(f.code, f.line, f.column) for f in found] == [("R006", 10, 1)]
    assert found[0].message == '3 consecutive sentences start with "The"'


def test_repeated_start_counts_within_a_paragraph_only():
    # news paragraphs each open on their subject: three paragraphs starting "The" are not a run
    text = FRONT + "The council met on Monday.\n\nThe mayor spoke first.\n\nThe vote was close. The result stands.\n"
    assert lint(text, select=["R006"]) == []


def test_repeated_start_resets_at_headings_and_respects_limit():
    text = FRONT + "The council met. The mayor spoke.\n\n## Next\n\nThe vote was close.\n"
    assert lint(text, select=["R006"]) == []
    text = FRONT + "We met. WE spoke. We left.\n"
    assert [f.column for f in lint(text, select=["R006"])] == [1]
    assert lint(text, select=["R006"], same_start_sentences=4) == []


def test_headings_code_and_tables_are_not_measured():
    text = FRONT + "# " + " ".join(["word"] * 40) + "\n\n```\n" + LONG + "\n```\n\n| a |\n|---|\n| " + LONG + " |\n"
    assert lint(text, select=["R"]) == []


def test_suppression_comment_silences_readability():
    text = FRONT + "<!-- newsctl: disable-next-line R003 -->\n" + LONG + "\n"
    assert lint(text, select=["R003"]) == []


def test_partly_quoted_long_sentence_says_quotes_were_not_counted():
    text = FRONT + "“Yes,” " + LONG[0].lower() + LONG[1:] + "\n"
    found = lint(text, select=["R003"])
    assert [(f.line, f.column) for f in found] == [(8, 1)]
    assert found[0].message == 'Sentence has 40 words (limit 35; quotations not counted): "“Yes,” word word word word word word word…"'


def test_repeated_start_uses_the_first_word_as_written():
    text = FRONT + "“Go,” she said. “Now,” she said. She left.\n"
    assert lint(text, select=["R006"]) == []
    text = FRONT + "She said “go.” She said “now.” She left.\n"
    assert [f.message for f in lint(text, select=["R006"])] == ['3 consecutive sentences start with "She"']
