"""Wire text: the layout documented in docs/export.md, checked line by line."""

from __future__ import annotations

import pytest
from tests.conftest import article
from tests.export_helpers import FIXTURES, sample_articles

from newsctl.export import ExportOptions, render_article
from newsctl.export.text import to_ascii
from newsctl.parse import parse_file

HEAD = "Council approves budget\nBy Jane Doe\n6 March 2024 18:00 +01:00\n\n"


def text(markdown: str, **options) -> str:
    return render_article(article(markdown), "text", ExportOptions(**options))


def test_header_then_blank_line_then_body() -> None:
    assert text("One paragraph.\n") == HEAD + "One paragraph.\n"


def test_paragraphs_wrap_at_width_and_are_separated_by_blank_lines() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    out = text(f"{words}\n\nSecond.\n", width=24)
    assert out == HEAD + "alpha beta gamma delta\nepsilon zeta eta theta\niota kappa lambda mu\n\nSecond.\n"
    assert all(len(line) <= 24 for line in out.splitlines()[4:])


def test_long_words_and_urls_are_never_broken() -> None:
    url = "https://example.com/" + "x" * 80
    assert text(f"See <{url}> now.\n", width=30) == HEAD + f"See\n{url}\nnow.\n"


def test_headings_on_their_own_lines() -> None:
    assert text("Lead.\n\n## Reaction\nText.\n") == HEAD + "Lead.\n\nReaction\n\nText.\n"


def test_lists_with_dash_bullets_numbers_and_nesting() -> None:
    md = """\
    - one
    - two that is long enough to wrap around
      - nested

    3. three
    4. four
    """
    assert text(md, width=24) == HEAD + (
        "- one\n"
        "- two that is long\n"
        "  enough to wrap around\n"
        "  - nested\n"
        "\n"
        "3. three\n"
        "4. four\n"
    )


def test_block_quotes_are_indented() -> None:
    md = "> Quoted words that go on for a while.\n>\n> Second quoted paragraph.\n"
    assert text(md, width=24) == HEAD + (
        "    Quoted words that go\n    on for a while.\n\n    Second quoted\n    paragraph.\n"
    )


def test_links_become_numbered_references_listed_at_the_end() -> None:
    md = "See [the report](https://a.example/r) and [map](/m.pdf), [report again](https://a.example/r).\n"
    out = text(md, base_url="https://news.example/")
    assert out == HEAD + (
        "See the report [1] and map [2], report again [1].\n\n"
        "Links:\n[1] https://a.example/r\n[2] https://news.example/m.pdf\n"
    )


def test_autolinks_fragments_and_unsafe_links_get_no_reference() -> None:
    md = "Mail <desk@example.com>, see [below](#x) or [this](javascript:alert(1)).\n"
    assert text(md) == HEAD + "Mail desk@example.com, see below or this.\n"


def test_images() -> None:
    assert text("![A crane at dusk](c.jpg) and ![](d.jpg)\n") == HEAD + "[Image: A crane at dusk] and [Image]\n"


def test_code_is_indented_and_not_wrapped() -> None:
    md = "```\nx = 1  # a long line that is certainly longer than twenty characters\n```\n"
    assert text(md, width=24) == HEAD + "    x = 1  # a long line that is certainly longer than twenty characters\n"


def test_emphasis_markup_is_dropped_and_escapes_resolved() -> None:
    assert text("*em* **strong** ~~gone~~ `code` \\*lit\\* &amp;\n") == HEAD + "em strong gone code *lit* &\n"


def test_raw_html_becomes_its_text() -> None:
    md = "<div><p>Inside</p><script>alert(1)</script></div>\n\nAfter <b>bold</b>.\n"
    assert text(md) == HEAD + "Inside\n\nAfter bold.\n"


def test_table() -> None:
    md = "| Name | Votes |\n|---|--:|\n| Yes | 12 |\n| No | 3 |\n"
    assert text(md) == HEAD + "Name | Votes\n-----+------\nYes  |    12\nNo   |     3\n"


def test_hr_and_hard_break() -> None:
    assert text("a\\\nb\n\n---\n\nc\n") == HEAD + "a\nb\n\n* * *\n\nc\n"


def test_ascii() -> None:
    assert to_ascii("“Quote” ‘x’ — – … «y»\u00a0z") == "\"Quote\" 'x' -- - ... \"y\" z"
    out = render_article(parse_file(FIXTURES / "rich.md"), "text", ExportOptions(ascii=True))
    assert out.startswith('Harbour "reopens" after storm -- what changes...\n')
    assert not set("“”‘’—–…") & set(out)


def test_byline_and_dates_variants() -> None:
    front = "---\ntitle: T\ndate: 2024-03-06\nauthor: [A, B]\n---\n"
    out = render_article(article("Body.\n", front=front), "text")
    assert out == "T\nBy A and B\n6 March 2024\n\nBody.\n"
    bare = render_article(article("Body.\n", front="---\ntitle: Only a title\n---\n"), "text")
    assert bare == "Only a title\n\nBody.\n"


@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.name)
def test_every_line_fits_or_is_one_unbreakable_word(path) -> None:
    out = render_article(parse_file(path), "text", ExportOptions(width=60))
    body = out.split("\n\n", 1)[1]
    for line in body.splitlines():
        if line.startswith(("    ", "[")) or "|" in line or line == line.strip() == "":
            continue  # code, references and tables are not wrapped
        assert len(line) <= 60 or " " not in line.strip(), line
        assert line == line.rstrip()


def test_output_is_stable() -> None:
    path = FIXTURES / "rich.md"
    assert render_article(parse_file(path), "text") == render_article(parse_file(path), "text")
