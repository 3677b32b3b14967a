"""Source decoding and the one parse: positions must be exact in the whole file."""

from __future__ import annotations

import frontmatter
import pytest

from newsctl.parse import parse_text
from newsctl.source import Source, SourceError
from tests.conftest import ARTICLES, article


def test_bom_and_crlf_are_normalised_without_moving_lines():
    src = Source.from_bytes("a.md", "\ufeffone\r\ntwo\rthree\n".encode())
    assert src.text == "one\ntwo\nthree\n"
    assert src.line_text(2) == "two"
    assert src.position(src.text.index("three")) == (3, 1)


def test_nul_byte_is_reported_with_its_position():
    with pytest.raises(SourceError) as err:
        Source.from_bytes("a.md", b"---\nab\x00c\n")
    assert (err.value.line, err.value.column) == (2, 3)
    assert "NUL byte" in err.value.message


def test_invalid_utf8_is_reported_with_line_and_column():
    with pytest.raises(SourceError) as err:
        Source.from_bytes("a.md", "---\ntitle: caf".encode() + b"\xe9\n")
    assert (err.value.line, err.value.column) == (2, 11)
    assert "0xe9" in err.value.message


def test_front_matter_keys_and_values_have_file_positions():
    a = parse_text("---\ntitle: Hello\ndate: 2024-03-06\nauthor:\n  - A\n  - B\n---\n\nLead.\n")
    f = a.front_matter.fields
    assert (f["title"].key_span.line, f["title"].key_span.column) == (2, 1)
    assert (f["title"].value_span.line, f["title"].value_span.column) == (2, 8)
    assert f["author"].value_span.line == 5
    assert a.meta.author == ("A", "B")
    assert a.meta.date_is_bare and a.meta.date.year == 2024
    assert a.body_line == 8


def test_dates_stay_strings_in_front_matter_and_are_typed_in_meta():
    a = parse_text("---\ndate: 2024-03-06T09:30:00+01:00\n---\n")
    assert a.front_matter.data["date"] == "2024-03-06T09:30:00+01:00"
    assert a.meta.date.utcoffset().total_seconds() == 3600


def test_inline_positions_map_to_the_file():
    a = article(
        """\
        Lead with [a link](https://example.org) and ![a cat](cat.jpg) here.
        > quoted *text* <b>x</b>
        """
    )
    lead = a.blocks[0]
    link = lead.inline.links[0]
    assert (link.span.line, link.span.column, link.span.end_column) == (8, 11, 40)
    assert link.text == "a link" and link.href == "https://example.org"
    img = lead.inline.images[0]
    assert (img.span.line, img.span.column) == (8, 45) and img.alt == "a cat"
    quote = a.blocks[1]
    assert quote.in_quote and quote.line == 9
    assert quote.inline.position(quote.inline.raw.index("quoted")) == (9, 3)
    tag = quote.inline.html[0]
    assert (tag.raw, tag.span.line, tag.span.column) == ("<b>", 9, 17)


def test_prose_blanks_markup_code_html_and_urls_but_keeps_offsets():
    a = article("Read `code` at https://example.org/x or <i>see</i> **this**.\n")
    inline = a.blocks[0].inline
    assert len(inline.prose) == len(inline.raw)
    assert inline.prose.split() == ["Read", "at", "or", "see", "this", "."]
    assert [s.text for s in a.sentences] == ["Read at or see this."]


def test_sections_tree_and_lead():
    a = article(
        """\
        Lead paragraph.

        ## One

        Text.

        ### One A

        More.

        ## Two
        """
    )
    titles = [(s.index, s.level, s.title, s.parent, s.line, s.end_line) for s in a.sections]
    assert titles == [
        (0, 0, "", None, 7, 9),
        (1, 2, "One", 0, 10, 17),
        (2, 3, "One A", 1, 14, 17),
        (3, 2, "Two", 0, 18, 18),
    ]
    assert [b.section for b in a.blocks] == [0, 1, 1, 2, 2, 3]


def test_sentences_have_spans_and_respect_abbreviations():
    a = article("The U.S. Senate met. Dr. Ruiz spoke to J. Smith at 9 a.m. on Monday. Was it late?\n")
    got = [(s.text, s.span.column, s.words) for s in a.sentences]
    assert got == [
        ("The U.S. Senate met.", 1, 4),
        ("Dr. Ruiz spoke to J. Smith at 9 a.m. on Monday.", 22, 11),
        ("Was it late?", 70, 3),
    ]


def test_code_blocks_and_tables_are_not_prose():
    a = article(
        """\
        Lead.

        ```
        Not prose at all.
        ```

        | a | b |
        |---|---|
        | c | d |
        """
    )
    assert [b.kind for b in a.blocks] == ["paragraph", "code", "table"]
    assert [s.text for s in a.sentences] == ["Lead."]
    assert [c.plain for c in a.blocks[2].cells] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.md")), ids=lambda p: p.name)
def test_front_matter_agrees_with_python_frontmatter(path):
    """python-frontmatter is the reference reader; our positions-keeping parse must agree."""
    ours = parse_text(path.read_text("utf-8"), str(path)).front_matter.data
    theirs = frontmatter.loads(path.read_text("utf-8")).metadata
    assert set(ours) == set(theirs)
    for key, value in theirs.items():
        assert ours[key] == (value if not hasattr(value, "isoformat") else ours[key])


def test_a_m_and_p_m_can_end_a_sentence():
    a = article("The vote came at 9 a.m. The mayor left at 5 p.m. on Friday. Then U.S. Senate staff arrived.\n")
    assert [s.text for s in a.sentences] == [
        "The vote came at 9 a.m.",
        "The mayor left at 5 p.m. on Friday.",
        "Then U.S. Senate staff arrived.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Cars go on sale across the U.S. The first arrive in spring.", ["Cars go on sale across the U.S.", "The first arrive in spring."]),
        ("The U.S. Senate met. It voted.", ["The U.S. Senate met.", "It voted."]),
        ("His answer was a firm no. Directors will meet. See No. 10 now.", ["His answer was a firm no.", "Directors will meet.", "See No. 10 now."]),
        ("She fell ill. Then she recovered. He moved to Springfield, Ill. in 2020.", ["She fell ill.", "Then she recovered.", "He moved to Springfield, Ill. in 2020."]),
        ("Judge J.R.R. Hamilton said no. The cat sat. Then it left on Sat. Nov. 21 for good.", ["Judge J.R.R. Hamilton said no.", "The cat sat.", "Then it left on Sat. Nov. 21 for good."]),
    ],
)
def test_sentence_ends_after_ambiguous_abbreviations(text, expected):
    from newsctl.text import split_sentences

    assert [text[a:b] for a, b in split_sentences(text)] == expected
