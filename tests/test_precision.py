"""Findings an editor acts on: regression tests for the false and debatable findings seen on
real published copy (docs/precision.md), written as new sentences of the same kinds, next to
the true findings each rule must keep.

The articles here are dated Wednesday, March 6, 2024 (FRONT in conftest).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import FRONT, lint

ROOT = Path(__file__).resolve().parent.parent


def body(text: str) -> str:
    return FRONT + text


def found(text: str, code: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.message) for f in lint(body(text), select=[code])]


# --- H001: what an assistant says to its user, not what a writer says to readers ----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Questions about the pilot? Feel free to reach out to the project team at pilot@example.gov.",
        "If you are planning a similar study, feel free to ask us how we recruited participants.",
        "***Note:*** Feel free to mix and match the sample clauses above to fit your solicitation.",
        "Let me know if you have questions about the new schedule, the chief wrote to staff.",
        "Here are some ideas for making your next meeting shorter.",
        "We hope this guide helps your office plan its move.",
        "Tailor your message to better suit your target audience, the trainer advised.",
    ],
)
def test_writer_to_reader_speech_is_not_a_leftover(sentence):
    assert found(f"Lead.\n\n{sentence}\n", "H001") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Sure! Here's a news article about the harbour strike:",
        "Certainly! Here is a rewritten version of the article with a stronger lead.",
        "As an AI language model, I do not have opinions on the vote.",
        "I have rewritten the article to make it shorter and clearer.",
        "I've made the following changes to improve the flow.",
        "Would you like me to add quotes from the union?",
        "Let me know if you'd like any changes to the tone.",
        "Here are five headline options for your story.",
        "Please verify the figures and names before publishing.",
    ],
)
def test_assistant_to_user_speech_is_a_leftover_spanning_the_whole_paragraph(paragraph):
    findings = lint(body(f"Lead.\n\n{paragraph}\n\nThe strike ended at noon.\n"), select=["H001"])
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(10, 1, 10, len(paragraph) + 1)]
    # the fix deletes the paragraph and the blank line after it
    (edit,) = findings[0].fix.edits
    assert (edit.line, edit.column, edit.end_line, edit.end_column, edit.content) == (10, 1, 12, 1, "")


def test_leftover_is_the_whole_sentence_not_its_first_word():
    text = "The strike ended at noon. Sure! Here is the revised article you asked for. Workers returned.\n"
    findings = lint(body(text), select=["H001"])
    assert [(f.line, f.column, f.end_column, f.message) for f in findings] == [
        (8, 27, 75, 'Chat-assistant leftover: "Sure! Here is the revised article you asked for."')
    ]
    (edit,) = findings[0].fix.edits
    assert (edit.line, edit.column, edit.end_line, edit.end_column) == (8, 27, 8, 76)  # and the space after it


def test_title_label_on_the_first_line_of_the_body_is_a_leftover():
    text = "**Title:** Harbour strike ends after three days\n\nThe strike ended at noon.\n"
    findings = lint(body(text), select=["H001"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (8, 1, 'Chat-assistant leftover: "**Title:** Harbour strike ends after three days"')
    ]
    assert findings[0].fix.edits[0].end_line == 10
    # the same words lower down are the article's own
    assert found("The strike ended at noon.\n\nTitle: the union's word for a seniority grade.\n", "H001") == []


def test_a_quoted_chatbot_is_reported_speech_not_a_leftover():
    text = 'Asked about the strike, the city\'s chatbot replied: "As an AI language model, I cannot comment."\n'
    assert found(f"Lead.\n\n{text}", "H001") == []


# --- H002: placeholders used, not mentioned --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Designers fill early mock-ups with the familiar Lorem Ipsum text.",
        "The team stopped shipping pages that said “lorem ipsum” where the help text belonged.",
        "The audit plan is your security “TODO” list for the year.",
        "Developers left a TODO comment in the parser, the report found.",
        "> [Your agency] will provide office space, and [agency] staff will attend each review.",
        "Read the [background](  {{ '/2019/05/01/background/' | url }}) first.",
        "Script for moderators: “Here is the link we will use: [link]”.",
        "Women have XX chromosomes, the biology teacher explained.",
        "Use the [`number_of_words`][number-of-words-filter] filter to count them.",  # reference link, definition missing
    ],
)
def test_placeholder_mentions_and_sample_text_are_not_reported(sentence):
    assert found(f"Lead.\n\n{sentence}\n", "H002") == []


@pytest.mark.parametrize(
    "sentence, column, word",
    [
        ("[Insert quote from harbour master] said the strike was over.", 1, "[Insert quote from harbour master]"),
        ('"[Insert quote from mayor]," the mayor said.', 2, "[Insert quote from mayor]"),
        ("For more, contact [Your Name] at the press office.", 19, "[Your Name]"),
        ("The port lost XX percent of its traffic.", 15, "XX"),
        ("Repairs will cost $XX million.", 19, "$XX"),
        ("The strike is the longest since 19XX.", 33, "19XX"),
        ("Lorem ipsum dolor sit amet, the strike ended.", 1, "Lorem ipsum"),
        ("The union said TK workers had returned.", 16, "TK"),
    ],
)
def test_placeholders_used_as_text_are_reported(sentence, column, word):
    assert found(f"Lead.\n\n{sentence}\n", "H002") == [(10, column, f'Placeholder "{word}" left in the text')]


# --- H003: words said three times on purpose ------------------------------------------------------


def test_tripled_words_are_deliberate_doubled_words_are_typos():
    text = "The plan was, yada yada yada, approved. *Help help help*, said the inbox. It was was late.\n"
    assert found(text, "H003") == [(8, 78, 'Doubled word: "was was"')]


# --- H004 / H007: code in the copy versus a deliberate embed ---------------------------------------


def test_third_party_embed_is_info_advice_and_injected_code_is_an_error():
    text = (
        "Lead.\n\n"
        '<blockquote class="twitter-tweet"><a href="https://x.example/status/1">post</a></blockquote>\n'
        '<script async src="https://platform.twitter.example/widgets.js" charset="utf-8"></script>\n\n'
        '<iframe width="560" height="315"\n  src="https://www.video.example/embed/abc"></iframe>\n\n'
        '<img src="chart.png" alt="Chart" onload="track()">\n'
    )
    findings = lint(body(text), select=["H004", "H007"])
    assert [(f.code, f.severity.value, f.line, f.message) for f in findings] == [
        ("H007", "info", 11, "Raw <script> embed in the body"),
        ("H007", "info", 13, "Raw <iframe> embed in the body"),
        ("H004", "error", 16, "Inline event handler 'onload' in HTML"),
    ]


# --- D009: the publication day versus "nowadays"; weekday phrases ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Most agency sites serve encrypted traffic today.",
        "Those guidelines may look dated today, but they held up for a decade.",
        "Today, I'm the chief data officer of a small county.",
        "Today we'll look at how the survey was designed.",
        "In today's connected world, outages spread fast.",
        "She joined as an intern and still works there today.",
        "The library grew into the hub it is today.",
        "Ship the smallest change that works today and be ready to throw it away tomorrow.",
        "We had planned a demo for the next Thursday.",
        "Nobody can predict the needs of tomorrow.",
    ],
)
def test_today_meaning_nowadays_is_not_reported(sentence):
    assert found(f"Lead.\n\n{sentence}\n", "D009") == []


@pytest.mark.parametrize(
    "sentence, word, meaning",
    [
        ("Today, the agency launched its new permit portal.", "Today", "Wednesday, March 6, 2024"),
        ("Just today, the council published the audit.", "today", "Wednesday, March 6, 2024"),
        ("Today we're proud to announce a new fellowship.", "Today", "Wednesday, March 6, 2024"),
        ("Applications close at 5 p.m. today.", "today", "Wednesday, March 6, 2024"),
        ("The final vote is today.", "today", "Wednesday, March 6, 2024"),
        ("In yesterday's post we covered the survey.", "yesterday", "Tuesday, March 5, 2024"),
        ("The board met last Tuesday.", "last Tuesday", "Tuesday, February 27, 2024"),
        ("The board meets next Friday.", "next Friday", "Friday, March 15, 2024"),
        ("The board meets next Monday.", "next Monday", "Monday, March 11, 2024"),
        ("Send comments by next Monday.", "next Monday", "Monday, March 11, 2024"),
        ("The hearing is set for today.", "today", "Wednesday, March 6, 2024"),
        ("The results come out this Friday.", "this Friday", "Friday, March 8, 2024"),
        ("Crews worked through this week.", "this week", "the week of Monday, March 4, 2024"),
        ("The market reopens this weekend.", "this weekend", "the weekend of Saturday, March 9, 2024"),
    ],
)
def test_day_specific_words_are_reported_with_the_date(sentence, word, meaning):
    findings = lint(body(f"Lead.\n\n{sentence}\n"), select=["D009"])
    assert [f.message for f in findings] == [f"'{word}' means {meaning} here"]


def test_weekday_phrase_hint_names_the_date():
    (f,) = lint(body("Lead.\n\nThe board meets next Monday.\n"), select=["D009"])
    assert f.hint == 'Write the day instead ("Monday" or "March 11, 2024"): syndicated copy is read on other days'
    (f,) = lint(body('Lead.\n\n"We reopen next week," she said.\n'), select=["D009"])
    assert f.hint == (
        'Keep the quote; add the day in brackets after the word ("next week [the week of March 11, 2024]"): '
        "syndicated copy is read on other days"
    )


def test_dates_in_table_cells_are_checked_like_prose():
    text = "Lead.\n\n| Day | Session |\n| --- | --- |\n| Monday, March 5, 2024 | Budget |\n| Thursday, March 7, 2024 | Vote |\n"
    findings = lint(body(text), select=["D002"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (12, 3, '"Monday, March 5, 2024": March 5, 2024 is a Tuesday, not a Monday')
    ]


# --- D010: a year under review is last year on purpose --------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Transit agency: 2023 Year in Review",
        "Open Data Survey 2023 Results",
        "Fiscal Year 2023 Performance Report",
        "Library services: 2023 highlights",
        "In 2023, the port moved a record tonnage",
        "How the clinic reached new patients in 2023",
        "2023 was a record year for the port",
        "What 2023 taught the transit agency",
        "The library has grown since early 2023",
        "Ridership has doubled since late 2023",
    ],
)
def test_titles_looking_back_at_last_year_are_not_reported(title):
    assert lint(body("Lead.\n").replace("title: Council approves budget", f"title: {title}"), select=["D010"]) == []


def test_last_year_as_the_current_one_is_still_reported_once_per_field():
    text = body("Lead.\n").replace("title: Council approves budget", "title: Council sets 2023 budget and 2023 tax rate")
    assert [(f.line, f.column) for f in lint(text, select=["D010"])] == [(2, 21)]


# --- D011: participles and later notes are not past-tense reports ----------------------------------


def test_participle_before_a_modal_and_editors_notes_are_not_past_tense():
    text = (
        "Lead.\n\n"
        "In June 2025, the renewed certificate will expire.\n\n"
        "*Editor's note:* An audit published on May 2, 2025 found the same gap.\n\n"
        "The contract was signed on June 3, 2025.\n"
    )
    assert [(f.line, f.message) for f in lint(body(text), select=["D011"])] == [
        (14, '"June 3, 2025" is after the publication date (March 6, 2024) but is reported as past ("was signed")')
    ]


# --- S004 and R006: structure that is deliberate ---------------------------------------------------


def test_parallel_subheadings_under_different_parents_are_not_duplicates():
    text = (
        "Lead.\n\n## The commuter\n\n### Who they are\n\nText.\n\n## The student\n\n### Who they are\n\nText.\n\n"
        "### Who they are\n\nPasted twice.\n"
    )
    assert found(text, "S004") == [(22, 1, 'Heading "Who they are" repeats the heading on line 18')]


# --- make realworld ---------------------------------------------------------------------------------


def _realworld():
    spec = importlib.util.spec_from_file_location("realworld", ROOT / "scripts" / "realworld.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_realworld_skips_cleanly_without_the_archives(tmp_path, capsys):
    assert _realworld().main(["--dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"realworld: no archives in {tmp_path}; nothing to measure (skipped)\n"


def test_realworld_table_counts_per_100_articles_and_ci_failures(tmp_path, capsys):
    folder = tmp_path / "18f"
    folder.mkdir()
    front = "---\ntitle: T\ndate: 2024-03-06\n---\n\n"
    (folder / "a.md").write_text(front + "The fire destroyed TK homes.\n", "utf-8")
    (folder / "b.md").write_text(front + "The fire destroyed 14 homes.\n", "utf-8")
    assert _realworld().main(["--dir", str(tmp_path), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2 articles (2 18f)"
    assert "H002  error            1     50.0        1  placeholder-text" in out
    assert "Articles failing CI (an error, --fail-on error): 1 of 2 (50.0%)" in out


@pytest.mark.parametrize(
    "sentence, reported",
    [
        ("Today, good service has never been more important.", False),
        ("Today we'll share what the interviews showed.", False),
        ("The handbook has been released today.", True),
        ("Those rules may have been adequate today.", False),
        ("Today we'd like to point you to guides written by the archive.", False),
        ("Today, 300 libraries have adopted the lending code.", False),
        ("Today, the county has launched its permit portal.", True),
        ("Today, I begin every project by asking who it is for.", False),
        ("Today, we're taking a look back at the first year.", False),
        ("The new rules take effect today.", True),
        ("Today we publish the full data set.", True),
    ],
)
def test_today_with_perfect_tenses_and_modals(sentence, reported):
    assert bool(found(f"Lead.\n\n{sentence}\n", "D009")) is reported


def test_a_relative_word_quoted_on_its_own_is_a_figure_of_speech():
    assert found("Lead.\n\nThe fixes were needed “yesterday”, the manager joked.\n", "D009") == []
    assert [m for _, _, m in found('Lead.\n\n"We fixed it yesterday," the manager said.\n', "D009")] == [
        "'yesterday' in a quotation means Tuesday, March 5, 2024 here"
    ]


# --- R004 / S006: an interviewee's answer is their words --------------------------------------------

LONG_ANSWER = " ".join(["We rebuilt the intake form with the caseworkers who use it every day."] * 15)  # 195 words


@pytest.mark.parametrize(
    "before",
    [
        "**Q:** How did you start the project?\n\n**A:** ",
        "**Maria Lopez:** ",
        "*What did you learn from the first pilot?*\n\n",
        "## What surprised you most?\n\n",
    ],
)
def test_long_interview_answers_are_not_long_paragraphs(before):
    assert lint(body(f"Lead.\n\n{before}{LONG_ANSWER}\n"), select=["R004"]) == []


def test_long_paragraph_of_the_writer_is_still_reported():
    text = f"Lead.\n\n## What the audit found\n\n{LONG_ANSWER}\n"
    assert [(f.line, f.message) for f in lint(body(text), select=["R004"])] == [(12, "Paragraph has 195 words (limit 175)")]


def test_section_answering_a_question_to_you_is_not_a_long_section():
    answer = "\n\n".join([LONG_ANSWER] * 3)
    assert lint(body(f"Lead.\n\n## How did you get into public service?\n\n{answer}\n"), select=["S006"]) == []
    findings = lint(body(f"Lead.\n\n## How the county rebuilt intake\n\n{answer}\n"), select=["S006"])
    assert [f.message for f in findings] == ['Section "How the county rebuilt intake" has 585 words without a subheading (limit 400)']


def test_an_assistant_paste_is_found_from_top_to_bottom():
    text = (
        "---\ntitle: Harbour strike ends\ndate: 2026-03-04T09:00:00+01:00\nauthor: Jane Doe\n"
        "summary: Dock workers returned after three days.\n---\n\n"
        "Sure! Here's a news article about the harbour strike:\n\n"
        "**Title:** Harbour strike ends after three days\n\n"
        "Dock workers returned to work last Tuesday, the union said. [Insert quote from harbour master]\n\n"
        "The port lost XX percent of its traffic. Today, most cargo moves in containers.\n\n"
        "| Day | Event |\n| --- | --- |\n| Monday, March 3, 2026 | Talks resume |\n\n"
        "I hope this helps! Let me know if you'd like any changes to the tone.\n"
    )
    findings = lint(text, now="2026-03-05T00:00:00Z", select=["H", "D"])
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("H001", 8, 1),
        ("H001", 10, 1),
        ("D009", 12, 31),
        ("H002", 12, 61),
        ("H002", 14, 15),
        ("D002", 18, 3),
        ("H001", 20, 1),
    ]
    assert findings[2].message == "'last Tuesday' means Tuesday, February 24, 2026 here"


def test_skipped_level_after_the_title_says_so():
    text = "Lead.\n\n### Who should attend\n\nEveryone.\n\n# Appendix\n\n### Notes\n\nMore.\n"
    assert [m for _, _, m in found(text, "S002")] == [
        "Heading level jumps from # (the title) to ###",
        "Heading level jumps from # to ###",
    ]


def test_a_line_introducing_an_article_is_a_leftover_only_at_the_top():
    assert [line for line, _, _ in found("Here's a news article about the harbour strike:\n\nThe strike ended.\n", "H001")] == [8]
    lower = "The strike ended.\n\nHere's an article about how the union organised:\n\n- [The organisers' guide](https://example.org)\n"
    assert found(lower, "H001") == []


def test_an_interviewee_saying_sure_is_not_an_assistant():
    text = "**Q:** Can you give an example?\n\n**A:** Sure! Here's one: we cut the form from ten pages to two.\n"
    assert found(f"Lead.\n\n{text}", "H001") == []
    assert found("Lead.\n\nGreat question! Here's what we recommend for small offices.\n", "H001") == []


def test_hoping_it_helps_readers_is_not_a_sign_off():
    assert found("Lead.\n\nI hope this helps other agencies avoid our mistakes.\n", "H001") == []
    assert [line for line, _, _ in found("Lead.\n\nI hope this helps!\n", "H001")] == [10]


def test_one_verb_for_two_days():
    assert [m for _, _, m in found("Lead.\n\nTalks ran yesterday and today.\n", "D009")] == [
        "'yesterday' means Tuesday, March 5, 2024 here",
        "'today' means Wednesday, March 6, 2024 here",
    ]
